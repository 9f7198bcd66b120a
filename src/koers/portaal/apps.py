from koers.organisaties import koppelingen

# Tigrinya is not in Django's LANG_INFO; the portal's language switcher and
# ``{% get_language_info %}`` need its names and direction (P).
TIGRINYA = {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"}


class PortaalConfig(koppelingen.KoersAppConfig):
    name = "koers.portaal"
    verbose_name = "Mijn Inburgering"
    casus = True
    urls = True
    api_urls = True
    demo = True
    signalen = True
    menu = True

    def ready(self):
        from django.conf.locale import LANG_INFO

        LANG_INFO.setdefault("ti", TIGRINYA)
        from koers.beveiliging.oidc import digid_ingelogd
        from koers.portaal import checks  # noqa: F401  (registers the system checks)
        from koers.portaal.sessie import na_digid

        digid_ingelogd.connect(na_digid, dispatch_uid="koers.portaal.digid")
