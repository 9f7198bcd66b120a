from django.apps import AppConfig


class InburgeraarsConfig(AppConfig):
    name = "koers.inburgeraars"
    verbose_name = "Inburgeraars en trajecten"
