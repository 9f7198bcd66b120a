"""The rules of handhaving, table by table (rules.py; DOMAIN.md "gemeente boete", "DUO boete
after overrun", "verlenging")."""

from datetime import date, timedelta

import pytest

from koers.handhaving import rules

D = date


@pytest.mark.parametrize(
    ("bedrag", "fout"),
    [
        (None, "Vul het bedrag"),
        (0, "meer dan 0"),
        (-250, "meer dan 0"),
        (1, None),
        (250, None),
        (800, None),
        (801, "hoogstens 800"),
        (900, "hoogstens 800"),
        (True, "heel getal"),
        (250.5, "heel getal"),
    ],
)
def test_bedrag_boven_0_en_hoogstens_800(bedrag, fout):
    fouten = rules.bedrag_fouten(bedrag)
    if fout is None:
        assert fouten == {}
    else:
        assert fout in fouten["bedrag"]


def test_getallen_uit_domain_md():
    assert rules.MAX_BOETE_EUR == 800
    assert rules.STANDAARD_BOETE_EUR == 250
    assert rules.VERLENGING_ZIEKTE_MAANDEN == 3
    assert rules.VERLENGING_BEVALLING_WEKEN == 16
    assert rules.DUO_BESLISTERMIJN_WEKEN == 8


BASIS = {
    "bedrag": 250,
    "datum": D(2026, 11, 20),
    "vandaag": D(2026, 11, 20),
    "waarschuwing_datum": D(2026, 10, 5),
    "voornemen_datum": D(2026, 11, 2),
    "voornemen_bedrag": 250,
    "zienswijze_op": D(2026, 11, 18),
    "laatste_boete_datum": None,
    "asielmigrant": False,
    "uitzonderlijke_onwil": False,
}


@pytest.mark.parametrize(
    ("wijziging", "veld", "tekst"),
    [
        ({}, None, None),
        ({"waarschuwing_datum": None}, "__all__", "schriftelijke waarschuwing"),
        # Awb 4:8 / 5:53: each boete its own voornemen, and the person's view recorded first.
        ({"voornemen_datum": None}, "__all__", "eigen voornemen"),
        ({"zienswijze_op": None}, "__all__", "zienswijze"),
        ({"bedrag": 900}, "bedrag", "hoogstens 800"),
        ({"bedrag": 0}, "bedrag", "meer dan 0"),
        # Heard on €250: the besluit cannot be higher, lower is fine.
        ({"bedrag": 300}, "bedrag", "voornemen"),
        ({"bedrag": 200}, None, None),
        ({"datum": D(2026, 11, 21)}, "datum", "toekomst"),
        ({"datum": D(2026, 11, 10)}, "datum", "zienswijze"),
        ({"laatste_boete_datum": D(2026, 11, 20)}, None, None),  # Divosa: a second €250
        ({"datum": D(2026, 11, 19), "laatste_boete_datum": D(2026, 11, 20)}, "datum", "vorige"),
        # Asielstatushouders: no boete unless uitzonderlijke onwil (P, gemeente setting).
        ({"asielmigrant": True}, "__all__", "asielstatushouder"),
        ({"asielmigrant": True, "uitzonderlijke_onwil": True}, None, None),
        ({"asielmigrant": True, "geen_boete_asiel": False}, None, None),
        ({"asielmigrant": False, "uitzonderlijke_onwil": True}, None, None),
    ],
)
def test_boete_volgorde_bedrag_en_asiel(wijziging, veld, tekst):
    fouten = rules.boete_fouten(**{**BASIS, **wijziging})
    if veld is None:
        assert fouten == {}
    else:
        assert tekst in fouten[veld].lower()


@pytest.mark.parametrize(
    ("asiel", "onwil", "beleid", "voorstel"),
    [
        (False, False, True, True),
        (False, True, True, True),
        (True, False, True, False),
        (True, True, True, True),
        (True, False, False, True),
    ],
)
def test_boete_voorstellen(asiel, onwil, beleid, voorstel):
    assert (
        rules.boete_voorstellen(
            asielmigrant=asiel, uitzonderlijke_onwil=onwil, geen_boete_asiel=beleid
        )
        is voorstel
    )


@pytest.mark.parametrize(
    ("asiel", "reden", "beleid", "veld"),
    [
        (True, "Weigert elk contact, ook met tolk.", True, None),
        (True, "   ", True, "reden"),
        (False, "Weigert alles.", True, "__all__"),
        (True, "Weigert alles.", False, "__all__"),  # policy off: a boete is possible anyway
    ],
)
def test_onwil_alleen_bij_asiel_en_met_reden(asiel, reden, beleid, veld):
    fouten = rules.onwil_fouten(asielmigrant=asiel, reden=reden, geen_boete_asiel=beleid)
    assert (veld in fouten) if veld else fouten == {}


@pytest.mark.parametrize(
    ("al_gestuurd", "datum", "veld"),
    [
        (None, D(2026, 10, 5), None),
        (D(2026, 10, 5), D(2026, 10, 6), "__all__"),  # once per zaak
        (None, D(2026, 9, 30), "datum"),  # before the verzuim
        (None, D(2026, 11, 21), "datum"),  # in the future
    ],
)
def test_waarschuwing(al_gestuurd, datum, veld):
    fouten = rules.waarschuwing_fouten(
        verzuim_datum=D(2026, 10, 1),
        waarschuwing_datum=al_gestuurd,
        datum=datum,
        vandaag=D(2026, 11, 20),
    )
    assert (veld in fouten) if veld else fouten == {}


VOORNEMEN = {
    "waarschuwing_datum": D(2026, 10, 5),
    "open_voornemen": False,
    "datum": D(2026, 11, 2),
    "vandaag": D(2026, 11, 20),
    "voorschrift": "Wet inburgering 2021, artikel 16",
    "bedrag": 250,
    "route": "schriftelijk",
    "hoorzitting_datum": None,
    "zienswijze_tot": D(2026, 11, 16),
}


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({}, None),
        (
            {"route": "hoorzitting", "hoorzitting_datum": D(2026, 11, 18), "zienswijze_tot": None},
            None,
        ),
        ({"waarschuwing_datum": None}, "__all__"),  # warning first
        ({"open_voornemen": True}, "__all__"),  # one voornemen per boete, one at a time
        ({"datum": D(2026, 11, 21)}, "datum"),
        ({"datum": D(2026, 10, 4)}, "datum"),  # before the warning
        ({"voorschrift": "  "}, "voorschrift"),  # the broken voorschrift is named
        ({"voorschrift": "x" * 301}, "voorschrift"),
        ({"bedrag": 801}, "bedrag"),
        ({"route": None}, "route"),
        ({"route": "telefoon"}, "route"),
        ({"route": "hoorzitting", "zienswijze_tot": None}, "hoorzitting_datum"),
        ({"route": "hoorzitting", "hoorzitting_datum": D(2026, 11, 1)}, "hoorzitting_datum"),
        ({"zienswijze_tot": None}, "zienswijze_tot"),
        ({"zienswijze_tot": D(2026, 11, 2)}, "zienswijze_tot"),
    ],
)
def test_voornemen(wijziging, veld):
    fouten = rules.voornemen_fouten(**{**VOORNEMEN, **wijziging})
    assert (veld in fouten) if veld else fouten == {}


ZIENSWIJZE = {
    "route": "hoorzitting",
    "voornemen_datum": D(2026, 11, 2),
    "zienswijze_moment": D(2026, 11, 18),
    "datum": D(2026, 11, 18),
    "vandaag": D(2026, 11, 20),
    "niet_gereageerd": False,
    "cautie_gegeven": True,
}


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({}, None),
        # Awb 5:10a: no verslag of a hoorzitting without the cautie.
        ({"cautie_gegeven": False}, "cautie_gegeven"),
        # A written zienswijze is no verhoor: no cautie needed.
        ({"route": "schriftelijk", "cautie_gegeven": False}, None),
        ({"datum": D(2026, 11, 21)}, "datum"),
        ({"datum": D(2026, 11, 1)}, "datum"),
        # "Did not come / react" only once the moment has passed.
        ({"niet_gereageerd": True, "cautie_gegeven": False}, None),
        ({"niet_gereageerd": True, "zienswijze_moment": D(2026, 11, 21)}, "__all__"),
        # A written term runs "tot en met": not on its last day, only after it.
        (
            {
                "route": "schriftelijk",
                "niet_gereageerd": True,
                "cautie_gegeven": False,
                "zienswijze_moment": D(2026, 11, 18),
            },
            "__all__",
        ),
        (
            {
                "route": "schriftelijk",
                "niet_gereageerd": True,
                "cautie_gegeven": False,
                "zienswijze_moment": D(2026, 11, 17),
            },
            None,
        ),
        # The recorded date counts, not only today.
        ({"niet_gereageerd": True, "datum": D(2026, 11, 17)}, "__all__"),
    ],
)
def test_zienswijze_en_cautie(wijziging, veld):
    fouten = rules.zienswijze_fouten(**{**ZIENSWIJZE, **wijziging})
    assert (veld in fouten) if veld else fouten == {}


@pytest.mark.parametrize(("route", "vereist"), [("hoorzitting", True), ("schriftelijk", False)])
def test_cautie_bij_hoorzitting(route, vereist):
    assert rules.cautie_vereist(route) is vereist


@pytest.mark.parametrize(
    ("voornemen", "uiterlijk", "signaal"),
    [
        # Awb 5:51: 13 weeks after the dagtekening; the signal two weeks earlier.
        (D(2026, 11, 2), D(2027, 2, 1), D(2027, 1, 18)),
        (D(2026, 12, 31), D(2027, 4, 1), D(2027, 3, 18)),
    ],
)
def test_awb_beslistermijn_13_weken(voornemen, uiterlijk, signaal):
    assert rules.beslissen_uiterlijk(voornemen) == uiterlijk
    assert rules.beslistermijn_signaal_vanaf(voornemen) == signaal
    # The engine's selection agrees: on the signal day the voornemen is in, a day earlier not.
    assert voornemen <= rules.beslistermijn_signaal_voornemens_tot(signaal)
    assert voornemen > rules.beslistermijn_signaal_voornemens_tot(signaal - timedelta(1))


def test_elke_verlengingsgrond_met_route():
    codes = {g.code for g in rules.VERLENGINGSGRONDEN}
    assert {
        "ziekte",
        "ziekte_familie",
        "overlijden",
        "bevalling",
        "opleiding",
        "ambtshalve",
    } <= codes
    assert {g.route for g in rules.VERLENGINGSGRONDEN} == set(rules.VERLENGING_ROUTES)


@pytest.mark.parametrize(("geen_contact", "fout"), [(False, False), (True, True)])
def test_geen_brief_zonder_contact(geen_contact, fout):
    assert bool(rules.brief_fouten(geen_contact=geen_contact)) is fout


@pytest.mark.parametrize(
    ("start", "vanaf"),
    [
        (None, None),
        (D(2026, 1, 15), D(2028, 7, 15)),  # 2.5 years
        (D(2026, 8, 31), D(2029, 2, 28)),  # no 31 February
        (D(2027, 8, 31), D(2030, 2, 28)),
        (D(2025, 8, 31), D(2028, 2, 29)),  # leap year
    ],
)
def test_verlenging_aanvragen_vanaf_2_5_jaar(start, vanaf):
    assert rules.verlenging_aanvragen_vanaf(start) == vanaf


@pytest.mark.parametrize(
    ("ontvangen", "uiterlijk"),
    [
        (D(2026, 11, 1), D(2026, 12, 27)),
        (D(2026, 12, 31), D(2027, 2, 25)),
    ],
)
def test_duo_beslist_binnen_8_weken(ontvangen, uiterlijk):
    assert rules.duo_antwoord_uiterlijk(ontvangen) == uiterlijk


@pytest.mark.parametrize(
    ("waarschuwing", "signaal"),
    [
        (D(2026, 10, 1), D(2026, 10, 29)),
        (D(2026, 12, 31), D(2027, 1, 28)),
    ],
)
def test_waarschuwing_opvolgen_na_4_weken(waarschuwing, signaal):
    assert rules.waarschuwing_te_laat_opgevolgd(waarschuwing) == signaal


def test_bezwaar_binnen_zes_weken():
    assert rules.bezwaar_uiterlijk(D(2026, 11, 20)) == D(2027, 1, 1)
