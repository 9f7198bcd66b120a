"""This app's section of the case page (see koers.bouwstenen.secties): the case's open signals
with forms to handle or snooze them, and the voortgangsgesprekken (planned and held, the
spinnenweb over time and the effect of interventions). A fixed number of queries."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from koers.bouwstenen.secties import NIET_GELADEN
from koers.inburgeraars.services import vandaag
from koers.monitoring import lezen, rules
from koers.monitoring.forms import AfhandelenForm, UitstellenForm
from koers.monitoring.models import Signaal, Voortgangsgesprek
from koers.monitoring.services import plan_gesprekken
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie

TAB = "gesprekken"
TITEL = gettext_lazy("Gesprekken en signalen")
SECTIES = (Sectie.GESPREKKEN, Sectie.SIGNALEN)
PLAATS = "boven"
TEMPLATE = "monitoring/casus_sectie.html"


def signalen_context(user, traject, *, formulieren: dict | None = None) -> dict | None:
    soorten = lezen.zichtbare_soorten(user)
    if not soorten:
        return None
    dag = vandaag()
    titels = lezen.titels()
    mag = policy.mag(user, Actie.SIGNAAL_AFHANDELEN) and traject.is_open
    formulieren = formulieren or {}
    signalen = list(
        Signaal.objects.filter(
            traject=traject,
            actief=True,
            soort__in=soorten,
            status__in=(Signaal.Status.OPEN, Signaal.Status.UITGESTELD),
        ).order_by("status", "vervaldatum", "id")
    )
    for s in signalen:
        s.titel = titels.get(s.soort, s.soort)
        s.te_laat = rules.urgentie(s.vervaldatum, dag) == "te_laat"
        if mag:
            s.afhandel_form, s.uitstel_form = formulieren.get(s.pk) or (
                AfhandelenForm(prefix=f"a{s.pk}"),
                UitstellenForm(prefix=f"u{s.pk}"),
            )
    return {"signalen": signalen, "mag_afhandelen": mag}


def gesprekken_context(user, traject, intake=NIET_GELADEN) -> dict | None:
    """``intake``: the brede intake the caller read with its health fields, if any."""
    if not policy.mag_zien(user, Sectie.GESPREKKEN, traject):
        return None
    plan_gesprekken([traject.pk])  # idempotent: nothing to do when the planning is current
    met_gezondheid = policy.mag_zien(user, Sectie.GEZONDHEID, traject)
    qs = Voortgangsgesprek.objects.filter(traject=traject).order_by(
        "gehouden_op", "gepland_op", "id"
    )
    if not met_gezondheid:
        qs = qs.defer("positieve_gezondheid")  # health data is not even loaded
    gesprekken = list(qs)
    gehouden = [g for g in gesprekken if g.is_gehouden]
    gepland = [g for g in gesprekken if not g.is_gehouden]
    dag = vandaag()
    for g in gepland:
        g.te_laat = g.gepland_op is not None and g.gepland_op < dag
    for g in gehouden:
        interventies = (
            g.interventies
            if met_gezondheid
            else rules.gesprek_zonder_gezondheid({}, {}, g.interventies)[2]
        )
        g.interventie_namen = [rules.INTERVENTIES.get(iv.get("soort"), "") for iv in interventies]
    context = {
        "gehouden": gehouden,
        "gepland": gepland,
        "met_gezondheid": met_gezondheid,
        "mag_gesprek": policy.mag(user, Actie.GESPREK_VOEREN) and traject.is_open,
    }
    if met_gezondheid:
        metingen = lezen.metingen(traject, gehouden, intake)
        context["metingen"] = metingen
        context["effecten"] = lezen.effect_rijen(metingen)
        context["dimensies"] = lezen.dimensie_titels()
    return context


def casus_context(user, inburgeraar, traject, *, formulieren=None, geladen=None) -> dict | None:
    signalen = signalen_context(user, traject, formulieren=formulieren)
    # The page's intake only serves when it was read with its health fields.
    intake = geladen.intake if geladen is not None and geladen.met_gezondheid else NIET_GELADEN
    gesprekken = gesprekken_context(user, traject, intake)
    if signalen is None and gesprekken is None:
        return None
    return {
        "inburgeraar": inburgeraar,
        "traject": traject,
        "signalen": signalen,
        "gesprekken": gesprekken,
        "vandaag": vandaag(),
    }
