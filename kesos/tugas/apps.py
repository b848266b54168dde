from django.apps import AppConfig


class TugasConfig(AppConfig):
    name = "kesos.tugas"
    verbose_name = "Tugas latar belakang"
