"""The inburgeringstermijn: three years from the day after the first PIP's dagtekening
(Wi2021 art. 11); the end date is exclusive, like DUO's (DOMAIN.md)."""

from datetime import date

import pytest

from koers.pip.rules import add_months, termijn


@pytest.mark.parametrize(
    ("dagtekening", "start", "eind"),
    [
        pytest.param(date(2026, 10, 1), date(2026, 10, 2), date(2029, 10, 2), id="ordinary"),
        pytest.param(date(2026, 12, 31), date(2027, 1, 1), date(2030, 1, 1), id="new-year"),
        pytest.param(date(2028, 2, 29), date(2028, 3, 1), date(2031, 3, 1), id="29-february"),
        pytest.param(date(2027, 2, 28), date(2027, 3, 1), date(2030, 3, 1), id="28-february"),
    ],
)
def test_termijn(dagtekening, start, eind):
    assert termijn(dagtekening) == (start, eind)


@pytest.mark.parametrize(
    ("dag", "maanden", "verwacht"),
    [
        pytest.param(date(2026, 1, 15), 1, date(2026, 2, 15), id="plain"),
        pytest.param(date(2026, 1, 31), 1, date(2026, 2, 28), id="31-jan-to-feb"),
        pytest.param(date(2027, 1, 31), 13, date(2028, 2, 29), id="31-jan-to-leap-feb"),
        pytest.param(date(2026, 8, 31), 18, date(2028, 2, 29), id="31-aug-plus-18-leap"),
        pytest.param(date(2027, 8, 31), 18, date(2029, 2, 28), id="31-aug-plus-18"),
        pytest.param(date(2026, 3, 31), 1, date(2026, 4, 30), id="31-mar-to-apr"),
        pytest.param(date(2026, 11, 30), 2, date(2027, 1, 30), id="across-year"),
        pytest.param(date(2028, 2, 29), 12, date(2029, 2, 28), id="29-feb-plus-year"),
        pytest.param(date(2026, 5, 5), 0, date(2026, 5, 5), id="zero"),
        pytest.param(date(2026, 5, 5), 36, date(2029, 5, 5), id="three-years"),
    ],
)
def test_add_months(dag, maanden, verwacht):
    assert add_months(dag, maanden) == verwacht
