"""Numbers and amounts as a Dutch reader writes them, for every screen and export text."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

# The date styles of every screen, letter and export text: written out in running text and
# lists ("28 november 2026"), short only in dense tables ("28-11-2026", fixed width so the
# column lines up). Month names come from Django's localisation of the active language
# (Dutch on the staff screens): ``E`` is the month as it stands in a written-out date, the
# same as ``F`` in Dutch and English, the genitive in Ukrainian ("6 грудня 2026", not
# "6 Грудень 2026"). Never a language's DATE_FORMAT: English's is "Dec. 6, 2026".
DATUM = "j E Y"
DATUM_KORT = "d-m-Y"
DATUM_TIJD = "j E Y, H:i"


def datum(waarde, kort: bool = False) -> str:
    """A date (or the day of a moment, in local time) in one of the two date styles."""
    if not waarde:
        return ""
    if hasattr(waarde, "hour") and timezone.is_aware(waarde):
        waarde = timezone.localtime(waarde)
    return date_format(waarde, DATUM_KORT if kort else DATUM)


def datum_tijd(waarde) -> str:
    """A moment in local time: "28 november 2026, 14:05"."""
    if not waarde:
        return ""
    if timezone.is_aware(waarde):
        waarde = timezone.localtime(waarde)
    return date_format(waarde, DATUM_TIJD)


def uren(waarde) -> str:
    """Hours as text: "625,6 uur"."""
    if waarde is None:
        return ""
    return _("%(uren)s uur") % {"uren": getal(waarde)}


def getal(waarde, decimalen: int | None = None) -> str:
    """A number as a Dutch reader writes it: thousands grouped with a dot, decimals after a
    comma ("1.250", "625,6", "-85.084,00"). Without ``decimalen`` a decimal shows the decimals
    it has, trailing zeros dropped ("625,600000000000" becomes "625,6"). The one formatter
    for hours, counts and money on every screen and in every export text."""
    if waarde is None:
        return ""
    if isinstance(waarde, float):
        waarde = Decimal(str(waarde))
    if isinstance(waarde, Decimal):
        if decimalen is None:
            exponent = waarde.normalize().as_tuple().exponent
            decimalen = max(0, -exponent) if isinstance(exponent, int) else 0
        waarde = waarde.quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)
    return number_format(waarde, decimal_pos=decimalen, use_l10n=True, force_grouping=True)


def bedrag(waarde) -> str:
    """An amount in euros with cents: "€ 1.250,00"."""
    if waarde is None:
        return ""
    return "€ " + getal(waarde, 2)
