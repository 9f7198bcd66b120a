"""The Financiën pages. Financiën, beleid and teamleider see the dashboard of
their own gemeente: money and counts only, no person. Financiën keeps the contracts. A
kostenpost is about one person, so it is entered on a page of the case by who works on it
(the adviseur, through the policy's reach: a case out of reach is 404); financiën never
sees which person a cost belongs to."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.bouwstenen.formulieren import weigering_naar_formulier
from koers.bouwstenen.schermen import fout_items
from koers.bouwstenen.weergave import bedrag, getal
from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars import bereik
from koers.sturing import export, financien, rules, services, weergave
from koers.sturing.forms import BudgetForm, ContractForm, KostenpostForm
from koers.sturing.models import Contract, Kostenpost
from koers.toegang import policy
from koers.toegang.policy import Sectie
from koers.verwerkingen.services import log_lezen

JAAR_MIN, JAAR_MAX = rules.BUDGET_JAAR_MIN, rules.BUDGET_JAAR_MAX


def _jaar(request) -> int:
    try:
        jaar = int(request.GET.get("jaar", ""))
    except ValueError:
        return timezone.localdate().year
    return jaar if JAAR_MIN <= jaar <= JAAR_MAX else timezone.localdate().year


def _dashboard(request):
    user = request.user
    if not policy.mag_sturing_zien(user):
        raise PermissionDenied
    vandaag = timezone.localdate()
    jaar = _jaar(request)
    cijfers = financien.bereken(user.gemeente.pk, jaar, vandaag)
    onderdrukken = policy.sturing_onderdrukken(user, [user.gemeente.pk])
    return jaar, onderdrukken, financien.tabellen(cijfers, onderdrukken), cijfers


@login_required
def dashboard(request):
    jaar, onderdrukken, tabellen, cijfers = _dashboard(request)
    contracten = policy.van_eigen_gemeente(request.user, Contract.objects).select_related(
        "aanbieder"
    )
    return render(
        request,
        "sturing/financien.html",
        {
            "titel": _("Financiën"),
            "gemeente": request.user.gemeente,
            "jaar": jaar,
            "jaren": range(JAAR_MIN, timezone.localdate().year + 2),
            "tabellen": tabellen,
            "onderdrukken": onderdrukken,
            "onderdrukking_uitleg": weergave.ONDERDRUKKING_UITLEG,
            "contracten": [(c, bedrag(c.tarief)) for c in contracten],
            "geen_budget": not cijfers.budget,
            "query": f"jaar={jaar}",
            "url_naam": "sturing:financien",
            "mag_beheren": policy.mag_financien_beheren(request.user),
            "mag_taakstelling": policy.mag_taakstelling_bewerken(request.user),
        },
    )


@login_required
def dashboard_export(request, formaat):
    if formaat not in ("csv", "xlsx"):
        raise Http404
    jaar, onderdrukken, tabellen, _cijfers = _dashboard(request)
    kop = [[_("Financiën")], [_("Gemeente"), request.user.gemeente.naam], [_("Jaar"), jaar]]
    if onderdrukken:
        kop += [[str(regel)] for regel in weergave.ONDERDRUKKING_UITLEG]
    bestand = f"financien-{jaar}.{formaat}"
    if formaat == "csv":
        return export.csv_export(kop, tabellen, bestand)
    return export.xlsx_export(kop, tabellen, bestand)


@login_required
def contract(request, pk=None):
    user = request.user
    if not policy.mag_financien_beheren(user):
        raise PermissionDenied
    bestaand = None
    initial = {"geldig_van": timezone.localdate()}
    if pk is not None:
        bestaand = get_object_or_404(Contract, pk=pk, gemeente=user.gemeente)
        initial = {
            "aanbieder": bestaand.aanbieder,
            "aanbieder_naam": bestaand.aanbieder_naam,
            "voorziening": bestaand.voorziening,
            "eenheid": bestaand.eenheid,
            "tarief": bestaand.tarief,
            "geldig_van": bestaand.geldig_van,
            "geldig_tot": bestaand.geldig_tot,
        }
    form = ContractForm(request.POST or None, initial=initial)
    fouten = {}
    if request.method == "POST" and form.is_valid():
        try:
            services.bewaar_contract(user, contract=bestaand, **form.cleaned_data)
        except Weigering as weigering:
            fouten = weigering.fouten
            weigering_naar_formulier(form, fouten)
        else:
            messages.success(request, _("Het contract is bewaard."))
            return redirect("sturing:financien")
    elif form.errors:
        fouten = {veld: " ".join(lijst) for veld, lijst in form.errors.items()}
    return render(
        request,
        "sturing/contract.html",
        {"form": form, "fout_items": fout_items(fouten, form), "contract": bestaand},
    )


@login_required
def budget(request):
    """Enter or change a budget of the own gemeente (financiën); the SPUK is entered
    when it is known."""
    user = request.user
    if not policy.mag_financien_beheren(user):
        raise PermissionDenied
    form = BudgetForm(request.POST or None, initial={"jaar": _jaar(request)})
    fouten = {}
    if request.method == "POST" and form.is_valid():
        try:
            bewaard = services.bewaar_budget(user, **form.cleaned_data)
        except Weigering as weigering:
            fouten = weigering.fouten
            weigering_naar_formulier(form, fouten)
        else:
            messages.success(request, _("Het budget is bewaard."))
            return redirect(reverse("sturing:financien") + f"?jaar={bewaard.jaar}")
    elif form.errors:
        fouten = {veld: " ".join(lijst) for veld, lijst in form.errors.items()}
    return render(
        request, "sturing/budget.html", {"form": form, "fout_items": fout_items(fouten, form)}
    )


@login_required
def kosten(request, inburgeraar_pk):
    user = request.user
    inburgeraar = bereik.get_inburgeraar_voor(user, inburgeraar_pk)  # out of reach: 404
    if not policy.mag_zien(user, Sectie.KOSTEN, inburgeraar.huidig_traject):
        raise PermissionDenied
    traject = get_object_or_404(bereik.trajecten_voor(user), pk=inburgeraar.huidig_traject_id)
    form = KostenpostForm(
        request.POST or None,
        gemeente=traject.gemeente,
        initial={"datum": timezone.localdate()},
        traject=traject,
    )
    fouten = {}
    if request.method == "POST" and form.is_valid():
        try:
            services.registreer_kostenpost(user, traject, **form.cleaned_data)
        except Weigering as weigering:
            fouten = weigering.fouten
            weigering_naar_formulier(form, fouten)
        else:
            messages.success(request, _("De kosten zijn geregistreerd."))
            return redirect("sturing:kosten", inburgeraar_pk=inburgeraar.pk)
    elif form.errors:
        fouten = {veld: " ".join(lijst) for veld, lijst in form.errors.items()}
    posten = Kostenpost.objects.filter(traject=traject).select_related("contract__aanbieder")
    log_lezen(user, inburgeraar, [services.SECTIE_KOSTEN])
    return render(
        request,
        "sturing/kosten.html",
        {
            "form": form,
            "fout_items": fout_items(fouten, form),
            "inburgeraar": inburgeraar,
            "traject": traject,
            "posten": [(p, getal(p.aantal), bedrag(p.bedrag)) for p in posten],
        },
    )
