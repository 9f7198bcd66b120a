from django.apps import AppConfig


class ToegangConfig(AppConfig):
    name = "koers.toegang"
    verbose_name = "Toegang"
