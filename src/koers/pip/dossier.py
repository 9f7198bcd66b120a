"""The PIP's tab of the case dossier (the page is koers.inburgeraars.views; the markup is in
its template inburgeraars/casus.html)."""

from __future__ import annotations

from koers.pip.models import Beschikking
from koers.toegang import policy
from koers.toegang.policy import Actie

TAB = "pip"


def tab_context(user, inburgeraar, context) -> dict:
    """The PIP tab: the PIP versions, newest first, with their beschikkingen."""
    context["mag_pip"] = policy.mag(user, Actie.PIP_BEWERKEN) and context["traject"].is_open
    # One query for the versions and their beschikkingen (without the PDF itself).
    pips = list(
        context["traject"]
        .pips.select_related("beschikking")
        .defer("beschikking__pdf")
        .order_by("-versie")
    )
    for pip in pips:
        try:
            pip.beschikking_info = pip.beschikking
        except Beschikking.DoesNotExist:
            pip.beschikking_info = None
    context["pips"] = pips
    context["beschikkingen"] = [b for b in (p.beschikking_info for p in pips) if b]
    return context
