"""Writes of the sturing app: the taakstelling per half year (startnotitie §5.1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404

from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars import bereik
from koers.organisaties.models import Budget, Taakstelling
from koers.sturing import rules
from koers.sturing.models import Contract, Kostenpost
from koers.toegang import policy
from koers.verwerkingen.services import log_wijzigen

SECTIE_KOSTEN = policy.Sectie.KOSTEN
TAAKSTELLING_MAX = 10_000  # a sanity bound: far above any gemeente's half year


@transaction.atomic
def bewaar_taakstelling(
    user, *, jaar: int, halfjaar: int, aantal: int, is_schatting: bool
) -> Taakstelling:
    """Set the taakstelling of the user's own gemeente for one half year (new or changed)."""
    if not policy.mag_taakstelling_bewerken(user):
        raise PermissionDenied
    fouten = {}
    if halfjaar not in (1, 2):
        fouten["halfjaar"] = "Kies de 1e of de 2e helft van het jaar."
    if not 2020 <= jaar <= 2100:
        fouten["jaar"] = "Vul een jaar in van 2020 tot en met 2100."
    if not 0 <= aantal <= TAAKSTELLING_MAX:
        fouten["aantal"] = f"Vul een aantal in van 0 tot en met {TAAKSTELLING_MAX}."
    if fouten:
        raise Weigering(fouten)
    taak, _nieuw = Taakstelling.objects.update_or_create(
        gemeente=user.gemeente,
        jaar=jaar,
        halfjaar=halfjaar,
        defaults={"aantal": aantal, "is_schatting": is_schatting},
    )
    return taak


# --- Financiën -------------------------------------------------------------------


def _check_bedrag(fouten: dict, veld: str, waarde, maximum, tekst: str) -> None:
    if waarde is None:
        fouten[veld] = "Vul een bedrag in."
    elif waarde < 0:
        fouten[veld] = "Een bedrag of aantal kan niet negatief zijn."
    elif waarde > maximum:
        fouten[veld] = tekst


@transaction.atomic
def bewaar_budget(user, *, jaar: int, stroom: str, bedrag: Decimal) -> Budget:
    """Set the budget of the user's own gemeente for one year and stream, new or changed
    (financiën; the SPUK is entered when it is known)."""
    if not policy.mag_financien_beheren(user):
        raise PermissionDenied
    fouten: dict[str, str] = {}
    if jaar is None or not rules.BUDGET_JAAR_MIN <= jaar <= rules.BUDGET_JAAR_MAX:
        fouten["jaar"] = (
            f"Vul een jaar in van {rules.BUDGET_JAAR_MIN} tot en met {rules.BUDGET_JAAR_MAX}."
        )
    if stroom not in Budget.Stroom.values:
        fouten["stroom"] = "Kies invoeringskosten, uitvoeringskosten of SPUK."
    _check_bedrag(
        fouten, "bedrag", bedrag, rules.BUDGET_MAX, f"Een budget is hoogstens € {rules.BUDGET_MAX}."
    )
    if fouten:
        raise Weigering(fouten)
    budget, _nieuw = Budget.objects.update_or_create(
        gemeente=user.gemeente, jaar=jaar, stroom=stroom, defaults={"bedrag": bedrag}
    )
    return budget


def contract_fouten(
    *,
    aanbieder=None,
    aanbieder_naam: str = "",
    voorziening: str | None,
    eenheid: str | None,
    tarief: Decimal | None,
    geldig_van: dt.date | None,
    geldig_tot: dt.date | None = None,
) -> dict[str, str]:
    """What keeps a contract (:func:`bewaar_contract`) from being saved, per field."""
    fouten: dict[str, str] = {}
    if voorziening not in rules.VOORZIENINGEN:
        fouten["voorziening"] = "Kies een voorziening uit de lijst."
    if eenheid not in rules.EENHEDEN:
        fouten["eenheid"] = "Kies per uur, per traject of per maand."
    _check_bedrag(
        fouten, "tarief", tarief, rules.TARIEF_MAX, f"Een tarief is hoogstens € {rules.TARIEF_MAX}."
    )
    if tarief is not None and tarief == 0:
        fouten["tarief"] = "Vul een tarief in dat hoger is dan € 0."
    naam = (aanbieder_naam or "").strip()
    if aanbieder is None and not naam:
        fouten["aanbieder_naam"] = "Kies een aanbieder of vul de naam in."
    if aanbieder is not None and aanbieder.soort == "gemeente":
        fouten["aanbieder"] = "Kies een aanbieder, geen gemeente."
    if geldig_tot is not None and geldig_van is not None and geldig_tot < geldig_van:
        fouten["geldig_tot"] = "De einddatum ligt voor de begindatum."
    return fouten


@transaction.atomic
def bewaar_contract(
    user,
    *,
    contract: Contract | None = None,
    aanbieder=None,
    aanbieder_naam: str = "",
    voorziening: str,
    eenheid: str,
    tarief: Decimal,
    geldig_van: dt.date,
    geldig_tot: dt.date | None = None,
) -> Contract:
    """Create or change a contract of the user's own gemeente (financiën)."""
    if not policy.mag_financien_beheren(user):
        raise PermissionDenied
    if contract is not None and contract.gemeente_id != user.gemeente.pk:
        raise PermissionDenied
    fouten = contract_fouten(
        aanbieder=aanbieder,
        aanbieder_naam=aanbieder_naam,
        voorziening=voorziening,
        eenheid=eenheid,
        tarief=tarief,
        geldig_van=geldig_van,
        geldig_tot=geldig_tot,
    )
    if fouten:
        raise Weigering(fouten)
    naam = (aanbieder_naam or "").strip()
    contract = contract or Contract(gemeente=user.gemeente)
    contract.aanbieder = aanbieder
    contract.aanbieder_naam = "" if aanbieder is not None else naam
    contract.voorziening, contract.eenheid, contract.tarief = voorziening, eenheid, tarief
    contract.geldig_van, contract.geldig_tot = geldig_van, geldig_tot
    contract.save()
    return contract


def _lees_kostenpost(
    traject,
    *,
    voorziening: str | None,
    datum: dt.date | None,
    contract: Contract | None,
    aantal: Decimal | None,
    bedrag: Decimal | None,
):
    fouten: dict[str, str] = {}
    indeling = traject.inburgeraar.doelgroepindeling
    if voorziening not in rules.VOORZIENINGEN:
        fouten["voorziening"] = "Kies een voorziening uit de lijst."
    else:
        fout = rules.kostenpost_doelgroep_fout(voorziening, indeling)
        if fout:
            fouten["voorziening"] = fout
    if datum is None:
        fouten["datum"] = "Vul een datum in."
    tarief = None
    if contract is not None:
        if contract.gemeente_id != traject.gemeente_id:
            fouten["contract"] = "Dit contract hoort bij een andere gemeente."
        elif datum is not None and not rules.contract_geldig(
            contract.geldig_van, contract.geldig_tot, datum
        ):
            fouten["contract"] = "Dit contract geldt niet op deze datum."
        elif contract.voorziening != voorziening:
            fouten["contract"] = "Dit contract is voor een andere voorziening."
        aantal = Decimal(1) if aantal is None else aantal
        _check_bedrag(
            fouten,
            "aantal",
            aantal,
            rules.AANTAL_MAX,
            f"Vul een aantal in van hoogstens {rules.AANTAL_MAX}.",
        )
        if "aantal" not in fouten and aantal == 0:
            fouten["aantal"] = "Vul een aantal in dat hoger is dan 0."
        if not fouten:
            tarief = contract.tarief
            bedrag = rules.kostenbedrag(tarief, aantal)
            if bedrag > rules.KOSTENPOST_MAX:
                fouten["aantal"] = f"Het bedrag wordt hoger dan € {rules.KOSTENPOST_MAX}."
    else:
        aantal = Decimal(1) if aantal is None else aantal
        if aantal <= 0 or aantal > rules.AANTAL_MAX:
            fouten["aantal"] = f"Vul een aantal in van meer dan 0 tot {rules.AANTAL_MAX}."
        _check_bedrag(
            fouten,
            "bedrag",
            bedrag,
            rules.KOSTENPOST_MAX,
            f"Een kostenpost is hoogstens € {rules.KOSTENPOST_MAX}. "
            "Verdeel een groter bedrag over meer posten.",
        )
    return fouten, aantal, bedrag, tarief


def kostenpost_fouten(
    traject,
    *,
    voorziening: str | None,
    datum: dt.date | None,
    contract: Contract | None = None,
    aantal: Decimal | None = None,
    bedrag: Decimal | None = None,
) -> dict[str, str]:
    """What keeps a cost of this traject (:func:`registreer_kostenpost`) from being
    recorded, per field: the voorziening fits the doelgroep, a contract of the gemeente that
    is valid that day, the amounts."""
    return _lees_kostenpost(
        traject,
        voorziening=voorziening,
        datum=datum,
        contract=contract,
        aantal=aantal,
        bedrag=bedrag,
    )[0]


@transaction.atomic
def registreer_kostenpost(
    user,
    traject,
    *,
    voorziening: str,
    datum: dt.date,
    contract: Contract | None = None,
    aantal: Decimal | None = None,
    bedrag: Decimal | None = None,
    omschrijving: str = "",
) -> Kostenpost:
    """Record a cost of a traject within the user's reach. With a contract the amount is
    aantal × its tariff, frozen now; without one the amount is entered by hand. A voorziening
    that no stream of the gemeente pays for this person's doelgroep (a gezinsmigrant's own
    leerroute) is refused (rules.kostenpost_doelgroep_fout)."""
    if not policy.mag(user, policy.Actie.KOSTEN_REGISTREREN):
        raise PermissionDenied
    # Out of reach: not found, whatever the caller passed in.
    traject = get_object_or_404(bereik.trajecten_voor(user).select_for_update(), pk=traject.pk)
    indeling = traject.inburgeraar.doelgroepindeling
    fouten, aantal, bedrag, tarief = _lees_kostenpost(
        traject,
        voorziening=voorziening,
        datum=datum,
        contract=contract,
        aantal=aantal,
        bedrag=bedrag,
    )
    if fouten:
        raise Weigering(fouten)
    assert bedrag is not None  # refused above when missing (_check_bedrag)
    post = Kostenpost.objects.create(
        traject=traject,
        gemeente_id=traject.gemeente_id,
        voorziening=voorziening,
        doelgroepindeling=indeling,
        contract=contract,
        datum=datum,
        aantal=aantal,
        tarief=tarief,
        bedrag=Decimal(bedrag).quantize(rules.CENT),
        omschrijving=(omschrijving or "").strip(),
        door=user,
    )
    log_wijzigen(user, traject, [SECTIE_KOSTEN])
    return post
