from django.urls import path

from . import views

app_name = "registri"
urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("orang/", views.orang_daftar, name="daftar"),
    path("orang/ekspor/", views.orang_ekspor, name="ekspor"),
    path("orang/<int:pk>/", views.orang_detail, name="orang"),
    path("orang/<int:pk>/status/", views.orang_status, name="status"),
    path("orang/<int:pk>/verval/", views.orang_verval, name="orang-verval"),
    path("verval/", views.verval, name="verval"),
    path("verval/putaran/", views.verval_putaran, name="putaran"),
    path("data-terbuka/", views.data_terbuka, name="data-terbuka"),
    path("duplikat/", views.duplikat, name="duplikat"),
    path("duplikat/cari/", views.duplikat_cari, name="duplikat-cari"),
    path("impor/", views.impor, name="impor"),
    path("grafik/<str:jenis>.<str:fmt>", views.grafik, name="grafik"),
    path("duplikat/<int:pk>/", views.duplikat_putus, name="duplikat-putus"),
]
