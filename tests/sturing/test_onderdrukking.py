"""Small-cell suppression, worked cases: one rule (primary "<5", secondary "–") for every role,
page and export, and a note beside the tables where it applies."""

from decimal import Decimal

import pytest

from koers.sturing import financien, rules
from koers.sturing.weergave import Rij, Tabel, Telling, aantal, tellingen_tabel
from tests.factories import GebruikerFactory
from tests.sturing.conftest import maak
from tests.sturing.test_dashboards import H1, tabel

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("waarde", "tekst"),
    [(1, "<5"), (4, "<5"), (5, "–"), (13, "–"), (0, "–"), (None, "–")],
)
def test_a_hidden_count_says_less_than_five_only_when_it_is(waarde, tekst):
    assert rules.verborgen_tekst(waarde) == tekst


def test_worked_case_primary_and_secondary_in_a_column_with_a_total():
    """Asiel 3, gezin 12, overig 20, total 35: the 3 is hidden (primary), and then 12 too,
    or 35 − 20 − 12 would give the 3 back (secondary). 12 shows "–", not "<5"."""
    t = tellingen_tabel(
        "doelgroep",
        "Doelgroep",
        "Aantal",
        Telling({"a": 3, "g": 12, "o": 20, "t": 35}, [], True),
        [("a", "Asiel"), ("g", "Gezin"), ("o", "Overig")],
        totaal=("t", "Totaal"),
    )
    assert [(r.label, r.cellen[0].tekst) for r in t.rijen] == [
        ("Asiel", "<5"),
        ("Gezin", "–"),
        ("Overig", "20"),
        ("Totaal", "35"),
    ]
    assert t.heeft_verborgen
    assert len(t.onderdrukking_noot) == 2  # what "<5" and what "–" mean
    # The export has the same texts, no number that could be subtracted.
    assert t.export_rijen()[1:] == [["Asiel", "<5"], ["Gezin", "–"], ["Overig", 20], ["Totaal", 35]]


def test_worked_case_rows_and_columns_with_totals():
    """A 2 × 2 table with totals: one small cell hides a whole rectangle of four, so no
    line has a single hidden cell left."""
    matrix = [[3, 10, 13], [8, 9, 17], [11, 19, 30]]
    verborgen = rules.onderdruk(matrix, rijtotaal=True, kolomtotaal=True)
    assert verborgen == [
        [True, True, False],
        [True, True, False],
        [False, False, False],
    ]
    for lijn in [*verborgen, *zip(*verborgen, strict=True)]:
        assert sum(lijn) != 1


def test_a_table_without_hidden_cells_has_no_note():
    t = Tabel("t", "T", ["A", "B"], [Rij("x", [aantal(7, False)])])
    assert not t.heeft_verborgen and t.onderdrukking_noot == []


def test_every_suppressed_role_gets_the_same_figures(als, teamleider_weert, beleid, gegevens):
    """The teamleider on an aggregate and beleid on the same aggregate: one rule, one
    outcome, table by table."""
    params = {**H1, "schaal": "subregio"}
    for pad in ("/sturing/", "/sturing/procesindicatoren/"):
        teamleider = als(teamleider_weert).get(pad, params).content.decode()
        beleid_html = als(beleid).get(pad, params).content.decode()
        ids = ["doelgroep", "status", "leerroute"] if pad == "/sturing/" else ["indicatoren"]
        for id in ids:
            assert tabel(teamleider, id) == tabel(beleid_html, id)
        assert 'id="uitleg-onderdrukt"' in teamleider and 'id="uitleg-onderdrukt"' in beleid_html


def test_the_note_stands_beside_the_table_that_hides_something(
    als, teamleider_weert, beleid, gegevens
):
    for i in range(10):
        maak(gegevens["weert"], aangemeld="2026-03-03", naam=f"Extra{i}")
    html = als(beleid).get("/sturing/", H1).content.decode()
    assert tabel(html, "doelgroep")["Asielstatushouders"] == ["–"]
    noot = html[html.index('id="doelgroep-onderdrukking"') :]
    noot = noot[: noot.index("</p>")]
    assert "&lt;5: 1 tot en met 4 personen" in noot and "–: niet getoond" in noot
    # The full rule at the top states the secondary suppression.
    uitleg = html[html.index('id="uitleg-onderdrukt"') :]
    assert "het totaal min de andere getallen" in uitleg[: uitleg.index("</div>")]
    # The teamleider sees his own gemeente unsuppressed: no note at all.
    html = als(teamleider_weert).get("/sturing/", H1).content.decode()
    assert "onderdrukking" not in html and 'id="uitleg-onderdrukt"' not in html


def test_the_export_states_the_same_rule(als, beleid, gegevens):
    csv = als(beleid).get("/sturing/aantallen.csv", H1).content.decode("utf-8-sig")
    assert "Een aantal van 1 tot en met 4 personen ziet u als <5." in csv
    assert "het totaal min de andere getallen" in csv


def test_financien_prognosis_hides_the_second_doelgroep_too(weert):
    """The year's total is on the Aantallen page: asiel 3 beside gezin 12 would give it back."""
    cijfers = financien.Cijfers(weert.pk, 2026, {}, {}, asiel=3, gezin=12)
    prognose = financien.prognose_tabel(cijfers, onderdrukken=True)
    teksten = [r.cellen[0].tekst for r in prognose.rijen[:3]]
    assert teksten == ["<5", "–", "–"]
    zichtbaar = financien.prognose_tabel(cijfers, onderdrukken=False)
    assert [r.cellen[0].waarde for r in zichtbaar.rijen[:3]] == [3, 12, Decimal("44700")]


def test_financien_sees_the_same_note_on_its_page(als, weert):
    gebruiker = GebruikerFactory(username="fenna", gemeente=weert, rollen=["financien"])
    html = als(gebruiker).get("/sturing/financien/?jaar=2026").content.decode()
    assert 'id="uitleg-onderdrukt"' in html
    assert "Een aantal van 1 tot en met 4 personen ziet u als &lt;5." in html
