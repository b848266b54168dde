from django.apps import AppConfig


class AkunConfig(AppConfig):
    name = "kesos.akun"
    verbose_name = "Akun dan jejak audit"
