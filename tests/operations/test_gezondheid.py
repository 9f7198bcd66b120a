"""The health endpoints: /gezondheid/live (the process answers) and /gezondheid/klaar (database,
migrations, worker heartbeat, DUO outbox, sealed verwerkingenlogging, the export to the
Logboek Dataverwerkingen when it is on), anonymous, JSON with names and ok/fout only."""

import json
import logging
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from koers.config import gezondheid
from koers.duo.models import Bericht
from koers.taken import planner
from koers.taken.models import Hartslag
from tests.factories import TrajectFactory

ALLES_OK = {
    "database": "ok",
    "migraties": "ok",
    "worker": "ok",
    "duo": "ok",
    "verwerkingen": "ok",
    "ldv-export": "ok",
}


@pytest.fixture(autouse=True)
def _migraties_opnieuw_bepalen():
    """The migration answer is cached per process; each test starts without it."""
    gezondheid._migraties_klaar.clear()
    yield
    gezondheid._migraties_klaar.clear()


@pytest.fixture
def hartslag(db):
    return Hartslag.objects.create(worker="worker-1:42", laatst_op=timezone.now())


def _bericht(traject, *, status=Bericht.Status.WACHTEND, oud=timedelta(0)):
    bericht = Bericht.objects.create(
        soort="pip",
        operation_id="postPipByBsn",
        methode="POST",
        pad=f"/personen/{traject.inburgeraar.bsn}/pip",
        body={"bsn": traject.inburgeraar.bsn},
        gemeente=traject.gemeente,
        traject=traject,
        status=status,
    )
    # aangemaakt_op is auto_now_add: age it afterwards.
    Bericht.objects.filter(pk=bericht.pk).update(aangemaakt_op=timezone.now() - oud)
    return bericht


def _klaar(client):
    antwoord = client.get("/gezondheid/klaar")
    return antwoord.status_code, json.loads(antwoord.content)


def _fout(controle):
    return {**ALLES_OK, controle: "fout"}


# --- live ------------------------------------------------------------------------------------


def test_live_answers_without_touching_the_database(client):
    # No db fixture: any query would fail this test (pytest-django blocks database access).
    antwoord = client.get("/gezondheid/live")
    assert antwoord.status_code == 200
    assert antwoord.json() == {"status": "ok"}
    assert "no-store" in antwoord["Cache-Control"]
    assert "Set-Cookie" not in antwoord.headers


def test_live_accepts_only_safe_methods(client):
    assert client.post("/gezondheid/live").status_code == 405
    assert client.head("/gezondheid/live").status_code == 200


# --- klaar: everything in order ----------------------------------------------------------------


def test_klaar_ok_anonymous_and_not_cached(client, hartslag, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):  # the first call builds the migration plan
        status, inhoud = _klaar(client)
    assert (status, inhoud) == (200, {"status": "ok"})
    antwoord = client.get("/gezondheid/klaar")
    assert "no-store" in antwoord["Cache-Control"]
    assert antwoord["Content-Type"] == "application/json"
    assert not antwoord.cookies  # no session, no CSRF cookie


def test_klaar_after_the_first_call_costs_three_small_queries(
    client, hartslag, django_assert_num_queries
):
    _klaar(client)
    # select 1, heartbeat, outbox, unsealed log records; migrations cached
    with django_assert_num_queries(4):
        assert _klaar(client) == (200, {"status": "ok"})


def test_the_youngest_of_several_heartbeats_counts(client, db):
    nu = timezone.now()
    Hartslag.objects.create(worker="oud:1", laatst_op=nu - timedelta(hours=3))
    Hartslag.objects.create(worker="jong:2", laatst_op=nu - timedelta(seconds=20))
    assert _klaar(client) == (200, {"status": "ok"})


def test_young_waiting_and_old_finished_duo_messages_are_fine(client, hartslag):
    traject = TrajectFactory()
    _bericht(traject, oud=timedelta(minutes=5))
    for status in (Bericht.Status.AFGELEVERD, Bericht.Status.GEWEIGERD, Bericht.Status.MISLUKT):
        _bericht(traject, status=status, oud=timedelta(days=2))
    assert _klaar(client) == (200, {"status": "ok"})


# --- klaar: each check failing on its own ------------------------------------------------------


def test_no_heartbeat_is_a_worker_failure(client, db):
    assert _klaar(client) == (503, {"status": "fout", "controles": _fout("worker")})


def test_an_old_heartbeat_is_a_worker_failure(client, db, settings):
    settings.GEZONDHEID_WORKER_MAX_SECONDEN = 60
    Hartslag.objects.create(worker="w:1", laatst_op=timezone.now() - timedelta(seconds=61))
    assert _klaar(client) == (503, {"status": "fout", "controles": _fout("worker")})
    settings.GEZONDHEID_WORKER_MAX_SECONDEN = 120
    assert _klaar(client) == (200, {"status": "ok"})


def test_an_old_undelivered_duo_message_is_a_duo_failure(client, hartslag, settings):
    settings.GEZONDHEID_DUO_MAX_MINUTEN = 30
    _bericht(TrajectFactory(), oud=timedelta(minutes=31))
    assert _klaar(client) == (503, {"status": "fout", "controles": _fout("duo")})


def test_a_log_record_waiting_too_long_for_its_seal_is_a_failure(
    client, hartslag, settings, adviseur_weert, traject_weert
):
    import time_machine

    from koers.verwerkingen import keten, services

    settings.GEZONDHEID_VERWERKINGEN_MAX_MINUTEN = 10
    services.log_lezen(adviseur_weert, traject_weert.inburgeraar, ["naam"])
    assert _klaar(client) == (200, {"status": "ok"})  # young and unsealed: the worker comes
    with time_machine.travel(timezone.now() - timedelta(minutes=11), tick=False):
        services.log_lezen(adviseur_weert, traject_weert.inburgeraar, ["naam"])
    assert _klaar(client) == (503, {"status": "fout", "controles": _fout("verwerkingen")})
    settings.GEZONDHEID_VERWERKINGEN_MAX_MINUTEN = 0
    assert _klaar(client) == (200, {"status": "ok"})
    settings.GEZONDHEID_VERWERKINGEN_MAX_MINUTEN = 10
    assert keten.verzegel() == 2
    assert _klaar(client) == (200, {"status": "ok"})


@pytest.fixture
def ldv_export(settings):
    settings.LDV_OTLP_ENDPOINT = "https://logboek.gemeente.example:4318/v1/traces"
    settings.LDV_PSEUDONIEM_SLEUTEL = "k" * 40
    settings.GEZONDHEID_LDV_EXPORT_MAX_MINUTEN = 30


def _oud_verzegeld(adviseur, traject, minuten):
    import time_machine

    from koers.verwerkingen import keten, services

    with time_machine.travel(timezone.now() - timedelta(minutes=minuten), tick=False):
        v = services.log_lezen(adviseur, traject.inburgeraar, ["naam"])
    assert keten.verzegel() >= 1
    v.refresh_from_db()
    return v


def test_a_record_the_logbook_did_not_confirm_in_time_is_a_failure(
    client, hartslag, settings, ldv_export, adviseur_weert, traject_weert
):
    from koers.verwerkingen.models import LdvExport

    oud = _oud_verzegeld(adviseur_weert, traject_weert, 31)
    assert _klaar(client) == (503, {"status": "fout", "controles": _fout("ldv-export")})
    settings.GEZONDHEID_LDV_EXPORT_MAX_MINUTEN = 0
    assert _klaar(client) == (200, {"status": "ok"})
    settings.GEZONDHEID_LDV_EXPORT_MAX_MINUTEN = 30
    # The logbook confirmed everything up to and including the old record; a young one waits.
    LdvExport.objects.create(pk=1, tot_volgnummer=oud.volgnummer)
    _oud_verzegeld(adviseur_weert, traject_weert, 5)
    assert _klaar(client) == (200, {"status": "ok"})  # young: the export comes
    LdvExport.objects.filter(pk=1).update(tot_volgnummer=oud.volgnummer - 1)
    assert _klaar(client) == (503, {"status": "fout", "controles": _fout("ldv-export")})


def test_the_logbook_check_is_off_while_the_export_is_off(
    client, hartslag, settings, adviseur_weert, traject_weert, django_assert_num_queries
):
    assert settings.LDV_OTLP_ENDPOINT == ""
    _oud_verzegeld(adviseur_weert, traject_weert, 60 * 24)
    _klaar(client)
    with django_assert_num_queries(4):  # no query for the export
        assert _klaar(client) == (200, {"status": "ok"})


def test_the_logbook_check_is_one_query_however_large_the_backlog(
    client, hartslag, ldv_export, adviseur_weert, traject_weert, django_assert_num_queries
):
    from koers.verwerkingen import keten, otlp, services

    services.log_lezen_lijst(
        adviseur_weert, [(traject_weert.inburgeraar_id, traject_weert.pk)] * 200, ["naam"]
    )
    keten.verzegel()
    _klaar(client)
    with django_assert_num_queries(5):  # the four above, and one for the export
        assert _klaar(client) == (200, {"status": "ok"})
    with django_assert_num_queries(1):
        assert otlp.oudste_wachtende() is not None


def test_the_age_of_the_logbooks_backlog_is_a_metric(
    ldv_export, hartslag, adviseur_weert, traject_weert
):
    from koers.verwerkingen.metrieken import VensterCollector

    def metrieken():
        return {m.name: m.samples[0].value for m in VensterCollector().collect()}

    assert metrieken()["koers_verwerkingen_ldv_export_oldest_age_seconds"] == 0
    _oud_verzegeld(adviseur_weert, traject_weert, 31)
    waarden = metrieken()
    assert waarden["koers_verwerkingen_ldv_export_backlog"] == 1
    assert 31 * 60 <= waarden["koers_verwerkingen_ldv_export_oldest_age_seconds"] < 33 * 60


def test_unapplied_migrations_are_a_failure(client, hartslag):
    with mock.patch.object(gezondheid, "MigrationExecutor") as executor:
        executor.return_value.migration_plan.return_value = [(mock.Mock(), False)]
        assert _klaar(client) == (503, {"status": "fout", "controles": _fout("migraties")})
        assert _klaar(client)[0] == 503  # a missing migration is never cached
    assert executor.call_count == 2


def test_applied_migrations_are_checked_once_per_process(client, hartslag):
    with mock.patch.object(gezondheid, "MigrationExecutor") as executor:
        executor.return_value.migration_plan.return_value = []
        for _ in range(3):
            assert _klaar(client) == (200, {"status": "ok"})
    assert executor.call_count == 1


def test_an_unreachable_database_is_a_database_failure(client, hartslag, caplog):
    @contextmanager
    def kapotte_verbinding():
        cursor = mock.Mock()
        cursor.execute.side_effect = OperationalError("could not connect to server 10.0.0.5")
        yield cursor

    with (
        mock.patch.object(connection, "temporary_connection", kapotte_verbinding),
        caplog.at_level(logging.INFO),
    ):
        assert _klaar(client) == (503, {"status": "fout", "controles": _fout("database")})
    assert "Gezondheidscontrole database: fout" in caplog.text
    assert "10.0.0.5" not in caplog.text


def test_an_unexpected_error_in_a_check_is_a_failure_not_a_500(client, hartslag, caplog):
    with (
        mock.patch.object(gezondheid.Worker, "run", side_effect=KeyError("BSN 123456782")),
        caplog.at_level(logging.INFO),
    ):
        assert _klaar(client) == (503, {"status": "fout", "controles": _fout("worker")})
    assert "123456782" not in caplog.text


def test_zero_switches_the_worker_and_duo_checks_off(client, db, settings):
    settings.GEZONDHEID_WORKER_MAX_SECONDEN = 0
    settings.GEZONDHEID_DUO_MAX_MINUTEN = 0
    _bericht(TrajectFactory(), oud=timedelta(days=3))
    assert _klaar(client) == (200, {"status": "ok"})


# --- no personal data, no details --------------------------------------------------------------


def test_the_failure_body_has_names_and_ok_fout_only(client, db, settings):
    settings.GEZONDHEID_DUO_MAX_MINUTEN = 1
    traject = TrajectFactory()
    _bericht(traject, oud=timedelta(hours=2))
    Hartslag.objects.create(worker="geheime-host:1", laatst_op=timezone.now() - timedelta(days=1))
    antwoord = client.get("/gezondheid/klaar")
    tekst = antwoord.content.decode()
    persoon = traject.inburgeraar
    for gegeven in (persoon.bsn, persoon.voornamen, persoon.geslachtsnaam, "geheime-host"):
        assert gegeven not in tekst
    inhoud = json.loads(tekst)
    assert set(inhoud) == {"status", "controles"}
    assert set(inhoud["controles"].values()) <= {"ok", "fout"}
    assert inhoud["controles"]["worker"] == inhoud["controles"]["duo"] == "fout"


def test_klaar_needs_no_login_and_is_no_verwerking(client, hartslag):
    from koers.verwerkingen.models import Verwerking

    voor = Verwerking.objects.count()
    antwoord = client.get("/gezondheid/klaar")
    assert antwoord.status_code == 200  # not a redirect to the login page
    assert Verwerking.objects.count() == voor


# --- the worker's heartbeat --------------------------------------------------------------------


def test_klop_upserts_one_row_per_worker_and_removes_long_dead_ones(db):
    Hartslag.objects.create(worker="weg:9", laatst_op=timezone.now() - timedelta(days=2))
    planner.klop("host:1")
    eerste = Hartslag.objects.get(worker="host:1").laatst_op
    planner.klop("host:1")
    assert list(Hartslag.objects.values_list("worker", flat=True)) == ["host:1"]
    assert Hartslag.objects.get(worker="host:1").laatst_op >= eerste


def test_the_worker_loop_records_a_heartbeat(db):
    with mock.patch.object(planner, "gevonden_taken", return_value=[]):
        planner.draai(eenmalig=True)
    assert Hartslag.objects.get().worker == planner.worker_naam()


def test_a_loop_with_its_own_jobs_records_none(db):
    planner.draai(eenmalig=True, taken=[])
    assert not Hartslag.objects.exists()


def test_a_failed_heartbeat_is_logged_by_type_and_does_not_stop_the_loop(db, caplog):
    gedaan = []
    with (
        mock.patch.object(
            planner, "gevonden_taken", return_value=[planner.Taak("a", lambda o: gedaan.append(1))]
        ),
        mock.patch.object(
            Hartslag.objects, "bulk_create", side_effect=OperationalError("host 10.0.0.5")
        ),
        caplog.at_level(logging.ERROR, logger="koers.taken.planner"),
    ):
        planner.draai(eenmalig=True)
    assert gedaan == [1]
    assert "Hartslag van de worker niet vastgelegd: OperationalError" in caplog.text
    assert "10.0.0.5" not in caplog.text


def test_the_web_pods_stay_in_service_while_the_chain_is_down(client, db, settings):
    """/gezondheid/web (the web pods' readinessProbe) asks only what a web process needs: no
    worker and a message that waits for DUO for hours make /gezondheid/klaar fail for the
    monitoring, not the pages."""
    settings.GEZONDHEID_DUO_MAX_MINUTEN = 30
    _bericht(TrajectFactory(), oud=timedelta(hours=3))
    antwoord = client.get("/gezondheid/web")
    assert (antwoord.status_code, antwoord.json()) == (200, {"status": "ok"})
    assert _klaar(client)[0] == 503


def test_the_web_check_fails_without_the_migrations(client, db):
    with mock.patch.object(gezondheid, "MigrationExecutor") as executor:
        executor.return_value.migration_plan.return_value = [(mock.Mock(), False)]
        antwoord = client.get("/gezondheid/web")
    assert antwoord.status_code == 503
    assert antwoord.json() == {
        "status": "fout",
        "controles": {"database": "ok", "migraties": "fout"},
    }
