from django.apps import AppConfig


class RegistriConfig(AppConfig):
    name = "kesos.registri"
    verbose_name = "Registri PMKS dan PSKS"
