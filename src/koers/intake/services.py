"""Write paths of the brede intake: save a draft at any time, afronden when complete."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars import rules as traject_rules
from koers.inburgeraars.models import Gebeurtenis, Traject
from koers.inburgeraars.rules import datum_voluit
from koers.inburgeraars.services import (
    AFGEROND,
    neem_over,
    registreer,
    vandaag,
    vergrendel,
    weiger_als_afgerond,
    zorg_voor_status,
)
from koers.intake import rules
from koers.intake.models import BredeIntake, IntakeAfspraak

INTAKE_VERANDERT_NIET = "Dit traject is afgerond; de intake kan niet meer veranderen."
ALGEMENE_VELDEN = (
    "datum",
    "plaats",
    "tolk_gebruikt",
    "tolk_taal",
    "vve_informatie_gegeven",
    "gesprek_zonder_partner_aangeboden",
    "lbt_uitslag",
    "lbt_score",
    "lbt_datum",
    "afwijking_lbt_advies",
)


def valideer(data: dict) -> dict[str, str]:
    """Errors of a (partial) intake: unknown keys, wrong types, out-of-range values, a date
    of the intake after today."""
    fouten: dict[str, str] = {}
    for sleutel, antwoord in (data.get("onderwerpen") or {}).items():
        onderwerp = rules.ONDERWERPEN_BY_KEY.get(sleutel)
        if onderwerp is None:
            fouten[f"onderwerpen.{sleutel}"] = f"Onbekend onderwerp '{sleutel}'."
            continue
        if not isinstance(antwoord, dict):
            fouten[f"onderwerpen.{sleutel}"] = "Verwacht een object met velden."
            continue
        bekend = {v.naam for v in onderwerp.velden} | {"toelichting"}
        for naam in set(antwoord) - bekend:
            fouten[f"onderwerpen.{sleutel}.{naam}"] = f"Onbekend veld '{naam}'."
        for naam, tekst in rules.veld_fouten(onderwerp, antwoord).items():
            fouten[f"onderwerpen.{sleutel}.{naam}"] = tekst
    for sleutel, antwoord in (data.get("positieve_gezondheid") or {}).items():
        if sleutel not in rules.DIMENSIE_SLEUTELS:
            fouten[f"positieve_gezondheid.{sleutel}"] = f"Onbekende dimensie '{sleutel}'."
            continue
        if not isinstance(antwoord, dict):
            fouten[f"positieve_gezondheid.{sleutel}"] = "Verwacht score en toelichting."
            continue
        fout = rules.score_fout(antwoord.get("score"), rules.DIMENSIES_BY_KEY[sleutel].titel)
        if fout:
            fouten[f"positieve_gezondheid.{sleutel}.score"] = fout
    fouten.update(rules.lbt_fouten(data.get("lbt_uitslag") or "", data.get("lbt_score")))
    for veld in ("datum", "lbt_datum"):
        if hasattr(data.get(veld), "isoformat") and (
            fout := traject_rules.uitvoering_datum_fout(data[veld], vandaag())
        ):
            fouten[veld] = fout
    if (
        "datum" not in fouten
        and hasattr(data.get("datum"), "isoformat")
        and (fout := rules.datum_fout(data["datum"], vandaag=vandaag()))
    ):
        fouten["datum"] = fout
    if data.get("plaats") and data["plaats"] not in dict(rules.PLAATSEN):
        fouten["plaats"] = "Kies AZC, gemeentehuis of elders."
    return fouten


def intake_van(traject: Traject) -> BredeIntake:
    intake, _ = BredeIntake.objects.get_or_create(traject=traject)
    return intake


@transaction.atomic
def bewaar(traject: Traject, door, data: dict) -> BredeIntake:
    """Save the intake as a draft. Replaces the topics given; leaves others untouched."""
    fouten = valideer(data)
    if fouten:
        raise Weigering(fouten)
    traject.refresh_from_db(fields=["status"])  # the caller's instance may be stale
    weiger_als_afgerond(traject, INTAKE_VERANDERT_NIET)
    intake = BredeIntake.objects.select_for_update().filter(traject=traject).first() or intake_van(
        traject
    )
    if intake.is_afgerond:
        raise Weigering({"__all__": "De intake is al afgerond en kan niet meer veranderen."})
    neem_over(intake, data, ALGEMENE_VELDEN)
    onderwerpen = dict(intake.onderwerpen)
    for sleutel, antwoord in (data.get("onderwerpen") or {}).items():
        if sleutel == "gezondheid":
            intake.gezondheid = antwoord
        else:
            onderwerpen[sleutel] = antwoord
    intake.onderwerpen = onderwerpen
    if "positieve_gezondheid" in data:
        pg = dict(intake.positieve_gezondheid)
        pg.update(data["positieve_gezondheid"] or {})
        intake.positieve_gezondheid = pg
    intake.save()
    zorg_voor_status(traject, traject_rules.Status.BREDE_INTAKE, door)
    registreer(traject, Gebeurtenis.Soort.INTAKE_OPGESLAGEN, "Brede intake opgeslagen", door)
    return intake


@transaction.atomic
def rond_af(traject: Traject, door) -> BredeIntake:
    """Close the intake; refused with the full list of what is missing. Like a draft save,
    refused on a closed traject: its intake no longer changes."""
    traject.refresh_from_db(fields=["status"])
    weiger_als_afgerond(traject, INTAKE_VERANDERT_NIET)
    intake = BredeIntake.objects.select_for_update().filter(traject=traject).first()
    niet_verschenen = IntakeAfspraak.objects.filter(
        traject=traject, status=IntakeAfspraak.Status.NIET_VERSCHENEN
    ).count()
    if intake is None:
        if not niet_verschenen:
            raise Weigering({"__all__": "Er is nog geen intake opgeslagen."})
        # The person never came: the intake is closed with what the dossier holds.
        intake = BredeIntake.objects.create(traject=traject)
    if intake.is_afgerond:
        raise Weigering({"__all__": "De intake is al afgerond."})
    alles = intake.ontbrekend()
    minimum = rules.ontbrekend_minimum(alles)
    missing = rules.afronden_fouten(minimum, niet_verschenen=niet_verschenen)
    missing.update(rules.afronden_datum_fouten(intake.datum, niet_verschenen=niet_verschenen))
    if missing:
        raise Weigering(missing)
    intake.status = BredeIntake.Status.AFGEROND
    intake.afgerond_op = timezone.now()
    intake.afgerond_door = door
    intake.save()
    zorg_voor_status(traject, traject_rules.Status.BREDE_INTAKE, door)
    toelichting = ""
    if minimum:
        toelichting = (
            "Afgerond zonder het wettelijke minimum: de inburgeraar is niet "
            "verschenen. Nog open: " + " ".join(minimum.values())
        )
    elif alles:
        toelichting = "Nog open (startnotitie): " + " ".join(alles.values())
    registreer(
        traject,
        Gebeurtenis.Soort.INTAKE_AFGEROND,
        "Brede intake afgerond",
        door,
        toelichting=toelichting[:5000],
    )
    return intake


def open_punten(intake: BredeIntake) -> dict[str, dict[str, str]]:
    """What is still missing, split into the law's minimum (blocks afronden and the PIP) and
    the startnotitie's expected topics (do not block)."""
    alles = intake.ontbrekend()
    return {
        "minimum": rules.ontbrekend_minimum(alles),
        "verwacht": rules.ontbrekend_verwacht(alles),
    }


def afspraak_fouten(data: dict) -> dict[str, str]:
    """What keeps an intake appointment (:func:`leg_afspraak_vast`) from being recorded, per
    field: a date in the traject's window, a status, and whether the person came only on or
    after the day itself."""
    fouten: dict[str, str] = {}
    datum = data.get("datum")
    if not hasattr(datum, "isoformat"):
        fouten["datum"] = "Vul de datum van de afspraak in."
    elif fout := traject_rules.uitvoering_datum_fout(datum, vandaag()):
        fouten["datum"] = fout
    status = data.get("status")
    if status not in IntakeAfspraak.Status.values:
        fouten["status"] = "Kies gepland, verschenen of niet verschenen."
    elif status != IntakeAfspraak.Status.GEPLAND and "datum" not in fouten and datum > vandaag():
        fouten["datum"] = "Of iemand kwam, legt u vast op of na de dag van de afspraak."
    toelichting = data.get("toelichting") or ""
    if not isinstance(toelichting, str) or len(toelichting) > 2000:
        fouten["toelichting"] = "De toelichting is tekst van hoogstens 2000 tekens."
    return fouten


@transaction.atomic
def leg_afspraak_vast(traject: Traject, door, data: dict) -> IntakeAfspraak:
    """Record an intake appointment and whether the person came. "Niet verschenen" is kept as
    such: it lets the intake be closed with what is known (rules.afronden_fouten) and it
    becomes a handhaving signal (koers.handhaving.signalen)."""
    fouten = afspraak_fouten(data)
    datum, status = data.get("datum"), data.get("status")
    toelichting = data.get("toelichting") or ""
    traject = vergrendel(traject)
    if not traject.is_open:
        fouten["__all__"] = AFGEROND
    if fouten:
        raise Weigering(fouten)
    assert datum is not None and status is not None  # refused above when missing
    afspraak = IntakeAfspraak.objects.create(
        traject=traject, datum=datum, status=status, toelichting=toelichting.strip(), door=door
    )
    registreer(
        traject,
        Gebeurtenis.Soort.INTAKE_OPGESLAGEN,
        f"Afspraak brede intake {datum_voluit(datum)}: {afspraak.get_status_display()}",
        door,
        toelichting=afspraak.toelichting,
    )
    return afspraak
