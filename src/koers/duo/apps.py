from koers.organisaties import koppelingen


class DuoConfig(koppelingen.KoersAppConfig):
    name = "koers.duo"
    verbose_name = "DUO-keten"

    def ready(self):
        from koers.duo.meldingen import bij_traject_gewijzigd
        from koers.inburgeraars.signals import traject_gewijzigd

        traject_gewijzigd.connect(bij_traject_gewijzigd, dispatch_uid="duo_meldingen")
