from django.apps import AppConfig


class LeerrouteConfig(AppConfig):
    name = "koers.leerroute"
    verbose_name = "Leerroute"

    def ready(self):
        from koers.inburgeraars.signals import traject_gewijzigd

        traject_gewijzigd.connect(_traject_gewijzigd, dispatch_uid="leerroute_zroute")


def _traject_gewijzigd(sender, traject, wat, pip=None, **kwargs):
    """A new PIP or new termijn dates change the Z-route's plan (norm, line, signal)."""
    from koers.leerroute.services import zroute_bijwerken

    zroute_bijwerken(traject, pip)
