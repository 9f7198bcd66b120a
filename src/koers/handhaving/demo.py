"""Demo data of handhaving: the gemeenten's beleid (€250, the Divosa pattern) and one case
of a gezinsmigrant in Weert with a written warning and a hoorzitting planned. DUO's boetes and
verlengingen come from the simulator (scenario_demo.json), fetched with "Ophalen bij DUO"."""

from __future__ import annotations

from datetime import timedelta

from koers.handhaving import rules, services
from koers.handhaving.models import Handhavingsbeleid, Handhavingszaak
from koers.inburgeraars.services import vandaag
from koers.organisaties.demo_personen import demo_trajecten

VOORNAAM, ACHTERNAAM = "Yusuf", "Öztürk"  # Weert, gezinsvormer, in uitvoering (demo_personen)


def seed(gemeenten, accounts) -> dict[str, int]:
    beleid = 0
    for gemeente in gemeenten.values():
        _obj, nieuw = Handhavingsbeleid.objects.get_or_create(
            gemeente=gemeente, defaults={"standaard_boete": rules.STANDAARD_BOETE_EUR})
        beleid += nieuw
    zaken = 0
    weert = gemeenten.get("0988")
    adviseur = accounts.get("adviseur-weert")
    traject = demo_trajecten([weert]).filter(
        inburgeraar__voornamen=VOORNAAM, inburgeraar__geslachtsnaam=ACHTERNAAM,
        status__in=["pip_vastgesteld", "in_uitvoering"]).select_related(
        "inburgeraar", "gemeente__organisatie").first() if weert else None
    if traject is not None and not Handhavingszaak.objects.filter(traject=traject).exists():
        dag = vandaag()
        zaak = services.open_zaak(traject, adviseur, {
            "verzuim": rules.Verzuim.LESSEN, "datum": dag - timedelta(days=24),
            "omschrijving": "Drie weken niet naar de taalles geweest, zonder bericht aan de "
                            "taalaanbieder of de adviseur."})
        services.stuur_waarschuwing(zaak, adviseur, {
            "datum": dag - timedelta(days=20),
            "toelichting": "De taalaanbieder meldt dat u sinds drie weken niet meer komt."})
        services.plan_hoorzitting(zaak, adviseur, {
            "datum": dag + timedelta(days=7), "plaats": "Stadhuis Weert, 10.00 uur"})
        zaken += 1
    return {"handhavingsbeleid": beleid, "handhavingszaken": zaken}
