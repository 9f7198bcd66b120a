"""The adviseur's side of Mijn Inburgering: reading and answering the inburgeraar's messages
and opening his documents. Cases load through the access policy (out of reach: 404); a role
that may not read messages or documents (the teamleider) is refused (403)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars import bereik
from koers.portaal import services
from koers.portaal.forms import AntwoordForm
from koers.portaal.models import Bericht, Document
from koers.portaal.views import _bestand, _fouten, _weigering
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie
from koers.verwerkingen.context import KANAAL

AANTAL = 50  # the newest messages on the adviseur's page


def _casus(user, pk, sectie: Sectie):
    inburgeraar = bereik.get_inburgeraar_voor(user, pk)
    if not policy.mag_zien(user, sectie):
        raise PermissionDenied
    KANAAL.set("ui")
    return inburgeraar


@login_required
@require_http_methods(["GET", "POST"])
def berichten(request, pk):
    user = request.user
    inburgeraar = _casus(user, pk, Sectie.BERICHTEN)
    mag_sturen = policy.mag(user, Actie.BERICHT_STUREN) and inburgeraar.huidig_traject_id
    form = AntwoordForm(request.POST or None)
    if request.method == "POST":
        if not mag_sturen:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.beantwoord(user, inburgeraar, form.cleaned_data["tekst"])
            except Weigering as weigering:
                _weigering(form, weigering)
            else:
                messages.success(request, _("Uw bericht is verstuurd."))
                return redirect("portaal:medewerker_berichten", pk=inburgeraar.pk)
    lijst = list(
        Bericht.objects.filter(inburgeraar=inburgeraar)
        .select_related("door")
        .order_by("-id")[:AANTAL]
    )
    services.gelezen_door_gemeente(user, inburgeraar)  # logs the read
    return render(
        request,
        "portaal/medewerker_berichten.html",
        {
            "inburgeraar": inburgeraar,
            "berichten": lijst,
            "form": form if mag_sturen else None,
            "fouten": _fouten(form),
        },
        status=400 if form.errors else 200,
    )


@login_required
def document(request, pk, document_pk):
    user = request.user
    inburgeraar = _casus(user, pk, Sectie.DOCUMENTEN)
    doc = (
        Document.objects.filter(pk=document_pk, inburgeraar=inburgeraar)
        .select_related("inburgeraar")
        .first()
    )
    if doc is None:
        raise Http404
    services.document_geopend_door_gemeente(user, doc)
    return _bestand(doc)
