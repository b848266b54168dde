"""Who is offered the API's documentation in the site's menu (built on ``akun.access``).

Every endpoint asks its resource's own policy (``view.kebijakan``); this policy only says whose
work includes exchanging data with other systems, so that the menu offers them the API page.
"""

from kesos.akun.access import PENYUSUN_RENCANA, Aturan, Kebijakan, daftarkan

API = daftarkan(Kebijakan("api", {"menu": Aturan(PENYUSUN_RENCANA)}))
