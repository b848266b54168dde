from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kesos.demo"
    verbose_name = "Data demo"
