"""The retention rule's dry run: which closed cases have passed their bewaartermijn."""

import datetime as dt

import time_machine
from django.core.management import call_command

from koers.avg.anonimisering import te_anonimiseren
from koers.inburgeraars import services as inburgeraar_services
from koers.verwerkingen.models import Bewaartermijn
from tests.factories import InburgeraarFactory, TrajectFactory


def _afgerond(gemeente, adviseur, op: dt.date):
    traject = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=gemeente), adviseur=adviseur)
    with time_machine.travel(dt.datetime.combine(op, dt.time(12)), tick=False):
        inburgeraar_services.wijzig_status(
            traject, "afgerond", adviseur, reden="verhuisd", toelichting="Verhuisd."
        )
    return traject


def test_dry_run_lists_cases_past_their_term(
    weert, adviseur_weert, traject_weert, django_assert_max_num_queries
):
    oud = _afgerond(weert, adviseur_weert, dt.date(2020, 6, 1))
    recent = _afgerond(weert, adviseur_weert, dt.date(2024, 6, 1))
    with django_assert_max_num_queries(3):
        rijen = te_anonimiseren(dt.date(2026, 11, 29))
    ids = [r[1] for r in rijen]
    assert oud.pk in ids and recent.pk not in ids and traject_weert.pk not in ids
    assert rijen[0][4] == dt.date(2025, 6, 1)


def test_a_gemeente_may_set_its_own_term(weert, adviseur_weert):
    recent = _afgerond(weert, adviseur_weert, dt.date(2024, 6, 1))
    Bewaartermijn.objects.create(gemeente=weert, jaren=2)
    assert [r[1] for r in te_anonimiseren(dt.date(2026, 11, 29))] == [recent.pk]


def test_command_changes_nothing(weert, adviseur_weert, capsys):
    oud = _afgerond(weert, adviseur_weert, dt.date(2020, 6, 1))
    with time_machine.travel(dt.datetime(2026, 11, 29, 12), tick=False):
        call_command("verwerkingen-bewaartermijn")
    uit = capsys.readouterr().out
    assert f"traject {oud.pk}" in uit and "Totaal: 1 zaken." in uit
    oud.refresh_from_db()
    assert oud.inburgeraar.bsn  # nothing anonymised
