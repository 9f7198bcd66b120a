"""The ketenpartner pages for the adviseur and the partner: referring from the case page,
the Verwijzingen list (constant queries), accepting, declining, reporting and closing, the
case page and timeline of the adviseur, Dutch errors in the forms, the taakverdeling."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.partners import services
from koers.partners.models import Taakverdeling, Verwijzing
from koers.verwerkingen.models import Verwerking
from tests.factories import InburgeraarFactory, TrajectFactory

pytestmark = pytest.mark.django_db


def test_adviseur_verwijst_vanaf_de_casuspagina(zaak, werkkom, adviseur_weert, als):
    client = als(adviseur_weert)
    pk = zaak.inburgeraar_id
    html = client.get(f"/inburgeraars/{pk}/dossier/verwijzingen/").content.decode()
    assert 'id="verwijzingen"' in html and f"/inburgeraars/{pk}/verwijzen/" in html
    pagina = client.get(f"/inburgeraars/{pk}/verwijzen/")
    assert pagina.status_code == 200 and "Werk.Kom" in pagina.content.decode()
    antwoord = client.post(
        f"/inburgeraars/{pk}/verwijzen/",
        {"taak": "map", "organisatie": werkkom.pk, "vraag": "Graag de MAP."},
    )
    assert antwoord.status_code == 302
    assert antwoord.url == f"/inburgeraars/{pk}/dossier/verwijzingen/#verwijzingen"
    v = Verwijzing.objects.get()
    assert (v.taak, v.organisatie, v.status) == ("map", werkkom, "aangeboden")
    html = client.get(f"/inburgeraars/{pk}/dossier/verwijzingen/").content.decode()
    assert f'id="verwijzing-{v.pk}-status">Aangeboden' in html
    tijdlijn = client.get(f"/inburgeraars/{pk}/dossier/tijdlijn/").content.decode()
    assert "Verwezen naar Werk.Kom" in tijdlijn


def test_verwijzen_met_fouten_toont_nederlandse_fouten(zaak, adviseur_weert, werkkom, als):
    client = als(adviseur_weert)
    antwoord = client.post(
        f"/inburgeraars/{zaak.inburgeraar_id}/verwijzen/", {"taak": "", "organisatie": werkkom.pk}
    )
    assert antwoord.status_code == 400
    assert "Kies" in antwoord.content.decode() or "verplicht" in antwoord.content.decode()
    antwoord = client.post(
        f"/inburgeraars/{zaak.inburgeraar_id}/verwijzen/",
        {"taak": "b1_route", "organisatie": werkkom.pk},
    )
    assert antwoord.status_code == 400
    assert "Deze organisatie voert deze taak niet uit" in antwoord.content.decode()
    assert not Verwijzing.objects.exists()


def test_teamleider_en_partner_verwijzen_niet(zaak, teamleider_weert, wim, werkkom, als):
    for user in (teamleider_weert, wim):
        antwoord = als(user).post(
            f"/inburgeraars/{zaak.inburgeraar_id}/verwijzen/",
            {"taak": "map", "organisatie": werkkom.pk},
        )
        assert antwoord.status_code in (403, 404)
    assert not Verwijzing.objects.exists()


def test_partner_accepteert_meldt_voortgang_en_sluit_af(
    zaak, werkkom, wim, verwijs, als, adviseur_weert
):
    v = verwijs(zaak, werkkom)
    client = als(wim)
    assert client.get("/").url == "/verwijzingen/"
    lijst = client.get("/verwijzingen/").content.decode()
    assert f"/verwijzingen/{v.pk}/" in lijst
    detail = client.get(f"/verwijzingen/{v.pk}/").content.decode()
    assert 'id="accepteren"' in detail and 'id="naar-casus"' not in detail
    assert client.post(f"/verwijzingen/{v.pk}/accepteren/").status_code == 302
    detail = client.get(f"/verwijzingen/{v.pk}/").content.decode()
    assert 'id="voortgangformulier"' in detail and 'id="naar-casus"' in detail
    fout = client.post(
        f"/verwijzingen/{v.pk}/voortgang/",
        {
            "voortgang-datum": "2026-11-10",
            "voortgang-afspraken_gepland": "2",
            "voortgang-afspraken_aanwezig": "3",
        },
    )
    assert fout.status_code == 400
    assert "Er kunnen niet meer afspraken bijgewoond zijn" in fout.content.decode()
    ok = client.post(
        f"/verwijzingen/{v.pk}/voortgang/",
        {
            "voortgang-datum": "2026-11-10",
            "voortgang-uren": "6,5",
            "voortgang-afspraken_gepland": "4",
            "voortgang-afspraken_aanwezig": "3",
            "voortgang-resultaten": "Cv gemaakt.",
        },
    )
    assert ok.status_code == 302
    v.refresh_from_db()
    assert v.status == "lopend"
    # The adviseur sees the progress on the case page.
    html = (
        als(adviseur_weert)
        .get(f"/inburgeraars/{zaak.inburgeraar_id}/dossier/verwijzingen/")
        .content.decode()
    )
    assert "In totaal 6,5 uur." in html and "Cv gemaakt." in html
    client = als(wim)
    dicht = client.post(
        f"/verwijzingen/{v.pk}/afsluiten/",
        {"afsluiten-resultaat": "behaald", "afsluiten-eindverslag": "Klaar."},
    )
    assert dicht.status_code == 302 and dicht.url == "/verwijzingen/"
    v.refresh_from_db()
    assert v.status == "afgesloten"
    assert (
        client.get(f"/inburgeraars/{zaak.inburgeraar_id}/dossier/verwijzingen/").status_code == 404
    )


def test_partner_wijst_af_met_reden(zaak, werkkom, wim, verwijs, als):
    v = verwijs(zaak, werkkom)
    client = als(wim)
    fout = client.post(f"/verwijzingen/{v.pk}/afwijzen/", {"afwijzen-reden": ""})
    assert fout.status_code == 400
    ok = client.post(f"/verwijzingen/{v.pk}/afwijzen/", {"afwijzen-reden": "Vol."})
    assert ok.status_code == 302
    v.refresh_from_db()
    assert (v.status, v.afwijsreden) == ("afgewezen", "Vol.")


def test_adviseur_trekt_in_op_de_pagina(zaak, werkkom, verwijs, adviseur_weert, als):
    v = verwijs(zaak, werkkom)
    client = als(adviseur_weert)
    assert 'id="intrekformulier"' in client.get(f"/verwijzingen/{v.pk}/").content.decode()
    assert (
        client.post(
            f"/verwijzingen/{v.pk}/intrekken/", {"intrekken-toelichting": "Werk gevonden."}
        ).status_code
        == 302
    )
    v.refresh_from_db()
    assert v.resultaat == "ingetrokken"


def test_partnerstappen_op_de_tijdlijn_van_de_adviseur(
    zaak, werkkom, wim, verwijs, adviseur_weert, teamleider_weert, als
):
    v = verwijs(zaak, werkkom)
    services.accepteer(v, wim)
    for user in (adviseur_weert, teamleider_weert):
        html = (
            als(user).get(f"/inburgeraars/{zaak.inburgeraar_id}/dossier/tijdlijn/").content.decode()
        )
        assert "Werk.Kom accepteert de verwijzing" in html


def _verwijzingen(weert, werkkom, adviseur, aantal):
    for _ in range(aantal):
        traject = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert), adviseur=adviseur)
        services.verwijs(traject, adviseur, taak="map", organisatie=werkkom)


@pytest.mark.parametrize("wie", ["wim", "adviseur_weert"])
def test_lijst_heeft_een_vast_aantal_queries(wie, request, weert, werkkom, adviseur_weert, als):
    user = request.getfixturevalue(wie)
    client = als(user)
    _verwijzingen(weert, werkkom, adviseur_weert, 2)
    client.get("/verwijzingen/")  # the first request of a session reads more (device, …)
    with CaptureQueriesContext(connection) as weinig:
        assert client.get("/verwijzingen/").status_code == 200
    _verwijzingen(weert, werkkom, adviseur_weert, 8)
    with CaptureQueriesContext(connection) as veel:
        antwoord = client.get("/verwijzingen/")
    assert antwoord.content.decode().count('id="verwijzing-link-') == 10
    assert len(veel) == len(weinig)


def test_lijst_logt_elke_getoonde_zaak(zaak, werkkom, wim, verwijs, als):
    verwijs(zaak, werkkom)
    als(wim).get("/verwijzingen/")
    log = Verwerking.objects.filter(actor_id=wim.pk, handeling="lezen").get()
    assert (log.inburgeraar_id, log.secties) == (zaak.inburgeraar_id, ["naam", "verwijzingen"])
    assert log.organisatie == "Werk.Kom"


def test_casuspagina_van_de_partner_wordt_gelogd_met_zijn_secties(zaak, werkkom, wim, verwijs, als):
    v = verwijs(zaak, werkkom)
    services.accepteer(v, wim)
    als(wim).get(f"/inburgeraars/{zaak.inburgeraar_id}/dossier/verwijzingen/")
    log = Verwerking.objects.filter(actor_id=wim.pk, handeling="lezen").latest("id")
    assert set(log.secties) == {"naam", "modules", "verwijzingen"}


def test_taakverdeling_pagina(weert, werkkom, adviseur_weert, beleid, teamleider_weert, wim, als):
    Taakverdeling.objects.create(
        gemeente=weert, taak="map", schaal="subregionaal", uitvoerder=werkkom
    )
    for user in (adviseur_weert, beleid):
        html = als(user).get("/taakverdeling/").content.decode()
        assert "Werk.Kom" in html and "Subregionaal" in html
        assert 'id="wijzig-map"' not in html
        assert als(user).post("/taakverdeling/", {"taak": "map"}).status_code == 403
    assert als(wim).get("/taakverdeling/").status_code == 403
    client = als(teamleider_weert)
    assert 'id="wijzig-map"' in client.get("/taakverdeling/").content.decode()
    antwoord = client.post(
        "/taakverdeling/",
        {
            "taak": "pvt",
            "pvt-schaal": "lokaal",
            "pvt-uitvoerder": werkkom.pk,
            "pvt-toelichting": "Werk.Kom doet dit in Weert.",
        },
    )
    assert antwoord.status_code == 302
    assert Taakverdeling.objects.get(gemeente=weert, taak="pvt").uitvoerder == werkkom
    fout = client.post(
        "/taakverdeling/", {"taak": "pip", "pip-schaal": "lokaal", "pip-uitvoerder": werkkom.pk}
    )
    assert fout.status_code == 400
    assert "Deze taak voert de gemeente zelf uit." in fout.content.decode()
