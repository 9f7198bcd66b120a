from koers.organisaties import koppelingen


class LeerrouteConfig(koppelingen.KoersAppConfig):
    name = "koers.leerroute"
    verbose_name = "Leerroute"
    casus = True
    urls = True
    api_urls = True
    demo = True
    signalen = True

    def ready(self):
        from koers.inburgeraars.signals import traject_gewijzigd

        traject_gewijzigd.connect(_traject_gewijzigd, dispatch_uid="leerroute_zroute")


def _traject_gewijzigd(sender, traject, wat, pip=None, uitslagen=None, **kwargs):
    """A new PIP, new termijn dates or any step on the timeline (among them DUO's changed
    partial ontheffing, which koers.duo.handlers records there) change the Z-route's plan
    (norm, line, signal); DUO's exam results (``duo_examens``) are stored as rows."""
    from koers.inburgeraars.signals import DUO_EXAMENS
    from koers.leerroute.services import bewaar_duo_examens, zroute_bijwerken

    if wat == DUO_EXAMENS:
        bewaar_duo_examens(traject, uitslagen or [])
        return
    zroute_bijwerken(traject, pip)
