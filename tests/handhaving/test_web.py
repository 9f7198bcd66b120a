"""Handhaving in the browser: the case-page section, the pages, the steps with bad input, the
letters, and who may see or do what."""

import datetime as dt

import pytest
from django.urls import reverse

from koers.handhaving import services
from koers.handhaving.models import Boetebesluit, Handhavingsbeleid, Handhavingszaak
from tests.handhaving.conftest import hoor, zaak_tot_hoorzitting

pytestmark = pytest.mark.django_db


def _overzicht(traject):
    return reverse("handhaving:overzicht", args=[traject.inburgeraar.pk])


def _stap(zaak, naam):
    return reverse("handhaving:stap", args=[zaak.traject.inburgeraar.pk, zaak.pk, naam])


def test_casuspagina_toont_sectie_met_verlenging(als, adviseur_weert, gezin_weert):
    zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    pagina = als(adviseur_weert).get(
        reverse("web:casus_tab", args=[gezin_weert.inburgeraar.pk, "handhaving"])
    )
    html = pagina.content.decode()
    assert pagina.status_code == 200
    assert 'id="handhaving"' in html
    assert "Niet naar de lessen" in html
    assert "Voornemen: hoorzitting gepland" in html
    assert "Vanaf 15 juli 2028 kan een verlenging worden aangevraagd." in html
    assert "Nog niet opgehaald bij DUO." in html
    assert 'id="duo-boetes-ophalen"' in html


def test_verzuim_vastleggen_en_stappen_in_de_browser(als, adviseur_weert, gezin_weert):
    client = als(adviseur_weert)
    antwoord = client.post(
        _overzicht(gezin_weert),
        {"verzuim": "gesprek", "datum": "2026-11-02", "omschrijving": "Niet gekomen."},
    )
    zaak = Handhavingszaak.objects.get()
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse(
        "handhaving:zaak", args=[gezin_weert.inburgeraar.pk, zaak.pk]
    )
    pagina = client.get(antwoord["Location"])
    assert "Stap 1: schriftelijke waarschuwing" in pagina.content.decode()
    assert (
        client.post(_stap(zaak, "waarschuwing"), {"waarschuwing-datum": "2026-11-03"}).status_code
        == 302
    )
    pagina = client.get(reverse("handhaving:zaak", args=[gezin_weert.inburgeraar.pk, zaak.pk]))
    html = pagina.content.decode()
    assert 'value="250"' in html  # the proposed amount: the Divosa default
    # The voorschrift for a missed gesprek is proposed; the person may react for 2 weeks.
    assert "artikel 16" in html and 'value="2026-12-04"' in html
    assert (
        client.post(
            _stap(zaak, "voornemen"),
            {
                "voornemen-datum": "2026-11-04",
                "voornemen-voorschrift": "Wi2021 artikel 16",
                "voornemen-bedrag": "250",
                "voornemen-route": "hoorzitting",
                "voornemen-hoorzitting_datum": "2026-11-19",
                "voornemen-hoorzitting_plaats": "Stadhuis",
            },
        ).status_code
        == 302
    )
    # Awb 5:10a: without the cautie the verslag is refused, with a Dutch error.
    antwoord = client.post(
        _stap(zaak, "zienswijze"),
        {
            "zienswijze-datum": "2026-11-19",
            "zienswijze-aanwezig": "Yusuf, adviseur",
            "zienswijze-zienswijze": "Vergeten.",
        },
    )
    assert antwoord.status_code == 400 and "cautie" in antwoord.content.decode()
    assert (
        client.post(
            _stap(zaak, "zienswijze"),
            {
                "zienswijze-datum": "2026-11-19",
                "zienswijze-cautie_gegeven": "on",
                "zienswijze-aanwezig": "Yusuf, adviseur",
                "zienswijze-zienswijze": "Vergeten.",
            },
        ).status_code
        == 302
    )
    assert (
        client.post(
            _stap(zaak, "boete"),
            {
                "boete-datum": "2026-11-20",
                "boete-bedrag": "250",
                "boete-motivering": "Geen goede reden.",
            },
        ).status_code
        == 302
    )
    assert Boetebesluit.objects.get().bedrag == 250
    brief = zaak.brieven.get(soort="boete")
    pdf = client.get(reverse("handhaving:brief", args=[gezin_weert.inburgeraar.pk, brief.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_voorstel_bedrag_volgt_beleid_van_de_gemeente(als, adviseur_weert, gezin_weert, weert):
    Handhavingsbeleid.objects.create(gemeente=weert, standaard_boete=180)
    zaak = services.open_zaak(
        gezin_weert,
        adviseur_weert,
        {"verzuim": "map", "datum": dt.date(2026, 11, 1), "omschrijving": "x"},
    )
    services.stuur_waarschuwing(zaak, adviseur_weert, {"datum": dt.date(2026, 11, 2)})
    html = (
        als(adviseur_weert)
        .get(reverse("handhaving:zaak", args=[gezin_weert.inburgeraar.pk, zaak.pk]))
        .content.decode()
    )
    assert 'value="180"' in html


@pytest.mark.parametrize(
    ("bedrag", "tekst"),
    [
        ("900", "Een boete is hoogstens 800 euro"),
        ("0", "meer dan 0 euro"),
        ("-10", "meer dan 0 euro"),
        ("12,50", "een heel getal"),
        ("", "Vul &#x27;Bedrag in euro&#x27; in."),
    ],
)
def test_fout_bedrag_geeft_nederlandse_fout_en_slaat_niets_op(
    als, adviseur_weert, gezin_weert, bedrag, tekst
):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    hoor(zaak, adviseur_weert)
    antwoord = als(adviseur_weert).post(
        _stap(zaak, "boete"),
        {"boete-datum": "2026-11-20", "boete-bedrag": bedrag, "boete-motivering": "x"},
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert tekst in html
    assert 'id="foutsamenvatting"' in html
    assert not Boetebesluit.objects.exists()
    assert not zaak.brieven.filter(soort="boete").exists()


@pytest.mark.parametrize(
    ("data", "tekst"),
    [
        ({"verzuim": "", "datum": "2026-11-02", "omschrijving": "x"}, "Vul &#x27;Wat heeft"),
        ({"verzuim": "map", "datum": "32-13-2026", "omschrijving": "x"}, "geldige datum"),
        ({"verzuim": "map", "datum": "2027-01-01", "omschrijving": "x"}, "toekomst"),
        ({"verzuim": "map", "datum": "2026-11-02", "omschrijving": "x" * 2001}, "te lang"),
    ],
)
def test_verzuim_foute_invoer(als, adviseur_weert, gezin_weert, data, tekst):
    antwoord = als(adviseur_weert).post(_overzicht(gezin_weert), data)
    assert antwoord.status_code == 200
    assert tekst in antwoord.content.decode()
    assert not Handhavingszaak.objects.exists()


def test_boete_voor_de_waarschuwing_geeft_fout(als, adviseur_weert, gezin_weert):
    zaak = services.open_zaak(
        gezin_weert,
        adviseur_weert,
        {"verzuim": "map", "datum": dt.date(2026, 11, 1), "omschrijving": "x"},
    )
    antwoord = als(adviseur_weert).post(
        _stap(zaak, "boete"),
        {"boete-datum": "2026-11-20", "boete-bedrag": "250", "boete-motivering": "x"},
    )
    assert antwoord.status_code == 400
    assert "pas na een schriftelijke waarschuwing" in antwoord.content.decode()
    assert not Boetebesluit.objects.exists()


def test_asielstatushouder_uitleg_en_geen_boeteformulier(als, adviseur_weert, asiel_weert):
    zaak = zaak_tot_hoorzitting(asiel_weert, adviseur_weert)
    hoor(zaak, adviseur_weert)
    client = als(adviseur_weert)
    url = reverse("handhaving:zaak", args=[asiel_weert.inburgeraar.pk, zaak.pk])
    html = client.get(url).content.decode()
    # Local policy, labelled as such (not law).
    assert "geeft asielstatushouders in principe geen boete" in html
    assert "beleid van de gemeente" in html and "geen wet" in html
    assert 'id="boete-opleggen"' not in html
    assert 'id="onwil-vastleggen"' in html
    antwoord = client.post(_stap(zaak, "onwil"), {"onwil-reden": "   "})
    assert antwoord.status_code == 400
    antwoord = client.post(_stap(zaak, "onwil"), {"onwil-reden": "Weigert alles, ook met tolk."})
    assert antwoord.status_code == 302
    html = client.get(url).content.decode()
    assert 'id="boete-opleggen"' in html


def test_geen_contact_melding(als, adviseur_weert, gezin_weert):
    zaak = services.open_zaak(
        gezin_weert,
        adviseur_weert,
        {"verzuim": "map", "datum": dt.date(2026, 11, 1), "omschrijving": "x"},
    )
    persoon = gezin_weert.inburgeraar
    persoon.geen_contact = True
    persoon.save()
    antwoord = als(adviseur_weert).post(
        _stap(zaak, "waarschuwing"), {"waarschuwing-datum": "2026-11-02"}
    )
    assert antwoord.status_code == 400
    assert "Koers maakt geen brief" in antwoord.content.decode()
    zaak.refresh_from_db()
    assert zaak.waarschuwing_datum is None


# --- access -------------------------------------------------------------------------------


def test_teamleider_leest_maar_handelt_niet(als, teamleider_weert, adviseur_weert, gezin_weert):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    client = als(teamleider_weert)
    html = client.get(
        reverse("web:casus_tab", args=[gezin_weert.inburgeraar.pk, "handhaving"])
    ).content.decode()
    assert 'id="handhaving"' in html and 'id="duo-boetes-ophalen"' not in html
    pagina = client.get(reverse("handhaving:zaak", args=[gezin_weert.inburgeraar.pk, zaak.pk]))
    assert pagina.status_code == 200
    assert 'id="boete-opleggen"' not in pagina.content.decode()
    brief = zaak.brieven.first()
    assert (
        client.get(
            reverse("handhaving:brief", args=[gezin_weert.inburgeraar.pk, brief.pk])
        ).status_code
        == 200
    )
    assert (
        client.post(
            _stap(zaak, "boete"),
            {"boete-datum": "2026-11-20", "boete-bedrag": "250", "boete-motivering": "x"},
        ).status_code
        == 403
    )
    assert (
        client.post(
            _overzicht(gezin_weert), {"verzuim": "map", "datum": "2026-11-02", "omschrijving": "x"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("handhaving:duo", args=[gezin_weert.inburgeraar.pk, "boetes"])
        ).status_code
        == 403
    )
    assert not Boetebesluit.objects.exists()


@pytest.mark.parametrize("wie", ["beleid", "financien", "adviseur_cranendonck"])
def test_buiten_bereik_niet_gevonden(als, request, adviseur_weert, gezin_weert, wie):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    client = als(request.getfixturevalue(wie))
    pk = gezin_weert.inburgeraar.pk
    brief = zaak.brieven.first()
    for url in (
        _overzicht(gezin_weert),
        reverse("handhaving:zaak", args=[pk, zaak.pk]),
        reverse("handhaving:brief", args=[pk, brief.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(_stap(zaak, "boete"), {}).status_code in (403, 404)


def test_brief_van_andere_zaak_niet_via_andere_persoon(
    als, adviseur_weert, gezin_weert, asiel_weert
):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    brief = zaak.brieven.first()
    url = reverse("handhaving:brief", args=[asiel_weert.inburgeraar.pk, brief.pk])
    assert als(adviseur_weert).get(url).status_code == 404
    url = reverse("handhaving:zaak", args=[asiel_weert.inburgeraar.pk, zaak.pk])
    assert als(adviseur_weert).get(url).status_code == 404


def test_onbekende_stap_en_duo_soort(als, adviseur_weert, gezin_weert):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    client = als(adviseur_weert)
    assert client.post(_stap(zaak, "gevangenis"), {}).status_code == 404
    assert (
        client.post(reverse("handhaving:duo", args=[gezin_weert.inburgeraar.pk, "pip"])).status_code
        == 404
    )


def test_casuspagina_queries_constant(
    als, adviseur_weert, gezin_weert, django_assert_max_num_queries
):
    client = als(adviseur_weert)
    url = reverse("web:casus_tab", args=[gezin_weert.inburgeraar.pk, "handhaving"])
    zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as een:
        client.get(url)
    for _ in range(4):
        zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
        hoor(zaak, adviseur_weert)
        services.besluit_boete(
            zaak, adviseur_weert, {"datum": dt.date(2026, 11, 20), "bedrag": 250, "motivering": "x"}
        )
    with django_assert_max_num_queries(len(een.captured_queries)):
        assert client.get(url).status_code == 200


def test_asiel_beleid_uit_boete_zonder_onwil(als, adviseur_weert, asiel_weert, weert):
    """The gemeente switched its local policy off: the boete form shows without onwil."""
    Handhavingsbeleid.objects.create(gemeente=weert, geen_boete_asielstatushouders=False)
    zaak = zaak_tot_hoorzitting(asiel_weert, adviseur_weert)
    hoor(zaak, adviseur_weert)
    html = (
        als(adviseur_weert)
        .get(reverse("handhaving:zaak", args=[asiel_weert.inburgeraar.pk, zaak.pk]))
        .content.decode()
    )
    assert 'id="boete-opleggen"' in html and 'id="onwil-vastleggen"' not in html


def test_verlengingsgronden_met_route(als, adviseur_weert, gezin_weert):
    html = als(adviseur_weert).get(_overzicht(gezin_weert)).content.decode()
    for tekst in (
        "Ziekte van de inburgeraar",
        "Geboorte van een kind",
        "Niet-vrijstellende opleiding",
        "Ambtshalve verlenging door DUO",
        "artikel 4.1 en 4.2",
    ):
        assert tekst in html
    rij = html.split('id="grond-ambtshalve"')[1].split("</tr>")[0]
    assert "Ambtshalve" in rij and "Op aanvraag" not in rij
    rij = html.split('id="grond-ziekte"')[1].split("</tr>")[0]
    assert "Op aanvraag" in rij
