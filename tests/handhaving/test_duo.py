"""Boetes and verlengingsaanvragen read from DUO — against the real simulator over HTTP —
stored with the time of fetching; DUO's errors become Dutch messages, never a 500."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from koers.handhaving import services
from koers.handhaving.models import DuoOpvraging
from tests.duo.simulator_hulp import AMIRA, ONBEKEND, duo_fixture, duo_sim_server_fixture  # noqa: F401
from tests.factories import InburgeraarFactory, TrajectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def klok():
    """Real time here: the simulator's dates are relative to today."""
    yield date.today()


@pytest.fixture
def amira(weert, adviseur_weert, duo, settings):
    settings.DUO_BASE_URL = duo.base_url
    return TrajectFactory(
        inburgeraar=InburgeraarFactory(
            gemeente=weert, bsn=AMIRA, voornamen="Amira", geslachtsnaam="Al-Hassan"
        ),
        adviseur=adviseur_weert,
        status="in_uitvoering",
    )


def test_boetes_en_verlengingen_ophalen_en_bewaren(amira, adviseur_weert, duo):
    boetes = services.haal_op_bij_duo(amira, "boetes", adviseur_weert)
    assert boetes.gegevens == [
        {"bedrag": 250, "datum": (date.today() - timedelta(days=5)).isoformat()}
    ]
    assert boetes.opgehaald_op is not None
    verlengingen = services.haal_op_bij_duo(amira, "verlengingen", adviseur_weert)
    rijen = services.duo_verlengingen(verlengingen)
    ontvangen = date.today() - timedelta(days=3)
    assert rijen == [
        {
            "beoordeling": "InBehandeling",
            "beoordeling_naam": "In behandeling bij DUO",
            "ontvangstdatum": ontvangen,
            "datum_beoordeling": None,
            "antwoord_uiterlijk": ontvangen + timedelta(weeks=8),
        }
    ]
    gevraagd = [o["operationId"] for o in duo.sim.ontvangen]
    # With the verlengingen also DUO's own list of grounds (GET /verlengingsgronden).
    assert gevraagd == ["getBoetesByBsn", "getVerlengingenByBsn", "getVerlengingsgronden"]
    gronden = DuoOpvraging.objects.get(traject=amira, soort="verlengingsgronden")
    assert services.duo_verlengingsgronden(gronden) == [
        {"code": g["code"], "omschrijving": g["omschrijving"]}
        for g in duo.sim.state["verlengingsgronden"]
    ]
    assert {"code": "ZIEKTE", "omschrijving": "Ziekte of beperking"} in gronden.gegevens
    # Fetching again replaces the snapshot; there is one per kind.
    services.haal_op_bij_duo(amira, "boetes", adviseur_weert)
    assert DuoOpvraging.objects.filter(traject=amira).count() == 3


def test_pagina_vraagt_duo_niet_bij_elke_weergave(als, amira, adviseur_weert, duo):
    client = als(adviseur_weert)
    pk = amira.inburgeraar.pk
    antwoord = client.post(reverse("handhaving:duo", args=[pk, "boetes"]), follow=True)
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Opgehaald bij DUO." in html
    assert "€ 250" in html and 'id="duo-boetes-opgehaald"' in html
    client.post(reverse("handhaving:duo", args=[pk, "verlengingen"]))
    html = client.get(reverse("web:casus_tab", args=[pk, "handhaving"])).content.decode()
    assert "In behandeling bij DUO" in html
    assert "€ 250" in html
    # boetes, verlengingen and the grounds; the case page itself asked DUO nothing
    assert len(duo.sim.ontvangen) == 3


def test_storing_bij_duo_geeft_nederlandse_melding_en_houdt_oude_stand(
    als, amira, adviseur_weert, duo
):
    services.haal_op_bij_duo(amira, "boetes", adviseur_weert)
    eerder = DuoOpvraging.objects.get(traject=amira, soort="boetes").opgehaald_op
    duo.sim.storing = {"status": 503, "aantal": 1}
    antwoord = als(adviseur_weert).post(
        reverse("handhaving:duo", args=[amira.inburgeraar.pk, "boetes"]), follow=True
    )
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Ophalen bij DUO is niet gelukt: DUO is tijdelijk niet beschikbaar" in html
    assert DuoOpvraging.objects.get(traject=amira, soort="boetes").opgehaald_op == eerder


def test_api_ophalen_en_fout_502(api, amira, adviseur_weert, duo):
    client = api(adviseur_weert)
    url = reverse("api:handhaving-duo-boetes", kwargs={"pk": amira.inburgeraar.pk})
    antwoord = client.post(url)
    assert antwoord.status_code == 200
    assert antwoord.json()["boetes"][0]["bedrag"] == 250
    assert antwoord.json()["opgehaald_op"]
    duo.sim.storing = {"status": 500, "aantal": 1, "operationId": "getVerlengingenByBsn"}
    url = reverse("api:handhaving-duo-verlengingen", kwargs={"pk": amira.inburgeraar.pk})
    antwoord = client.post(url)
    assert antwoord.status_code == 502
    assert "niet gelukt" in antwoord.json()["detail"]
    assert client.get(url).json()["opgehaald_op"] is None


def test_persoon_onbekend_bij_duo(amira, adviseur_weert, duo):
    persoon = amira.inburgeraar
    persoon.bsn = ONBEKEND
    persoon.save()
    with pytest.raises(services.DuoNietBeschikbaar, match="DUO kent deze persoon niet"):
        services.haal_op_bij_duo(amira, "verlengingen", adviseur_weert)
    assert not DuoOpvraging.objects.exists()


def test_duo_niet_ingesteld(weert, adviseur_weert, settings, als):
    settings.DUO_BASE_URL = ""
    traject = TrajectFactory(
        inburgeraar=InburgeraarFactory(gemeente=weert), adviseur=adviseur_weert
    )
    antwoord = als(adviseur_weert).post(
        reverse("handhaving:duo", args=[traject.inburgeraar.pk, "boetes"]), follow=True
    )
    assert antwoord.status_code == 200
    assert "Ophalen bij DUO is niet gelukt" in antwoord.content.decode()


@pytest.mark.parametrize(
    ("volgende", "naar"),
    [
        ("/inburgeraars/{pk}/#handhaving", "/inburgeraars/{pk}/#handhaving"),
        ("https://kwaad.example/", "/inburgeraars/{pk}/handhaving/#duo-handhaving"),
        ("", "/inburgeraars/{pk}/handhaving/#duo-handhaving"),
    ],
)
def test_na_ophalen_terug_naar_waar_u_was(als, amira, adviseur_weert, volgende, naar):
    pk = amira.inburgeraar.pk
    antwoord = als(adviseur_weert).post(
        reverse("handhaving:duo", args=[pk, "boetes"]), {"next": volgende.format(pk=pk)}
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == naar.format(pk=pk)
