"""Bad input gives 400 with field errors in one shape, never a 500, and saves nothing."""

import json

import pytest

from koers.inburgeraars.models import Gebeurtenis, Inburgeraar
from koers.intake.models import BredeIntake
from koers.pip.models import Beschikking, PipVersie
from tests.api.conftest import nieuwe_inburgeraar, volledige_intake

pytestmark = pytest.mark.django_db

NIEUW = "/api/v1/inburgeraars"
ZAAK = "/api/v1/inburgeraars/{pk}"
INTAKE = "/api/v1/inburgeraars/{pk}/brede-intake"
PIPS = "/api/v1/inburgeraars/{pk}/pips"
STATUS = "/api/v1/inburgeraars/{pk}/status"


def _nieuw(**wijziging):
    data = nieuwe_inburgeraar("111222333")
    data.update(wijziging)
    return {k: v for k, v in data.items() if v is not ...}


def _opleiding(**velden):
    return {"onderwerpen": {"opleiding": {"toelichting": "Basisschool.", **velden}}}


FOUTE_INVOER = [
    # (what, method, url, body, the field that must be named)
    ("BSN faalt de elfproef", "post", NIEUW, _nieuw(bsn="123456789"), "bsn"),
    ("BSN met letters", "post", NIEUW, _nieuw(bsn="12345678a"), "bsn"),
    ("BSN te lang", "post", NIEUW, _nieuw(bsn="1112223334"), "bsn"),
    ("BSN bestaat al", "post", NIEUW, "BESTAAND_BSN", "bsn"),
    ("onbekende doelgroep", "post", NIEUW, _nieuw(doelgroep="Toerist"), "doelgroep"),
    ("datum bestaat niet", "post", NIEUW, _nieuw(geboortedatum="2026-02-30"), "geboortedatum"),
    ("datum in woorden", "post", NIEUW, _nieuw(geboortedatum="gisteren"), "geboortedatum"),
    ("datum als getal", "post", NIEUW, _nieuw(datum_start_plicht=20260601), "datum_start_plicht"),
    ("V-nummer te kort", "post", NIEUW, _nieuw(vnummer="123"), "vnummer"),
    ("e-mail zonder @", "post", NIEUW, _nieuw(email="geen-email"), "email"),
    ("talen geen lijst", "post", NIEUW, _nieuw(talen="Arabisch"), "talen"),
    ("gemeentecode onbekend", "post", NIEUW, _nieuw(gemeentecode="9999"), "gemeentecode"),
    ("voornaam ontbreekt", "post", NIEUW, _nieuw(voornamen=...), "voornamen"),
    ("nul-teken in naam", "post", NIEUW, _nieuw(geslachtsnaam="Had\x00dad"), "geslachtsnaam"),
    ("te lange naam", "post", NIEUW, _nieuw(voornamen="A" * 201), "voornamen"),
    ("lijst in plaats van object", "post", NIEUW, [], "__all__"),
    ("kapotte JSON", "post", NIEUW, '{"bsn": ', "__all__"),
    ("andere gemeente bij wijzigen", "patch", ZAAK, {"gemeentecode": "0946"}, "gemeentecode"),
    (
        "datum in NL-notatie",
        "patch",
        ZAAK,
        {"datum_start_pip_termijn": "31-12-2026"},
        "datum_start_pip_termijn",
    ),
    ("telefoon leeg gemaakt met null", "patch", ZAAK, {"telefoon": None}, "telefoon"),
    ("BSN wijzigen naar ongeldig", "patch", ZAAK, {"bsn": "000000000"}, "bsn"),
    ("onderwerpen geen object", "put", INTAKE, {"onderwerpen": "tekst"}, "onderwerpen"),
    (
        "onbekend onderwerp",
        "put",
        INTAKE,
        {"onderwerpen": {"hobby": {"toelichting": "x"}}},
        "onderwerpen.hobby",
    ),
    (
        "onderwerp geen object",
        "put",
        INTAKE,
        {"onderwerpen": {"opleiding": ["x"]}},
        "onderwerpen.opleiding",
    ),
    (
        "getal in woorden",
        "put",
        INTAKE,
        _opleiding(jaren_onderwijs="vijf"),
        "onderwerpen.opleiding.jaren_onderwijs",
    ),
    (
        "getal te groot",
        "put",
        INTAKE,
        _opleiding(jaren_onderwijs=31),
        "onderwerpen.opleiding.jaren_onderwijs",
    ),
    (
        "onbekende keuze",
        "put",
        INTAKE,
        _opleiding(hoogste_niveau="phd"),
        "onderwerpen.opleiding.hoogste_niveau",
    ),
    ("onbekend veld", "put", INTAKE, _opleiding(hobby="schaken"), "onderwerpen.opleiding.hobby"),
    (
        "toelichting geen tekst",
        "put",
        INTAKE,
        {"onderwerpen": {"opleiding": {"toelichting": 5}}},
        "onderwerpen.opleiding.toelichting",
    ),
    (
        "nul-teken in toelichting",
        "put",
        INTAKE,
        _opleiding(toelichting="a\x00b"),
        "onderwerpen.opleiding.toelichting",
    ),
    (
        "nul-teken in sleutel",
        "put",
        INTAKE,
        {"onderwerpen": {"opleiding": {"a\x00": 1}}},
        "onderwerpen.opleiding",
    ),
    (
        "score boven 10",
        "put",
        INTAKE,
        {"positieve_gezondheid": {"meedoen": {"score": 11}}},
        "positieve_gezondheid.meedoen.score",
    ),
    (
        "onbekende dimensie",
        "put",
        INTAKE,
        {"positieve_gezondheid": {"geluk": {"score": 5}}},
        "positieve_gezondheid.geluk",
    ),
    ("LBT-score te hoog", "put", INTAKE, {"lbt_score": 41}, "lbt_score"),
    ("LBT-score in woorden", "put", INTAKE, {"lbt_score": "veel"}, "lbt_score"),
    ("onbekende LBT-uitslag", "put", INTAKE, {"lbt_uitslag": "goed"}, "lbt_uitslag"),
    ("onbekende plaats", "put", INTAKE, {"plaats": "thuis"}, "plaats"),
    ("maand 13", "put", INTAKE, {"datum": "2026-13-01"}, "datum"),
    ("ja/nee als tekst", "put", INTAKE, {"tolk_gebruikt": "misschien"}, "tolk_gebruikt"),
    ("onbekende leerroute", "post", PIPS, {"leerroute": "X"}, "leerroute"),
    ("leerroute ontbreekt", "post", PIPS, {"niveau": "B1"}, "leerroute"),
    ("onbekend niveau", "post", PIPS, {"leerroute": "B", "niveau": "C1"}, "niveau"),
    ("negatieve uren", "post", PIPS, {"leerroute": "B", "pvt_uren": -1}, "pvt_uren"),
    ("te veel uren", "post", PIPS, {"leerroute": "B", "map_uren": 40000}, "map_uren"),
    (
        "intensiteit in woorden",
        "post",
        PIPS,
        {"leerroute": "B", "geschatte_intensiteit_b1_route": "veel"},
        "geschatte_intensiteit_b1_route",
    ),
    (
        "doel bij onbekende dimensie",
        "post",
        PIPS,
        {"leerroute": "B", "doelen": {"geluk": "x"}},
        "doelen.geluk",
    ),
    ("doelen geen object", "post", PIPS, {"leerroute": "B", "doelen": "werk"}, "doelen"),
    (
        "dagtekening in woorden",
        "post",
        PIPS,
        {"leerroute": "B", "dagtekening": "morgen"},
        "dagtekening",
    ),
    ("onbekende status", "post", STATUS, {"status": "weg"}, "status"),
    ("onbekende reden", "post", STATUS, {"status": "afgerond", "reden": "zomaar"}, "reden"),
    (
        "reden zonder afronden",
        "post",
        STATUS,
        {"status": "brede_intake", "reden": "verhuisd"},
        "status",
    ),
]


def _tellingen():
    return (
        Inburgeraar.objects.count(),
        Gebeurtenis.objects.count(),
        BredeIntake.objects.count(),
        PipVersie.objects.count(),
        Beschikking.objects.count(),
    )


@pytest.mark.parametrize(
    ("wat", "methode", "url", "body", "veld"), FOUTE_INVOER, ids=[r[0] for r in FOUTE_INVOER]
)
def test_foute_invoer(
    api, adviseur_weert, nederweert, traject_weert, wat, methode, url, body, veld
):
    if body == "BESTAAND_BSN":
        body = _nieuw(bsn=traject_weert.inburgeraar.bsn)
    client = api(adviseur_weert)
    url = url.format(pk=traject_weert.inburgeraar_id)
    inburgeraar_voor = Inburgeraar.objects.values().get(pk=traject_weert.inburgeraar_id)
    voor = _tellingen()
    content = body if isinstance(body, str) else json.dumps(body)
    response = getattr(client, methode)(url, content, content_type="application/json")
    assert response.status_code == 400, response.content
    antwoord = response.json()
    assert set(antwoord) == {"detail", "fouten"}
    assert veld in antwoord["fouten"], antwoord
    for teksten in antwoord["fouten"].values():
        assert teksten and all(isinstance(t, str) and t for t in teksten)
    assert _tellingen() == voor
    assert Inburgeraar.objects.values().get(pk=traject_weert.inburgeraar_id) == inburgeraar_voor


def test_formulier_in_plaats_van_json(api, adviseur_weert, weert):
    response = api(adviseur_weert).post(NIEUW, {"bsn": "111222333"})  # multipart
    assert response.status_code == 415
    assert set(response.json()) == {"detail"}


def test_vaststellen_z_route_met_b1_geweigerd_en_niets_opgeslagen(
    api, vandaag, adviseur_weert, traject_weert
):
    from koers.intake import services as intake_services

    intake_services.bewaar(traject_weert, adviseur_weert, volledige_intake())
    intake_services.rond_af(traject_weert, adviseur_weert)
    pk = traject_weert.inburgeraar_id
    client = api(adviseur_weert)

    response = client.post(
        PIPS.format(pk=pk),
        {"leerroute": "Z", "niveau": "B1", "dagtekening": "2026-09-30"},
        format="json",
    )
    assert response.status_code == 201
    assert "niveau" in response.json()["fouten"]  # a concept may still break rules

    voor = _tellingen()
    response = client.post(f"{PIPS.format(pk=pk)}/1/vaststellen", format="json")
    assert response.status_code == 400
    assert response.json()["fouten"]["niveau"] == ["Niveau B1 kan niet bij de Z-route."]
    assert _tellingen() == voor
    traject_weert.refresh_from_db()
    assert traject_weert.status == "brede_intake"
    assert traject_weert.termijn_start is None
    assert PipVersie.objects.get(traject=traject_weert).status == "concept"


def test_vaststellen_zonder_afgeronde_intake(api, vandaag, adviseur_weert, traject_weert):
    pk = traject_weert.inburgeraar_id
    client = api(adviseur_weert)
    client.post(PIPS.format(pk=pk), {"leerroute": "B", "dagtekening": "2026-09-30"}, format="json")
    response = client.post(f"{PIPS.format(pk=pk)}/1/vaststellen", format="json")
    assert response.status_code == 400
    assert "intake" in response.json()["fouten"]
    assert client.post(f"{PIPS.format(pk=pk)}/7/vaststellen", format="json").status_code == 404


def test_afgeronde_intake_verandert_niet_meer(api, adviseur_weert, traject_weert):
    from koers.intake import services as intake_services

    intake_services.bewaar(traject_weert, adviseur_weert, volledige_intake())
    intake_services.rond_af(traject_weert, adviseur_weert)
    response = api(adviseur_weert).put(
        INTAKE.format(pk=traject_weert.inburgeraar_id), {"plaats": "azc"}, format="json"
    )
    assert response.status_code == 400
    assert "__all__" in response.json()["fouten"]
    assert BredeIntake.objects.get(traject=traject_weert).plaats == "gemeente"


def test_vastgesteld_pip_wijzigt_niet(api, vandaag, adviseur_weert, traject_weert):
    from koers.intake import services as intake_services

    intake_services.bewaar(traject_weert, adviseur_weert, volledige_intake())
    intake_services.rond_af(traject_weert, adviseur_weert)
    pk = traject_weert.inburgeraar_id
    client = api(adviseur_weert)
    client.post(PIPS.format(pk=pk), {"leerroute": "B", "dagtekening": "2026-09-30"}, format="json")
    assert client.post(f"{PIPS.format(pk=pk)}/1/vaststellen", format="json").status_code == 200
    response = client.patch(f"{PIPS.format(pk=pk)}/1", {"partners": "Taalhuis"}, format="json")
    assert response.status_code == 400
    assert "__all__" in response.json()["fouten"]
    assert PipVersie.objects.get(traject=traject_weert, versie=1).partners == ""
