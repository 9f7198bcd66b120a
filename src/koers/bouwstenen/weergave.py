"""Numbers and amounts as a Dutch reader writes them, for every screen and export text."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format


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
