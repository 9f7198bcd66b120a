"""Write paths of begeleiding, ontzorgen and duale trajecten. Each call does its whole change
in one transaction, with a timeline entry, or refuses with a ``Weigering`` and saves nothing."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction

from koers.begeleiding import rules
from koers.begeleiding.models import (
    Begeleiding,
    Begeleidingsbeleid,
    Betaling,
    Bijstand,
    ChecklistItem,
    DuaalTraject,
    Ontzorgen,
    OntzorgenMaand,
    Voorlichting,
)
from koers.bouwstenen.secties import NIET_GELADEN
from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars.models import Gebeurtenis, Traject
from koers.inburgeraars.rules import datum_voluit
from koers.inburgeraars.services import neem_over, registreer, vandaag, vergrendel_open

AFGEROND = "Dit traject is afgerond. U kunt hier niets meer veranderen."
TOEKOMST = "Deze datum ligt in de toekomst. Vul een datum van vandaag of eerder in."
TEKST_MAX = 200


def _niet_toekomst(fouten: dict, veld: str, datum: date | None) -> None:
    if datum is not None and datum > vandaag():
        fouten[veld] = TOEKOMST


def _lengte(fouten: dict, veld: str, tekst: str, maximum: int = TEKST_MAX) -> None:
    if tekst and len(tekst) > maximum:
        fouten[veld] = f"Deze tekst is te lang: hooguit {maximum} tekens."


def _volgorde(fouten: dict, veld: str, start: date | None, eind: date | None) -> None:
    if start is not None and eind is not None and eind < start:
        fouten[veld] = "Kies als einddatum de startdatum of een dag daarna."


# --- maatschappelijke begeleiding -------------------------------------------------------

BEGELEIDING_VELDEN = (
    "partner",
    "vrijwilliger",
    "zelfredzaamheid",
    "zelfredzaamheid_datum",
    "contacten_per_maand",
    "toelichting",
)


def begeleiding_fouten(data: dict) -> dict[str, str]:
    """What is wrong with the input of :func:`bewaar_begeleiding`, per field; from the input
    alone, so the form shows it together with its own errors."""
    fouten: dict[str, str] = {}
    score = data.get("zelfredzaamheid")
    if score is not None and not (rules.ZELFREDZAAMHEID_MIN <= score <= rules.ZELFREDZAAMHEID_MAX):
        fouten["zelfredzaamheid"] = "Kies een score van 1 tot en met 4."
    if (
        score is not None
        and "zelfredzaamheid_datum" in data
        and data["zelfredzaamheid_datum"] is None
    ):
        fouten["zelfredzaamheid_datum"] = "Vul in op welke datum de zelfredzaamheid is bepaald."
    _niet_toekomst(fouten, "zelfredzaamheid_datum", data.get("zelfredzaamheid_datum"))
    contacten = data.get("contacten_per_maand")
    if contacten is not None and not 0 <= contacten <= rules.CONTACTEN_MAX:
        fouten["contacten_per_maand"] = (
            f"Vul per maand een aantal contacten in van 0 tot en met {rules.CONTACTEN_MAX}."
        )
    _lengte(fouten, "vrijwilliger", data.get("vrijwilliger") or "")
    _lengte(fouten, "toelichting", data.get("toelichting") or "", 5000)
    return fouten


@transaction.atomic
def bewaar_begeleiding(traject: Traject, door, data: dict) -> Begeleiding:
    # Locked and read again: a case closed meanwhile is not written to.
    traject = vergrendel_open(traject, AFGEROND)
    fouten = begeleiding_fouten(data)
    if fouten:
        raise Weigering(fouten)
    begeleiding, nieuw = Begeleiding.objects.select_for_update().get_or_create(traject=traject)
    oude_score = begeleiding.zelfredzaamheid
    neem_over(begeleiding, data, BEGELEIDING_VELDEN)
    begeleiding.save()
    omschrijving = (
        "Maatschappelijke begeleiding vastgelegd"
        if nieuw
        else "Maatschappelijke begeleiding gewijzigd"
    )
    if begeleiding.zelfredzaamheid != oude_score and begeleiding.zelfredzaamheid:
        omschrijving += f"; zelfredzaamheid nu {begeleiding.zelfredzaamheid} van 4"
    registreer(traject, Gebeurtenis.Soort.BEGELEIDING, omschrijving, door)
    return begeleiding


def checklist_fouten(items: list[dict]) -> dict[str, str]:
    """What is wrong with checklist items for :func:`bewaar_checklist`, keyed
    ``checklist.<onderwerp>.<veld>``; from the input alone."""
    fouten: dict[str, str] = {}
    statussen = {s for s, _t in rules.ITEM_STATUSSEN}
    gezien = set()
    for item in items:
        onderwerp = item.get("onderwerp")
        if onderwerp not in rules.CHECKLIST_SLEUTELS:
            fouten["checklist"] = "Kies een onderwerp van de lijst."
            continue
        if onderwerp in gezien:
            fouten[f"checklist.{onderwerp}"] = "Dit onderwerp staat er twee keer in."
        gezien.add(onderwerp)
        if item.get("status") not in statussen:
            fouten[f"checklist.{onderwerp}.status"] = "Kies: nog doen, bezig of klaar."
        if item.get("status") == "klaar" and not item.get("datum"):
            fouten[f"checklist.{onderwerp}.datum"] = (
                f"Vul in wanneer '{dict(rules.CHECKLIST)[onderwerp]}' klaar was."
            )
        _niet_toekomst(fouten, f"checklist.{onderwerp}.datum", item.get("datum"))
        _lengte(fouten, f"checklist.{onderwerp}.door", item.get("door") or "")
    return fouten


@transaction.atomic
def bewaar_checklist(traject: Traject, door, items: list[dict]) -> list[ChecklistItem]:
    """Set status, date and who for the given checklist items (others stay as they are)."""
    # Locked and read again: a case closed meanwhile is not written to.
    traject = vergrendel_open(traject, AFGEROND)
    fouten = checklist_fouten(items)
    if fouten:
        raise Weigering(fouten)
    bestaand = {
        i.onderwerp: i for i in ChecklistItem.objects.select_for_update().filter(traject=traject)
    }
    gewijzigd = []
    for item in items:
        nieuw = (item["status"], item.get("datum"), item.get("door") or "")
        if item["onderwerp"] not in bestaand and nieuw == ("todo", None, ""):
            continue  # untouched in the form (every select sends a status): not a change
        rij = bestaand.get(item["onderwerp"]) or ChecklistItem(
            traject=traject, onderwerp=item["onderwerp"]
        )
        if rij.pk and (rij.status, rij.datum, rij.door) == nieuw:
            continue
        rij.status, rij.datum, rij.door = nieuw
        rij.bijgewerkt_door = door
        rij.save()
        gewijzigd.append(rij)
    if gewijzigd:
        registreer(
            traject,
            Gebeurtenis.Soort.BEGELEIDING,
            "Praktische hulp bijgewerkt",
            door,
            toelichting="\n".join(
                f"{r.get_onderwerp_display()}: {r.get_status_display()}" for r in gewijzigd
            ),
        )
    return list(ChecklistItem.objects.filter(traject=traject))


def voorlichting_fouten(data: dict) -> dict[str, str]:
    """What is wrong with the input of :func:`voeg_voorlichting_toe`, per field."""
    fouten: dict[str, str] = {}
    if data.get("onderwerp") not in rules.VOORLICHTING_SLEUTELS:
        fouten["onderwerp"] = "Kies een onderwerp van de lijst."
    if not data.get("datum"):
        fouten["datum"] = "Vul de datum van de voorlichting in."
    _niet_toekomst(fouten, "datum", data.get("datum"))
    _lengte(fouten, "door", data.get("door") or "")
    _lengte(fouten, "toelichting", data.get("toelichting") or "", 500)
    return fouten


@transaction.atomic
def voeg_voorlichting_toe(traject: Traject, door, data: dict) -> Voorlichting:
    # Locked and read again: a case closed meanwhile is not written to.
    traject = vergrendel_open(traject, AFGEROND)
    fouten = voorlichting_fouten(data)
    if fouten:
        raise Weigering(fouten)
    voorlichting = Voorlichting.objects.create(
        traject=traject,
        onderwerp=data["onderwerp"],
        datum=data["datum"],
        door=data.get("door") or "",
        toelichting=data.get("toelichting") or "",
        aangemaakt_door=door,
    )
    registreer(
        traject,
        Gebeurtenis.Soort.BEGELEIDING,
        f"Voorlichting gegeven: {voorlichting.get_onderwerp_display()}",
        door,
    )
    return voorlichting


def intake_zelfredzaamheid(traject: Traject, intake=NIET_GELADEN) -> int | None:
    """The zelfredzaamheid level of the brede intake (1-4), when filled in; ``intake``: the
    one the caller already read (``None``: the case has none)."""
    from koers.intake.models import BredeIntake

    if intake is NIET_GELADEN:
        onderwerpen = (
            BredeIntake.objects.filter(traject=traject)
            .values_list("onderwerpen", flat=True)
            .first()
            or {}
        )
    else:
        onderwerpen = (intake.onderwerpen if intake is not None else None) or {}
    niveau = (onderwerpen.get("zelfredzaamheid") or {}).get("niveau")
    try:
        return int(niveau) if niveau not in (None, "") else None
    except (TypeError, ValueError):
        return None


def laatste_score(
    begeleiding: Begeleiding | None, traject: Traject, intake=NIET_GELADEN
) -> tuple[int | None, str]:
    """The latest zelfredzaamheid score and where it comes from ("begeleiding" or "intake");
    ``intake`` as in :func:`intake_zelfredzaamheid`."""
    if begeleiding is not None and begeleiding.zelfredzaamheid:
        return begeleiding.zelfredzaamheid, "begeleiding"
    score = intake_zelfredzaamheid(traject, intake)
    return score, "intake" if score else ""


def voorgestelde_intensiteit(traject: Traject, score: int | None) -> int | None:
    """Contacts per month for this score under the gemeente's begeleidingsbeleid."""
    if score is None:
        return None
    return rules.voorgestelde_intensiteit(
        score, Begeleidingsbeleid.voor(traject.gemeente_id).intensiteit
    )


# --- financieel ontzorgen ---------------------------------------------------------------

ONTZORGEN_VELDEN = (
    "start_bijstand",
    "einde_bijstand",
    "machtiging_datum",
    "machtiging_posten",
    "toelichting",
    "cursus_status",
    "cursus_aanbieder",
    "cursus_start",
    "cursus_eind",
    "coaching_status",
    "coach",
    "coaching_start",
    "coaching_eind",
)


def ontzorgen_fouten(traject: Traject, data: dict, huidig: Ontzorgen | None) -> dict:
    """What is wrong with the input of :func:`bewaar_ontzorgen` for this case, per field. It
    reads the case's bijstand and payments; the service checks again under the case's lock."""
    fouten: dict[str, str] = {}
    bijstand = Bijstand.objects.filter(traject=traject).first()
    if huidig is None and not in_aanmerking(traject):
        fouten["__all__"] = rules.niet_in_aanmerking_tekst(
            traject.inburgeraar.doelgroepindeling, ontzorgen_groep(traject)
        )
    # Without a start in the request, the recorded bijstand gives it.
    start = data.get(
        "start_bijstand",
        huidig.start_bijstand if huidig else (bijstand.start if bijstand else None),
    )
    einde = data.get(
        "einde_bijstand",
        huidig.einde_bijstand if huidig else (bijstand.einde if bijstand else None),
    )
    if start is None:
        fouten["start_bijstand"] = "Vul in vanaf wanneer de inburgeraar recht heeft op bijstand."
    else:
        fout = rules.start_bijstand_fout(start, vandaag())
        if fout:
            fouten["start_bijstand"] = fout
    if start is not None and einde is not None and einde < start:
        fouten["einde_bijstand"] = "De bijstand kan niet stoppen voor hij begint."
    _niet_toekomst(fouten, "machtiging_datum", data.get("machtiging_datum"))
    posten = data.get("machtiging_posten")
    if posten is not None and (
        not isinstance(posten, list) or any(p not in rules.POST_SLEUTELS for p in posten)
    ):
        fouten["machtiging_posten"] = "Kies huur, gas/water/licht of zorgverzekering."
    machtiging = data.get("machtiging_datum", huidig.machtiging_datum if huidig else None)
    if machtiging is not None and not (
        posten if posten is not None else (huidig.machtiging_posten if huidig else [])
    ):
        fouten["machtiging_posten"] = "Kies waarvoor de machtiging geldt."
    statussen = {s for s, _t in rules.CURSUS_STATUSSEN}
    for veld in ("cursus_status", "coaching_status"):
        if data.get(veld) not in (None, *statussen):
            fouten[veld] = "Kies een van de mogelijkheden."
    for soort in ("cursus", "coaching"):
        _volgorde(fouten, f"{soort}_eind", data.get(f"{soort}_start"), data.get(f"{soort}_eind"))
    _lengte(fouten, "cursus_aanbieder", data.get("cursus_aanbieder") or "")
    _lengte(fouten, "coach", data.get("coach") or "")
    _lengte(fouten, "toelichting", data.get("toelichting") or "", 5000)
    if (
        huidig is not None
        and start is not None
        and "__all__" not in fouten
        and "start_bijstand" not in fouten
        and "einde_bijstand" not in fouten
    ):
        maanden = set(rules.betaalmaanden(start, rules.einddatum(start, einde)))
        buiten = sorted(
            {m for m in huidig.betalingen.values_list("maand", flat=True) if m not in maanden}
        )
        if buiten:
            fouten["einde_bijstand"] = (
                "Er staan betalingen voor maanden buiten de nieuwe periode: "
                + ", ".join(f"{m:%m-%Y}" for m in buiten)
                + ". Verwijder die eerst."
            )
    return fouten


@transaction.atomic
def bewaar_ontzorgen(traject: Traject, door, data: dict) -> Ontzorgen:
    """Start or change ontzorgen. Ending the bijstand early ends ontzorgen on that day."""
    # Locked and read again: a case closed meanwhile is not written to.
    traject = vergrendel_open(traject, AFGEROND)
    huidig = Ontzorgen.objects.filter(traject=traject).first()
    fouten = ontzorgen_fouten(traject, data, huidig)
    if fouten:
        raise Weigering(fouten)
    ontzorgen = huidig or Ontzorgen(traject=traject, gemeente_id=traject.gemeente_id)
    oud_einde = huidig.einddatum if huidig else None
    oude_machtiging = huidig.machtiging_datum if huidig else None
    if huidig is None:
        bijstand = Bijstand.objects.filter(traject=traject).first()
        if bijstand is not None:
            ontzorgen.start_bijstand, ontzorgen.einde_bijstand = bijstand.start, bijstand.einde
    neem_over(ontzorgen, data, ONTZORGEN_VELDEN)
    if not ontzorgen.cursus_aanbieder and ontzorgen.cursus_status:
        ontzorgen.cursus_aanbieder = rules.CURSUS_AANBIEDER
    ontzorgen.bereken()
    ontzorgen.save()
    werk_maanden_bij(ontzorgen)
    _bijstand_volgt(traject, ontzorgen.start_bijstand, ontzorgen.einde_bijstand, door)
    eind = f"{datum_voluit(ontzorgen.einddatum)}"
    if huidig is None:
        registreer(
            traject,
            Gebeurtenis.Soort.ONTZORGEN,
            f"Financieel ontzorgen gestart: van "
            f"{datum_voluit(ontzorgen.start_bijstand)} tot en met {eind}",
            door,
        )
    elif oud_einde != ontzorgen.einddatum:
        reden = " omdat de bijstand stopt" if ontzorgen.vroeg_beeindigd else ""
        registreer(
            traject,
            Gebeurtenis.Soort.ONTZORGEN,
            f"Einde van financieel ontzorgen nu {eind}{reden}",
            door,
        )
    else:
        registreer(traject, Gebeurtenis.Soort.ONTZORGEN, "Financieel ontzorgen gewijzigd", door)
    if ontzorgen.machtiging_datum and ontzorgen.machtiging_datum != oude_machtiging:
        registreer(
            traject,
            Gebeurtenis.Soort.ONTZORGEN,
            f"Machtiging vastgelegd ({datum_voluit(ontzorgen.machtiging_datum)})",
            door,
        )
    return ontzorgen


def ontzorgen_groep(traject: Traject) -> str:
    """Whom this gemeente ontzorgt (its Begeleidingsbeleid; the law's group by default)."""
    return Begeleidingsbeleid.voor(traject.gemeente_id).ontzorgen_groep


def in_aanmerking(traject: Traject, heeft_bijstand: bool = True) -> bool:
    """Whether ontzorgen applies to this case's inburgeraar (given bijstand)."""
    inburgeraar = traject.inburgeraar
    return rules.komt_in_aanmerking(
        inburgeraar.doelgroep,
        inburgeraar.doelgroepindeling,
        heeft_bijstand,
        ontzorgen_groep(traject),
    )


# --- bijstand ---------------------------------------------------------------------------


def _bijstand_volgt(traject: Traject, start: date, einde: date | None, door) -> Bijstand:
    """The case's bijstand follows a change made on the ontzorgen form (one record of it)."""
    bijstand = Bijstand.objects.filter(traject=traject).first() or Bijstand(traject=traject)
    if bijstand.pk and (bijstand.start, bijstand.einde) == (start, einde):
        return bijstand
    bijstand.start, bijstand.einde, bijstand.gewijzigd_door = start, einde, door
    bijstand.bereken()
    bijstand.save()
    return bijstand


@transaction.atomic
def bewaar_bijstand(traject: Traject, door, data: dict) -> Bijstand:
    """Record whether and since when the inburgeraar receives bijstand (``start``, and
    ``einde`` when it stops). A running ontzorgen follows: its 6 months start with the
    bijstand and end early when the bijstand ends (art. 56a Participatiewet)."""
    # Locked and read again: a case closed meanwhile is not written to.
    traject = vergrendel_open(traject, AFGEROND)
    huidig = Bijstand.objects.filter(traject=traject).first()
    start = data.get("start", huidig.start if huidig else None)
    einde = data.get("einde", huidig.einde if huidig else None)
    fouten = rules.bijstand_fouten(start, einde, vandaag())
    ontzorgen = Ontzorgen.objects.filter(traject=traject).first()
    if not fouten and ontzorgen is not None:
        assert start is not None  # bijstand_fouten requires it
        maanden = set(rules.betaalmaanden(start, rules.einddatum(start, einde)))
        buiten = sorted(
            {m for m in ontzorgen.betalingen.values_list("maand", flat=True) if m not in maanden}
        )
        if buiten:
            fouten["einde" if "einde" in data else "start"] = (
                "Er staan betalingen van ontzorgen voor maanden buiten de nieuwe periode: "
                + ", ".join(f"{m:%m-%Y}" for m in buiten)
                + ". Verwijder die eerst."
            )
    if fouten:
        raise Weigering(fouten)
    assert start is not None  # bijstand_fouten refused the step when it is missing
    bijstand = huidig or Bijstand(traject=traject)
    oud = (huidig.start, huidig.einde) if huidig else None
    bijstand.start, bijstand.einde, bijstand.gewijzigd_door = start, einde, door
    bijstand.bereken()
    bijstand.save()
    if oud == (start, einde):
        return bijstand
    tekst = (
        f"Bijstand vastgelegd: vanaf {datum_voluit(start)}"
        if huidig is None
        else f"Bijstand gewijzigd: vanaf {datum_voluit(start)}"
    )
    if einde is not None:
        tekst += f" tot en met {datum_voluit(einde)}"
    registreer(traject, Gebeurtenis.Soort.ONTZORGEN, tekst, door)
    if ontzorgen is not None and (ontzorgen.start_bijstand, ontzorgen.einde_bijstand) != (
        start,
        einde,
    ):
        ontzorgen = Ontzorgen.objects.select_for_update().get(pk=ontzorgen.pk)
        oud_einde = ontzorgen.einddatum
        ontzorgen.start_bijstand, ontzorgen.einde_bijstand = start, einde
        ontzorgen.bereken()
        ontzorgen.save()
        werk_maanden_bij(ontzorgen)
        if ontzorgen.einddatum != oud_einde:
            reden = " omdat de bijstand stopt" if ontzorgen.vroeg_beeindigd else ""
            registreer(
                traject,
                Gebeurtenis.Soort.ONTZORGEN,
                f"Einde van financieel ontzorgen nu {datum_voluit(ontzorgen.einddatum)}{reden}",
                door,
            )
    return bijstand


def werk_maanden_bij(ontzorgen: Ontzorgen) -> None:
    """Months of the period exist, others are gone, ``compleet`` follows the payments."""
    verwacht = rules.betaalmaanden(ontzorgen.start_bijstand, ontzorgen.einddatum)
    OntzorgenMaand.objects.filter(ontzorgen=ontzorgen).exclude(maand__in=verwacht).delete()
    bestaand = {m.maand: m for m in OntzorgenMaand.objects.filter(ontzorgen=ontzorgen)}
    betaald: dict[date, set[str]] = {}
    for maand, post in ontzorgen.betalingen.values_list("maand", "post"):
        betaald.setdefault(maand, set()).add(post)
    posten = set(ontzorgen.posten)
    nieuw, gewijzigd = [], []
    for maand in verwacht:
        compleet = posten <= betaald.get(maand, set())
        rij = bestaand.get(maand)
        if rij is None:
            nieuw.append(
                OntzorgenMaand(
                    ontzorgen=ontzorgen,
                    traject_id=ontzorgen.traject_id,
                    maand=maand,
                    uiterlijk=rules.betaling_uiterlijk(maand),
                    compleet=compleet,
                )
            )
        elif rij.compleet != compleet:
            rij.compleet = compleet
            gewijzigd.append(rij)
    OntzorgenMaand.objects.bulk_create(nieuw)
    OntzorgenMaand.objects.bulk_update(gewijzigd, ["compleet"])


BETALING_VELDEN = ("maand", "post", "bedrag", "betaald_op", "begunstigde")


def betaling_fouten(
    ontzorgen: Ontzorgen, rij: dict, al_betaald: set, maxima: dict | None = None
) -> dict[str, str]:
    """What is wrong with one payment (fields of :data:`BETALING_VELDEN`), Dutch, B1.
    ``al_betaald`` holds the (maand, post) pairs registered already (and earlier rows);
    ``maxima`` the gemeente's highest plausible amounts."""
    fouten: dict[str, str] = {}
    maand, post = rij.get("maand"), rij.get("post")
    if maand is None:
        fouten["maand"] = "Vul de maand in waarvoor is betaald."
    else:
        maand = rules.maand_van(maand)
        maanden = rules.betaalmaanden(ontzorgen.start_bijstand, ontzorgen.einddatum)
        if maand not in maanden:
            fouten["maand"] = (
                f"De maand {maand:%m-%Y} valt niet in de periode van ontzorgen "
                f"({maanden[0]:%m-%Y} tot en met {maanden[-1]:%m-%Y})."
            )
    if post not in rules.POST_SLEUTELS:
        fouten["post"] = "Kies huur, energie_water of zorgverzekering."
    bedrag = rij.get("bedrag")
    if bedrag is None:
        fouten["bedrag"] = "Vul het bedrag in."
    elif post in rules.POST_SLEUTELS:
        fout = rules.bedrag_fout(post, bedrag, maxima)
        if fout:
            fouten["bedrag"] = fout
    betaald_op = rij.get("betaald_op")
    if betaald_op is None:
        fouten["betaald_op"] = "Vul de datum van betalen in."
    else:
        _niet_toekomst(fouten, "betaald_op", betaald_op)
        fout = rules.betaaldatum_fout(betaald_op, ontzorgen.start_bijstand)
        if fout and "betaald_op" not in fouten:
            fouten["betaald_op"] = fout
    begunstigde = (rij.get("begunstigde") or "").strip()
    if not begunstigde:
        fouten["begunstigde"] = "Vul in aan wie is betaald."
    _lengte(fouten, "begunstigde", begunstigde)
    if maand is not None and post in rules.POST_SLEUTELS and (maand, post) in al_betaald:
        naam = dict(rules.POSTEN)[post].lower()
        fouten["post"] = f"De {naam} van {maand:%m-%Y} staat al in het register."
    return fouten


def nieuwe_betaling_fouten(ontzorgen: Ontzorgen, rij: dict) -> dict[str, str]:
    """:func:`betaling_fouten` of one payment against the register as it is now, for the
    form; :func:`registreer_betalingen` checks again under the lock of ``ontzorgen``."""
    al_betaald = set(ontzorgen.betalingen.values_list("maand", "post"))
    maxima = Begeleidingsbeleid.voor(ontzorgen.gemeente_id).maxima
    return betaling_fouten(ontzorgen, rij, al_betaald, maxima)


def registreer_betalingen(
    ontzorgen: Ontzorgen,
    door,
    rijen: list[dict],
    bron: str = Betaling.Bron.HAND,
    *,
    batch: bool = False,
) -> list[Betaling]:
    """Register payments, all or nothing. Errors of a batch are keyed ``<index>.<veld>``."""
    fouten: dict[str, str] = {}
    with transaction.atomic():
        # Lock and re-read: the machtiging (which posts) may have changed meanwhile.
        ontzorgen = (
            Ontzorgen.objects.select_for_update().select_related("traject").get(pk=ontzorgen.pk)
        )
        al_betaald = set(ontzorgen.betalingen.values_list("maand", "post"))
        maxima = Begeleidingsbeleid.voor(ontzorgen.gemeente_id).maxima
        for index, rij in enumerate(rijen):
            rij_fouten = betaling_fouten(ontzorgen, rij, al_betaald, maxima)
            for veld, tekst in rij_fouten.items():
                fouten[f"{index}.{veld}" if batch else veld] = tekst
            if rij.get("maand") and rij.get("post"):
                al_betaald.add((rules.maand_van(rij["maand"]), rij["post"]))
        if not rijen:
            fouten["__all__"] = "Er staan geen betalingen in."
        if fouten:
            raise Weigering(fouten)
        betalingen = Betaling.objects.bulk_create(
            [
                Betaling(
                    ontzorgen=ontzorgen,
                    maand=rules.maand_van(r["maand"]),
                    post=r["post"],
                    bedrag=r["bedrag"],
                    betaald_op=r["betaald_op"],
                    begunstigde=r["begunstigde"].strip(),
                    bron=bron,
                    ingevoerd_door=door,
                )
                for r in rijen
            ]
        )
        werk_maanden_bij(ontzorgen)
        registreer(
            ontzorgen.traject,
            Gebeurtenis.Soort.ONTZORGEN,
            _betalingen_tekst(len(betalingen), bron),
            door,
        )
    return betalingen


def verwijder_betaling(betaling: Betaling, door) -> None:
    """Remove a payment registered by mistake; the month is no longer complete."""
    with transaction.atomic():
        ontzorgen = (
            Ontzorgen.objects.select_for_update()
            .select_related("traject")
            .get(pk=betaling.ontzorgen_id)
        )
        # No amounts on the timeline: the teamleider reads it and may not see finances.
        omschrijving = (
            f"Betaling verwijderd: {betaling.get_post_display().lower()} van {betaling.maand:%m-%Y}"
        )
        betaling.delete()
        werk_maanden_bij(ontzorgen)
        registreer(ontzorgen.traject, Gebeurtenis.Soort.ONTZORGEN, omschrijving, door)


def _betalingen_tekst(aantal: int, bron: str) -> str:
    wat = "1 betaling" if aantal == 1 else f"{aantal} betalingen"
    return f"{wat} geregistreerd" + (" (CSV-import)" if bron == Betaling.Bron.CSV else "")


# --- CSV import -------------------------------------------------------------------------

CSV_KOLOMMEN = ("bsn", "maand", "post", "bedrag", "betaald_op", "begunstigde")
CSV_MAX_BYTES = 1_000_000
CSV_MAX_REGELS = 5000
CSV_VOORBEELD = (
    "bsn;maand;post;bedrag;betaald_op;begunstigde\n"
    "999990010;2026-11;huur;612,50;2026-11-01;Wonen Weert\n"
    "999990010;2026-11;energie_water;145,00;2026-11-03;Energiebedrijf Zuid\n"
    "999990010;2026-11;zorgverzekering;138,20;2026-11-01;Zorgverzekeraar Limburg\n"
)


def _datum(tekst: str) -> date | None:
    for formaat in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(tekst, formaat).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None


def _maand(tekst: str) -> date | None:
    for formaat in ("%Y-%m", "%m-%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(tekst, formaat).date().replace(day=1)  # noqa: DTZ007
        except ValueError:
            continue
    return None


def _bedrag(tekst: str) -> Decimal | None:
    tekst = tekst.replace("€", "").replace(" ", "")
    if "," in tekst:
        tekst = tekst.replace(".", "").replace(",", ".")  # Dutch: 1.234,56
    try:
        bedrag = Decimal(tekst)
    except InvalidOperation:
        return None
    return bedrag if bedrag.is_finite() else None


def lees_csv(inhoud: bytes) -> list[dict]:
    """The rows of an uploaded file, parsed but not yet checked against the register. Raises
    Weigering for a file that cannot be read at all."""
    if len(inhoud) > CSV_MAX_BYTES:
        raise Weigering({"bestand": "Het bestand is te groot: hooguit 1 MB."})
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Weigering(
            {
                "bestand": "Het bestand is geen tekst in UTF-8. Sla het op als "
                "'CSV UTF-8' en probeer het opnieuw."
            }
        ) from None
    if "\x00" in tekst:
        raise Weigering({"bestand": "Dit is geen CSV-bestand."})
    eerste = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste.count(";") >= eerste.count(",") else ","
    lezer = csv.reader(io.StringIO(tekst), delimiter=scheiding)
    try:
        regels = list(lezer)
    except csv.Error:
        raise Weigering({"bestand": "Het bestand is geen geldig CSV-bestand."}) from None
    if not regels or [k.strip().lower() for k in regels[0]] != list(CSV_KOLOMMEN):
        raise Weigering(
            {
                "bestand": "De eerste regel moet precies deze kolommen hebben: "
                + ";".join(CSV_KOLOMMEN)
                + "."
            }
        )
    rijen = []
    for nummer, waarden in enumerate(regels[1:], start=2):
        if not any(w.strip() for w in waarden):
            continue  # empty line
        rijen.append({"regel": nummer, "waarden": [w.strip() for w in waarden]})
    if len(rijen) > CSV_MAX_REGELS:
        raise Weigering({"bestand": f"Het bestand heeft te veel regels: hooguit {CSV_MAX_REGELS}."})
    if not rijen:
        raise Weigering({"bestand": "Het bestand heeft geen betalingen."})
    return rijen


VELDNAMEN = {
    "maand": "maand",
    "post": "post",
    "bedrag": "bedrag",
    "betaald_op": "betaald op",
    "begunstigde": "begunstigde",
}


def importeer_csv(inhoud: bytes, ontzorgen_binnen_bereik, door) -> int:
    """Import a file of payments for the cases in ``ontzorgen_binnen_bereik`` (a queryset of
    Ontzorgen the user may fill). Every row is checked; one bad row and nothing is imported.
    Errors are keyed ``regel <n>`` with every problem of that row in one Dutch sentence list.
    Returns how many payments were imported."""
    rijen = lees_csv(inhoud)
    bsns = {r["waarden"][0] for r in rijen if r["waarden"] and r["waarden"][0].isdigit()}
    per_bsn: dict[str, Ontzorgen] = {}
    for o in (
        ontzorgen_binnen_bereik.filter(traject__inburgeraar__bsn__in=bsns)
        .select_related("traject__inburgeraar")
        .order_by("einddatum")
    ):
        per_bsn[o.traject.inburgeraar.bsn] = o  # the latest arrangement wins
    fouten: dict[str, str] = {}
    per_ontzorgen: dict[int, list[dict]] = {}
    al_betaald: dict[int, set] = {}
    maxima: dict[int, dict] = {}
    for rij in rijen:
        nummer, waarden = rij["regel"], rij["waarden"]
        sleutel = f"regel {nummer}"
        if len(waarden) != len(CSV_KOLOMMEN):
            fouten[sleutel] = (
                f"Regel {nummer}: er staan {len(waarden)} kolommen in, dat "
                f"moeten er {len(CSV_KOLOMMEN)} zijn."
            )
            continue
        bsn, maand, post, bedrag, betaald_op, begunstigde = waarden
        ontzorgen = per_bsn.get(bsn)
        if ontzorgen is None:
            fouten[sleutel] = (
                f"Regel {nummer}: bij BSN {bsn[:12]} is geen financieel "
                f"ontzorgen bekend dat u mag invullen."
            )
            continue
        if ontzorgen.pk not in al_betaald:
            al_betaald[ontzorgen.pk] = set(ontzorgen.betalingen.values_list("maand", "post"))
        gegevens = {
            "maand": _maand(maand),
            "post": post,
            "bedrag": _bedrag(bedrag),
            "betaald_op": _datum(betaald_op),
            "begunstigde": begunstigde,
        }
        if ontzorgen.gemeente_id not in maxima:
            maxima[ontzorgen.gemeente_id] = Begeleidingsbeleid.voor(ontzorgen.gemeente_id).maxima
        rij_fouten = betaling_fouten(
            ontzorgen, gegevens, al_betaald[ontzorgen.pk], maxima[ontzorgen.gemeente_id]
        )
        if maand and gegevens["maand"] is None:
            rij_fouten["maand"] = "Schrijf de maand als 2026-11 of 11-2026."
        if bedrag and gegevens["bedrag"] is None:
            rij_fouten["bedrag"] = "Het bedrag is geen getal. Schrijf bijvoorbeeld 612,50."
        if betaald_op and gegevens["betaald_op"] is None:
            rij_fouten["betaald_op"] = "Schrijf de datum als 2026-11-01 of 01-11-2026."
        if rij_fouten:
            fouten[sleutel] = f"Regel {nummer}: " + " ".join(
                f"{VELDNAMEN[veld].capitalize()}: {tekst}" for veld, tekst in rij_fouten.items()
            )
            continue
        al_betaald[ontzorgen.pk].add((gegevens["maand"], post))
        per_ontzorgen.setdefault(ontzorgen.pk, []).append(gegevens)
    if fouten:
        raise Weigering(fouten)
    ontzorgen_per_pk = {o.pk: o for o in per_bsn.values()}
    aantal = 0
    with transaction.atomic():
        for pk, betalingen in per_ontzorgen.items():
            aantal += len(
                registreer_betalingen(ontzorgen_per_pk[pk], door, betalingen, Betaling.Bron.CSV)
            )
    return aantal


# --- duale trajecten --------------------------------------------------------------------

DUAAL_VELDEN = (
    "werkgever",
    "functie",
    "start",
    "eind",
    "uren_per_week",
    "uren_gewerkt",
    "jobcoach",
    "buddy",
    "beschikking_nummer",
    "beschikking_datum",
    "toelichting",
)


def duaal_fouten(data: dict, duaal: DuaalTraject | None = None) -> dict[str, str]:
    """What is wrong with the input of :func:`bewaar_duaal` (a field left out keeps the value
    of ``duaal``), per field."""
    fouten: dict[str, str] = {}

    def waarde(veld):
        return data.get(veld, getattr(duaal, veld) if duaal else None)

    if not (waarde("werkgever") or "").strip():
        fouten["werkgever"] = "Vul de werkgever van de werkervaringsplaats in."
    if waarde("start") is None:
        fouten["start"] = "Vul de startdatum in."
    _volgorde(fouten, "eind", waarde("start"), waarde("eind"))
    uren = waarde("uren_per_week")
    if uren is None:
        fouten["uren_per_week"] = "Vul het aantal uren per week in."
    elif not 1 <= uren <= rules.UREN_PER_WEEK_MAX:
        fouten["uren_per_week"] = (
            f"Vul een aantal uren per week in van 1 tot en met {rules.UREN_PER_WEEK_MAX}."
        )
    gewerkt = waarde("uren_gewerkt")
    if gewerkt is not None and not 0 <= gewerkt <= rules.UREN_TOTAAL_MAX:
        fouten["uren_gewerkt"] = (
            f"Vul een aantal gewerkte uren in van 0 tot en met {rules.UREN_TOTAAL_MAX}."
        )
    _niet_toekomst(fouten, "beschikking_datum", waarde("beschikking_datum"))
    for veld in ("werkgever", "functie", "jobcoach", "buddy"):
        _lengte(fouten, veld, waarde(veld) or "")
    _lengte(fouten, "beschikking_nummer", waarde("beschikking_nummer") or "", 100)
    _lengte(fouten, "toelichting", waarde("toelichting") or "", 5000)
    return fouten


@transaction.atomic
def bewaar_duaal(
    traject: Traject, door, data: dict, duaal: DuaalTraject | None = None
) -> DuaalTraject:
    # Locked and read again: a case closed meanwhile is not written to.
    traject = vergrendel_open(traject, AFGEROND)
    fouten = duaal_fouten(data, duaal)
    if fouten:
        raise Weigering(fouten)
    nieuw = duaal is None
    duaal = duaal or DuaalTraject(traject=traject)
    neem_over(duaal, data, DUAAL_VELDEN)
    duaal.werkgever = duaal.werkgever.strip()
    duaal.save()
    registreer(
        traject,
        Gebeurtenis.Soort.BEGELEIDING,
        f"Werkervaringsplaats {'vastgelegd' if nieuw else 'gewijzigd'}: {duaal.werkgever}"[:500],
        door,
    )
    return duaal
