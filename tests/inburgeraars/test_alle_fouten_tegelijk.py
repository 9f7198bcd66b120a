"""The forms of the inburgeraars slice (aanmelden, gegevens, status, leerbaarheidstoets
overslaan) show the errors of their fields and of the slice's rules in one response, not the
rules' only after a second submit; nothing is saved."""

import datetime as dt

import pytest
from django.urls import reverse

from koers.inburgeraars.models import Inburgeraar
from tests.foutsamenvatting import bevat_beide

pytestmark = pytest.mark.django_db

GEEN_ELFPROEF = "123456780"


@pytest.fixture(autouse=True)
def _vandaag(time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 10, 0, tzinfo=dt.UTC), tick=False)


def test_aanmelden(als, weert, adviseur_weert):
    antwoord = als(adviseur_weert).post(
        "/inburgeraars/nieuw/",
        {
            "bsn": GEEN_ELFPROEF,  # the rule: the elfproef
            "voornamen": "",  # the field: required
            "geslachtsnaam": "Tesfay",
            "geboortedatum": "1990-05-01",
            "doelgroep": "Asielstatushouder",
            "gemeente": weert.pk,
        },
    )
    bevat_beide(antwoord, "Vul 'Voornamen' in.", "Dit is geen geldig BSN")
    assert not Inburgeraar.objects.exists()


def test_gegevens(als, adviseur_weert, traject_weert):
    inburgeraar = traject_weert.inburgeraar
    antwoord = als(adviseur_weert).post(
        f"/inburgeraars/{inburgeraar.pk}/gegevens/",
        {
            "bsn": inburgeraar.bsn,
            "voornamen": "Nieuwe naam",
            "geslachtsnaam": inburgeraar.geslachtsnaam,
            "geboortedatum": "1902-05-01",  # the rule: more than 120 years ago
            "doelgroep": inburgeraar.doelgroep,
            "email": "geen-adres",  # the field: an e-mail address
        },
    )
    bevat_beide(antwoord, "Vul bij 'E-mail' een geldig e-mailadres in.", "120 jaar")
    inburgeraar.refresh_from_db()
    assert inburgeraar.voornamen != "Nieuwe naam"


def test_status(als, adviseur_weert, traject_weert):
    antwoord = als(adviseur_weert).post(
        f"/inburgeraars/{traject_weert.inburgeraar_id}/status/",
        {"status": "afgerond", "reden": "onzin"},  # an unknown reason: afronden has none
    )
    bevat_beide(
        antwoord,
        "Kies bij 'Reden (alleen bij afronden)' een van de mogelijkheden.",
        "Kies een reden om het traject af te ronden.",
    )
    traject_weert.refresh_from_db()
    assert traject_weert.status == "aangemeld"


def test_leerbaarheidstoets_overslaan(als, adviseur_weert, traject_weert):
    antwoord = als(adviseur_weert).post(
        reverse("web:lbt_overslaan", args=[traject_weert.inburgeraar_id]),
        {"lbt-grond": "onzin", "lbt-toelichting": "Mbo-4 diploma.", "lbt-datum": "2026-10-02"},
    )
    bevat_beide(antwoord, "Kies bij 'Waarom is de leerbaarheidstoets", "toekomst")
    traject_weert.refresh_from_db()
    assert traject_weert.lbt_overgeslagen_op is None
