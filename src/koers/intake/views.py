"""The brede intake page: save as draft, or save and afronden; and the intake appointments.
Included in the ``web`` namespace by koers.web.urls."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.bouwstenen.formulieren import weigering_naar_formulier
from koers.bouwstenen.schermen import vereis
from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars.bereik import casus_met_traject
from koers.intake import services, spinnenweb
from koers.intake.forms import IntakeAfspraakForm, IntakeForm
from koers.intake.models import BredeIntake, IntakeAfspraak
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie


@login_required
def intake(request, pk):
    user = request.user
    vereis(user, Actie.INTAKE_BEWERKEN)
    inburgeraar, traject = casus_met_traject(user, pk)
    casus_url = reverse("web:inburgeraar", args=[inburgeraar.pk])
    met_gezondheid = policy.mag_zien(user, Sectie.GEZONDHEID)
    intakes = BredeIntake.objects.filter(traject=traject)
    if not met_gezondheid:
        intakes = intakes.defer("gezondheid", "positieve_gezondheid")
    huidige = intakes.first()
    if huidige is not None and huidige.is_afgerond:
        messages.info(
            request, _("De intake is al afgerond. U ziet hem op de pagina van de inburgeraar.")
        )
        return redirect(reverse("web:casus_tab", args=[inburgeraar.pk, "intake"]) + "#intake")
    if not traject.is_open:
        messages.info(request, _("Dit traject is afgerond. De intake kan niet meer veranderen."))
        return redirect(casus_url)

    foutentitel = ""
    if request.method == "POST":
        form = IntakeForm(request.POST, met_gezondheid=met_gezondheid)
        afronden = request.POST.get("actie") == "afronden"
        if form.is_valid():
            try:
                huidige = services.bewaar(traject, user, form.naar_data())
            except Weigering as weigering:
                weigering_naar_formulier(form, weigering.fouten)
            else:
                if not afronden:
                    messages.success(request, _("De intake is opgeslagen als concept."))
                    return redirect("web:intake", pk=inburgeraar.pk)
                try:
                    services.rond_af(traject, user)
                except Weigering as weigering:
                    weigering_naar_formulier(form, weigering.fouten)
                    foutentitel = _("De intake is opgeslagen, maar nog niet af. Dit ontbreekt nog:")
                else:
                    messages.success(request, _("De intake is afgerond."))
                    return redirect(
                        reverse("web:casus_tab", args=[inburgeraar.pk, "intake"]) + "#intake"
                    )
    else:
        form = IntakeForm(
            initial=IntakeForm.initial_van(huidige, met_gezondheid=met_gezondheid),
            met_gezondheid=met_gezondheid,
        )
    pg_scores = None
    if met_gezondheid and huidige is not None:
        pg_scores = spinnenweb.scores_van(huidige.positieve_gezondheid)
    return _pagina(
        request,
        inburgeraar,
        traject,
        form,
        huidige,
        foutentitel=foutentitel,
        pg_scores=pg_scores,
        met_gezondheid=met_gezondheid,
    )


def _pagina(
    request,
    inburgeraar,
    traject,
    form,
    huidige,
    *,
    foutentitel="",
    pg_scores=None,
    met_gezondheid=False,
    afspraak_form=None,
    status=200,
):
    punten = services.open_punten(huidige) if huidige is not None and met_gezondheid else None
    return render(
        request,
        "intake/intake.html",
        {
            "inburgeraar": inburgeraar,
            "traject": traject,
            "form": form,
            "intake": huidige,
            "foutentitel": foutentitel,
            "pg_scores": pg_scores,
            "met_gezondheid": met_gezondheid,
            "open_minimum": list(punten["minimum"].values()) if punten else [],
            "open_verwacht": list(punten["verwacht"].values()) if punten else [],
            "afspraken": IntakeAfspraak.objects.filter(traject=traject),
            "afspraak_form": afspraak_form or IntakeAfspraakForm(),
        },
        status=status,
    )


@login_required
@require_POST
def afspraak(request, pk):
    """Record an intake appointment: planned, came, or did not come. "Niet verschenen" lets
    the intake be closed with what is known and becomes a handhaving signal."""
    user = request.user
    vereis(user, Actie.INTAKE_BEWERKEN)
    inburgeraar, traject = casus_met_traject(user, pk)
    form = IntakeAfspraakForm(request.POST)
    if form.is_valid():
        try:
            services.leg_afspraak_vast(traject, user, form.cleaned_data)
        except Weigering as weigering:
            weigering_naar_formulier(form, weigering.fouten)
        else:
            messages.success(request, _("De afspraak is vastgelegd."))
            return redirect(reverse("web:intake", args=[inburgeraar.pk]) + "#intake-afspraken")
    met_gezondheid = policy.mag_zien(user, Sectie.GEZONDHEID)
    intakes = BredeIntake.objects.filter(traject=traject)
    if not met_gezondheid:
        intakes = intakes.defer("gezondheid", "positieve_gezondheid")
    huidige = intakes.first()
    intake_form = IntakeForm(
        initial=IntakeForm.initial_van(huidige, met_gezondheid=met_gezondheid),
        met_gezondheid=met_gezondheid,
    )
    return _pagina(
        request,
        inburgeraar,
        traject,
        intake_form,
        huidige,
        met_gezondheid=met_gezondheid,
        afspraak_form=form,
        status=400,
    )
