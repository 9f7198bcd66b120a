"""Pages of the netwerk part: the instroomklas roster per gemeente, the registers of tolken
and ervaringsdeskundigen, and the netwerk page of one case."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Sum
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
from koers.netwerk import rules, services
from koers.netwerk.casus import gegevens
from koers.netwerk.forms import (
    AanwezigheidForm,
    BeeindigForm,
    BoekingForm,
    BoekingStatusForm,
    ErvaringsdeskundigeForm,
    KoppelForm,
    KoppelingEindeForm,
    PlaatsingForm,
    TolkForm,
    VerwijzingForm,
    VerwijzingStandForm,
    WorkshopForm,
)
from koers.netwerk.models import (
    ROL_CHOICES,
    Ervaringsdeskundige,
    ErvaringsdeskundigeKoppeling,
    InstroomklasWeek,
    Taalverwijzing,
    Tolk,
    Tolkboeking,
)
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie
from koers.verwerkingen.services import log_lijst

ROOSTER_WEKEN = 4
ROL_NAMEN = dict(ROL_CHOICES)


def _mag_netwerk(user) -> None:
    if not policy.mag_zien(user, Sectie.NETWERK):
        raise PermissionDenied


def _gemeente_uit(gemeenten, pk):
    """A gemeente within reach by id (404 otherwise)."""
    for gemeente in gemeenten:
        if str(gemeente.pk) == str(pk):
            return gemeente
    raise Http404


# --- instroomklas roster --------------------------------------------------------------------


@login_required
def instroomklas(request, gemeente_pk=None):
    user = request.user
    _mag_netwerk(user)
    gemeenten = list(policy.zichtbare_gemeenten(user))
    gemeente = _gemeente_uit(gemeenten, gemeente_pk or user.gemeente.pk)
    alle = request.GET.get("alle") == "1"
    maandag = rules.week_van(vandaag())
    weken = [maandag - timedelta(weeks=ROOSTER_WEKEN - 1 - i) for i in range(ROOSTER_WEKEN)]
    plaatsingen = list(
        services.rooster_plaatsingen(gemeente, ook_beeindigd=alle)
        .annotate(gepland=Sum("weken__dagdelen_gepland"), aanwezig=Sum("weken__dagdelen_aanwezig"))
        .prefetch_related(
            Prefetch(
                "weken",
                queryset=InstroomklasWeek.objects.filter(week__gte=weken[0]),
                to_attr="recente_weken",
            ),
            "workshops",
        )
    )
    log_lijst(user, plaatsingen, [Sectie.NAAM, Sectie.NETWERK], pad="traject")
    rijen = []
    dag = vandaag()
    for plaatsing in plaatsingen:
        per_week = {w.week: w for w in plaatsing.recente_weken}
        rijen.append(
            {
                "plaatsing": plaatsing,
                "inburgeraar": plaatsing.traject.inburgeraar,
                "weken": [per_week.get(w) for w in weken],
                "percentage": rules.aanwezigheidspercentage(
                    plaatsing.gepland or 0, plaatsing.aanwezig or 0
                ),
                "te_lang": rules.klas_te_lang(
                    plaatsing.geplande_einddatum, plaatsing.einddatum, dag
                ),
            }
        )
    return render(
        request,
        "netwerk/instroomklas.html",
        {
            "gemeente": gemeente,
            "gemeenten": gemeenten,
            "rijen": rijen,
            "weken": weken,
            "alle": alle,
        },
    )


# --- registers ------------------------------------------------------------------------------

REGISTERS = {
    "tolken": (
        Tolk,
        TolkForm,
        services.bewaar_tolk,
        "netwerk/tolken.html",
        "netwerk:tolken",
        "netwerk:tolk",
    ),
    "ervaringsdeskundigen": (
        Ervaringsdeskundige,
        ErvaringsdeskundigeForm,
        services.bewaar_ervaringsdeskundige,
        "netwerk/ervaringsdeskundigen.html",
        "netwerk:ervaringsdeskundigen",
        "netwerk:ervaringsdeskundige",
    ),
}
# The heading of each register's list page (netwerk/_register.html).
REGISTER_TITELS = {
    "tolken": gettext_lazy("Tolken"),
    "ervaringsdeskundigen": gettext_lazy("Ervaringsdeskundigen"),
}


def _register_form(form_cls, data, gemeenten, instance=None):
    initial = None
    if instance is not None:
        initial = {
            "gemeente": instance.gemeente_id,
            "naam": instance.naam,
            "talen": ", ".join(instance.talen),
            "telefoon": instance.telefoon,
            "email": instance.email,
            "actief": instance.actief,
        }
        for veld in ("soort", "tarief_per_uur", "rollen"):
            if hasattr(instance, veld):
                initial[veld] = getattr(instance, veld)
    return form_cls(data, initial=initial, gemeenten=gemeenten, instance=instance)


def _bewaar(request, form, bewaar, gemeenten, instance=None) -> bool:
    if not form.is_valid():
        return False
    data = dict(form.cleaned_data)
    gemeente = data.pop("gemeente", None) or (instance.gemeente if instance else gemeenten[0])
    try:
        bewaar(gemeente, request.user, data, instance)
    except Weigering as weigering:
        weigering_naar_formulier(form, weigering.fouten)
        return False
    return True


def _register_lijst(request, soort):
    model, form_cls, bewaar, template, lijst_url, _detail = REGISTERS[soort]
    user = request.user
    _mag_netwerk(user)
    gemeenten = list(policy.zichtbare_gemeenten(user))
    mag_beheren = policy.mag(user, Actie.NETWERK_REGISTERS_BEHEREN)
    form = None
    if request.method == "POST":
        vereis(user, Actie.NETWERK_REGISTERS_BEHEREN)
        form = _register_form(form_cls, request.POST, gemeenten)
        if _bewaar(request, form, bewaar, gemeenten):
            messages.success(
                request, _("%(naam)s staat in de lijst.") % {"naam": form.cleaned_data["naam"]}
            )
            return redirect(lijst_url)
    elif mag_beheren:
        form = _register_form(form_cls, None, gemeenten)
    items = (
        policy.binnen_bereik(user, model.objects)
        .select_related("gemeente__organisatie")
        .order_by("gemeente__organisatie__naam", "naam", "id")
    )
    taal = (request.GET.get("taal") or "").strip()[:50]
    items = list(items)
    if taal:
        items = [i for i in items if rules.spreekt(i.talen, taal)]
    for item in items:
        item.rol_namen = [str(ROL_NAMEN.get(r, r)) for r in getattr(item, "rollen", [])]
    return render(
        request,
        template,
        {
            "items": items,
            "form": form,
            "mag_beheren": mag_beheren,
            "taal": taal,
            "gemeenten": gemeenten,
            "titel": REGISTER_TITELS[soort],
            "actie": reverse(lijst_url),
        },
        status=400 if form is not None and form.errors else 200,
    )


def _register_item(request, soort, pk):
    model, form_cls, bewaar, template, lijst_url, _detail = REGISTERS[soort]
    user = request.user
    _mag_netwerk(user)
    gemeenten = list(policy.zichtbare_gemeenten(user))
    instance = policy.binnen_bereik(user, model.objects).filter(pk=pk).first()
    if instance is None:
        raise Http404
    mag_beheren = policy.mag(user, Actie.NETWERK_REGISTERS_BEHEREN)
    form = None
    if request.method == "POST":
        vereis(user, Actie.NETWERK_REGISTERS_BEHEREN)
        form = _register_form(form_cls, request.POST, gemeenten, instance)
        if _bewaar(request, form, bewaar, gemeenten, instance):
            messages.success(
                request, _("De gegevens van %(naam)s zijn opgeslagen.") % {"naam": instance.naam}
            )
            return redirect(lijst_url)
    elif mag_beheren:
        form = _register_form(form_cls, None, gemeenten, instance)
    return render(
        request,
        "netwerk/register_item.html",
        {
            "item": instance,
            "form": form,
            "soort": soort,
            "lijst_url": lijst_url,
            "mag_beheren": mag_beheren,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def tolken(request):
    return _register_lijst(request, "tolken")


@login_required
def tolk(request, pk):
    return _register_item(request, "tolken", pk)


@login_required
def ervaringsdeskundigen(request):
    return _register_lijst(request, "ervaringsdeskundigen")


@login_required
def ervaringsdeskundige(request, pk):
    return _register_item(request, "ervaringsdeskundigen", pk)


# --- the netwerk page of one case -------------------------------------------------------------


def _casus(user, pk):
    _mag_netwerk(user)
    return casus_met_traject(user, pk)


def _pagina(request, inburgeraar, traject, gebonden=None, status=200):
    user = request.user
    gebonden = gebonden or {}
    context = gegevens(traject)
    tolken_lijst = services.actieve_tolken(traject)
    personen = services.actieve_ervaringsdeskundigen(traject)
    voorstel = [
        t
        for t in tolken_lijst
        if inburgeraar.tolk_taal and rules.spreekt(t.talen, inburgeraar.tolk_taal)
    ]
    # Suggested tolken first in the choice list.
    tolken_keuze = voorstel + [t for t in tolken_lijst if t not in voorstel]
    open_plaatsing = context["open_plaatsing"]
    forms = {
        "plaatsing": gebonden.get("plaatsing")
        or PlaatsingForm(
            prefix="plaatsing",
            initial={
                "startdatum": open_plaatsing.startdatum,
                "geplande_einddatum": open_plaatsing.geplande_einddatum,
                "toelichting": open_plaatsing.toelichting,
            }
            if open_plaatsing
            else None,
        ),
        "einde": gebonden.get("einde")
        or BeeindigForm(prefix="einde", initial={"einddatum": vandaag()}),
        "aanwezigheid": gebonden.get("aanwezigheid")
        or AanwezigheidForm(prefix="aanwezigheid", initial={"week": rules.week_van(vandaag())}),
        "workshop": gebonden.get("workshop") or WorkshopForm(prefix="workshop"),
        "boeking": gebonden.get("boeking")
        or BoekingForm(
            prefix="boeking",
            tolken=tolken_keuze,
            initial={"tolk": voorstel[0].pk} if voorstel else None,
        ),
        "koppeling": gebonden.get("koppeling")
        or KoppelForm(prefix="koppeling", personen=personen, initial={"sinds": vandaag()}),
        "verwijzing": gebonden.get("verwijzing")
        or VerwijzingForm(prefix="verwijzing", initial={"datum": vandaag()}),
    }
    for boeking in context["boekingen"]:
        sleutel = f"boeking-{boeking.pk}"
        if boeking.status == rules.BoekingStatus.GEPLAND:
            boeking.form = gebonden.get(sleutel) or BoekingStatusForm(
                prefix=sleutel,
                initial={
                    "status": rules.BoekingStatus.GEWEEST
                    if boeking.datum <= vandaag()
                    else rules.BoekingStatus.GEPLAND,
                    "duur_minuten": boeking.duur_minuten,
                },
            )
    for koppeling in context["koppelingen"]:
        sleutel = f"koppeling-{koppeling.pk}"
        if koppeling.tot is None:
            koppeling.form = gebonden.get(sleutel) or KoppelingEindeForm(
                prefix=sleutel, initial={"tot": vandaag()}
            )
    for verwijzing in context["verwijzingen"]:
        sleutel = f"verwijzing-{verwijzing.pk}"
        verwijzing.form = gebonden.get(sleutel) or VerwijzingStandForm(
            prefix=sleutel,
            initial={
                "status": verwijzing.status,
                "uren_per_week": verwijzing.uren_per_week,
                "uren_totaal": verwijzing.uren_totaal,
            },
        )
    fouten = []
    for form in gebonden.values():
        fouten.extend(form.fout_samenvatting())
    context.update(
        {
            "inburgeraar": inburgeraar,
            "traject": traject,
            "forms": forms,
            "voorstel": voorstel,
            "fouten": fouten,
            "mag_bewerken": policy.mag(user, Actie.NETWERK_BEWERKEN) and traject.is_open,
            "waarschuwing_web": rules.WEB_GELDEN_WAARSCHUWING,
        }
    )
    return render(request, "netwerk/casus.html", context, status=status)


@login_required
def casus(request, pk):
    inburgeraar, traject = _casus(request.user, pk)
    return _pagina(request, inburgeraar, traject)


def _actie(request, pk, sleutel, form_factory, doe, melding, anker):
    """One POST on the case page: check the form, call the service, back to the page; on an
    error the page again with the form and its messages (400), nothing saved."""
    user = request.user
    inburgeraar, traject = _casus(user, pk)
    vereis(user, Actie.NETWERK_BEWERKEN)
    form = form_factory(request.POST, prefix=sleutel)
    if form.is_valid():
        try:
            doe(traject, user, form.cleaned_data)
        except Weigering as weigering:
            weigering_naar_formulier(form, weigering.fouten)
        else:
            messages.success(request, melding)
            return redirect(reverse("netwerk:casus", args=[inburgeraar.pk]) + anker)
    return _pagina(request, inburgeraar, traject, {sleutel: form}, status=400)


def _met_velden(service):
    """``service(traject, user, **velden)`` in the shape ``_actie`` calls it."""
    return lambda traject, user, data: service(traject, user, **data)


def _object(model, traject, pk):
    obj = model.objects.filter(traject=traject, pk=pk).select_related("traject").first()
    if obj is None:
        raise Http404
    return obj


@login_required
@require_POST
def plaatsen(request, pk):
    def doe(traject, user, data):
        plaatsing = services.open_plaatsing(traject)
        if plaatsing is None:
            services.plaats_in_instroomklas(traject, user, **data)
        else:
            services.wijzig_plaatsing(plaatsing, user, **data)

    return _actie(
        request,
        pk,
        "plaatsing",
        PlaatsingForm,
        doe,
        _("De instroomklas is opgeslagen."),
        "#instroomklas",
    )


@login_required
@require_POST
def beeindigen(request, pk):
    return _actie(
        request,
        pk,
        "einde",
        BeeindigForm,
        _met_velden(services.beeindig_plaatsing),
        _("De instroomklas is beëindigd."),
        "#instroomklas",
    )


@login_required
@require_POST
def aanwezigheid(request, pk):
    return _actie(
        request,
        pk,
        "aanwezigheid",
        AanwezigheidForm,
        _met_velden(services.registreer_aanwezigheid),
        _("De aanwezigheid is opgeslagen."),
        "#instroomklas",
    )


@login_required
@require_POST
def workshop(request, pk):
    return _actie(
        request,
        pk,
        "workshop",
        WorkshopForm,
        _met_velden(services.registreer_workshop),
        _("De workshop is opgeslagen."),
        "#instroomklas",
    )


@login_required
@require_POST
def boeken(request, pk):
    inburgeraar, traject = _casus(request.user, pk)
    tolken_lijst = services.actieve_tolken(traject)

    def factory(data, prefix):
        return BoekingForm(data, prefix=prefix, tolken=tolken_lijst, traject=traject)

    return _actie(
        request,
        pk,
        "boeking",
        factory,
        _met_velden(services.boek_tolk),
        _("De tolk is geboekt."),
        "#tolken",
    )


@login_required
@require_POST
def boeking_status(request, pk, boeking_pk):
    inburgeraar, traject = _casus(request.user, pk)
    boeking = _object(Tolkboeking, traject, boeking_pk)
    return _actie(
        request,
        pk,
        f"boeking-{boeking.pk}",
        partial(BoekingStatusForm, boeking=boeking),
        lambda traject, user, data: services.wijzig_boeking(boeking, user, **data),
        _("De tolkboeking is bijgewerkt."),
        "#tolken",
    )


@login_required
@require_POST
def koppelen(request, pk):
    inburgeraar, traject = _casus(request.user, pk)
    personen = services.actieve_ervaringsdeskundigen(traject)

    def factory(data, prefix):
        return KoppelForm(data, prefix=prefix, personen=personen, traject=traject)

    return _actie(
        request,
        pk,
        "koppeling",
        factory,
        _met_velden(services.koppel_ervaringsdeskundige),
        _("De ervaringsdeskundige is gekoppeld."),
        "#ervaringsdeskundigen",
    )


@login_required
@require_POST
def ontkoppelen(request, pk, koppeling_pk):
    inburgeraar, traject = _casus(request.user, pk)
    koppeling = _object(ErvaringsdeskundigeKoppeling, traject, koppeling_pk)
    return _actie(
        request,
        pk,
        f"koppeling-{koppeling.pk}",
        KoppelingEindeForm,
        lambda traject, user, data: services.beeindig_koppeling(koppeling, user, **data),
        _("De koppeling is beëindigd."),
        "#ervaringsdeskundigen",
    )


@login_required
@require_POST
def verwijzen(request, pk):
    return _actie(
        request,
        pk,
        "verwijzing",
        VerwijzingForm,
        lambda traject, user, data: services.bewaar_verwijzing(traject, user, data),
        _("De verwijzing is opgeslagen."),
        "#taalondersteuning",
    )


@login_required
@require_POST
def verwijzing_bijwerken(request, pk, verwijzing_pk):
    inburgeraar, traject = _casus(request.user, pk)
    verwijzing = _object(Taalverwijzing, traject, verwijzing_pk)
    return _actie(
        request,
        pk,
        f"verwijzing-{verwijzing.pk}",
        partial(VerwijzingStandForm, verwijzing=verwijzing),
        lambda traject, user, data: services.bewaar_verwijzing(traject, user, data, verwijzing),
        _("De taalondersteuning is bijgewerkt."),
        "#taalondersteuning",
    )
