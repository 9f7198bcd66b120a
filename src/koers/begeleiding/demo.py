"""Demo data of begeleiding, ontzorgen and duale trajecten, through the services (so the
timeline shows it). Idempotent: a case that has begeleiding or ontzorgen already is skipped.

- Samir Haidari (Weert, asielstatushouder, B1-route): ontzorgen running for three months with
  machtiging and payments, one payment missing; checklist, voorlichting and a
  werkervaringsplaats.
- Tesfalem Berhane (Weert, asielstatushouder, Z-route): ontzorgen ends within 4 weeks, the
  course 'omgaan met geld' is planned.
- Checklists on the other cases past their PIP.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from koers.begeleiding import rules, services
from koers.begeleiding.models import Begeleiding, Ontzorgen
from koers.demo.personen import demo_trajecten
from koers.organisaties.models import Organisatie

BEDRAGEN = {
    "huur": Decimal("612.50"),
    "energie_water": Decimal("145.00"),
    "zorgverzekering": Decimal("138.20"),
}
BEGUNSTIGDEN = {
    "huur": "Wonen Weert",
    "energie_water": "Energiebedrijf Zuid",
    "zorgverzekering": "Zorgverzekeraar Limburg",
}


def _traject(gemeenten, voornaam, achternaam):
    return (
        demo_trajecten(gemeenten)
        .filter(inburgeraar__voornamen=voornaam, inburgeraar__geslachtsnaam=achternaam)
        .exclude(status="afgerond")
        .select_related("inburgeraar")
        .first()
    )


def _checklist(traject, door, aantal_klaar, vandaag, wie):
    items = []
    for index, (sleutel, _titel) in enumerate(rules.CHECKLIST):
        if index < aantal_klaar:
            items.append(
                {
                    "onderwerp": sleutel,
                    "status": "klaar",
                    "datum": vandaag - timedelta(days=90 - 5 * index),
                    "door": wie,
                }
            )
        elif index == aantal_klaar:
            items.append({"onderwerp": sleutel, "status": "bezig", "datum": None, "door": wie})
    services.bewaar_checklist(traject, door, items)


def seed(gemeenten, accounts) -> dict[str, int]:
    vandaag = services.vandaag()
    adviseur = accounts["adviseur-weert"]
    uitkering = accounts.get("uitkering-weert") or adviseur
    vwn = Organisatie.objects.filter(soort=Organisatie.Soort.VLUCHTELINGENWERK).first()
    amw = Organisatie.objects.filter(soort=Organisatie.Soort.AMW).first()
    aantallen = {"Begeleiding": 0, "Ontzorgen": 0, "Betaling": 0}

    samir = _traject(gemeenten, "Samir", "Haidari")
    if samir is not None and not Ontzorgen.objects.filter(traject=samir).exists():
        start = rules.plus_maanden(vandaag.replace(day=1), -2)
        ontzorgen = services.bewaar_ontzorgen(
            samir,
            adviseur,
            {
                "start_bijstand": start,
                "machtiging_datum": start,
                "machtiging_posten": list(rules.POST_SLEUTELS),
                "toelichting": "Direct ontzorgen via de uitkering (voorkeur van de gemeente).",
            },
        )
        rijen = []
        for maand in rules.betaalmaanden(start, ontzorgen.einddatum):
            if maand > vandaag:
                break
            for post in rules.POST_SLEUTELS:
                if maand == start and post == "zorgverzekering":
                    continue  # a missing payment: the signal shows it
                betaald = min(maand + timedelta(days=2), vandaag)
                rijen.append(
                    {
                        "maand": maand,
                        "post": post,
                        "bedrag": BEDRAGEN[post],
                        "betaald_op": betaald,
                        "begunstigde": BEGUNSTIGDEN[post],
                    }
                )
        aantallen["Betaling"] += len(services.registreer_betalingen(ontzorgen, uitkering, rijen))
        aantallen["Ontzorgen"] += 1
    if samir is not None and not Begeleiding.objects.filter(traject=samir).exists():
        services.bewaar_begeleiding(
            samir,
            adviseur,
            {
                "partner": vwn,
                "vrijwilliger": "Anna Smeets",
                "zelfredzaamheid": 2,
                "zelfredzaamheid_datum": vandaag - timedelta(days=30),
                "contacten_per_maand": 4,
                "toelichting": "Hulp bij post en afspraken; wil snel aan het werk.",
            },
        )
        _checklist(samir, adviseur, 6, vandaag, "VluchtelingenWerk, Anna Smeets")
        for onderwerp, dagen in (("geldzaken", 60), ("zorg", 45), ("werk", 20)):
            services.voeg_voorlichting_toe(
                samir,
                adviseur,
                {
                    "onderwerp": onderwerp,
                    "datum": vandaag - timedelta(days=dagen),
                    "door": "VluchtelingenWerk",
                },
            )
        services.bewaar_duaal(
            samir,
            adviseur,
            {
                "werkgever": "Autobedrijf Van Dijk, Weert",
                "functie": "Leerling automonteur",
                "start": vandaag - timedelta(days=40),
                "eind": vandaag + timedelta(days=140),
                "uren_per_week": 16,
                "uren_gewerkt": 90,
                "jobcoach": "Werk.Kom, Ruben Geurts",
                "buddy": "Peter van Dijk",
                "beschikking_nummer": "PW-2026-0412",
                "beschikking_datum": vandaag - timedelta(days=50),
            },
        )
        aantallen["Begeleiding"] += 1

    tesfalem = _traject(gemeenten, "Tesfalem", "Berhane")
    if tesfalem is not None and not Ontzorgen.objects.filter(traject=tesfalem).exists():
        start = rules.plus_maanden(vandaag, -6) + timedelta(days=14)
        ontzorgen = services.bewaar_ontzorgen(
            tesfalem,
            adviseur,
            {
                "start_bijstand": start,
                "machtiging_datum": start,
                "machtiging_posten": list(rules.POST_SLEUTELS),
                "cursus_status": "aangemeld",
                "cursus_aanbieder": amw.naam if amw else rules.CURSUS_AANBIEDER,
                "cursus_start": vandaag + timedelta(days=21),
            },
        )
        rijen = [
            {
                "maand": maand,
                "post": post,
                "bedrag": BEDRAGEN[post],
                "betaald_op": max(start, min(maand + timedelta(days=3), vandaag)),
                "begunstigde": BEGUNSTIGDEN[post],
            }
            for maand in rules.betaalmaanden(start, ontzorgen.einddatum)
            if maand <= vandaag
            for post in rules.POST_SLEUTELS
        ]
        aantallen["Betaling"] += len(services.registreer_betalingen(ontzorgen, uitkering, rijen))
        aantallen["Ontzorgen"] += 1

    # Checklists on the other cases in uitvoering (a "PIP vastgesteld" case stays as it is).
    for index, traject in enumerate(
        demo_trajecten(gemeenten)
        .filter(status="in_uitvoering", begeleiding__isnull=True)
        .select_related("inburgeraar", "adviseur")
        .order_by("id")
    ):
        door = traject.adviseur or adviseur
        services.bewaar_begeleiding(
            traject,
            door,
            {
                "partner": vwn,
                "zelfredzaamheid": 1 + index % 4,
                "zelfredzaamheid_datum": vandaag - timedelta(days=10 + index),
                "contacten_per_maand": rules.voorgestelde_intensiteit(1 + index % 4),
            },
        )
        _checklist(traject, door, 2 + index % 8, vandaag, "VluchtelingenWerk")
        aantallen["Begeleiding"] += 1
    return aantallen
