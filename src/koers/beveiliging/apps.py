from django.db.models.signals import post_delete

from koers.organisaties import koppelingen


class BeveiligingConfig(koppelingen.KoersAppConfig):
    name = "koers.beveiliging"
    label = "beveiliging"
    verbose_name = "Beveiliging"

    def ready(self):
        from koers.beveiliging import inlogpogingen
        from koers.beveiliging.models import Blokkade

        post_delete.connect(
            inlogpogingen.blokkade_opgeheven,
            sender=Blokkade,
            dispatch_uid="koers_blokkade_opgeheven",
        )
