from django.apps import AppConfig


class PerencanaanConfig(AppConfig):
    name = "kesos.perencanaan"
    verbose_name = "Perencanaan (Renja)"
