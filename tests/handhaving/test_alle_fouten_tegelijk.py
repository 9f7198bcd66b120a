"""The handhaving forms show the errors of their fields and of the step's rules in one
response, not the rules' only after a second submit; nothing is saved."""

import datetime as dt

import pytest

from koers.handhaving import services
from koers.handhaving.models import Boetebesluit, Boetevoornemen, Handhavingszaak
from tests.foutsamenvatting import bevat_beide
from tests.handhaving.conftest import hoor, zaak_tot_hoorzitting
from tests.handhaving.test_web import _overzicht, _stap

pytestmark = pytest.mark.django_db


def _zaak(traject, door, *, gewaarschuwd=True):
    zaak = services.open_zaak(
        traject,
        door,
        {"verzuim": "lessen", "datum": dt.date(2026, 10, 1), "omschrijving": "Niet gekomen."},
    )
    if gewaarschuwd:
        services.stuur_waarschuwing(zaak, door, {"datum": dt.date(2026, 10, 5)})
    zaak.refresh_from_db()
    return zaak


def test_verzuim(als, adviseur_weert, gezin_weert):
    antwoord = als(adviseur_weert).post(
        _overzicht(gezin_weert), {"verzuim": "", "datum": "2027-01-01", "omschrijving": "x"}
    )
    bevat_beide(
        antwoord,
        "Vul 'Wat heeft de inburgeraar niet gedaan?' in.",
        "De datum van het verzuim kan niet in de toekomst liggen.",
    )
    assert not Handhavingszaak.objects.exists()


def test_waarschuwing(als, adviseur_weert, gezin_weert):
    zaak = _zaak(gezin_weert, adviseur_weert, gewaarschuwd=False)
    antwoord = als(adviseur_weert).post(
        _stap(zaak, "waarschuwing"),
        {"waarschuwing-datum": "2026-09-01", "waarschuwing-toelichting": "x" * 10001},
    )
    assert antwoord.status_code == 400
    bevat_beide(
        antwoord,
        "'Extra tekst in de brief' is te lang",
        "De waarschuwing kan niet eerder zijn dan het verzuim.",
    )
    zaak.refresh_from_db()
    assert zaak.waarschuwing_datum is None and not zaak.brieven.exists()


def test_voornemen(als, adviseur_weert, gezin_weert):
    zaak = _zaak(gezin_weert, adviseur_weert)
    antwoord = als(adviseur_weert).post(
        _stap(zaak, "voornemen"),
        {
            "voornemen-datum": "2026-10-01",  # the rule: not before the warning
            "voornemen-voorschrift": "Wi2021 artikel 16",
            "voornemen-bedrag": "veel",  # the field: a whole number
            "voornemen-route": "schriftelijk",
            "voornemen-zienswijze_tot": "2026-11-30",
        },
    )
    assert antwoord.status_code == 400
    bevat_beide(
        antwoord,
        "Vul bij 'Bedrag in euro' een heel getal in.",
        "Het voornemen kan niet eerder zijn dan de waarschuwing.",
    )
    assert not Boetevoornemen.objects.exists()


def test_zienswijze(als, adviseur_weert, gezin_weert):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    antwoord = als(adviseur_weert).post(
        _stap(zaak, "zienswijze"),
        {
            "zienswijze-datum": "2026-11-18",
            "zienswijze-aanwezig": "x" * 501,  # the field: at most 500 characters
            "zienswijze-zienswijze": "Had geen oppas.",  # no cautie: the rule of Awb 5:10a
        },
    )
    assert antwoord.status_code == 400
    bevat_beide(antwoord, "'Wie waren er bij de hoorzitting?' is te lang", "cautie")
    assert Boetevoornemen.objects.get().zienswijze_op is None


def test_boete(als, adviseur_weert, gezin_weert):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    hoor(zaak, adviseur_weert)
    antwoord = als(adviseur_weert).post(
        _stap(zaak, "boete"),
        {"boete-datum": "2026-11-20", "boete-bedrag": "300", "boete-motivering": ""},
    )
    assert antwoord.status_code == 400
    bevat_beide(
        antwoord,
        "Vul 'Waarom krijgt de inburgeraar een boete?' in.",
        "Het bedrag kan niet hoger zijn dan in het voornemen (250 euro).",
    )
    assert not Boetebesluit.objects.exists()
