"""The unsealed window of the verwerkingenlogging: a request writes without chain work, the
sealer of ``koers worker`` chains the records in seal order, and the window is reported apart
from tampering (koers.verwerkingen.keten)."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from koers.taken import planner
from koers.verwerkingen import keten, rules, services
from koers.verwerkingen.metrieken import VensterCollector
from koers.verwerkingen.models import Kop, Verwerking
from koers.verwerkingen.taken import TAKEN


def _lees(adviseur, traject):
    return services.log_lezen(adviseur, traject.inburgeraar, ["naam"])


def test_writing_does_no_chain_work(adviseur_weert, traject_weert, django_assert_num_queries):
    kop_voor = Kop.objects.get(pk=1)
    with django_assert_num_queries(1):  # one INSERT: no head row, no lock
        v = _lees(adviseur_weert, traject_weert)
    v.refresh_from_db()
    assert (v.volgnummer, v.vorige_hash, v.hash) == (None, None, None)
    kop = Kop.objects.get(pk=1)
    assert (kop.laatste_hash, kop.laatste_volgnummer) == (
        kop_voor.laatste_hash,
        kop_voor.laatste_volgnummer,
    )


def test_a_rolled_back_change_leaves_no_record(adviseur_weert, traject_weert):
    class Terug(Exception):
        pass

    with pytest.raises(Terug), transaction.atomic():
        _lees(adviseur_weert, traject_weert)
        services.log_lezen_lijst(adviseur_weert, [(traject_weert.inburgeraar_id, None)], ["naam"])
        raise Terug
    assert not Verwerking.objects.exists()
    assert keten.verzegel() == 0


def test_an_unsealed_record_is_reported_as_unsealed_then_sealing_verifies(
    adviseur_weert, traject_weert, capsys
):
    with time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC), tick=False):
        eerste = _lees(adviseur_weert, traject_weert)
    _lees(adviseur_weert, traject_weert)

    controle = keten.controleer()
    assert controle.fout is None and controle.verzegeld == 0
    assert controle.venster.aantal == 2 and controle.venster.oudste == eerste.tijdstip
    call_command("verwerkingen-controleren")
    uit = capsys.readouterr().out
    assert "De keten is in orde (0 verwerkingen)." in uit
    assert "Nog niet verzegeld: 2 verwerkingen; de oudste is van 2026-03-01 13:00:00" in uit

    assert keten.verzegel() == 2
    controle = keten.controleer()
    assert (controle.fout, controle.verzegeld) == (None, 2)
    assert controle.venster == keten.Venster(0, None)
    call_command("verwerkingen-controleren")
    uit = capsys.readouterr().out
    assert "De keten is in orde (2 verwerkingen)." in uit and "Alle verwerkingen zijn" in uit


def test_the_check_can_seal_first(adviseur_weert, traject_weert, capsys):
    _lees(adviseur_weert, traject_weert)
    call_command("verwerkingen-controleren", "--verzegelen")
    uit = capsys.readouterr().out
    assert "De keten is in orde (1 verwerkingen)." in uit and "Alle verwerkingen zijn" in uit


def test_tampering_is_reported_apart_from_the_window(adviseur_weert, traject_weert):
    from tests.verwerkingen.test_keten import _triggers_uit

    a = _lees(adviseur_weert, traject_weert)
    keten.verzegel()
    _lees(adviseur_weert, traject_weert)  # unsealed, and no fault
    with connection.cursor() as c:
        _triggers_uit(c)
        c.execute("UPDATE verwerkingen_verwerking SET actor_naam = 'mallory' WHERE id = %s", [a.pk])
    controle = keten.controleer()
    assert controle.fout == a.pk and controle.venster.aantal == 1


def test_a_late_committing_lower_id_is_sealed_in_a_later_round(adviseur_weert, traject_weert):
    """A request that took a lower id commits after the sealer chained higher ones: it is
    chained after them, and the chain verifies. (Simulated here with an id below the others;
    the real race with two connections is in test_verzegelen_postgres.py.)"""
    a = _lees(adviseur_weert, traject_weert)
    b = _lees(adviseur_weert, traject_weert)
    assert keten.verzegel() == 2
    laat = Verwerking(
        id=a.pk - 1,
        tijdstip=timezone.now(),
        doel=rules.DOEL_UITVOERING,
        activiteit=rules.ACTIVITEIT_INZIEN,
        kanaal="ui",
        handeling="lezen",
        actor_naam="alice",
    )
    laat.save(force_insert=True)
    assert keten.open_venster().aantal == 1
    assert keten.verzegel() == 1
    volgorde = list(Verwerking.objects.order_by("volgnummer").values_list("id", flat=True))
    assert volgorde == [a.pk, b.pk, laat.pk]
    assert services.verifieer() is None and services.verifieer(stuk=1) is None


def test_sealing_goes_in_rounds_and_the_chain_runs_in_seal_order(
    adviseur_weert, traject_weert, monkeypatch
):
    monkeypatch.setattr(keten, "ZEGEL_STUK", 3)
    zaken = [(traject_weert.inburgeraar_id, traject_weert.pk)] * 7
    services.log_lezen_lijst(adviseur_weert, zaken, ["naam"])
    assert keten.verzegel(rondes=2) == 6  # two transactions of three
    assert keten.open_venster().aantal == 1
    assert keten.verzegel() == 1
    rijen = list(Verwerking.objects.order_by("volgnummer"))
    assert [v.volgnummer for v in rijen] == list(range(1, 8))
    assert all(v.vorige_hash == w.hash for w, v in zip(rijen, rijen[1:], strict=False))
    assert Kop.objects.get().laatste_hash == rijen[-1].hash
    assert services.verifieer(stuk=2) is None


def test_a_round_that_finds_a_record_sealed_meanwhile_is_undone(
    adviseur_weert, traject_weert, monkeypatch
):
    """Belt and braces behind the lock: if another sealer sealed one of this round's records
    meanwhile, the UPDATE matches fewer rows and the whole round is rolled back."""
    _lees(adviseur_weert, traject_weert)
    _lees(adviseur_weert, traject_weert)
    kop_voor = Kop.objects.get(pk=1)
    echt = keten._schrijf_zegels

    def een_ander_was_eerst(zegels):
        with connection.cursor() as c:
            c.execute(
                "UPDATE verwerkingen_verwerking SET volgnummer = 1000, vorige_hash = %s, "
                "hash = %s WHERE id = %s",
                ["a" * 64, "b" * 64, zegels[0][0]],
            )
        return echt(zegels)

    monkeypatch.setattr(keten, "_schrijf_zegels", een_ander_was_eerst)
    with pytest.raises(keten.DubbelVerzegeld):
        keten.verzegel()
    assert keten.open_venster().aantal == 2
    kop = Kop.objects.get(pk=1)
    assert (kop.laatste_hash, kop.laatste_volgnummer) == (
        kop_voor.laatste_hash,
        kop_voor.laatste_volgnummer,
    )
    monkeypatch.undo()
    assert keten.verzegel() == 2 and services.verifieer() is None


def test_a_held_head_row_makes_a_second_sealer_skip(adviseur_weert, traject_weert, monkeypatch):
    _lees(adviseur_weert, traject_weert)
    monkeypatch.setattr(keten, "_kop_vergrendeld", lambda: None)
    assert keten.verzegel() == 0
    assert keten.open_venster().aantal == 1


def test_the_sealer_makes_a_missing_head_row(adviseur_weert, traject_weert):
    Kop.objects.all().delete()
    _lees(adviseur_weert, traject_weert)
    assert keten.verzegel() == 1
    assert services.verifieer() is None


# --- the database allows exactly the one UPDATE of sealing ------------------------------------


def _update(sql, params):
    with transaction.atomic(), connection.cursor() as c:
        c.execute(sql, params)


def test_the_trigger_allows_sealing_once_and_nothing_else(adviseur_weert, traject_weert):
    v = _lees(adviseur_weert, traject_weert)
    zegel = "UPDATE verwerkingen_verwerking SET volgnummer = %s, vorige_hash = %s, hash = %s"
    with pytest.raises(DatabaseError, match="append-only"):  # an unsealed record's content
        _update("UPDATE verwerkingen_verwerking SET actor_naam = 'mallory' WHERE id = %s", [v.pk])
    with pytest.raises(DatabaseError, match="append-only"):  # a seal that changes content
        _update(zegel + ", actor_naam = 'mallory' WHERE id = %s", [99, "a" * 64, "b" * 64, v.pk])
    with pytest.raises(DatabaseError, match="append-only"):  # half a seal
        _update(zegel + " WHERE id = %s", [99, "a" * 64, None, v.pk])
    _update(zegel + " WHERE id = %s", [99, "a" * 64, "b" * 64, v.pk])
    v.refresh_from_db()
    assert (v.volgnummer, v.hash, v.actor_naam) == (99, "b" * 64, "alice")
    with pytest.raises(DatabaseError, match="append-only"):  # sealed twice
        _update(zegel + " WHERE id = %s", [100, "c" * 64, "d" * 64, v.pk])
    with pytest.raises(DatabaseError, match="append-only"):  # unsealed again
        _update(
            "UPDATE verwerkingen_verwerking SET volgnummer = NULL, vorige_hash = NULL, "
            "hash = NULL WHERE id = %s",
            [v.pk],
        )


# --- the worker job and the metrics -----------------------------------------------------------


def test_koers_worker_seals_every_round(adviseur_weert, traject_weert):
    assert "verwerkingen-verzegelen" in {taak.naam for taak in planner.gevonden_taken()}
    _lees(adviseur_weert, traject_weert)
    planner.draai(eenmalig=True, taken=TAKEN)
    assert keten.open_venster().aantal == 0 and services.verifieer() is None


def test_the_metrics_show_the_window(adviseur_weert, traject_weert):
    def waarden():
        return {m.name: m.samples[0].value for m in VensterCollector().collect()}

    assert waarden() == {
        "koers_verwerkingen_unsealed_records": 0,
        "koers_verwerkingen_oldest_unsealed_age_seconds": 0.0,
    }
    with time_machine.travel(timezone.now() - dt.timedelta(seconds=90), tick=False):
        _lees(adviseur_weert, traject_weert)
    _lees(adviseur_weert, traject_weert)
    gezien = waarden()
    assert gezien["koers_verwerkingen_unsealed_records"] == 2
    assert 89 <= gezien["koers_verwerkingen_oldest_unsealed_age_seconds"] < 120
