"""Demo data of the voortgangsgesprekken: for a few demo cases in uitvoering, the planned
gesprekken that have passed are held with Positieve Gezondheid scores that improve after the
interventions, so the spinnenweb over time shows progress.
Idempotent: a case with a held gesprek is left alone."""

from __future__ import annotations

from datetime import timedelta

from koers.demo.personen import demo_trajecten
from koers.inburgeraars.services import vandaag
from koers.intake import rules as intake_rules
from koers.intake.models import BredeIntake
from koers.monitoring import services
from koers.monitoring.models import Voortgangsgesprek
from koers.pip.models import PipVersie

AANTAL = 4
INTERVENTIES = (
    [
        {"soort": "taal", "omschrijving": "Taalmaatje via de bibliotheek, elke week een uur."},
        {"soort": "netwerk", "omschrijving": "Buddy van VluchtelingenWerk voor de eerste maanden."},
    ],
    [{"soort": "werk", "omschrijving": "Oriëntatie op werk bij Werk.Kom."}],
    [],
)
# Which dimensions improve after the interventions of the gesprek before (per gesprek).
STIJGING = (
    {"meedoen": 2, "mentaal_welbevinden": 1, "kwaliteit_van_leven": 1},
    {"dagelijks_functioneren": 2, "zingeving": 1, "meedoen": 1},
    {"lichaamsfuncties": 1, "kwaliteit_van_leven": 1},
)


def _scores(intake: BredeIntake | None) -> dict[str, int]:
    pg = intake.positieve_gezondheid if intake else {}
    return {
        d: (
            (pg.get(d) or {}).get("score") if isinstance((pg.get(d) or {}).get("score"), int) else 5
        )
        for d in intake_rules.DIMENSIE_SLEUTELS
    }


def seed(gemeenten: dict, accounts: dict) -> dict[str, int]:
    dag = vandaag()
    trajecten = list(
        demo_trajecten(gemeenten)
        .filter(
            # Both: the other apps' demo data moves "PIP vastgesteld" cases into uitvoering.
            status__in=("pip_vastgesteld", "in_uitvoering"),
            adviseur__isnull=False,
        )
        .select_related("adviseur")
        .order_by("id")[:AANTAL]
    )
    al_gehouden = set(
        Voortgangsgesprek.objects.filter(
            traject__in=trajecten, gehouden_op__isnull=False
        ).values_list("traject_id", flat=True)
    )
    gehouden = 0
    for traject in trajecten:
        if traject.pk in al_gehouden:
            continue
        services.plan_gesprekken([traject.pk])
        eerste_pip = (
            PipVersie.objects.filter(traject=traject, status="vastgesteld")
            .order_by("versie")
            .values_list("dagtekening", flat=True)
            .first()
        )
        if eerste_pip is None:
            continue
        data = list(
            Voortgangsgesprek.objects.filter(
                traject=traject, gehouden_op__isnull=True, gepland_op__lte=dag
            )
            .order_by("gepland_op")
            .values_list("gepland_op", flat=True)
        )
        # Fewer than three passed? Add extra gesprekken between the PIP and today.
        stap = max((dag - eerste_pip).days // 4, 1)
        extra = [eerste_pip + timedelta(days=stap * i) for i in (1, 2, 3)]
        momenten = sorted(set(data + extra[: max(0, 3 - len(data))]))[:3]
        scores = _scores(BredeIntake.objects.filter(traject=traject).first())
        for i, moment in enumerate(momenten):
            for dim, plus in STIJGING[i].items():
                scores[dim] = min(scores[dim] + plus, 10)
            services.leg_gesprek_vast(
                traject,
                traject.adviseur,
                {
                    "gehouden_op": moment,
                    "voortgang": {
                        "meedoen": {
                            "voortgang": "op_schema" if i else "achter",
                            "toelichting": "Besproken aan de hand van het PIP.",
                        }
                    },
                    "subdoelen": {"meedoen": "Eén keer per week naar de buurtactiviteit."}
                    if i == 0
                    else {},
                    "positieve_gezondheid": dict(scores),
                    "interventies": INTERVENTIES[i],
                    "verslag": "Voortgangsgesprek volgens het PIP (demo).",
                },
                met_gezondheid=True,
            )
            gehouden += 1
    # The signal engine runs once after every app's demo data (koers.demo.organisaties.seed).
    return {"voortgangsgesprekken": gehouden}
