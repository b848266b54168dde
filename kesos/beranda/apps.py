from django.apps import AppConfig


class BerandaConfig(AppConfig):
    name = "kesos.beranda"
    verbose_name = "Beranda"
