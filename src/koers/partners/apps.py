from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "koers.partners"
    verbose_name = "Ketenpartners"
