"""The leerroute rules, table-driven."""

from datetime import date
from decimal import Decimal as D

import pytest

from koers.duo import rules as duo_rules
from koers.inburgeraars.rules import doelgroepindeling
from koers.leerroute import rules

S = date(2026, 10, 2)
E = date(2029, 10, 2)  # 1096 days


@pytest.mark.parametrize(
    ("leerroute", "bow", "tst", "goed"),
    [
        ("B", True, False, True),
        ("B", False, True, False),
        ("Z", True, False, True),
        ("Z", False, True, False),
        ("O", False, True, True),
        ("O", True, False, True),
        ("O", False, False, False),
        ("B", False, False, False),
    ],
)
def test_keurmerk(leerroute, bow, tst, goed):
    """One keurmerk rule (DUO's) decides both which instellingen Koers lists and what DUO
    accepts."""
    instelling = duo_rules.Instelling("12AB", bow_keurmerk=bow, tst_keurmerk=tst)
    assert (duo_rules.instelling_fouten(leerroute, instelling) == {}) is goed
    assert (rules.gebruikt_keurmerk(leerroute, bow=bow, tst=tst) is not None) is goed


def _p(**kw):
    basis = {
        "soort": "taal",
        "start": date(2027, 1, 1),
        "eind": date(2027, 1, 31),
        "gepland": D(40),
        "gevolgd": D(30),
        "aanwezigheid": 75,
    }
    return rules.Periode(**{**basis, **kw})


@pytest.mark.parametrize(
    ("periode", "fout"),
    [
        (_p(), None),
        (_p(gevolgd=D(50)), None),  # extra lessons are allowed
        (_p(soort="zwemmen"), "soort"),
        (_p(start=None), "periode_start"),
        (_p(start=date(2027, 7, 1), eind=date(2027, 7, 2)), "periode_start"),
        (_p(eind=date(2026, 12, 31)), "periode_eind"),
        (_p(eind=None), "periode_eind"),
        (_p(gepland=D(-1)), "uren_gepland"),
        (_p(gevolgd=D(-0.5)), "uren_gevolgd"),
        (_p(gevolgd=D(1000)), "uren_gevolgd"),
        (_p(gepland=None), "uren_gepland"),
        (_p(aanwezigheid=101), "aanwezigheid"),
        (_p(aanwezigheid=-1), "aanwezigheid"),
        (_p(aanwezigheid=None), None),
    ],
)
def test_periode(periode, fout):
    f = rules.periode_fouten(periode, vandaag=date(2027, 6, 1))
    assert (list(f) == [fout]) if fout else f == {}


@pytest.mark.parametrize(
    ("leerroute", "niveau", "uren", "gepland", "mogelijk"),
    [
        ("B", "B1", D(600), D(700), True),
        ("B", "", D(650), D(650), True),
        ("B", "B1", D("599.9"), D(600), False),  # DOMAIN.md: at least 600 hours
        ("B", "B1", D(600), D(800), False),  # 75% < 80%: not enough effort
        ("B", "B1", D(600), D(750), True),  # exactly 80%
        ("B", "A2", D(900), D(900), False),  # already A2
        ("Z", "A2", D(900), D(900), False),  # B1-route only
        ("O", "", D(900), D(900), False),
        (None, None, D(900), D(900), False),
        ("B", "B1", D(600), D(0), False),  # no planned hours: effort unknown
    ],
)
def test_afschalen(leerroute, niveau, uren, gepland, mogelijk):
    toets = rules.afschalen_toets(
        leerroute=leerroute, niveau=niveau, lesuren_keurmerk=uren, lesuren_gepland_keurmerk=gepland
    )
    assert toets.mogelijk is mogelijk
    assert bool(toets.redenen) is not mogelijk


@pytest.mark.parametrize(
    ("doelgroep", "cursus", "participatie"),
    [
        ("Asielstatushouder", 800, 800),
        ("Gezinsvormer met Asielstatushouder", 800, 800),  # an asielmigrant at DUO
        ("Gezinsvormer", 800, 0),
        ("Gezinshereniger", 800, 0),
        ("Overig", 800, 0),
    ],
)
def test_zroute_norm(doelgroep, cursus, participatie):
    norm = rules.zroute_norm(doelgroepindeling(doelgroep).value)
    assert (norm.cursus, norm.participatie) == (D(cursus), D(participatie))


@pytest.mark.parametrize(
    ("peildatum", "verwacht"),
    [
        (date(2026, 1, 1), D(0)),
        (S, D(0)),
        (date(2028, 4, 2), D("400.0")),  # 548 of 1096 days
        (E, D(800)),
        (date(2030, 1, 1), D(800)),
    ],
)
def test_gepland_tot(peildatum, verwacht):
    assert (
        rules.gepland_tot(D(800), termijn_start=S, termijn_eind=E, peildatum=peildatum) == verwacht
    )


@pytest.mark.parametrize(
    ("uren", "peildatum", "achter"),
    [
        (D(0), date(2026, 11, 1), False),  # 22 hours planned, margin 40
        (D(0), date(2026, 12, 31), True),  # 44 planned
        (D(400), date(2028, 4, 2), False),  # exactly on plan
        (D(355), date(2028, 4, 2), True),  # 45 behind
        (D(365), date(2028, 4, 2), False),  # 35 behind: within the margin
        (D(800), date(2029, 1, 1), False),  # norm met
        (D(770), date(2030, 1, 1), False),  # within the margin of the norm
        (D(700), date(2030, 1, 1), True),
    ],
)
def test_achter_op_plan(uren, peildatum, achter):
    vanaf = rules.achter_vanaf(uren, D(800), termijn_start=S, termijn_eind=E)
    # The stored date and the check agree: behind exactly from achter_vanaf on.
    assert (vanaf is not None and vanaf <= peildatum) is achter


def test_achter_vanaf_is_the_first_day_behind():
    vanaf = rules.achter_vanaf(D(100), D(800), termijn_start=S, termijn_eind=E)
    dag_ervoor = date.fromordinal(vanaf.toordinal() - 1)
    assert rules.gepland_tot(D(800), termijn_start=S, termijn_eind=E, peildatum=vanaf) > D(140)
    assert rules.gepland_tot(D(800), termijn_start=S, termijn_eind=E, peildatum=dag_ervoor) <= D(
        "140.1"
    )
    assert rules.achter_vanaf(D(5), D(0), termijn_start=S, termijn_eind=E) is None


NORM = rules.ZrouteNorm(D(800), D(800))
GEZIN = rules.ZrouteNorm(D(800), D(0))


@pytest.mark.parametrize(
    ("nagekomen", "cursus", "participatie", "norm", "fouten"),
    [
        (True, D(800), D(800), NORM, set()),
        (True, D(800), D(0), GEZIN, set()),
        (None, D(800), D(800), NORM, {"__all__"}),
        (False, D(800), D(800), NORM, {"__all__"}),
        (True, D(799), D(800), NORM, {"cursus_uren"}),
        (True, D(800), D(10), NORM, {"participatie_uren"}),
        (False, D(0), D(0), NORM, {"__all__", "cursus_uren", "participatie_uren"}),
    ],
)
def test_zroute_afronding(nagekomen, cursus, participatie, norm, fouten):
    assert (
        set(
            rules.zroute_afronding_fouten(
                afspraken_nagekomen=nagekomen,
                cursus_uren=cursus,
                participatie_uren=participatie,
                norm=norm,
            )
        )
        == fouten
    )


@pytest.mark.parametrize(("uren", "heel"), [(D("0.9"), 0), (D("12.5"), 12), (D(800), 800)])
def test_hele_uren(uren, heel):
    assert rules.hele_uren(uren) == heel


@pytest.mark.parametrize(
    ("gevolgd", "gepland", "pct"),
    [(D(90), D(100), D("90.0")), (D(1), D(3), D("33.3")), (D(5), D(0), None)],
)
def test_aanwezigheid(gevolgd, gepland, pct):
    assert rules.aanwezigheid(gevolgd, gepland) == pct
