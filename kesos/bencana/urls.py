from django.urls import path

from . import views

app_name = "bencana"
urlpatterns = [
    path("", views.beranda, name="beranda"),
]
