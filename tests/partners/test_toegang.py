"""Access of a ketenpartner through the one policy (koers.toegang): only cases referred to his
organisation, only while the referral runs, only the sections of its task — never health —
in the policy, on the case page and in the API. The gemeente's roles are unchanged."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.inburgeraars import bereik
from koers.partners import services
from koers.toegang import policy
from koers.toegang.policy import Sectie as S

pytestmark = pytest.mark.django_db

# Which sections a partner sees per task, on the case page and in the API, is the access
# matrix's business (tests/toegang/test_toegangsmatrix.py, one table). Here: reach over time.
PARTNER_VAN = {
    "map": ("werkkom", "wim"),
    "begeleiding_naar_werk": ("werkkom", "wim"),
    "b1_route": ("taalcentrum", "tineke"),
    "maatschappelijke_begeleiding": ("vluchtelingenwerk", "vera"),
}


@pytest.fixture
def lopend(request, zaak, verwijs):
    """``lopend(taak)``: a running (accepted) referral of the case; returns its user."""

    def maak(taak):
        org_naam, user_naam = PARTNER_VAN[taak]
        org = request.getfixturevalue(org_naam)
        user = request.getfixturevalue(user_naam)
        v = verwijs(zaak, org, taak)
        services.accepteer(v, user)
        return v, user

    return maak


def test_zonder_verwijzing_geen_bereik_en_geen_secties(zaak, wim):
    assert policy.heeft_casustoegang(wim)
    assert not bereik.inburgeraars_voor(wim).exists()
    assert not bereik.trajecten_voor(wim).exists()
    assert policy.zichtbare_secties(wim) == []
    assert policy.zichtbare_secties(wim, zaak) == []


def test_aangeboden_geeft_alleen_de_naam_in_de_lijst(zaak, werkkom, wim, verwijs, als):
    verwijs(zaak, werkkom)
    assert not bereik.inburgeraars_voor(wim).exists()
    client = als(wim)
    assert client.get(f"/inburgeraars/{zaak.inburgeraar_id}/").status_code == 404
    lijst = client.get("/verwijzingen/").content.decode()
    assert zaak.inburgeraar.volledige_naam in lijst
    assert zaak.inburgeraar.bsn not in lijst


@pytest.mark.parametrize("taak", sorted(PARTNER_VAN))
def test_lopende_verwijzing_geeft_bereik_op_die_zaak_alleen(taak, lopend, zaak):
    _v, user = lopend(taak)
    assert list(bereik.inburgeraars_voor(user)) == [zaak.inburgeraar]
    assert list(bereik.trajecten_voor(user)) == [zaak]
    # Without the case a partner sees nothing: no lists, signals or registers.
    assert policy.zichtbare_secties(user) == []
    assert not policy.mag_zien(user, S.GEZONDHEID, zaak)


def test_de_adviseur_ziet_alles_en_de_teamleider_zoals_altijd(
    zaak, lopend, adviseur_weert, teamleider_weert
):
    lopend("map")
    assert set(policy.zichtbare_secties(adviseur_weert, zaak)) == set(S)
    assert set(policy.zichtbare_secties(teamleider_weert, zaak)) == set(S) - {
        S.GEZONDHEID,
        S.ONTZORGEN,
        S.BERICHTEN,
        S.DOCUMENTEN,
        S.KOSTEN,
        S.VERBLIJF,
    }
    assert policy.zichtbare_secties(adviseur_weert) == policy.zichtbare_secties(
        adviseur_weert, zaak
    )


def test_na_afsluiten_404_in_ui_en_api(zaak, lopend, als, api):
    v, wim = lopend("map")
    services.rapporteer(v, wim, datum=dt.date(2026, 11, 10), uren=Decimal("3"))
    services.sluit_af(v, wim, resultaat="behaald")
    pk = zaak.inburgeraar_id
    assert als(wim).get(f"/inburgeraars/{pk}/").status_code == 404
    assert als(wim).get(f"/verwijzingen/{v.pk}/").status_code == 404
    assert api(wim).get(f"/api/v1/inburgeraars/{pk}/pvt").status_code == 404
    assert api(wim).get(f"/api/v1/verwijzingen/{v.pk}").status_code == 404
    assert api(wim).get(f"/api/v1/inburgeraars/{pk}/verwijzingen").status_code == 404


def test_een_andere_partner_ziet_de_zaak_niet(zaak, lopend, tineke, als, api):
    v, _wim = lopend("map")
    assert als(tineke).get(f"/inburgeraars/{zaak.inburgeraar_id}/").status_code == 404
    assert als(tineke).get(f"/verwijzingen/{v.pk}/").status_code == 404
    assert api(tineke).get(f"/api/v1/verwijzingen/{v.pk}").status_code == 404


def test_adviseur_van_een_andere_gemeente_404(zaak, lopend, adviseur_cranendonck, als, api):
    v, _wim = lopend("map")
    assert als(adviseur_cranendonck).get(f"/verwijzingen/{v.pk}/").status_code == 404
    assert api(adviseur_cranendonck).get(f"/api/v1/verwijzingen/{v.pk}").status_code == 404
    assert (
        api(adviseur_cranendonck)
        .get(f"/api/v1/inburgeraars/{zaak.inburgeraar_id}/verwijzingen")
        .status_code
        == 404
    )
    assert api(adviseur_cranendonck).get("/api/v1/verwijzingen").json()["results"] == []


def test_gezondheid_nooit_zichtbaar_ook_niet_in_de_intake(zaak, lopend, api, als):
    """Even a referral for every task a partner can get leaves health out."""
    lopend("begeleiding_naar_werk")
    _v, tineke = lopend("b1_route")
    _v, vera = lopend("maatschappelijke_begeleiding")
    for user in (tineke, vera):
        antwoord = api(user).get(f"/api/v1/inburgeraars/{zaak.inburgeraar_id}/brede-intake")
        assert antwoord.status_code == 403
        html = als(user).get(f"/inburgeraars/{zaak.inburgeraar_id}/").content.decode()
        assert 'id="positieve-gezondheid"' not in html and 'id="intake"' not in html


def test_partner_heeft_geen_lijsten_signalen_of_logging(zaak, lopend, als, api):
    _v, wim = lopend("map")
    client = als(wim)
    assert client.get("/").url == "/verwijzingen/"  # werkvoorraad → his list
    for pad in (
        "/signalen/",
        "/verwerkingen/",
        "/netwerk/tolken/",
        "/beheer-duo/",
        "/taakverdeling/",
        "/ontzorgen/",
    ):
        assert client.get(pad).status_code in (302, 403, 404), pad
    assert api(wim).get("/api/v1/inburgeraars").json()["results"] == []
    assert api(wim).get("/api/v1/signalen?alle=1").json()["results"] == []
    assert api(wim).get("/api/v1/taakverdeling").status_code == 403


def test_bereik_van_een_partner_is_een_query(zaak, lopend):
    _v, wim = lopend("map")
    with CaptureQueriesContext(connection) as queries:
        assert len(list(bereik.inburgeraars_voor(wim))) == 1
    assert len(queries) == 1
    assert "partners_verwijzing" in queries[0]["sql"]


def test_secties_kosten_een_query_per_zaak(zaak, lopend):
    _v, wim = lopend("map")
    with CaptureQueriesContext(connection) as queries:
        for sectie in S:
            policy.mag_zien(wim, sectie, zaak)
        policy.zichtbare_secties(wim, zaak)
    assert len(queries) == 1


def test_partner_leest_de_modulepagina_maar_wijzigt_niets(zaak, lopend, als):
    _v, wim = lopend("map")
    client = als(wim)
    pagina = client.get(f"/inburgeraars/{zaak.inburgeraar_id}/modules/map/")
    assert pagina.status_code == 200
    assert (
        client.post(f"/inburgeraars/{zaak.inburgeraar_id}/modules/map/melden/", {}).status_code
        == 403
    )
    _v, tineke = lopend("b1_route")
    assert als(tineke).get(f"/inburgeraars/{zaak.inburgeraar_id}/modules/map/").status_code == 403
