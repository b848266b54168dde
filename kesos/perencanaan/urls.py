from django.urls import path

from . import views

app_name = "perencanaan"
urlpatterns = [
    path("renja/", views.beranda, name="beranda"),
    path("renja/<int:pk>/", views.renja_detail, name="renja"),
    path("renja/<int:pk>/periksa/", views.renja_periksa, name="periksa"),
    path("renja/<int:pk>/terima-jumlah/", views.renja_terima_jumlah, name="terima-jumlah"),
    path("renja/<int:pk>/unduh.xlsx", views.renja_unduh, name="unduh"),
    path("renja/<int:pk>/lanjutkan/", views.renja_lanjutkan, name="lanjutkan"),
    path("renja/<int:pk>/petakan/", views.renja_petakan, name="petakan"),
    path("renja/<int:pk>/nasional/", views.renja_nasional, name="nasional"),
    path("renja/<int:pk>/tambah/<str:level>/", views.baris_tambah, name="baris-tambah"),
    path("renja/impor/", views.renja_impor, name="impor"),
    path("nomenklatur/", views.nomenklatur, name="nomenklatur"),
    path("baris/<int:pk>/ubah/", views.baris_ubah, name="baris-ubah"),
    path("baris/<int:pk>/hapus/", views.baris_hapus, name="baris-hapus"),
    path("baris/<int:pk>/pindah/", views.baris_pindah, name="baris-pindah"),
    path("baris/<int:pk>/riwayat/", views.baris_riwayat, name="baris-riwayat"),
]
