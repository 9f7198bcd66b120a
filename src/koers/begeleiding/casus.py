"""This app's section of the case page (see koers.bouwstenen.secties): maatschappelijke
begeleiding, begeleiding naar werk and financieel ontzorgen, each only for who may see it.
A fixed number of queries, whatever the size of the case."""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy

from koers.begeleiding import rules
from koers.bouwstenen.secties import NIET_GELADEN
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie

TAB = "begeleiding"
TITEL = gettext_lazy("Begeleiding en ontzorgen")
SECTIES = (Sectie.BEGELEIDING, Sectie.ONTZORGEN)
PLAATS = "onder"
TEMPLATE = "begeleiding/casus_sectie.html"


def _een_op_een(traject, naam: str):
    """The traject's one-to-one record ``naam`` (select_related: no query), or None."""
    try:
        return getattr(traject, naam)
    except ObjectDoesNotExist:
        return None


def casus_context(user, inburgeraar, traject, *, geladen=None) -> dict | None:
    from koers.begeleiding.models import Begeleidingsbeleid
    from koers.inburgeraars.models import Traject

    zie_begeleiding = policy.mag_zien(user, Sectie.BEGELEIDING, traject)
    zie_ontzorgen = policy.mag_zien(user, Sectie.ONTZORGEN, traject)
    if traject is None or not (zie_begeleiding or zie_ontzorgen):
        return None
    # One query for the gemeente's begeleidingsbeleid (both parts ask for it) and the
    # begeleiding, ontzorgen and bijstand records (at most one of each) the user may see.
    records = (["begeleiding__partner"] if zie_begeleiding else []) + (
        ["ontzorgen", "bijstand"] if zie_ontzorgen else []
    )
    met_records = Traject.objects.select_related("gemeente__begeleidingsbeleid", *records).get(
        pk=traject.pk
    )
    with Begeleidingsbeleid.onthouden(met_records.gemeente):
        return _context(
            user,
            inburgeraar,
            traject,
            met_records,
            zie_begeleiding,
            zie_ontzorgen,
            geladen.intake if geladen is not None else NIET_GELADEN,
        )


def _context(
    user, inburgeraar, traject, met_records, zie_begeleiding: bool, zie_ontzorgen: bool, intake
) -> dict:
    from koers.begeleiding import services
    from koers.begeleiding.models import ChecklistItem, DuaalTraject
    from koers.inburgeraars.services import vandaag

    context: dict = {
        "inburgeraar": inburgeraar,
        "traject": traject,
        "zie_begeleiding": zie_begeleiding,
        "zie_ontzorgen": zie_ontzorgen,
    }
    if zie_begeleiding:
        begeleiding = _een_op_een(met_records, "begeleiding")
        statussen = dict(
            ChecklistItem.objects.filter(traject=traject).values_list("onderwerp", "status")
        )
        score, bron = services.laatste_score(begeleiding, traject, intake)
        context.update(
            {
                "begeleiding": begeleiding,
                "score": score,
                "score_bron": bron,
                "voorgesteld": services.voorgestelde_intensiteit(traject, score),
                "checklist_klaar": sum(1 for s in statussen.values() if s == "klaar"),
                "checklist_totaal": len(rules.CHECKLIST),
                "checklist_open": [t for s, t in rules.CHECKLIST if statussen.get(s) != "klaar"],
                "duale": list(DuaalTraject.objects.filter(traject=traject)),
                "mag_begeleiding": policy.mag(user, Actie.BEGELEIDING_BEWERKEN),
            }
        )
    if zie_ontzorgen:
        ontzorgen = _een_op_een(met_records, "ontzorgen")
        context["ontzorgen"] = ontzorgen
        context["ontzorgen_mogelijk"] = services.in_aanmerking(traject)
        context["bijstand"] = _een_op_een(met_records, "bijstand")
        if ontzorgen is not None:
            dag = vandaag()
            context["ontzorgen_lopend"] = rules.is_lopend(ontzorgen.einddatum, dag)
            context["ontzorgen_binnenkort"] = (
                context["ontzorgen_lopend"] and dag >= ontzorgen.signaaldatum
            )
            context["ontbrekende_maanden"] = list(
                ontzorgen.maanden.filter(compleet=False, uiterlijk__lt=dag).values_list(
                    "maand", flat=True
                )
            )
    return context
