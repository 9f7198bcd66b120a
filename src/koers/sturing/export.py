"""Exports of a dashboard: CSV and XLSX, from the same :class:`~koers.sturing.weergave.Tabel`
objects the page shows, so suppression applies to both alike.

XLSX is written with XlsxWriter. Text goes in with ``write_string`` only, so a value is never
read as a formula; it still passes :func:`koers.beveiliging.export.veilige_cel` first, so the
cells hold the same text as the CSV (also after someone saves the workbook as CSV).
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import xlsxwriter
from django.http import HttpResponse

from koers.beveiliging.export import veilige_cel
from koers.sturing.weergave import Tabel

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_RAND = re.compile(r"^[\s']+|[\s']+$")


# A plain number written as text (a minus sign, digits, one decimal comma or point): data,
# not a formula, so it is never given the protecting quote.
_GETAL = re.compile(r"-?\d+(?:[.,]\d+)?")


def _csv_waarde(waarde):
    """One CSV cell. Numbers stay numbers: decimals with a comma, because the CSV is
    semicolon-separated for Dutch Excel, which reads "66.0" as text or as 660; a negative
    amount stays "-85084,00", so Excel still reads it as a number. Text that is not a number
    is protected against formula injection (koers.beveiliging.export.veilige_cel)."""
    if isinstance(waarde, bool) or waarde is None:
        return waarde
    if isinstance(waarde, int):
        return str(waarde)
    if isinstance(waarde, Decimal | float):
        return str(waarde).replace(".", ",")
    tekst = str(waarde)
    if _GETAL.fullmatch(tekst):
        return tekst
    return veilige_cel(tekst)


def csv_rijen(kop: list[list], tabellen: list[Tabel]) -> list[list]:
    """The cells as they go into the CSV, each through :func:`_csv_waarde`."""
    rijen: list[list] = [[_csv_waarde(w) for w in r] for r in kop]
    for tabel in tabellen:
        rijen.append([])
        rijen.append([_csv_waarde(tabel.titel)])
        rijen.extend([_csv_waarde(w) for w in rij] for rij in tabel.export_rijen())
    return rijen


def csv_export(kop: list[list], tabellen: list[Tabel], bestandsnaam: str) -> HttpResponse:
    """Like koers.beveiliging.export.csv_antwoord (semicolons, UTF-8 with BOM), but the cells
    are protected here by :func:`_csv_waarde`, which knows a number from text: the generic
    writer would read the text "-85084,00" as a formula and make it text."""
    buffer = io.StringIO()
    # CRLF line ends (RFC 4180): then a CR inside a cell is quoted too, never a row break.
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerows(csv_rijen(kop, tabellen))
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response


def _bladnaam(naam: str, gebruikt: set[str]) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\, no apostrophe at
    either end, unique in the workbook (case-insensitive) and not the reserved "History"."""
    basis = _RAND.sub("", _RAND.sub("", re.sub(r"[\[\]:*?/\\]", " ", naam))[:28]) or "Blad"
    kandidaat, n = basis, 2
    while kandidaat.lower() in gebruikt | {"history"}:
        kandidaat, n = f"{basis} {n}", n + 1
    gebruikt.add(kandidaat.lower())
    return kandidaat


def _schrijf_cel(blad, r: int, k: int, waarde) -> None:
    waarde = veilige_cel(waarde)
    if waarde is None or waarde == "":
        return
    if isinstance(waarde, bool):
        waarde = "ja" if waarde else "nee"
    if isinstance(waarde, int | float | Decimal):
        blad.write_number(r, k, waarde)
    else:
        blad.write_string(r, k, str(waarde))


def xlsx_bytes(bladen: list[tuple[str, list[list]]]) -> bytes:
    """A workbook with one sheet per (name, rows)."""
    buffer = io.BytesIO()
    gebruikt: set[str] = set()
    with xlsxwriter.Workbook(buffer, {"in_memory": True}) as werkboek:
        for naam, rijen in bladen:
            blad = werkboek.add_worksheet(_bladnaam(naam, gebruikt))
            for r, rij in enumerate(rijen):
                for k, waarde in enumerate(rij):
                    _schrijf_cel(blad, r, k, waarde)
    return buffer.getvalue()


def xlsx_export(kop: list[list], tabellen: list[Tabel], bestandsnaam: str) -> HttpResponse:
    bladen = [("Toelichting", kop)] + [(t.titel, t.export_rijen()) for t in tabellen]
    response = HttpResponse(xlsx_bytes(bladen), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response
