"""A ketenpartner's need to know, in every channel: an offered referral shows him the name
and the question but no BSN until he accepts; the brede intake is never his (its endpoint,
its part of the case page and its timeline entries); for a task towards work the referral
itself shows the intake topics about work, and only while it runs."""

import pytest

from koers.intake import rules as intake_rules
from koers.partners import services
from koers.toegang import policy
from koers.toegang.policy import Sectie as S
from koers.verwerkingen.models import Verwerking

pytestmark = pytest.mark.django_db


def _tekst(sleutel: str) -> str:
    """The explanation the test intake holds for this topic (tests.intake.gegevens)."""
    assert sleutel in intake_rules.ONDERWERPEN_BY_KEY
    return f"Toelichting bij {sleutel}."


WERK = _tekst("werkervaring")
GEZIN = _tekst("gezinssituatie")
GEZONDHEID = _tekst("gezondheid")


@pytest.fixture
def aangeboden(zaak, werkkom, verwijs):
    return verwijs(zaak, werkkom, "map", vraag="Graag de MAP voor deze persoon.")


@pytest.fixture
def lopend(aangeboden, wim):
    services.accepteer(aangeboden, wim)
    aangeboden.refresh_from_db()
    return aangeboden


def test_aangeboden_pagina_toont_naam_en_vraag_maar_geen_bsn(aangeboden, zaak, wim, als):
    antwoord = als(wim).get(f"/verwijzingen/{aangeboden.pk}/")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert zaak.inburgeraar.volledige_naam in html
    assert "Graag de MAP voor deze persoon." in html
    assert zaak.inburgeraar.bsn not in html
    assert 'id="verwijzing-bsn"' not in html
    assert 'id="werk-intake"' not in html and WERK not in html
    assert not policy.mag_bsn_van_verwijzing_zien(wim, aangeboden)


def test_aangeboden_api_toont_naam_en_vraag_maar_geen_bsn(aangeboden, zaak, wim, api):
    for pad in (f"/api/v1/verwijzingen/{aangeboden.pk}", "/api/v1/verwijzingen"):
        antwoord = api(wim).get(pad)
        assert antwoord.status_code == 200
        inhoud = antwoord.content.decode()
        assert zaak.inburgeraar.volledige_naam in inhoud
        assert "Graag de MAP voor deze persoon." in inhoud
        assert zaak.inburgeraar.bsn not in inhoud
    assert api(wim).get(f"/api/v1/verwijzingen/{aangeboden.pk}").json()["intake_werk"] is None


def test_na_accepteren_ziet_de_partner_de_bsn(lopend, zaak, wim, als):
    html = als(wim).get(f"/verwijzingen/{lopend.pk}/").content.decode()
    assert f'id="verwijzing-bsn">{zaak.inburgeraar.bsn}<' in html
    assert policy.mag_bsn_van_verwijzing_zien(wim, lopend)


def test_de_adviseur_ziet_de_bsn_altijd(aangeboden, zaak, adviseur_weert, als):
    html = als(adviseur_weert).get(f"/verwijzingen/{aangeboden.pk}/").content.decode()
    assert f'id="verwijzing-bsn">{zaak.inburgeraar.bsn}<' in html


def test_brede_intake_endpoint_is_dicht_voor_de_partner(aangeboden, zaak, wim, api):
    pad = f"/api/v1/inburgeraars/{zaak.inburgeraar_id}/brede-intake"
    assert api(wim).get(pad).status_code == 404  # offered: the case is out of reach
    services.accepteer(aangeboden, wim)
    for sub in ("", "/afspraken"):
        antwoord = api(wim).get(pad + sub)
        assert antwoord.status_code == 403, sub
        assert WERK not in antwoord.content.decode()
    assert api(wim).put(pad, {"onderwerpen": {}}, format="json").status_code == 403
    assert not policy.mag_zien(wim, S.INTAKE_WERK, zaak)
    assert not policy.mag_zien(wim, S.INTAKE, zaak)
    assert policy.intake_onderwerpen_voor(wim, zaak, intake_rules.ONDERWERPEN) == ()


@pytest.mark.parametrize("taak", ["map", "begeleiding_naar_werk"])
def test_casuspagina_van_de_partner_heeft_geen_intake(taak, zaak, werkkom, wim, verwijs, als):
    services.accepteer(verwijs(zaak, werkkom, taak), wim)
    antwoord = als(wim).get(f"/inburgeraars/{zaak.inburgeraar_id}/")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    for fragment in ('id="intake"', 'id="onderwerp-werkervaring"', WERK, GEZIN, GEZONDHEID):
        assert fragment not in html, fragment
    # Nor the intake's entries in the timeline.
    assert not {"intake_opgeslagen", "intake_afgerond"} - set(
        policy.verborgen_gebeurtenissen(wim, zaak)
    )


def test_lopende_map_toont_de_werkonderwerpen_bij_de_verwijzing(lopend, zaak, wim, als):
    html = als(wim).get(f"/verwijzingen/{lopend.pk}/").content.decode()
    assert 'id="werk-intake"' in html
    for sleutel in intake_rules.WERK_ONDERWERPEN:
        assert f'id="werk-onderwerp-{sleutel}"' in html
        assert _tekst(sleutel) in html
    assert GEZIN not in html and GEZONDHEID not in html
    assert 'id="werk-onderwerp-gezondheid"' not in html
    log = Verwerking.objects.filter(actor_id=wim.pk, handeling="lezen").latest("id")
    assert set(log.secties) == {"naam", "verwijzingen", "intake_werk"}


def test_lopende_map_api_geeft_de_werkonderwerpen_bij_de_verwijzing(lopend, zaak, wim, api):
    antwoord = api(wim).get(f"/api/v1/verwijzingen/{lopend.pk}")
    assert antwoord.status_code == 200
    intake = antwoord.json()["intake_werk"]
    assert set(intake) == set(intake_rules.WERK_ONDERWERPEN)
    assert intake["werkervaring"]["toelichting"] == WERK
    inhoud = antwoord.content.decode()
    assert GEZIN not in inhoud and GEZONDHEID not in inhoud
    log = Verwerking.objects.filter(actor_id=wim.pk, handeling="lezen").latest("id")
    assert (log.kanaal, set(log.secties)) == ("api", {"naam", "verwijzingen", "intake_werk"})


def test_een_taak_buiten_werk_geeft_geen_werkonderwerpen(
    zaak, taalcentrum, tineke, verwijs, als, api
):
    v = verwijs(zaak, taalcentrum, "b1_route")
    services.accepteer(v, tineke)
    assert api(tineke).get(f"/api/v1/verwijzingen/{v.pk}").json()["intake_werk"] is None
    html = als(tineke).get(f"/verwijzingen/{v.pk}/").content.decode()
    assert 'id="werk-intake"' not in html and WERK not in html


def test_de_gemeente_leest_de_intake_in_het_dossier_niet_bij_de_verwijzing(
    lopend, adviseur_weert, api, als
):
    assert (
        api(adviseur_weert).get(f"/api/v1/verwijzingen/{lopend.pk}").json()["intake_werk"] is None
    )
    assert (
        'id="werk-intake"'
        not in als(adviseur_weert).get(f"/verwijzingen/{lopend.pk}/").content.decode()
    )
