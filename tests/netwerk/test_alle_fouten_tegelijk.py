"""The instroomklas and tolk forms of the netwerk page show the errors of their fields and of
the netwerk rules in one response, not the rules' only after a second submit; nothing is
saved."""

import datetime as dt

import pytest

from koers.netwerk import services
from koers.netwerk.models import (
    InstroomklasPlaatsing,
    InstroomklasWeek,
    Tolkboeking,
    Workshopdeelname,
)
from tests.foutsamenvatting import bevat_beide
from tests.netwerk.test_web import _pad

pytestmark = pytest.mark.django_db


def test_plaatsing(als, adviseur_weert, traject_weert):
    antwoord = als(adviseur_weert).post(
        _pad(traject_weert, "instroomklas/"),
        {
            "plaatsing-startdatum": "2026-10-05",
            "plaatsing-geplande_einddatum": "2026-10-01",  # the rule: after the start
            "plaatsing-toelichting": "x" * 1001,  # the field: too long
        },
    )
    assert antwoord.status_code == 400
    bevat_beide(antwoord, "te lang", "De geplande einddatum moet na de startdatum liggen.")
    assert not InstroomklasPlaatsing.objects.exists()


@pytest.fixture
def in_de_instroomklas(adviseur_weert, traject_weert):
    services.plaats_in_instroomklas(
        traject_weert,
        adviseur_weert,
        startdatum=dt.date(2026, 10, 1),
        geplande_einddatum=dt.date(2026, 12, 1),
    )


def test_aanwezigheid(als, adviseur_weert, traject_weert, in_de_instroomklas):
    antwoord = als(adviseur_weert).post(
        _pad(traject_weert, "instroomklas/aanwezigheid/"),
        {
            "aanwezigheid-week": "14-14-2026",  # the field: a date
            "aanwezigheid-dagdelen_gepland": "4",
            "aanwezigheid-dagdelen_aanwezig": "5",  # the rule: not more than planned
        },
    )
    assert antwoord.status_code == 400
    bevat_beide(antwoord, "geldige datum", "niet meer dagdelen aanwezig")
    assert not InstroomklasWeek.objects.exists()


def test_tolk_boeken(als, adviseur_weert, traject_weert, tolk_weert):
    antwoord = als(adviseur_weert).post(
        _pad(traject_weert, "tolkboekingen/"),
        {
            "boeking-tolk": str(tolk_weert.pk),
            "boeking-gesprek": "overig",  # the rule: describe the conversation
            "boeking-datum": "2026-11-10",
            "boeking-duur_minuten": "zestig",  # the field: a whole number
        },
    )
    assert antwoord.status_code == 400
    bevat_beide(antwoord, "heel getal", "Beschrijf kort om welk gesprek het gaat.")
    assert not Tolkboeking.objects.exists()


def test_workshop(als, adviseur_weert, traject_weert, in_de_instroomklas):
    antwoord = als(adviseur_weert).post(
        _pad(traject_weert, "instroomklas/workshop/"),
        {"workshop-workshop": "toverij", "workshop-datum": "2027-01-04"},
    )
    assert antwoord.status_code == 400
    bevat_beide(
        antwoord,
        "Kies bij 'Workshop' een van de mogelijkheden.",
        "Vul een workshop in die al geweest is.",
    )
    assert not Workshopdeelname.objects.exists()
