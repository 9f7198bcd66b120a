"""The dashboards: Aantallen and Procesindicatoren, their CSV/XLSX exports, and
the taakstelling form of beleid. Aggregates only: no page or export shows a person."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.bouwstenen.formulieren import weigering_naar_formulier
from koers.bouwstenen.schermen import fout_items
from koers.bouwstenen.weigering import Weigering
from koers.organisaties.models import Taakstelling
from koers.sturing import cijfers, dashboards, export, kubus, rules, services, weergave
from koers.sturing.forms import TaakstellingForm
from koers.toegang import policy


def _vereis(user) -> None:
    if not policy.mag_sturing_zien(user):
        raise PermissionDenied


def _context(request, titel: str, url_naam: str):
    user = request.user
    _vereis(user)
    vandaag = timezone.localdate()
    filters, bereiken = dashboards.filters_uit(request, vandaag)
    onderdrukken = dashboards.onderdrukken_voor(user, filters)
    verversing = kubus.actueel(vandaag, marge=kubus.PAGINA_MARGE)
    rijen = kubus.lees(filters.bereik.gemeente_ids, filters.periode.jaar)
    return (
        rijen,
        filters,
        onderdrukken,
        {
            "verversing": verversing,
            "titel": titel,
            "filters": filters,
            "bereiken": bereiken.values(),
            "periodes": rules.periode_keuzes(vandaag),
            "doelgroepen": cijfers.DOELGROEPEN.items(),
            "onderdrukken": onderdrukken,
            "onderdrukking_uitleg": weergave.ONDERDRUKKING_UITLEG,
            "url_naam": url_naam,
            "query": filters.query(),
            "mag_taakstelling": policy.mag_taakstelling_bewerken(user),
        },
    )


@login_required
def aantallen(request):
    rijen, filters, onderdrukken, context = _context(request, _("Aantallen"), "sturing:aantallen")
    doorklikken = policy.sturing_doorklikken(request.user)
    context["tabellen"] = dashboards.aantallen(
        request.user, filters, onderdrukken, doorklikken, rijen
    )
    context["export_naam"] = "sturing:aantallen_export"
    return render(request, "sturing/dashboard.html", context)


@login_required
def proces(request):
    rijen, filters, onderdrukken, context = _context(
        request, _("Procesindicatoren"), "sturing:proces"
    )
    context["tabellen"] = dashboards.proces(request.user, filters, onderdrukken, rijen)
    context["export_naam"] = "sturing:proces_export"
    return render(request, "sturing/dashboard.html", context)


def _export(formaat: str, titel: str, tabellen, filters, onderdrukken: bool, naam: str):
    if formaat not in ("csv", "xlsx"):
        raise Http404
    kop = dashboards.kop(filters, titel, onderdrukken)
    bestand = f"{naam}-{filters.bereik.schaal}-{filters.periode.sleutel}.{formaat}"
    if formaat == "csv":
        return export.csv_export(kop, tabellen, bestand)
    return export.xlsx_export(kop, tabellen, bestand)


@login_required
def aantallen_export(request, formaat):
    rijen, filters, onderdrukken, _context_ = _context(request, "", "")
    # Exports carry no drill-down links: they leave Koers.
    tabellen = dashboards.aantallen(request.user, filters, onderdrukken, False, rijen)
    return _export(formaat, _("Aantallen"), tabellen, filters, onderdrukken, "aantallen")


@login_required
def proces_export(request, formaat):
    rijen, filters, onderdrukken, _context_ = _context(request, "", "")
    tabellen = dashboards.proces(request.user, filters, onderdrukken, rijen)
    return _export(
        formaat, _("Procesindicatoren"), tabellen, filters, onderdrukken, "procesindicatoren"
    )


@login_required
def taakstelling(request):
    user = request.user
    if not policy.mag_taakstelling_bewerken(user):
        raise PermissionDenied
    form = TaakstellingForm(
        request.POST or None, initial={"jaar": timezone.localdate().year, "halfjaar": 1}
    )
    fouten = {}
    if request.method == "POST" and form.is_valid():
        try:
            services.bewaar_taakstelling(user, **form.cleaned_data)
        except Weigering as weigering:
            fouten = weigering.fouten
            weigering_naar_formulier(form, fouten)
        else:
            messages.success(request, _("De taakstelling is bewaard."))
            return redirect("sturing:taakstelling")
    elif form.errors:
        fouten = {veld: " ".join(lijst) for veld, lijst in form.errors.items()}
    lijst = policy.van_eigen_gemeente(user, Taakstelling.objects).order_by("-jaar", "-halfjaar")
    return render(
        request,
        "sturing/taakstelling.html",
        {
            "form": form,
            "fout_items": fout_items(fouten, form),
            "taakstellingen": lijst,
            "gemeente": user.gemeente,
        },
    )
