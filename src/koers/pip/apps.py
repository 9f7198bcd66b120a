from django.apps import AppConfig


class PipConfig(AppConfig):
    name = "koers.pip"
    verbose_name = "Plan Inburgering en Participatie"
