from koers.organisaties import koppelingen


class VerwerkingenConfig(koppelingen.KoersAppConfig):
    name = "koers.verwerkingen"
    verbose_name = "Verwerkingenlogging"
    # No section on the case page: the log is for the privacy officer.
    menu = True
    anonimiseren = True  # the engine itself, with the central REGELS

    def ready(self):
        from django.core.signals import request_finished, request_started

        request_started.connect(_kanaal_van_verzoek, dispatch_uid="verwerkingen_kanaal_van")
        request_finished.connect(_kanaal_terug, dispatch_uid="verwerkingen_kanaal_terug")

        from koers.verwerkingen import checks, register  # noqa: F401  (checks register themselves)

        register.verbind()

        from django.db.models.signals import post_migrate

        post_migrate.connect(_kop_aanwezig, sender=self, dispatch_uid="verwerkingen_kop")


def _kop_aanwezig(sender, apps=None, using="default", **kwargs):
    """The chain's head row, which migration 0001 made, exists after every migrate and
    after ``flush``: that empties every table and then sends post_migrate again (without
    the migration state: the models as they are)."""
    from django.apps import apps as huidige_apps

    from koers.verwerkingen.rules import BEGIN_HASH

    apps = apps or huidige_apps
    try:
        kop = apps.get_model("verwerkingen", "Kop")
    except LookupError:  # migrated back to before the log existed
        return
    kop.objects.using(using).get_or_create(pk=1, defaults={"laatste_hash": BEGIN_HASH})


def _kanaal_van_verzoek(sender, environ=None, scope=None, **kwargs):
    """Every request sets the channel of what it logs: 'api' under /api/, else 'ui'. (No
    middleware needed; the case-loading helpers set it again, to be sure.)"""
    from koers.verwerkingen.context import KANAAL

    pad = (environ or {}).get("PATH_INFO") or (scope or {}).get("path") or ""
    KANAAL.set("api" if pad.startswith("/api/") else "ui")


def _kanaal_terug(sender, **kwargs):
    """A thread serves many requests: after each one the channel is 'job' again."""
    from koers.verwerkingen.context import KANAAL

    KANAAL.set("job")
