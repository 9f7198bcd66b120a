"""Template helpers of Mijn Inburgering."""

from __future__ import annotations

from django import template
from django.utils import timezone, translation

from koers.bouwstenen import weergave
from koers.portaal import rules

register = template.Library()


@register.simple_tag
def portaal_talen():
    return rules.TALEN


@register.filter(expects_localtime=True)
def datum(waarde) -> str:
    """A date written out in the page's language ("28 november 2026", "6 December 2026"),
    with the time for a moment ("28 november 2026, 14:05"): the one formatter of every screen,
    :func:`koers.bouwstenen.weergave.datum` and ``datum_tijd``, which name the month in the
    active language. Django has no Tigrinya; its month names come from
    :data:`koers.portaal.rules.MAANDEN_TI`."""
    if not waarde:
        return ""
    if translation.get_language() != "ti":
        return weergave.datum_tijd(waarde) if hasattr(waarde, "hour") else weergave.datum(waarde)
    tijd = None
    if hasattr(waarde, "hour"):
        waarde = timezone.localtime(waarde) if timezone.is_aware(waarde) else waarde
        tijd = waarde.time()
        waarde = waarde.date()
    tekst = f"{waarde.day} {rules.MAANDEN_TI[waarde.month - 1]} {waarde.year}"
    return f"{tekst}, {tijd:%H:%M}" if tijd is not None else tekst


@register.filter
def uren(waarde) -> str:
    """Hours without trailing zeros: 12, 12.5."""
    if waarde is None:
        return "0"
    tekst = f"{waarde:f}"
    return tekst.rstrip("0").rstrip(".") if "." in tekst else tekst
