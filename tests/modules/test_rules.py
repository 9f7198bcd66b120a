"""Table-driven tests of koers.modules.rules."""

from datetime import date
from decimal import Decimal

import pytest

from koers.modules import rules
from koers.modules.rules import ActiviteitGegevens, Gedaan

VANDAAG = date(2026, 12, 1)


def _act(**kw):
    data = {
        "module": "pvt",
        "datum": date(2026, 11, 1),
        "uren": Decimal(3),
        "soort": "workshop",
        "omschrijving": "Workshop",
        "kernwaarden": (),
    }
    data.update(kw)
    return ActiviteitGegevens(**data)


@pytest.mark.parametrize(
    ("kw", "afgerond_op", "leerroute", "veld", "tekst"),
    [
        ({}, None, "B", None, None),
        ({"uren": Decimal("0.5")}, None, None, None, None),  # PVT needs no PIP
        ({"uren": Decimal(24)}, None, "B", None, None),
        ({"uren": Decimal(-2)}, None, "B", "uren", "meer dan 0"),
        ({"uren": Decimal(0)}, None, "B", "uren", "meer dan 0"),
        ({"uren": Decimal("NaN")}, None, "B", "uren", "meer dan 0"),
        ({"uren": Decimal("24.5")}, None, "B", "uren", "hooguit 24"),
        ({"uren": Decimal("1.25")}, None, "B", "uren", "1 cijfer na de komma"),
        ({"uren": None}, None, "B", "uren", "Vul het aantal uren in"),
        ({"datum": date(2026, 12, 2)}, None, "B", "datum", "toekomst"),
        ({"datum": VANDAAG}, None, "B", None, None),
        ({"datum": None}, None, "B", "datum", "Vul de datum in"),
        ({"soort": "werkbezoek"}, None, "B", "soort", "workshop, excursie, activiteit"),
        ({"soort": "onzin"}, None, "B", "soort", "Kies een soort"),
        ({"omschrijving": "  "}, None, "B", "omschrijving", "Beschrijf"),
        ({"omschrijving": "x" * 501}, None, "B", "omschrijving", "te lang"),
        ({"kernwaarden": ("vrijheid", "moed")}, None, "B", "kernwaarden", "Kies alleen"),
        ({"kernwaarden": ("vrijheid", "vrijheid")}, None, "B", "kernwaarden", "maar één keer"),
        ({"soort": "excursie", "kernwaarden": ("vrijheid",)}, None, "B", None, None),
        ({"uitvoerder": "x" * 201}, None, "B", "uitvoerder", "te lang"),
        ({}, date(2026, 11, 30), "B", "__all__", "al ondertekend"),
        ({"module": "map", "soort": "werkbezoek"}, None, "B", None, None),
        ({"module": "map", "soort": "werkbezoek"}, None, "Z", None, None),
        ({"module": "map", "soort": "werkbezoek"}, None, "O", "__all__", "B1-route en de Z-route"),
        ({"module": "map", "soort": "werkbezoek"}, None, None, "__all__", "B1-route en de Z-route"),
        ({"module": "map", "soort": "excursie"}, None, "B", "soort", "werkbezoek"),
        (
            {"module": "map", "soort": "gesprek", "kernwaarden": ("vrijheid",)},
            None,
            "B",
            "kernwaarden",
            "horen bij het PVT",
        ),
        ({"module": "map", "soort": "gesprek"}, date(2026, 11, 1), "B", "__all__", "eindgesprek"),
        ({"module": "xyz"}, None, "B", "__all__", "PVT of MAP"),
    ],
)
def test_activiteit_fouten(kw, afgerond_op, leerroute, veld, tekst):
    fouten = rules.activiteit_fouten(
        _act(**kw), vandaag=VANDAAG, afgerond_op=afgerond_op, leerroute=leerroute
    )
    if veld is None:
        assert fouten == {}
    else:
        assert tekst in fouten[veld]


def _g(d, uren, soort="workshop", kernwaarden=()):
    return Gedaan(datum=d, uren=Decimal(uren), soort=soort, kernwaarden=kernwaarden)


EXCURSIE = _g(date(2026, 11, 5), 4, "excursie", ("vrijheid",))
ACTIVITEIT = _g(date(2026, 11, 5), 4, "activiteit", ("solidariteit",))
WORKSHOP_KERNWAARDE = _g(date(2026, 11, 5), 4, "workshop", ("vrijheid",))


@pytest.mark.parametrize(
    ("datum", "activiteiten", "fout_velden"),
    [
        (date(2026, 11, 30), [EXCURSIE, _g(date(2026, 11, 6), 8)], set()),
        (date(2026, 11, 30), [ACTIVITEIT, _g(date(2026, 11, 6), 8)], set()),
        (date(2026, 11, 30), [EXCURSIE, _g(date(2026, 11, 6), "7.9")], {"uren"}),
        # A workshop on a kernwaarde is not the excursion or activity the startnotitie asks for.
        (date(2026, 11, 30), [WORKSHOP_KERNWAARDE, _g(date(2026, 11, 6), 8)], {"kernwaarden"}),
        (date(2026, 11, 30), [_g(date(2026, 11, 6), 8, "excursie")], {"uren", "kernwaarden"}),
        # Hours after the signing date do not count.
        (date(2026, 11, 5), [EXCURSIE, _g(date(2026, 11, 6), 8)], {"uren"}),
        (date(2026, 11, 4), [EXCURSIE, _g(date(2026, 11, 2), 12)], {"kernwaarden"}),
        (date(2026, 12, 2), [EXCURSIE, _g(date(2026, 11, 6), 8)], {"datum"}),
        (None, [EXCURSIE], {"datum"}),
        (date(2026, 11, 30), [], {"uren", "kernwaarden"}),
    ],
)
def test_pvt_ondertekenen_fouten(datum, activiteiten, fout_velden):
    fouten = rules.pvt_ondertekenen_fouten(datum, activiteiten, vandaag=VANDAAG)
    assert set(fouten) == fout_velden


def test_pvt_uren_tekst_noemt_minimum_en_stand():
    fouten = rules.pvt_ondertekenen_fouten(
        date(2026, 11, 30), [_g(date(2026, 11, 1), "7.5")], vandaag=VANDAAG
    )
    assert fouten["uren"] == (
        "Voor de ondertekening zijn minstens 12 uur PVT nodig. Tot en met "
        "30 november 2026 zijn 7,5 uur ingevuld."
    )


@pytest.mark.parametrize(
    ("datum", "samenvatting", "uitvoerder", "leerroute", "fout_velden"),
    [
        (date(2026, 11, 30), "Goed gesprek", "Werk.Kom", "B", set()),
        (date(2026, 11, 30), "Goed gesprek", "Werk.Kom", "Z", set()),
        (date(2026, 11, 30), "Goed gesprek", "Werk.Kom", "O", {"__all__"}),
        (date(2026, 12, 2), "Goed gesprek", "Werk.Kom", "B", {"datum"}),
        (None, "Goed gesprek", "Werk.Kom", "B", {"datum"}),
        (date(2026, 11, 30), " ", "Werk.Kom", "B", {"samenvatting"}),
        (date(2026, 11, 30), "x" * 5001, "Werk.Kom", "B", {"samenvatting"}),
        (date(2026, 11, 30), "Goed", "", "B", {"uitvoerder"}),
        (date(2026, 11, 30), "Goed", "x" * 201, "B", {"uitvoerder"}),
    ],
)
def test_map_eindgesprek_fouten(datum, samenvatting, uitvoerder, leerroute, fout_velden):
    fouten = rules.map_eindgesprek_fouten(
        datum, samenvatting, uitvoerder, vandaag=VANDAAG, leerroute=leerroute
    )
    assert set(fouten) == fout_velden


@pytest.mark.parametrize(
    ("termijn_eind", "stukje"),
    [
        (None, "nog geen einddatum"),
        (date(2026, 11, 1), "De termijn is voorbij: de laatste dag was 31 oktober 2026."),
        (date(2026, 12, 1), "De termijn is voorbij"),
        (date(2027, 1, 15), "De termijn eindigt binnenkort: de laatste dag is 14 januari 2027."),
        (date(2029, 10, 2), "De laatste dag van de termijn is 1 oktober 2029."),
    ],
)
def test_verwijtbaar_uitleg(termijn_eind, stukje):
    tekst = rules.verwijtbaar_uitleg(termijn_eind, VANDAAG)
    assert tekst.startswith("Vul 'verwijtbaar' alleen in als de datum op of na het einde")
    assert stukje in tekst


@pytest.mark.parametrize(
    ("vandaag", "grens"),
    [
        (date(2026, 12, 1), date(2027, 6, 1)),
        (date(2026, 8, 31), date(2027, 2, 28)),
    ],
)
def test_signaal_grens(vandaag, grens):
    assert rules.signaal_grens(vandaag) == grens


@pytest.mark.parametrize(
    ("leerroute", "verplicht"), [("B", True), ("Z", True), ("O", False), (None, False), ("", False)]
)
def test_map_verplicht(leerroute, verplicht):
    assert rules.map_verplicht(leerroute) is verplicht


def test_constanten():
    assert rules.PVT_MIN_UREN == 12
    assert {k.value for k in rules.Kernwaarde} == {
        "vrijheid",
        "gelijkwaardigheid",
        "solidariteit",
        "participatie",
    }
    assert rules.SOORTEN[rules.Module.PVT] == ("workshop", "excursie", "activiteit")
