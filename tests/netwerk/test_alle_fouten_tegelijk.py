"""The forms of the netwerk pages and registers show the errors of their fields and of
the netwerk rules in one response, not the rules' only after a second submit; nothing is
saved."""

import datetime as dt

import pytest

from koers.netwerk import services
from koers.netwerk.forms import ErvaringsdeskundigeForm
from koers.netwerk.models import (
    Ervaringsdeskundige,
    ErvaringsdeskundigeKoppeling,
    InstroomklasPlaatsing,
    InstroomklasWeek,
    Taalverwijzing,
    Tolk,
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


def test_tolkboeking_bijwerken(als, adviseur_weert, traject_weert, tolk_weert):
    boeking = services.boek_tolk(
        traject_weert,
        adviseur_weert,
        tolk=tolk_weert,
        gesprek="brede_intake",
        datum=dt.date(2026, 11, 20),
        duur_minuten=60,
    )
    antwoord = als(adviseur_weert).post(
        _pad(traject_weert, f"tolkboekingen/{boeking.pk}/"),
        {
            f"boeking-{boeking.pk}-status": "geweest",  # the rule: the talk is still to come
            f"boeking-{boeking.pk}-duur_minuten": "zestig",  # the field: a whole number
        },
    )
    assert antwoord.status_code == 400
    bevat_beide(antwoord, "heel getal", "Een gesprek in de toekomst kan nog niet geweest zijn.")
    boeking.refresh_from_db()
    assert boeking.status == "gepland" and boeking.duur_minuten == 60


def test_ervaringsdeskundige_koppelen(als, adviseur_weert, traject_weert, ed_weert):
    antwoord = als(adviseur_weert).post(
        _pad(traject_weert, "ervaringsdeskundigen/"),
        {
            "koppeling-ervaringsdeskundige": str(ed_weert.pk),
            "koppeling-rol": "verkenner",  # the rule: not one of this person's roles
            "koppeling-sinds": "31-02-2026",  # the field: a date
        },
    )
    assert antwoord.status_code == 400
    bevat_beide(
        antwoord, "geldige datum", "Deze ervaringsdeskundige heeft die rol niet in het netwerk."
    )
    assert not ErvaringsdeskundigeKoppeling.objects.exists()


def test_ervaringsdeskundige_tweemaal_koppelen(als, adviseur_weert, traject_weert, ed_weert):
    services.koppel_ervaringsdeskundige(
        traject_weert,
        adviseur_weert,
        ervaringsdeskundige=ed_weert,
        rol="voorlichter",
        sinds=dt.date(2026, 10, 1),
    )
    antwoord = als(adviseur_weert).post(
        _pad(traject_weert, "ervaringsdeskundigen/"),
        {
            "koppeling-ervaringsdeskundige": str(ed_weert.pk),
            "koppeling-rol": "voorlichter",  # the rule: already linked in this role
            "koppeling-sinds": "2026-11-02",
            "koppeling-toelichting": "x" * 1001,  # the field: too long
        },
    )
    assert antwoord.status_code == 400
    bevat_beide(antwoord, "te lang", "Deze ervaringsdeskundige is al in deze rol gekoppeld.")
    assert ErvaringsdeskundigeKoppeling.objects.count() == 1


def test_verwijzen(als, adviseur_weert, traject_weert):
    antwoord = als(adviseur_weert).post(
        _pad(traject_weert, "taalondersteuning/"),
        {
            "verwijzing-soort": "overig",  # the rule: name the organisation
            "verwijzing-organisatie": "",
            "verwijzing-datum": "2026-12-01",  # the rule: not in the future
            "verwijzing-status": "verwezen",
            "verwijzing-uren_per_week": "veel",  # the field: a number
        },
    )
    assert antwoord.status_code == 400
    bevat_beide(antwoord, "een getal in", "Vul de naam van de organisatie in.")
    bevat_beide(
        antwoord, "een getal in", "De datum van de verwijzing kan niet in de toekomst liggen."
    )
    assert not Taalverwijzing.objects.exists()


@pytest.mark.parametrize(
    ("register", "data", "veldfout", "regelfout"),
    [
        (
            "tolken",
            {"naam": "Oksana Melnyk", "talen": "Oekraïens", "soort": "video"}
            | {"tarief_per_uur": "0"},  # the rule: more than 0 euro
            "geldig e-mailadres",
            "Het tarief per uur moet meer dan 0 euro zijn.",
        ),
        (
            "ervaringsdeskundigen",
            {"naam": "Oksana Melnyk", "rollen": ["voorlichter"]}
            | {"talen": "Oekraïens, " + "x" * 60},  # the rule: a language of at most 50
            "geldig e-mailadres",
            "Een taal heeft hooguit 50 tekens.",
        ),
    ],
)
def test_register(als, adviseur_weert, weert, register, data, veldfout, regelfout):
    antwoord = als(adviseur_weert).post(
        f"/netwerk/{register}/",
        data | {"email": "geen-adres", "actief": "on"},  # the field: an e-mail address
    )
    assert antwoord.status_code == 400
    bevat_beide(antwoord, veldfout, regelfout)
    assert not Tolk.objects.exists() and not Ervaringsdeskundige.objects.exists()


def test_register_gemeente_van_bestaande_inschrijving(ed_weert, weert, cranendonck):
    form = ErvaringsdeskundigeForm(
        {"gemeente": str(cranendonck.pk), "naam": "", "rollen": ["voorlichter"]},
        gemeenten=[weert, cranendonck],
        instance=ed_weert,
    )
    assert not form.is_valid()
    assert form.errors["naam"] and form.errors["gemeente"] == [
        "De gemeente van een bestaande inschrijving kan niet veranderen."
    ]
