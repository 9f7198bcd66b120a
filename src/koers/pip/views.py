"""The PIP pages: edit the concept, vaststellen it, download the beschikking. Included in the
``web`` namespace by koers.web.urls."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.bouwstenen.formulieren import weigering_naar_formulier
from koers.bouwstenen.schermen import casus_url, fout_items, vereis
from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars.bereik import casus_met_traject
from koers.intake.models import BredeIntake
from koers.pip import services
from koers.pip.beschikking import PdfFout, pdf_voor
from koers.pip.forms import PipForm, VaststellenForm
from koers.pip.models import Beschikking, PipVersie
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie


def _pip_pagina(
    request, inburgeraar, traject, *, form=None, vaststel_form=None, vaststel_fouten=None
):
    user = request.user
    concept = traject.pips.filter(status=PipVersie.Status.CONCEPT).first()
    vastgesteld = (
        traject.pips.filter(status=PipVersie.Status.VASTGESTELD).order_by("-versie").first()
    )
    if form is None:
        form = PipForm(initial=PipForm.initial_van(concept or vastgesteld))
        if concept is None and vastgesteld is None:
            form.initial["leerroute"] = services.standaard_leerroute(traject) or ""
    intake_url = reverse("web:intake", args=[inburgeraar.pk])
    vaststel_form = vaststel_form or VaststellenForm()
    links = {"intake": intake_url, "besproken": f"#{vaststel_form['besproken'].auto_id}"}
    waarschuwingen = (
        fout_items(
            services.fouten(traject, concept, ontzorgen_groep=services.ontzorgen_groep(traject)),
            form,
            links,
        )
        if concept
        else []
    )
    intake_afgerond = BredeIntake.objects.filter(
        traject=traject, status=BredeIntake.Status.AFGEROND
    ).exists()
    return render(
        request,
        "pip/pip.html",
        {
            "inburgeraar": inburgeraar,
            "traject": traject,
            "form": form,
            "concept": concept,
            "vastgesteld": vastgesteld,
            "waarschuwingen": waarschuwingen,
            "intake_afgerond": intake_afgerond,
            "intake_url": intake_url,
            "mag_vaststellen": policy.mag(user, Actie.PIP_VASTSTELLEN),
            "vaststel_form": vaststel_form,
            "vaststel_fouten": fout_items(vaststel_fouten or {}, form, links),
        },
    )


@login_required
def pip(request, pk):
    user = request.user
    vereis(user, Actie.PIP_BEWERKEN)
    inburgeraar, traject = casus_met_traject(user, pk)
    if not traject.is_open:
        messages.info(request, _("Dit traject is afgerond. Het PIP kan niet meer veranderen."))
        return redirect("web:inburgeraar", pk=inburgeraar.pk)
    form = None
    if request.method == "POST":
        form = PipForm(request.POST, traject=traject)
        if form.is_valid():
            concept = traject.pips.filter(status=PipVersie.Status.CONCEPT).first()
            try:
                services.bewaar_concept(
                    traject, user, form.naar_data(), versie=concept.versie if concept else None
                )
            except Weigering as weigering:
                weigering_naar_formulier(form, weigering.fouten)
            else:
                messages.success(request, _("Het PIP is opgeslagen als concept."))
                return redirect("web:pip", pk=inburgeraar.pk)
    return _pip_pagina(request, inburgeraar, traject, form=form)


@login_required
@require_POST
def vaststellen(request, pk, versie):
    user = request.user
    vereis(user, Actie.PIP_VASTSTELLEN)
    inburgeraar, traject = casus_met_traject(user, pk)
    vaststel_form = VaststellenForm(request.POST)
    if not vaststel_form.is_valid():
        fouten = {"besproken": str(vaststel_form.errors["besproken"][0])}
        return _pip_pagina(
            request, inburgeraar, traject, vaststel_form=vaststel_form, vaststel_fouten=fouten
        )
    try:
        pip = services.stel_vast(
            traject, versie, user, ontzorgen_groep=services.ontzorgen_groep(traject)
        )
    except Weigering as weigering:
        return _pip_pagina(
            request,
            inburgeraar,
            traject,
            vaststel_form=vaststel_form,
            vaststel_fouten=weigering.fouten,
        )
    except PdfFout:
        return _pip_pagina(
            request,
            inburgeraar,
            traject,
            vaststel_form=vaststel_form,
            vaststel_fouten={
                "__all__": _(
                    "De beschikking kon niet worden gemaakt. Het PIP is niet "
                    "vastgesteld. Probeer het later opnieuw."
                )
            },
        )
    messages.success(
        request,
        _("PIP versie %(versie)s is vastgesteld. De beschikking staat bij de documenten.")
        % {"versie": pip.versie},
    )
    return redirect(casus_url(inburgeraar.pk, "pip", "pip"))


@login_required
def beschikking(request, pk, versie):
    user = request.user
    if not policy.mag_zien(user, Sectie.PIP):
        raise Http404
    _inburgeraar, traject = casus_met_traject(user, pk)
    document = Beschikking.objects.filter(pip__traject=traject, pip__versie=versie).first()
    if document is None:
        raise Http404
    pdf = pdf_voor(document, met_gezondheid=policy.mag_zien(user, Sectie.GEZONDHEID, traject))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.kenmerk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
