from koers.organisaties import koppelingen


class BrpConfig(koppelingen.KoersAppConfig):
    name = "koers.brp"
    verbose_name = "BRP-keten"
    casus = True
    urls = True
    api_urls = True
    signalen = True
    anonimiseren = True

    def ready(self):
        from django.db.models.signals import post_save

        from koers.brp.services import bij_inburgeraar_opgeslagen
        from koers.inburgeraars.models import Inburgeraar

        # A new person, from DUO or by aanmelding, is queued for a BRP fetch in the same
        # transaction; the core does not know the BRP.
        post_save.connect(
            bij_inburgeraar_opgeslagen, sender=Inburgeraar, dispatch_uid="brp_ophalen"
        )
