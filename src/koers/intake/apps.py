from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "koers.intake"
    verbose_name = "Brede intake"
