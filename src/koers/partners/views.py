"""Pages of the ketenpartners: the list of referrals (the partner's work list; for the
gemeente the open referrals within reach), one referral with the partner's answers and
reports, referring a case (adviseur) and the taakverdeling of the gemeente."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.bouwstenen.formulieren import weigering_naar_formulier
from koers.bouwstenen.schermen import casus_url, vereis
from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars.bereik import casus_met_traject
from koers.inburgeraars.services import vandaag
from koers.intake import weergave
from koers.organisaties.models import Organisatie
from koers.partners import rules, services
from koers.partners.casus import vul_totalen, werk_intake
from koers.partners.forms import (
    AfsluitForm,
    AfwijsForm,
    IntrekForm,
    TaakverdelingForm,
    VerwijsForm,
    VoortgangForm,
)
from koers.partners.models import Taakverdeling, Verwijzing, Voortgang
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie
from koers.verwerkingen.context import KANAAL
from koers.verwerkingen.services import log_lezen, log_lezen_lijst

PER_PAGINA = 25
MAX_PER_PAGINA = 100
LIJST_SECTIES = (Sectie.NAAM, Sectie.VERWIJZINGEN)


def gelezen_secties(werk_onderwerpen) -> tuple[Sectie, ...]:
    """What reading one referral shows, for the verwerkingenlogging."""
    return LIJST_SECTIES + ((Sectie.INTAKE_WERK,) if werk_onderwerpen else ())


def mag_lijst(user) -> bool:
    """The Verwijzingen list: a partner user, or a gemeente role that sees referrals."""
    return policy.is_partner(user) or policy.mag_zien(user, Sectie.VERWIJZINGEN)


def _per_pagina(waarde) -> int:
    try:
        return max(1, min(MAX_PER_PAGINA, int(waarde)))
    except (TypeError, ValueError):
        return PER_PAGINA


@login_required
def lijst(request):
    user = request.user
    if not mag_lijst(user):
        raise PermissionDenied
    qs = policy.verwijzingen_voor(user)
    if not policy.is_partner(user):
        qs = qs.filter(status__in=rules.OPEN)
    qs = qs.select_related(
        "traject__inburgeraar", "traject__gemeente__organisatie", "organisatie"
    ).order_by("-aangemaakt_op", "-id")
    pagina = Paginator(qs, _per_pagina(request.GET.get("per"))).get_page(request.GET.get("pagina"))
    rijen = list(pagina.object_list)
    KANAAL.set("ui")
    log_lezen_lijst(
        user, [(v.traject.inburgeraar_id, v.traject_id) for v in rijen], LIJST_SECTIES, kanaal="ui"
    )
    return render(
        request,
        "partners/lijst.html",
        {"pagina": pagina, "rijen": rijen, "is_partner": policy.is_partner(user)},
    )


def _verwijzing(user, pk) -> Verwijzing:
    """A referral the user may see (404 otherwise), with its case and reports."""
    verwijzing = (
        policy.verwijzingen_voor(user)
        .filter(pk=pk)
        .select_related(
            "traject__inburgeraar", "traject__gemeente__organisatie", "organisatie", "verwezen_door"
        )
        .prefetch_related(
            Prefetch("rapportages", queryset=Voortgang.objects.select_related("door"))
        )
        .first()
    )
    if verwijzing is None:
        raise Http404
    return verwijzing


def _detail(request, verwijzing, gebonden=None, status=200):
    user = request.user
    gebonden = gebonden or {}
    vul_totalen(verwijzing)
    is_partner = policy.is_partner(user)
    eigen = is_partner and policy.mag(user, Actie.VERWIJZING_UITVOEREN)
    forms = {}
    if eigen and verwijzing.status == rules.Status.AANGEBODEN:
        forms["afwijzen"] = gebonden.get("afwijzen") or AfwijsForm(prefix="afwijzen")
    if eigen and verwijzing.is_lopend:
        forms["voortgang"] = gebonden.get("voortgang") or VoortgangForm(
            prefix="voortgang", initial={"datum": vandaag()}
        )
        forms["afsluiten"] = gebonden.get("afsluiten") or AfsluitForm(prefix="afsluiten")
    if not is_partner and policy.mag(user, Actie.VERWIJZEN) and verwijzing.is_open:
        forms["intrekken"] = gebonden.get("intrekken") or IntrekForm(prefix="intrekken")
    fouten = []
    for form in gebonden.values():
        fouten.extend(form.fout_samenvatting())
    inburgeraar = verwijzing.traject.inburgeraar
    intake, onderwerpen = werk_intake(user, verwijzing)
    KANAAL.set("ui")
    log_lezen(user, inburgeraar, gelezen_secties(onderwerpen), kanaal="ui")
    return render(
        request,
        "partners/verwijzing.html",
        {
            "v": verwijzing,
            "inburgeraar": inburgeraar,
            "forms": forms,
            "fouten": fouten,
            "met_bsn": policy.mag_bsn_van_verwijzing_zien(user, verwijzing),
            "intake_onderwerpen": weergave.intake_onderwerpen(intake, onderwerpen)
            if onderwerpen
            else [],
            "mag_accepteren": eigen and verwijzing.status == rules.Status.AANGEBODEN,
            # The case page is in reach while the referral runs (policy); for the gemeente always.
            "naar_casus": verwijzing.is_lopend or not is_partner,
            "is_partner": is_partner,
        },
        status=status,
    )


@login_required
def verwijzing(request, pk):
    return _detail(request, _verwijzing(request.user, pk))


def _actie(request, pk, sleutel, form_cls, doe, melding):
    user = request.user
    v = _verwijzing(user, pk)
    form = form_cls(request.POST, prefix=sleutel) if form_cls else None
    if form is None or form.is_valid():
        try:
            doe(v, user, form.cleaned_data if form else {})
        except Weigering as weigering:
            if form is None:
                for tekst in weigering.fouten.values():
                    messages.error(request, tekst)
                return redirect("partners:verwijzing", pk=v.pk)
            weigering_naar_formulier(form, weigering.fouten)
        else:
            messages.success(request, melding)
            if (
                v.status == rules.Status.AANGEBODEN
                or policy.verwijzingen_voor(user).filter(pk=v.pk).exists()
            ):
                return redirect("partners:verwijzing", pk=v.pk)
            return redirect("partners:lijst")
    return _detail(request, _verwijzing(user, pk), {sleutel: form}, status=400)


@login_required
@require_POST
def accepteren(request, pk):
    return _actie(
        request,
        pk,
        None,
        None,
        lambda v, u, d: services.accepteer(v, u),
        _("U heeft de verwijzing geaccepteerd."),
    )


@login_required
@require_POST
def afwijzen(request, pk):
    return _actie(
        request,
        pk,
        "afwijzen",
        AfwijsForm,
        lambda v, u, d: services.wijs_af(v, u, **d),
        _("U heeft de verwijzing afgewezen."),
    )


@login_required
@require_POST
def voortgang(request, pk):
    return _actie(
        request,
        pk,
        "voortgang",
        VoortgangForm,
        lambda v, u, d: services.rapporteer(v, u, **d),
        _("De voortgang is opgeslagen."),
    )


@login_required
@require_POST
def afsluiten(request, pk):
    return _actie(
        request,
        pk,
        "afsluiten",
        AfsluitForm,
        lambda v, u, d: services.sluit_af(v, u, **d),
        _("De verwijzing is afgesloten."),
    )


@login_required
@require_POST
def intrekken(request, pk):
    return _actie(
        request,
        pk,
        "intrekken",
        IntrekForm,
        lambda v, u, d: services.trek_in(v, u, **d),
        _("De verwijzing is ingetrokken."),
    )


# --- referring a case -----------------------------------------------------------------------


@login_required
def verwijzen(request, pk):
    user = request.user
    vereis(user, Actie.VERWIJZEN)
    inburgeraar, traject = casus_met_traject(user, pk)
    partners = list(services.partners_voor())
    form = VerwijsForm(
        request.POST or None,
        partners=partners,
        initial={"taak": request.GET.get("taak", "")},
        traject=traject,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.verwijs(
                traject,
                user,
                taak=data["taak"],
                organisatie=data["organisatie"],
                vraag=data["vraag"],
                startdatum=data["startdatum"],
            )
        except Weigering as weigering:
            weigering_naar_formulier(form, weigering.fouten)
        else:
            messages.success(
                request,
                _("De verwijzing is verstuurd naar %(naam)s.") % {"naam": data["organisatie"].naam},
            )
            return redirect(casus_url(inburgeraar.pk, "verwijzingen", "verwijzingen"))
    uitvoerders = {
        r.taak: r.uitvoerder.naam
        for r in Taakverdeling.objects.filter(gemeente_id=traject.gemeente_id).select_related(
            "uitvoerder"
        )
    }
    return render(
        request,
        "partners/verwijzen.html",
        {
            "form": form,
            "inburgeraar": inburgeraar,
            "traject": traject,
            "fouten": form.fout_samenvatting() if form.is_bound else [],
            "uitvoerders": [
                (rules.TAAK_NAMEN[t], uitvoerders.get(t.value)) for t in rules.VERWIJSBAAR
            ],
        },
        status=400 if form.is_bound and form.errors else 200,
    )


# --- taakverdeling ---------------------------------------------------------------------------


def taakverdeling_rijen(user) -> list[dict]:
    """The table of the user's gemeente in the order of the startnotitie (one query)."""
    per_taak = {
        r.taak: r
        for r in policy.van_eigen_gemeente(user, Taakverdeling.objects).select_related("uitvoerder")
    }
    return [
        {
            "taak": t,
            "naam": rules.TAAK_NAMEN[t],
            "rij": per_taak.get(t.value),
            "verwijsbaar": t not in rules.ALLEEN_GEMEENTE,
        }
        for t in rules.Taak
    ]


@login_required
def taakverdeling(request):
    user = request.user
    if not policy.mag_taakverdeling_zien(user):
        raise PermissionDenied
    gemeente = user.gemeente
    mag_wijzigen = policy.mag_taakverdeling_wijzigen(user)
    form, taak = None, None
    if request.method == "POST":
        if not mag_wijzigen:
            raise PermissionDenied
        taak = request.POST.get("taak", "")
        if taak not in {t.value for t in rules.Taak}:
            raise Http404
        organisaties = _uitvoerders(gemeente)
        form = TaakverdelingForm(
            request.POST, prefix=taak, organisaties=organisaties, gemeente=gemeente, taak=taak
        )
        if form.is_valid():
            try:
                services.bewaar_taakverdeling(gemeente, user, taak, **form.cleaned_data)
            except Weigering as weigering:
                weigering_naar_formulier(form, weigering.fouten)
            else:
                messages.success(request, _("De taakverdeling is opgeslagen."))
                return redirect(reverse("partners:taakverdeling") + f"#taak-{taak}")
    rijen = taakverdeling_rijen(user)
    if mag_wijzigen:
        organisaties = _uitvoerders(gemeente)
        for r in rijen:
            if form is not None and r["taak"].value == taak:
                r["form"] = form
                continue
            rij = r["rij"]
            r["form"] = TaakverdelingForm(
                prefix=r["taak"].value,
                organisaties=organisaties,
                initial={
                    "schaal": rij.schaal if rij else "",
                    "uitvoerder": str(rij.uitvoerder_id) if rij else str(gemeente.organisatie_id),
                    "toelichting": rij.toelichting if rij else "",
                },
            )
    return render(
        request,
        "partners/taakverdeling.html",
        {
            "gemeente": gemeente,
            "rijen": rijen,
            "mag_wijzigen": mag_wijzigen,
            "fouten": form.fout_samenvatting() if form is not None else [],
        },
        status=400 if form is not None and form.errors else 200,
    )


def _uitvoerders(gemeente) -> list[Organisatie]:
    return [gemeente.organisatie, *services.partners_voor()]
