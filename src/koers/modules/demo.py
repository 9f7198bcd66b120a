"""Demo data of the PVT and MAP: activities on the demo cases past their PIP, one signed
participatieverklaring (reported to DUO through the outbox), MAP activities with Werk.Kom for
the B1- and Z-route cases. Idempotent: a case that has activities is left alone."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from koers.demo.personen import demo_trajecten
from koers.inburgeraars.services import vandaag
from koers.pip.models import PipVersie

from . import rules, services
from .models import Activiteit

PVT_ACTIVITEITEN = (
    # (weeks after the start of the termijn, hours, soort, omschrijving, kernwaarden)
    (1, "3", "workshop", "Workshop 'Vrijheid van meningsuiting' in de bibliotheek", ["vrijheid"]),
    (
        3,
        "4",
        "excursie",
        "Excursie naar het gemeentehuis en een raadsvergadering",
        ["participatie", "gelijkwaardigheid"],
    ),
    (
        5,
        "3",
        "workshop",
        "Workshop 'Gelijke rechten voor mannen en vrouwen'",
        ["gelijkwaardigheid"],
    ),
    (7, "3", "activiteit", "Vrijwilligersdag bij de voedselbank", ["solidariteit"]),
)
MAP_ACTIVITEITEN = (
    (2, "4", "workshop", "Workshop 'Werken in Nederland' bij Werk.Kom"),
    (4, "3", "werkbezoek", "Werkbezoek bij een bedrijf in de regio"),
    (6, "2", "gesprek", "Gesprek over competenties en arbeidskansen"),
)


def _datum(start: date, weken: int, tot: date) -> date | None:
    d = start + timedelta(weeks=weken)
    return d if d <= tot else None


def seed(gemeenten: dict, accounts: dict) -> dict[str, int]:
    dag = vandaag()
    trajecten = list(
        # Cases in uitvoering only: a "PIP vastgesteld" case stays as it is in the demo (the
        # first activity would move it into uitvoering, koers.inburgeraars.services.registreer).
        demo_trajecten(gemeenten)
        .filter(termijn_start__isnull=False, status="in_uitvoering")
        .select_related("inburgeraar", "adviseur")
        .order_by("termijn_start", "id")
    )
    al_gedaan = set(
        Activiteit.objects.filter(traject__in=trajecten).values_list("traject_id", flat=True)
    )
    routes = {}
    for pip in PipVersie.objects.filter(
        traject__in=trajecten, status=PipVersie.Status.VASTGESTELD
    ).order_by("versie"):
        routes[pip.traject_id] = pip.leerroute
    aantal_pvt = aantal_map = ondertekend = 0
    for index, traject in enumerate(trajecten):
        if traject.pk in al_gedaan:
            continue
        door = traject.adviseur
        start = traject.termijn_start
        pvt = PVT_ACTIVITEITEN if index % 3 != 2 else PVT_ACTIVITEITEN[:2]
        for weken, uren, soort, omschrijving, kernwaarden in pvt:
            datum = _datum(start, weken, dag)
            if datum is None:
                continue
            services.voeg_activiteit_toe(
                traject,
                door,
                {
                    "module": "pvt",
                    "datum": datum,
                    "uren": Decimal(uren),
                    "soort": soort,
                    "omschrijving": omschrijving,
                    "kernwaarden": kernwaarden,
                    "uitvoerder": "Vluchtelingenwerk",
                },
            )
            aantal_pvt += 1
        if rules.map_verplicht(routes.get(traject.pk)):
            for weken, uren, soort, omschrijving in MAP_ACTIVITEITEN:
                datum = _datum(start, weken, dag)
                if datum is None:
                    continue
                services.voeg_activiteit_toe(
                    traject,
                    door,
                    {
                        "module": "map",
                        "datum": datum,
                        "uren": Decimal(uren),
                        "soort": soort,
                        "omschrijving": omschrijving,
                        "kernwaarden": [],
                        "uitvoerder": rules.STANDAARD_MAP_UITVOERDER,
                    },
                )
                aantal_map += 1
        # The case that started first signs its participatieverklaring (reported to DUO).
        if index == 0:
            datum = _datum(start, 8, dag)
            if datum is not None:
                services.onderteken_pvt(traject, door, datum=datum, melden=True)
                ondertekend += 1
    return {
        "pvt_activiteiten": aantal_pvt,
        "map_activiteiten": aantal_map,
        "pvt_ondertekend": ondertekend,
    }
