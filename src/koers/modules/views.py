"""Web pages of the PVT and MAP: activities, signing the participatieverklaring, the MAP
eindgesprek, and the report of the date to DUO."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from koers.bouwstenen.formulieren import weigering_naar_formulier
from koers.bouwstenen.schermen import vereis
from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars.bereik import casus_met_traject
from koers.inburgeraars.services import vandaag
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie

from . import rules, services
from .forms import (
    ActiviteitForm,
    CorrigeerForm,
    EindgesprekForm,
    MeldForm,
    OndertekenForm,
    VerwijtbaarForm,
)
from .models import Activiteit

TITELS = {
    "pvt": gettext_lazy("Participatieverklaringstraject (PVT)"),
    "map": gettext_lazy("Module arbeidsmarkt en participatie (MAP)"),
}


def _module(module: str) -> str:
    if module not in rules.MODULES:
        raise Http404
    return module


def _lezen(request, pk):
    user = request.user
    inburgeraar, traject = casus_met_traject(user, pk)
    if not policy.mag_zien(user, Sectie.MODULES, traject):
        raise PermissionDenied
    return inburgeraar, traject


def _schrijven(request, pk, actie: Actie = Actie.MODULES_BEWERKEN):
    inburgeraar, traject = _lezen(request, pk)
    vereis(request.user, actie)
    return inburgeraar, traject


def _afrond_form_klasse(module: str):
    return OndertekenForm if module == rules.Module.PVT else EindgesprekForm


def _pagina(
    request,
    inburgeraar,
    traject,
    module: str,
    *,
    form=None,
    afrond_form=None,
    meld_form=None,
    corrigeer_form=None,
    verwijtbaar_form=None,
    status: int = 200,
):
    user = request.user
    stand = services.stand(traject)
    ms = stand.pvt if module == rules.Module.PVT else stand.map
    uitleg = rules.verwijtbaar_uitleg(traject.termijn_eind, vandaag())
    mag_bewerken = policy.mag(user, Actie.MODULES_BEWERKEN) and traject.is_open
    mag_melden = policy.mag(user, Actie.DUO_MELDEN)
    if form is None:
        form = ActiviteitForm(
            module=module,
            initial={
                "uitvoerder": rules.STANDAARD_MAP_UITVOERDER if module == rules.Module.MAP else ""
            },
        )
    if afrond_form is None:
        afrond_form = _afrond_form_klasse(module)(uitleg=uitleg, mag_melden=mag_melden)
    if meld_form is None:
        meld_form = MeldForm(uitleg=uitleg)
    if corrigeer_form is None:
        corrigeer_form = CorrigeerForm(uitleg=uitleg)
    if verwijtbaar_form is None:
        verwijtbaar_form = VerwijtbaarForm(keuzes=stand.verwijtbaar_keuzes)
    return render(
        request,
        "modules/module.html",
        {
            "inburgeraar": inburgeraar,
            "traject": traject,
            "module": module,
            "titel": TITELS[module],
            "ms": ms,
            "stand": stand,
            "form": form,
            "afrond_form": afrond_form,
            "meld_form": meld_form,
            "corrigeer_form": corrigeer_form,
            "verwijtbaar_form": verwijtbaar_form,
            "mag_bewerken": mag_bewerken,
            "mag_melden": mag_melden,
            "min_uren": rules.PVT_MIN_UREN,
            "is_pvt": module == rules.Module.PVT,
        },
        status=status,
    )


@login_required
def module(request, pk, module):
    """The module's page; POST adds an activity."""
    module = _module(module)
    if request.method == "POST":
        inburgeraar, traject = _schrijven(request, pk)
        form = ActiviteitForm(request.POST, module=module, traject=traject)
        if form.is_valid():
            try:
                services.voeg_activiteit_toe(traject, request.user, form.naar_data())
            except Weigering as weigering:
                weigering_naar_formulier(form, weigering.fouten)
            else:
                messages.success(request, _("De activiteit is opgeslagen."))
                return redirect("modules:module", pk=inburgeraar.pk, module=module)
        return _pagina(request, inburgeraar, traject, module, form=form)
    inburgeraar, traject = _lezen(request, pk)
    return _pagina(request, inburgeraar, traject, module)


def _activiteit(traject, activiteit_id) -> Activiteit:
    activiteit = Activiteit.objects.filter(traject=traject, pk=activiteit_id).first()
    if activiteit is None:
        raise Http404
    activiteit.traject = traject
    return activiteit


@login_required
def activiteit(request, pk, activiteit_id):
    inburgeraar, traject = _schrijven(request, pk)
    act = _activiteit(traject, activiteit_id)
    if request.method == "POST":
        form = ActiviteitForm(request.POST, module=act.module, traject=traject, activiteit=act)
        if form.is_valid():
            try:
                services.wijzig_activiteit(act, request.user, form.naar_data())
            except Weigering as weigering:
                weigering_naar_formulier(form, weigering.fouten)
            else:
                messages.success(request, _("De activiteit is gewijzigd."))
                return redirect("modules:module", pk=inburgeraar.pk, module=act.module)
    else:
        form = ActiviteitForm(module=act.module, initial=ActiviteitForm.initial_van(act))
    return render(
        request,
        "modules/activiteit.html",
        {
            "inburgeraar": inburgeraar,
            "traject": traject,
            "activiteit": act,
            "form": form,
            "titel": TITELS[act.module],
        },
        status=200,
    )


@login_required
def activiteit_verwijderen(request, pk, activiteit_id):
    inburgeraar, traject = _schrijven(request, pk)
    act = _activiteit(traject, activiteit_id)
    fouten = []
    if request.method == "POST":
        module = act.module
        try:
            services.verwijder_activiteit(act, request.user)
        except Weigering as weigering:
            fouten = [{"href": None, "tekst": t} for t in weigering.fouten.values()]
        else:
            messages.success(request, _("De activiteit is verwijderd."))
            return redirect("modules:module", pk=inburgeraar.pk, module=module)
    return render(
        request,
        "modules/verwijderen.html",
        {
            "inburgeraar": inburgeraar,
            "traject": traject,
            "activiteit": act,
            "fouten": fouten,
            "titel": TITELS[act.module],
        },
    )


@login_required
@require_POST
def afronden(request, pk, module):
    """PVT: sign the participatieverklaring; MAP: the eindgesprek. Optionally reported to
    DUO in the same step."""
    module = _module(module)
    inburgeraar, traject = _schrijven(request, pk)
    mag_melden = policy.mag(request.user, Actie.DUO_MELDEN)
    uitleg = rules.verwijtbaar_uitleg(traject.termijn_eind, vandaag())
    form = _afrond_form_klasse(module)(
        request.POST, uitleg=uitleg, mag_melden=mag_melden, traject=traject
    )
    if form.is_valid():
        data = form.naar_data()
        try:
            if module == rules.Module.PVT:
                services.onderteken_pvt(
                    traject,
                    request.user,
                    datum=data["datum"],
                    verwijtbaar=data["verwijtbaar"],
                    melden=data["melden"] and mag_melden,
                )
            else:
                services.houd_map_eindgesprek(
                    traject,
                    request.user,
                    datum=data["datum"],
                    samenvatting=data["samenvatting"],
                    uitvoerder=data["uitvoerder"],
                    verwijtbaar=data["verwijtbaar"],
                    melden=data["melden"] and mag_melden,
                )
        except Weigering as weigering:
            weigering_naar_formulier(form, weigering.fouten)
        else:
            if module == rules.Module.PVT:
                tekst = _("De ondertekening van de participatieverklaring is opgeslagen.")
            else:
                tekst = _("Het eindgesprek van de MAP is opgeslagen.")
            if data["melden"] and mag_melden:
                tekst += " " + _("De datum gaat naar DUO.")
            messages.success(request, tekst)
            return redirect("modules:module", pk=inburgeraar.pk, module=module)
    return _pagina(request, inburgeraar, traject, module, afrond_form=form)


@login_required
@require_POST
def melden(request, pk, module):
    """Report the date of a closed module that was not reported yet."""
    module = _module(module)
    inburgeraar, traject = _schrijven(request, pk, Actie.DUO_MELDEN)
    form = MeldForm(request.POST, uitleg=rules.verwijtbaar_uitleg(traject.termijn_eind, vandaag()))
    if form.is_valid():
        try:
            services.meld_alsnog(
                traject,
                module,
                request.user,
                verwijtbaar=form.cleaned_data.get("verwijtbaar") or None,
            )
        except Weigering as weigering:
            weigering_naar_formulier(form, weigering.fouten)
        else:
            messages.success(request, _("De datum gaat naar DUO."))
            return redirect(
                reverse("modules:module", kwargs={"pk": inburgeraar.pk, "module": module})
                + "#afronding"
            )
    return _pagina(request, inburgeraar, traject, module, meld_form=form)


@login_required
@require_POST
def corrigeren(request, pk, module):
    """Correct the date of a closed module; a date DUO already has is reported again."""
    module = _module(module)
    inburgeraar, traject = _schrijven(request, pk)
    form = CorrigeerForm(
        request.POST,
        uitleg=rules.verwijtbaar_uitleg(traject.termijn_eind, vandaag()),
        traject=traject,
        module=module,
    )
    if form.is_valid():
        afronding = traject.module_afrondingen.filter(module=module).first()
        if afronding is not None and afronding.bericht_id is not None:
            vereis(request.user, Actie.DUO_MELDEN)
        try:
            services.corrigeer_datum(
                traject,
                module,
                request.user,
                datum=form.cleaned_data["datum"],
                verwijtbaar=form.cleaned_data.get("verwijtbaar") or None,
            )
        except Weigering as weigering:
            weigering_naar_formulier(form, weigering.fouten)
        else:
            messages.success(request, _("De datum is gecorrigeerd."))
            return redirect(
                reverse("modules:module", kwargs={"pk": inburgeraar.pk, "module": module})
                + "#afronding"
            )
    return _pagina(request, inburgeraar, traject, module, corrigeer_form=form)


@login_required
@require_POST
def verwijtbaar(request, pk, module):
    """Tell DUO 'verwijtbaar' for a module that is not done yet (no date)."""
    module = _module(module)
    inburgeraar, traject = _schrijven(request, pk, Actie.DUO_MELDEN)
    vereis(request.user, Actie.MODULES_BEWERKEN)
    form = VerwijtbaarForm(
        request.POST, keuzes=services.stand(traject).verwijtbaar_keuzes or ("Ja", "Nee")
    )
    if form.is_valid():
        try:
            services.meld_verwijtbaar(
                traject,
                module,
                request.user,
                verwijtbaar=form.cleaned_data["verwijtbaar"],
                toelichting=form.cleaned_data.get("toelichting") or "",
            )
        except Weigering as weigering:
            weigering_naar_formulier(form, weigering.fouten)
        else:
            messages.success(request, _("DUO hoort of het verwijtbaar is."))
            return redirect(
                reverse("modules:module", kwargs={"pk": inburgeraar.pk, "module": module})
                + "#verwijtbaar"
            )
    return _pagina(request, inburgeraar, traject, module, verwijtbaar_form=form)
