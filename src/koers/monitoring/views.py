"""Web pages of voortgangsgesprekken and signals."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.bouwstenen import weergave
from koers.bouwstenen.formulieren import weigering_naar_formulier
from koers.bouwstenen.schermen import casus_url, vereis
from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars.bereik import casus_met_traject
from koers.inburgeraars.services import vandaag
from koers.monitoring import lezen, rules, services
from koers.monitoring.forms import (
    AfhandelenForm,
    GesprekForm,
    GesprekSluitenForm,
    UitstellenForm,
)
from koers.monitoring.models import Signaal, Voortgangsgesprek
from koers.pip.models import PipVersie
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie
from koers.verwerkingen.services import log_lijst

PER_PAGINA = 25


# --- signalen ----------------------------------------------------------------------------------


def _lees_cursor(tekst: str | None):
    if not tekst or "." not in tekst:
        return None
    datum, _punt, pk = tekst.partition(".")
    try:
        return dt.date.fromisoformat(datum), int(pk)
    except ValueError:
        return None


@login_required
def signalen(request):
    """The user's open signals across his cases, the first due on top (keyset pages)."""
    user = request.user
    if not policy.mag_zien(user, Sectie.SIGNALEN):
        raise Http404
    teamleider = policy.toont_alle_adviseurs(user)
    alle = teamleider or bool(request.GET.get("alle"))
    titels = lezen.titels()
    # One kind from the filter, or several from a link (the menu's new portal items).
    gekozen = [s for s in request.GET.getlist("soort") if s in titels]
    soort = gekozen[0] if len(gekozen) == 1 else ""
    qs = lezen.open_signalen(user)
    if not alle:
        qs = qs.filter(traject__adviseur=user)
    if gekozen:
        qs = qs.filter(soort__in=gekozen)
    cursor = _lees_cursor(request.GET.get("na"))
    if cursor is not None:
        datum, pk = cursor
        qs = qs.filter(Q(vervaldatum__gt=datum) | Q(vervaldatum=datum, id__gt=pk))
    rijen = list(
        qs.select_related("traject__inburgeraar")
        .only(
            "id",
            "soort",
            "vervaldatum",
            "traject_id",
            "traject__inburgeraar_id",
            "traject__inburgeraar__voornamen",
            "traject__inburgeraar__geslachtsnaam",
            "traject__inburgeraar__bsn",
        )
        .order_by("vervaldatum", "id")[: PER_PAGINA + 1]
    )
    meer = len(rijen) > PER_PAGINA
    rijen = rijen[:PER_PAGINA]
    log_lijst(user, rijen, [Sectie.NAAM, Sectie.SIGNALEN], pad="traject")
    dag = vandaag()
    tabs = lezen.tabs()
    for s in rijen:
        s.titel = titels.get(s.soort, s.soort)
        s.tab = tabs.get(s.soort, "gesprekken")
        s.te_laat = rules.urgentie(s.vervaldatum, dag) == "te_laat"
    zichtbaar = lezen.zichtbare_soorten(user)
    return render(
        request,
        "monitoring/signalen.html",
        {
            "rijen": rijen,
            "alle": alle,
            "teamleider": teamleider,
            "soort": soort,
            "soorten": [(k, titels[k]) for k in zichtbaar],
            "volgende": f"{rijen[-1].vervaldatum.isoformat()}.{rijen[-1].pk}" if meer else None,
            "bladeren": cursor is not None,
        },
    )


def _signaal(user, pk, signaal_id):
    vereis(user, Actie.SIGNAAL_AFHANDELEN)
    inburgeraar, traject = casus_met_traject(user, pk)
    signaal = Signaal.objects.filter(
        pk=signaal_id, traject=traject, actief=True, soort__in=lezen.zichtbare_soorten(user)
    ).first()
    if signaal is None:
        raise Http404
    return inburgeraar, traject, signaal


def _signaal_pagina(request, inburgeraar, signaal, afhandel_form, uitstel_form):
    signaal.titel = lezen.titels().get(signaal.soort, signaal.soort)
    return render(
        request,
        "monitoring/signaal.html",
        {
            "inburgeraar": inburgeraar,
            "signaal": signaal,
            "afhandel_form": afhandel_form,
            "uitstel_form": uitstel_form,
        },
        status=400,
    )


@login_required
@require_POST
def signaal_afhandelen(request, pk, signaal_id):
    inburgeraar, _traject, signaal = _signaal(request.user, pk, signaal_id)
    form = AfhandelenForm(request.POST, prefix=f"a{signaal.pk}")
    if form.is_valid():
        try:
            services.handel_af(signaal, request.user, form.cleaned_data["reden"])
        except Weigering as weigering:
            weigering_naar_formulier(form, weigering.fouten)
        else:
            messages.success(request, _("Het signaal is afgehandeld."))
            return redirect(casus_url(inburgeraar.pk, "gesprekken", "signalen"))
    return _signaal_pagina(
        request, inburgeraar, signaal, form, UitstellenForm(prefix=f"u{signaal.pk}")
    )


@login_required
@require_POST
def signaal_uitstellen(request, pk, signaal_id):
    inburgeraar, _traject, signaal = _signaal(request.user, pk, signaal_id)
    form = UitstellenForm(request.POST, prefix=f"u{signaal.pk}")
    if form.is_valid():
        try:
            services.stel_uit(
                signaal,
                request.user,
                form.cleaned_data["uitgesteld_tot"],
                form.cleaned_data["reden"],
            )
        except Weigering as weigering:
            weigering_naar_formulier(form, weigering.fouten)
        else:
            messages.success(request, _("Het signaal is uitgesteld."))
            return redirect(casus_url(inburgeraar.pk, "gesprekken", "signalen"))
    return _signaal_pagina(
        request, inburgeraar, signaal, AfhandelenForm(prefix=f"a{signaal.pk}"), form
    )


# --- voortgangsgesprekken -------------------------------------------------------------------


def _doelen(traject) -> tuple[dict, dt.date | None]:
    """The goals of the latest vastgesteld PIP, and the dagtekening of the first (no
    voortgangsgesprek lies before it)."""
    pips = list(
        PipVersie.objects.filter(traject=traject, status=PipVersie.Status.VASTGESTELD)
        .order_by("versie")
        .only("doelen", "dagtekening", "traject_id")
    )
    if not pips:
        return {}, None
    return pips[-1].doelen or {}, pips[0].dagtekening


def _gesprek_pagina(request, pk, gesprek_id=None):
    user = request.user
    inburgeraar, traject = casus_met_traject(user, pk)
    if not policy.mag_zien(user, Sectie.GESPREKKEN):
        raise PermissionDenied
    met_gezondheid = policy.mag_zien(user, Sectie.GEZONDHEID)
    gesprek = None
    if gesprek_id is not None:
        qs = Voortgangsgesprek.objects.filter(traject=traject)
        if not met_gezondheid:
            qs = qs.defer("positieve_gezondheid")
        gesprek = qs.filter(pk=gesprek_id).first()
        if gesprek is None:
            raise Http404
    if request.method == "POST" or gesprek is None:
        vereis(user, Actie.GESPREK_VOEREN)
        if not traject.is_open:
            messages.info(
                request, _("Dit traject is afgerond. U kunt geen gesprek meer vastleggen.")
            )
            return redirect("web:inburgeraar", pk=inburgeraar.pk)
    mag = policy.mag(user, Actie.GESPREK_VOEREN) and traject.is_open
    doelen, eerste_pip = _doelen(traject)
    form = GesprekForm(
        request.POST or None,
        doelen=doelen,
        met_gezondheid=met_gezondheid,
        eerste_pip=eerste_pip,
        initial=GesprekForm.initial_van(gesprek, met_gezondheid=met_gezondheid)
        or {"gehouden_op": vandaag()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            opgeslagen = services.leg_gesprek_vast(
                traject, user, form.naar_data(), met_gezondheid=met_gezondheid, gesprek=gesprek
            )
        except Weigering as weigering:
            weigering_naar_formulier(form, weigering.fouten)
        else:
            messages.success(
                request,
                _("Het voortgangsgesprek van %(datum)s is opgeslagen.")
                % {"datum": weergave.datum(opgeslagen.gehouden_op)},
            )
            return redirect(casus_url(inburgeraar.pk, "gesprekken", "gesprekken"))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "monitoring/gesprek.html",
        {
            "inburgeraar": inburgeraar,
            "traject": traject,
            "form": form,
            "gesprek": gesprek,
            "mag": mag,
            "met_gezondheid": met_gezondheid,
            "heeft_pip": bool(
                PipVersie.objects.filter(
                    traject=traject, status=PipVersie.Status.VASTGESTELD
                ).exists()
            ),
        },
        status=status,
    )


@login_required
def gesprek_nieuw(request, pk):
    return _gesprek_pagina(request, pk)


@login_required
def gesprek(request, pk, gesprek_id):
    return _gesprek_pagina(request, pk, gesprek_id)


@login_required
@require_POST
def gesprek_sluiten(request, pk, gesprek_id):
    """Close a missed planned gesprek with a reason; a refusal is shown on a page of its own
    with the form, as with a signal."""
    user = request.user
    inburgeraar, traject = casus_met_traject(user, pk)
    if not policy.mag_zien(user, Sectie.GESPREKKEN):
        raise PermissionDenied
    vereis(user, Actie.GESPREK_VOEREN)
    gesprek = Voortgangsgesprek.objects.filter(
        pk=gesprek_id, traject=traject, gehouden_op__isnull=True, gepland_op__isnull=False
    ).first()
    if gesprek is None:
        raise Http404
    form = GesprekSluitenForm(
        request.POST, prefix=f"sluit{gesprek.pk}", gepland_op=gesprek.gepland_op
    )
    if form.is_valid():
        try:
            gesloten = services.sluit_gesprek(traject, gesprek, user, form.cleaned_data["reden"])
        except Weigering as weigering:
            weigering_naar_formulier(form, weigering.fouten)
        else:
            messages.success(
                request,
                _("Het geplande gesprek van %(datum)s is gesloten.")
                % {"datum": weergave.datum(gesloten.gepland_op)},
            )
            return redirect(casus_url(inburgeraar.pk, "gesprekken", "gesprekken"))
    return render(
        request,
        "monitoring/gesprek_sluiten.html",
        {"inburgeraar": inburgeraar, "gesprek": gesprek, "form": form},
        status=400,
    )
