"""Demo data of the leerroute: aanbod and hours for the demo cases in uitvoering, through the
services. One B1-route case is past 600 lesson hours, so Koers shows an afschalingsvoorstel;
one Z-route case is behind plan. Idempotent: a case that has hours is left alone."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from koers.demo.personen import demo_trajecten
from koers.leerroute import services
from koers.leerroute.models import UrenPeriode

# The instellingen of the simulator's demo scenario (src/koers/duo/simulator/scenario_demo.json).
INSTELLINGEN = [
    {
        "instellingsnummer": "1000000001",
        "naam": "Taalcentrum Maas en Kempen",
        "indicatieBowKeurmerk": True,
        "indicatieTstKeurmerk": False,
    },
    {
        "instellingsnummer": "1000000002",
        "naam": "Taalschool Nederweert",
        "indicatieBowKeurmerk": True,
        "indicatieTstKeurmerk": False,
    },
    {
        "instellingsnummer": "1000000003",
        "naam": "Vakcollege Budel, taalschakeltraject",
        "indicatieBowKeurmerk": False,
        "indicatieTstKeurmerk": True,
    },
]


def _periodes(
    traject, door, aanbod, start, soort, per_week, weken, *, aanwezig=90, stuk=4, intake=False
):
    """Rows of ``stuk`` weeks from ``start`` with ``per_week`` planned hours."""
    vandaag = timezone.localdate()
    if per_week <= 0:
        return
    dag = start
    gedaan = 0
    while gedaan < weken:
        n = min(stuk, weken - gedaan)
        eind = min(dag + timedelta(weeks=n) - timedelta(days=1), vandaag)
        if dag > vandaag:
            break
        gepland = Decimal(per_week * n)
        services.bewaar_uren(
            traject,
            door,
            {
                "soort": soort,
                "aanbod": aanbod.pk if aanbod else None,
                "periode_start": dag,
                "periode_eind": eind,
                "uren_gepland": gepland,
                "uren_gevolgd": (gepland * aanwezig / 100).quantize(Decimal("0.1")),
                "aanwezigheid": aanwezig,
                "tijdens_brede_intake": intake,
                "aanbieder": "" if aanbod else "Vluchtelingenwerk Midden-Limburg",
            },
        )
        dag += timedelta(weeks=n)
        gedaan += n


def seed(gemeenten: dict, accounts: dict) -> dict[str, int]:
    vandaag = timezone.localdate()
    trajecten = (
        demo_trajecten(gemeenten)
        .filter(status="in_uitvoering")
        .select_related("inburgeraar", "adviseur", "gemeente")
        .order_by("pk")
    )
    aantal = 0
    b_gedaan = z_gedaan = 0
    for traject in trajecten:
        if UrenPeriode.objects.filter(traject=traject).exists():
            continue
        pip = services.huidige_pip(traject)
        door = traject.adviseur
        if pip is None or door is None or traject.termijn_start is None:
            continue
        start = traject.termijn_start
        instelling = (
            INSTELLINGEN[2]
            if pip.leerroute == "O"
            else INSTELLINGEN[0 if traject.gemeente.gemeentecode != "0946" else 1]
        )
        einde = min(
            start + timedelta(weeks=78), (traject.termijn_eind or start) - timedelta(days=1)
        )
        aanbod = services.bewaar_aanbod(
            traject,
            door,
            {
                "instellingsnummer": instelling["instellingsnummer"],
                "datum_aanbod": start,
                "startdatum": start,
                "einddatum": einde,
                "alfabetisering": "A" if pip.leerroute == "Z" else "NVT",
            },
            instellingen=INSTELLINGEN,
            melden=False,
        )
        weken = max(1, (vandaag - start).days // 7)
        if pip.leerroute == "B":
            # The first B1-route case learns intensively: past 600 hours → a proposal.
            per_week = 40 if b_gedaan == 0 else 12
            if b_gedaan == 0:
                start, weken = vandaag - timedelta(weeks=17), 17
            _periodes(traject, door, aanbod, start, "taal", per_week, weken, aanwezig=92)
            _periodes(traject, door, aanbod, start, "knm", 2, weken, aanwezig=90, stuk=8)
            b_gedaan += 1
        elif pip.leerroute == "Z":
            # The first Z-route case is on track, the next one behind plan.
            op_schema = z_gedaan == 0
            _periodes(
                traject,
                door,
                None,
                start - timedelta(weeks=3),
                "participatie",
                4,
                3,
                intake=True,
                stuk=3,
            )
            _periodes(
                traject, door, None, start - timedelta(weeks=3), "taal", 4, 3, intake=True, stuk=3
            )
            _periodes(
                traject,
                door,
                aanbod,
                start,
                "taal",
                8 if op_schema else 2,
                weken,
                aanwezig=85 if op_schema else 60,
            )
            _periodes(traject, door, aanbod, start, "knm", 2 if op_schema else 0, weken)
            _periodes(traject, door, None, start, "participatie", 8 if op_schema else 1, weken)
            z_gedaan += 1
        else:
            _periodes(traject, door, aanbod, start, "schakel_taal", 20, weken)
            _periodes(traject, door, aanbod, start, "schakel_overig", 10, weken)
        aantal += 1
    return {"leerroute-trajecten": aantal}
