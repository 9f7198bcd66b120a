"""The pages: begeleiding, duaal, ontzorgen, the overview and the CSV import."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from koers.begeleiding import services
from koers.begeleiding.models import (
    Begeleiding,
    Betaling,
    ChecklistItem,
    DuaalTraject,
    Ontzorgen,
    Voorlichting,
)
from tests.begeleiding.conftest import START, betaling
from tests.factories import InburgeraarFactory, TrajectFactory


def url(naam, traject):
    return reverse(f"begeleiding:{naam}", args=[traject.inburgeraar_id])


# --- begeleiding ------------------------------------------------------------------------


def test_begeleiding_pagina_en_opslaan(als, adviseur_weert, traject_weert):
    client = als(adviseur_weert)
    pagina = client.get(url("begeleiding", traject_weert))
    assert pagina.status_code == 200
    html = pagina.content.decode()
    for anker in (
        'id="begeleidingformulier"',
        'id="checklist-huurcontract"',
        'id="voorlichtingformulier"',
        'id="duaalformulier"',
        'id="intensiteit-voorstel"',
    ):
        assert anker in html
    antwoord = client.post(
        url("begeleiding", traject_weert),
        {
            "vrijwilliger": "Anna",
            "zelfredzaamheid": "2",
            "zelfredzaamheid_datum": "2026-11-01",
            "contacten_per_maand": "4",
        },
    )
    assert antwoord.status_code == 302
    assert Begeleiding.objects.get().zelfredzaamheid == 2
    html = client.get(url("begeleiding", traject_weert)).content.decode()
    assert "Voorstel: 4 contacten per maand" in html


def test_begeleiding_foute_invoer_geeft_nederlandse_fout(als, adviseur_weert, traject_weert):
    antwoord = als(adviseur_weert).post(
        url("begeleiding", traject_weert),
        {
            "zelfredzaamheid": "2",
            "zelfredzaamheid_datum": "2027-01-01",
            "contacten_per_maand": "-3",
        },
    )
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert 'id="foutsamenvatting"' in html
    assert "Contacten per maand" in html and "kleiner zijn dan 0" in html
    assert not Begeleiding.objects.exists()
    antwoord = als(adviseur_weert).post(
        url("begeleiding", traject_weert),
        {"zelfredzaamheid": "2", "zelfredzaamheid_datum": "2027-01-01"},
    )
    assert "in de toekomst" in antwoord.content.decode()
    assert not Begeleiding.objects.exists()


def test_checklist_opslaan_en_fout(als, adviseur_weert, traject_weert):
    client = als(adviseur_weert)
    data = {
        "huurcontract-status": "klaar",
        "huurcontract-datum": "2026-10-02",
        "huurcontract-door": "VluchtelingenWerk",
        "huisarts-status": "bezig",
    }
    antwoord = client.post(url("checklist", traject_weert), data)
    assert antwoord.status_code == 302
    assert ChecklistItem.objects.get(onderwerp="huurcontract").status == "klaar"
    assert ChecklistItem.objects.count() == 2
    antwoord = client.post(url("checklist", traject_weert), {"inkomen-status": "onzin"})
    assert antwoord.status_code == 200
    assert "een van de mogelijkheden" in antwoord.content.decode()
    antwoord = client.post(
        url("checklist", traject_weert), {"huisarts-status": "klaar", "huisarts-datum": ""}
    )
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Vul in wanneer" in html and 'href="#id_huisarts-datum"' in html
    assert ChecklistItem.objects.get(onderwerp="huisarts").status == "bezig"


def test_voorlichting_toevoegen(als, adviseur_weert, traject_weert):
    client = als(adviseur_weert)
    antwoord = client.post(
        url("voorlichting", traject_weert),
        {
            "voorlichting-onderwerp": "zorg",
            "voorlichting-datum": "2026-11-10",
            "voorlichting-door": "GGD",
        },
    )
    assert antwoord.status_code == 302 and Voorlichting.objects.count() == 1
    antwoord = client.post(
        url("voorlichting", traject_weert),
        {"voorlichting-onderwerp": "", "voorlichting-datum": "gisteren"},
    )
    assert antwoord.status_code == 200 and Voorlichting.objects.count() == 1
    assert "geldige datum" in antwoord.content.decode()


def test_duaal_toevoegen_en_wijzigen(als, adviseur_weert, traject_weert):
    client = als(adviseur_weert)
    antwoord = client.post(
        url("duaal", traject_weert),
        {
            "duaal-werkgever": "Bakkerij",
            "duaal-start": "2026-10-01",
            "duaal-uren_per_week": "16",
            "duaal-beschikking_nummer": "PW-1",
        },
    )
    assert antwoord.status_code == 302
    duaal = DuaalTraject.objects.get()
    wijzig = reverse("begeleiding:duaal_wijzigen", args=[traject_weert.inburgeraar_id, duaal.pk])
    assert 'id="duaal-opslaan"' in client.get(wijzig).content.decode()
    antwoord = client.post(
        wijzig,
        {"duaal-werkgever": "Bakkerij", "duaal-start": "2026-10-01", "duaal-uren_per_week": "60"},
    )
    assert antwoord.status_code == 200 and "van 1 tot en met 40" in antwoord.content.decode()
    antwoord = client.post(
        wijzig,
        {
            "duaal-werkgever": "Bakkerij",
            "duaal-start": "2026-10-01",
            "duaal-uren_per_week": "20",
            "duaal-jobcoach": "Ruben",
        },
    )
    assert antwoord.status_code == 302
    duaal.refresh_from_db()
    assert duaal.uren_per_week == 20 and duaal.jobcoach == "Ruben"


def test_duaal_van_een_ander_traject_is_404(als, adviseur_weert, traject_weert, weert):
    ander = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))
    duaal = services.bewaar_duaal(
        ander, adviseur_weert, {"werkgever": "X", "start": dt.date(2026, 10, 1), "uren_per_week": 8}
    )
    wijzig = reverse("begeleiding:duaal_wijzigen", args=[traject_weert.inburgeraar_id, duaal.pk])
    assert als(adviseur_weert).get(wijzig).status_code == 404


# --- ontzorgen --------------------------------------------------------------------------


def test_ontzorgen_starten_via_het_scherm(als, adviseur_weert, traject_weert):
    client = als(adviseur_weert)
    html = client.get(url("ontzorgen", traject_weert)).content.decode()
    assert 'id="ontzorgen-nog-niet"' in html and 'id="ontzorgenformulier"' in html
    antwoord = client.post(
        url("ontzorgen", traject_weert),
        {"start_bijstand": "2026-10-01", "machtiging_posten": ["huur", "zorgverzekering"]},
    )
    assert antwoord.status_code == 302
    ontzorgen = Ontzorgen.objects.get()
    assert ontzorgen.einddatum == dt.date(2027, 3, 31)
    html = client.get(url("ontzorgen", traject_weert)).content.decode()
    assert 'id="machtiging-ontbreekt"' in html and 'id="maand-2026-10"' in html


def test_ontzorgen_foute_datum(als, adviseur_weert, traject_weert):
    antwoord = als(adviseur_weert).post(
        url("ontzorgen", traject_weert), {"start_bijstand": "31-02-2026"}
    )
    assert antwoord.status_code == 200 and "geldige datum" in antwoord.content.decode()
    antwoord = als(adviseur_weert).post(
        url("ontzorgen", traject_weert), {"start_bijstand": "2019-01-01"}
    )
    assert "1 januari 2022" in antwoord.content.decode()
    assert not Ontzorgen.objects.exists()


def test_ontzorgen_niet_voor_gezinsmigrant(als, adviseur_weert, weert):
    traject = TrajectFactory(
        inburgeraar=InburgeraarFactory(gemeente=weert, doelgroep="Gezinsvormer"),
        adviseur=adviseur_weert,
    )
    html = als(adviseur_weert).get(url("ontzorgen", traject)).content.decode()
    assert 'id="ontzorgen-niet-mogelijk"' in html and 'id="ontzorgenformulier"' not in html


def test_betaling_met_de_hand(als, uitkering_weert, ontzorgen_weert):
    client = als(uitkering_weert)
    traject = ontzorgen_weert.traject
    antwoord = client.post(
        url("betaling", traject),
        {
            "betaling-maand": "2026-10-01",
            "betaling-post": "huur",
            "betaling-bedrag": "612,50",
            "betaling-betaald_op": "2026-10-01",
            "betaling-begunstigde": "Wonen Weert",
        },
    )
    assert antwoord.status_code == 302
    assert str(Betaling.objects.get().bedrag) == "612.50"
    html = client.get(url("ontzorgen", traject)).content.decode()
    assert "612,50" in html or "612.50" in html
    antwoord = client.post(
        url("betaling", traject),
        {
            "betaling-maand": "2026-10-01",
            "betaling-post": "energie_water",
            "betaling-bedrag": "14500",
            "betaling-betaald_op": "2026-10-01",
            "betaling-begunstigde": "Energie",
        },
    )
    assert antwoord.status_code == 200 and "te hoog" in antwoord.content.decode()
    antwoord = client.post(
        url("betaling", traject),
        {
            "betaling-maand": "2027-06-01",
            "betaling-post": "energie_water",
            "betaling-bedrag": "abc",
            "betaling-betaald_op": "2026-10-01",
            "betaling-begunstigde": "Energie",
        },
    )
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Kies bij &#x27;Maand&#x27;" in html and "bijvoorbeeld 612,50" in html
    assert Betaling.objects.count() == 1


# --- overzicht en CSV-import -------------------------------------------------------------


def csv_bestand(tekst, naam="betalingen.csv"):
    return SimpleUploadedFile(naam, tekst.encode("utf-8"), content_type="text/csv")


def test_overzicht_toont_lopende_regelingen(
    als, uitkering_weert, ontzorgen_weert, ontzorgen_cranendonck
):
    html = als(uitkering_weert).get(reverse("begeleiding:overzicht")).content.decode()
    assert f'id="ontzorgen-{ontzorgen_weert.pk}"' in html
    assert f'id="ontzorgen-{ontzorgen_cranendonck.pk}"' not in html
    assert 'id="menu-ontzorgen"' in html and 'id="importformulier"' in html
    assert "31-03-2027" in html


def test_voorbeeld_csv_downloaden(als, uitkering_weert):
    antwoord = als(uitkering_weert).get(reverse("begeleiding:voorbeeld"))
    assert antwoord.status_code == 200 and antwoord["Content-Type"].startswith("text/csv")
    assert antwoord.content.decode().startswith(";".join(services.CSV_KOLOMMEN))


def test_import_goed_bestand(als, uitkering_weert, ontzorgen_weert):
    bsn = ontzorgen_weert.traject.inburgeraar.bsn
    tekst = (
        "bsn;maand;post;bedrag;betaald_op;begunstigde\n"
        f"{bsn};2026-10;huur;612,50;2026-10-01;Wonen Weert\n"
        f"{bsn};10-2026;energie_water;145,00;01-10-2026;Energie Zuid\n"
        f"{bsn};2026-10;zorgverzekering;138.20;2026-10-01;Zorg Limburg\n"
        "\n"
    )
    antwoord = als(uitkering_weert).post(
        reverse("begeleiding:import"), {"bestand": csv_bestand(tekst)}
    )
    assert antwoord.status_code == 302
    assert Betaling.objects.filter(bron="csv").count() == 3
    assert ontzorgen_weert.maanden.get(maand=START).compleet
    assert ontzorgen_weert.traject.gebeurtenissen.filter(
        omschrijving="3 betalingen geregistreerd (CSV-import)"
    ).exists()


def test_import_met_foute_regels_importeert_niets(
    als, uitkering_weert, ontzorgen_weert, ontzorgen_cranendonck
):
    bsn = ontzorgen_weert.traject.inburgeraar.bsn
    ander = ontzorgen_cranendonck.traject.inburgeraar.bsn
    tekst = (
        "bsn;maand;post;bedrag;betaald_op;begunstigde\n"
        f"{bsn};2026-10;huur;612,50;2026-10-01;Wonen Weert\n"
        f"{bsn};2026-10;huur;612,50;2026-10-01;Wonen Weert\n"
        f"{bsn};2026-13;gas;-5;morgen;\n"
        f"{ander};2026-10;huur;612,50;2026-10-01;Wonen Budel\n"
        f"{bsn};2026-11;zorgverzekering;13820;2026-11-01;Zorg\n"
        f"{bsn};2026-11\n"
    )
    antwoord = als(uitkering_weert).post(
        reverse("begeleiding:import"), {"bestand": csv_bestand(tekst)}
    )
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Er is niets geïmporteerd" in html
    assert "Regel 3: Post: De huur van 10-2026 staat al in het register." in html
    assert "Regel 4:" in html and "Schrijf de maand als" in html and "Kies huur" in html
    assert "Schrijf de datum als" in html and "Vul in aan wie" in html
    assert "Regel 5: bij BSN" in html  # other gemeente: not in reach
    assert "Regel 6:" in html and "te hoog" in html
    assert "Regel 7: er staan 2 kolommen in" in html
    assert "Regel 2" not in html
    assert not Betaling.objects.exists()


@pytest.mark.parametrize(
    ("inhoud", "fout"),
    [
        (b"naam,bedrag\nx,1\n", "De eerste regel moet precies"),
        ("bsn;maand;post;bedrag;betaald_op;begunstigde\n".encode("utf-16"), "UTF-8"),
        (b"bsn;maand;post;bedrag;betaald_op;begunstigde\n", "geen betalingen"),
        (b"\x00\x01\x02", "geen CSV"),
        (
            b"bsn;maand;post;bedrag;betaald_op;begunstigde\n" + b"1;2;3;4;5;6\n" * 100_000,
            "te groot",
        ),
    ],
)
def test_import_onleesbaar_bestand(als, uitkering_weert, ontzorgen_weert, inhoud, fout):
    antwoord = als(uitkering_weert).post(
        reverse("begeleiding:import"),
        {"bestand": SimpleUploadedFile("x.csv", inhoud, content_type="text/csv")},
    )
    assert antwoord.status_code == 200 and fout in antwoord.content.decode()
    assert not Betaling.objects.exists()


def test_import_zonder_bestand(als, uitkering_weert):
    antwoord = als(uitkering_weert).post(reverse("begeleiding:import"), {})
    assert antwoord.status_code == 200 and "Kies een CSV-bestand" in antwoord.content.decode()


def test_import_mag_teamleider_niet(als, teamleider_weert):
    antwoord = als(teamleider_weert).post(reverse("begeleiding:import"), {})
    assert antwoord.status_code == 404


# --- de zaakpagina ----------------------------------------------------------------------


def test_zaakpagina_toont_begeleiding_en_ontzorgen(als, adviseur_weert, ontzorgen_weert):
    traject = ontzorgen_weert.traject
    services.registreer_betalingen(ontzorgen_weert, adviseur_weert, [betaling()])
    html = (
        als(adviseur_weert)
        .get(reverse("web:casus_tab", args=[traject.inburgeraar_id, "begeleiding"]))
        .content.decode()
    )
    assert 'id="begeleiding"' in html and 'id="naar-begeleiding"' in html
    assert 'id="ontzorgen"' in html and 'id="casus-ontzorgen-periode"' in html
    assert "oktober 2026" in html  # energie en zorg of October are missing


def test_zaakpagina_teamleider_ziet_geen_ontzorgen(als, teamleider_weert, ontzorgen_weert):
    html = (
        als(teamleider_weert)
        .get(reverse("web:casus_tab", args=[ontzorgen_weert.traject.inburgeraar_id, "begeleiding"]))
        .content.decode()
    )
    assert 'id="begeleiding"' in html
    assert 'id="ontzorgen"' not in html and 'id="naar-begeleiding"' not in html


def test_lijst_queries_constant(
    als, uitkering_weert, weert, adviseur_weert, django_assert_max_num_queries
):
    client = als(uitkering_weert)

    def maak():
        traject = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))
        services.bewaar_ontzorgen(traject, adviseur_weert, {"start_bijstand": START})

    maak()
    client.get(reverse("begeleiding:overzicht"))  # warm up session and caches
    with django_assert_max_num_queries(12) as een:
        assert client.get(reverse("begeleiding:overzicht")).status_code == 200
    for _ in range(6):
        maak()
    with django_assert_max_num_queries(len(een.captured_queries)) as veel:
        html = client.get(reverse("begeleiding:overzicht")).content.decode()
    assert html.count('<tr class="utrecht-table__row" id="ontzorgen-') == 7
    assert len(veel.captured_queries) == len(een.captured_queries)


def test_signaal_voor_het_einde_op_scherm_en_overzicht(
    als, adviseur_weert, ontzorgen_weert, time_machine
):
    client = als(adviseur_weert)
    pagina = url("ontzorgen", ontzorgen_weert.traject)
    assert 'id="ontzorgen-einde-signaal"' not in client.get(pagina).content.decode()
    time_machine.move_to(dt.datetime(2027, 3, 10, 10, tzinfo=dt.UTC), tick=False)
    client = als(adviseur_weert)  # the session expired meanwhile
    assert 'id="ontzorgen-einde-signaal"' in client.get(pagina).content.decode()
    html = client.get(reverse("begeleiding:overzicht")).content.decode()
    assert "(binnen 4 weken)" in html
    time_machine.move_to(dt.datetime(2027, 4, 10, 10, tzinfo=dt.UTC), tick=False)
    client = als(adviseur_weert)
    assert 'id="geen-ontzorgen"' in client.get(reverse("begeleiding:overzicht")).content.decode()
    html = client.get(reverse("begeleiding:overzicht") + "?alle=1").content.decode()
    assert f'id="ontzorgen-{ontzorgen_weert.pk}"' in html and "afgelopen" in html


def test_betalen_kan_ook_na_afronden_van_het_traject(als, uitkering_weert, ontzorgen_weert):
    traject = ontzorgen_weert.traject
    traject.status = "afgerond"
    traject.save()
    client = als(uitkering_weert)
    html = client.get(url("ontzorgen", traject)).content.decode()
    assert 'id="betalingformulier"' in html and 'id="ontzorgenformulier"' not in html
    antwoord = client.post(
        url("betaling", traject),
        {
            "betaling-maand": "2026-10-01",
            "betaling-post": "huur",
            "betaling-bedrag": "612,50",
            "betaling-betaald_op": "2026-10-01",
            "betaling-begunstigde": "Wonen Weert",
        },
    )
    assert antwoord.status_code == 302 and Betaling.objects.count() == 1


def test_score_uit_de_brede_intake(als, adviseur_weert, traject_weert):
    from tests.web.conftest import volledige_intake

    volledige_intake(traject_weert, adviseur_weert)  # zelfredzaamheid: 4, redt zich zelf
    html = als(adviseur_weert).get(url("begeleiding", traject_weert)).content.decode()
    assert "De score komt uit de brede intake." in html
    assert "Voorstel: 1 contact per maand." in html and "bouw de begeleiding af" in html


def test_begeleidingspagina_queries_constant(
    als, adviseur_weert, traject_weert, django_assert_max_num_queries
):
    client = als(adviseur_weert)
    client.get(url("begeleiding", traject_weert))
    with django_assert_max_num_queries(30) as een:
        client.get(url("begeleiding", traject_weert))
    for i in range(5):
        services.bewaar_duaal(
            traject_weert,
            adviseur_weert,
            {"werkgever": f"B{i}", "start": dt.date(2026, 10, 1), "uren_per_week": 8},
        )
        services.voeg_voorlichting_toe(
            traject_weert, adviseur_weert, {"onderwerp": "zorg", "datum": dt.date(2026, 11, 1)}
        )
    with django_assert_max_num_queries(len(een.captured_queries)):
        html = client.get(url("begeleiding", traject_weert)).content.decode()
    assert html.count('-wijzigen"') == 5


def test_bijstand_invullen_op_de_pagina_ontzorgen(als, adviseur_weert, traject_weert):
    from koers.begeleiding.models import Bijstand

    client = als(adviseur_weert)
    html = client.get(url("ontzorgen", traject_weert)).content.decode()
    assert 'id="bijstandformulier"' in html and "Er is geen bijstand vastgelegd." in html
    antwoord = client.post(url("bijstand", traject_weert), {"bijstand-start": "2026-10-01"})
    assert antwoord.status_code == 302
    assert Bijstand.objects.get(traject=traject_weert).start == dt.date(2026, 10, 1)
    html = client.get(url("ontzorgen", traject_weert)).content.decode()
    assert 'id="ontzorgen-verplicht"' in html
    # The ontzorgen form starts from the recorded bijstand.
    assert 'value="2026-10-01"' in html.split('id="ontzorgenformulier"')[1]


def test_bijstand_met_einde_voor_start_toont_de_fout(als, adviseur_weert, traject_weert):
    from koers.begeleiding.models import Bijstand

    antwoord = als(adviseur_weert).post(
        url("bijstand", traject_weert),
        {"bijstand-start": "2026-10-01", "bijstand-einde": "2026-09-01"},
    )
    assert antwoord.status_code == 200
    assert "De bijstand kan niet stoppen voor hij begint." in antwoord.content.decode()
    assert not Bijstand.objects.exists()


def test_gezinslid_met_reguliere_vergunning_hoort_waarom(als, adviseur_weert, weert):
    traject = TrajectFactory(
        inburgeraar=InburgeraarFactory(
            gemeente=weert, doelgroep="Gezinsvormer met Asielstatushouder"
        ),
        adviseur=adviseur_weert,
    )
    html = als(adviseur_weert).get(url("ontzorgen", traject)).content.decode()
    assert 'id="ontzorgen-niet-mogelijk"' in html and "reguliere verblijfsvergunning" in html
