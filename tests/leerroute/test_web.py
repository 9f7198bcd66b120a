"""The leerroute in the browser: the case-page section, the pages to record each thing, bad
input with Dutch errors, and who may do what."""

from datetime import date
from decimal import Decimal as D

import pytest

from koers.duo import meldingen
from koers.duo.client import DuoFout
from koers.duo.models import Bericht
from koers.leerroute import services
from koers.leerroute.models import (
    Aanbod,
    Afschalingsvoorstel,
    Examenresultaat,
    UrenPeriode,
    Zroute,
)
from koers.organisaties.models import Rol
from koers.pip.models import PipVersie
from koers.toegang import policy
from koers.toegang.policy import Sectie
from tests.leerroute.conftest import BOW, TST, aanbod, uren

pytestmark = pytest.mark.django_db


def casus(traject):
    return f"/inburgeraars/{traject.inburgeraar_id}/dossier/leerroute/"


def pagina(traject, deel):
    return f"/inburgeraars/{traject.inburgeraar_id}/leerroute/{deel}"


AANBOD_POST = {
    "instellingsnummer": BOW,
    "datum_aanbod": "2026-10-05",
    "startdatum": "2026-11-01",
    "einddatum": "2027-10-01",
    "alfabetisering": "NVT",
    "melden": "on",
}
UREN_POST = {
    "soort": "taal",
    "periode_start": "2027-01-01",
    "periode_eind": "31-03-2027",
    "uren_gepland": "120",
    "uren_gevolgd": "110,5",
    "aanwezigheid": "92",
}


def test_the_case_page_shows_the_section(als, adviseur_weert, b1):
    a = aanbod(b1, adviseur_weert, melden=False)
    uren(b1, adviseur_weert, gevolgd="620", gepland="650", aanbod=a.pk)
    services.bewaar_duo_examens(
        b1, [{"examendatum": "2027-03-01", "resultaat": "Geslaagd", "onderdeel": "KNM"}]
    )
    html = als(adviseur_weert).get(casus(b1)).content.decode()
    for stuk in (
        'id="leerroute"',
        'id="leerroute-aanbod"',
        "Taalcentrum",
        'id="leerroute-uren"',
        'id="leerroute-examens"',
        "Kennis van de Nederlandse",
        'id="afschaling-voorstel"',
        'id="afschaling-besluit-link"',
        'id="leerroute-voortgang"',
        'id="leerroute-uren-link"',
        'id="uren-melden"',
    ):
        assert stuk in html, stuk


def test_the_section_before_the_pip(als, adviseur_weert, traject_weert):
    html = als(adviseur_weert).get(casus(traject_weert)).content.decode()
    assert "De leerroute begint na het vaststellen van het PIP." in html


def test_zroute_section_shows_hours_against_the_plan(als, adviseur_weert, zroute):
    uren(zroute, adviseur_weert, soort="taal", gevolgd="40")
    html = als(adviseur_weert).get(casus(zroute)).content.decode()
    assert "Cursusuren (taal en KNM)" in html and "Participatie-uren" in html
    assert "Achter op plan" in html
    assert 'id="leerroute-zroute-link"' in html


@pytest.mark.parametrize("aantal", [1, 8])
def test_case_page_queries_do_not_grow(
    als, adviseur_weert, zroute, aantal, django_assert_max_num_queries
):
    a = aanbod(zroute, adviseur_weert, melden=False)
    for _ in range(aantal):
        uren(zroute, adviseur_weert, soort="taal", gevolgd="10", aanbod=a.pk)
        services.bewaar_examen(
            zroute,
            adviseur_weert,
            {"onderdeel": "KNM", "examendatum": date(2027, 1, aantal), "resultaat": "Gezakt"},
        )
    client = als(adviseur_weert)
    client.get(casus(zroute))
    with django_assert_max_num_queries(60):  # the same constant for 1 and 8 rows
        assert client.get(casus(zroute)).status_code == 200


def test_leerroute_section_queries_are_constant(adviseur_weert, zroute, django_assert_num_queries):
    from koers.leerroute import casus as sectie

    a = aanbod(zroute, adviseur_weert, melden=False)
    zroute.inburgeraar  # noqa: B018  (loaded, as on the case page)

    def tel():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            sectie.casus_context(adviseur_weert, zroute.inburgeraar, zroute)
        return len(ctx)

    een = tel()
    for _ in range(5):
        uren(zroute, adviseur_weert, soort="participatie", gevolgd="3", aanbod=a.pk)
    assert tel() == een


# -- Aanbod ------------------------------------------------------------------------------------


def test_aanbod_page_records_and_reports(als, adviseur_weert, b1):
    client = als(adviseur_weert)
    html = client.get(pagina(b1, "aanbod/")).content.decode()
    assert "Taalcentrum" in html and "Vakcollege" not in html  # no TST in the B1-route
    response = client.post(pagina(b1, "aanbod/"), AANBOD_POST)
    assert response.status_code == 302 and response["Location"].endswith("#leerroute")
    assert Aanbod.objects.get().bericht is not None


def test_aanbod_page_bad_input(als, adviseur_weert, b1):
    response = als(adviseur_weert).post(
        pagina(b1, "aanbod/"), {**AANBOD_POST, "einddatum": "2026-10-10", "startdatum": "gisteren"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vul bij &#x27;Geplande startdatum&#x27; een geldige datum in" in html
    assert not Aanbod.objects.exists()
    response = als(adviseur_weert).post(
        pagina(b1, "aanbod/"), {**AANBOD_POST, "instellingsnummer": TST}
    )
    assert "Kies bij" in response.content.decode() and not Aanbod.objects.exists()
    response = als(adviseur_weert).post(
        pagina(b1, "aanbod/"), {**AANBOD_POST, "einddatum": "2026-10-31"}
    )
    assert "Kies als laatste lesdag de startdatum of een dag daarna." in response.content.decode()


def test_aanbod_page_when_duo_does_not_answer(als, adviseur_weert, b1, monkeypatch):
    def kapot(gemeente):
        raise DuoFout("DUO is niet bereikbaar.", permanent=False)

    monkeypatch.setattr(services, "instellingen_van_duo", kapot)
    client = als(adviseur_weert)
    response = client.get(pagina(b1, "aanbod/"))
    assert response.status_code == 200 and "DUO is niet bereikbaar." in response.content.decode()
    assert client.post(pagina(b1, "aanbod/"), AANBOD_POST).status_code == 200
    assert not Aanbod.objects.exists()


# -- Hours -------------------------------------------------------------------------------------


def test_hours_page(als, adviseur_weert, b1):
    client = als(adviseur_weert)
    assert client.get(pagina(b1, "uren/")).status_code == 200
    response = client.post(pagina(b1, "uren/"), UREN_POST)
    assert response.status_code == 302
    rij = UrenPeriode.objects.get()
    assert (rij.uren_gevolgd, rij.periode_eind) == (D("110.5"), date(2027, 3, 31))
    html = client.get(pagina(b1, f"uren/{rij.pk}/")).content.decode()
    assert 'value="110,5"' in html
    client.post(pagina(b1, f"uren/{rij.pk}/"), {**UREN_POST, "uren_gevolgd": "100"})
    rij.refresh_from_db()
    assert rij.uren_gevolgd == D(100) and UrenPeriode.objects.count() == 1


@pytest.mark.parametrize(
    ("veld", "waarde", "tekst"),
    [
        ("uren_gevolgd", "-3", "kan niet kleiner zijn dan 0"),
        ("uren_gevolgd", "veel", "een getal in"),
        ("uren_gevolgd", "7820", "kan niet groter zijn dan 999,9."),  # Dutch comma, not 999.9
        ("uren_gepland", "1,25", "hoogstens 1 cijfer"),
        ("aanwezigheid", "120", "kan niet groter zijn dan 100"),
        ("periode_eind", "2026-01-01", "Kies als laatste dag de eerste dag of een dag daarna."),
        ("periode_start", "2028-01-01", "niet in de toekomst"),
        ("soort", "zwemmen", "Kies bij"),
    ],
)
def test_hours_page_bad_input(als, adviseur_weert, b1, veld, waarde, tekst):
    response = als(adviseur_weert).post(pagina(b1, "uren/"), {**UREN_POST, veld: waarde})
    assert response.status_code == 200
    html = response.content.decode()
    assert tekst in html.replace("&#x27;", "'"), html[html.find("foutsamenvatting") :][:800]
    assert not UrenPeriode.objects.exists()


def test_other_row_is_not_found(als, adviseur_weert, b1, zroute):
    rij = uren(zroute, adviseur_weert)
    assert als(adviseur_weert).get(pagina(b1, f"uren/{rij.pk}/")).status_code == 404


# -- Exams -------------------------------------------------------------------------------------


def test_exam_page(als, adviseur_weert, b1):
    client = als(adviseur_weert)
    response = client.post(
        pagina(b1, "examens/"),
        {
            "onderdeel": "SP",
            "niveau": "B1",
            "examendatum": "2027-05-01",
            "resultaat": "Geen",
            "reden_geen_resultaat": "Afgemeld",
        },
    )
    assert response.status_code == 302
    assert Examenresultaat.objects.get().reden_geen_resultaat == "Afgemeld"
    response = client.post(
        pagina(b1, "examens/"),
        {
            "onderdeel": "SP",
            "examendatum": "2027-05-02",
            "resultaat": "Gezakt",
            "reden_geen_resultaat": "Absent",
        },
    )
    assert "Een reden hoort alleen bij" in response.content.decode()
    assert Examenresultaat.objects.count() == 1


# -- Afschalen ---------------------------------------------------------------------------------


@pytest.fixture
def voorstel(b1, adviseur_weert):
    a = aanbod(b1, adviseur_weert, melden=False)
    uren(b1, adviseur_weert, gevolgd="620", gepland="650", aanbod=a.pk)
    return Afschalingsvoorstel.objects.get()


def test_afschaling_accept_leads_to_the_pip(als, adviseur_weert, b1, voorstel):
    client = als(adviseur_weert)
    url = pagina(b1, f"afschaling/{voorstel.pk}/")
    assert "620" in client.get(url).content.decode()
    response = client.post(url, {"besluit": "aanvaard"})
    assert response["Location"] == f"/inburgeraars/{b1.inburgeraar_id}/pip/"
    assert b1.pips.get(status=PipVersie.Status.CONCEPT).niveau == "A2"


def test_afschaling_reject_without_reason(als, adviseur_weert, b1, voorstel):
    client = als(adviseur_weert)
    url = pagina(b1, f"afschaling/{voorstel.pk}/")
    response = client.post(url, {"besluit": "afgewezen", "reden": ""})
    assert "Schrijf op waarom u het voorstel afwijst." in response.content.decode()
    voorstel.refresh_from_db()
    assert voorstel.status == "open"
    client.post(url, {"besluit": "afgewezen", "reden": "B1 is haalbaar."})
    voorstel.refresh_from_db()
    assert voorstel.status == "afgewezen"


# -- Z-route -----------------------------------------------------------------------------------


def test_zroute_eindgesprek_and_completion(als, adviseur_weert, zroute):
    uren(zroute, adviseur_weert, soort="taal", gevolgd="800", gepland="800")
    uren(zroute, adviseur_weert, soort="participatie", gevolgd="800", gepland="800")
    client = als(adviseur_weert)
    assert client.get(pagina(zroute, "zroute/")).status_code == 200
    response = client.post(pagina(zroute, "zroute/"), {"datum": "2027-05-30", "conclusie": ""})
    html = response.content.decode()
    assert "Geef aan of de afspraken uit het PIP zijn nagekomen." in html
    assert "Vul &#x27;Conclusie&#x27; in." in html
    client.post(
        pagina(zroute, "zroute/"),
        {"datum": "2027-05-30", "afspraken_nagekomen": "ja", "conclusie": "Alles nagekomen."},
    )
    assert Zroute.objects.get().afspraken_nagekomen is True
    # PVT and MAP first: until DUO accepted both dates there is no completion form.
    html = client.get(pagina(zroute, "zroute/")).content.decode()
    assert 'id="pvt-map-ontbreekt"' in html and 'id="afrondingformulier"' not in html
    meldingen.meld_pvt(zroute, date(2027, 5, 28))
    meldingen.meld_map(zroute, date(2027, 5, 30))
    assert 'id="pvt-map-ontbreekt"' in client.get(pagina(zroute, "zroute/")).content.decode()
    Bericht.objects.filter(soort__in=("pvt", "map")).update(status=Bericht.Status.AFGELEVERD)
    html = client.get(pagina(zroute, "zroute/")).content.decode()
    assert 'id="afrondingformulier"' in html and 'id="pvt-map-bij-duo"' in html
    response = client.post(pagina(zroute, "zroute/afronden/"), {"datum": "2027-05-29"})
    assert "eerder af zijn dan het eindgesprek" in response.content.decode()
    assert not Bericht.objects.filter(soort="zroute").exists()
    response = client.post(pagina(zroute, "zroute/afronden/"), {"datum": "2027-05-31"})
    assert response.status_code == 302
    assert Bericht.objects.get(soort="zroute").body == {"datumAfrondingZroute": "2027-05-31"}
    # Reported: the eindgesprek is shown, no longer offered as a form that would be refused.
    html = client.get(pagina(zroute, "zroute/")).content.decode()
    assert 'id="eindgesprek-vast"' in html and "Alles nagekomen." in html
    assert 'id="eindgesprekformulier"' not in html and 'id="zroute-gemeld"' in html


def test_zroute_page_is_for_the_zroute_only(als, adviseur_weert, b1):
    response = als(adviseur_weert).get(pagina(b1, "zroute/"))
    assert response.status_code == 302


def test_hours_reported_from_the_case_page(als, adviseur_weert, zroute):
    uren(zroute, adviseur_weert, soort="participatie", gevolgd="20")
    response = als(adviseur_weert).post(pagina(zroute, "uren/melden/"))
    assert response.status_code == 302
    # Three running totals: intake lessons, participation, lesson hours of the leerroute.
    assert Bericht.objects.filter(soort__startswith="uren_").count() == 3


# -- Access ------------------------------------------------------------------------------------

DELEN = ("aanbod/", "uren/", "examens/", "zroute/")


def test_other_gemeente_is_not_found(als, adviseur_weert, b1_cranendonck):
    client = als(adviseur_weert)
    for deel in DELEN:
        assert client.get(pagina(b1_cranendonck, deel)).status_code == 404, deel
    assert client.post(pagina(b1_cranendonck, "uren/"), UREN_POST).status_code == 404
    assert client.post(pagina(b1_cranendonck, "uren/melden/")).status_code == 404
    assert not UrenPeriode.objects.exists()


def test_teamleider_reads_but_does_not_write(als, teamleider_weert, adviseur_weert, b1):
    uren(b1, adviseur_weert)
    client = als(teamleider_weert)
    html = client.get(casus(b1)).content.decode()
    assert 'id="leerroute-uren"' in html and 'id="leerroute-uren-link"' not in html
    for deel in DELEN:
        assert client.get(pagina(b1, deel)).status_code == 403, deel
    assert client.post(pagina(b1, "uren/"), UREN_POST).status_code == 403
    assert client.post(pagina(b1, "uren/melden/")).status_code == 403
    assert UrenPeriode.objects.count() == 1


def test_beleid_sees_no_cases(als, beleid, b1):
    client = als(beleid)
    assert len(DELEN) == 4
    for deel in DELEN:
        assert client.get(pagina(b1, deel)).status_code in (403, 404), deel


def test_zroute_page_shows_duo_partial_ontheffing(als, adviseur_weert, zroute):
    ib = zroute.inburgeraar
    ib.uren_belastbaarheid_participatie = 0
    ib.save(update_fields=["uren_belastbaarheid_participatie"])
    html = als(adviseur_weert).get(pagina(zroute, "zroute/")).content.decode()
    assert 'id="zroute-ontheffing"' in html and "geen participatie-uren" in html
    assert "Participatie-uren" not in html  # no participation row in the table
    ib.uren_belastbaarheid_participatie = 400
    ib.save(update_fields=["uren_belastbaarheid_participatie"])
    html = als(adviseur_weert).get(pagina(zroute, "zroute/")).content.decode()
    assert "hoogstens 400 uur" in html


def test_zroute_ontheffing_is_health_data(
    als, adviseur_weert, teamleider_weert, zroute, monkeypatch
):
    """The hours of DUO's partial ontheffing follow from a medical ground: only who may see
    the health section reads them. The teamleider cannot open the Z-route page at all; an
    editor without the health section sees the page without that sentence."""
    ib = zroute.inburgeraar
    ib.uren_belastbaarheid_participatie = 400
    ib.save(update_fields=["uren_belastbaarheid_participatie"])
    assert (
        "hoogstens 400 uur" in als(adviseur_weert).get(pagina(zroute, "zroute/")).content.decode()
    )
    assert als(teamleider_weert).get(pagina(zroute, "zroute/")).status_code == 403
    assert "ontheffing" not in als(teamleider_weert).get(casus(zroute)).content.decode().lower()
    monkeypatch.setitem(policy.SECTIES, Rol.ADVISEUR, frozenset(Sectie) - {Sectie.GEZONDHEID})
    antwoord = als(adviseur_weert).get(pagina(zroute, "zroute/"))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert 'id="zroute-uren"' in html  # the page itself is there
    assert 'id="zroute-ontheffing"' not in html and "400 uur" not in html
