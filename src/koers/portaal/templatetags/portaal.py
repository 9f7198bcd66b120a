"""Template helpers of Mijn Inburgering."""

from __future__ import annotations

from django import template
from django.utils import timezone

from koers.portaal import rules

register = template.Library()


@register.simple_tag
def portaal_talen():
    return rules.TALEN


@register.filter
def datum(waarde) -> str:
    """Dates as 31-12-2026 in every language: no month names, which Django does not have in
    Tigrinya and which would otherwise appear in Dutch."""
    if not waarde:
        return ""
    if hasattr(waarde, "hour"):
        waarde = timezone.localtime(waarde) if timezone.is_aware(waarde) else waarde
        return f"{waarde:%d-%m-%Y %H:%M}"
    return f"{waarde:%d-%m-%Y}"


@register.filter
def uren(waarde) -> str:
    """Hours without trailing zeros: 12, 12.5."""
    if waarde is None:
        return "0"
    tekst = f"{waarde:f}"
    return tekst.rstrip("0").rstrip(".") if "." in tekst else tekst
