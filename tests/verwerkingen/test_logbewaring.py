"""The log's own retention: records about a person go 2 years (gemeente setting) after his
case was anonymised; the hash chain stays verifiable and tampering is still detected."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from koers.verwerkingen import keten, logbewaring, rules, services
from koers.verwerkingen.models import (
    AlleenToevoegen,
    Bewaartermijn,
    Geanonimiseerd,
    Verwerking,
    Weggehaald,
)
from tests.factories import InburgeraarFactory, TrajectFactory
from tests.verwerkingen.test_keten import _triggers_uit, _zegel

VANDAAG = dt.date(2026, 1, 1)


def _op(dag: dt.date):
    return time_machine.travel(dt.datetime.combine(dag, dt.time(12), dt.UTC), tick=False)


def _lees(adviseur, inburgeraar, dag):
    with _op(dag):
        return services.log_lezen(adviseur, inburgeraar, ["naam"])


def _anoniem(inburgeraar, dag):
    Geanonimiseerd.objects.create(
        inburgeraar=inburgeraar, op=dt.datetime.combine(dag, dt.time(12), dt.UTC)
    )


@pytest.fixture
def log(weert, adviseur_weert):
    """r1 A, r2 A, r3 B, r4 A, r5 (no person), r6 A — A anonymised on 1 June 2021."""
    a = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert)).inburgeraar
    b = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert)).inburgeraar
    r1 = _lees(adviseur_weert, a, dt.date(2020, 3, 1))
    r2 = _lees(adviseur_weert, a, dt.date(2020, 3, 2))
    r3 = _lees(adviseur_weert, b, dt.date(2020, 3, 3))
    r4 = _lees(adviseur_weert, a, dt.date(2020, 3, 4))
    with _op(dt.date(2020, 3, 5)):
        r5 = services.log(
            user=adviseur_weert, handeling="lezen", activiteit=rules.ACTIVITEIT_INZAGE
        )
    r6 = _lees(adviseur_weert, a, dt.date(2021, 5, 1))
    _anoniem(a, dt.date(2021, 6, 1))
    assert keten.verzegel() == 6  # the worker seals within seconds; the retention sees sealed
    for r in (r1, r2, r3, r4, r5, r6):
        r.refresh_from_db()
    return {"a": a, "b": b, "r": [r1, r2, r3, r4, r5, r6]}


def test_dry_run_lists_runs_and_changes_nothing(log):
    r1, r2, _r3, r4, _r5, r6 = log["r"]
    opschoning = logbewaring.te_verwijderen(VANDAAG, stuk=2)
    assert [(r.van_volgnummer, r.tot_volgnummer) for r in opschoning.reeksen] == [
        (r1.volgnummer, r2.volgnummer),
        (r4.volgnummer, r4.volgnummer),
        (r6.volgnummer, r6.volgnummer),
    ]
    assert opschoning.aantal == 4 and not opschoning.uitgevoerd
    assert Verwerking.objects.count() == 6 and not Weggehaald.objects.exists()


def test_removal_keeps_the_chain_verifiable(log, capsys):
    _r1, _r2, r3, _r4, r5, _r6 = log["r"]
    _zegel()  # a real database is sealed; the removal lifts the seal only for itself
    with _op(VANDAAG):
        opschoning = logbewaring.opschonen(VANDAAG, stuk=2)
    assert opschoning.aantal == 4
    blijft = set(Verwerking.objects.values_list("id", flat=True))
    assert {r3.pk, r5.pk} <= blijft and len(blijft) == 3  # plus the announcement
    melding = Verwerking.objects.get(activiteit=rules.ACTIVITEIT_LOG_OPSCHONEN)
    assert melding.inburgeraar_id is None and melding.doel == rules.DOEL_BEWAARTERMIJN
    assert len(melding.secties) == 3 and Weggehaald.objects.count() == 3
    assert services.verifieer(stuk=2) is None and services.verifieer() is None
    call_command("verwerkingen-controleren")
    assert "De keten is in orde" in capsys.readouterr().out
    # The seal is back: an ordinary DELETE is refused again.
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as c,
    ):
        c.execute("DELETE FROM verwerkingen_verwerking WHERE id = %s", [r3.pk])


def test_second_cleaning_next_to_an_earlier_run(log, adviseur_weert):
    _r1, _r2, r3, _r4, r5, _r6 = log["r"]
    with _op(VANDAAG):
        logbewaring.opschonen(VANDAAG)
    _anoniem(log["b"], dt.date(2023, 1, 1))
    later = dt.date(2026, 6, 1)
    with _op(later):
        opschoning = logbewaring.opschonen(later, stuk=2)
    assert [(r.van_volgnummer, r.tot_volgnummer) for r in opschoning.reeksen] == [
        (r3.volgnummer, r3.volgnummer)
    ]
    assert set(Verwerking.objects.values_list("id", flat=True)) >= {r5.pk}
    assert not Verwerking.objects.filter(pk=r3.pk).exists()
    assert services.verifieer(stuk=1) is None and services.verifieer() is None


def test_the_gemeente_sets_the_extra_years(log, weert):
    Bewaartermijn.objects.create(gemeente=weert, jaren=5, log_extra_jaren=5)
    assert logbewaring.te_verwijderen(VANDAAG).aantal == 0
    assert logbewaring.te_verwijderen(dt.date(2026, 6, 1)).aantal == 4


def test_tampering_after_removal_is_still_detected(log):
    _r1, _r2, r3, _r4, r5, _r6 = log["r"]
    with _op(VANDAAG):
        logbewaring.opschonen(VANDAAG)
    with connection.cursor() as c:
        _triggers_uit(c)
        c.execute(
            "UPDATE verwerkingen_verwerking SET actor_naam = 'mallory' WHERE id = %s", [r5.pk]
        )
    assert services.verifieer() == r5.pk


def test_a_removal_hidden_by_a_forged_run_is_detected(log):
    """Someone with database rights removes a kept record and adds a run row that bridges
    it: no chained record announced that run, so the check fails at it."""
    _r1, _r2, r3, _r4, _r5, _r6 = log["r"]
    with _op(VANDAAG):
        logbewaring.opschonen(VANDAAG)
    with connection.cursor() as c:
        _triggers_uit(c)
        c.execute("DELETE FROM verwerkingen_verwerking WHERE id = %s", [r3.pk])
    Weggehaald.objects.create(
        van_volgnummer=r3.volgnummer,
        tot_volgnummer=r3.volgnummer,
        begin_hash=r3.vorige_hash,
        eind_hash=r3.hash,
        aantal=1,
        op=timezone.now(),
    )
    assert services.verifieer() == r3.volgnummer  # a run has no id left: its first volgnummer


def test_a_removed_record_without_a_run_is_detected(log):
    _r1, _r2, r3, _r4, r5, _r6 = log["r"]
    with _op(VANDAAG):
        logbewaring.opschonen(VANDAAG)
    with connection.cursor() as c:
        _triggers_uit(c)
        c.execute("DELETE FROM verwerkingen_verwerking WHERE id = %s", [r3.pk])
    assert services.verifieer() is not None


def test_a_broken_chain_is_never_cleaned(log, capsys):
    _r1, r2, *_ = log["r"]
    with connection.cursor() as c:
        _triggers_uit(c)
        c.execute("UPDATE verwerkingen_verwerking SET actor_naam = 'x' WHERE id = %s", [r2.pk])
    with pytest.raises(logbewaring.KetenVerbroken):
        logbewaring.opschonen(VANDAAG)
    assert Verwerking.objects.count() == 6 and not Weggehaald.objects.exists()


def test_runs_are_append_only(log):
    with _op(VANDAAG):
        logbewaring.opschonen(VANDAAG)
    run = Weggehaald.objects.first()
    with pytest.raises(AlleenToevoegen):
        run.delete()
    with pytest.raises(AlleenToevoegen):
        Weggehaald.objects.update(aantal=0)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as c,
    ):
        c.execute("UPDATE verwerkingen_weggehaald SET aantal = 0")


def test_command_dry_run_and_execution(log, capsys):
    with _op(VANDAAG):
        call_command("verwerkingen-bewaartermijn")
        assert (
            "Verwerkingenlogging: 4 verwerkingen over hun bewaartermijn (3 reeksen)"
            in capsys.readouterr().out
        )
        assert Verwerking.objects.count() == 6
        call_command("verwerkingen-bewaartermijn", "--uitvoeren")
        assert "4 verwerkingen weggehaald in 3 reeksen" in capsys.readouterr().out
    assert services.verifieer() is None


@pytest.mark.parametrize(
    ("record", "anoniem", "persoon", "extra", "vanaf"),
    [
        (dt.date(2020, 3, 1), dt.date(2021, 6, 1), True, 2, dt.date(2023, 6, 1)),
        (dt.date(2022, 1, 1), dt.date(2021, 6, 1), True, 2, dt.date(2024, 1, 1)),
        (dt.date(2020, 3, 1), None, True, 2, None),
        (dt.date(2020, 3, 1), None, False, 2, dt.date(2027, 3, 1)),
        (dt.date(2020, 2, 29), dt.date(2020, 2, 29), True, 1, dt.date(2021, 2, 28)),
    ],
)
def test_rule_log_verwijderen_vanaf(record, anoniem, persoon, extra, vanaf):
    assert (
        rules.log_verwijderen_vanaf(
            record_datum=record, geanonimiseerd_op=anoniem, over_persoon=persoon, extra_jaren=extra
        )
        == vanaf
    )
