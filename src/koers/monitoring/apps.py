from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "koers.monitoring"
    verbose_name = "Voortgang en signalen"

    def ready(self):
        from koers.inburgeraars.signals import traject_gewijzigd

        traject_gewijzigd.connect(_traject_gewijzigd, dispatch_uid="monitoring_traject_gewijzigd")


def _traject_gewijzigd(sender, traject, wat, **kwargs):
    """A vastgesteld PIP (re)plans the voortgangsgesprekken in the same transaction; so do
    DUO's new termijn dates (the planning ends at the termijn's end). The case's signals are
    recomputed once the change has committed."""
    from django.db import transaction

    from koers.inburgeraars import signals
    from koers.monitoring.models import Gespreksplanning
    from koers.monitoring.services import bereken_na_wijziging, plan_gesprekken

    if wat == signals.GEBEURTENIS:
        bereken_na_wijziging([traject.pk])
        return
    if wat == signals.TERMIJN:
        Gespreksplanning.objects.filter(traject_id=traject.pk).delete()
    elif wat != signals.PIP_VASTGESTELD:
        return
    with transaction.atomic():
        plan_gesprekken([traject.pk])
    bereken_na_wijziging([traject.pk])
