"""CSV/XLSX exports neutralise formula injection (OWASP "CSV Injection")."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from koers.beveiliging.export import csv_antwoord, csv_tekst, veilige_cel, veilige_rij


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://evil.example","klik")', '\'=HYPERLINK("http://evil.example","klik")'),
        ("+31612345678", "'+31612345678"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Fatima", "Fatima"),
        ("Wonen Weert", "Wonen Weert"),
        ("a=b", "a=b"),
        (" =1", " =1"),
        ("", ""),
        ("'al veilig", "'al veilig"),
        (-12, -12),
        (Decimal("-612.50"), Decimal("-612.50")),
        (None, None),
        (date(2026, 11, 1), date(2026, 11, 1)),
    ],
)
def test_veilige_cel(waarde, verwacht):
    assert veilige_cel(waarde) == verwacht


def test_veilige_rij():
    assert veilige_rij(["=x", "y", 3]) == ["'=x", "y", 3]


def test_csv_export_reads_back_as_text():
    tekst = csv_tekst([["naam", "opmerking"], ["Ahmed", "=cmd|' /C calc'!A0"]])
    rijen = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    assert rijen == [["naam", "opmerking"], ["Ahmed", "'=cmd|' /C calc'!A0"]]


def test_csv_download():
    response = csv_antwoord([["a"], ["@b"]], "export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="export.csv"'
    assert response.content.decode("utf-8") == "\ufeffa\n'@b\n"


def test_the_csv_koers_offers_today_is_safe():
    """The only CSV Koers writes now: the sample file for the ontzorgen import."""
    from koers.begeleiding.services import CSV_VOORBEELD

    rijen = list(csv.reader(io.StringIO(CSV_VOORBEELD), delimiter=";"))
    assert len(rijen) == 4  # the header and three payments
    for rij in rijen:
        assert veilige_rij(rij) == rij
