"""Pages of the inburgeraars slice: aanmelden, the case page and the actions on it
(gegevens, status, adviseur, leerbaarheidstoets overslaan). Included in the ``web`` namespace
by koers.web.urls."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.bouwstenen.formulieren import weigering_naar_formulier
from koers.bouwstenen.schermen import casus_url, vereis
from koers.bouwstenen.secties import Tab, dossier_tabs, overzicht_secties, tab_sectie
from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars import rules, services
from koers.inburgeraars.bereik import casus, casus_met_traject
from koers.inburgeraars.forms import (
    AanmeldForm,
    AdviseurForm,
    LbtOverslaanForm,
    PersoonForm,
    StatusForm,
)
from koers.inburgeraars.models import Traject
from koers.organisaties.koppelingen import koers_modules
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie


@login_required
def aanmelden(request):
    user = request.user
    vereis(user, Actie.AANMELDEN)
    gemeenten = policy.zichtbare_gemeenten(user)
    adviseurs = policy.adviseurs_voor(user) if policy.mag(user, Actie.ADVISEUR_TOEWIJZEN) else None
    form = AanmeldForm(request.POST or None, gemeenten=gemeenten, adviseurs=adviseurs)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        gemeente = data.pop("gemeente")
        adviseur = data.pop("adviseur", None)
        if policy.wordt_zelf_adviseur(user):
            adviseur = user  # an adviseur registers his own case
        try:
            inburgeraar = services.meld_aan(gemeente=gemeente, door=user, adviseur=adviseur, **data)
        except Weigering as weigering:
            weigering_naar_formulier(form, weigering.fouten)
        else:
            messages.success(
                request, _("%(naam)s is aangemeld.") % {"naam": inburgeraar.volledige_naam}
            )
            return redirect("web:inburgeraar", pk=inburgeraar.pk)
    return render(request, "inburgeraars/aanmelden.html", {"form": form})


@login_required
def gegevens(request, pk):
    user = request.user
    vereis(user, Actie.GEGEVENS_WIJZIGEN)
    inburgeraar, _traject = casus(user, pk)
    form = PersoonForm(
        request.POST or None,
        initial=PersoonForm.initial_van(inburgeraar),
        inburgeraar=inburgeraar,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.wijzig_gegevens(inburgeraar, user, **form.cleaned_data)
        except Weigering as weigering:
            weigering_naar_formulier(form, weigering.fouten)
        else:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect("web:inburgeraar", pk=inburgeraar.pk)
    return render(request, "inburgeraars/gegevens.html", {"form": form, "inburgeraar": inburgeraar})


def _kern_tabs() -> tuple[list[Tab], list[Tab]]:
    """The core's tabs of the dossier: the overview, intake and PIP first, DUO and the
    timeline last; the apps' tabs go in between (koers.bouwstenen.secties.dossier_tabs)."""
    voor = [
        Tab("overzicht", _("Overzicht")),
        Tab("intake", _("Brede intake"), (Sectie.INTAKE,)),
        Tab("pip", _("PIP en documenten"), (Sectie.PIP,)),
    ]
    na = [Tab("duo", _("DUO"), (Sectie.DUO,)), Tab("tijdlijn", _("Tijdlijn"), (Sectie.TIJDLIJN,))]
    return voor, na


def _volgende_stappen(user, inburgeraar, traject, *, intake_afgerond, heeft_pip_concept):
    """The "Volgende stap" actions of the case's phase that this user may take."""
    if traject is None or not traject.is_open:
        return []
    fase = rules.fase(
        traject.status, intake_afgerond=intake_afgerond, heeft_pip_concept=heeft_pip_concept
    )
    stappen = []
    for stap in rules.VOLGENDE_STAPPEN[fase]:
        if not policy.mag(user, Actie(stap.actie)):
            continue
        try:
            url = reverse(stap.pagina, args=[inburgeraar.pk])
        except NoReverseMatch:  # the app that records this step is not installed
            continue
        stappen.append({"id": stap.id, "label": _(stap.label), "url": url})
    return stappen[:3]


def _dossier(user, inburgeraar, tab: str) -> dict:
    """What every tab of the dossier shows: the header with the case's key facts and its
    "Volgende stap", and the tabs this user may open (404 for any other)."""
    traject = inburgeraar.huidig_traject
    tabs = dossier_tabs(user, traject, *_kern_tabs())
    actief = next((t for t in tabs if t.sleutel == tab), None)
    if actief is None:
        raise Http404
    context = {
        "inburgeraar": inburgeraar,
        "traject": traject,
        "vandaag": timezone.localdate(),
        "tabs": tabs,
        "tab": actief,
        "mag_personalia": policy.mag_zien(user, Sectie.PERSONALIA, traject),
        "mag_traject": policy.mag_zien(user, Sectie.TRAJECT, traject),
    }
    if traject is not None and traject.is_open:
        # Two small reads decide the phase inside the brede intake (the intake and the PIP
        # versions named by their relations to the traject, as their ForeignKeys name it).
        intake_afgerond = Traject.objects.filter(
            pk=traject.pk, intake__afgerond_op__isnull=False
        ).exists()
        heeft_pip_concept = intake_afgerond and traject.pips.filter(status="concept").exists()
        context["stappen"] = _volgende_stappen(
            user,
            inburgeraar,
            traject,
            intake_afgerond=intake_afgerond,
            heeft_pip_concept=heeft_pip_concept,
        )
    return context


def _overzicht(user, inburgeraar, context, *, status_form=None, adviseur_form=None) -> dict:
    traject = context["traject"]
    context["mag_gegevens"] = policy.mag(user, Actie.GEGEVENS_WIJZIGEN)
    # A ketenpartner is a third party: no address under BRP geheimhouding.
    context["adres"], context["postcode_plaats"] = (
        policy.adres_voor_derden(inburgeraar)
        if policy.is_partner(user)
        else (inburgeraar.adres, inburgeraar.postcode_plaats)
    )
    context["met_gezondheid"] = policy.mag_zien(user, Sectie.GEZONDHEID, traject)
    context["secties"] = overzicht_secties(user, inburgeraar, traject)
    # DUO's refusals are shown by the shell, which may read the DUO chain (koers_duo).
    context["mag_duo"] = policy.mag_zien(user, Sectie.DUO, traject)
    if traject is None:
        return context
    if policy.mag(user, Actie.STATUS_WIJZIGEN) and traject.is_open:
        status_form = status_form or StatusForm(huidige_status=traject.status)
        context["status_form"] = status_form if status_form.heeft_keuzes else None
    if policy.mag(user, Actie.ADVISEUR_TOEWIJZEN):
        context["adviseur_form"] = adviseur_form or AdviseurForm(
            adviseurs=policy.adviseurs_voor(user),
            initial={"adviseur": str(traject.adviseur_id or "")},
        )
    return context


def _tijdlijn(user, inburgeraar, context) -> dict:
    traject = context["traject"]
    context["gebeurtenissen"] = list(
        traject.gebeurtenissen.exclude(
            soort__in=policy.verborgen_gebeurtenissen(user, traject)
        ).select_related("door")
    )
    return context


_KERN_TABS = {
    "overzicht": _overzicht,
    "duo": lambda user, inburgeraar, context: context,  # koers.web's koers_duo tag renders it
    "tijdlijn": _tijdlijn,
}


def _kern_tab(tab: str):
    """What fills a core tab: this slice's own, or the ``dossier`` module of the slice whose
    tab it is (the brede intake's, the PIP's: koers.organisaties.koppelingen)."""
    if tab in _KERN_TABS:
        return _KERN_TABS[tab]
    return next((m.tab_context for m in koers_modules("dossier") if tab == m.TAB), None)


def _casus_context(user, inburgeraar, tab: str = "overzicht", **formulieren) -> dict:
    context = _dossier(user, inburgeraar, tab)
    kern = _kern_tab(tab)
    if kern is not None:
        return kern(user, inburgeraar, context, **formulieren)
    context["sectie"] = tab_sectie(context["tab"], user, inburgeraar, context["traject"])
    if context["sectie"] is None:
        raise Http404
    return context


@login_required
def inburgeraar(request, pk):
    inburgeraar, _traject = casus(request.user, pk)
    return render(request, "inburgeraars/casus.html", _casus_context(request.user, inburgeraar))


@login_required
def casus_tab(request, pk, tab):
    if tab == "overzicht":
        return redirect("web:inburgeraar", pk=pk)
    inburgeraar, _traject = casus(request.user, pk)
    return render(
        request, "inburgeraars/casus.html", _casus_context(request.user, inburgeraar, tab)
    )


@login_required
@require_POST
def status(request, pk):
    user = request.user
    vereis(user, Actie.STATUS_WIJZIGEN)
    inburgeraar, traject = casus_met_traject(user, pk)
    form = StatusForm(request.POST, huidige_status=traject.status)
    if form.is_valid():
        try:
            services.wijzig_status(
                traject,
                form.cleaned_data["status"],
                user,
                reden=form.cleaned_data["reden"],
                toelichting=form.cleaned_data["toelichting"],
            )
        except Weigering as weigering:
            weigering_naar_formulier(form, weigering.fouten)
        else:
            messages.success(request, _("De status is gewijzigd."))
            return redirect(casus_url(inburgeraar.pk, anker="traject"))
    return render(
        request, "inburgeraars/casus.html", _casus_context(user, inburgeraar, status_form=form)
    )


@login_required
@require_POST
def adviseur(request, pk):
    user = request.user
    vereis(user, Actie.ADVISEUR_TOEWIJZEN)
    inburgeraar, traject = casus_met_traject(user, pk)
    form = AdviseurForm(request.POST, adviseurs=policy.adviseurs_voor(user))
    if form.is_valid():
        services.wijs_adviseur_toe(traject, form.cleaned_data["adviseur"], user)
        messages.success(request, _("De adviseur is gewijzigd."))
        return redirect(casus_url(inburgeraar.pk, anker="traject"))
    return render(
        request, "inburgeraars/casus.html", _casus_context(user, inburgeraar, adviseur_form=form)
    )


@login_required
@require_POST
def lbt_overslaan(request, pk):
    """The gemeente decides not to take the leerbaarheidstoets; DUO hears it through the
    outbox (koers.inburgeraars.services.sla_lbt_over)."""
    user = request.user
    vereis(user, Actie.INTAKE_BEWERKEN)
    inburgeraar, traject = casus_met_traject(user, pk)
    form = LbtOverslaanForm(request.POST, traject=traject)
    if form.is_valid():
        try:
            services.sla_lbt_over(traject, user, **form.cleaned_data)
        except Weigering as weigering:
            weigering_naar_formulier(form, weigering.fouten)
        else:
            messages.success(
                request, _("Het besluit is opgeslagen. De leerbaarheidstoets is niet nodig.")
            )
            return redirect(casus_url(inburgeraar.pk, "intake", "intake"))
    return render(
        request,
        "inburgeraars/casus.html",
        _casus_context(user, inburgeraar, "intake", lbt_form=form),
    )
