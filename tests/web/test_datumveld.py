"""Every date field of the web forms refuses a date outside the calendar Koers computes with,
with a form error instead of an error page further on."""

import pytest
from django import forms

from koers.inburgeraars.validatie import datumveld, uitvoering_datum


class Formulier(forms.Form):
    datum = datumveld("Datum")


@pytest.mark.parametrize("waarde", ["0001-01-01", "1899-12-31", "2200-01-01", "9999-12-31"])
def test_date_outside_the_calendar_is_a_form_error(waarde):
    formulier = Formulier(data={"datum": waarde})
    assert not formulier.is_valid()
    assert formulier.errors["datum"]


@pytest.mark.parametrize("waarde", ["1900-01-01", "2026-12-06", "2199-12-31"])
def test_date_inside_the_calendar_is_accepted(waarde):
    formulier = Formulier(data={"datum": waarde})
    assert formulier.is_valid(), formulier.errors


def test_own_validators_of_a_field_still_run():
    def nooit(_waarde):
        raise forms.ValidationError("nee")

    class Streng(forms.Form):
        datum = datumveld("Datum", validators=[nooit])

    formulier = Streng(data={"datum": "2026-12-06"})
    assert not formulier.is_valid() and formulier.errors["datum"] == ["nee"]


def test_a_field_with_its_own_window_gives_one_error_at_the_calendars_edge():
    class Uitvoering(forms.Form):
        datum = datumveld("Datum", validators=[uitvoering_datum])

    formulier = Uitvoering(data={"datum": "9999-12-31"})
    assert not formulier.is_valid() and len(formulier.errors["datum"]) == 1
