from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "koers.monitoring"
    verbose_name = "Voortgang en signalen"
