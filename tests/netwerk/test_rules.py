"""Table-driven tests of the netwerk rules (koers.netwerk.rules)."""

import datetime as dt
from decimal import Decimal

import pytest

from koers.netwerk import rules

D = dt.date


@pytest.mark.parametrize(
    ("tarief", "minuten", "status", "verwacht"),
    [
        ("60.00", 60, "gepland", "60.00"),
        ("60.00", 90, "geweest", "90.00"),
        ("45.00", 45, "geweest", "33.75"),
        ("45.00", 1, "gepland", "0.75"),
        ("62.50", 50, "geweest", "52.08"),  # 52.0833… rounds down
        ("49.50", 10, "geweest", "8.25"),
        ("55.55", 3, "geweest", "2.78"),  # 2.7775 rounds half up
        ("58.00", 480, "geweest", "464.00"),
        ("60.00", 90, "geannuleerd", "0.00"),  # cancelled costs nothing
    ],
)
def test_kosten(tarief, minuten, status, verwacht):
    assert rules.kosten(Decimal(tarief), minuten, status) == Decimal(verwacht)


@pytest.mark.parametrize(
    ("minuten", "goed"),
    [(None, False), (0, False), (1, True), (60, True), (480, True), (481, False), (-5, False)],
)
def test_duur(minuten, goed):
    assert (rules.duur_fouten(minuten) == {}) is goed


@pytest.mark.parametrize(
    ("tarief", "goed"),
    [(None, False), ("0", False), ("-1", False), ("0.01", True), ("500", True), ("500.01", False)],
)
def test_tarief(tarief, goed):
    assert (rules.tarief_fouten(Decimal(tarief) if tarief else None) == {}) is goed


@pytest.mark.parametrize(
    ("talen", "taal", "spreekt"),
    [
        (["Arabisch"], "Arabisch", True),
        (["Arabisch", "Frans"], "arabisch", True),
        (["Tigrinya"], "  tigrinya ", True),
        (["Oekraïens"], "OEKRAÏENS", True),
        (["Turks"], "Koerdisch", False),
        (["Arabisch"], "", False),
        ([], "Arabisch", False),
    ],
)
def test_spreekt(talen, taal, spreekt):
    assert rules.spreekt(talen, taal) is spreekt


@pytest.mark.parametrize(
    ("van", "naar", "datum", "fout"),
    [
        ("gepland", "geweest", D(2026, 11, 3), None),
        ("gepland", "geweest", D(2026, 11, 4), None),
        ("gepland", "geweest", D(2026, 11, 5), "toekomst"),
        ("gepland", "geannuleerd", D(2026, 11, 5), None),
        ("geweest", "geannuleerd", D(2026, 11, 1), "afgesloten"),
        ("geannuleerd", "gepland", D(2026, 11, 1), "afgesloten"),
        ("geweest", "geweest", D(2026, 11, 1), None),
    ],
)
def test_statuswijziging(van, naar, datum, fout):
    fouten = rules.statuswijziging_fouten(van, naar, datum, D(2026, 11, 4))
    if fout is None:
        assert fouten == {}
    else:
        assert fout in fouten["status"]


@pytest.mark.parametrize(
    ("status", "datum", "nodig"),
    [
        ("gepland", D(2026, 11, 3), True),
        ("gepland", D(2026, 11, 4), False),
        ("geweest", D(2026, 11, 3), False),
        ("geannuleerd", D(2026, 1, 1), False),
    ],
)
def test_bevestiging_nodig(status, datum, nodig):
    assert rules.bevestiging_nodig(status, datum, D(2026, 11, 4)) is nodig


@pytest.mark.parametrize(
    ("gepland", "aanwezig", "velden"),
    [
        (4, 4, set()),
        (4, 0, set()),
        (0, 0, set()),
        (10, 10, set()),
        (11, 3, {"dagdelen_gepland"}),
        (-1, 0, {"dagdelen_gepland"}),
        (4, 5, {"dagdelen_aanwezig"}),
        (4, -1, {"dagdelen_aanwezig"}),
    ],
)
def test_aanwezigheid(gepland, aanwezig, velden):
    assert set(rules.aanwezigheid_fouten(gepland, aanwezig)) == velden


@pytest.mark.parametrize(
    ("gepland", "aanwezig", "procent"),
    [(0, 0, None), (4, 4, 100), (4, 3, 75), (3, 2, 67), (3, 1, 33), (8, 1, 13)],
)
def test_aanwezigheidspercentage(gepland, aanwezig, procent):
    assert rules.aanwezigheidspercentage(gepland, aanwezig) == procent


@pytest.mark.parametrize(
    ("datum", "maandag"),
    [
        (D(2026, 11, 2), D(2026, 11, 2)),
        (D(2026, 11, 4), D(2026, 11, 2)),
        (D(2026, 11, 8), D(2026, 11, 2)),
        (D(2026, 11, 9), D(2026, 11, 9)),
    ],
)
def test_week_van(datum, maandag):
    assert rules.week_van(datum) == maandag


@pytest.mark.parametrize(
    ("start", "gepland", "eind", "velden"),
    [
        (D(2026, 9, 1), D(2026, 12, 1), None, set()),
        (None, D(2026, 12, 1), None, {"startdatum"}),
        (D(2026, 9, 1), None, None, {"geplande_einddatum"}),
        (D(2026, 9, 1), D(2026, 9, 1), None, {"geplande_einddatum"}),
        (D(2026, 9, 1), D(2026, 12, 1), D(2026, 8, 31), {"einddatum"}),
        (D(2026, 9, 1), D(2026, 12, 1), D(2026, 9, 1), set()),
    ],
)
def test_plaatsing(start, gepland, eind, velden):
    assert set(rules.plaatsing_fouten(start, gepland, eind)) == velden


@pytest.mark.parametrize(
    ("gepland", "eind", "te_lang"),
    [
        (D(2026, 11, 3), None, True),
        (D(2026, 11, 4), None, False),
        (D(2026, 11, 3), D(2026, 11, 3), False),
    ],
)
def test_klas_te_lang(gepland, eind, te_lang):
    assert rules.klas_te_lang(gepland, eind, D(2026, 11, 4)) is te_lang


@pytest.mark.parametrize(
    ("rol", "rollen", "sinds", "tot", "velden"),
    [
        ("voorlichter", ["voorlichter"], D(2026, 1, 1), None, set()),
        ("adviseur", ["voorlichter"], D(2026, 1, 1), None, {"rol"}),
        ("voorlichter", ["voorlichter"], None, None, {"sinds"}),
        ("voorlichter", ["voorlichter"], D(2026, 1, 2), D(2026, 1, 1), {"tot"}),
    ],
)
def test_koppeling(rol, rollen, sinds, tot, velden):
    assert set(rules.koppeling_fouten(rol, rollen, sinds, tot)) == velden


@pytest.mark.parametrize(
    ("rollen", "goed"),
    [
        ([], False),
        (["voorlichter"], True),
        (["voorlichter", "bemiddelaar", "verkenner", "adviseur"], True),
        (["tolk"], False),
    ],
)
def test_rollen(rollen, goed):
    assert (rules.rollen_fouten(rollen) == {}) is goed


@pytest.mark.parametrize(
    ("per_week", "totaal", "velden"),
    [
        (None, None, set()),
        ("2", "30", set()),
        ("0", "0", set()),
        ("40", "5000", set()),
        ("-1", None, {"uren_per_week"}),
        ("40.5", None, {"uren_per_week"}),
        (None, "-0.5", {"uren_totaal"}),
        (None, "5000.5", {"uren_totaal"}),
    ],
)
def test_uren(per_week, totaal, velden):
    fouten = rules.uren_fouten(
        Decimal(per_week) if per_week else None, Decimal(totaal) if totaal else None
    )
    assert set(fouten) == velden


@pytest.mark.parametrize(
    ("soort", "organisatie", "goed"),
    [
        ("bibliotheek", "", True),
        ("overig", "", False),
        ("overig", "Buurthuis", True),
        ("overig", "   ", False),
    ],
)
def test_verwijzing(soort, organisatie, goed):
    assert (rules.verwijzing_fouten(soort, organisatie) == {}) is goed
