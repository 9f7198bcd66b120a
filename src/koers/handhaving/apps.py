from django.apps import AppConfig


class HandhavingConfig(AppConfig):
    name = "koers.handhaving"
    verbose_name = "Handhaving"
