"""Pages of the leerroute: aanbod, hours, exams, afschalen and the Z-route."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.bouwstenen.formulieren import weigering_naar_formulier
from koers.bouwstenen.schermen import casus_url, fout_items, vereis
from koers.bouwstenen.weigering import Weigering
from koers.duo.client import DuoFout
from koers.inburgeraars.bereik import casus_met_traject
from koers.inburgeraars.services import vandaag
from koers.leerroute import services
from koers.leerroute.forms import (
    AanbodForm,
    AfrondingForm,
    BesluitForm,
    EindgesprekForm,
    ExamenForm,
    UrenForm,
)
from koers.leerroute.selectors import overzicht
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie


def _terug(inburgeraar) -> str:
    return casus_url(inburgeraar.pk, "leerroute", "leerroute")


def _laden(request, pk, actie: Actie = Actie.LEERROUTE_BEWERKEN):
    vereis(request.user, actie)
    inburgeraar, traject = casus_met_traject(request.user, pk)
    traject.inburgeraar = inburgeraar
    return inburgeraar, traject


def _afgerond(request, inburgeraar, traject):
    if traject.is_open:
        return None
    messages.info(request, _("Dit traject is afgerond. De leerroute kan niet meer veranderen."))
    return redirect(_terug(inburgeraar))


def _data(request):
    return request.POST if request.method == "POST" else None


def _render(request, template, inburgeraar, traject, **ctx):
    return render(
        request,
        f"leerroute/{template}",
        {"inburgeraar": inburgeraar, "traject": traject, "terug": _terug(inburgeraar), **ctx},
    )


@login_required
def aanbod(request, pk):
    inburgeraar, traject = _laden(request, pk)
    if (antwoord := _afgerond(request, inburgeraar, traject)) is not None:
        return antwoord
    pip = services.huidige_pip(traject)
    duo_fout = None
    instellingen: list[dict] = []
    if pip is not None:
        try:
            instellingen = services.instellingen_van_duo(traject.gemeente)
        except DuoFout as fout:
            duo_fout = str(fout)
    keuzes = services.instelling_keuzes(instellingen, pip.leerroute if pip else None)
    form = AanbodForm(_data(request), instellingen=keuzes, pip=pip, duo_instellingen=instellingen)
    fouten = []
    if request.method == "POST" and pip is not None and not duo_fout and form.is_valid():
        data = form.cleaned_data
        if data["melden"]:
            vereis(request.user, Actie.DUO_MELDEN)
        try:
            services.bewaar_aanbod(
                traject, request.user, data, instellingen=instellingen, melden=data["melden"]
            )
        except Weigering as weigering:
            weigering_naar_formulier(form, weigering.fouten)
        else:
            messages.success(request, _("Het inburgeringsaanbod is opgeslagen."))
            return redirect(_terug(inburgeraar))
    elif request.method == "POST" and pip is None:
        fouten = fout_items(
            {"__all__": _("Stel eerst het PIP vast. Het aanbod hoort bij het PIP.")}
        )
    return _render(
        request,
        "aanbod.html",
        inburgeraar,
        traject,
        form=form,
        pip=pip,
        duo_fout=duo_fout,
        fouten=fouten,
        aanbod=traject.aanbod.order_by("-startdatum", "-pk"),
    )


@login_required
def uren(request, pk, rij=None):
    inburgeraar, traject = _laden(request, pk)
    if (antwoord := _afgerond(request, inburgeraar, traject)) is not None:
        return antwoord
    bestaand = None
    if rij is not None:
        bestaand = traject.uren.filter(pk=rij).first()
        if bestaand is None:
            raise Http404
    aanbod_lijst = list(traject.aanbod.order_by("-startdatum", "-pk"))
    initial = UrenForm.initial_van(bestaand) if bestaand else None
    form = UrenForm(_data(request), aanbod=aanbod_lijst, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.bewaar_uren(
                traject, request.user, form.cleaned_data, rij_id=bestaand.pk if bestaand else None
            )
        except Weigering as weigering:
            weigering_naar_formulier(form, weigering.fouten)
        else:
            messages.success(request, _("De uren zijn opgeslagen."))
            return redirect(_terug(inburgeraar))
    return _render(request, "uren.html", inburgeraar, traject, form=form, bestaand=bestaand)


@login_required
def examens(request, pk):
    inburgeraar, traject = _laden(request, pk)
    if (antwoord := _afgerond(request, inburgeraar, traject)) is not None:
        return antwoord
    form = ExamenForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.bewaar_examen(traject, request.user, form.cleaned_data)
        except Weigering as weigering:
            weigering_naar_formulier(form, weigering.fouten)
        else:
            messages.success(request, _("Het examenresultaat is opgeslagen."))
            return redirect(_terug(inburgeraar))
    return _render(
        request,
        "examen.html",
        inburgeraar,
        traject,
        form=form,
        examens=traject.examens.order_by("-examendatum", "onderdeel"),
    )


def _zroute_pagina(request, inburgeraar, traject, *, form=None, afronding_form=None, fouten=None):
    o = overzicht(traject, vandaag=vandaag())
    z = o.zroute
    if form is None:
        initial = (
            {
                "datum": z.eindgesprek_op,
                "conclusie": z.conclusie,
                "afspraken_nagekomen": {True: "ja", False: "nee"}.get(z.afspraken_nagekomen, ""),
            }
            if z and z.eindgesprek_op
            else None
        )
        form = EindgesprekForm(initial=initial)
    return _render(
        request,
        "zroute.html",
        inburgeraar,
        traject,
        form=form,
        o=o,
        afronding_form=afronding_form or AfrondingForm(initial={"datum": vandaag()}),
        fouten=fouten or [],
        mag_melden=policy.mag(request.user, Actie.DUO_MELDEN),
        # the ontheffing has a medical ground: health data (AVG art. 9)
        met_gezondheid=policy.mag_zien(request.user, Sectie.GEZONDHEID, traject),
    )


@login_required
def zroute(request, pk):
    inburgeraar, traject = _laden(request, pk)
    if (antwoord := _afgerond(request, inburgeraar, traject)) is not None:
        return antwoord
    if services.huidige_pip(traject) is None or services.huidige_pip(traject).leerroute != "Z":
        messages.info(request, _("Deze inburgeraar volgt de Z-route niet volgens het huidige PIP."))
        return redirect(_terug(inburgeraar))
    form = None
    if request.method == "POST":
        form = EindgesprekForm(request.POST, traject=traject)
        if form.is_valid():
            try:
                services.bewaar_eindgesprek(traject, request.user, form.cleaned_data)
            except Weigering as weigering:
                weigering_naar_formulier(form, weigering.fouten)
            else:
                messages.success(request, _("Het eindgesprek is opgeslagen."))
                return redirect(reverse("leerroute:zroute", args=[inburgeraar.pk]))
    return _zroute_pagina(request, inburgeraar, traject, form=form)


@login_required
@require_POST
def zroute_afronden(request, pk):
    inburgeraar, traject = _laden(request, pk, Actie.DUO_MELDEN)
    vereis(request.user, Actie.LEERROUTE_BEWERKEN)
    if (antwoord := _afgerond(request, inburgeraar, traject)) is not None:
        return antwoord
    form = AfrondingForm(request.POST)
    fouten = []
    if form.is_valid():
        try:
            services.meld_zroute_afgerond(traject, request.user, form.cleaned_data["datum"])
        except Weigering as weigering:
            fouten = fout_items(weigering.fouten, form)
            weigering_naar_formulier(
                form, {k: v for k, v in weigering.fouten.items() if k in form.fields}
            )
        else:
            messages.success(request, _("De afronding van de Z-route gaat naar DUO."))
            return redirect(_terug(inburgeraar))
    return _zroute_pagina(request, inburgeraar, traject, afronding_form=form, fouten=fouten)


def _knop(request, pk, service, gelukt: str, actie: Actie = Actie.LEERROUTE_BEWERKEN):
    """A button without a form: run ``service(traject, user)`` on an open case and go back
    to the leerroute page with ``gelukt``, or with the reasons of a ``Weigering``."""
    inburgeraar, traject = _laden(request, pk, actie)
    if (antwoord := _afgerond(request, inburgeraar, traject)) is not None:
        return antwoord
    try:
        service(traject, request.user)
    except Weigering as weigering:
        for tekst in weigering.fouten.values():
            messages.error(request, tekst)
    else:
        messages.success(request, gelukt)
    return redirect(_terug(inburgeraar))


@login_required
@require_POST
def uren_melden(request, pk):
    return _knop(
        request,
        pk,
        services.meld_uren_aan_duo,
        _("De gevolgde uren gaan naar DUO."),
        Actie.DUO_MELDEN,
    )


@login_required
@require_POST
def afschaling_voorstellen(request, pk):
    return _knop(
        request,
        pk,
        services.stel_afschaling_voor,
        _("Koers stelt voor af te schalen naar A2. Neem een besluit."),
    )


@login_required
def afschaling(request, pk, voorstel):
    inburgeraar, traject = _laden(request, pk)
    if not policy.mag(request.user, Actie.PIP_BEWERKEN):
        raise PermissionDenied
    v = traject.afschalingsvoorstellen.filter(pk=voorstel).first()
    if v is None:
        raise Http404
    form = BesluitForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.besluit_afschaling(
                traject,
                v.pk,
                request.user,
                aanvaard=form.cleaned_data["besluit"] == "aanvaard",
                reden=form.cleaned_data["reden"],
            )
        except Weigering as weigering:
            weigering_naar_formulier(form, weigering.fouten)
        else:
            if form.cleaned_data["besluit"] == "aanvaard":
                messages.success(
                    request,
                    _(
                        "Er is een nieuw PIP-concept met niveau A2. "
                        "Controleer het en stel het vast."
                    ),
                )
                return redirect("web:pip", pk=inburgeraar.pk)
            messages.success(request, _("U heeft het voorstel afgewezen."))
            return redirect(_terug(inburgeraar))
    return _render(request, "afschaling.html", inburgeraar, traject, form=form, voorstel=v)
