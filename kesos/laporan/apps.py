from django.apps import AppConfig


class LaporanConfig(AppConfig):
    name = "kesos.laporan"
    verbose_name = "Laporan"
