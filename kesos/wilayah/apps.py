from django.apps import AppConfig


class WilayahConfig(AppConfig):
    name = "kesos.wilayah"
    verbose_name = "Wilayah"
