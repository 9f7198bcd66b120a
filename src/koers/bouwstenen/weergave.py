"""Read-only presentations of case data for the templates (no access decisions here: the
caller passes what the policy allows)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from koers.intake import rules as intake_rules


def _waarde(veld: intake_rules.Veld, waarde) -> str:
    if waarde in (None, ""):
        return ""
    if veld.soort == "keuze":
        return dict(veld.keuzes).get(str(waarde), str(waarde))
    if veld.soort == "janee":
        return _("Ja") if waarde else _("Nee")
    return str(waarde)


def intake_onderwerpen(intake, sleutels: tuple[str, ...]) -> list[dict]:
    """Each topic of ``sleutels`` (policy.intake_onderwerpen_voor) with its explanation and
    structured answers. ``intake.gezondheid`` is read only when the gezondheid topic is
    among them."""
    met_gezondheid = any(intake_rules.ONDERWERPEN_BY_KEY[s].bijzonder for s in sleutels)
    antwoorden = intake.alle_onderwerpen() if met_gezondheid else intake.onderwerpen
    resultaat = []
    for onderwerp in intake_rules.ONDERWERPEN:
        if onderwerp.sleutel not in sleutels:
            continue
        antwoord = antwoorden.get(onderwerp.sleutel) or {}
        resultaat.append(
            {
                "onderwerp": onderwerp,
                "toelichting": antwoord.get("toelichting") or "",
                "velden": [(v.label, _waarde(v, antwoord.get(v.naam))) for v in onderwerp.velden],
            }
        )
    return resultaat


def pg_rijen(positieve_gezondheid: dict) -> list[dict]:
    return [
        {
            "dimensie": d,
            "score": (positieve_gezondheid.get(d.sleutel) or {}).get("score"),
            "toelichting": (positieve_gezondheid.get(d.sleutel) or {}).get("toelichting", ""),
        }
        for d in intake_rules.DIMENSIES
    ]


# The date styles of every screen, letter and export text: written out in running text and
# lists ("28 november 2026"), short only in dense tables ("28-11-2026", fixed width so the
# column lines up). Month names come from Django's Dutch localisation.
DATUM = "j F Y"
DATUM_KORT = "d-m-Y"
DATUM_TIJD = "j F Y, H:i"


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
