from django.apps import AppConfig


class NetwerkConfig(AppConfig):
    name = "koers.netwerk"
    verbose_name = "Netwerk"
