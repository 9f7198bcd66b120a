"""Signals follow every change of a case: each step recorded on the timeline
(koers.inburgeraars.services.registreer) recomputes that case once, after the commit."""

import contextlib
from datetime import date
from unittest import mock

import time_machine
from django.db import transaction

from koers.inburgeraars import services
from koers.inburgeraars.models import Gebeurtenis, Traject
from koers.monitoring.models import Signaal


@time_machine.travel("2026-11-01 12:00 +01:00", tick=False)
def test_elke_stap_op_de_tijdlijn_werkt_de_signalen_bij(
    traject_weert, adviseur_weert, django_capture_on_commit_callbacks
):
    # A change that bypasses the services: no signal yet.
    Traject.objects.filter(pk=traject_weert.pk).update(volgende_deadline=date(2026, 11, 5))
    assert not Signaal.objects.filter(traject=traject_weert).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.registreer(
            traject_weert, Gebeurtenis.Soort.GEGEVENS, "Telefoon gewijzigd", adviseur_weert
        )
    signaal = Signaal.objects.get(traject=traject_weert, soort="pip_deadline", actief=True)
    assert signaal.vervaldatum == date(2026, 11, 5)


def test_een_keer_per_transactie(traject_weert, adviseur_weert, django_capture_on_commit_callbacks):
    with (
        mock.patch("koers.monitoring.engine.bereken_voor") as bereken_voor,
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        for stap in ("een", "twee", "drie"):
            services.registreer(traject_weert, Gebeurtenis.Soort.GEGEVENS, stap)
    bereken_voor.assert_called_once_with({traject_weert.pk})


def test_teruggedraaide_transactie_berekent_niets(
    traject_weert, adviseur_weert, django_capture_on_commit_callbacks
):
    with (
        mock.patch("koers.monitoring.engine.bereken_voor") as bereken_voor,
        django_capture_on_commit_callbacks(execute=True),
    ):
        with contextlib.suppress(RuntimeError), transaction.atomic():
            services.registreer(traject_weert, Gebeurtenis.Soort.GEGEVENS, "weg")
            raise RuntimeError
        services.registreer(traject_weert, Gebeurtenis.Soort.GEGEVENS, "blijft")
    bereken_voor.assert_called_once_with({traject_weert.pk})
