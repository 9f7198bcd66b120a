"""The rules of handhaving, table by table (rules.py; DOMAIN.md "gemeente boete", "DUO boete
after overrun", "verlenging")."""

from datetime import date

import pytest

from koers.handhaving import rules

D = date


@pytest.mark.parametrize(("bedrag", "fout"), [
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
])
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


BASIS = {"bedrag": 250, "datum": D(2026, 11, 20), "vandaag": D(2026, 11, 20),
         "waarschuwing_datum": D(2026, 10, 5), "hoorzitting_datum": D(2026, 11, 18),
         "laatste_boete_datum": None, "asielmigrant": False, "uitzonderlijke_onwil": False}


@pytest.mark.parametrize(("wijziging", "veld", "tekst"), [
    ({}, None, None),
    ({"waarschuwing_datum": None}, "__all__", "schriftelijke waarschuwing"),
    ({"hoorzitting_datum": None}, "__all__", "hoorzitting"),
    ({"bedrag": 900}, "bedrag", "hoogstens 800"),
    ({"bedrag": 0}, "bedrag", "meer dan 0"),
    ({"datum": D(2026, 11, 21)}, "datum", "toekomst"),
    ({"datum": D(2026, 10, 1)}, "datum", "waarschuwing"),
    ({"datum": D(2026, 11, 10)}, "datum", "hoorzitting"),
    ({"laatste_boete_datum": D(2026, 11, 20)}, None, None),  # Divosa: a second €250
    ({"datum": D(2026, 11, 19), "laatste_boete_datum": D(2026, 11, 20)}, "datum", "vorige"),
    # Asielstatushouders: no boete unless uitzonderlijke onwil (2025 case law).
    ({"asielmigrant": True}, "__all__", "asielstatushouder"),
    ({"asielmigrant": True, "uitzonderlijke_onwil": True}, None, None),
    ({"asielmigrant": False, "uitzonderlijke_onwil": True}, None, None),
])
def test_boete_volgorde_bedrag_en_asiel(wijziging, veld, tekst):
    fouten = rules.boete_fouten(**{**BASIS, **wijziging})
    if veld is None:
        assert fouten == {}
    else:
        assert tekst in fouten[veld].lower()


@pytest.mark.parametrize(("asiel", "onwil", "voorstel"), [
    (False, False, True), (False, True, True), (True, False, False), (True, True, True),
])
def test_boete_voorstellen(asiel, onwil, voorstel):
    assert rules.boete_voorstellen(asielmigrant=asiel, uitzonderlijke_onwil=onwil) is voorstel


@pytest.mark.parametrize(("asiel", "reden", "veld"), [
    (True, "Weigert elk contact, ook met tolk.", None),
    (True, "   ", "reden"),
    (False, "Weigert alles.", "__all__"),
])
def test_onwil_alleen_bij_asiel_en_met_reden(asiel, reden, veld):
    fouten = rules.onwil_fouten(asielmigrant=asiel, reden=reden)
    assert (veld in fouten) if veld else fouten == {}


@pytest.mark.parametrize(("al_gestuurd", "datum", "veld"), [
    (None, D(2026, 10, 5), None),
    (D(2026, 10, 5), D(2026, 10, 6), "__all__"),  # once per zaak
    (None, D(2026, 9, 30), "datum"),  # before the verzuim
    (None, D(2026, 11, 21), "datum"),  # in the future
])
def test_waarschuwing(al_gestuurd, datum, veld):
    fouten = rules.waarschuwing_fouten(verzuim_datum=D(2026, 10, 1),
                                       waarschuwing_datum=al_gestuurd, datum=datum,
                                       vandaag=D(2026, 11, 20))
    assert (veld in fouten) if veld else fouten == {}


@pytest.mark.parametrize(("waarschuwing", "verslag", "datum", "veld"), [
    (D(2026, 10, 5), False, D(2026, 12, 1), None),
    (None, False, D(2026, 12, 1), "__all__"),  # no hoorzitting before the warning
    (D(2026, 10, 5), True, D(2026, 12, 1), "__all__"),  # already held
    (D(2026, 10, 5), False, D(2026, 10, 4), "datum"),
])
def test_hoorzitting_na_waarschuwing(waarschuwing, verslag, datum, veld):
    fouten = rules.hoorzitting_fouten(waarschuwing_datum=waarschuwing,
                                      verslag_vastgelegd=verslag, datum=datum)
    assert (veld in fouten) if veld else fouten == {}


@pytest.mark.parametrize(("hoorzitting", "fout"), [
    (None, True), (D(2026, 11, 21), True), (D(2026, 11, 20), False), (D(2026, 11, 1), False),
])
def test_verslag_pas_na_de_hoorzitting(hoorzitting, fout):
    assert bool(rules.verslag_fouten(hoorzitting_datum=hoorzitting,
                                     vandaag=D(2026, 11, 20))) is fout


@pytest.mark.parametrize(("geen_contact", "fout"), [(False, False), (True, True)])
def test_geen_brief_zonder_contact(geen_contact, fout):
    assert bool(rules.brief_fouten(geen_contact=geen_contact)) is fout


@pytest.mark.parametrize(("start", "vanaf"), [
    (None, None),
    (D(2026, 1, 15), D(2028, 7, 15)),  # 2.5 years
    (D(2026, 8, 31), D(2029, 2, 28)),  # no 31 February
    (D(2027, 8, 31), D(2030, 2, 28)),
    (D(2025, 8, 31), D(2028, 2, 29)),  # leap year
])
def test_verlenging_aanvragen_vanaf_2_5_jaar(start, vanaf):
    assert rules.verlenging_aanvragen_vanaf(start) == vanaf


@pytest.mark.parametrize(("ontvangen", "uiterlijk"), [
    (D(2026, 11, 1), D(2026, 12, 27)), (D(2026, 12, 31), D(2027, 2, 25)),
])
def test_duo_beslist_binnen_8_weken(ontvangen, uiterlijk):
    assert rules.duo_antwoord_uiterlijk(ontvangen) == uiterlijk


@pytest.mark.parametrize(("waarschuwing", "signaal"), [
    (D(2026, 10, 1), D(2026, 10, 29)), (D(2026, 12, 31), D(2027, 1, 28)),
])
def test_waarschuwing_opvolgen_na_4_weken(waarschuwing, signaal):
    assert rules.waarschuwing_te_laat_opgevolgd(waarschuwing) == signaal


def test_bezwaar_binnen_zes_weken():
    assert rules.bezwaar_uiterlijk(D(2026, 11, 20)) == D(2027, 1, 1)
