"""Who may open the home page: every role of the office; what it shows is asked of each
app's own policy (the Renja, realisation and registry policies) by the view."""

from kesos.akun.access import SEMUA_PERAN, Aturan, Kebijakan, daftarkan

BERANDA = daftarkan(Kebijakan("beranda", {"lihat": Aturan(SEMUA_PERAN)}))
