"""Table-driven tests of koers.begeleiding.rules."""

from datetime import date
from decimal import Decimal

import pytest

from koers.begeleiding import rules
from koers.inburgeraars.rules import doelgroepindeling


@pytest.mark.parametrize(
    ("score", "contacten"), [(None, None), (1, 8), (2, 4), (3, 2), (4, 1), (5, None)]
)
def test_intensiteit_neemt_af_als_zelfredzaamheid_groeit(score, contacten):
    assert rules.voorgestelde_intensiteit(score) == contacten


def test_intensiteit_daalt_monotoon():
    waarden = [rules.voorgestelde_intensiteit(s) for s in range(1, 5)]
    assert waarden == sorted(waarden, reverse=True)
    assert rules.kan_afbouwen(4) and not rules.kan_afbouwen(3)


@pytest.mark.parametrize(
    ("doelgroep", "bijstand", "groep", "verwacht"),
    [
        # The law (art. 56a Participatiewet): an asylum residence permit and bijstand.
        ("Asielstatushouder", True, "wet", True),
        ("Asielstatushouder", False, "wet", False),
        ("Gezinshereniger met Asielstatushouder", True, "wet", False),
        ("Gezinsvormer met Asielstatushouder", True, "wet", False),
        # The gemeente's wider choice: every asielstatushouder in DUO's indeling.
        ("Gezinshereniger met Asielstatushouder", True, "asielmigranten", True),
        ("Gezinsvormer met Asielstatushouder", True, "asielmigranten", True),
        ("Gezinsvormer met Asielstatushouder", False, "asielmigranten", False),
        ("Gezinshereniger", True, "asielmigranten", False),
        ("Gezinsvormer", True, "wet", False),
        ("Overig", True, "asielmigranten", False),
        ("Geestelijk bedienaar", True, "wet", False),
    ],
)
def test_wie_komt_in_aanmerking(doelgroep, bijstand, groep, verwacht):
    indeling = doelgroepindeling(doelgroep).value
    assert rules.komt_in_aanmerking(doelgroep, indeling, bijstand, groep) is verwacht


def test_duo_indeling_gezinsmigrant_met_asielvergunning_blijft_onder_de_wet():
    # DUO may give a holder of an asylum permit the rights of a gezinsmigrant on request;
    # art. 56a follows the permit, so the duty stays.
    assert rules.komt_in_aanmerking(
        "Asielstatushouder", "Gezinsmigrant en overige migrant", True, "wet"
    )
    # A gezinsvormer whom DUO kept asylum rights: only by the gemeente's wider choice.
    assert not rules.komt_in_aanmerking("Gezinsvormer", "Asielstatushouder", True, "wet")
    assert rules.komt_in_aanmerking("Gezinsvormer", "Asielstatushouder", True, "asielmigranten")


@pytest.mark.parametrize(
    ("start", "einde", "vandaag", "heeft", "verwacht"),
    [
        (date(2026, 10, 1), None, date(2026, 11, 15), False, True),
        (date(2026, 10, 1), None, date(2026, 11, 15), True, False),  # ontzorgen recorded
        (date(2026, 12, 1), None, date(2026, 11, 15), False, False),  # bijstand not started
        (date(2026, 4, 1), None, date(2026, 11, 15), False, False),  # the 6 months are over
        (date(2026, 10, 1), date(2026, 10, 31), date(2026, 11, 15), False, False),  # stopped
        (None, None, date(2026, 11, 15), False, False),
    ],
)
def test_signaal_ontzorgen_ontbreekt(start, einde, vandaag, heeft, verwacht):
    assert (
        rules.ontzorgen_ontbreekt(
            in_aanmerking=True,
            start_bijstand=start,
            einde_bijstand=einde,
            heeft_ontzorgen=heeft,
            vandaag=vandaag,
        )
        is verwacht
    )
    assert not rules.ontzorgen_ontbreekt(
        in_aanmerking=False,
        start_bijstand=start,
        einde_bijstand=einde,
        heeft_ontzorgen=heeft,
        vandaag=vandaag,
    )


@pytest.mark.parametrize(
    ("start", "einde", "velden"),
    [
        (date(2026, 10, 1), None, set()),
        (None, None, {"start"}),
        (date(2021, 12, 31), None, {"start"}),
        (date(2027, 3, 1), None, {"start"}),  # more than 3 months ahead
        (date(2026, 10, 1), date(2026, 9, 30), {"einde"}),
        (date(2026, 10, 1), date(2028, 1, 1), {"einde"}),
        (date(2026, 10, 1), date(2026, 10, 1), set()),
    ],
)
def test_bijstand_fouten(start, einde, velden):
    assert set(rules.bijstand_fouten(start, einde, date(2026, 11, 15))) == velden


@pytest.mark.parametrize(
    ("start", "einde_bijstand", "eind", "vroeg"),
    [
        (date(2026, 10, 1), None, date(2027, 3, 31), False),
        (date(2026, 8, 31), None, date(2027, 2, 27), False),  # 28 Feb exists: day before
        (date(2026, 11, 15), None, date(2027, 5, 14), False),
        (date(2026, 10, 1), date(2026, 12, 31), date(2026, 12, 31), True),
        (date(2026, 10, 1), date(2027, 3, 31), date(2027, 3, 31), False),
        (date(2026, 10, 1), date(2027, 8, 1), date(2027, 3, 31), False),  # later: 6 months
    ],
)
def test_zes_maanden_of_eerder_als_de_bijstand_stopt(start, einde_bijstand, eind, vroeg):
    assert rules.einddatum(start, einde_bijstand) == eind
    assert rules.is_vroeg_beeindigd(start, einde_bijstand) is vroeg


@pytest.mark.parametrize(
    ("datum", "maanden", "verwacht"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 1), -2, date(2026, 1, 1)),
    ],
)
def test_plus_maanden(datum, maanden, verwacht):
    assert rules.plus_maanden(datum, maanden) == verwacht


@pytest.mark.parametrize(
    ("eind", "vandaag", "signaal"),
    [
        (date(2027, 3, 31), date(2027, 3, 2), date(2027, 3, 3)),
        (date(2026, 12, 31), date(2026, 12, 1), date(2026, 12, 3)),
    ],
)
def test_signaal_vier_weken_voor_het_einde(eind, vandaag, signaal):
    assert rules.signaaldatum_einde(eind) == signaal
    assert rules.is_lopend(eind, vandaag)
    assert not rules.is_lopend(eind, date(2027, 4, 1))


@pytest.mark.parametrize(
    ("start", "eind", "aantal", "eerste", "laatste"),
    [
        (date(2026, 10, 1), date(2027, 3, 31), 6, date(2026, 10, 1), date(2027, 3, 1)),
        (date(2026, 10, 15), date(2027, 4, 14), 7, date(2026, 10, 1), date(2027, 4, 1)),
        (date(2026, 10, 1), date(2026, 11, 20), 2, date(2026, 10, 1), date(2026, 11, 1)),
    ],
)
def test_betaalmaanden(start, eind, aantal, eerste, laatste):
    maanden = rules.betaalmaanden(start, eind)
    assert len(maanden) == aantal and maanden[0] == eerste and maanden[-1] == laatste


@pytest.mark.parametrize(
    ("maand", "uiterlijk"),
    [
        (date(2026, 2, 1), date(2026, 2, 28)),
        (date(2028, 2, 1), date(2028, 2, 29)),
        (date(2026, 12, 1), date(2026, 12, 31)),
    ],
)
def test_betaling_uiterlijk_eind_van_de_maand(maand, uiterlijk):
    assert rules.betaling_uiterlijk(maand) == uiterlijk


@pytest.mark.parametrize(
    ("post", "bedrag", "fout"),
    [
        ("huur", "612.50", None),
        ("huur", "2500.00", None),
        ("huur", "2500.01", "te hoog"),
        ("huur", "61250", "te hoog"),
        ("energie_water", "0", "groter zijn dan 0"),
        ("zorgverzekering", "-138.20", "groter zijn dan 0"),
        ("zorgverzekering", "138.205", "2 cijfers"),
        ("energie_water", "1000", None),
    ],
)
def test_absurde_bedragen_worden_geweigerd(post, bedrag, fout):
    uitkomst = rules.bedrag_fout(post, Decimal(bedrag))
    if fout is None:
        assert uitkomst is None
    else:
        assert fout in uitkomst


@pytest.mark.parametrize(
    ("start", "fout"),
    [
        (date(2021, 12, 31), "1 januari 2022"),
        (date(2022, 1, 1), None),
        (date(2026, 11, 15), None),
        (date(2027, 2, 15), None),
        (date(2027, 3, 1), "toekomst"),
    ],
)
def test_start_bijstand(start, fout):
    uitkomst = rules.start_bijstand_fout(start, date(2026, 11, 15))
    assert (uitkomst is None) if fout is None else (fout in uitkomst)


@pytest.mark.parametrize(
    ("tabel", "fout"),
    [
        ({1: 8, 2: 4, 3: 2, 4: 1}, None),
        ({1: 4, 2: 4, 3: 4, 4: 0}, None),
        ({1: 2, 2: 4, 3: 2, 4: 1}, "niet stijgen"),
        ({1: 40, 2: 4, 3: 2, 4: 1}, "van 0 tot en met 31"),
    ],
)
def test_tabel_van_de_gemeente_moet_afbouwen(tabel, fout):
    uitkomst = rules.intensiteit_tabel_fout(tabel)
    assert (uitkomst is None) if fout is None else (fout in uitkomst)


def test_eigen_tabel_en_maxima_van_de_gemeente():
    assert rules.voorgestelde_intensiteit(2, {1: 4, 2: 3, 3: 1, 4: 0}) == 3
    assert rules.bedrag_fout("huur", Decimal("900"), {"huur": Decimal("800")})
    assert rules.bedrag_fout("huur", Decimal("900")) is None


@pytest.mark.parametrize(
    ("betaald_op", "start", "fout"),
    [
        (date(2026, 5, 28), date(2026, 5, 29), True),  # before the bijstand: impossible
        (date(2026, 5, 29), date(2026, 5, 29), False),  # the first day
        (date(2026, 6, 3), date(2026, 5, 29), False),
        (date(2026, 1, 1), None, False),  # start not known yet: not judged
    ],
)
def test_betaaldatum_niet_voor_de_bijstand(betaald_op, start, fout):
    assert (rules.betaaldatum_fout(betaald_op, start) is not None) is fout
