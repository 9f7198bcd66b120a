from django.apps import AppConfig


class ModulesConfig(AppConfig):
    name = "koers.modules"
    verbose_name = "PVT en MAP"
