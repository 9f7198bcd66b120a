"""This app's section of the case page (see koers.web.secties): maatschappelijke
begeleiding, begeleiding naar werk and financieel ontzorgen, each only for who may see it.
A fixed number of queries, whatever the size of the case."""

from koers.begeleiding import rules
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie

PLAATS = "onder"
TEMPLATE = "begeleiding/casus_sectie.html"


def casus_context(user, inburgeraar, traject) -> dict | None:
    from koers.begeleiding import services
    from koers.begeleiding.models import (
        Begeleiding,
        Bijstand,
        ChecklistItem,
        DuaalTraject,
        Ontzorgen,
    )
    from koers.inburgeraars.services import vandaag

    zie_begeleiding = policy.mag_zien(user, Sectie.BEGELEIDING, traject)
    zie_ontzorgen = policy.mag_zien(user, Sectie.ONTZORGEN, traject)
    if traject is None or not (zie_begeleiding or zie_ontzorgen):
        return None
    context: dict = {"inburgeraar": inburgeraar, "traject": traject,
                     "zie_begeleiding": zie_begeleiding, "zie_ontzorgen": zie_ontzorgen}
    if zie_begeleiding:
        begeleiding = Begeleiding.objects.filter(traject=traject).select_related(
            "partner").first()
        statussen = dict(ChecklistItem.objects.filter(traject=traject).values_list(
            "onderwerp", "status"))
        score, bron = services.laatste_score(begeleiding, traject)
        context.update({
            "begeleiding": begeleiding, "score": score, "score_bron": bron,
            "voorgesteld": services.voorgestelde_intensiteit(traject, score),
            "checklist_klaar": sum(1 for s in statussen.values() if s == "klaar"),
            "checklist_totaal": len(rules.CHECKLIST),
            "checklist_open": [t for s, t in rules.CHECKLIST if statussen.get(s) != "klaar"],
            "duale": list(DuaalTraject.objects.filter(traject=traject)),
            "mag_begeleiding": policy.mag(user, Actie.BEGELEIDING_BEWERKEN),
        })
    if zie_ontzorgen:
        ontzorgen = Ontzorgen.objects.filter(traject=traject).first()
        context["ontzorgen"] = ontzorgen
        context["ontzorgen_mogelijk"] = services.in_aanmerking(traject)
        context["bijstand"] = Bijstand.objects.filter(traject=traject).first()
        if ontzorgen is not None:
            dag = vandaag()
            context["ontzorgen_lopend"] = rules.is_lopend(ontzorgen.einddatum, dag)
            context["ontzorgen_binnenkort"] = context["ontzorgen_lopend"] and \
                dag >= ontzorgen.signaaldatum
            context["ontbrekende_maanden"] = list(ontzorgen.maanden.filter(
                compleet=False, uiterlijk__lt=dag).values_list("maand", flat=True))
    return context
