"""The werkvoorraad: the cases of an adviseur (or of the team, for a teamleider), most urgent
first, with search and filters. A constant number of queries per page, whatever its size.

It stays in the shell: it joins the inburgeraars slice with the open signals of monitoring, a
layer above the core."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from koers.bouwstenen.formulieren import KoersStijl
from koers.bouwstenen.paginering import pagineer
from koers.bouwstenen.schermen import vereis
from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars import bereik
from koers.inburgeraars import rules as traject_rules
from koers.inburgeraars.models import STATUS_CHOICES
from koers.inburgeraars.services import wijs_zaken_toe
from koers.monitoring import lezen as signalen
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie
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
        bereik.trajecten_voor(user)
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
    """One werkvoorraad row as ready text: the row template only prints it, which keeps a page
    of many rows cheap to render."""

    traject_id: int
    inburgeraar_id: int
    url: str
    naam: str
    kies_label: str  # the checkbox's accessible name, for the teamleider's choice
    aanvullen: bool
    bsn: str
    gemeente: str
    doelgroep: str
    status: str
    adviseur: str
    deadline: str
    kenmerken: list[str]  # markers of its open signals ("Nieuw bericht")
    signaal_tekst: str  # the first open signal with its deadline and how many more; "" if none


class RijenBouwer:
    """Builds the rows of one page: the status labels are translated once, not per row."""

    def __init__(self, vandaag):
        self.vandaag = vandaag
        self.statussen = {waarde: str(label) for waarde, label in STATUS_CHOICES}

    def rij(self, traject, signaal_info: dict | None = None) -> Rij:
        persoon = traject.inburgeraar
        naam = persoon.lijstnaam
        return Rij(
            traject_id=traject.pk,
            inburgeraar_id=persoon.pk,
            url=reverse("web:inburgeraar", args=[persoon.pk]),
            naam=naam,
            kies_label=_("Kies %(naam)s") % {"naam": naam},
            aanvullen=persoon.persoonsgegevens_aanvullen,
            bsn=persoon.bsn,
            gemeente=traject.gemeente.naam,
            doelgroep=persoon.doelgroepindeling,
            status=self.statussen.get(traject.status, traject.status),
            adviseur=traject.adviseur.weergavenaam if traject.adviseur else "",
            deadline=deadline(traject.volgende_deadline, self.vandaag),
            kenmerken=signaal_info["kenmerken"] if signaal_info else [],
            signaal_tekst=self._signaal_tekst(signaal_info) if signaal_info else "",
        )

    def _signaal_tekst(self, info: dict) -> str:
        meer = info["aantal"] - 1
        return format_html(
            "{} {}{}",
            deadline(info["eerste"], self.vandaag),
            info["titel"],
            " " + ngettext("(en nog %(n)s)", "(en nog %(n)s)", meer) % {"n": meer} if meer else "",
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
    mag_toewijzen = policy.mag(user, Actie.ADVISEUR_TOEWIJZEN)
    bouwer = RijenBouwer(vandaag)
    context = {
        "form": form,
        "toewijzen_form": ToewijzenForm(adviseurs=policy.adviseurs_voor(user))
        if mag_toewijzen
        else None,
        "terug": request.GET.urlencode(),
        "pagina": pagina,
        "rijen": [bouwer.rij(t, per_traject.get(t.pk)) for t in pagina.rijen],
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


# --- several cases to one adviseur ---------------------------------------------------------


class ToewijzenForm(KoersStijl, forms.Form):
    """The teamleider's choice under the werkvoorraad: the ticked cases go to this adviseur."""

    prefix = "toewijzen"
    toon_niet_verplicht = False

    adviseur = forms.ChoiceField(label=gettext_lazy("Toewijzen aan"), choices=())

    def __init__(self, *args, adviseurs, **kwargs):
        super().__init__(*args, **kwargs)
        self._adviseurs = {str(a.pk): a for a in adviseurs}
        self.fields["adviseur"].choices = [("", _("Kies een adviseur"))] + [
            (pk, a.weergavenaam) for pk, a in self._adviseurs.items()
        ]
        self.fields["adviseur"].error_messages["required"] = _(
            "Kies bij 'Toewijzen aan' de adviseur die de zaken krijgt."
        )

    def clean_adviseur(self):
        return self._adviseurs[self.cleaned_data["adviseur"]]


def _zaak_ids(waarden) -> list[int] | None:
    """The ticked cases (traject ids), or ``None`` when one is not a number."""
    try:
        return sorted({int(w) for w in waarden})
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def toewijzen(request):
    """Assign the ticked cases of the werkvoorraad to one adviseur: every case through
    koers.inburgeraars.services.wijs_zaken_toe in one transaction, or none at all. A case out
    of reach counts as not found; the answer is a message on the werkvoorraad, with the
    filters the teamleider had."""
    user = request.user
    vereis(user, Actie.ADVISEUR_TOEWIJZEN)
    terug = reverse("web:werkvoorraad")
    # Back to the same filters; re-encoded, so the value can only ever be a query string.
    filters = QueryDict(request.POST.get("terug", ""), mutable=True)
    if filters:
        terug += "?" + filters.urlencode()
    form = ToewijzenForm(request.POST, adviseurs=policy.adviseurs_voor(user))
    ids = _zaak_ids(request.POST.getlist("zaak"))
    # Every error of the form at once: no cases ticked and a wrong adviseur both say so.
    fouten = [] if ids else [_("Kies eerst een of meer zaken in de lijst.")]
    if not form.is_valid():
        fouten += form.errors.get("adviseur", ())
    if fouten:
        for fout in fouten:
            messages.error(request, fout)
        return redirect(terug)
    trajecten = list(bereik.trajecten_voor(user).filter(pk__in=ids))
    if len(trajecten) != len(ids):
        messages.error(
            request,
            _("Niet alle gekozen zaken zijn gevonden. Er is niets gewijzigd. Kies opnieuw."),
        )
        return redirect(terug)
    adviseur = form.cleaned_data["adviseur"]
    try:
        wijs_zaken_toe(trajecten, adviseur, user)
    except Weigering as weigering:
        messages.error(
            request,
            _("Er is niets gewijzigd: %(reden)s")
            % {"reden": " ".join(str(t) for t in weigering.fouten.values())},
        )
        return redirect(terug)
    messages.success(
        request,
        ngettext(
            "%(aantal)d zaak is toegewezen aan %(naam)s.",
            "%(aantal)d zaken zijn toegewezen aan %(naam)s.",
            len(trajecten),
        )
        % {"aantal": len(trajecten), "naam": adviseur.weergavenaam},
    )
    return redirect(terug)
