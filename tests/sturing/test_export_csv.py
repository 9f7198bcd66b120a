"""The CSV export protects against formula injection without turning numbers into text: a
negative amount stays a number Excel can add up; text that starts like a formula gets the
protecting quote."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from koers.organisaties.models import Budget
from koers.sturing import export
from koers.sturing.models import Kostenpost
from koers.sturing.weergave import Cel, Rij, Tabel
from tests.factories import InburgeraarFactory, TrajectFactory

D = Decimal


def _cellen(response) -> list[list[str]]:
    tekst = response.content.decode("utf-8")
    assert tekst.startswith("\ufeff")
    return list(csv.reader(io.StringIO(tekst[1:], newline=""), delimiter=";"))


def _tabel(*rijen) -> Tabel:
    return Tabel(
        "t", "Bedragen", ["Onderdeel", "Waarde"], [Rij(label, [cel]) for label, cel in rijen]
    )


@pytest.mark.parametrize(
    ("waarde", "in_csv"),
    [
        (D("-85084.00"), "-85084,00"),
        (D("1250.50"), "1250,50"),
        (-3, "-3"),
        (0, "0"),
        (12.5, "12,5"),
        ("-12", "-12"),  # a number written as text is still a number
        ("-12,5", "-12,5"),
        ("<5", "<5"),
        ("–", "–"),
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\tTAB", "'\tTAB"),
        ("\rCR", "'\rCR"),
        ("- gewoon een streepje", "'- gewoon een streepje"),
    ],
)
def test_only_text_that_is_not_a_number_is_protected(waarde, in_csv):
    response = export.csv_export([["Titel"]], [_tabel(("x", Cel(waarde, str(waarde))))], "a.csv")
    assert _cellen(response)[-1] == ["x", in_csv]


def test_a_formula_in_a_label_or_title_is_protected_too():
    tabel = Tabel("t", "=HYPERLINK(1)", ["@kop", "Waarde"], [Rij("+label", [Cel(-5, "-5")])])
    cellen = _cellen(export.csv_export([["-kop"]], [tabel], "a.csv"))
    assert cellen[0] == ["'-kop"]
    assert ["'=HYPERLINK(1)"] in cellen
    assert ["'@kop", "Waarde"] in cellen
    assert ["'+label", "-5"] in cellen


@pytest.mark.django_db
def test_financien_export_keeps_a_negative_remainder_a_number(als, financien, weert):
    """Costs above the budget: what is left is negative, and stays a number in the CSV."""
    Budget.objects.create(gemeente=weert, jaar=2026, stroom="uitvoering", bedrag=D("1000"))
    traject = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))
    Kostenpost.objects.create(
        traject=traject,
        gemeente=weert,
        voorziening="ontzorgen",
        doelgroepindeling="Asielstatushouder",
        datum="2026-02-01",
        aantal=D("1"),
        tarief=D("86084"),
        bedrag=D("86084"),
        omschrijving="=1+1",
    )
    response = als(financien).get(reverse("sturing:financien_export", args=["csv"]) + "?jaar=2026")
    cellen = _cellen(response)
    uitvoering = next(r for r in cellen if r and r[0] == "Uitvoeringskosten")
    assert uitvoering == ["Uitvoeringskosten", "1000,00", "86084,00", "-85084,00"]
    assert not any(c.startswith("'-") and c[2:3].isdigit() for r in cellen for c in r)
