"""The date windows of koers.inburgeraars.rules as field validators, for Django forms and DRF
serializers alike (DRF turns a Django ValidationError from a validator into a field error).
The uitvoering apps use them on their date fields, so every screen and the API refuse the same
dates in the same words. :func:`datumveld` is the date field of every form."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from koers.bouwstenen.formulieren import DATUM_FORMATEN
from koers.inburgeraars import rules


def _vandaag() -> date:
    from koers.inburgeraars.services import vandaag

    return vandaag()


def uitvoering_datum(waarde: date | None) -> None:
    """A date in the execution of a traject (hours, activities): rules.uitvoering_venster
    without a known plicht start, so from a year before the law's start to two years ahead."""
    if isinstance(waarde, date) and (fout := rules.uitvoering_datum_fout(waarde, _vandaag())):
        raise ValidationError(fout, code="datum_buiten_venster")


def kalender_datum(waarde: date | None) -> None:
    """Any other date Koers stores: inside rules.KALENDER_MIN … KALENDER_MAX."""
    if isinstance(waarde, date) and (fout := rules.kalender_fout(waarde)):
        raise ValidationError(fout, code="datum_buiten_kalender")


def datumveld(label, **kwargs):
    """A date field that refuses dates outside the calendar Koers can compute with. A field
    with its own date window (above) lies within that calendar, and one error per field is
    enough."""
    kwargs.setdefault("validators", [kalender_datum])
    return forms.DateField(
        label=label,
        input_formats=DATUM_FORMATEN,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **kwargs,
    )
