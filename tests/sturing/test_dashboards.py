"""The dashboard pages and exports: figures, small-cell suppression, access, drill-down and a
constant number of queries."""

import datetime as dt
import html as html_lib
import io
import re
import zipfile
from xml.etree import ElementTree

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from koers.sturing import cijfers, dashboards, kubus
from koers.sturing import taken as sturing_taken
from koers.sturing.models import Kengetal, Verversing
from koers.sturing.rules import Periode
from koers.sturing.weergave import Telling, tellingen_tabel, verschil
from tests.sturing.conftest import VANDAAG, gesprek, maak

H1 = {"periode": "2026-1"}
JAAR = {"periode": "2026"}


def tabel(html: str, id: str) -> dict[str, list[str]]:
    """The rows of a table on the page: {row label: [cell texts]}."""
    blok = re.search(rf'<table[^>]*id="tabel-{id}".*?</table>', html, re.S).group(0)
    rijen = {}
    for rij in re.findall(r"<tr[^>]*>(.*?)</tr>", blok, re.S)[1:]:
        cellen = [
            html_lib.unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", rij, re.S)
        ]
        rijen[re.sub(r"\s+", " ", cellen[0])] = [
            re.sub(r" — bekijk de zaken", "", c) for c in cellen[1:]
        ]
    return rijen


def namen(gegevens) -> list[str]:
    return [gegevens[w].inburgeraar.geslachtsnaam for w in ("w1", "w2", "w3", "w4", "w5")] + [
        gegevens[w].inburgeraar.bsn for w in ("w1", "w2", "w3", "w4", "w5")
    ]


# --- figures ---------------------------------------------------------------------------------


def test_teamleider_sees_exact_figures_of_his_gemeente(als, teamleider_weert, gegevens):
    html = als(teamleider_weert).get("/sturing/", H1).content.decode()
    assert tabel(html, "doelgroep") == {
        "Asielstatushouders": ["3"],
        "Gezins- en overige migranten": ["2"],
        "Totaal": ["5"],
        "Waarvan Turkse nieuwkomers": ["1"],
    }
    assert tabel(html, "status")["Afgerond"] == ["1"]
    assert tabel(html, "leerroute") == {
        "B1-route": ["1"],
        "Onderwijsroute": ["0"],
        "Zelfredzaamheidsroute": ["1"],
        "Nog geen PIP vastgesteld": ["3"],
        "Totaal": ["5"],
    }
    assert tabel(html, "b1") == {
        "Inburgeraars met een PIP in de B1-route": ["50,0%"],
        "Verwachting van het ministerie van SZW": ["60,0%"],
    }
    # 39 → prognosis 20 per half year; housed: 2 in the 1st half, 1 in the 2nd.
    assert tabel(html, "taakstelling") == {
        "1e helft 2026": ["39", "20", "2"],
        "2e helft 2026": ["39", "20", "1"],
        "Heel 2026": ["78", "40", "3"],
    }
    assert 'role="img"' in html and 'aria-labelledby="doelgroep-grafiek-titel' in html


def test_procesindicatoren_of_weert(als, teamleider_weert, gegevens):
    html = als(teamleider_weert).get("/sturing/procesindicatoren/", JAAR).content.decode()
    rijen = tabel(html, "indicatoren")
    # The cohort of 2026 is the same five as the 1st half: 1 on time of 3 judged.
    assert rijen["PIP op tijd vastgesteld, binnen 10 weken"] == ["33,3%", "3"]
    assert rijen["Voortgangsgesprekken op tijd gehouden"] == ["50,0%", "4"]
    assert rijen["Z-route: uren op schema (vandaag)"] == ["0,0%", "1"]
    # (20 + 10 + 10) / 3 and (40 + 92) / 2 days.
    assert tabel(html, "doorlooptijden") == {
        "Brede intake": ["13,3", "3"],
        "PIP vastgesteld": ["66,0", "2"],
    }
    assert tabel(html, "afronding")["Vertrokken uit Nederland"] == ["1"]
    assert tabel(html, "examens")["Lezen"] == ["1", "1", "0", "2"]
    assert tabel(html, "examens")["Kennis van de Nederlandse Maatschappij"] == ["1", "0", "0", "1"]
    # Health and finances are special-category data the teamleider does not read in a case:
    # suppressed for him, exact for the adviseur.
    assert tabel(html, "gezondheid")["Extra taalondersteuning"] == ["–", "<5"]
    assert rijen["Ontzorgen beëindigd en cursus geldzaken afgerond"] == ["–", "<5"]


def test_adviseur_sees_exact_health_and_ontzorgen_figures(als, adviseur_weert, gegevens):
    html = als(adviseur_weert).get("/sturing/procesindicatoren/", JAAR).content.decode()
    gezondheid = tabel(html, "gezondheid")
    # taal: (+12 − 1) / 7 dimension scores = 1.57; gezondheid: −1 / 1.
    assert gezondheid["Extra taalondersteuning"] == ["1,6", "2"]
    assert gezondheid["Zorg: huisarts, GGZ of AMW"] == ["-1,0", "1"]
    assert gezondheid["Werk of participatie (Werk.Kom)"] == ["–", "0"]
    assert tabel(html, "indicatoren")["Ontzorgen beëindigd en cursus geldzaken afgerond"] == [
        "50,0%",
        "2",
    ]


# --- suppression -----------------------------------------------------------------------------


def test_beleid_sees_small_counts_as_less_than_five(als, beleid, gegevens):
    html = als(beleid).get("/sturing/", H1).content.decode()
    # 3 and 2 are small; the total of 5 may be shown.
    assert tabel(html, "doelgroep") == {
        "Asielstatushouders": ["<5"],
        "Gezins- en overige migranten": ["<5"],
        "Totaal": ["5"],
        "Waarvan Turkse nieuwkomers": ["<5"],
    }
    # Zero stays visible; ones are hidden.
    assert tabel(html, "leerroute")["Onderwijsroute"] == ["0"]
    assert tabel(html, "leerroute")["B1-route"] == ["<5"]
    # A share over 2 PIPs is not shown; the expectation of SZW is.
    assert tabel(html, "b1")["Inburgeraars met een PIP in de B1-route"] == ["–"]
    # Taakstelling and prognosis are public figures; housed persons are counts.
    assert tabel(html, "taakstelling")["1e helft 2026"] == ["39", "20", "<5"]
    assert 'id="uitleg-onderdrukt"' in html


def test_beleid_sees_no_averages_over_small_groups(als, beleid, gegevens):
    html = als(beleid).get("/sturing/procesindicatoren/", JAAR).content.decode()
    rijen = tabel(html, "indicatoren")
    assert rijen["PIP op tijd vastgesteld, binnen 10 weken"] == ["–", "<5"]
    assert tabel(html, "doorlooptijden")["Brede intake"] == ["–", "<5"]
    assert tabel(html, "gezondheid")["Extra taalondersteuning"] == ["–", "<5"]


def test_a_small_part_cannot_be_computed_back_from_the_total(als, beleid, gegevens):
    # Ten more asielstatushouders: asiel 13, gezin 2, total 15. The 2 is hidden ("<5"), so
    # is 13 (secondary): as "–", since "<5" would be untrue for it.
    for i in range(10):
        maak(gegevens["weert"], aangemeld="2026-03-03", naam=f"Extra{i}")
    html = als(beleid).get("/sturing/", H1).content.decode()
    assert tabel(html, "doelgroep") == {
        "Asielstatushouders": ["–"],
        "Gezins- en overige migranten": ["<5"],
        "Totaal": ["15"],
        "Waarvan Turkse nieuwkomers": ["<5"],
    }


def test_a_doelgroep_filter_cannot_reveal_the_other_doelgroep(als, beleid, gegevens):
    """Asiel 13 of 15 unfiltered hides both parts; the filter "asiel" would show 13 as its
    total, and 15 − 13 would give the two gezinsmigranten: the filtered total is hidden."""
    for i in range(10):
        maak(gegevens["weert"], aangemeld="2026-03-03", naam=f"Extra{i}")
    client = als(beleid)
    html = client.get("/sturing/", {**H1, "doelgroep": "asiel"}).content.decode()
    assert tabel(html, "doelgroep") == {"Totaal": ["–"], "Waarvan Turkse nieuwkomers": ["0"]}
    # The same total in the other tables of the page is hidden too, and so is a part of it.
    assert tabel(html, "status")["Totaal"] == ["–"]
    # 10 aangemeld of the 11 in all doelgroepen: the 10 would show the one other.
    assert tabel(html, "status")["Aangemeld"] == ["–"]
    assert tabel(html, "leerroute")["Totaal"] == ["–"]
    # Unfiltered, the total is shown.
    html = client.get("/sturing/", H1).content.decode()
    assert tabel(html, "doelgroep")["Totaal"] == ["15"]


def test_nederweerts_two_turkse_nieuwkomers_cannot_be_told_from_the_aggregate():
    """Weert 23 beside a subregio of 25 would reveal Nederweert's 2: the aggregate hides it."""
    scope = {"asiel": 60, "gezin": 25, "totaal": 85, "turks": 25}
    eigen = {"asiel": 60, "gezin": 23, "totaal": 83, "turks": 23}
    t = tellingen_tabel(
        "doelgroep",
        "Doelgroep",
        "Aantal",
        Telling(scope, [verschil(scope, eigen)], True),
        [("asiel", "Asiel"), ("gezin", "Gezin")],
        totaal=("totaal", "Totaal"),
        waarvan=[("turks", "Turks")],
    )
    # Gezin, total and Turks differ by 2 from Weert's own figures; asiel (60 = 60) may show,
    # as two hidden cells in the column protect each other. Each is 5 or more: "–".
    assert [(r.label, r.cellen[0].tekst) for r in t.rijen] == [
        ("Asiel", "60"),
        ("Gezin", "–"),
        ("Totaal", "–"),
        ("Turks", "–"),
    ]
    # Without a small difference everything is shown.
    t = tellingen_tabel(
        "doelgroep",
        "Doelgroep",
        "Aantal",
        Telling(
            scope, [verschil(scope, {"asiel": 30, "gezin": 10, "totaal": 40, "turks": 9})], True
        ),
        [("asiel", "Asiel"), ("gezin", "Gezin")],
        totaal=("totaal", "Totaal"),
        waarvan=[("turks", "Turks")],
    )
    assert [c.cellen[0].tekst for c in t.rijen] == ["60", "25", "85", "25"]


def test_a_teamleider_gets_suppression_on_figures_of_other_gemeenten(
    als, teamleider_weert, gegevens
):
    html = als(teamleider_weert).get("/sturing/", {**H1, "schaal": "subregio"}).content.decode()
    # Weert 1 + Nederweert 2 Turkse nieuwkomers: 3.
    assert tabel(html, "doelgroep")["Waarvan Turkse nieuwkomers"] == ["<5"]
    assert "Subregio Weert, Nederweert en Cranendonck" in html


def test_arbeidsmarktregio_adds_the_gemeenten_together(als, teamleider_weert, gegevens):
    html = (
        als(teamleider_weert)
        .get("/sturing/", {**H1, "schaal": "arbeidsmarktregio"})
        .content.decode()
    )
    # Weert 3 + Roermond 6 asiel = 9; total 5 + 2 + 6 = 13; gezin 2 + 2 = 4 (hidden), so
    # the 9 is hidden as well (secondary).
    assert tabel(html, "doelgroep")["Totaal"] == ["13"]
    assert tabel(html, "doelgroep")["Gezins- en overige migranten"] == ["<5"]
    assert tabel(html, "doelgroep")["Asielstatushouders"] == ["–"]


# --- exports ---------------------------------------------------------------------------------


def test_csv_export_has_the_same_suppression_and_no_names(als, beleid, gegevens):
    response = als(beleid).get("/sturing/aantallen.csv", H1)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    tekst = response.content.decode("utf-8-sig")
    assert "Asielstatushouders;<5" in tekst
    assert "Totaal;5" in tekst
    for naam in namen(gegevens):
        assert naam not in tekst


def _xlsx_bladen(inhoud: bytes) -> dict[str, list[list[str]]]:
    """The text of every filled cell per sheet, after checking the package parts parse."""
    import openpyxl

    z = zipfile.ZipFile(io.BytesIO(inhoud))
    assert z.testzip() is None
    for deel in (
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
    ):
        ElementTree.fromstring(z.read(deel))  # noqa: S314 (our own export)
    werkboek = openpyxl.load_workbook(io.BytesIO(inhoud))
    return {
        blad.title: [
            [str(w) for w in rij if w is not None] for rij in blad.iter_rows(values_only=True)
        ]
        for blad in werkboek.worksheets
    }


def test_xlsx_export_is_a_valid_workbook_with_suppression(als, beleid, gegevens):
    response = als(beleid).get("/sturing/aantallen.xlsx", H1)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    bladen = _xlsx_bladen(response.content)
    assert ["Asielstatushouders", "<5"] in bladen["Inburgeraars per doelgroep"]
    assert ["Totaal", "5"] in bladen["Inburgeraars per doelgroep"]
    alles = str(bladen)
    for naam in namen(gegevens):
        assert naam not in alles


def test_xlsx_opens_in_a_spreadsheet_library(als, beleid, gegevens):
    """openpyxl reads the workbook as Excel would."""
    import openpyxl

    response = als(beleid).get("/sturing/procesindicatoren.xlsx", JAAR)
    werkboek = openpyxl.load_workbook(io.BytesIO(response.content))
    assert werkboek.sheetnames[0] == "Toelichting"
    assert "Doorlooptijden" in werkboek.sheetnames
    cellen = [c.value for rij in werkboek["Doorlooptijden"].iter_rows() for c in rij]
    assert any(isinstance(c, str) and c for c in cellen)


def test_export_of_teamleider_has_numbers_and_no_links(als, teamleider_weert, gegevens):
    tekst = (
        als(teamleider_weert)
        .get("/sturing/procesindicatoren.csv", JAAR)
        .content.decode("utf-8-sig")
    )
    assert "PIP vastgesteld;66,0;2" in tekst
    assert "/?" not in tekst


def test_unknown_export_format_is_not_found(als, beleid, gegevens):
    assert als(beleid).get("/sturing/aantallen.pdf").status_code == 404


# --- access ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pad",
    [
        "/sturing/",
        "/sturing/procesindicatoren/",
        "/sturing/aantallen.csv",
        "/sturing/procesindicatoren.xlsx",
    ],
)
def test_beleid_sees_no_names_anywhere(als, beleid, gegevens, pad):
    response = als(beleid).get(pad, JAAR)
    assert response.status_code == 200
    inhoud = response.content
    if pad.endswith(".xlsx"):
        inhoud = str(_xlsx_bladen(inhoud)).encode()
    for naam in namen(gegevens):
        assert naam.encode() not in inhoud


def test_adviseur_of_another_gemeente_sees_no_figures_of_weert(als, adviseur_cranendonck, gegevens):
    client = als(adviseur_cranendonck)
    # Whatever he asks, "his gemeente" is Cranendonck, and Weert is no choice.
    for params in ({**H1}, {**H1, "schaal": "weert"}, {**H1, "gemeente": gegevens["weert"].pk}):
        html = client.get("/sturing/", params).content.decode()
        assert "Aantallen: Cranendonck" in html
        assert tabel(html, "doelgroep")["Totaal"] == ["0"]
        assert '<option value="weert"' not in html and ">Weert<" not in html
    tekst = client.get("/sturing/aantallen.csv", {**H1, "schaal": "weert"}).content.decode()
    assert "Cranendonck" in tekst and "Totaal;0" in tekst


@pytest.mark.parametrize("wie", ["beheerder"])
def test_roles_without_steering_task_get_403(als, request, wie, gegevens):
    client = als(request.getfixturevalue(wie))
    assert client.get("/sturing/").status_code == 403
    assert client.get("/sturing/aantallen.csv").status_code == 403


def test_anonymous_is_sent_to_login(client, gegevens):
    assert client.get("/sturing/").status_code == 302


def test_drill_down_links_only_for_case_roles(als, teamleider_weert, beleid, financien, gegevens):
    html = als(teamleider_weert).get("/sturing/", H1).content.decode()
    weert = gegevens["weert"].pk
    assert f'href="/?gemeente={weert}&amp;alle=on&amp;status=afgerond"' in html
    assert "doelgroep=Asielstatushouder" in html
    # Not on a scope with other gemeenten (their cases are out of reach).
    html = als(teamleider_weert).get("/sturing/", {**H1, "schaal": "subregio"}).content.decode()
    assert 'href="/?' not in html
    for wie in (beleid, financien):
        html = als(wie).get("/sturing/", H1).content.decode()
        assert 'href="/?' not in html


def test_menu_item_for_steering_roles(als, beleid, financien, teamleider_weert, gegevens):
    for wie in (beleid, financien, teamleider_weert):
        html = als(wie).get("/sturing/").content.decode()
        assert 'id="menu-sturing"' in html


# --- speed ---------------------------------------------------------------------------------


def _meer_trajecten(gegevens, aantal=15):
    for i in range(aantal):
        t = maak(
            gegevens["weert"],
            aangemeld="2026-04-04",
            klok="2026-04-04",
            intake="2026-04-20",
            pip="2026-05-20",
            naam=f"Meer{i}",
            doelgroep="Gezinsvormer" if i % 2 else "Asielstatushouder",
            turks=i % 3 == 0,
        )
        gesprek(
            t,
            gepland="2026-06-01",
            gehouden="2026-06-01",
            scores={"zingeving": 3},
            interventies=["taal", "werk"],
        )
        gesprek(t, gehouden="2026-07-01", scores={"zingeving": 6})


@pytest.mark.parametrize(
    "pad", ["/sturing/", "/sturing/procesindicatoren/", "/sturing/aantallen.xlsx"]
)
@pytest.mark.parametrize("wie", ["beleid", "teamleider_weert"])
@pytest.mark.parametrize("doelgroep", ["", "asiel"])
def test_a_page_reads_the_summary_table_in_a_few_queries(
    als, request, settings, gegevens, pad, wie, doelgroep
):
    settings.KOERS_STURING_VERVERSEN_MINUTEN = 15
    client = als(request.getfixturevalue(wie))
    params = {**JAAR, "schaal": "arbeidsmarktregio", "doelgroep": doelgroep}
    kubus.ververs()
    client.get(pad, params)  # warm-up: session, caches
    with CaptureQueriesContext(connection) as weinig:
        client.get(pad, params)
    _meer_trajecten(gegevens)
    kubus.ververs()
    with CaptureQueriesContext(connection) as veel:
        response = client.get(pad, params)
    assert response.status_code == 200
    assert len(veel.captured_queries) == len(weinig.captured_queries)
    # Session, user, second factor, gemeenten of the region, policy, freshness, kengetallen
    # and (aantallen only) the taakstelling.
    assert len(weinig.captured_queries) <= 10
    assert not any("inburgeraars_traject" in q["sql"] for q in veel.captured_queries)


def test_computing_the_summary_table_takes_a_fixed_number_of_queries(gegevens):
    kubus.ververs()  # the first time creates the state row
    with CaptureQueriesContext(connection) as weinig:
        kubus.ververs()
    _meer_trajecten(gegevens, aantal=30)
    with CaptureQueriesContext(connection) as veel:
        kubus.ververs()
    assert len(veel.captured_queries) == len(weinig.captured_queries) <= 25


def test_the_worker_computes_stale_figures_and_a_page_does_not_wait_for_it(
    als, settings, teamleider_weert, gegevens
):
    settings.KOERS_STURING_VERVERSEN_MINUTEN = 15
    client = als(teamleider_weert)
    # No figures yet: the first page computes them.
    assert tabel(client.get("/sturing/", H1).content.decode(), "doelgroep")["Totaal"] == ["5"]
    maak(gegevens["weert"], aangemeld="2026-03-03", naam="Nieuw")
    assert tabel(client.get("/sturing/", H1).content.decode(), "doelgroep")["Totaal"] == ["5"]
    with time_machine.travel("2026-11-29 10:16 +01:00", tick=False):
        # Stale, but a page does not compute: it shows what there is …
        assert tabel(client.get("/sturing/", H1).content.decode(), "doelgroep")["Totaal"] == ["5"]
        # … and the worker's round computes them again.
        sturing_taken.ververs()
        html = client.get("/sturing/", H1).content.decode()
    assert tabel(html, "doelgroep")["Totaal"] == ["6"]
    assert "Cijfers berekend op 29 november 2026, 10:16" in html


def test_without_a_worker_a_page_computes_figures_twice_too_old(
    als, settings, teamleider_weert, gegevens
):
    settings.KOERS_STURING_VERVERSEN_MINUTEN = 10
    client = als(teamleider_weert)
    client.get("/sturing/", H1)
    maak(gegevens["weert"], aangemeld="2026-03-03", naam="Nieuw")
    with time_machine.travel("2026-11-29 10:21 +01:00", tick=False):
        html = client.get("/sturing/", H1).content.decode()
    assert tabel(html, "doelgroep")["Totaal"] == ["6"]


def test_a_claimed_computation_is_not_done_twice(settings, gegevens):
    settings.KOERS_STURING_VERVERSEN_MINUTEN = 15
    eerste = kubus.ververs()
    Verversing.objects.filter(pk=1).update(
        berekend_op=eerste.berekend_op - dt.timedelta(hours=1),
        bezig_tot=timezone.now() + dt.timedelta(minutes=5),
    )
    # Someone else is computing: this request reads the figures there are.
    verversing = kubus.actueel(VANDAAG)
    assert verversing.berekend_op == eerste.berekend_op - dt.timedelta(hours=1)
    assert Kengetal.objects.filter(bron="aantallen").exists()


def test_the_command_computes_the_summary_table(gegevens):
    uit = io.StringIO()
    call_command("sturing-bijwerken", stdout=uit)
    assert "peildatum 2026-11-29" in uit.getvalue()
    verversing = Verversing.objects.get(pk=1)
    assert verversing.peildatum == VANDAAG and verversing.bezig_tot is None
    weert = Kengetal.objects.filter(bron="aantallen", gemeente=gegevens["weert"], jaar=2026)
    assert sum(k.waarden.get("totaal", 0) for k in weert) == 5


def test_summary_table_holds_the_same_figures_as_the_cases(gegevens):
    kubus.ververs()
    ids = [gegevens[g].pk for g in ("weert", "nederweert", "cranendonck", "roermond")]
    rijen = kubus.lees(ids, 2026)
    assert len(cijfers.BRONNEN) == 8  # every source of the dashboards is compared
    for bron in cijfers.BRONNEN:
        for periode in (Periode(2026), Periode(2026, 1), Periode(2026, 2)):
            for doelgroep in (None, "asiel", "gezin", "turks"):
                direct = cijfers.bereken(bron, ids, periode, doelgroep, VANDAAG)
                uit_tabel = cijfers.per_gemeente(rijen[bron], doelgroep, periode)
                nul_weg = {g: {k: v for k, v in c.items() if v} for g, c in direct.items()}
                assert {g: c for g, c in nul_weg.items() if c} == {
                    g: c for g, c in uit_tabel.items() if c
                }, (bron, periode, doelgroep)


# --- taakstelling ----------------------------------------------------------------------------


def test_beleid_enters_the_taakstelling(als, beleid, gegevens):
    client = als(beleid)
    assert client.get("/sturing/taakstelling/").status_code == 200
    response = client.post(
        "/sturing/taakstelling/",
        {"jaar": "2027", "halfjaar": "1", "aantal": "41", "is_schatting": "on"},
    )
    assert response.status_code == 302
    taak = gegevens["weert"].taakstellingen.get(jaar=2027, halfjaar=1)
    assert (taak.aantal, taak.is_schatting) == (41, True)
    # Changing it again updates the same half year.
    client.post("/sturing/taakstelling/", {"jaar": "2027", "halfjaar": "1", "aantal": "40"})
    taak.refresh_from_db()
    assert (taak.aantal, taak.is_schatting) == (40, False)
    html = client.get("/sturing/", {"periode": "2027"}).content.decode()
    assert tabel(html, "taakstelling")["1e helft 2027"][:2] == ["40", "20"]


def test_taakstelling_refuses_bad_input_with_an_error_summary(als, beleid, gegevens):
    response = als(beleid).post(
        "/sturing/taakstelling/", {"jaar": "2027", "halfjaar": "3", "aantal": "-4"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="foutsamenvatting"' in html
    assert not gegevens["weert"].taakstellingen.filter(jaar=2027).exists()


@pytest.mark.parametrize("wie", ["teamleider_weert", "financien", "adviseur_weert"])
def test_only_beleid_enters_the_taakstelling(als, request, wie, gegevens):
    client = als(request.getfixturevalue(wie))
    assert client.get("/sturing/taakstelling/").status_code == 403
    assert (
        client.post(
            "/sturing/taakstelling/", {"jaar": "2027", "halfjaar": "1", "aantal": "41"}
        ).status_code
        == 403
    )


def test_filters_fall_back_on_unknown_values(als, beleid, gegevens):
    response = als(beleid).get("/sturing/", {"periode": "x", "schaal": "x", "doelgroep": "x"})
    assert response.status_code == 200
    assert "Aantallen: Weert, 2026" in response.content.decode()


def test_bereiken_of_a_gemeente_without_subregio(beleid, gegevens):
    weert = gegevens["weert"]
    weert.subregio = None
    weert.save()
    beleid.refresh_from_db()
    assert list(dashboards.bereiken(beleid)) == ["gemeente", "arbeidsmarktregio"]
