from django.urls import path

from . import views

app_name = "spm"
urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("periksa/", views.periksa, name="periksa"),
    path("unduh.xlsx", views.unduh, name="unduh"),
    path("indikator/<int:pk>/isi/", views.isi, name="isi"),
]
