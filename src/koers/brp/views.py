"""The case page's BRP actions: "Ververs uit BRP" and confirming a death the BRP reports.
Both POST only (CSRF), both through the one policy and a service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.bouwstenen import weergave
from koers.bouwstenen.schermen import vereis
from koers.bouwstenen.weigering import Weigering
from koers.brp import services
from koers.inburgeraars.bereik import casus, casus_met_traject
from koers.toegang.policy import Actie


def melding(uitkomst: services.Uitkomst) -> tuple[int, str]:
    """The Dutch message for the adviseur after "Ververs uit BRP" (also used by the API)."""
    if uitkomst.bezet:
        return messages.INFO, _("Koers haalt de gegevens van deze persoon nu al op uit de BRP.")
    if uitkomst.fout:
        tekst = _("Ophalen uit de BRP is niet gelukt: %(fout)s") % {"fout": uitkomst.fout}
        if uitkomst.opnieuw_op is not None:
            om = weergave.datum_tijd(uitkomst.opnieuw_op)
            tekst += " " + _("Koers probeert het opnieuw om %(om)s.") % {"om": om}
        return messages.ERROR, tekst
    if uitkomst.status == services.Status.NIET_GEVONDEN:
        return messages.WARNING, _("De BRP kent deze persoon niet. Controleer het BSN.")
    if uitkomst.gewijzigd:
        return messages.SUCCESS, _(
            "De gegevens uit de BRP zijn opgehaald. Gewijzigd: %(velden)s."
        ) % {"velden": ", ".join(uitkomst.gewijzigd)}
    return messages.SUCCESS, _("De gegevens uit de BRP zijn opgehaald. Er is niets veranderd.")


@login_required
@require_POST
def verversen(request, pk):
    user = request.user
    vereis(user, Actie.GEGEVENS_WIJZIGEN)
    inburgeraar, _traject = casus(user, pk)
    niveau, tekst = melding(services.ververs_nu(inburgeraar, user))
    messages.add_message(request, niveau, tekst)
    return redirect(reverse("web:inburgeraar", args=[inburgeraar.pk]) + "#brp")


@login_required
@require_POST
def overlijden(request, pk):
    user = request.user
    vereis(user, Actie.STATUS_WIJZIGEN)
    inburgeraar, _traject = casus_met_traject(user, pk)
    try:
        services.bevestig_overlijden(inburgeraar, user)
    except Weigering as weigering:
        messages.error(request, " ".join(weigering.fouten.values()))
    else:
        messages.success(request, _("Het traject is afgesloten: de persoon is overleden."))
    return redirect(reverse("web:inburgeraar", args=[inburgeraar.pk]) + "#traject")
