"""Demo data of Financiën: per demo gemeente a contract with the taalaanbieder
(leerroute per uur), Werk.Kom (MAP per traject) and a tolkendienst (per uur), and some
kostenposten on the demo persons' cases over the last months. Idempotent: a contract that
exists (same gemeente, voorziening and provider) and a case that already has kostenposten
are left alone. Dates are relative to today. The budgets and taakstelling of the past years
are the startnotitie's (koers.demo.organisaties); for the current year (from today's date)
the demo adds a taakstelling (the startnotitie's latest, as an estimate) and the budgets
derived from it (:func:`budget_dit_jaar`), so the dashboards of this year are not empty. An
existing figure is left as it is."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from koers.demo.organisaties import BUDGETTEN, TAAKSTELLING
from koers.demo.personen import demo_trajecten
from koers.organisaties.models import Budget, Organisatie, Taakstelling
from koers.sturing import rules
from koers.sturing.cijfers import ASIEL
from koers.sturing.models import Contract, Kostenpost

TOLKENDIENST = "Tolkdienst Zuid"
# (voorziening, eenheid, tarief, provider: an Organisatie name or a free name)
CONTRACTEN = (
    ("leerroute", "uur", Decimal("62.50"), "Taalcentrum Maas en Kempen"),
    ("map", "traject", Decimal("1250.00"), "Werk.Kom"),
    ("tolken", "uur", Decimal("48.00"), TOLKENDIENST),
)


def _maand_terug(vandaag: dt.date, maanden: int) -> dt.date:
    jaar, maand = divmod(vandaag.year * 12 + vandaag.month - 1 - maanden, 12)
    return dt.date(jaar, maand + 1, min(vandaag.day, 28))


def budget_dit_jaar(code: str) -> dict[str, Decimal]:
    """The demo budgets of the current year: the uitvoeringskosten of the startnotitie's last
    year, and a SPUK for the expected inburgeringsplichtigen of this year's taakstelling
    (half of it, startnotitie §5.1) at the amount per asielmigrant (§8.1.2)."""
    taakstelling = sum(TAAKSTELLING[code][-2:])
    uitvoering = max(b for (_jaar, stroom), b in BUDGETTEN[code].items() if stroom == "uitvoering")
    spuk = rules.verwachte_middelen(rules.prognose_inburgeringsplichtig(taakstelling), 0)
    return {"uitvoering": uitvoering, "spuk": spuk}


def seed_dit_jaar(gemeenten, vandaag: dt.date) -> int:
    """Taakstelling (both half years, an estimate) and budgets of the current year."""
    nieuw = 0
    for code, gemeente in gemeenten.items():
        if code not in TAAKSTELLING:
            continue
        *_eerder, eerste, tweede = TAAKSTELLING[code]
        for halfjaar, aantal in ((1, eerste), (2, tweede)):
            nieuw += Taakstelling.objects.get_or_create(
                gemeente=gemeente,
                jaar=vandaag.year,
                halfjaar=halfjaar,
                defaults={"aantal": aantal, "is_schatting": True},
            )[1]
        for stroom, bedrag in budget_dit_jaar(code).items():
            nieuw += Budget.objects.get_or_create(
                gemeente=gemeente, jaar=vandaag.year, stroom=stroom, defaults={"bedrag": bedrag}
            )[1]
    return nieuw


def seed(gemeenten, accounts) -> dict[str, int]:
    vandaag = timezone.localdate()
    aantallen = {"contracten": 0, "kostenposten": 0, "cijfers_dit_jaar": 0}
    aantallen["cijfers_dit_jaar"] = seed_dit_jaar(gemeenten, vandaag)
    contracten: dict[tuple[int, str], Contract] = {}
    for code, gemeente in gemeenten.items():
        if code not in BUDGETTEN:
            continue
        for voorziening, eenheid, tarief, naam in CONTRACTEN:
            organisatie = Organisatie.objects.filter(naam=naam).first()
            contract, nieuw = Contract.objects.get_or_create(
                gemeente=gemeente,
                voorziening=voorziening,
                aanbieder=organisatie,
                aanbieder_naam="" if organisatie else naam,
                defaults={
                    "eenheid": eenheid,
                    "tarief": tarief,
                    "geldig_van": dt.date(vandaag.year - 1, 1, 1),
                },
            )
            contracten[(gemeente.pk, voorziening)] = contract
            aantallen["contracten"] += nieuw
    trajecten = (
        demo_trajecten(gemeenten)
        .exclude(kostenposten__isnull=False)
        .select_related("inburgeraar")
        .order_by("pk")
    )
    nieuw_posten = []
    for traject in trajecten:
        adviseur = traject.adviseur

        def post(voorziening, datum, aantal, _traject=traject, _adviseur=adviseur):
            contract = contracten.get((_traject.gemeente_id, voorziening))
            if contract is None:
                return
            nieuw_posten.append(
                Kostenpost(
                    traject=_traject,
                    gemeente_id=_traject.gemeente_id,
                    voorziening=voorziening,
                    doelgroepindeling=_traject.inburgeraar.doelgroepindeling,
                    contract=contract,
                    datum=datum,
                    aantal=aantal,
                    tarief=contract.tarief,
                    bedrag=rules.kostenbedrag(contract.tarief, aantal),
                    door=_adviseur,
                    omschrijving="Demo",
                )
            )

        post("tolken", _maand_terug(vandaag, 2), Decimal("1.5"))
        # A gezinsmigrant pays his own leerroute (rules.kostenpost_doelgroep_fout).
        if traject.inburgeraar.doelgroepindeling in ASIEL:
            for terug in (3, 2, 1):
                post("leerroute", _maand_terug(vandaag, terug), Decimal("16"))
            post("map", _maand_terug(vandaag, 1), Decimal("1"))
    Kostenpost.objects.bulk_create(nieuw_posten)
    aantallen["kostenposten"] = len(nieuw_posten)
    return aantallen
