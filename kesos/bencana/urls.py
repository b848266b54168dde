from django.urls import path

from . import views

app_name = "bencana"
urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("kejadian/baru/", views.kejadian_baru, name="kejadian-baru"),
    path("kejadian/<int:pk>/", views.kejadian_detail, name="kejadian"),
    path("kejadian/<int:pk>/status/", views.kejadian_status, name="kejadian-status"),
    path("kejadian/<int:pk>/korban/", views.kejadian_korban, name="kejadian-korban"),
    path("kejadian/<int:pk>/korban/taut/", views.kejadian_korban_taut, name="kejadian-korban-taut"),
    path("kejadian/<int:pk>/bantuan/", views.bantuan_baru, name="bantuan-baru"),
    path("stok/", views.stok, name="stok"),
    path("stok/opname/<int:gudang>/", views.opname, name="opname"),
    path("stok/kartu/<int:barang>/<int:gudang>/", views.kartu_stok, name="kartu-stok"),
    path("tagana/", views.tagana, name="tagana"),
    path("peta/", views.peta, name="peta"),
    path("grafik.<str:fmt>", views.grafik, name="grafik"),
    path("ekspor.xlsx", views.ekspor, name="ekspor"),
    path("capaian/", views.capaian, name="capaian"),
]
