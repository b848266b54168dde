from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kesos.api"
    verbose_name = "API"
