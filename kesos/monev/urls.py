from django.urls import path

from . import views

app_name = "monev"
urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("<int:org>/tc29/<int:tahun>/", views.tc29, name="tc29"),
    path("<int:org>/tc29/<int:tahun>/unduh.xlsx", views.tc29_unduh, name="tc29-unduh"),
    path("<int:org>/anggaran/<int:tahun>/", views.anggaran, name="anggaran"),
    path("<int:org>/tren/<int:tahun>.<str:fmt>", views.grafik_tren, name="grafik-tren"),
    path("renja/<int:pk>/e81/", views.e81, name="e81"),
    path("renja/<int:pk>/e81/unduh.xlsx", views.e81_unduh, name="e81-unduh"),
    path("renja/<int:pk>/capaian.<str:fmt>", views.grafik_capaian, name="grafik-capaian"),
    path("renja/<int:pk>/realisasi/", views.realisasi_renja, name="realisasi"),
    path("renja/<int:pk>/realisasi/impor/", views.realisasi_impor, name="realisasi-impor"),
    path("baris/<int:pk>/triwulan/<int:triwulan>/", views.realisasi_form, name="realisasi-form"),
]
