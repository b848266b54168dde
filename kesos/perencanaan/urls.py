from django.urls import path

app_name = "perencanaan"
urlpatterns: list = []
