"""DUO's business rules for reports (shared/duo-m2m/RULES.md "Business rules DUO applies to
reports"), table-driven. The simulator applies the same functions."""

from datetime import date

import pytest

from koers.duo import rules
from koers.duo.rules import Aanbod, Instelling
from koers.inburgeraars.rules import doelgroepindeling

VANDAAG = date(2026, 10, 15)
START, EIND = date(2024, 1, 2), date(2027, 1, 2)  # termijn; the end date is exclusive
MAP_BASIS = {
    "vandaag": VANDAAG,
    "termijn_start": START,
    "termijn_eind": EIND,
    "zroute_afgerond_op": None,
    "gemeente_heeft_huidig_pip": True,
    "eerdere_datum_door_deze_gemeente": None,
}


@pytest.mark.parametrize(
    "datum, verwijtbaar, kw, fout",
    [
        # a valid date inside the termijn, no verwijtbaar
        (date(2026, 10, 1), None, {}, None),
        # change only when this gemeente delivered the earlier date
        (date(2026, 10, 1), None, {"eerdere_datum_door_deze_gemeente": True}, None),
        (date(2026, 10, 1), None, {"eerdere_datum_door_deze_gemeente": False}, "__all__"),
        # the gemeente must hold the current PIP; plicht not already met via the Z-route
        (date(2026, 10, 1), None, {"gemeente_heeft_huidig_pip": False}, "__all__"),
        (date(2026, 10, 1), None, {"plicht_voldaan_via_zroute": True}, "__all__"),
        # date not before the termijn start, not after the Z-route completion, not in the future
        (date(2024, 1, 1), None, {}, "datum"),
        (START, None, {}, None),
        (date(2026, 10, 16), None, {}, "datum"),
        (date(2026, 9, 2), None, {"zroute_afgerond_op": date(2026, 9, 1)}, "datum"),
        (date(2026, 9, 1), None, {"zroute_afgerond_op": date(2026, 9, 1)}, None),
        # empty date (withdrawal) only while no Z-route completion is registered
        (None, None, {}, None),
        (None, None, {"zroute_afgerond_op": date(2026, 9, 1)}, "datum"),
        # verwijtbaar absent when the date lies before the termijn end
        (date(2026, 10, 1), "Ja", {}, "verwijtbaar"),
        (date(2026, 10, 1), "Nee", {"termijn_eind": date(2026, 11, 1)}, "verwijtbaar"),
        (date(2026, 10, 1), "Misschien", {}, "verwijtbaar"),
    ],
)
def test_map_pvt_regels(datum, verwijtbaar, kw, fout):
    f = rules.map_pvt_fouten(datum, verwijtbaar, **{**MAP_BASIS, **kw})
    if fout is None:
        assert f == {}
    else:
        assert fout in f and f[fout]


@pytest.mark.parametrize(
    "datum, verwijtbaar, termijn_eind, vandaag, toegestaan",
    [
        # exceeded (date on or after the exclusive end): verwijtbaar required, Ja or Nee
        (date(2026, 10, 1), None, date(2026, 10, 1), VANDAAG, False),
        (date(2026, 10, 1), "Ja", date(2026, 10, 1), VANDAAG, True),
        (date(2026, 10, 1), "Nee", date(2026, 10, 1), VANDAAG, True),
        (date(2026, 9, 30), "Ja", date(2026, 10, 1), VANDAAG, False),  # before the end
        # no date yet: judged on today
        (None, None, date(2026, 10, 15), VANDAAG, False),  # today is the (exclusive) end
        (None, "Ja", date(2026, 10, 15), VANDAAG, True),
        (None, "Ja", date(2026, 10, 16), VANDAAG, False),  # not exceeded yet
        # Nee only when the termijn ends within two months: today lies in its last two months,
        # [einddatum − 2 months, einddatum) with the exclusive einddatum
        (None, "Nee", date(2026, 12, 15), VANDAAG, True),
        (None, "Nee", date(2026, 12, 16), VANDAAG, False),  # last day 15-12: 2 months + 1 day
        (None, None, date(2026, 12, 15), VANDAAG, True),
    ],
)
def test_verwijtbaar(datum, verwijtbaar, termijn_eind, vandaag, toegestaan):
    f = rules.map_pvt_fouten(
        datum, verwijtbaar, **{**MAP_BASIS, "termijn_eind": termijn_eind, "vandaag": vandaag}
    )
    assert ("verwijtbaar" not in f) is toegestaan, f


@pytest.mark.parametrize(
    "datum, kw, fout",
    [
        (date(2026, 10, 1), {}, None),
        (date(2026, 10, 1), {"leerroute": "B"}, "__all__"),
        (date(2026, 10, 1), {"gemeente_heeft_huidig_pip": False}, "__all__"),
        (date(2026, 10, 1), {"eindgesprek_op": None}, "datum"),
        (date(2026, 9, 1), {}, "datum"),  # before the eindgesprek
        (date(2026, 10, 16), {}, "datum"),  # future
        (None, {}, "datum"),
    ],
)
def test_zroute(datum, kw, fout):
    basis = {
        "vandaag": VANDAAG,
        "leerroute": "Z",
        "gemeente_heeft_huidig_pip": True,
        "eindgesprek_op": date(2026, 9, 15),
    }
    f = rules.zroute_fouten(datum, **{**basis, **kw})
    assert (fout in f) if fout else f == {}


@pytest.mark.parametrize(
    "soort, uren, doelgroep, fout",
    [
        ("taalles_knm_brede_intake", 0, "Gezinsvormer", None),
        ("taalles_knm_brede_intake", 9999, "Asielstatushouder", None),
        ("taalles_knm_brede_intake", 10000, "Asielstatushouder", "uren"),
        ("participatie_als_taalles", -1, "Overig", "uren"),
        ("participatie_als_taalles", 12.5, "Overig", "uren"),  # whole hours only
        ("participatie_als_taalles", True, "Overig", "uren"),
        ("participatieactiviteiten", 400, "Asielstatushouder", None),
        ("participatieactiviteiten", 400, "Gezinsvormer met Asielstatushouder", None),
        ("participatieactiviteiten", 400, "Gezinsvormer", "soort"),
        ("vrije_uren", 4, "Overig", "soort"),
    ],
)
def test_uren(soort, uren, doelgroep, fout):
    f = rules.uren_fouten(soort, uren, doelgroep=doelgroepindeling(doelgroep).value)
    assert (fout in f) if fout else f == {}


def test_uren_operaties_per_soort():
    assert set(rules.UREN_OPERATIES) == set(rules.UrenSoort)


PIP_DAG = date(2026, 3, 1)
AANBOD_BASIS = {
    "doelgroep": "Asielstatushouder",
    "leerroute": "B",
    "huidige_pip_dagtekening": PIP_DAG,
    "instelling": Instelling("1234567890", bow_keurmerk=True),
    "termijn_start": date(2026, 3, 2),
    "termijn_eind": date(2029, 3, 2),
}


SCHAKEL = {"leerroute": "O", "instelling": Instelling("1234567890", tst_keurmerk=True)}


def aanbod(**kw):
    return Aanbod(
        **{
            "instellingsnummer": "1234567890",
            "indicator_alfabetiseringsonderwijs": "NVT",
            "datum_inburgeringsaanbod": date(2026, 4, 1),
            "verwachte_startdatum_opleiding": date(2026, 4, 15),
            "verwachte_einddatum_opleiding": date(2027, 4, 15),
            **kw,
        }
    )


@pytest.mark.parametrize(
    "a, kw, fout",
    [
        (aanbod(), {}, None),
        (
            aanbod(),
            {"doelgroep": "Gezinsmigrant en overige migrant"},
            "__all__",
        ),  # only asielmigranten
        (aanbod(), {"huidige_pip_dagtekening": None, "leerroute": None}, "__all__"),  # PIP first
        # the instelling: BoW keurmerk, or TST when the person follows the onderwijsroute
        (aanbod(), {"instelling": None}, "instellingsnummer"),
        (
            aanbod(),
            {"instelling": Instelling("1234567890", tst_keurmerk=True)},
            "instellingsnummer",
        ),
        (
            aanbod(),
            {"leerroute": "O", "instelling": Instelling("1234567890", tst_keurmerk=True)},
            None,
        ),
        (
            aanbod(),
            {"leerroute": "O", "instelling": Instelling("1234567890", bow_keurmerk=True)},
            None,
        ),
        (aanbod(instellingsnummer="123"), {}, "instellingsnummer"),
        # no date before the current PIP's dagtekening
        (aanbod(datum_inburgeringsaanbod=date(2026, 2, 28)), {}, "datum_inburgeringsaanbod"),
        # outside a taalschakeltraject DUO has no rule on the order of the dates (Koers' own input
        # check is koers.leerroute.rules.aanbod_invoer_fouten)
        (aanbod(verwachte_startdatum_opleiding=date(2026, 3, 31)), {}, None),
        (aanbod(verwachte_einddatum_opleiding=date(2026, 4, 15)), {}, None),
        (
            aanbod(verwachte_startdatum_opleiding=date(2026, 3, 31)),
            {
                "leerroute": "O",
                "instelling": Instelling("1234567890", bow_keurmerk=True),
                "cursus_einddatums": (date(2026, 6, 1),),
            },
            None,
        ),
        # a taalschakeltraject starts not before the offer date nor before the course's end
        (
            aanbod(verwachte_startdatum_opleiding=date(2026, 3, 31)),
            SCHAKEL,
            "verwachte_startdatum_opleiding",
        ),
        (
            aanbod(),
            {**SCHAKEL, "cursus_einddatums": (date(2026, 4, 16), date(2026, 4, 1))},
            "verwachte_startdatum_opleiding",
        ),
        (aanbod(), {**SCHAKEL, "cursus_einddatums": (date(2026, 4, 15),)}, None),  # end exclusive
        # B1- and Z-route: the offer date is the start of the lessons, so within the termijn
        (aanbod(datum_inburgeringsaanbod=date(2026, 3, 1)), {}, "datum_inburgeringsaanbod"),
        (
            aanbod(datum_inburgeringsaanbod=date(2026, 3, 1)),
            {"leerroute": "Z"},
            "datum_inburgeringsaanbod",
        ),
        (aanbod(datum_inburgeringsaanbod=date(2026, 3, 1)), SCHAKEL, None),
        (aanbod(datum_inburgeringsaanbod=date(2029, 3, 1)), {}, None),  # the termijn's last day
        (aanbod(datum_inburgeringsaanbod=date(2029, 3, 2)), {}, "datum_inburgeringsaanbod"),
        # within the termijn (end exclusive, like the einddatum opleiding)
        (aanbod(verwachte_einddatum_opleiding=date(2029, 3, 2)), {}, None),
        (
            aanbod(verwachte_einddatum_opleiding=date(2029, 3, 3)),
            {},
            "verwachte_einddatum_opleiding",
        ),
        (
            aanbod(
                verwachte_startdatum_opleiding=date(2029, 3, 2), verwachte_einddatum_opleiding=None
            ),
            {},
            "verwachte_startdatum_opleiding",
        ),
        (aanbod(indicator_alfabetiseringsonderwijs="X"), {}, "indicator_alfabetiseringsonderwijs"),
    ],
)
def test_inburgeringsaanbod(a, kw, fout):
    f = rules.inburgeringsaanbod_fouten(a, **{**AANBOD_BASIS, **kw})
    assert (fout in f) if fout else f == {}, f


@pytest.mark.parametrize(
    "naam, email, telefoon, fout",
    [
        ("Alice Adviseur", "alice@weert.nl", "0495 575 000", None),
        ("Anne-Marie d'Ançon", "a@b.nl", "+31495575000", None),
        ("", "alice@weert.nl", "0495575000", "naam"),
        ("Alice 2", "alice@weert.nl", "0495575000", "naam"),
        ("A" * 101, "alice@weert.nl", "0495575000", "naam"),
        ("Alice", "", "0495575000", "email"),
        ("Alice", "a@b", "0495575000", "email"),
        ("Alice", "a" * 242, "0495575000", "email"),
        ("Alice", "alice@weert.nl", "", "telefoonnummer"),
        ("Alice", "alice@weert.nl", "bel mij", "telefoonnummer"),
        ("Alice", "alice@weert.nl", "0495-575000,12", None),
    ],
)
def test_contactpersoon(naam, email, telefoon, fout):
    f = rules.contactpersoon_fouten(naam, email, telefoon)
    assert (fout in f) if fout else f == {}, f
