"""The 10-week PIP clock (Wi2021 art. 15, Bi art. 5.3; clock starts at DUO's SS139) and how
urgent a deadline is on the werkvoorraad (warning from two weeks before; overdue after)."""

from datetime import date, timedelta

import pytest

from koers.inburgeraars.rules import (
    deadline_bereik,
    deadline_urgentie,
    pip_uiterlijk,
    volgende_deadline,
)
from tests.factories import TrajectFactory

KLOK = date(2026, 9, 1)
TIEN_WEKEN_LATER = date(2026, 11, 10)  # 1 Sep + 70 days (30 in Sep, 31 in Oct, 9 in Nov)


@pytest.mark.parametrize(
    ("klok", "derde", "verwacht"),
    [
        pytest.param(None, None, None, id="no-clock-no-deadline"),
        pytest.param(None, date(2026, 10, 1), None, id="third-party-info-without-clock"),
        pytest.param(KLOK, None, TIEN_WEKEN_LATER, id="ten-weeks"),
        pytest.param(date(2028, 1, 1), None, date(2028, 3, 11), id="ten-weeks-over-29-feb"),
        pytest.param(
            KLOK, date(2026, 10, 1), TIEN_WEKEN_LATER, id="third-party-info-early-no-extension"
        ),
        pytest.param(
            KLOK,
            date(2026, 10, 27),
            TIEN_WEKEN_LATER,
            id="third-party-plus-two-weeks-equals-deadline",
        ),
        pytest.param(
            KLOK,
            date(2026, 10, 28),
            date(2026, 11, 11),
            id="third-party-plus-two-weeks-one-day-later",
        ),
        pytest.param(
            KLOK, date(2026, 11, 9), date(2026, 11, 23), id="third-party-info-late-extends"
        ),
    ],
)
def test_pip_uiterlijk(klok, derde, verwacht):
    assert pip_uiterlijk(klok, derde) == verwacht


DEADLINE = date(2026, 11, 10)


@pytest.mark.parametrize(
    ("vandaag", "urgentie"),
    [
        pytest.param(date(2026, 9, 1), "op_tijd", id="ten-weeks-before"),
        pytest.param(date(2026, 10, 26), "op_tijd", id="15-days-before"),
        pytest.param(date(2026, 10, 27), "bijna", id="exactly-14-days-before"),
        pytest.param(date(2026, 11, 9), "bijna", id="day-before"),
        pytest.param(DEADLINE, "bijna", id="day-of-deadline-not-late"),
        pytest.param(date(2026, 11, 11), "te_laat", id="day-after"),
        pytest.param(date(2027, 1, 1), "te_laat", id="long-after"),
    ],
)
def test_deadline_urgentie(vandaag, urgentie):
    assert deadline_urgentie(DEADLINE, vandaag) == urgentie


def test_geen_deadline_geen_urgentie():
    assert deadline_urgentie(None, date(2026, 11, 11)) == "geen"


@pytest.mark.parametrize(
    ("status", "verwacht"),
    [
        ("aangemeld", DEADLINE),
        ("brede_intake", DEADLINE),
        ("pip_vastgesteld", None),
        ("in_uitvoering", None),
        ("afgerond", None),
    ],
)
def test_volgende_deadline_is_pip_deadline_tot_pip_vastgesteld(status, verwacht):
    assert volgende_deadline(status, DEADLINE) == verwacht


def test_traject_slaat_afgeleide_deadlines_op(db):
    traject = TrajectFactory(
        datum_start_pip_termijn=KLOK, derde_informatie_ontvangen=date(2026, 11, 9)
    )
    traject.refresh_from_db()
    assert traject.pip_uiterlijk == date(2026, 11, 23)
    assert traject.volgende_deadline == date(2026, 11, 23)
    assert traject.urgentie(date(2026, 11, 24)) == "te_laat"


@pytest.mark.parametrize("urgentie", ["te_laat", "bijna", "op_tijd"])
def test_deadline_bereik_is_de_set_versie_van_deadline_urgentie(urgentie):
    """A list filter on the range must select exactly the deadlines with that urgency."""
    vandaag = date(2026, 11, 10)
    van, tot = deadline_bereik(urgentie, vandaag)
    for delta in range(-40, 41):
        deadline = vandaag + timedelta(days=delta)
        in_bereik = (van is None or deadline >= van) and (tot is None or deadline <= tot)
        assert in_bereik is (deadline_urgentie(deadline, vandaag) == urgentie), deadline


def test_geen_deadline_heeft_geen_bereik():
    with pytest.raises(ValueError):
        deadline_bereik("geen", date(2026, 11, 10))
