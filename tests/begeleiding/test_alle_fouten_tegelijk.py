"""Every form of begeleiding and ontzorgen shows the errors of its fields and of the slice's
checks (services, rules) in one response, not the checks' only after a second submit; and
saves nothing."""

from koers.begeleiding.models import (
    Begeleiding,
    Betaling,
    Bijstand,
    ChecklistItem,
    DuaalTraject,
    Ontzorgen,
    Voorlichting,
)
from tests.begeleiding.test_web import url
from tests.foutsamenvatting import bevat_beide


def test_begeleiding(als, adviseur_weert, traject_weert):
    antwoord = als(adviseur_weert).post(
        url("begeleiding", traject_weert),
        {
            "zelfredzaamheid": "2",
            "zelfredzaamheid_datum": "2027-01-01",  # the check: not in the future
            "contacten_per_maand": "veel",  # the field: a whole number
        },
    )
    bevat_beide(antwoord, "Vul bij 'Contacten per maand' een heel getal in.", "in de toekomst")
    assert not Begeleiding.objects.exists()


def test_checklist(als, adviseur_weert, traject_weert):
    antwoord = als(adviseur_weert).post(
        url("checklist", traject_weert),
        {
            "huurcontract-status": "klaar",
            "huurcontract-datum": "gisteren",  # the field: a date
            "huisarts-status": "klaar",  # the check: klaar needs its date
            "huisarts-datum": "",
        },
    )
    bevat_beide(antwoord, "geldige datum", "Vul in wanneer")
    assert not ChecklistItem.objects.exists()


def test_voorlichting(als, adviseur_weert, traject_weert):
    antwoord = als(adviseur_weert).post(
        url("voorlichting", traject_weert),
        {"voorlichting-onderwerp": "", "voorlichting-datum": "2027-01-01"},
    )
    bevat_beide(antwoord, "Vul 'Onderwerp' in.", "in de toekomst")
    assert not Voorlichting.objects.exists()


def test_duaal(als, adviseur_weert, traject_weert):
    antwoord = als(adviseur_weert).post(
        url("duaal", traject_weert),
        {"duaal-werkgever": "", "duaal-start": "2026-10-01", "duaal-uren_per_week": "0"},
    )
    bevat_beide(antwoord, "Vul 'Werkgever' in.", "aantal uren per week in van 1")
    assert not DuaalTraject.objects.exists()


def test_ontzorgen(als, adviseur_weert, traject_weert):
    antwoord = als(adviseur_weert).post(
        url("ontzorgen", traject_weert),
        {
            "start_bijstand": "2026-10-01",
            "einde_bijstand": "2026-09-01",  # the check: not before the start
            "cursus_status": "onzin",  # the field: a choice
        },
    )
    bevat_beide(
        antwoord,
        "Kies bij 'Cursus 'omgaan met geld'' een van de mogelijkheden.",
        "De bijstand kan niet stoppen voor hij begint.",
    )
    assert not Ontzorgen.objects.exists()


def test_bijstand(als, adviseur_weert, traject_weert):
    antwoord = als(adviseur_weert).post(
        url("bijstand", traject_weert),
        {"bijstand-start": "2019-01-01", "bijstand-einde": "morgen"},
    )
    bevat_beide(antwoord, "geldige datum", "1 januari 2022")
    assert not Bijstand.objects.exists()


def test_betaling(als, uitkering_weert, ontzorgen_weert):
    antwoord = als(uitkering_weert).post(
        url("betaling", ontzorgen_weert.traject),
        {
            "betaling-maand": "2026-10-01",
            "betaling-post": "energie_water",
            "betaling-bedrag": "14500",  # the rule: an implausible amount
            "betaling-betaald_op": "2026-10-01",
            "betaling-begunstigde": "",  # the field: required
        },
    )
    bevat_beide(antwoord, "Vul 'Betaald aan' in.", "te hoog")
    assert not Betaling.objects.exists()
