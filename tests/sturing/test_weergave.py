"""The shared presentation pieces: the chart geometry, the export rows and the XLSX writer."""

import io
import zipfile
from decimal import Decimal
from xml.etree import ElementTree

from koers.sturing import export
from koers.sturing.weergave import Cel, Rij, Tabel, aantal, maak_grafiek

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _tabel() -> Tabel:
    return Tabel(
        "t",
        "Per doelgroep",
        ["Doelgroep", "Aantal"],
        [
            Rij("Asiel", [aantal(20, False)]),
            Rij("Gezin", [aantal(3, True)]),
            Rij("Totaal", [aantal(23, False)], totaal=True),
        ],
        reeksen=[0],
    )


def test_chart_draws_no_bar_for_a_hidden_figure_and_leaves_out_the_total():
    grafiek = maak_grafiek(_tabel())
    assert [r.label for r in grafiek.rijen] == ["Asiel", "Gezin"]
    asiel, gezin = (r.balken[0] for r in grafiek.rijen)
    assert asiel.breedte > 0 and asiel.tekst == "20"
    assert gezin.breedte == 0 and gezin.tekst == "<5"
    assert grafiek.beschrijving == "Asiel: 20; Gezin: <5"


def test_export_rows_show_hidden_counts_as_text():
    assert _tabel().export_rijen() == [
        ["Doelgroep", "Aantal"],
        ["Asiel", 20],
        ["Gezin", "<5"],
        ["Totaal", 23],
    ]


def _werkboek(inhoud: bytes):
    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(inhoud))


def test_xlsx_writer_neutralises_formulas_and_names_sheets_safely():
    inhoud = export.xlsx_bytes(
        [
            ("Toelichting: [a]/b*?", [["=SUM(A1:A2)", 3, Decimal("1.5"), None, "tekst & <x>"]]),
            ("Toelichting: [a]/b*?", [["x"]]),
        ]
    )
    werkboek = _werkboek(inhoud)
    assert werkboek.sheetnames == ["Toelichting   a  b", "Toelichting   a  b 2"]
    cellen = [(c.value, c.data_type) for c in werkboek.worksheets[0][1]]
    assert cellen == [
        ("'=SUM(A1:A2)", "s"),
        (3, "n"),
        (1.5, "n"),
        (None, "n"),
        ("tekst & <x>", "s"),
    ]
    with zipfile.ZipFile(io.BytesIO(inhoud)) as z:
        for deel in z.namelist():
            if deel.startswith("xl/worksheets/"):
                blad = ElementTree.fromstring(z.read(deel))  # noqa: S314 (own output)
                assert not any(c.tag == f"{NS}f" for c in blad.iter())  # no formula at all


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text_and_negatives_as_numbers():
    rij = ["=1+1", "+31 6 1234", "-5", "@SOM(A1)", -85084, Decimal("-12.50"), -0.5, True]
    blad = _werkboek(export.xlsx_bytes([("Blad", [rij])])).active
    waarden = [(c.value, c.data_type) for c in blad[1]]
    assert waarden == [
        ("'=1+1", "s"),
        ("'+31 6 1234", "s"),
        ("'-5", "s"),
        ("'@SOM(A1)", "s"),
        (-85084, "n"),
        (-12.5, "n"),
        (-0.5, "n"),
        ("ja", "s"),
    ]


def test_xlsx_sheet_names_that_excel_refuses_are_made_safe():
    namen = _werkboek(
        export.xlsx_bytes(
            [
                ("'s-Hertogenbosch'", [["x"]]),
                ("History", [["x"]]),
                ("", [["x"]]),
                ("Een heel lange titel van een tabel die niet past", [["x"]]),
                ("Een heel lange titel van een tabel die niet past", [["x"]]),
            ]
        )
    ).sheetnames
    assert namen == [
        "s-Hertogenbosch",
        "History 2",
        "Blad",
        "Een heel lange titel van een",
        "Een heel lange titel van een 2",
    ]


def test_a_cel_keeps_its_number_and_its_text():
    cel = Cel(Decimal("12.5"), "12,5")
    assert (cel.waarde, cel.tekst, cel.onderdrukt, cel.link) == (Decimal("12.5"), "12,5", False, "")


def test_a_long_label_wraps_over_lines_and_is_never_cut_off():
    lang = "Ontzorgen beëindigd en cursus geldzaken afgerond binnen de gestelde termijn"
    tabel = Tabel(
        "t",
        "Lang",
        ["Indicator", "Bedrag"],
        [
            Rij(lang, [Cel(Decimal("181950.00"), "€ 181.950,00")]),
            Rij("Kort", [Cel(Decimal("5"), "€ 5,00")]),
        ],
        reeksen=[0],
    )
    grafiek = maak_grafiek(tabel)
    lang_rij, kort_rij = grafiek.rijen
    assert len(lang_rij.regels) > 1
    assert " ".join(r.tekst for r in lang_rij.regels) == lang  # every word, no "…"
    assert all(len(r.tekst) <= 30 for r in lang_rij.regels)
    # The next row starts below the last line of the wrapped label.
    assert kort_rij.regels[0].y > lang_rij.regels[-1].y
    assert grafiek.hoogte > kort_rij.regels[-1].y
    # The value of the longest bar still fits inside the chart.
    for rij in grafiek.rijen:
        for balk in rij.balken:
            assert balk.tekst_x + len(balk.tekst) * 7.5 <= grafiek.breedte


def test_the_chart_template_writes_every_line_of_a_label():
    from django.template.loader import render_to_string

    lang = "Inburgeraars met een PIP in de B1-route volgens het laatst vastgestelde plan"
    tabel = Tabel("t", "T", ["Groep", "Aantal"], [Rij(lang, [aantal(12, False)])], reeksen=[0])
    svg = render_to_string("sturing/_grafiek.html", {"tabel": tabel})
    assert "…" not in svg
    assert svg.count("<tspan") == len(maak_grafiek(tabel).rijen[0].regels) > 1


def test_figures_have_thousands_separators():
    from koers.sturing.financien import geld
    from koers.sturing.weergave import tekst

    assert tekst(1250) == "1.250"
    assert tekst(Decimal("1250.25")) == "1.250,3"
    assert geld(Decimal("1250")).tekst == "€ 1.250,00"
    assert geld(Decimal("-85084")).tekst == "€ -85.084,00"
    assert aantal(1250, False).tekst == "1.250"
