"""The brede intake's tab of the case dossier (the page is koers.inburgeraars.views; the
markup is in its template inburgeraars/casus.html)."""

from __future__ import annotations

from django.utils import timezone

from koers.inburgeraars.forms import LbtOverslaanForm
from koers.inburgeraars.rules import Status
from koers.intake import rules as intake_rules
from koers.intake import spinnenweb, weergave
from koers.intake.models import BredeIntake
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie

TAB = "intake"
GEZONDHEID_VELDEN = ("gezondheid", "positieve_gezondheid")


def tab_context(user, inburgeraar, context, *, lbt_form=None) -> dict:
    """The brede intake tab: the intake (health fields only for who may see them), its
    topics and Positieve Gezondheid, and the form to skip the leerbaarheidstoets."""
    traject = context["traject"]
    met_gezondheid = policy.mag_zien(user, Sectie.GEZONDHEID, traject)
    context["met_gezondheid"] = met_gezondheid
    context["mag_intake"] = policy.mag(user, Actie.INTAKE_BEWERKEN) and traject.is_open
    intakes = BredeIntake.objects.filter(traject=traject)
    if not met_gezondheid:
        intakes = intakes.defer(*GEZONDHEID_VELDEN)  # health data is not even loaded
    intake = intakes.first()
    context["intake"] = intake
    if intake is not None:
        context["intake_onderwerpen"] = weergave.intake_onderwerpen(
            intake, policy.intake_onderwerpen_voor(user, traject, intake_rules.ONDERWERPEN)
        )
        if met_gezondheid:
            context["pg_scores"] = spinnenweb.scores_van(intake.positieve_gezondheid)
            context["pg_rijen"] = weergave.pg_rijen(intake.positieve_gezondheid)
            if not intake.is_afgerond:
                # Only the law's minimum blocks afronden; the rest is expected.
                alles = intake.ontbrekend()
                context["intake_ontbrekend"] = list(intake_rules.ontbrekend_minimum(alles).values())
                context["intake_verwacht"] = list(intake_rules.ontbrekend_verwacht(alles).values())
    if (
        policy.mag(user, Actie.INTAKE_BEWERKEN)
        and traject.is_open
        and traject.lbt_overgeslagen_op is None
        and traject.status in (Status.AANGEMELD, Status.BREDE_INTAKE)
    ):
        context["lbt_form"] = lbt_form or LbtOverslaanForm(initial={"datum": timezone.localdate()})
    return context
