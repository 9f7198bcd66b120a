"""The leerroute API: GET lists and POST per thing, errors as {detail, fouten}, access."""

from datetime import date
from decimal import Decimal as D

import pytest

from koers.duo import meldingen
from koers.duo.client import DuoFout
from koers.duo.models import Bericht
from koers.leerroute import services
from koers.leerroute.models import Aanbod, Afschalingsvoorstel, Examenresultaat, UrenPeriode
from koers.partners.models import Verwijzing
from tests.factories import GebruikerFactory, OrganisatieFactory
from tests.leerroute.conftest import BOW, aanbod, uren

pytestmark = pytest.mark.django_db


def url(traject, deel):
    return f"/api/v1/inburgeraars/{traject.inburgeraar_id}/{deel}"


AANBOD = {
    "instellingsnummer": BOW,
    "datum_aanbod": "2026-10-05",
    "startdatum": "2026-11-01",
    "einddatum": "2027-10-01",
    "alfabetisering": "NVT",
}
UREN = {
    "soort": "taal",
    "periode_start": "2027-01-01",
    "periode_eind": "2027-03-31",
    "uren_gepland": "120.0",
    "uren_gevolgd": "110.5",
    "aanwezigheid": 92,
}


def test_aanbod(api, adviseur_weert, b1):
    client = api(adviseur_weert)
    response = client.post(url(b1, "aanbod"), AANBOD, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["gemeld"] is True and response.json()["keurmerk"] == "bow"
    lijst = client.get(url(b1, "aanbod")).json()
    assert [a["instelling_naam"] for a in lijst] == ["Taalcentrum"]


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"instellingsnummer": "123"}, "instellingsnummer"),
        ({"instellingsnummer": "1000000003"}, "instellingsnummer"),
        ({"startdatum": "morgen"}, "startdatum"),
        ({"einddatum": "2026-10-10"}, "einddatum"),
        ({"alfabetisering": "JA"}, "alfabetisering"),
        ({"einddatum": "2030-01-01"}, "einddatum"),  # DUO's rule, on Koers' field
    ],
)
def test_aanbod_bad_input(api, adviseur_weert, b1, wijziging, veld):
    response = api(adviseur_weert).post(url(b1, "aanbod"), {**AANBOD, **wijziging}, format="json")
    assert response.status_code == 400
    assert veld in response.json()["fouten"], response.json()
    assert not Aanbod.objects.exists()


def test_aanbod_when_duo_is_down(api, adviseur_weert, b1, monkeypatch):
    def kapot(gemeente):
        raise DuoFout("DUO is niet bereikbaar.", permanent=False)

    monkeypatch.setattr(services, "instellingen_van_duo", kapot)
    response = api(adviseur_weert).post(url(b1, "aanbod"), AANBOD, format="json")
    assert response.status_code == 503
    assert "DUO is niet bereikbaar." in response.json()["detail"]


def test_uren(api, adviseur_weert, b1):
    client = api(adviseur_weert)
    response = client.post(url(b1, "uren"), UREN, format="json")
    assert response.status_code == 201, response.json()
    assert UrenPeriode.objects.get().uren_gevolgd == D("110.5")
    assert client.get(url(b1, "uren")).json()[0]["uren_gevolgd"] == "110.5"


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"uren_gevolgd": "-1"}, "uren_gevolgd"),
        ({"uren_gevolgd": "1000"}, "uren_gevolgd"),
        ({"aanwezigheid": 101}, "aanwezigheid"),
        ({"soort": "sport"}, "soort"),
        ({"periode_eind": "2026-01-01"}, "periode_eind"),
        ({"aanbod": 424242}, "aanbod"),
    ],
)
def test_uren_bad_input(api, adviseur_weert, b1, wijziging, veld):
    response = api(adviseur_weert).post(url(b1, "uren"), {**UREN, **wijziging}, format="json")
    assert response.status_code == 400
    assert veld in response.json()["fouten"]
    assert not UrenPeriode.objects.exists()


def test_examens(api, adviseur_weert, b1):
    services.bewaar_duo_examens(
        b1, [{"examendatum": "2027-03-01", "resultaat": "Geslaagd", "onderdeel": "KNM"}]
    )
    client = api(adviseur_weert)
    response = client.post(
        url(b1, "examens"),
        {"onderdeel": "LE", "niveau": "B1", "examendatum": "2027-04-01", "resultaat": "Gezakt"},
        format="json",
    )
    assert response.status_code == 201
    assert {(e["onderdeel"], e["bron"]) for e in client.get(url(b1, "examens")).json()} == {
        ("KNM", "duo"),
        ("LE", "handmatig"),
    }
    response = client.post(
        url(b1, "examens"),
        {"onderdeel": "XX", "examendatum": "x", "resultaat": "Goed"},
        format="json",
    )
    assert set(response.json()["fouten"]) == {"onderdeel", "examendatum", "resultaat"}
    assert Examenresultaat.objects.count() == 2


def test_afschaling(api, adviseur_weert, b1):
    client = api(adviseur_weert)
    response = client.post(url(b1, "afschaling"), format="json")
    assert response.status_code == 400 and "600" in response.json()["fouten"]["__all__"][0]
    a = aanbod(b1, adviseur_weert, melden=False)
    uren(b1, adviseur_weert, gevolgd="620", gepland="650", aanbod=a.pk)
    voorstel = client.get(url(b1, "afschaling")).json()[0]
    assert voorstel["status"] == "open" and voorstel["lesuren"] == "620.0"
    besluit = url(b1, f"afschaling/{voorstel['id']}/besluit")
    response = client.post(besluit, {"besluit": "afgewezen"}, format="json")
    assert response.status_code == 400 and "reden" in response.json()["fouten"]
    response = client.post(besluit, {"besluit": "misschien"}, format="json")
    assert "besluit" in response.json()["fouten"]
    response = client.post(besluit, {"besluit": "aanvaard"}, format="json")
    assert response.status_code == 200 and response.json()["pip_versie"] == 2
    assert (
        client.post(
            url(b1, "afschaling/999999/besluit"), {"besluit": "aanvaard"}, format="json"
        ).status_code
        == 404
    )


def test_zroute(api, adviseur_weert, zroute):
    uren(zroute, adviseur_weert, soort="taal", gevolgd="800", gepland="800")
    uren(zroute, adviseur_weert, soort="participatie", gevolgd="800", gepland="800")
    client = api(adviseur_weert)
    data = client.get(url(zroute, "zroute")).json()
    assert [v["uren"] for v in data["voortgang"]] == ["800.0", "800.0"]
    assert data["eindgesprek_op"] is None
    response = client.post(url(zroute, "zroute/afronding"), {}, format="json")
    assert response.status_code == 400
    response = client.post(
        url(zroute, "zroute/eindgesprek"),
        {"datum": "2027-05-30", "afspraken_nagekomen": True, "conclusie": "Nagekomen."},
        format="json",
    )
    assert response.status_code == 200 and response.json()["afspraken_nagekomen"] is True
    response = client.post(
        url(zroute, "zroute/eindgesprek"), {"datum": "2028-01-01"}, format="json"
    )
    assert {"afspraken_nagekomen", "conclusie"} <= set(response.json()["fouten"])
    meldingen.meld_map(zroute, date(2027, 5, 30))
    response = client.post(url(zroute, "zroute/afronding"), {"datum": "2027-06-01"}, format="json")
    assert response.status_code == 400  # the PVT is not at DUO yet
    assert "participatieverklaring" in str(response.json())
    meldingen.meld_pvt(zroute, date(2027, 5, 29))
    Bericht.objects.filter(soort__in=("pvt", "map")).update(status=Bericht.Status.AFGELEVERD)
    data = client.get(url(zroute, "zroute")).json()
    assert (data["pvt_datum_bij_duo"], data["map_datum_bij_duo"]) == ("2027-05-29", "2027-05-30")
    assert data["ontheffing_participatie"] is None
    response = client.post(url(zroute, "zroute/afronding"), {"datum": "2027-06-01"}, format="json")
    assert response.status_code == 200 and response.json()["afgerond_op"] == "2027-06-01"
    assert Bericht.objects.filter(soort="zroute").count() == 1
    response = client.post(url(zroute, "uren/melden"), format="json")
    assert response.status_code == 202
    assert response.json() == [
        {"soort": "taalles_knm_brede_intake", "uren": 0},
        {"soort": "participatieactiviteiten", "uren": 800},
        {"soort": "participatie_als_taalles", "uren": 800},
    ]


# -- Access ------------------------------------------------------------------------------------

LIJSTEN = ("aanbod", "uren", "examens", "afschaling", "zroute")


def test_other_gemeente_is_not_found(api, adviseur_weert, b1_cranendonck):
    client = api(adviseur_weert)
    for deel in LIJSTEN:
        assert client.get(url(b1_cranendonck, deel)).status_code == 404, deel
    assert client.post(url(b1_cranendonck, "uren"), UREN, format="json").status_code == 404
    assert not UrenPeriode.objects.exists()


def test_teamleider_reads_but_does_not_write(api, teamleider_weert, b1):
    client = api(teamleider_weert)
    for deel in LIJSTEN:
        assert client.get(url(b1, deel)).status_code == 200, deel
    for deel, body in (
        ("uren", UREN),
        ("aanbod", AANBOD),
        ("afschaling", {}),
        ("uren/melden", {}),
        ("zroute/eindgesprek", {}),
        ("zroute/afronding", {}),
    ):
        assert client.post(url(b1, deel), body, format="json").status_code == 403, deel
    assert not UrenPeriode.objects.exists()


def test_beleid_and_anonymous(api, beleid, b1):
    assert api(beleid).get(url(b1, "uren")).status_code == 404
    assert api().get(url(b1, "uren")).status_code == 401


def test_aanbod_to_duo_needs_the_right_to_report(api, adviseur_weert, b1, monkeypatch):
    from koers.toegang import policy

    monkeypatch.setitem(
        policy.ACTIES, "adviseur", policy.ACTIES["adviseur"] - {policy.Actie.DUO_MELDEN}
    )
    client = api(adviseur_weert)
    assert client.post(url(b1, "aanbod"), AANBOD, format="json").status_code == 403
    response = client.post(url(b1, "aanbod"), {**AANBOD, "melden": False}, format="json")
    assert response.status_code == 201 and response.json()["gemeld"] is False


@pytest.mark.parametrize("deel", ["uren", "examens", "aanbod", "afschaling"])
def test_list_queries_do_not_grow(api, adviseur_weert, b1, deel, django_assert_max_num_queries):
    client = api(adviseur_weert)

    def tel():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(b1, deel)).status_code == 200
        return len(ctx)

    een = tel()
    a = aanbod(b1, adviseur_weert, melden=False)
    for i in range(6):
        uren(b1, adviseur_weert, gevolgd="110", gepland="110", aanbod=a.pk)
        services.bewaar_examen(
            b1,
            adviseur_weert,
            {"onderdeel": "KNM", "examendatum": date(2027, i + 1, 1), "resultaat": "Gezakt"},
        )
    aanbod(b1, adviseur_weert, nummer="1000000002", melden=False)
    Afschalingsvoorstel.objects.create(
        traject=b1, voorgesteld_op="2027-01-01", lesuren=1, status="afgewezen", reden="x"
    )
    with django_assert_max_num_queries(een):
        assert client.get(url(b1, deel)).status_code == 200


def test_zroute_ontheffing_only_with_health_access(api, adviseur_weert, teamleider_weert, zroute):
    """The ontheffing's hours have a medical ground (API Ontheffing, grond MED/BIO): the field
    is there for the adviseur, absent for the teamleider and for a ketenpartner with a Z-route
    referral (both read the leerroute, neither the health section)."""
    ib = zroute.inburgeraar
    ib.uren_belastbaarheid_participatie = 400
    ib.save(update_fields=["uren_belastbaarheid_participatie"])
    org = OrganisatieFactory(naam="Taalcentrum Z", soort="taalaanbieder")
    Verwijzing.objects.create(traject=zroute, organisatie=org, taak="z_route", status="lopend")
    partner = GebruikerFactory(username="zpartner", organisatie=org, rollen=["partner"])
    assert api(adviseur_weert).get(url(zroute, "zroute")).json()["ontheffing_participatie"] == 400
    for gebruiker in (teamleider_weert, partner):
        antwoord = api(gebruiker).get(url(zroute, "zroute"))
        assert antwoord.status_code == 200, (gebruiker.username, antwoord.json())
        assert "ontheffing_participatie" not in antwoord.json()
        assert antwoord.json()["voortgang"]  # the rest of the Z-route is there
