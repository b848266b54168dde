from django.urls import path

from . import views

app_name = "bansos"
urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("program/baru/", views.program_form, name="program-baru"),
    path("program/<int:pk>/", views.program_detail, name="program"),
    path("program/<int:pk>/ubah/", views.program_form, name="program-ubah"),
    path("program/<int:pk>/periode/", views.periode_tambah, name="periode-tambah"),
    path("program/<int:pk>/kelompok/", views.kelompok_tambah, name="kelompok-tambah"),
    path("program/<int:pk>/rumah/", views.rumah_tambah, name="rumah-tambah"),
    path("rumah/<int:pk>/kemajuan/", views.rumah_kemajuan, name="rumah-kemajuan"),
    path("periode/<int:pk>/siklus/", views.siklus_tambah, name="siklus-tambah"),
    path("periode/<int:pk>/cakupan/", views.cakupan, name="cakupan"),
    path("periode/<int:pk>/cakupan.xlsx", views.cakupan_unduh, name="cakupan-unduh"),
    path("periode/<int:pk>/cakupan.<str:fmt>", views.cakupan_grafik, name="cakupan-grafik"),
    path("periode/<int:pk>/belum/", views.belum, name="belum"),
    path("periode/<int:pk>/belum.xlsx", views.belum_unduh, name="belum-unduh"),
    path("periode/<int:pk>/daftar/", views.daftar, name="daftar"),
    path("periode/<int:pk>/peserta/", views.peserta, name="peserta"),
    path("periode/<int:pk>/impor/", views.impor, name="impor"),
    path("kepesertaan/<int:pk>/status/", views.kepesertaan_status, name="kepesertaan-status"),
    path("kepesertaan/<int:pk>/salur/", views.salur, name="salur"),
    path("siklus/<int:pk>/tutup/", views.siklus_tutup, name="siklus-tutup"),
    path("pengaduan/", views.pengaduan, name="pengaduan"),
    path("pengaduan/<int:pk>/", views.pengaduan_tindak, name="pengaduan-tindak"),
    path("periksa/", views.periksa, name="periksa"),
]
