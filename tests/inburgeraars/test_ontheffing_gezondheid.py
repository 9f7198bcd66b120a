"""The hours of DUO's partial ontheffing are health data (its ground is MED or BIO): only who
may see the health section reads them, on the case page and in the API; the timeline never
holds them."""

import pytest
from django.urls import reverse

from koers.inburgeraars import services
from koers.partners import services as partner_services

ONTHEFFING = [
    {
        "GedeeltelijkeOntheffing": {
            "oordeel": "Toekenning",
            "datumOordeel": "2026-08-01",
            "grond": "MED",
            "urenBelastbaarheidParticipatieactiviteit": 0,
        }
    }
]


@pytest.fixture
def met_ontheffing(traject_weert):
    services.neem_ontheffing_over_van_duo(traject_weert.inburgeraar, ONTHEFFING)
    return traject_weert


@pytest.fixture
def vera(vera, vluchtelingenwerk, met_ontheffing, adviseur_weert):
    """The VluchtelingenWerk user of tests/conftest.py with an accepted referral for
    maatschappelijke begeleiding: she reaches the personalia of the case, never its health
    data."""
    verwijzing = partner_services.verwijs(
        met_ontheffing,
        adviseur_weert,
        taak="maatschappelijke_begeleiding",
        organisatie=vluchtelingenwerk,
    )
    partner_services.accepteer(verwijzing, vera)
    return vera


def _api(api, user, traject):
    url = reverse("api:inburgeraar", kwargs={"pk": traject.inburgeraar_id})
    return api(user).get(url)


def test_adviseur_ziet_de_uren_op_de_pagina_en_in_de_api(met_ontheffing, adviseur_weert, als, api):
    pagina = als(adviseur_weert).get(
        reverse("web:inburgeraar", args=[met_ontheffing.inburgeraar_id])
    )
    assert 'id="ontheffing-uren"' in pagina.content.decode()
    antwoord = _api(api, adviseur_weert, met_ontheffing)
    assert antwoord.status_code == 200
    assert antwoord.json()["uren_belastbaarheid_participatie"] == 0


def test_teamleider_ziet_de_uren_niet(met_ontheffing, teamleider_weert, als, api):
    pagina = als(teamleider_weert).get(
        reverse("web:inburgeraar", args=[met_ontheffing.inburgeraar_id])
    )
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert 'id="ontheffing-uren"' not in html and "participatieactiviteiten" not in html
    antwoord = _api(api, teamleider_weert, met_ontheffing)
    assert antwoord.status_code == 200
    assert "uren_belastbaarheid_participatie" not in antwoord.json()
    assert antwoord.json()["doelgroep"]  # the rest of the person is there


def test_ketenpartner_ziet_de_uren_niet(met_ontheffing, vera, api, als):
    antwoord = _api(api, vera, met_ontheffing)
    assert antwoord.status_code == 200
    assert "uren_belastbaarheid_participatie" not in antwoord.json()
    pagina = als(vera).get(reverse("web:inburgeraar", args=[met_ontheffing.inburgeraar_id]))
    assert pagina.status_code == 200
    assert met_ontheffing.inburgeraar.geslachtsnaam in pagina.content.decode()
    assert 'id="ontheffing-uren"' not in pagina.content.decode()


def test_teamleider_ziet_de_uren_niet_in_de_lijst(met_ontheffing, teamleider_weert, api):
    antwoord = api(teamleider_weert).get(reverse("api:inburgeraars"))
    rijen = antwoord.json()["results"]
    assert [r["id"] for r in rijen] == [met_ontheffing.inburgeraar_id]
    assert "uren_belastbaarheid_participatie" not in rijen[0]


def test_de_tijdlijn_noemt_geen_uren(traject_weert):
    regel = services.neem_ontheffing_over_van_duo(
        traject_weert.inburgeraar,
        [
            {
                "GedeeltelijkeOntheffing": {
                    **ONTHEFFING[0]["GedeeltelijkeOntheffing"],
                    "urenBelastbaarheidParticipatieactiviteit": 400,
                }
            }
        ],
    )
    assert regel and "400" not in regel and "MED" not in regel
    traject_weert.inburgeraar.refresh_from_db()
    assert traject_weert.inburgeraar.uren_belastbaarheid_participatie == 400
