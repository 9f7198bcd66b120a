"""The DUO message monitor (functioneel beheer): messages waiting, refused, failed or
delivered, the details of each exchange, sending again after a correction, and the DUO
notifications Koers could not handle. Who may use it is decided by koers.toegang.policy."""

from __future__ import annotations

import json
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from koers.bouwstenen.weigering import Weigering
from koers.duo import inbox, meldingen, outbox
from koers.duo.models import Bericht, Notificatie, NotificatieConflict
from koers.toegang import policy

PAGINA = 25
_BSN = re.compile(r"(?<!\d)\d{6}(\d{3})(?!\d)")


def verberg_bsn(tekst: str) -> str:
    """Every 9-digit number (a BSN in a path or answer) shown with only its last 3 digits."""
    return _BSN.sub(lambda m: "******" + m.group(1), tekst or "")


def _vereis_beheer(user) -> None:
    if not policy.mag_duo_berichten_beheren(user):
        raise PermissionDenied


def _voor(request, naam: str) -> int | None:
    try:
        return int(request.GET.get(naam, ""))
    except ValueError:
        return None


def _pagina(queryset, voor: int | None):
    """Newest first, paged on the id (no COUNT over a large table): one row extra tells
    whether there is a next page."""
    if voor is not None:
        queryset = queryset.filter(pk__lt=voor)
    rijen = list(queryset.order_by("-pk")[: PAGINA + 1])
    volgende = rijen[PAGINA - 1].pk if len(rijen) > PAGINA else None
    return rijen[:PAGINA], volgende


@login_required
def berichten(request):
    _vereis_beheer(request.user)
    status = request.GET.get("status", "")
    if status not in Bericht.Status.values:
        status = ""
    queryset = Bericht.objects.select_related("gemeente__organisatie").defer("body")
    if status:
        queryset = queryset.filter(status=status)
    rijen, volgende = _pagina(queryset, _voor(request, "voor"))
    for bericht in rijen:
        bericht.soort_naam = meldingen.soort_naam(bericht.soort)
        bericht.pad_getoond = verberg_bsn(bericht.pad)
    return render(
        request,
        "duo/berichten.html",
        {
            "berichten": rijen,
            "volgende": volgende,
            "status": status,
            "statussen": Bericht.Status.choices,
            # exists(), not count(): the page never counts a large table.
            "er_zijn_mislukte": Bericht.objects.filter(status=Bericht.Status.MISLUKT).exists(),
        },
    )


@login_required
@require_POST
def mislukte_opnieuw(request):
    _vereis_beheer(request.user)
    aantal = outbox.mislukte_opnieuw_versturen(request.user)
    if aantal:
        messages.success(request, f"{aantal} mislukte meldingen staan weer klaar om te versturen.")
    else:
        messages.info(request, "Er waren geen mislukte meldingen.")
    return redirect("duo_beheer:berichten")


@login_required
def bericht(request, pk):
    _vereis_beheer(request.user)
    item = get_object_or_404(Bericht.objects.select_related("gemeente__organisatie"), pk=pk)
    item.soort_naam = meldingen.soort_naam(item.soort)
    item.pad_getoond = verberg_bsn(item.pad)
    return render(
        request,
        "duo/bericht.html",
        {
            "bericht": item,
            "body": json.dumps(item.body, indent=2, ensure_ascii=False)
            if item.body is not None
            else "",
            "antwoord": verberg_bsn(item.laatste_antwoord),
            "mag_opnieuw": item.status in outbox.OPNIEUW_MOGELIJK,
        },
    )


@login_required
@require_POST
def opnieuw(request, pk):
    _vereis_beheer(request.user)
    item = get_object_or_404(Bericht, pk=pk)
    try:
        outbox.opnieuw_versturen(item, request.user)
    except Weigering as weigering:
        messages.error(request, " ".join(weigering.fouten.values()))
    else:
        messages.success(request, "Het bericht staat weer klaar om te versturen.")
    return redirect("duo_beheer:bericht", pk=pk)


@login_required
def notificaties(request):
    _vereis_beheer(request.user)
    queryset = Notificatie.objects.filter(
        status__in=(Notificatie.Status.ONBEKEND, Notificatie.Status.FOUT)
    ).select_related("gemeente__organisatie")
    rijen, volgende = _pagina(queryset, _voor(request, "voor"))
    for notificatie in rijen:
        notificatie.bsn_getoond = verberg_bsn(notificatie.bsn) if notificatie.bsn else ""
    conflicten = list(
        NotificatieConflict.objects.select_related("notificatie").order_by(
            "-laatst_ontvangen_op", "-pk"
        )[:PAGINA]
    )
    return render(
        request,
        "duo/notificaties.html",
        {
            "notificaties": rijen,
            "volgende": volgende,
            "conflicten": conflicten,
            "er_zijn_fouten": Notificatie.objects.filter(status=Notificatie.Status.FOUT).exists(),
        },
    )


@login_required
@require_POST
def notificatie_opnieuw(request, pk):
    _vereis_beheer(request.user)
    item = get_object_or_404(Notificatie, pk=pk)
    try:
        inbox.opnieuw_verwerken(item, request.user)
    except Weigering as weigering:
        messages.error(request, " ".join(weigering.fouten.values()))
    else:
        messages.success(request, "Koers verwerkt het bericht van DUO opnieuw.")
    return redirect("duo_beheer:notificaties")


@login_required
@require_POST
def notificaties_opnieuw(request):
    _vereis_beheer(request.user)
    aantal = inbox.fouten_opnieuw_verwerken(request.user)
    if aantal:
        messages.success(request, f"Koers verwerkt {aantal} berichten van DUO opnieuw.")
    else:
        messages.info(request, "Er waren geen berichten van DUO met een fout.")
    return redirect("duo_beheer:notificaties")
