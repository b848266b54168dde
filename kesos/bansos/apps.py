from django.apps import AppConfig


class BansosConfig(AppConfig):
    name = "kesos.bansos"
    verbose_name = "Bantuan sosial"
