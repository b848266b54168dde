from django.apps import AppConfig


class BencanaConfig(AppConfig):
    name = "kesos.bencana"
    verbose_name = "Bencana"

    def ready(self) -> None:
        from .ukuran import daftarkan_ke_spm

        daftarkan_ke_spm()
