from django.apps import AppConfig


class MonevConfig(AppConfig):
    name = "kesos.monev"
    verbose_name = "Monitoring dan evaluasi"
