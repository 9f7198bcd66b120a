"""Pages of handhaving: the overview of a case (zaken and DUO), one zaak with its steps, the
letters as PDF, and fetching boetes and verlengingen from DUO."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from koers.bouwstenen.formulieren import weigering_naar_formulier
from koers.bouwstenen.schermen import vereis
from koers.bouwstenen.weigering import Weigering
from koers.handhaving import casus, forms, rules, services
from koers.handhaving.models import Brief, Handhavingszaak
from koers.inburgeraars.bereik import casus_met_traject
from koers.inburgeraars.services import vandaag
from koers.pip.beschikking import PdfFout
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie

PDF_MISLUKT = gettext_lazy(
    "De brief kon niet worden gemaakt. Er is niets opgeslagen. Probeer het later opnieuw."
)


def _lees(user, pk):
    """The case (404 outside reach) when the user may see handhaving (else 404 too: the
    section does not exist for him)."""
    if not policy.mag_zien(user, Sectie.HANDHAVING):
        raise Http404
    return casus_met_traject(user, pk)


def _zaak(traject, zaak_id) -> Handhavingszaak:
    zaak = traject.handhavingszaken.filter(pk=zaak_id).first()
    if zaak is None:
        raise Http404
    return zaak


@login_required
def overzicht(request, pk):
    user = request.user
    inburgeraar, traject = _lees(user, pk)
    mag = policy.mag(user, Actie.HANDHAVEN) and traject.is_open
    form = forms.ZaakForm()
    if request.method == "POST":
        vereis(user, Actie.HANDHAVEN)
        form = forms.ZaakForm(request.POST)
        if form.is_valid():
            try:
                zaak = services.open_zaak(traject, user, form.cleaned_data)
            except Weigering as weigering:
                weigering_naar_formulier(form, weigering.fouten)
            else:
                messages.success(
                    request,
                    _("Het verzuim is vastgelegd. Stuur nu een schriftelijke waarschuwing."),
                )
                return redirect("handhaving:zaak", pk=inburgeraar.pk, zaak_id=zaak.pk)
    sectie = casus.casus_context(user, inburgeraar, traject)
    sectie["terug"] = None  # "Ophalen bij DUO" here comes back here
    return render(
        request,
        "handhaving/overzicht.html",
        {
            "inburgeraar": inburgeraar,
            "traject": traject,
            "form": form if mag else None,
            "s": sectie,
        },
    )


FORMS = {
    "waarschuwing": (
        forms.WaarschuwingForm,
        services.stuur_waarschuwing,
        gettext_lazy("De waarschuwing is vastgelegd. De brief staat klaar."),
    ),
    "voornemen": (
        forms.VoornemenForm,
        services.maak_voornemen,
        gettext_lazy("Het voornemen is vastgelegd. De brief staat klaar."),
    ),
    "zienswijze": (
        forms.ZienswijzeForm,
        services.leg_zienswijze_vast,
        gettext_lazy("De zienswijze is vastgelegd."),
    ),
    "onwil": (
        forms.OnwilForm,
        services.leg_onwil_vast,
        gettext_lazy("De uitzonderlijke onwil is vastgelegd."),
    ),
    "boete": (
        forms.BoeteForm,
        services.besluit_boete,
        gettext_lazy("Het boetebesluit is vastgelegd. De brief staat klaar."),
    ),
    "afsluiten": (forms.AfsluitenForm, services.sluit_af, gettext_lazy("De zaak is afgesloten.")),
}


def _zaak_pagina(request, inburgeraar, traject, zaak, *, ingevuld=None, status=200):
    user = request.user
    zaak = next(z for z in casus.zaken_met_stappen(traject) if z.pk == zaak.pk)
    mag = policy.mag(user, Actie.HANDHAVEN) and traject.is_open and zaak.is_open
    asiel = services.is_asiel(traject)
    ingevuld = ingevuld or {}
    stappen = {}
    if mag:
        for naam, (form_klasse, _service, _tekst) in FORMS.items():
            stappen[naam] = ingevuld.get(naam) or form_klasse(initial=_initial(naam, traject, zaak))
    geen_boete_asiel = services.geen_boete_asiel(traject)
    boete_mogelijk = rules.boete_voorstellen(
        asielmigrant=asiel,
        uitzonderlijke_onwil=zaak.uitzonderlijke_onwil,
        geen_boete_asiel=geen_boete_asiel,
    )
    voornemen = zaak.open_voornemen
    return render(
        request,
        "handhaving/zaak.html",
        {
            "inburgeraar": inburgeraar,
            "traject": traject,
            "zaak": zaak,
            "mag": mag,
            "stappen": stappen,
            "asiel": asiel,
            "geen_boete_asiel": geen_boete_asiel,
            "voornemen": voornemen,
            "onwil_nodig": asiel and geen_boete_asiel and not zaak.uitzonderlijke_onwil,
            "fout_form": next(iter(ingevuld.values()), None),
            "boete_mogelijk": boete_mogelijk,
            "max_boete": rules.MAX_BOETE_EUR,
            "geen_contact": inburgeraar.geen_contact,
            "signaal_opvolgen": rules.waarschuwing_te_laat_opgevolgd(zaak.waarschuwing_datum)
            if zaak.waarschuwing_datum and not zaak.besluit_op
            else None,
        },
        status=status,
    )


def _initial(naam, traject, zaak):
    dag = vandaag()
    if naam == "voornemen":
        beleid = services.beleid_van(traject.gemeente)
        return {
            "datum": dag,
            "bedrag": beleid.standaard_boete,
            "voorschrift": rules.VOORSCHRIFTEN.get(zaak.verzuim, ""),
            "route": rules.Route.SCHRIFTELIJK,
            "zienswijze_tot": dag + timedelta(weeks=beleid.zienswijze_weken),
        }
    if naam == "boete":
        voornemen = zaak.open_voornemen
        bedrag = voornemen.bedrag if voornemen else services.standaard_bedrag(traject.gemeente)
        return {"bedrag": bedrag, "datum": dag}
    if naam == "zienswijze":
        voornemen = zaak.open_voornemen
        return {
            "datum": voornemen.hoorzitting_datum
            if voornemen and voornemen.hoorzitting_datum and voornemen.hoorzitting_datum <= dag
            else dag
        }
    if naam == "waarschuwing":
        return {"datum": dag}
    return {}


@login_required
def zaak(request, pk, zaak_id):
    inburgeraar, traject = _lees(request.user, pk)
    return _zaak_pagina(request, inburgeraar, traject, _zaak(traject, zaak_id))


@login_required
@require_POST
def stap(request, pk, zaak_id, naam):
    user = request.user
    if naam not in FORMS:
        raise Http404
    inburgeraar, traject = _lees(user, pk)
    vereis(user, Actie.HANDHAVEN)
    handhavingszaak = _zaak(traject, zaak_id)
    form_klasse, service, gelukt = FORMS[naam]
    form = form_klasse(request.POST, zaak=handhavingszaak)
    if form.is_valid():
        try:
            service(handhavingszaak, user, form.cleaned_data)
        except Weigering as weigering:
            weigering_naar_formulier(form, weigering.fouten)
        except PdfFout:
            form.add_error(None, PDF_MISLUKT)
        else:
            messages.success(request, gelukt)
            return redirect(reverse("handhaving:zaak", args=[inburgeraar.pk, zaak_id]))
    return _zaak_pagina(
        request, inburgeraar, traject, handhavingszaak, ingevuld={naam: form}, status=400
    )


@login_required
def brief(request, pk, brief_id):
    inburgeraar, traject = _lees(request.user, pk)
    document = Brief.objects.filter(zaak__traject=traject, pk=brief_id).first()
    if document is None:
        raise Http404
    response = HttpResponse(bytes(document.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.kenmerk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def duo(request, pk, soort):
    user = request.user
    if soort not in services.OPVRAAGBAAR:
        raise Http404
    inburgeraar, traject = _lees(user, pk)
    vereis(user, Actie.HANDHAVEN)
    try:
        services.haal_op_bij_duo(traject, soort, user)
    except services.DuoNietBeschikbaar as fout:
        messages.error(request, fout.melding)
    else:
        messages.success(request, _("Opgehaald bij DUO."))
    volgende = request.POST.get("next", "")
    if not (
        volgende.startswith("/")
        and url_has_allowed_host_and_scheme(volgende, allowed_hosts={request.get_host()})
    ):
        volgende = reverse("handhaving:overzicht", args=[inburgeraar.pk]) + "#duo-handhaving"
    return redirect(volgende)
