"""The shared presentation pieces: the chart geometry, the export rows and the XLSX writer."""

import io
import zipfile
from decimal import Decimal
from xml.etree import ElementTree

from koers.sturing import export
from koers.sturing.weergave import Cel, Rij, Tabel, aantal, maak_grafiek

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _tabel() -> Tabel:
    return Tabel("t", "Per doelgroep", ["Doelgroep", "Aantal"], [
        Rij("Asiel", [aantal(20, False)]),
        Rij("Gezin", [aantal(3, True)]),
        Rij("Totaal", [aantal(23, False)], totaal=True),
    ], reeksen=[0])


def test_chart_draws_no_bar_for_a_hidden_figure_and_leaves_out_the_total():
    grafiek = maak_grafiek(_tabel())
    assert [r.label for r in grafiek.rijen] == ["Asiel", "Gezin"]
    asiel, gezin = (r.balken[0] for r in grafiek.rijen)
    assert asiel.breedte > 0 and asiel.tekst == "20"
    assert gezin.breedte == 0 and gezin.tekst == "<5"
    assert grafiek.beschrijving == "Asiel: 20; Gezin: <5"


def test_export_rows_show_hidden_counts_as_text():
    assert _tabel().export_rijen() == [["Doelgroep", "Aantal"], ["Asiel", 20],
                                       ["Gezin", "<5"], ["Totaal", 23]]


def test_xlsx_writer_neutralises_formulas_and_names_sheets_safely():
    inhoud = export.xlsx_bytes([
        ("Toelichting: [a]/b*?", [["=SUM(A1:A2)", 3, Decimal("1.5"), None, "tekst & <x>"]]),
        ("Toelichting: [a]/b*?", [["x"]]),
    ])
    z = zipfile.ZipFile(io.BytesIO(inhoud))
    werkboek = ElementTree.fromstring(z.read("xl/workbook.xml"))  # noqa: S314 (own output)
    namen = [b.get("name") for b in werkboek.iter(f"{NS}sheet")]
    assert namen == ["Toelichting   a  b", "Toelichting   a  b 2"]
    blad = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))  # noqa: S314
    cellen = [("".join(c.itertext()), c.get("t")) for c in blad.iter(f"{NS}c")]
    assert cellen == [("'=SUM(A1:A2)", "inlineStr"), ("3", None), ("1.5", None),
                      ("tekst & <x>", "inlineStr")]
    assert not any(c.tag == f"{NS}f" for c in blad.iter())  # no formula element at all


def test_a_cel_keeps_its_number_and_its_text():
    cel = Cel(Decimal("12.5"), "12,5")
    assert (cel.waarde, cel.tekst, cel.onderdrukt, cel.link) == (Decimal("12.5"), "12,5",
                                                                 False, "")
