from django.apps import AppConfig


class RegistriConfig(AppConfig):
    name = "kesos.registri"
    verbose_name = "Registri PMKS dan PSKS"

    def ready(self) -> None:
        from .tugas import daftarkan

        daftarkan()
