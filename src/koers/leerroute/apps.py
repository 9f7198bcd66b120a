from django.apps import AppConfig


class LeerrouteConfig(AppConfig):
    name = "koers.leerroute"
    verbose_name = "Leerroute"
