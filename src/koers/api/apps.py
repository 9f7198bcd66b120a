from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "koers.api"
    verbose_name = "API"
