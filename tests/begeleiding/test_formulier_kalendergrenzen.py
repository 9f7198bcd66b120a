"""Date fields of the uitvoering forms refuse a day outside Koers' calendar (1900-2199) with a
Dutch error before any service adds months or days to it."""

import pytest

from koers.begeleiding.forms import BijstandForm, DuaalForm
from koers.handhaving.forms import ZaakForm
from koers.netwerk.forms import AanwezigheidForm


@pytest.mark.parametrize(
    "form, data, veld",
    [
        (BijstandForm, {"bijstand-start": "9999-12-31"}, "start"),
        (BijstandForm, {"bijstand-start": "2026-10-01", "bijstand-einde": "0001-01-01"}, "einde"),
        (DuaalForm, {"duaal-start": "9999-12-31"}, "start"),
        (ZaakForm, {"datum": "0001-01-01"}, "datum"),
        (AanwezigheidForm, {"week": "0001-01-01"}, "week"),
    ],
)
def test_a_day_at_the_calendars_edge_is_a_field_error(form, data, veld):
    formulier = form(data)
    assert not formulier.is_valid()
    assert formulier.errors[veld] == [
        "Deze datum kan niet kloppen. Vul een datum in tussen 1 januari 1900 en 31 december 2199."
    ]
