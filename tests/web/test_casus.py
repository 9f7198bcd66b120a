"""The case page and its actions: reach through the policy, health data only for the
adviseur, status and adviseur changes, aanmelden and gegevens with Dutch errors."""

import pytest
import time_machine

from koers.inburgeraars.models import Gebeurtenis, Inburgeraar
from tests.dossier import dossier, tabs
from tests.dossier import tab as dossier_tab
from tests.factories import DelegatieFactory, valid_bsn
from tests.web.conftest import volledige_intake


@pytest.fixture(autouse=True)
def bevroren_tijd():
    with time_machine.travel("2026-10-01 10:00:00+02:00", tick=False):
        yield


def pagina(traject):
    return f"/inburgeraars/{traject.inburgeraar_id}/"


def test_a_case_outside_reach_does_not_exist(als, adviseur_weert, traject_cranendonck):
    client = als(adviseur_weert)
    for deel in ("", "gegevens/", "intake/", "pip/", "pip/1/beschikking.pdf"):
        response = client.get(pagina(traject_cranendonck) + deel)
        assert response.status_code == 404, deel
        assert traject_cranendonck.inburgeraar.bsn not in response.content.decode()
    assert (
        client.post(
            pagina(traject_cranendonck) + "status/", {"status": "afgerond", "reden": "verhuisd"}
        ).status_code
        == 404
    )
    assert client.get("/inburgeraars/999999/").status_code == 404


def test_a_delegatie_opens_the_case(als, weert, cranendonck, adviseur_weert, traject_cranendonck):
    DelegatieFactory(van=cranendonck, aan=weert)
    response = als(adviseur_weert).get(pagina(traject_cranendonck))
    assert response.status_code == 200
    assert traject_cranendonck.inburgeraar.bsn in response.content.decode()


def test_the_case_page_shows_personalia_traject_and_timeline(als, adviseur_weert, traject_weert):
    client = als(adviseur_weert)
    html = client.get(pagina(traject_weert)).content.decode()
    assert traject_weert.inburgeraar.volledige_naam in html
    for sectie in (
        'id="dossierkop"',
        'id="personalia"',
        'id="traject"',
        'id="gegevens-wijzigen"',
        'id="naar-intake"',
        'id="statusformulier"',
    ):
        assert sectie in html, sectie
    assert 'id="adviseurformulier"' not in html  # assigning is for the teamleider
    assert "10 november 2026" in html  # PIP uiterlijk: 1 September + 10 weeks
    # The rest of the dossier is one tab each, offered in the overview's menu.
    assert list(tabs(html))[:3] == ["overzicht", "gesprekken", "intake"]
    for tab, sectie in (
        ("intake", 'id="intake"'),
        ("pip", 'id="pip"'),
        ("pip", 'id="beschikkingen"'),
        ("tijdlijn", 'id="tijdlijn"'),
    ):
        assert sectie in dossier_tab(client, traject_weert.inburgeraar_id, tab), (tab, sectie)
        assert sectie not in html


def test_the_teamleider_does_not_see_health_data(
    als, adviseur_weert, teamleider_weert, traject_weert
):
    volledige_intake(traject_weert, adviseur_weert)
    adviseur_html = dossier(als(adviseur_weert), traject_weert.inburgeraar_id)
    assert "Slaapt slecht sinds de vlucht." in adviseur_html
    assert "Spinnenweb Positieve Gezondheid" in adviseur_html

    client = als(teamleider_weert)
    html = dossier(client, traject_weert.inburgeraar_id)
    assert "Over opleiding." in html  # the rest of the intake is there
    assert "Slaapt slecht" not in html
    assert "Bijzonder persoonsgegeven" not in html
    assert "Spinnenweb" not in html and "Positieve Gezondheid" not in html
    assert client.get(pagina(traject_weert) + "intake/").status_code == 403


def test_afronden_needs_a_reason(als, adviseur_weert, traject_weert):
    client = als(adviseur_weert)
    response = client.post(pagina(traject_weert) + "status/", {"status": "afgerond"})
    assert response.status_code == 200
    assert "Kies een reden om het traject af te ronden." in response.content.decode()
    traject_weert.refresh_from_db()
    assert traject_weert.status == "aangemeld"

    response = client.post(
        pagina(traject_weert) + "status/",
        {"status": "afgerond", "reden": "verhuisd", "toelichting": "Verhuisd naar Roermond."},
    )
    assert response.status_code == 302
    traject_weert.refresh_from_db()
    assert (traject_weert.status, traject_weert.afrondingsreden) == ("afgerond", "verhuisd")
    html = dossier(client, traject_weert.inburgeraar_id)
    assert "Verhuisd naar Roermond." in html  # the timeline shows the toelichting
    assert 'id="statusformulier"' not in html


def test_an_unknown_status_is_refused_in_dutch(als, adviseur_weert, traject_weert):
    response = als(adviseur_weert).post(
        pagina(traject_weert) + "status/", {"status": "bestaat_niet"}
    )
    assert (
        "Kies bij &#x27;Nieuwe status&#x27; een van de mogelijkheden." in response.content.decode()
    )


def test_the_teamleider_assigns_an_adviseur(
    als, adviseur_weert, collega_weert, teamleider_weert, adviseur_cranendonck, traject_weert
):
    client = als(teamleider_weert)
    assert (
        client.post(pagina(traject_weert) + "adviseur/", {"adviseur": collega_weert.pk}).status_code
        == 302
    )
    traject_weert.refresh_from_db()
    assert traject_weert.adviseur == collega_weert
    assert Gebeurtenis.objects.filter(traject=traject_weert, soort="adviseur").exists()

    response = client.post(
        pagina(traject_weert) + "adviseur/", {"adviseur": adviseur_cranendonck.pk}
    )
    assert "een van de mogelijkheden" in response.content.decode()
    traject_weert.refresh_from_db()
    assert traject_weert.adviseur == collega_weert


def test_an_adviseur_may_not_assign(als, adviseur_weert, collega_weert, traject_weert):
    response = als(adviseur_weert).post(
        pagina(traject_weert) + "adviseur/", {"adviseur": collega_weert.pk}
    )
    assert response.status_code == 403


AANMELDING = {
    "bsn": valid_bsn(77),
    "voornamen": "Yonas",
    "geslachtsnaam": "Tesfay",
    "geboortedatum": "1995-02-03",
    "doelgroep": "Asielstatushouder",
    "talen": "Tigrinya, Engels ,",
    "datum_start_pip_termijn": "2026-09-15",
}


def test_aanmelden_creates_the_case_for_the_adviseur(als, weert, adviseur_weert):
    client = als(adviseur_weert)
    response = client.post("/inburgeraars/nieuw/", {**AANMELDING, "gemeente": weert.pk})
    inburgeraar = Inburgeraar.objects.get(bsn=valid_bsn(77))
    assert response.url == f"/inburgeraars/{inburgeraar.pk}/"
    assert inburgeraar.talen == ["Tigrinya", "Engels"]
    assert inburgeraar.huidig_traject.adviseur == adviseur_weert
    assert str(inburgeraar.huidig_traject.pip_uiterlijk) == "2026-11-24"


@pytest.mark.parametrize(
    ("wijziging", "fout"),
    [
        ({"bsn": "123456789"}, "Dit is geen geldig BSN"),
        ({"geboortedatum": "31-02-1995"}, "Vul bij &#x27;Geboortedatum&#x27; een geldige datum in"),
        ({"doelgroep": "Toerist"}, "Kies bij &#x27;Doelgroep (volgens DUO)&#x27; een van de"),
        ({"vnummer": "12"}, "Een V-nummer heeft 10 cijfers."),
        ({"voornamen": ""}, "Vul &#x27;Voornamen&#x27; in."),
        ({"email": "geen-mail"}, "een geldig e-mailadres"),
        ({"geslachtsnaam": "x" * 300}, "is te lang"),
    ],
)
def test_bad_aanmelding_shows_dutch_errors_and_saves_nothing(
    als, weert, adviseur_weert, wijziging, fout
):
    response = als(adviseur_weert).post(
        "/inburgeraars/nieuw/", {**AANMELDING, "gemeente": weert.pk, **wijziging}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="foutsamenvatting"' in html
    assert fout in html
    assert not Inburgeraar.objects.exists()


def test_aanmelden_only_in_a_visible_gemeente(als, cranendonck, adviseur_weert):
    response = als(adviseur_weert).post(
        "/inburgeraars/nieuw/", {**AANMELDING, "gemeente": cranendonck.pk}
    )
    assert "Kies bij &#x27;Gemeente&#x27; een van de mogelijkheden." in response.content.decode()
    assert not Inburgeraar.objects.exists()


def test_a_duplicate_bsn_is_refused(als, weert, adviseur_weert, traject_weert):
    response = als(adviseur_weert).post(
        "/inburgeraars/nieuw/",
        {**AANMELDING, "bsn": traject_weert.inburgeraar.bsn, "gemeente": weert.pk},
    )
    assert "Er is al een inburgeraar met dit BSN." in response.content.decode()
    assert Inburgeraar.objects.count() == 1


def test_roles_without_the_action_get_403(als, beleid, traject_weert):
    assert als(beleid).get("/inburgeraars/nieuw/").status_code == 403


def test_gegevens_wijzigen(als, adviseur_weert, traject_weert):
    client = als(adviseur_weert)
    url = pagina(traject_weert) + "gegevens/"
    html = client.get(url).content.decode()
    assert traject_weert.inburgeraar.bsn in html
    data = {
        "bsn": traject_weert.inburgeraar.bsn,
        "voornamen": "Amina",
        "geslachtsnaam": "Haddad-Nieuw",
        "geboortedatum": "1990-05-17",
        "doelgroep": "Asielstatushouder",
        "talen": "Arabisch",
        "datum_start_pip_termijn": "2026-09-01",
    }
    assert client.post(url, {**data, "bsn": "12"}).status_code == 200
    traject_weert.inburgeraar.refresh_from_db()
    assert traject_weert.inburgeraar.geslachtsnaam != "Haddad-Nieuw"
    assert client.post(url, data).status_code == 302
    traject_weert.inburgeraar.refresh_from_db()
    assert traject_weert.inburgeraar.geslachtsnaam == "Haddad-Nieuw"


def test_the_case_page_of_a_person_duo_announced_without_name_works(als, weert, adviseur_weert):
    from tests.factories import InburgeraarFactory, TrajectFactory

    traject = TrajectFactory(
        inburgeraar=InburgeraarFactory(
            gemeente=weert,
            voornamen="",
            geslachtsnaam="",
            geboortedatum=None,
            persoonsgegevens_aanvullen=True,
        ),
        adviseur=adviseur_weert,
    )
    html = als(adviseur_weert).get(f"/inburgeraars/{traject.inburgeraar_id}/").content.decode()
    assert "Naam nog onbekend" in html
    assert "Nog onbekend" in html


def test_the_detailed_doelgroep_only_where_it_adds_something(als, adviseur_weert, traject_weert):
    inburgeraar = traject_weert.inburgeraar
    inburgeraar.doelgroep = "Asielstatushouder"
    inburgeraar.save()
    client = als(adviseur_weert)
    doelgroep = client.get(pagina(traject_weert)).content.decode().split('id="doelgroep">')[1]
    doelgroep = doelgroep.split("</dd>")[0]
    assert doelgroep.count("Asielstatushouder") == 1 and "volgens DUO" not in doelgroep
    inburgeraar.doelgroep = "Gezinsvormer met Asielstatushouder"
    inburgeraar.save()
    doelgroep = client.get(pagina(traject_weert)).content.decode().split('id="doelgroep">')[1]
    assert (
        "Doelgroep volgens DUO: Gezinsvormer met Asielstatushouder" in doelgroep.split("</dd>")[0]
    )


def test_aanmelden_fills_in_the_only_gemeente_and_names_what_is_asked(
    als, adviseur_weert, teamleider_weert, weert
):
    html = als(adviseur_weert).get("/inburgeraars/nieuw/").content.decode()
    assert f'<option value="{weert.pk}" selected>' in html
    legenda = html.split('utrecht-form-fieldset__legend--html-legend">')[1].split("<")[0]
    assert legenda == "Gemeente"  # an adviseur registers his own case: no adviseur to choose
    html = als(teamleider_weert).get("/inburgeraars/nieuw/").content.decode()
    legenda = html.split('utrecht-form-fieldset__legend--html-legend">')[1].split("<")[0]
    assert legenda == "Gemeente en adviseur"
