from django.apps import AppConfig


class SturingConfig(AppConfig):
    name = "koers.sturing"
    verbose_name = "Sturing"
