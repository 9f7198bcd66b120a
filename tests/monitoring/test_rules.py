"""Table-driven tests of koers.monitoring.rules."""

from datetime import date

import pytest

from koers.monitoring import rules
from koers.pip import rules as pip_rules


def _eind(dagtekening):
    return pip_rules.termijn(dagtekening)[1]


@pytest.mark.parametrize(
    ("dagtekening", "jaar1", "daarna", "verwacht"),
    [
        # DOMAIN.md (P): every 3 months in year 1, then every 6 months, until the termijn ends.
        (
            date(2026, 10, 1),
            3,
            6,
            [
                date(2027, 1, 1),
                date(2027, 4, 1),
                date(2027, 7, 1),
                date(2027, 10, 1),
                date(2028, 4, 1),
                date(2028, 10, 1),
                date(2029, 4, 1),
                date(2029, 10, 1),
            ],
        ),
        # Month ends are clamped, without drift: counted from the dagtekening each time.
        (
            date(2026, 8, 31),
            3,
            6,
            [
                date(2026, 11, 30),
                date(2027, 2, 28),
                date(2027, 5, 31),
                date(2027, 8, 31),
                date(2028, 2, 29),
                date(2028, 8, 31),
                date(2029, 2, 28),
                date(2029, 8, 31),
            ],
        ),
        # A gemeente's own setting: every 4 months, then yearly.
        (
            date(2026, 1, 15),
            4,
            12,
            [
                date(2026, 5, 15),
                date(2026, 9, 15),
                date(2027, 1, 15),
                date(2028, 1, 15),
                date(2029, 1, 15),
            ],
        ),
        # An interval that does not divide the year: the gesprek in year 2 follows at 6 months.
        (
            date(2026, 1, 1),
            5,
            6,
            [
                date(2026, 6, 1),
                date(2026, 11, 1),
                date(2027, 4, 1),
                date(2027, 10, 1),
                date(2028, 4, 1),
                date(2028, 10, 1),
            ],
        ),
    ],
)
def test_gespreksdata(dagtekening, jaar1, daarna, verwacht):
    assert (
        rules.gespreksdata(
            dagtekening, eind=_eind(dagtekening), maanden_jaar1=jaar1, maanden_daarna=daarna
        )
        == verwacht
    )


def test_gespreksdata_stop_at_the_end():
    assert rules.gespreksdata(date(2026, 10, 1), eind=date(2027, 4, 1)) == [date(2027, 1, 1)]
    assert rules.gespreksdata(date(2026, 10, 1), eind=date(2026, 12, 1)) == []


@pytest.mark.parametrize(
    ("jaar1", "daarna", "fout"),
    [
        (3, 6, set()),
        (1, 12, set()),
        (0, 6, {"maanden_jaar1"}),
        (3, 13, {"maanden_daarna"}),
        (True, 6, {"maanden_jaar1"}),
        ("3", 6, {"maanden_jaar1"}),
    ],
)
def test_interval_fouten(jaar1, daarna, fout):
    assert set(rules.interval_fouten(jaar1, daarna)) == fout


def test_gespreksdata_refuses_bad_intervals():
    with pytest.raises(ValueError):
        rules.gespreksdata(date(2026, 1, 1), eind=date(2029, 1, 1), maanden_jaar1=0)


@pytest.mark.parametrize(
    ("score", "fout"),
    [
        (None, False),
        (0, False),
        (10, False),
        (-1, True),
        (11, True),
        (True, True),
        ("5", True),
        (5.5, True),
    ],
)
def test_score_fout(score, fout):
    assert (rules.score_fout(score) is not None) is fout


VANDAAG = date(2026, 10, 1)


@pytest.mark.parametrize(
    ("tot", "reden", "velden"),
    [
        (date(2026, 10, 2), "Wacht op DUO", set()),
        (date(2027, 10, 2), "Wacht op DUO", set()),  # 366 days: still allowed
        (date(2027, 10, 3), "Wacht op DUO", {"uitgesteld_tot"}),
        (VANDAAG, "Wacht op DUO", {"uitgesteld_tot"}),
        (None, "Wacht", {"uitgesteld_tot"}),
        (date(2026, 11, 1), "   ", {"reden"}),
        (date(2026, 11, 1), "x" * 501, {"reden"}),
    ],
)
def test_uitstel_fouten(tot, reden, velden):
    assert set(rules.uitstel_fouten(tot, reden, VANDAAG)) == velden


@pytest.mark.parametrize(
    ("vervaldatum", "urgentie"),
    [(date(2026, 9, 30), "te_laat"), (VANDAAG, "bijna"), (date(2026, 12, 1), "bijna")],
)
def test_urgentie(vervaldatum, urgentie):
    assert rules.urgentie(vervaldatum, VANDAAG) == urgentie


@pytest.mark.parametrize(("naam", "waarde"), [("PIP_HORIZON", 14), ("GESPREK_HORIZON", 14)])
def test_horizons_in_days(naam, waarde):
    assert getattr(rules, naam).days == waarde


def test_termijn_horizons():
    assert (rules.TERMIJN_MAANDEN_WAARSCHUWING, rules.TERMIJN_MAANDEN_VERWIJTBAAR) == (6, 2)


def test_effect_is_the_change_until_the_next_measurement():
    dims = ("a", "b")
    metingen = [
        rules.Meting(date(2027, 4, 1), {"a": 5, "b": None}),  # out of order on purpose
        rules.Meting(date(2026, 10, 1), {"a": 3, "b": 4}, ("taal",)),
        rules.Meting(date(2027, 1, 1), {"a": 4, "b": 6}, ("werk", "tolk")),
    ]
    effecten = rules.effecten(metingen, dims)
    assert [(e.datum, e.na, e.interventies, e.verschil) for e in effecten] == [
        (date(2026, 10, 1), date(2027, 1, 1), ("taal",), {"a": 1, "b": 2}),
        (date(2027, 1, 1), date(2027, 4, 1), ("werk", "tolk"), {"a": 1, "b": None}),
    ]


def test_no_effect_without_a_later_measurement():
    assert rules.effecten([rules.Meting(date(2026, 1, 1), {"a": 1}, ("taal",))], ("a",)) == []


@pytest.mark.parametrize(
    ("gepland", "gehouden", "vervult"),
    [
        (date(2027, 1, 1), date(2027, 3, 1), True),  # overdue: held late still counts
        (date(2027, 1, 1), date(2027, 1, 1), True),
        (date(2027, 1, 1), date(2026, 11, 20), True),  # 6 weeks early
        (date(2027, 1, 1), date(2026, 11, 19), False),  # earlier: an extra gesprek
    ],
)
def test_vervult_planning(gepland, gehouden, vervult):
    assert rules.vervult_planning(gepland, gehouden) is vervult


@pytest.mark.parametrize(
    ("start", "gehouden", "verwacht"),
    [
        # Rhythm from the start of the traject; dates already held are not planned again.
        (date(2026, 10, 1), (), [date(2027, 1, 1), date(2027, 4, 1), date(2027, 7, 1)]),
        (date(2026, 10, 1), (date(2027, 1, 1),), [date(2027, 4, 1), date(2027, 7, 1)]),
        # Held a few days late or up to 6 weeks early: it fills that date.
        (date(2026, 10, 1), (date(2027, 1, 4),), [date(2027, 4, 1), date(2027, 7, 1)]),
        (date(2026, 10, 1), (date(2026, 11, 20),), [date(2027, 4, 1), date(2027, 7, 1)]),
        # Held earlier than that: an extra gesprek, the planned one stays.
        (
            date(2026, 10, 1),
            (date(2026, 11, 1),),
            [date(2027, 1, 1), date(2027, 4, 1), date(2027, 7, 1)],
        ),
        # One missed, then one held: it fills the nearest open date, as recording does; the
        # missed one stays open until it is closed with a reason.
        (date(2026, 10, 1), (date(2027, 4, 2),), [date(2027, 1, 1), date(2027, 7, 1)]),
    ],
)
def test_gespreksdata_traject(start, gehouden, verwacht):
    assert rules.gespreksdata_traject(start, eind=date(2027, 8, 1), gehouden=gehouden) == verwacht


JAN, APR, JUL = date(2027, 1, 1), date(2027, 4, 1), date(2027, 7, 1)


@pytest.mark.parametrize(
    ("geplande", "gehouden", "gevuld"),
    [
        ([JAN, APR, JUL], date(2027, 4, 2), APR),  # today's slot, not the missed one of January
        ([JAN, APR, JUL], date(2027, 1, 3), JAN),
        ([JAN, APR, JUL], date(2027, 5, 25), JUL),  # 37 days early is nearer than 54 late
        ([JAN, APR, JUL], date(2027, 5, 10), APR),  # 39 days late is nearer than 52 early
        ([JAN, JUL], date(2027, 4, 1), JAN),  # nothing near ahead: the overdue one
        ([APR, JAN], date(2027, 2, 15), JAN),  # order of the input does not matter
        ([date(2027, 3, 1), date(2027, 3, 31)], date(2027, 3, 16), date(2027, 3, 1)),  # tie
        ([JUL], date(2027, 4, 1), None),  # 13 weeks early: an extra gesprek
        ([], date(2027, 4, 1), None),
    ],
)
def test_dichtstbijzijnde_planning(geplande, gehouden, gevuld):
    assert rules.dichtstbijzijnde_planning(geplande, gehouden) == gevuld
