"""The signal engine: new / update / close / snooze / reopen, each core source, a source of
another app, the query count, bereken_voor and the daily run."""

import sys
import types
from datetime import date, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from koers.duo import outbox
from koers.duo.models import Bericht
from koers.inburgeraars import rules as traject_rules
from koers.monitoring import bronnen, engine, services
from koers.monitoring.models import Engineloop, Signaal, Voortgangsgesprek
from koers.monitoring.signaalbron import Bron
from koers.toegang.policy import Sectie
from tests.factories import InburgeraarFactory, TrajectFactory

VANDAAG = date(2026, 10, 1)


def open_soorten(traject, *, lbt=False):
    """The kinds of the case's open signals (without "LBT missing" unless asked: many test
    cases have no intake)."""
    qs = Signaal.objects.filter(
        traject=traject, actief=True, status="open", soort__in=[b.soort for b in bronnen.BRONNEN]
    )
    if not lbt:
        qs = qs.exclude(soort="lbt_ontbreekt")
    return sorted(qs.values_list("soort", flat=True))


def zaak(gemeente, **traject):
    return TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=gemeente), **traject)


def met_pip_deadline(gemeente, deadline: date, status="aangemeld"):
    start = deadline - traject_rules.PIP_TERMIJN
    traject = zaak(gemeente, status=status, datum_start_pip_termijn=start)
    traject.herbereken_deadlines()
    traject.save()
    return traject


# --- core sources ------------------------------------------------------------------------------


@pytest.mark.parametrize(("dagen", "signaal"), [(-3, True), (0, True), (14, True), (15, False)])
def test_pip_deadline_within_two_weeks_or_overdue(weert, dagen, signaal):
    traject = met_pip_deadline(weert, VANDAAG + timedelta(days=dagen))
    engine.bereken_signalen(VANDAAG)
    assert open_soorten(traject) == (["pip_deadline"] if signaal else [])
    if signaal:
        assert Signaal.objects.get(traject=traject).vervaldatum == traject.pip_uiterlijk


def test_pip_deadline_not_once_the_pip_is_vastgesteld(weert):
    traject = met_pip_deadline(weert, VANDAAG, status="pip_vastgesteld")
    engine.bereken_signalen(VANDAAG)
    assert open_soorten(traject) == []


@pytest.mark.parametrize(
    ("eind", "soort"),
    [
        (date(2027, 4, 2), None),  # more than 6 months ahead
        (date(2027, 4, 1), "termijn_6m"),
        (date(2026, 12, 2), "termijn_6m"),
        (date(2026, 12, 1), "termijn_2m"),  # the last 2 months: the verwijtbaar window
        (date(2026, 9, 1), "termijn_2m"),  # overrun
    ],
)
def test_termijn_end_within_6_and_2_months(weert, eind, soort):
    traject = zaak(weert, status="in_uitvoering", termijn_start=date(2024, 1, 1), termijn_eind=eind)
    engine.bereken_signalen(VANDAAG)
    assert open_soorten(traject) == ([soort] if soort else [])


def test_a_closed_traject_has_no_signals(weert):
    traject = zaak(
        weert, status="afgerond", afrondingsreden="voldaan", termijn_eind=date(2026, 10, 5)
    )
    engine.bereken_signalen(VANDAAG)
    assert open_soorten(traject) == []


@pytest.mark.parametrize(
    ("status", "signaal"),
    [("geweigerd", True), ("mislukt", True), ("afgeleverd", False), ("wachtend", False)],
)
def test_duo_message_refused_or_failed(traject_weert, status, signaal):
    with transaction.atomic():
        bericht = outbox.plaats(
            soort="pip",
            operation_id="postPipByBsn",
            gemeente=traject_weert.gemeente,
            traject=traject_weert,
            path_params={"bsn": traject_weert.inburgeraar.bsn},
            body={"dagtekeningPip": "2026-07-01", "leerroute": "B"},
        )
    Bericht.objects.filter(pk=bericht.pk).update(status=status)
    engine.bereken_signalen(VANDAAG)
    assert open_soorten(traject_weert) == (["duo_geweigerd"] if signaal else [])
    if signaal:
        assert Signaal.objects.get(traject=traject_weert).sleutel == str(bericht.pk)
        # Sent again (wachtend): the signal closes.
        Bericht.objects.filter(pk=bericht.pk).update(status="afgeleverd")
        engine.bereken_signalen(VANDAAG)
        assert open_soorten(traject_weert) == []


def test_lbt_missing(weert):
    from koers.intake.models import BredeIntake

    intake_zonder = zaak(weert, status="brede_intake")
    BredeIntake.objects.create(traject=intake_zonder, status="afgerond", lbt_uitslag="")
    pip_zonder_intake = zaak(weert, status="in_uitvoering")
    concept = zaak(weert, status="brede_intake")
    BredeIntake.objects.create(traject=concept, status="concept", lbt_uitslag="")
    met_uitslag = zaak(weert, status="in_uitvoering")
    BredeIntake.objects.create(traject=met_uitslag, status="afgerond", lbt_uitslag="Onbekend")
    engine.bereken_signalen(VANDAAG)
    assert open_soorten(intake_zonder, lbt=True) == ["lbt_ontbreekt"]
    assert open_soorten(pip_zonder_intake, lbt=True) == ["lbt_ontbreekt"]
    assert open_soorten(concept, lbt=True) == []
    assert open_soorten(met_uitslag, lbt=True) == []


def test_gesprek_due_overdue_and_then_the_next(met_pip, adviseur_weert, op):
    with op("2026-12-10"):  # the first gesprek (1 January) is more than 2 weeks away
        engine.bereken_signalen()
        assert open_soorten(met_pip) == []
        assert Voortgangsgesprek.objects.filter(traject=met_pip).count() == 8
    with op("2026-12-20"):
        engine.bereken_signalen()
        assert open_soorten(met_pip) == ["gesprek"]
        signaal = Signaal.objects.get(traject=met_pip, actief=True)
        assert signaal.vervaldatum == date(2027, 1, 1)
    with op("2027-01-10"):
        with transaction.atomic():
            services.leg_gesprek_vast(
                met_pip, adviseur_weert, {"gehouden_op": "2027-01-08"}, met_gezondheid=True
            )
        engine.bereken_signalen()
        # The next gesprek (1 April) is not yet due: the signal is closed.
        signaal.refresh_from_db()
        assert (signaal.status, signaal.actief) == ("vervallen", False)
        assert open_soorten(met_pip) == []
    with op("2027-03-20"):
        engine.bereken_signalen()
        assert Signaal.objects.get(traject=met_pip, actief=True).vervaldatum == date(2027, 4, 1)


# --- lifecycle ---------------------------------------------------------------------------------


def test_new_update_close(weert):
    traject = met_pip_deadline(weert, VANDAAG + timedelta(days=5))
    uitkomst = engine.bereken_signalen(VANDAAG)
    assert uitkomst.nieuw == 1
    signaal = Signaal.objects.get(traject=traject)
    # Third-party information arrived: the deadline moves; the same signal is updated.
    traject.derde_informatie_ontvangen = VANDAAG
    traject.herbereken_deadlines()
    traject.save()
    assert engine.bereken_signalen(VANDAAG).bijgewerkt == 1
    signaal.refresh_from_db()
    assert signaal.vervaldatum == VANDAAG + traject_rules.PIP_VERLENGING_DERDEN
    assert Signaal.objects.filter(traject=traject).count() == 1
    # Nothing changed: nothing is written.
    assert engine.bereken_signalen(VANDAAG).totaal == 0
    # PIP vastgesteld: the source no longer yields it; the signal is closed.
    traject.status = "pip_vastgesteld"
    traject.herbereken_deadlines()
    traject.save()
    assert engine.bereken_signalen(VANDAAG).gesloten == 1
    signaal.refresh_from_db()
    assert (signaal.status, signaal.actief) == ("vervallen", False)


def test_snoozed_stays_snoozed_then_reopens(weert, adviseur_weert, op):
    traject = met_pip_deadline(weert, VANDAAG - timedelta(days=1))
    engine.bereken_signalen(VANDAAG)
    signaal = Signaal.objects.get(traject=traject)
    with op("2026-10-01"):
        services.stel_uit(signaal, adviseur_weert, date(2026, 10, 8), "Wacht op tolk")
    engine.bereken_signalen(date(2026, 10, 7))
    signaal.refresh_from_db()
    assert signaal.status == "uitgesteld"
    uitkomst = engine.bereken_signalen(date(2026, 10, 8))
    signaal.refresh_from_db()
    assert (uitkomst.heropend, signaal.status, signaal.uitgesteld_tot) == (1, "open", None)


def test_handled_stays_handled_until_the_item_comes_back_with_another_date(weert, adviseur_weert):
    traject = met_pip_deadline(weert, VANDAAG)
    engine.bereken_signalen(VANDAAG)
    signaal = Signaal.objects.get(traject=traject)
    services.handel_af(signaal, adviseur_weert, "Gebeld met DUO")
    engine.bereken_signalen(VANDAAG)
    assert open_soorten(traject) == []
    signaal.refresh_from_db()
    assert (signaal.status, signaal.actief) == ("afgehandeld", True)
    traject.derde_informatie_ontvangen = VANDAAG - timedelta(days=5)
    traject.herbereken_deadlines()
    traject.save()
    engine.bereken_signalen(VANDAAG)
    assert open_soorten(traject) == ["pip_deadline"]
    signaal.refresh_from_db()
    assert (signaal.status, signaal.actief) == ("afgehandeld", False)


def test_a_source_of_another_app(weert, monkeypatch):
    traject = zaak(weert)

    def rijen(vandaag):
        return [
            (traject.pk, vandaag + timedelta(days=3), "a"),
            (traject.pk, vandaag + timedelta(days=9), "b"),
        ]

    module = types.ModuleType("nep_signalen")
    module.BRONNEN = (Bron("nep", "Nep-signaal", Sectie.BEGELEIDING, rijen),)
    monkeypatch.setattr(
        "koers.organisaties.koppelingen.koers_modules",
        lambda naam: [module] if naam == "signalen" else [],
    )
    engine.bereken_signalen(VANDAAG)
    assert sorted(Signaal.objects.filter(soort="nep").values_list("sleutel", flat=True)) == [
        "a",
        "b",
    ]
    # bereken_voor filters a plain iterable in memory.
    andere = zaak(weert)
    assert engine.bereken_voor([andere.pk], VANDAAG).nieuw == 0
    assert "nep" in {b.soort for b in engine.alle_bronnen()}
    assert sys.modules.get("nep_signalen") is None


def test_bereken_voor_touches_only_the_given_cases(weert):
    een = met_pip_deadline(weert, VANDAAG)
    twee = met_pip_deadline(weert, VANDAAG)
    assert engine.bereken_voor([een.pk], VANDAAG).nieuw == 1
    assert open_soorten(een) == ["pip_deadline"] and open_soorten(twee) == []
    # A full run adds the other without closing the first.
    engine.bereken_signalen(VANDAAG)
    assert open_soorten(een) == open_soorten(twee) == ["pip_deadline"]
    assert engine.bereken_voor([], VANDAAG).totaal == 0


def test_query_count_does_not_grow_with_the_number_of_cases(weert):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from koers.monitoring.models import Gespreksplanning
    from koers.pip.models import PipVersie

    def zaken(aantal):
        for i in range(aantal):
            met_pip_deadline(weert, VANDAAG + timedelta(days=i % 10))
            traject = zaak(
                weert,
                status="in_uitvoering",
                termijn_start=date(2024, 1, 1),
                termijn_eind=date(2026, 11, 1) + timedelta(days=i),
            )
            # Two planned gesprekken each: one batch of rows even under SQLite's variable
            # limit (the chunks are 5,000 rows; a batch has to fit the database's limit).
            PipVersie.objects.create(
                traject=traject,
                versie=1,
                status="vastgesteld",
                dagtekening=date(2026, 3, 1),
                leerroute="B",
            )

    def tel():
        """Queries of a first run (plans and inserts everything) and of a steady run."""
        Signaal.objects.all().delete()
        Gespreksplanning.objects.all().delete()
        Voortgangsgesprek.objects.all().delete()
        with CaptureQueriesContext(connection) as eerste:
            engine.bereken_signalen(VANDAAG)
        with CaptureQueriesContext(connection) as daarna:
            assert engine.bereken_signalen(VANDAAG).totaal == 0
        return len(eerste), len(daarna)

    zaken(3)
    bij_3 = tel()
    assert Signaal.objects.filter(soort="gesprek").count() == 3
    zaken(27)
    bij_30 = tel()
    assert Signaal.objects.filter(soort="gesprek").count() == 30
    assert bij_30 == bij_3
    # Steady state: per source its one query and one for its current signals (plus the
    # savepoint around it), and a fixed few for planning and reopening.
    assert bij_3[1] <= 4 * len(engine.alle_bronnen()) + 4


def test_daily_run_happens_once_a_day_by_one_worker(weert):
    met_pip_deadline(weert, VANDAAG)
    assert engine.dagelijks(VANDAAG).nieuw == 1
    assert engine.dagelijks(VANDAAG) is None  # already done today
    loop = Engineloop.objects.get()
    assert loop.laatste_dag == VANDAAG and loop.bezig_tot is None
    # Another worker holds a valid lease (running right now): no second run.
    Engineloop.objects.update(bezig_tot=timezone.now() + timedelta(minutes=5))
    assert engine.dagelijks(VANDAAG + timedelta(days=1)) is None
    # Its lease ran out (it died): the next worker takes over.
    Engineloop.objects.update(bezig_tot=timezone.now() - timedelta(minutes=1))
    assert engine.dagelijks(VANDAAG + timedelta(days=1)) is not None


def test_the_worker_offers_the_daily_run(weert):
    from koers.taken import planner
    from tests.duo.nep_duo import NepDuo

    met_pip_deadline(weert, date.today())
    planner.draai(eenmalig=True, herstel_interval=0, duo_client=NepDuo().client())
    assert Engineloop.objects.get().laatste_dag is not None
    assert Signaal.objects.filter(soort="pip_deadline").exists()
