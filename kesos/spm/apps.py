from django.apps import AppConfig


class SpmConfig(AppConfig):
    name = "kesos.spm"
    verbose_name = "Standar Pelayanan Minimal"
