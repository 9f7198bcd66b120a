from django.apps import AppConfig


class BeveiligingConfig(AppConfig):
    name = "koers.beveiliging"
    label = "beveiliging"
    verbose_name = "Beveiliging"
