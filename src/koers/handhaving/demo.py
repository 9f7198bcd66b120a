"""Demo data of handhaving: the gemeenten's beleid (€250, the Divosa pattern); one case of
a gezinsmigrant in Weert with a written warning, a first boete (its own voornemen, no
reaction) and a second voornemen with a hoorzitting planned; and a demo person in the intake
phase who did not come to the intake appointment (the handhaving signal). DUO's boetes and
verlengingen come from the simulator (scenario_demo.json), fetched with "Ophalen bij DUO"."""

from __future__ import annotations

from datetime import timedelta

from koers.demo.personen import demo_trajecten
from koers.handhaving import rules, services
from koers.handhaving.models import Handhavingsbeleid, Handhavingszaak
from koers.inburgeraars.services import vandaag
from koers.intake import services as intake_services
from koers.intake.models import IntakeAfspraak

VOORNAAM, ACHTERNAAM = "Yusuf", "Öztürk"  # Weert, gezinsvormer, in uitvoering (demo_personen)


def seed(gemeenten, accounts) -> dict[str, int]:
    beleid = 0
    for gemeente in gemeenten.values():
        _obj, nieuw = Handhavingsbeleid.objects.get_or_create(
            gemeente=gemeente, defaults={"standaard_boete": rules.STANDAARD_BOETE_EUR}
        )
        beleid += nieuw
    zaken = 0
    weert = gemeenten.get("0988")
    adviseur = accounts.get("adviseur-weert")
    traject = (
        demo_trajecten([weert])
        .filter(
            inburgeraar__voornamen=VOORNAAM,
            inburgeraar__geslachtsnaam=ACHTERNAAM,
            status__in=["pip_vastgesteld", "in_uitvoering"],
        )
        .select_related("inburgeraar", "gemeente__organisatie")
        .first()
        if weert
        else None
    )
    if traject is not None and not Handhavingszaak.objects.filter(traject=traject).exists():
        dag = vandaag()
        zaak = services.open_zaak(
            traject,
            adviseur,
            {
                "verzuim": rules.Verzuim.LESSEN,
                "datum": dag - timedelta(days=24),
                "omschrijving": "Drie weken niet naar de taalles geweest, zonder bericht aan de "
                "taalaanbieder of de adviseur.",
            },
        )
        services.stuur_waarschuwing(
            zaak,
            adviseur,
            {
                "datum": dag - timedelta(days=20),
                "toelichting": "De taalaanbieder meldt dat u sinds drie weken niet meer komt.",
            },
        )
        # A first boete: its own voornemen, a written term without reaction, the besluit.
        services.maak_voornemen(
            zaak,
            adviseur,
            {
                "datum": dag - timedelta(days=18),
                "bedrag": rules.STANDAARD_BOETE_EUR,
                "voorschrift": rules.VOORSCHRIFTEN[rules.Verzuim.LESSEN],
                "route": rules.Route.SCHRIFTELIJK,
                "zienswijze_tot": dag - timedelta(days=4),
            },
        )
        services.leg_zienswijze_vast(
            zaak, adviseur, {"datum": dag - timedelta(days=3), "niet_gereageerd": True}
        )
        services.besluit_boete(
            zaak,
            adviseur,
            {
                "datum": dag - timedelta(days=3),
                "bedrag": rules.STANDAARD_BOETE_EUR,
                "motivering": "Geen reactie op het voornemen; de lessen zijn niet hervat.",
            },
        )
        # The verzuim goes on: a second boete needs a new voornemen, now with a hoorzitting.
        services.maak_voornemen(
            zaak,
            adviseur,
            {
                "datum": dag - timedelta(days=2),
                "bedrag": rules.STANDAARD_BOETE_EUR,
                "voorschrift": rules.VOORSCHRIFTEN[rules.Verzuim.LESSEN],
                "route": rules.Route.HOORZITTING,
                "hoorzitting_datum": dag + timedelta(days=7),
                "hoorzitting_plaats": "Stadhuis Weert, 10.00 uur",
            },
        )
        zaken += 1
    return {
        "handhavingsbeleid": beleid,
        "handhavingszaken": zaken,
        "intake_niet_verschenen": _niet_verschenen(weert, adviseur),
    }


def _niet_verschenen(weert, adviseur) -> int:
    """A demo person in the intake phase who did not come to the intake appointment."""
    if weert is None:
        return 0
    traject = (
        demo_trajecten([weert])
        .filter(status__in=["aangemeld", "brede_intake"])
        .order_by("id")
        .first()
    )
    if traject is None or IntakeAfspraak.objects.filter(traject=traject).exists():
        return 0
    intake_services.leg_afspraak_vast(
        traject,
        adviseur,
        {
            "datum": vandaag() - timedelta(days=2),
            "status": IntakeAfspraak.Status.NIET_VERSCHENEN,
            "toelichting": "Niet gekomen en niets laten weten; tolk was er wel.",
        },
    )
    return 1
