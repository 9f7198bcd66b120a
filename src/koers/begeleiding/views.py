"""Pages of begeleiding (maatschappelijke begeleiding, duale trajecten) and financieel
ontzorgen: load through the access policy, check the form, call one service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.begeleiding import rules, services
from koers.begeleiding.forms import (
    BegeleidingForm,
    BetalingForm,
    BijstandForm,
    ChecklistForm,
    DuaalForm,
    ImportForm,
    OntzorgenForm,
    VoorlichtingForm,
)
from koers.begeleiding.models import (
    Begeleiding,
    Betaling,
    Bijstand,
    ChecklistItem,
    DuaalTraject,
    Ontzorgen,
)
from koers.bouwstenen.formulieren import weigering_naar_formulier
from koers.bouwstenen.schermen import fout_items, vereis
from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars import bereik
from koers.inburgeraars.bereik import casus_met_traject
from koers.inburgeraars.services import vandaag
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie
from koers.verwerkingen.services import log_lijst


def _zien(user, sectie: Sectie) -> None:
    if not policy.mag_zien(user, sectie):
        raise Http404


# --- maatschappelijke begeleiding en duale trajecten ------------------------------------


def _begeleiding_pagina(request, inburgeraar, traject, **forms):
    begeleiding = Begeleiding.objects.filter(traject=traject).select_related("partner").first()
    items = {i.onderwerp: i for i in ChecklistItem.objects.filter(traject=traject)}
    score, bron = services.laatste_score(begeleiding, traject)
    duale = list(DuaalTraject.objects.filter(traject=traject))
    fouten_items = []
    for form in forms.values():
        if form is not None and form.is_bound and form.errors:
            fouten_items += form.fout_samenvatting()
    return render(
        request,
        "begeleiding/begeleiding.html",
        {
            "inburgeraar": inburgeraar,
            "traject": traject,
            "begeleiding": begeleiding,
            "score": score,
            "score_bron": bron,
            "voorgesteld": services.voorgestelde_intensiteit(traject, score),
            "kan_afbouwen": rules.kan_afbouwen(score),
            "form": forms.get("form")
            or BegeleidingForm(initial=BegeleidingForm.initial_van(begeleiding)),
            "checklist_form": forms.get("checklist_form") or ChecklistForm(items=items),
            "voorlichting_form": forms.get("voorlichting_form") or VoorlichtingForm(),
            "voorlichtingen": list(traject.voorlichting.all()),
            "duaal_form": forms.get("duaal_form") or DuaalForm(),
            "duale": duale,
            "fouten": fouten_items,
        },
    )


def _begeleiding_casus(request, pk):
    user = request.user
    vereis(user, Actie.BEGELEIDING_BEWERKEN)
    _zien(user, Sectie.BEGELEIDING)
    inburgeraar, traject = casus_met_traject(user, pk)
    return user, inburgeraar, traject


def _terug(inburgeraar, anker):
    return redirect(reverse("begeleiding:begeleiding", args=[inburgeraar.pk]) + anker)


def _bewaard(form, bewaar, veldnaam=lambda sleutel: sleutel) -> bool:
    """True once ``bewaar()`` has saved a valid form; a ``Weigering`` goes onto the form (its
    keys through ``veldnaam``), so the page shows the form again with the Dutch errors."""
    if not form.is_valid():
        return False
    try:
        bewaar()
    except Weigering as weigering:
        weigering_naar_formulier(form, {veldnaam(k): v for k, v in weigering.fouten.items()})
        return False
    return True


@login_required
def begeleiding(request, pk):
    user, inburgeraar, traject = _begeleiding_casus(request, pk)
    form = None
    if request.method == "POST":
        form = BegeleidingForm(request.POST)
        if _bewaard(form, lambda: services.bewaar_begeleiding(traject, user, form.cleaned_data)):
            messages.success(request, _("De begeleiding is opgeslagen."))
            return _terug(inburgeraar, "#begeleiding-gegevens")
    return _begeleiding_pagina(request, inburgeraar, traject, form=form)


@login_required
@require_POST
def checklist(request, pk):
    user, inburgeraar, traject = _begeleiding_casus(request, pk)
    form = ChecklistForm(request.POST)
    if _bewaard(
        form,
        lambda: services.bewaar_checklist(traject, user, form.naar_items()),
        lambda k: k.removeprefix("checklist.").replace(".", "-"),
    ):
        messages.success(request, _("De praktische hulp is opgeslagen."))
        return _terug(inburgeraar, "#praktische-hulp")
    return _begeleiding_pagina(request, inburgeraar, traject, checklist_form=form)


@login_required
@require_POST
def voorlichting(request, pk):
    user, inburgeraar, traject = _begeleiding_casus(request, pk)
    form = VoorlichtingForm(request.POST)
    if _bewaard(form, lambda: services.voeg_voorlichting_toe(traject, user, form.cleaned_data)):
        messages.success(request, _("De voorlichting is toegevoegd."))
        return _terug(inburgeraar, "#voorlichting")
    return _begeleiding_pagina(request, inburgeraar, traject, voorlichting_form=form)


@login_required
def duaal(request, pk, duaal_id=None):
    user, inburgeraar, traject = _begeleiding_casus(request, pk)
    bestaand = (
        get_object_or_404(DuaalTraject, pk=duaal_id, traject=traject)
        if duaal_id is not None
        else None
    )
    if request.method != "POST":
        if bestaand is None:
            return _terug(inburgeraar, "#duaal")
        form = DuaalForm(initial=DuaalForm.initial_van(bestaand))
        return render(
            request,
            "begeleiding/duaal.html",
            {"inburgeraar": inburgeraar, "duaal": bestaand, "form": form},
        )
    form = DuaalForm(request.POST, duaal=bestaand)
    if _bewaard(form, lambda: services.bewaar_duaal(traject, user, form.cleaned_data, bestaand)):
        messages.success(request, _("De werkervaringsplaats is opgeslagen."))
        return _terug(inburgeraar, "#duaal")
    if bestaand is not None:
        return render(
            request,
            "begeleiding/duaal.html",
            {"inburgeraar": inburgeraar, "duaal": bestaand, "form": form},
        )
    return _begeleiding_pagina(request, inburgeraar, traject, duaal_form=form)


# --- financieel ontzorgen ---------------------------------------------------------------


def _ontzorgen_casus(request, pk):
    user = request.user
    _zien(user, Sectie.ONTZORGEN)
    inburgeraar, traject = casus_met_traject(user, pk)
    return user, inburgeraar, traject


def maandoverzicht(ontzorgen) -> list[dict]:
    """Per month of the period: the payment of each post (or None), and whether the month is
    complete. Two queries."""
    if ontzorgen is None:
        return []
    betalingen = {}
    for b in ontzorgen.betalingen.select_related("ingevoerd_door"):
        betalingen[(b.maand, b.post)] = b
    posten = ontzorgen.posten
    rijen = []
    for maand in ontzorgen.maanden.all():
        rijen.append(
            {
                "maand": maand.maand,
                "uiterlijk": maand.uiterlijk,
                "compleet": maand.compleet,
                "posten": [(p, betalingen.get((maand.maand, p))) for p in posten],
            }
        )
    return rijen


def _ontzorgen_pagina(
    request, inburgeraar, traject, *, form=None, betaling_form=None, bijstand_form=None, fouten=None
):
    user = request.user
    ontzorgen = Ontzorgen.objects.filter(traject=traject).first()
    bijstand = Bijstand.objects.filter(traject=traject).first()
    maanden = (
        rules.betaalmaanden(ontzorgen.start_bijstand, ontzorgen.einddatum) if ontzorgen else []
    )
    # Payments may still be registered after the traject closed (the register must be
    # complete); the arrangement itself only changes while the traject is open.
    mag_betalen = policy.mag(user, Actie.ONTZORGEN_BEWERKEN)
    mag_bewerken = mag_betalen and traject.is_open
    asiel = services.in_aanmerking(traject)
    context = {
        "inburgeraar": inburgeraar,
        "traject": traject,
        "ontzorgen": ontzorgen,
        "vandaag": vandaag(),
        "mag_bewerken": mag_bewerken,
        "mag_betalen": mag_betalen,
        "asiel": asiel,
        "posten": [dict(rules.POSTEN)[p] for p in (ontzorgen.posten if ontzorgen else [])],
        "maanden": maandoverzicht(ontzorgen),
        "bijstand": bijstand,
        "groep_tekst": rules.niet_in_aanmerking_tekst(
            inburgeraar.doelgroepindeling, services.ontzorgen_groep(traject)
        ),
        "ontzorgen_verplicht": ontzorgen is None
        and bijstand is not None
        and rules.ontzorgen_ontbreekt(
            in_aanmerking=asiel,
            start_bijstand=bijstand.start,
            einde_bijstand=bijstand.einde,
            heeft_ontzorgen=False,
            vandaag=vandaag(),
        ),
        "bijstand_form": bijstand_form
        or (BijstandForm(initial=BijstandForm.initial_van(bijstand)) if mag_bewerken else None),
        "form": form
        or (
            OntzorgenForm(initial=OntzorgenForm.initial_van(ontzorgen, bijstand))
            if mag_bewerken
            else None
        ),
        "betaling_form": betaling_form
        or (
            BetalingForm(
                maanden=maanden,
                initial={"maand": rules.maand_van(vandaag()).isoformat(), "betaald_op": vandaag()},
            )
            if ontzorgen and mag_betalen
            else None
        ),
        "fouten": fouten or [],
    }
    if ontzorgen:
        context["signaal_einde"] = (
            rules.is_lopend(ontzorgen.einddatum, vandaag()) and vandaag() >= ontzorgen.signaaldatum
        )
    return render(request, "begeleiding/ontzorgen.html", context)


@login_required
def ontzorgen(request, pk):
    user, inburgeraar, traject = _ontzorgen_casus(request, pk)
    form = None
    if request.method == "POST":
        vereis(user, Actie.ONTZORGEN_BEWERKEN)
        form = OntzorgenForm(
            request.POST,
            traject=traject,
            huidig=Ontzorgen.objects.filter(traject=traject).first(),
        )
        if _bewaard(form, lambda: services.bewaar_ontzorgen(traject, user, form.cleaned_data)):
            messages.success(request, _("Financieel ontzorgen is opgeslagen."))
            return redirect(
                reverse("begeleiding:ontzorgen", args=[inburgeraar.pk]) + "#ontzorgen-gegevens"
            )
        return _ontzorgen_pagina(
            request, inburgeraar, traject, form=form, fouten=form.fout_samenvatting()
        )
    return _ontzorgen_pagina(request, inburgeraar, traject)


@login_required
@require_POST
def bijstand(request, pk):
    user, inburgeraar, traject = _ontzorgen_casus(request, pk)
    vereis(user, Actie.ONTZORGEN_BEWERKEN)
    form = BijstandForm(request.POST)
    if _bewaard(form, lambda: services.bewaar_bijstand(traject, user, form.cleaned_data)):
        messages.success(request, _("De bijstand is opgeslagen."))
        return redirect(reverse("begeleiding:ontzorgen", args=[inburgeraar.pk]) + "#bijstand")
    return _ontzorgen_pagina(
        request, inburgeraar, traject, bijstand_form=form, fouten=form.fout_samenvatting()
    )


@login_required
@require_POST
def betaling(request, pk):
    user, inburgeraar, traject = _ontzorgen_casus(request, pk)
    vereis(user, Actie.ONTZORGEN_BEWERKEN)
    ontzorgen = Ontzorgen.objects.filter(traject=traject).first()
    if ontzorgen is None:
        raise Http404
    form = BetalingForm(
        request.POST,
        maanden=rules.betaalmaanden(ontzorgen.start_bijstand, ontzorgen.einddatum),
        ontzorgen=ontzorgen,
    )
    if _bewaard(form, lambda: services.registreer_betalingen(ontzorgen, user, [form.naar_data()])):
        messages.success(request, _("De betaling staat in het register."))
        return redirect(reverse("begeleiding:ontzorgen", args=[inburgeraar.pk]) + "#betalingen")
    return _ontzorgen_pagina(
        request, inburgeraar, traject, betaling_form=form, fouten=form.fout_samenvatting()
    )


@login_required
@require_POST
def betaling_verwijderen(request, pk, betaling_id):
    user, inburgeraar, traject = _ontzorgen_casus(request, pk)
    vereis(user, Actie.ONTZORGEN_BEWERKEN)
    betaling = get_object_or_404(Betaling, pk=betaling_id, ontzorgen__traject=traject)
    services.verwijder_betaling(betaling, user)
    messages.success(request, _("De betaling is verwijderd."))
    return redirect(reverse("begeleiding:ontzorgen", args=[inburgeraar.pk]) + "#betalingen")


# --- overzicht, import en voorbeeld -----------------------------------------------------


def ontzorgen_binnen_bereik(user):
    return Ontzorgen.objects.filter(traject__in=bereik.trajecten_voor(user))


OVERZICHT_MAX = 500


def _overzicht_pagina(request, *, import_form=None, import_fouten=None):
    user = request.user
    _zien(user, Sectie.ONTZORGEN)
    alle = request.GET.get("alle") == "1"
    qs = ontzorgen_binnen_bereik(user)
    if not alle:
        qs = qs.filter(einddatum__gte=vandaag())
    rijen = list(
        qs.select_related("traject__inburgeraar", "gemeente__organisatie").order_by(
            "einddatum", "id"
        )[:OVERZICHT_MAX]
    )
    log_lijst(user, rijen, [Sectie.NAAM, Sectie.ONTZORGEN], pad="traject")
    open_maanden = {}
    for traject_id, maand in _open_maanden(user, [r.traject_id for r in rijen]):
        open_maanden.setdefault(traject_id, []).append(maand)
    dag = vandaag()
    for rij in rijen:
        rij.ontbrekend = open_maanden.get(rij.traject_id, [])
        rij.binnenkort = rules.is_lopend(rij.einddatum, dag) and dag >= rij.signaaldatum
        rij.lopend = rules.is_lopend(rij.einddatum, dag)
    return render(
        request,
        "begeleiding/overzicht.html",
        {
            "rijen": rijen,
            "alle": alle,
            "vandaag": dag,
            "afgekapt": len(rijen) >= OVERZICHT_MAX,
            "mag_importeren": policy.mag(user, Actie.ONTZORGEN_BEWERKEN),
            "import_form": import_form or ImportForm(),
            "import_fouten": import_fouten or [],
        },
    )


def _open_maanden(user, traject_ids):
    from koers.begeleiding.models import OntzorgenMaand

    return OntzorgenMaand.objects.filter(
        traject_id__in=traject_ids,
        compleet=False,
        uiterlijk__lt=vandaag(),
    ).values_list("traject_id", "maand")


@login_required
def overzicht(request):
    return _overzicht_pagina(request)


@login_required
@require_POST
def importeer(request):
    user = request.user
    _zien(user, Sectie.ONTZORGEN)
    vereis(user, Actie.ONTZORGEN_BEWERKEN)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _overzicht_pagina(request, import_form=form, import_fouten=form.fout_samenvatting())
    try:
        # Read one byte more than allowed, so a huge upload is refused without reading it.
        aantal = services.importeer_csv(
            form.cleaned_data["bestand"].read(services.CSV_MAX_BYTES + 1),
            ontzorgen_binnen_bereik(user),
            user,
        )
    except Weigering as weigering:
        fouten = fout_items(weigering.fouten, form)
        return _overzicht_pagina(request, import_form=form, import_fouten=fouten)
    messages.success(request, _("%(aantal)s betalingen geïmporteerd.") % {"aantal": aantal})
    return redirect("begeleiding:overzicht")


@login_required
def voorbeeld(request):
    _zien(request.user, Sectie.ONTZORGEN)
    response = HttpResponse(services.CSV_VOORBEELD, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="betalingen-voorbeeld.csv"'
    return response
