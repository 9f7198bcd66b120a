"""Exports to spreadsheets (CSV, XLSX) without formula injection.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by Excel and LibreOffice (OWASP "CSV Injection"). Free text from a case (a name, a
note) could then run a formula on the computer of whoever opens the export. Such a value gets
a single quote in front, which spreadsheets show as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse

GEVAARLIJKE_BEGINTEKENS = ("=", "+", "-", "@", "\t", "\r")


def veilige_cel(waarde):
    """The value as a spreadsheet will show it, never as a formula. Numbers, dates and None
    stay as they are (a negative number is data, not a formula); text is neutralised."""
    if not isinstance(waarde, str):
        return waarde
    if waarde.startswith(GEVAARLIJKE_BEGINTEKENS):
        return "'" + waarde
    return waarde


def veilige_rij(rij: Iterable) -> list:
    return [veilige_cel(waarde) for waarde in rij]


def csv_tekst(rijen: Iterable[Iterable], *, scheiding: str = ";") -> str:
    """CSV (semicolon, as Dutch Excel expects) with every cell neutralised."""
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=scheiding, lineterminator="\n")
    for rij in rijen:
        schrijver.writerow(veilige_rij(rij))
    return buffer.getvalue()


def csv_antwoord(
    rijen: Iterable[Iterable], bestandsnaam: str, *, scheiding: str = ";"
) -> HttpResponse:
    """A CSV download for exports: neutralised cells, UTF-8 with BOM so Excel reads accents."""
    response = HttpResponse(
        "\ufeff" + csv_tekst(rijen, scheiding=scheiding), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response
