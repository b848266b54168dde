from django.urls import path

from . import views

app_name = "tugas"
urlpatterns = [
    path("<int:pk>/", views.tugas_detail, name="detail"),
    path("<int:pk>/status/", views.tugas_status, name="status"),
    path("<int:pk>/laporan/", views.tugas_laporan, name="laporan"),
]
