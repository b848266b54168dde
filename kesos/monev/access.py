"""Who may record and correct the realisation of the office's plan (built on ``akun.access``).

Realisation belongs to the office's plan, not to an area: the planner (or an admin) records
and submits it; once a quarter is submitted and locked, only the kepala dinas (or an admin)
corrects it. Kecamatan operators read it like everyone else but do not record it.
"""

from django.utils.translation import gettext_lazy as _

from kesos.akun.access import (
    PEMBACA_RENCANA,
    PENETAP_RENCANA,
    PENGGUNA_RENCANA,
    PENYUSUN_RENCANA,
    Aturan,
    Kebijakan,
    daftarkan,
)

REALISASI = daftarkan(
    Kebijakan(
        "realisasi",
        {
            "lihat": Aturan(PEMBACA_RENCANA),
            "menu": Aturan(PENGGUNA_RENCANA),  # Evaluasi in the site's menu
            "catat": Aturan(PENYUSUN_RENCANA, pesan=_("Hanya perencana yang mencatat realisasi Renja.")),
            "ajukan": Aturan(
                PENYUSUN_RENCANA, pesan=_("Hanya perencana yang mengajukan realisasi triwulan.")
            ),
            "koreksi": Aturan(
                PENETAP_RENCANA, pesan=_("Realisasi yang sudah diajukan hanya dikoreksi oleh Kepala Dinas.")
            ),
        },
    )
)
