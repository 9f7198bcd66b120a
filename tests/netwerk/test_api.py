"""The netwerk API: registers, roster and the case parts (200/201/400/403/404)."""

import datetime as dt
from decimal import Decimal

import pytest

from koers.netwerk import services
from koers.netwerk.models import (
    ErvaringsdeskundigeKoppeling,
    InstroomklasPlaatsing,
    Taalverwijzing,
    Tolk,
    Tolkboeking,
)
from tests.factories import InburgeraarFactory, TrajectFactory

D = dt.date


def _p(traject, rest):
    return f"/api/v1/inburgeraars/{traject.inburgeraar_id}/{rest}"


# --- registers --------------------------------------------------------------------------------


def test_tolken_list_filter_and_add(
    api, adviseur_weert, tolk_weert, tolk_tigrinya, tolk_cranendonck
):
    client = api(adviseur_weert)
    antwoord = client.get("/api/v1/tolken")
    assert antwoord.status_code == 200
    assert {t["naam"] for t in antwoord.json()} == {"Samira Haddou", "Filmon Ghebre"}
    antwoord = client.get("/api/v1/tolken?taal=tigrinya")
    assert [t["naam"] for t in antwoord.json()] == ["Filmon Ghebre"]
    antwoord = client.post(
        "/api/v1/tolken",
        {"naam": "Ayşe Korkmaz", "talen": ["Turks"], "soort": "video", "tarief_per_uur": "49.50"},
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.json()
    assert antwoord.json()["gemeentecode"] == "0988"
    assert antwoord.json()["tarief_per_uur"] == "49.50"


@pytest.mark.parametrize(
    ("data", "veld"),
    [
        ({"naam": "X", "talen": ["Turks"], "soort": "fax", "tarief_per_uur": "50"}, "soort"),
        (
            {"naam": "X", "talen": ["Turks"], "soort": "video", "tarief_per_uur": "-1"},
            "tarief_per_uur",
        ),
        (
            {"naam": "X", "talen": ["Turks"], "soort": "video", "tarief_per_uur": "0"},
            "tarief_per_uur",
        ),
        ({"naam": "X", "talen": [], "soort": "video", "tarief_per_uur": "50"}, "talen"),
        ({"naam": " ", "talen": ["Turks"], "soort": "video", "tarief_per_uur": "50"}, "naam"),
        (
            {
                "naam": "X",
                "talen": ["Turks"],
                "soort": "video",
                "tarief_per_uur": "50",
                "gemeentecode": "1706",
            },
            "gemeentecode",
        ),
        ({"naam": "X", "talen": "Turks", "soort": "video", "tarief_per_uur": "50"}, "talen"),
    ],
)
def test_tolk_bad_input(api, adviseur_weert, cranendonck, weert, data, veld):
    antwoord = api(adviseur_weert).post("/api/v1/tolken", data, format="json")
    assert antwoord.status_code == 400
    assert veld in antwoord.json()["fouten"]
    assert not Tolk.objects.exists()


def test_register_access(
    api, adviseur_weert, beleid, teamleider_weert, tolk_weert, tolk_cranendonck, ed_cranendonck
):
    client = api(adviseur_weert)
    assert client.get(f"/api/v1/tolken/{tolk_cranendonck.pk}").status_code == 404
    assert (
        client.patch(
            f"/api/v1/tolken/{tolk_cranendonck.pk}", {"naam": "Weg"}, format="json"
        ).status_code
        == 404
    )
    assert client.get(f"/api/v1/ervaringsdeskundigen/{ed_cranendonck.pk}").status_code == 404
    assert api(beleid).get("/api/v1/tolken").status_code == 403
    assert api(beleid).get("/api/v1/ervaringsdeskundigen").status_code == 403
    antwoord = api(teamleider_weert).patch(
        f"/api/v1/tolken/{tolk_weert.pk}", {"tarief_per_uur": "70.00"}, format="json"
    )
    assert antwoord.status_code == 200
    assert antwoord.json()["tarief_per_uur"] == "70.00"


def test_ervaringsdeskundigen(api, adviseur_weert, ed_weert):
    client = api(adviseur_weert)
    antwoord = client.post(
        "/api/v1/ervaringsdeskundigen",
        {"naam": "Hasan Polat", "rollen": ["voorlichter"], "talen": ["Turks"]},
        format="json",
    )
    assert antwoord.status_code == 201
    antwoord = client.post(
        "/api/v1/ervaringsdeskundigen", {"naam": "Zonder", "rollen": ["tolk"]}, format="json"
    )
    assert antwoord.status_code == 400
    assert "rollen.0" in antwoord.json()["fouten"]
    antwoord = client.get("/api/v1/ervaringsdeskundigen?taal=Turks")
    assert [e["naam"] for e in antwoord.json()] == ["Hasan Polat"]


def test_register_query_count(api, adviseur_weert, weert, django_assert_max_num_queries):
    client = api(adviseur_weert)
    Tolk.objects.create(gemeente=weert, naam="T0", talen=["A"], soort="video", tarief_per_uur=1)
    with django_assert_max_num_queries(8) as een:
        client.get("/api/v1/tolken")
    for i in range(1, 6):
        Tolk.objects.create(
            gemeente=weert, naam=f"T{i}", talen=["A"], soort="video", tarief_per_uur=1
        )
    with django_assert_max_num_queries(len(een.captured_queries)):
        assert len(client.get("/api/v1/tolken").json()) == 6


# --- case parts -------------------------------------------------------------------------------


def test_instroomklas(api, adviseur_weert, traject_weert):
    client = api(adviseur_weert)
    antwoord = client.get(_p(traject_weert, "instroomklas"))
    assert antwoord.json() == {"huidig": None, "plaatsingen": []}
    antwoord = client.post(
        _p(traject_weert, "instroomklas"),
        {"startdatum": "2026-10-05", "geplande_einddatum": "2026-12-07"},
        format="json",
    )
    assert antwoord.status_code == 200
    assert antwoord.json()["huidig"]["geplande_einddatum"] == "2026-12-07"
    antwoord = client.post(
        _p(traject_weert, "instroomklas/aanwezigheid"),
        {"week": "2026-10-15", "dagdelen_gepland": 4, "dagdelen_aanwezig": 3},
        format="json",
    )
    assert antwoord.json() == {
        "week": "2026-10-12",
        "dagdelen_gepland": 4,
        "dagdelen_aanwezig": 3,
        "percentage": 75,
    }
    antwoord = client.post(
        _p(traject_weert, "instroomklas/workshops"),
        {"workshop": "leren_fietsen", "datum": "2026-10-20"},
        format="json",
    )
    assert antwoord.status_code == 201
    antwoord = client.post(
        _p(traject_weert, "instroomklas"),
        {"startdatum": "2026-10-05", "geplande_einddatum": "2027-01-04"},
        format="json",
    )
    huidig = antwoord.json()["huidig"]
    assert huidig["geplande_einddatum"] == "2027-01-04"
    assert huidig["workshops"] == [
        {"workshop": "leren_fietsen", "naam": "Leren fietsen", "datum": "2026-10-20"}
    ]
    antwoord = client.post(
        _p(traject_weert, "instroomklas/beeindigen"), {"einddatum": "2026-11-03"}, format="json"
    )
    assert antwoord.status_code == 200
    assert antwoord.json()["einddatum"] == "2026-11-03"
    assert InstroomklasPlaatsing.objects.get().einddatum == D(2026, 11, 3)


@pytest.mark.parametrize(
    ("rest", "data", "veld"),
    [
        (
            "instroomklas",
            {"startdatum": "2026-10-05", "geplande_einddatum": "2026-09-01"},
            "geplande_einddatum",
        ),
        (
            "instroomklas",
            {"startdatum": "gisteren", "geplande_einddatum": "2026-12-01"},
            "startdatum",
        ),
        ("instroomklas", {"startdatum": "2026-10-05"}, "geplande_einddatum"),
        (
            "instroomklas/aanwezigheid",
            {"week": "2026-10-15", "dagdelen_gepland": 4, "dagdelen_aanwezig": -1},
            "dagdelen_aanwezig",
        ),
        (
            "instroomklas/aanwezigheid",
            {"week": "2026-10-15", "dagdelen_gepland": 4, "dagdelen_aanwezig": 5},
            "__all__",
        ),
        ("instroomklas/workshops", {"workshop": "zwemmen", "datum": "2026-10-20"}, "workshop"),
    ],
)
def test_instroomklas_bad_input(api, adviseur_weert, traject_weert, rest, data, veld):
    antwoord = api(adviseur_weert).post(_p(traject_weert, rest), data, format="json")
    assert antwoord.status_code == 400
    assert veld in antwoord.json()["fouten"]
    assert not InstroomklasPlaatsing.objects.exists()


def test_tolkboekingen(api, adviseur_weert, traject_weert, tolk_weert, tolk_cranendonck):
    inburgeraar = traject_weert.inburgeraar
    inburgeraar.tolk_taal = "arabisch"
    inburgeraar.save()
    client = api(adviseur_weert)
    assert [t["naam"] for t in client.get(_p(traject_weert, "tolkvoorstel")).json()] == [
        "Samira Haddou"
    ]
    antwoord = client.post(
        _p(traject_weert, "tolkboekingen"),
        {
            "tolk": tolk_cranendonck.pk,
            "gesprek": "pip_gesprek",
            "datum": "2026-11-10",
            "duur_minuten": 60,
        },
        format="json",
    )
    assert antwoord.status_code == 400
    assert "tolk" in antwoord.json()["fouten"]
    antwoord = client.post(
        _p(traject_weert, "tolkboekingen"),
        {
            "tolk": tolk_weert.pk,
            "gesprek": "voortgangsgesprek",
            "voortgangsgesprek_id": 7,
            "datum": "2026-11-02",
            "duur_minuten": 45,
        },
        format="json",
    )
    assert antwoord.status_code == 201
    boeking = antwoord.json()
    assert (boeking["kosten"], boeking["status"], boeking["voortgangsgesprek_id"]) == (
        "45.00",
        "gepland",
        7,
    )
    antwoord = client.patch(
        _p(traject_weert, f"tolkboekingen/{boeking['id']}"),
        {"status": "geweest", "duur_minuten": 60},
        format="json",
    )
    assert antwoord.status_code == 200
    assert antwoord.json()["kosten"] == "60.00"
    antwoord = client.patch(
        _p(traject_weert, f"tolkboekingen/{boeking['id']}"),
        {"status": "geannuleerd"},
        format="json",
    )
    assert antwoord.status_code == 400
    assert "afgesloten" in antwoord.json()["fouten"]["status"][0]
    assert len(client.get(_p(traject_weert, "tolkboekingen")).json()) == 1


@pytest.mark.parametrize(
    ("data", "veld"),
    [
        ({"gesprek": "pip_gesprek", "datum": "2026-11-10", "duur_minuten": 0}, "duur_minuten"),
        ({"gesprek": "pip_gesprek", "datum": "2026-11-10", "duur_minuten": "lang"}, "duur_minuten"),
        ({"gesprek": "thee", "datum": "2026-11-10", "duur_minuten": 30}, "gesprek"),
        ({"gesprek": "overig", "datum": "2026-11-10", "duur_minuten": 30}, "gesprek_omschrijving"),
        ({"gesprek": "pip_gesprek", "datum": "2026-13-10", "duur_minuten": 30}, "datum"),
    ],
)
def test_tolkboeking_bad_input(api, adviseur_weert, traject_weert, tolk_weert, data, veld):
    antwoord = api(adviseur_weert).post(
        _p(traject_weert, "tolkboekingen"), {"tolk": tolk_weert.pk, **data}, format="json"
    )
    assert antwoord.status_code == 400
    assert veld in antwoord.json()["fouten"]
    assert not Tolkboeking.objects.exists()


def test_koppelingen_en_taalondersteuning(api, adviseur_weert, traject_weert, ed_weert):
    client = api(adviseur_weert)
    antwoord = client.post(
        _p(traject_weert, "ervaringsdeskundigen"),
        {"ervaringsdeskundige": ed_weert.pk, "rol": "voorlichter", "sinds": "2026-10-01"},
        format="json",
    )
    assert antwoord.status_code == 201
    koppeling = antwoord.json()
    assert koppeling["ervaringsdeskundige_naam"] == "Yohannes Mehari"
    antwoord = client.post(
        _p(traject_weert, f"ervaringsdeskundigen/{koppeling['id']}/beeindigen"),
        {"tot": "2026-11-01"},
        format="json",
    )
    assert antwoord.json()["tot"] == "2026-11-01"
    assert ErvaringsdeskundigeKoppeling.objects.get().tot == D(2026, 11, 1)
    antwoord = client.post(
        _p(traject_weert, "taalondersteuning"),
        {
            "soort": "vluchtelingenwerk",
            "organisatie": "VluchtelingenWerk Weert",
            "datum": "2026-10-01",
            "uren_per_week": "3",
        },
        format="json",
    )
    assert antwoord.status_code == 201
    verwijzing = antwoord.json()
    assert verwijzing["status"] == "verwezen"
    antwoord = client.patch(
        _p(traject_weert, f"taalondersteuning/{verwijzing['id']}"),
        {"status": "gestart", "uren_totaal": "12.5"},
        format="json",
    )
    assert antwoord.status_code == 200
    assert (antwoord.json()["status"], antwoord.json()["uren_totaal"]) == ("gestart", "12.5")
    antwoord = client.patch(
        _p(traject_weert, f"taalondersteuning/{verwijzing['id']}"),
        {"uren_per_week": "-1"},
        format="json",
    )
    assert antwoord.status_code == 400
    assert "uren_per_week" in antwoord.json()["fouten"]
    assert Taalverwijzing.objects.get().uren_per_week == Decimal("3.0")
    assert len(client.get(_p(traject_weert, "taalondersteuning")).json()) == 1
    assert len(client.get(_p(traject_weert, "ervaringsdeskundigen")).json()) == 1


def test_case_access(
    api, adviseur_weert, teamleider_weert, beleid, traject_weert, traject_cranendonck, tolk_weert
):
    client = api(adviseur_weert)
    for rest in (
        "instroomklas",
        "tolkboekingen",
        "ervaringsdeskundigen",
        "taalondersteuning",
        "tolkvoorstel",
    ):
        assert client.get(_p(traject_cranendonck, rest)).status_code == 404
        assert api(teamleider_weert).get(_p(traject_weert, rest)).status_code == 200
        assert api(beleid).get(_p(traject_weert, rest)).status_code == 404
    antwoord = api(teamleider_weert).post(
        _p(traject_weert, "tolkboekingen"),
        {
            "tolk": tolk_weert.pk,
            "gesprek": "pip_gesprek",
            "datum": "2026-11-10",
            "duur_minuten": 60,
        },
        format="json",
    )
    assert antwoord.status_code == 403
    assert (
        client.post(
            _p(traject_cranendonck, "taalondersteuning"),
            {"soort": "taalmaatje", "datum": "2026-10-01"},
            format="json",
        ).status_code
        == 404
    )
    assert not Tolkboeking.objects.exists() and not Taalverwijzing.objects.exists()


def test_rooster(api, adviseur_weert, weert, cranendonck, beleid, django_assert_max_num_queries):
    def plaats():
        traject = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))
        services.plaats_in_instroomklas(
            traject, adviseur_weert, startdatum=D(2026, 10, 1), geplande_einddatum=D(2026, 12, 1)
        )
        services.registreer_aanwezigheid(
            traject, adviseur_weert, week=D(2026, 10, 28), dagdelen_gepland=4, dagdelen_aanwezig=2
        )

    plaats()
    client = api(adviseur_weert)
    with django_assert_max_num_queries(8 + 3) as een:  # + 3: the verwerkingenlogging
        rijen = client.get("/api/v1/instroomklas").json()
    assert rijen[0]["dagdelen_aanwezig"] == 2
    plaats()
    plaats()
    with django_assert_max_num_queries(len(een.captured_queries)):
        assert len(client.get("/api/v1/instroomklas?gemeentecode=0988").json()) == 3
    assert client.get("/api/v1/instroomklas?gemeentecode=1706").status_code == 404
    assert api(beleid).get("/api/v1/instroomklas").status_code == 403
