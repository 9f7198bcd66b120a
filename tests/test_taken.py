"""``koers worker`` runs the periodic jobs that the apps offer (koers.taken.planner)."""

import logging
import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from koers.taken import planner
from koers.taken.planner import Taak


def test_every_app_offers_its_jobs_in_the_order_of_installed_apps():
    namen = [taak.naam for taak in planner.gevonden_taken()]
    assert namen == [
        "duo-keten",
        "duo-herstel",
        "brp-ophalen",
        "brp-verversen",
        "signalen",
        "verwerkingen-verzegelen",
        "verwerkingen-exporteren",
        "sturing",
    ]


def test_a_round_runs_due_jobs_and_skips_switched_off_ones():
    gedaan = []
    taken = [
        Taak("a", lambda omgeving: gedaan.append(("a", omgeving.opties["x"])) or 1),
        Taak("uit", lambda omgeving: gedaan.append("uit"), interval=lambda omgeving: None),
        Taak("b", lambda omgeving: gedaan.append("b")),
    ]
    planner.draai(eenmalig=True, taken=taken, x=7)
    assert gedaan == [("a", 7), "b"]


def test_a_job_waits_for_its_interval():
    rondes = []
    stop = threading.Event()

    def tel(omgeving):
        rondes.append("elke ronde")
        if len(rondes) == 3:
            stop.set()
        return 1  # work done: the next round starts at once

    langzaam = []
    taken = [Taak("snel", tel), Taak("traag", lambda o: langzaam.append(1), interval=3600)]
    planner.draai(stop=stop, taken=taken, slaap=0.01)
    assert len(rondes) == 3 and langzaam == [1]


def test_an_idle_worker_wakes_when_a_job_with_an_interval_is_due():
    """The sealing runs every second, also when the worker has nothing else to do and would
    otherwise sleep its two seconds between rounds."""
    momenten: list[float] = []
    stop = threading.Event()

    def zegel(omgeving):
        momenten.append(time.monotonic())
        if len(momenten) == 4:
            stop.set()
        return 0  # nothing to do: without the wake-up the worker would sleep ``slaap``

    begin = time.monotonic()
    planner.draai(stop=stop, taken=[Taak("zegel", zegel, interval=0.1)], slaap=30)
    assert len(momenten) == 4
    assert time.monotonic() - begin < 5  # not 3 x 30 s asleep
    tussenpozen = [b - a for a, b in zip(momenten, momenten[1:], strict=False)]
    assert all(0.09 <= pauze < 2 for pauze in tussenpozen), tussenpozen


def test_a_failing_job_is_logged_by_type_and_the_others_still_run(caplog):
    def faalt(omgeving):
        raise ValueError("BSN 123456782 in de tekst")

    def database_weg(omgeving):
        raise OperationalError("weg")

    gedaan = []
    taken = [
        Taak("faalt", faalt),
        Taak("database", database_weg),
        Taak("daarna", lambda o: gedaan.append(1)),
    ]
    with caplog.at_level(logging.ERROR, logger="koers.taken.planner"):
        planner.draai(eenmalig=True, taken=taken)
    assert gedaan == [1]
    regels = [r.getMessage() for r in caplog.records]
    assert "Taak faalt mislukt: ValueError" in regels
    assert any("database niet bereikbaar" in r for r in regels)
    assert not any("123456782" in r for r in regels)


def test_a_long_job_runs_beside_the_loop_so_the_short_jobs_keep_their_rhythm():
    stop = threading.Event()
    lang_bezig = threading.Event()
    lang_mag_stoppen = threading.Event()
    korte_rondes = []
    vrijgegeven_tijdens_de_run = []

    def lange_run(omgeving):
        lang_bezig.set()
        # A daily run over a million cases: it ends only when the short job has run 5 times.
        vrijgegeven_tijdens_de_run.append(lang_mag_stoppen.wait(5))
        return 0

    def kort(omgeving):
        if lang_bezig.is_set():
            korte_rondes.append(1)
        if len(korte_rondes) == 5:
            lang_mag_stoppen.set()
            stop.set()
        return 0

    taken = [Taak("lang", lange_run, interval=3600, lang=True), Taak("kort", kort)]
    draad = threading.Thread(
        target=planner.draai, kwargs={"stop": stop, "taken": taken, "slaap": 0.01}
    )
    draad.start()
    draad.join(10)
    assert not draad.is_alive()
    assert lang_mag_stoppen.is_set(), "the short job stood still while the long one worked"
    assert len(korte_rondes) == 5


def test_the_heartbeat_goes_on_while_a_long_job_works(db, monkeypatch):
    from koers.taken.models import Hartslag

    stop = threading.Event()
    vrij = threading.Event()
    vrijgegeven_tijdens_de_run = []

    def lange_run(omgeving):
        vrijgegeven_tijdens_de_run.append(vrij.wait(5))
        return 0

    monkeypatch.setattr(planner, "HARTSLAG_SECONDEN", 0.01)
    monkeypatch.setattr(
        planner, "gevonden_taken", lambda: [Taak("lang", lange_run, interval=3600, lang=True)]
    )
    slagen = []
    echte_klop = planner.klop

    def klop(naam):
        echte_klop(naam)
        slagen.append(Hartslag.objects.get(worker=naam).laatst_op)
        if len(slagen) == 3:
            vrij.set()
            stop.set()

    monkeypatch.setattr(planner, "klop", klop)
    planner.draai(stop=stop, slaap=0.01)
    assert len(slagen) == 3 and slagen[0] < slagen[2]
    assert vrijgegeven_tijdens_de_run == [True], "the heartbeat waited for the long job"


def test_once_runs_the_long_jobs_in_turn_too():
    gedaan = []
    taken = [
        Taak("lang", lambda o: gedaan.append("lang"), lang=True),
        Taak("kort", lambda o: gedaan.append("kort")),
    ]
    planner.draai(eenmalig=True, taken=taken)
    assert gedaan == ["lang", "kort"]


def test_worker_runs_only_the_jobs_asked_for(monkeypatch):
    gedaan = []
    monkeypatch.setattr(
        planner,
        "gevonden_taken",
        lambda: [
            Taak("verwerkingen-verzegelen", lambda o: gedaan.append("zegel")),
            Taak("duo-keten", lambda o: gedaan.append("duo")),
        ],
    )
    monkeypatch.setattr(planner, "klop", lambda naam: gedaan.append("hartslag"))
    call_command("worker", "--eenmalig", "--taak", "verwerkingen-verzegelen")
    assert gedaan == ["zegel"]
    with pytest.raises(CommandError, match="Onbekende taak: zegelen. Kies uit: "):
        call_command("worker", "--eenmalig", "--taak", "zegelen")
