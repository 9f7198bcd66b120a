"""The werkvoorraad: the cases of an adviseur (or of the team, for a teamleider), most urgent
first, with search and filters. A constant number of queries per page, whatever its size.

It stays in the shell: it joins the inburgeraars slice with the open signals of monitoring, a
layer above the core."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from koers.bouwstenen.paginering import pagineer
from koers.inburgeraars import rules as traject_rules
from koers.monitoring import lezen as signalen
from koers.toegang import policy
from koers.toegang.policy import Sectie
from koers.verwerkingen.rules import ACTIVITEIT_LIJST, ACTIVITEIT_ZOEKEN
from koers.verwerkingen.services import log_lijst
from koers.web.forms import WerkvoorraadFilter
from koers.web.secties import menu_items
from koers.web.templatetags.koers_web import deadline

PER_PAGINA = 25
PER_PAGINA_MAX = 100


def per_pagina(waarde) -> int:
    try:
        return min(max(int(waarde), 1), PER_PAGINA_MAX)
    except (TypeError, ValueError):
        return PER_PAGINA


LIJST_VELDEN = (
    "id",
    "status",
    "volgende_deadline",
    "inburgeraar_id",
    "gemeente_id",
    "adviseur_id",
    "inburgeraar__id",
    "inburgeraar__bsn",
    "inburgeraar__voornamen",
    "inburgeraar__geslachtsnaam",
    "inburgeraar__doelgroep",
    "inburgeraar__doelgroepindeling",
    "inburgeraar__persoonsgegevens_aanvullen",
    "gemeente__id",
    "gemeente__organisatie_id",
    "gemeente__organisatie__id",
    "gemeente__organisatie__naam",
    "adviseur__id",
    "adviseur__username",
    "adviseur__first_name",
    "adviseur__last_name",
)


def _is_bsn(zoek) -> bool:
    zoek = (zoek or "").strip()
    return len(zoek) == 9 and zoek.isdigit()


def trajecten(user, filters: dict, vandaag, *, teamleider: bool):
    """The filtered werkvoorraad query (not yet ordered or sliced)."""
    # Only the columns a row shows: fewer to compile, fetch and build at national scale.
    qs = (
        policy.trajecten_voor(user)
        .select_related("inburgeraar", "gemeente__organisatie", "adviseur")
        .only(*LIJST_VELDEN)
    )
    if not teamleider and not filters.get("alle"):
        qs = qs.filter(adviseur=user)
    status = filters.get("status") or ""
    if status == "":
        qs = qs.exclude(status=traject_rules.Status.AFGEROND)
    elif status != "alle":
        qs = qs.filter(status=status)
    zoek = " ".join((filters.get("q") or "").split()).lower()
    if _is_bsn(zoek):
        qs = qs.filter(inburgeraar__bsn=zoek)
    elif zoek:
        qs = qs.filter(inburgeraar__zoeknaam__startswith=zoek)
    if filters.get("gemeente"):
        qs = qs.filter(gemeente_id=filters["gemeente"])
    if filters.get("doelgroep"):
        qs = qs.filter(inburgeraar__doelgroepindeling=filters["doelgroep"])
    if filters.get("deadline"):
        van, tot = traject_rules.deadline_bereik(filters["deadline"], vandaag)
        if van is not None:
            qs = qs.filter(volgende_deadline__gte=van)
        if tot is not None:
            qs = qs.filter(volgende_deadline__lte=tot)
    adviseur = filters.get("adviseur")
    if adviseur == "geen":
        qs = qs.filter(adviseur__isnull=True)
    elif adviseur:
        qs = qs.filter(adviseur_id=int(adviseur))
    if filters.get("signalen"):
        qs = signalen.met_open_signaal(user, qs)
    return qs


@dataclass(frozen=True)
class Rij:
    """One werkvoorraad row as plain text: the template only prints it, which keeps a page of
    many rows cheap to render."""

    inburgeraar_id: int
    url: str
    naam: str
    aanvullen: bool
    bsn: str
    gemeente: str
    doelgroep: str
    status: str
    adviseur: str
    deadline: str
    signalen: dict | None = None  # {"aantal", "eerste", "titel"} of the open signals


def _rij(traject, vandaag, signaal_info: dict | None = None) -> Rij:
    persoon = traject.inburgeraar
    return Rij(
        inburgeraar_id=persoon.pk,
        url=reverse("web:inburgeraar", args=[persoon.pk]),
        naam=persoon.lijstnaam,
        aanvullen=persoon.persoonsgegevens_aanvullen,
        bsn=persoon.bsn,
        gemeente=traject.gemeente.naam,
        doelgroep=persoon.doelgroepindeling,
        status=traject.get_status_display(),
        adviseur=traject.adviseur.weergavenaam if traject.adviseur else "",
        deadline=deadline(traject.volgende_deadline, vandaag),
        signalen=signaal_info,
    )


@login_required
def werkvoorraad(request):
    user = request.user
    if not policy.heeft_casustoegang(user):
        # Beleid and financiën start at the dashboards, the privacy officer at the log; the
        # beheerder gets the page that sends him to beheer.
        items = menu_items(user)
        if items and not policy.mag_beheren(user):
            return redirect(items[0].url_name)
        return render(request, "web/geen_toegang.html", {"is_beheerder": policy.mag_beheren(user)})
    if not policy.mag_zien(user, Sectie.TRAJECT):
        # A role that reaches a part only (the uitkeringsadministratie) may not see status,
        # doelgroep, adviseur or deadlines of cases: it works from its own page.
        items = menu_items(user)
        if items:
            return redirect(items[0].url_name)
        return render(request, "web/geen_toegang.html", {"is_beheerder": False})
    teamleider = policy.toont_alle_adviseurs(user)
    vandaag = timezone.localdate()
    gemeenten = list(policy.zichtbare_gemeenten(user))
    adviseurs = policy.adviseurs_voor(user) if teamleider else None
    toon_signalen = bool(signalen.zichtbare_soorten(user))
    form = WerkvoorraadFilter(
        request.GET or None, gemeenten=gemeenten, adviseurs=adviseurs, met_signalen=toon_signalen
    )
    filters = {}
    if form.is_bound:
        form.is_valid()  # an invalid filter is dropped and shown; the valid ones still apply
        filters = dict(form.cleaned_data)
    per = per_pagina(request.GET.get("per", PER_PAGINA))
    pagina = pagineer(
        trajecten(user, filters, vandaag, teamleider=teamleider),
        per,
        na=request.GET.get("na"),
        voor=request.GET.get("voor"),
    )
    # One query for the open signals of the whole page, whatever its size.
    per_traject = signalen.per_traject(user, [t.pk for t in pagina.rijen]) if toon_signalen else {}
    # Every case shown is a logged read of its name and traject; a search by BSN too.
    log_lijst(
        user,
        pagina.rijen,
        [Sectie.NAAM, Sectie.TRAJECT],
        kanaal="ui",
        activiteit=ACTIVITEIT_ZOEKEN if _is_bsn(filters.get("q")) else ACTIVITEIT_LIJST,
    )
    context = {
        "form": form,
        "pagina": pagina,
        "rijen": [_rij(t, vandaag, per_traject.get(t.pk)) for t in pagina.rijen],
        "vandaag": vandaag,
        "teamleider": teamleider,
        "toon_signalen": toon_signalen,
        "alle": bool(filters.get("alle")),
        "per": per,
        "gefilterd": any(
            filters.get(k)
            for k in ("q", "status", "gemeente", "doelgroep", "deadline", "adviseur", "signalen")
        ),
        "bladeren": bool(request.GET.get("na") or request.GET.get("voor")),
    }
    template = (
        "web/werkvoorraad/_resultaten.html"
        if request.headers.get("HX-Request")
        else "web/werkvoorraad/index.html"
    )
    return render(request, template, context)
