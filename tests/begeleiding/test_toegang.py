"""Who may see and do what: teamleider no ONTZORGEN, the uitkeringsadministratie only the
ontzorgen cases of its own gemeente and only name/BSN and ontzorgen, other gemeente 404,
beleid nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from koers.begeleiding import services
from koers.inburgeraars import bereik
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie
from tests.begeleiding.conftest import START
from tests.factories import InburgeraarFactory, TrajectFactory


def pagina(naam, traject):
    return reverse(f"begeleiding:{naam}", args=[traject.inburgeraar_id])


def api_pad(traject, deel):
    return f"/api/v1/inburgeraars/{traject.inburgeraar_id}/{deel}"


BETALING = {
    "maand": "2026-10-01",
    "post": "huur",
    "bedrag": "612.50",
    "betaald_op": "2026-10-01",
    "begunstigde": "Wonen Weert",
}


def test_rollen_in_de_policy(uitkering_weert, teamleider_weert):
    assert policy.mag_zien(uitkering_weert, Sectie.ONTZORGEN)
    assert policy.mag_zien(uitkering_weert, Sectie.NAAM)
    assert not any(
        policy.mag_zien(uitkering_weert, s)
        for s in Sectie
        if s not in (Sectie.ONTZORGEN, Sectie.NAAM)
    )
    assert [a for a in Actie if policy.mag(uitkering_weert, a)] == [Actie.ONTZORGEN_BEWERKEN]
    assert not policy.mag_zien(teamleider_weert, Sectie.ONTZORGEN)
    assert policy.mag_zien(teamleider_weert, Sectie.BEGELEIDING)
    assert not policy.mag(teamleider_weert, Actie.BEGELEIDING_BEWERKEN)


# --- teamleider -------------------------------------------------------------------------


def test_teamleider_ziet_geen_ontzorgen(als, api, teamleider_weert, ontzorgen_weert):
    traject = ontzorgen_weert.traject
    client = als(teamleider_weert)
    assert client.get(pagina("ontzorgen", traject)).status_code == 404
    assert client.get(reverse("begeleiding:overzicht")).status_code == 404
    assert 'id="menu-ontzorgen"' not in client.get("/").content.decode()
    assert api(teamleider_weert).get(api_pad(traject, "ontzorgen")).status_code == 403
    assert (
        api(teamleider_weert)
        .post(api_pad(traject, "ontzorgen/betalingen"), BETALING, format="json")
        .status_code
        == 403
    )


def test_teamleider_leest_begeleiding_maar_wijzigt_niet(als, api, teamleider_weert, traject_weert):
    assert api(teamleider_weert).get(api_pad(traject_weert, "begeleiding")).status_code == 200
    assert (
        api(teamleider_weert)
        .put(api_pad(traject_weert, "begeleiding"), {"vrijwilliger": "X"}, format="json")
        .status_code
        == 403
    )
    assert als(teamleider_weert).get(pagina("begeleiding", traject_weert)).status_code == 403


# --- uitkeringsadministratie ------------------------------------------------------------


def test_uitkering_bereikt_alleen_ontzorgen_zaken(uitkering_weert, ontzorgen_weert, weert):
    zonder = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))
    assert list(bereik.trajecten_voor(uitkering_weert)) == [ontzorgen_weert.traject]
    assert list(bereik.inburgeraars_voor(uitkering_weert)) == [ontzorgen_weert.traject.inburgeraar]
    assert zonder not in bereik.trajecten_voor(uitkering_weert)
    assert list(policy.zichtbare_gemeenten(uitkering_weert)) == [weert]


def test_uitkering_ziet_zaak_zonder_ontzorgen_niet(als, api, uitkering_weert, traject_weert):
    assert als(uitkering_weert).get(pagina("ontzorgen", traject_weert)).status_code == 404
    assert (
        als(uitkering_weert)
        .get(reverse("web:casus_tab", args=[traject_weert.inburgeraar_id, "begeleiding"]))
        .status_code
        == 404
    )
    assert (
        api(uitkering_weert).get(f"/api/v1/inburgeraars/{traject_weert.inburgeraar_id}").status_code
        == 404
    )


def test_uitkering_vult_het_register(als, api, uitkering_weert, ontzorgen_weert):
    traject = ontzorgen_weert.traject
    assert als(uitkering_weert).get(pagina("ontzorgen", traject)).status_code == 200
    antwoord = api(uitkering_weert).post(
        api_pad(traject, "ontzorgen/betalingen"), BETALING, format="json"
    )
    assert antwoord.status_code == 201


def test_uitkering_geen_intake_pip_of_begeleiding(als, api, uitkering_weert, ontzorgen_weert):
    traject = ontzorgen_weert.traject
    client = api(uitkering_weert)
    assert client.get(f"/api/v1/inburgeraars/{traject.inburgeraar_id}").status_code == 403
    assert client.get("/api/v1/inburgeraars").json()["results"] == []
    for deel in ("brede-intake", "pips", "begeleiding", "duaal"):
        assert client.get(api_pad(traject, deel)).status_code == 403, deel
    assert (
        client.put(api_pad(traject, "ontzorgen"), {"toelichting": "x"}, format="json").status_code
        == 200
    )
    web = als(uitkering_weert)
    assert web.get(pagina("begeleiding", traject)).status_code == 403
    assert web.get(reverse("web:intake", args=[traject.inburgeraar_id])).status_code == 403
    persoon = traject.inburgeraar
    persoon.telefoon, persoon.adres = "0612345678", "Markt 1"
    persoon.save()
    html = web.get(
        reverse("web:casus_tab", args=[traject.inburgeraar_id, "begeleiding"])
    ).content.decode()
    # Name and BSN to find the person; no other personal details, no traject, intake or PIP.
    assert persoon.bsn in html and persoon.volledige_naam in html
    assert "0612345678" not in html and "Markt 1" not in html
    assert 'id="naar-intake"' not in html and 'id="naar-pip"' not in html
    for sectie in ("traject", "intake", "pip", "beschikkingen"):
        assert f'id="{sectie}"' not in html, sectie
    assert 'id="tijdlijn"' not in html and 'id="begeleiding"' not in html
    assert 'id="ontzorgen"' in html


def test_uitkering_kan_geen_ontzorgen_starten_bij_een_nieuwe_zaak(
    api, uitkering_weert, traject_weert
):
    antwoord = api(uitkering_weert).put(
        api_pad(traject_weert, "ontzorgen"), {"start_bijstand": "2026-10-01"}, format="json"
    )
    assert antwoord.status_code == 404


@pytest.mark.parametrize(
    ("einde", "bereikbaar"),
    [
        (dt.date(2026, 11, 14), True),  # just ended: the last month can still be filled
        (dt.date(2026, 8, 15), True),  # 92 days ago
        (dt.date(2026, 8, 14), False),  # longer ago
    ],
)
def test_uitkering_na_het_einde(
    uitkering_weert, traject_weert, adviseur_weert, einde, bereikbaar, time_machine
):
    time_machine.move_to(dt.datetime(2026, 5, 1, 10, tzinfo=dt.UTC), tick=False)
    services.bewaar_ontzorgen(
        traject_weert, adviseur_weert, {"start_bijstand": dt.date(2026, 4, 1)}
    )
    from koers.begeleiding.models import Ontzorgen

    Ontzorgen.objects.update(einddatum=einde)
    time_machine.move_to(dt.datetime(2026, 11, 15, 10, tzinfo=dt.UTC), tick=False)
    assert bereik.trajecten_voor(uitkering_weert).exists() is bereikbaar


def test_uitkering_andere_gemeente(als, api, uitkering_cranendonck, ontzorgen_weert):
    traject = ontzorgen_weert.traject
    assert als(uitkering_cranendonck).get(pagina("ontzorgen", traject)).status_code == 404
    assert api(uitkering_cranendonck).get(api_pad(traject, "ontzorgen")).status_code == 404
    html = als(uitkering_cranendonck).get(reverse("begeleiding:overzicht")).content.decode()
    assert 'id="geen-ontzorgen"' in html


def test_adviseur_met_ook_uitkeringsrol_houdt_volledig_bereik(adviseur_weert, traject_weert):
    adviseur_weert.rollen = ["adviseur", "uitkeringsadministratie"]
    assert bereik.trajecten_voor(adviseur_weert).filter(pk=traject_weert.pk).exists()


# --- andere gemeente en beleid ----------------------------------------------------------


@pytest.mark.parametrize("naam", ["begeleiding", "ontzorgen"])
def test_andere_gemeente_404(als, adviseur_cranendonck, ontzorgen_weert, naam):
    assert als(adviseur_cranendonck).get(pagina(naam, ontzorgen_weert.traject)).status_code == 404


@pytest.mark.parametrize("deel", ["begeleiding", "ontzorgen", "ontzorgen/betalingen", "duaal"])
def test_andere_gemeente_api_404(api, adviseur_cranendonck, ontzorgen_weert, deel):
    assert api(adviseur_cranendonck).get(api_pad(ontzorgen_weert.traject, deel)).status_code == 404


def test_beleid_ziet_niets(als, api, beleid, ontzorgen_weert):
    traject = ontzorgen_weert.traject
    client = als(beleid)
    for naam in ("begeleiding", "ontzorgen"):
        assert client.get(pagina(naam, traject)).status_code in (403, 404)
    assert client.get(reverse("begeleiding:overzicht")).status_code == 404
    assert client.get(reverse("begeleiding:voorbeeld")).status_code == 404
    for deel in ("begeleiding", "ontzorgen", "duaal"):
        assert api(beleid).get(api_pad(traject, deel)).status_code == 404


def test_niet_ingelogd(client, api, ontzorgen_weert):
    assert client.get(reverse("begeleiding:overzicht")).status_code == 302
    assert api().get(api_pad(ontzorgen_weert.traject, "ontzorgen")).status_code in (401, 403)


def test_ontzorgen_van_start_in_het_verleden(ontzorgen_weert):
    assert ontzorgen_weert.start_bijstand == START


def test_uitkering_krijgt_geen_werkvoorraad(als, uitkering_weert, ontzorgen_weert):
    """Status, doelgroep, adviseur and deadlines are traject data this role may not see:
    the werkvoorraad sends it to its own overview, and the menu does not offer it."""
    client = als(uitkering_weert)
    antwoord = client.get("/?alle=on&status=alle")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("begeleiding:overzicht")
    html = client.get(reverse("begeleiding:overzicht")).content.decode()
    assert "Werkvoorraad" not in html and 'id="menu-ontzorgen"' in html
