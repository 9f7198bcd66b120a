"""Exports of a dashboard: CSV and XLSX, from the same :class:`~koers.sturing.weergave.Tabel`
objects the page shows, so suppression applies to both alike.

XLSX is written here as the smallest valid Office Open XML workbook (ECMA-376: a zip with
the content types, the relationships, a workbook and one worksheet per table; text as inline
strings) because the project has no spreadsheet library. Every cell goes through
:func:`koers.beveiliging.export.veilige_cel` first (no formula injection).
"""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from xml.sax.saxutils import escape

from django.http import HttpResponse

from koers.beveiliging.export import csv_antwoord, veilige_cel
from koers.sturing.weergave import Tabel

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _csv_waarde(waarde):
    """Decimals with a comma: the CSV is semicolon-separated for Dutch Excel, which reads
    "66.0" as text or as 660."""
    if isinstance(waarde, Decimal | float):
        return str(waarde).replace(".", ",")
    return waarde


def csv_rijen(kop: list[list], tabellen: list[Tabel]) -> list[list]:
    rijen: list[list] = [list(r) for r in kop]
    for tabel in tabellen:
        rijen.append([])
        rijen.append([tabel.titel])
        rijen.extend([_csv_waarde(w) for w in rij] for rij in tabel.export_rijen())
    return rijen


def csv_export(kop: list[list], tabellen: list[Tabel], bestandsnaam: str) -> HttpResponse:
    return csv_antwoord(csv_rijen(kop, tabellen), bestandsnaam)


def _kolomnaam(index: int) -> str:
    naam = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        naam = chr(65 + rest) + naam
    return naam


def _cel_xml(ref: str, waarde) -> str:
    waarde = veilige_cel(waarde)
    if waarde is None or waarde == "":
        return ""
    if isinstance(waarde, bool):
        waarde = "ja" if waarde else "nee"
    if isinstance(waarde, int | float | Decimal):
        return f'<c r="{ref}"><v>{waarde}</v></c>'
    tekst = escape(str(waarde))
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{tekst}</t></is></c>'


def _blad_xml(rijen: list[list]) -> str:
    regels = []
    for r, rij in enumerate(rijen, start=1):
        cellen = "".join(_cel_xml(f"{_kolomnaam(k)}{r}", v) for k, v in enumerate(rij))
        regels.append(f'<row r="{r}">{cellen}</row>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<sheetData>{"".join(regels)}</sheetData></worksheet>')


def _bladnaam(naam: str, gebruikt: set[str]) -> str:
    """A sheet name: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    basis = re.sub(r"[\[\]:*?/\\]", " ", naam).strip()[:28].strip() or "Blad"
    kandidaat, n = basis, 2
    while kandidaat.lower() in gebruikt:
        kandidaat, n = f"{basis} {n}", n + 1
    gebruikt.add(kandidaat.lower())
    return kandidaat


def xlsx_bytes(bladen: list[tuple[str, list[list]]]) -> bytes:
    """A workbook with one sheet per (name, rows)."""
    buffer = io.BytesIO()
    gebruikt: set[str] = set()
    namen = [_bladnaam(naam, gebruikt) for naam, _r in bladen]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="'
                      'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet'
                      '+xml"/>' for i in range(1, len(bladen) + 1))
            + "</Types>"))
        z.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        z.writestr("xl/workbook.xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            "<sheets>" + "".join(
                f'<sheet name="{escape(naam, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
                for i, naam in enumerate(namen, start=1)) + "</sheets></workbook>"))
        z.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/'
                      'officeDocument/2006/relationships/worksheet" '
                      f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(bladen) + 1))
            + "</Relationships>"))
        for i, (_naam, rijen) in enumerate(bladen, start=1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", _blad_xml(rijen))
    return buffer.getvalue()


def xlsx_export(kop: list[list], tabellen: list[Tabel], bestandsnaam: str) -> HttpResponse:
    bladen = [("Toelichting", kop)] + [(t.titel, t.export_rijen()) for t in tabellen]
    response = HttpResponse(xlsx_bytes(bladen), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response
