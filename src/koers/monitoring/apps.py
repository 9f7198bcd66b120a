from koers.organisaties import koppelingen


class MonitoringConfig(koppelingen.KoersAppConfig):
    name = "koers.monitoring"
    verbose_name = "Voortgang en signalen"
    casus = True
    menu = True
    urls = True
    api_urls = True
    demo = True

    def ready(self):
        from koers.inburgeraars.signals import traject_gewijzigd
        from koers.organisaties.signals import demo_geladen
        from koers.pip import beschikking

        traject_gewijzigd.connect(_traject_gewijzigd, dispatch_uid="monitoring_traject_gewijzigd")
        demo_geladen.connect(_demo_geladen, dispatch_uid="monitoring_demo_geladen")
        if _gesprekken_in_beschikking not in beschikking.TEKSTDELEN:
            beschikking.TEKSTDELEN.append(_gesprekken_in_beschikking)


def _demo_geladen(sender, **kwargs) -> dict:
    """The signals of the demo cases, as the worker's daily run would find them."""
    from koers.monitoring.engine import bereken_signalen

    return {"signalen": bereken_signalen().nieuw}


def _gesprekken_in_beschikking(pip) -> dict:
    """The beschikking's sentence about the voortgangsgesprekken follows the gemeente's
    Gespreksbeleid (its defaults when none is stored)."""
    from koers.monitoring import rules
    from koers.monitoring.services import beleid_van

    beleid = beleid_van(pip.traject.gemeente)
    return {"gesprekken_tekst": rules.gesprekken_tekst(beleid.maanden_jaar1, beleid.maanden_daarna)}


def _traject_gewijzigd(sender, traject, wat, **kwargs):
    """A vastgesteld PIP (re)plans the voortgangsgesprekken in the same transaction; so do
    DUO's new termijn dates (the planning ends at the termijn's end). The case's signals are
    recomputed once the change has committed."""
    from django.db import transaction

    from koers.inburgeraars import signals
    from koers.monitoring.models import Gesprekspauze, Gespreksplanning
    from koers.monitoring.services import bereken_na_wijziging, plan_gesprekken

    if wat == signals.GEBEURTENIS:
        bereken_na_wijziging([traject.pk])
        return
    if wat == signals.PAUZE:
        Gesprekspauze.objects.get_or_create(traject_id=traject.pk, van=kwargs["van"])
        bereken_na_wijziging([traject.pk])
        return
    if wat == signals.HERVAT:
        # The planned gesprekken after the pause move by its length.
        Gesprekspauze.objects.update_or_create(
            traject_id=traject.pk, van=kwargs["van"], defaults={"tot": kwargs["tot"]}
        )
        Gespreksplanning.objects.filter(traject_id=traject.pk).delete()
    elif wat == signals.TERMIJN:
        Gespreksplanning.objects.filter(traject_id=traject.pk).delete()
    elif wat != signals.PIP_VASTGESTELD:
        return
    with transaction.atomic():
        plan_gesprekken([traject.pk])
    bereken_na_wijziging([traject.pk])
