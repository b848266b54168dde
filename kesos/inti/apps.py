from django.apps import AppConfig


class IntiConfig(AppConfig):
    name = "kesos.inti"
    verbose_name = "Inti"
