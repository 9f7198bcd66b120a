"""The BRP on the case page and in the API: the state of the fetch, the markers
(geheimhouding, in onderzoek), the residence data for who may see it, "Ververs uit BRP"
(button and API action) and the timeline."""

import pytest
from django.utils import timezone

from koers.brp import services
from koers.brp.client import BrpClient
from koers.brp.models import BrpGegevens
from koers.inburgeraars.models import Gebeurtenis
from koers.toegang import policy
from tests.brp.simulator_hulp import GEHEIM, GEWOON, IN_ONDERZOEK, SCENARIO
from tests.factories import TrajectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def zaak(weert, adviseur_weert):
    def maak(bsn):
        return TrajectFactory(
            inburgeraar__bsn=bsn, inburgeraar__gemeente=weert, adviseur=adviseur_weert
        ).inburgeraar

    return maak


def _opgehaald(brp_sim, inburgeraar):
    uitkomst = services.haal_op(
        inburgeraar.pk, BrpClient(base_url=brp_sim.base_url), alleen_als_aan_de_beurt=False
    )
    assert uitkomst.gelukt, uitkomst
    inburgeraar.refresh_from_db()
    return inburgeraar


def _pagina(client, inburgeraar):
    antwoord = client.get(f"/inburgeraars/{inburgeraar.pk}/")
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def test_nog_niet_opgehaald(als, adviseur_weert, zaak):
    html = _pagina(als(adviseur_weert), zaak(GEWOON))
    assert 'id="brp"' in html
    assert "BRP: nog niet opgehaald." in html


def test_opgehaald_met_datum_gezin_en_verblijf(brp_sim, als, adviseur_weert, zaak):
    inburgeraar = _opgehaald(brp_sim, zaak(GEWOON))
    html = _pagina(als(adviseur_weert), inburgeraar)
    assert "Gegevens uit de BRP, opgehaald op" in html
    assert "Maaslandlaan 12" in html
    assert "Omar Haddad" in html  # partner
    assert "Lana" in html and "jonger dan 6" in html
    assert 'id="brp-verblijf"' in html and "asiel bepaalde tijd" in html
    assert "in onderzoek bij de BRP" not in html
    assert 'id="brp-geheimhouding"' not in html


def test_de_teamleider_ziet_geen_verblijf(brp_sim, als, teamleider_weert, zaak):
    inburgeraar = _opgehaald(brp_sim, zaak(GEWOON))
    html = _pagina(als(teamleider_weert), inburgeraar)
    assert "Gegevens uit de BRP, opgehaald op" in html
    assert 'id="brp-verblijf"' not in html and "asiel bepaalde tijd" not in html


def test_fout_met_nieuwe_poging(brp_sim, als, adviseur_weert, zaak):
    inburgeraar = zaak(GEWOON)
    brp_sim.sim.storing(status=503)
    services.haal_op(
        inburgeraar.pk, BrpClient(base_url=brp_sim.base_url), alleen_als_aan_de_beurt=False
    )
    html = _pagina(als(adviseur_weert), inburgeraar)
    assert "BRP: fout bij ophalen: De BRP is tijdelijk niet beschikbaar" in html
    assert "Koers probeert het opnieuw om" in html


def test_geheimhouding_is_zichtbaar_en_houdt_het_adres_bij_derden_weg(
    brp_sim, als, adviseur_weert, zaak, api
):
    inburgeraar = _opgehaald(brp_sim, zaak(GEHEIM))
    assert inburgeraar.geheimhouding_persoonsgegevens
    assert 'id="brp-geheimhouding"' in _pagina(als(adviseur_weert), inburgeraar)
    antwoord = api(adviseur_weert).get(f"/api/v1/inburgeraars/{inburgeraar.pk}/brp")
    assert antwoord.status_code == 200
    assert antwoord.json()["geheimhouding"] is True
    # What Koers gives a third party carries no address; without geheimhouding it does.
    assert policy.adres_voor_derden(inburgeraar) == ("", "")
    inburgeraar.geheimhouding_persoonsgegevens = False
    assert policy.adres_voor_derden(inburgeraar) == (inburgeraar.adres, inburgeraar.postcode_plaats)
    gebeurtenis = inburgeraar.huidig_traject.gebeurtenissen.get(soort=Gebeurtenis.Soort.BRP)
    assert "geheimhouding" in gebeurtenis.omschrijving


def test_een_ketenpartner_ziet_de_brp_sectie_niet(brp_sim, client, wim, adviseur_weert, zaak):
    from koers.partners import services as partners
    from tests.conftest import inloggen

    inburgeraar = _opgehaald(brp_sim, zaak(GEHEIM))
    verwijzing = partners.verwijs(
        inburgeraar.huidig_traject,
        adviseur_weert,
        taak="begeleiding_naar_werk",
        organisatie=wim.organisatie,
    )
    partners.accepteer(verwijzing, wim)
    html = _pagina(inloggen(client, wim), inburgeraar)
    assert 'id="brp"' not in html
    # Under geheimhouding a ketenpartner, a third party, gets no address: not on the page
    # (the rest of the personalia it needs for the task is there), not in the API.
    assert inburgeraar.adres and inburgeraar.adres not in html
    assert "Geboortedatum" in html
    antwoord = client.get(f"/api/v1/inburgeraars/{inburgeraar.pk}")
    assert antwoord.status_code == 200
    assert antwoord.json()["adres"] == "" and inburgeraar.adres not in antwoord.content.decode()


def test_in_onderzoek_staat_naast_het_veld(brp_sim, als, adviseur_weert, zaak, api):
    inburgeraar = _opgehaald(brp_sim, zaak(IN_ONDERZOEK))
    html = _pagina(als(adviseur_weert), inburgeraar)
    assert 'id="onderzoek-naam"' in html
    assert 'id="onderzoek-adres"' in html
    assert 'id="onderzoek-geboortedatum"' not in html
    data = api(adviseur_weert).get(f"/api/v1/inburgeraars/{inburgeraar.pk}/brp").json()
    assert data["in_onderzoek"] == ["voornamen", "geslachtsnaam", "adres"]


def _persoon(bsn):
    return next(p for p in SCENARIO["personen"] if p["burgerservicenummer"] == bsn)


def test_ververs_knop_haalt_nu_op_en_de_tijdlijn_noemt_wat_veranderde(
    brp_sim, als, adviseur_weert, zaak
):
    inburgeraar = _opgehaald(brp_sim, zaak(GEWOON))
    nieuw = _persoon(GEWOON) | {
        "verblijfplaats": _persoon(GEWOON)["verblijfplaats"]
        | {
            "verblijfadres": {
                "officieleStraatnaam": "Beekstraat",
                "korteStraatnaam": "Beekstraat",
                "huisnummer": 3,
                "postcode": "6001AC",
                "woonplaats": "Weert",
            }
        }
    }
    brp_sim.sim.zet_persoon(nieuw)
    client = als(adviseur_weert)
    antwoord = client.post(f"/inburgeraars/{inburgeraar.pk}/brp/verversen/", follow=True)
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "De gegevens uit de BRP zijn opgehaald. Gewijzigd: adres, postcode_plaats." in html
    inburgeraar.refresh_from_db()
    assert inburgeraar.adres == "Beekstraat 3"
    laatste = inburgeraar.huidig_traject.gebeurtenissen.filter(soort=Gebeurtenis.Soort.BRP).first()
    assert laatste.omschrijving == "Gegevens uit de BRP bijgewerkt: adres, postcode_plaats"
    assert laatste.door == adviseur_weert
    tijdlijn = client.get(f"/inburgeraars/{inburgeraar.pk}/dossier/tijdlijn/").content.decode()
    assert laatste.omschrijving in tijdlijn


def test_ververs_knop_alleen_met_post_en_recht(
    brp_sim, als, zaak, adviseur_weert, teamleider_weert, beleid
):
    inburgeraar = zaak(GEWOON)
    pad = f"/inburgeraars/{inburgeraar.pk}/brp/verversen/"
    assert als(adviseur_weert).get(pad).status_code == 405
    assert als(beleid).post(pad).status_code == 403
    # The teamleider may change gegevens (GEGEVENS_WIJZIGEN).
    assert als(teamleider_weert).post(pad).status_code == 302


def test_ververs_knop_heeft_csrf(brp_sim, adviseur_weert, zaak):
    from django.test import Client

    from tests.conftest import inloggen

    client = inloggen(Client(enforce_csrf_checks=True), adviseur_weert)
    inburgeraar = zaak(GEWOON)
    assert client.post(f"/inburgeraars/{inburgeraar.pk}/brp/verversen/").status_code == 403
    assert brp_sim.sim.ontvangen == []


def test_ververs_knop_bij_storing_zegt_het_en_zet_het_in_de_wachtrij(
    brp_sim, als, adviseur_weert, zaak
):
    inburgeraar = zaak(GEWOON)
    brp_sim.sim.storing(status=503)
    antwoord = als(adviseur_weert).post(
        f"/inburgeraars/{inburgeraar.pk}/brp/verversen/", follow=True
    )
    html = antwoord.content.decode()
    assert "Ophalen uit de BRP is niet gelukt" in html
    assert "Koers probeert het opnieuw om" in html
    gegevens = BrpGegevens.objects.get(pk=inburgeraar.pk)
    assert gegevens.volgende_poging_op > timezone.now()


def test_api_verversen(brp_sim, api, adviseur_weert, beleid, zaak):
    inburgeraar = zaak(GEWOON)
    pad = f"/api/v1/inburgeraars/{inburgeraar.pk}/brp-verversen"
    assert api(beleid).post(pad).status_code == 404  # out of reach
    antwoord = api(adviseur_weert).post(pad)
    assert antwoord.status_code == 200, antwoord.content
    data = antwoord.json()
    assert data["brp"]["status"] == "opgehaald"
    assert data["brp"]["personalia"]["adres"] == "Maaslandlaan 12"
    assert "voornamen" in data["gewijzigd"]
    brp_sim.sim.storing(status=503)
    antwoord = api(adviseur_weert).post(pad)
    assert antwoord.status_code == 503
    assert "niet gelukt" in antwoord.json()["detail"]
    assert GEWOON not in antwoord.content.decode()


def test_api_verblijf_alleen_voor_de_adviseur(brp_sim, api, adviseur_weert, teamleider_weert, zaak):
    inburgeraar = _opgehaald(brp_sim, zaak(GEWOON))
    pad = f"/api/v1/inburgeraars/{inburgeraar.pk}/brp/verblijf"
    antwoord = api(adviseur_weert).get(pad)
    assert antwoord.status_code == 200
    assert antwoord.json()["nationaliteiten"] == ["Syrische"]
    assert api(teamleider_weert).get(pad).status_code == 403


def test_onderzoek_naar_de_verblijfstitel_alleen_voor_wie_verblijf_ziet(
    brp_sim, als, api, adviseur_weert, teamleider_weert, zaak
):
    persoon = _persoon(GEWOON)
    brp_sim.sim.zet_persoon(
        persoon
        | {
            "verblijfstitel": persoon["verblijfstitel"]
            | {"inOnderzoek": {"aanduiding": True, "datumIngangOnderzoek": "vandaag-5d"}}
        }
    )
    inburgeraar = _opgehaald(brp_sim, zaak(GEWOON))
    pad = f"/api/v1/inburgeraars/{inburgeraar.pk}/brp"
    assert api(adviseur_weert).get(pad).json()["in_onderzoek"] == ["verblijfstitel"]
    assert api(teamleider_weert).get(pad).json()["in_onderzoek"] == []
    assert "verblijfstitel" in _pagina(als(adviseur_weert), inburgeraar)
    html = _pagina(als(teamleider_weert), inburgeraar)
    assert "verblijfstitel" not in html and "Verblijfstitel" not in html
    # The timeline, read with PERSONALIA, does not tell either.
    stap = inburgeraar.huidig_traject.gebeurtenissen.get(soort=Gebeurtenis.Soort.BRP)
    assert "verblijfstitel" not in stap.omschrijving
