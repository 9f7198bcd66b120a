"""``koers worker`` runs the periodic jobs that the apps offer (koers.taken.planner)."""

import logging
import threading

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
