"""Write paths of the netwerk part. Every write runs in one transaction; bad input is refused
with a ``Weigering`` and nothing is saved. Steps on a case go on its timeline."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars.models import Gebeurtenis, Traject
from koers.inburgeraars.rules import datum_voluit
from koers.inburgeraars.services import registreer, vandaag, vergrendel_open
from koers.netwerk import rules
from koers.netwerk.models import (
    Ervaringsdeskundige,
    ErvaringsdeskundigeKoppeling,
    InstroomklasPlaatsing,
    InstroomklasWeek,
    Taalverwijzing,
    Tolk,
    Tolkboeking,
    Workshopdeelname,
)

NETWERK = Gebeurtenis.Soort.NETWERK
AFGEROND = "Dit traject is afgerond. U kunt hier niets meer aan toevoegen."
MAX_TALEN = 20
MAX_TAAL_LENGTE = 50


def _signalen_bijwerken(traject: Traject) -> None:
    """The instroomklas and tolk signals change with these writes: recompute the case's
    signals after the commit (koers.monitoring, "on change")."""
    from koers.monitoring.services import bereken_na_wijziging

    bereken_na_wijziging([traject.pk])


def _weiger(fouten: dict[str, str]) -> None:
    if fouten:
        raise Weigering(fouten)


def talen_fouten(talen) -> tuple[list[str], dict[str, str]]:
    """A clean list of languages (trimmed, without doubles) and what is wrong with it: a
    language or the list too long."""
    if isinstance(talen, str):
        talen = talen.split(",")
    schoon: list[str] = []
    for taal in talen or []:
        taal = " ".join(str(taal).split())
        if not taal:
            continue
        if len(taal) > MAX_TAAL_LENGTE:
            return schoon, {"talen": f"Een taal heeft hooguit {MAX_TAAL_LENGTE} tekens."}
        if rules.normaliseer_taal(taal) not in {rules.normaliseer_taal(t) for t in schoon}:
            schoon.append(taal)
    if len(schoon) > MAX_TALEN:
        return schoon, {"talen": f"Vul hooguit {MAX_TALEN} talen in."}
    return schoon, {}


# --- instroomklas -----------------------------------------------------------------------


def rooster_plaatsingen(gemeente, *, ook_beeindigd: bool = False):
    """The placements in the instroomklas of one gemeente (the caller chose it from the
    policy's reach), oldest start first, with the person's name in the same query."""
    qs = InstroomklasPlaatsing.objects.filter(gemeente=gemeente)
    if not ook_beeindigd:
        qs = qs.filter(einddatum=None)
    return qs.select_related("traject__inburgeraar").order_by("startdatum", "id")


def actieve_tolken(traject: Traject) -> list[Tolk]:
    """The tolken a case can book: the active ones of the case's own gemeente."""
    return list(Tolk.objects.filter(gemeente_id=traject.gemeente_id, actief=True))


def actieve_ervaringsdeskundigen(traject: Traject) -> list[Ervaringsdeskundige]:
    """The ervaringsdeskundigen a case can be linked to: the active ones of its gemeente."""
    return list(Ervaringsdeskundige.objects.filter(gemeente_id=traject.gemeente_id, actief=True))


def open_plaatsing(traject: Traject) -> InstroomklasPlaatsing | None:
    return traject.instroomklas_plaatsingen.filter(einddatum=None).first()


@transaction.atomic
def plaats_in_instroomklas(
    traject: Traject,
    door,
    *,
    startdatum: date | None,
    geplande_einddatum: date | None,
    toelichting: str = "",
) -> InstroomklasPlaatsing:
    vergrendel_open(traject, AFGEROND)
    _weiger(rules.plaatsing_fouten(startdatum, geplande_einddatum))
    if open_plaatsing(traject) is not None:
        raise Weigering(
            {
                "__all__": "Deze inburgeraar zit al in de instroomklas. Wijzig die "
                "plaatsing of beëindig hem eerst."
            }
        )
    # plaatsing_fouten refused the step when a date is missing.
    assert startdatum is not None and geplande_einddatum is not None
    plaatsing = InstroomklasPlaatsing.objects.create(
        traject=traject,
        gemeente_id=traject.gemeente_id,
        startdatum=startdatum,
        geplande_einddatum=geplande_einddatum,
        toelichting=toelichting or "",
    )
    registreer(
        traject,
        NETWERK,
        f"In de instroomklas vanaf {datum_voluit(startdatum)}, tot de "
        f"leerroute begint (verwacht {datum_voluit(geplande_einddatum)})",
        door,
    )
    _signalen_bijwerken(traject)
    return plaatsing


@transaction.atomic
def wijzig_plaatsing(
    plaatsing: InstroomklasPlaatsing,
    door,
    *,
    startdatum: date | None,
    geplande_einddatum: date | None,
    toelichting: str = "",
) -> InstroomklasPlaatsing:
    vergrendel_open(plaatsing.traject, AFGEROND)
    _weiger(rules.plaatsing_fouten(startdatum, geplande_einddatum, plaatsing.einddatum))
    # plaatsing_fouten refused the step when a date is missing.
    assert startdatum is not None and geplande_einddatum is not None
    plaatsing.startdatum = startdatum
    plaatsing.geplande_einddatum = geplande_einddatum
    plaatsing.toelichting = toelichting or ""
    plaatsing.save()
    registreer(plaatsing.traject, NETWERK, "Plaatsing in de instroomklas gewijzigd", door)
    _signalen_bijwerken(plaatsing.traject)
    return plaatsing


@transaction.atomic
def beeindig_plaatsing(traject: Traject, door, *, einddatum: date | None) -> InstroomklasPlaatsing:
    vergrendel_open(traject, AFGEROND)
    plaatsing = open_plaatsing(traject)
    if plaatsing is None:
        raise Weigering({"__all__": "Deze inburgeraar zit niet in de instroomklas."})
    if einddatum is None:
        raise Weigering({"einddatum": "Vul de laatste dag in de instroomklas in."})
    _weiger(rules.plaatsing_fouten(plaatsing.startdatum, plaatsing.geplande_einddatum, einddatum))
    if einddatum > vandaag():
        raise Weigering({"einddatum": "De einddatum kan niet in de toekomst liggen."})
    plaatsing.einddatum = einddatum
    plaatsing.save(update_fields=["einddatum"])
    registreer(traject, NETWERK, f"Instroomklas beëindigd op {datum_voluit(einddatum)}", door)
    _signalen_bijwerken(traject)
    return plaatsing


def _plaatsing_voor(traject: Traject, datum: date) -> InstroomklasPlaatsing:
    plaatsing = (
        open_plaatsing(traject) or traject.instroomklas_plaatsingen.order_by("-startdatum").first()
    )
    if plaatsing is None:
        raise Weigering({"__all__": "Deze inburgeraar zit niet in de instroomklas."})
    return plaatsing


@transaction.atomic
def registreer_aanwezigheid(
    traject: Traject,
    door,
    *,
    week: date | None,
    dagdelen_gepland: int | None,
    dagdelen_aanwezig: int | None,
) -> InstroomklasWeek:
    vergrendel_open(traject, AFGEROND)
    if week is None:
        raise Weigering({"week": "Vul een dag van de week in."})
    if dagdelen_gepland is None or dagdelen_aanwezig is None:
        raise Weigering(
            {
                k: "Vul het aantal dagdelen in."
                for k, v in (
                    ("dagdelen_gepland", dagdelen_gepland),
                    ("dagdelen_aanwezig", dagdelen_aanwezig),
                )
                if v is None
            }
        )
    plaatsing = _plaatsing_voor(traject, week)
    maandag = rules.week_van(week)
    fouten = rules.aanwezigheid_fouten(dagdelen_gepland, dagdelen_aanwezig)
    laatste = plaatsing.einddatum or vandaag()
    if maandag < rules.week_van(plaatsing.startdatum) or maandag > rules.week_van(laatste):
        fouten["week"] = "Deze week valt buiten de tijd in de instroomklas, of ligt in de toekomst."
    _weiger(fouten)
    regel, _nieuw = InstroomklasWeek.objects.update_or_create(
        plaatsing=plaatsing,
        week=maandag,
        defaults={"dagdelen_gepland": dagdelen_gepland, "dagdelen_aanwezig": dagdelen_aanwezig},
    )
    registreer(
        traject,
        NETWERK,
        f"Aanwezigheid instroomklas week van {datum_voluit(maandag)}: "
        f"{dagdelen_aanwezig} van {dagdelen_gepland} dagdelen",
        door,
    )
    return regel


def workshop_fouten(workshop: str | None, datum: date | None) -> dict[str, str]:
    """What keeps a workshop (:func:`registreer_workshop`) from being recorded, from the input
    alone: one of the list, on a day that has been. The placement and a workshop recorded
    before are the step's own checks."""
    fouten = {}
    if workshop not in rules.WORKSHOP_SLEUTELS:
        fouten["workshop"] = "Kies een workshop uit de lijst."
    if datum is None:
        fouten["datum"] = "Vul de datum van de workshop in."
    elif datum > vandaag():
        fouten["datum"] = "Vul een workshop in die al geweest is."
    return fouten


@transaction.atomic
def registreer_workshop(
    traject: Traject, door, *, workshop: str, datum: date | None
) -> Workshopdeelname:
    vergrendel_open(traject, AFGEROND)
    _weiger(workshop_fouten(workshop, datum))
    assert datum is not None  # refused above when missing
    plaatsing = _plaatsing_voor(traject, datum)
    if plaatsing.workshops.filter(workshop=workshop).exists():
        raise Weigering({"workshop": "Deze workshop staat er al."})
    deelname = Workshopdeelname.objects.create(plaatsing=plaatsing, workshop=workshop, datum=datum)
    registreer(traject, NETWERK, f"Workshop gevolgd: {deelname.get_workshop_display()}", door)
    return deelname


# --- tolken --------------------------------------------------------------------------------

TOLK_VELDEN = ("naam", "talen", "soort", "tarief_per_uur", "telefoon", "email", "actief")


def _naam_fouten(naam: str) -> dict[str, str]:
    return {} if (naam or "").strip() else {"naam": "Vul de naam in."}


def _register_waarden(bestaand, velden, data: dict) -> tuple[dict, dict[str, str]]:
    """The entry's values once ``data`` is applied (a field left out or None keeps its value),
    with the languages cleaned, and what is wrong with the languages."""
    waarden = {veld: getattr(bestaand, veld) for veld in velden}
    waarden.update({v: data[v] for v in velden if v in data and data[v] is not None})
    waarden["talen"], fouten = talen_fouten(waarden["talen"])
    return waarden, fouten


def _tolk_waarden(data: dict, tolk: Tolk | None) -> tuple[dict, dict[str, str]]:
    waarden, fouten = _register_waarden(tolk or Tolk(), TOLK_VELDEN, data)
    fouten.update(_naam_fouten(waarden["naam"]))
    if not waarden["talen"]:
        fouten.setdefault("talen", "Vul ten minste een taal in.")
    if waarden["soort"] not in rules.TolkSoort.__members__.values():
        fouten["soort"] = "Kies telefonisch, ter plaatse of video."
    tarief = waarden["tarief_per_uur"]
    fouten.update(rules.tarief_fouten(Decimal(tarief) if tarief is not None else None))
    return waarden, fouten


def tolk_fouten(data: dict, tolk: Tolk | None = None) -> dict[str, str]:
    """What keeps :func:`bewaar_tolk` from saving ``data``, per field."""
    return _tolk_waarden(data, tolk)[1]


@transaction.atomic
def bewaar_tolk(gemeente, door, data: dict, tolk: Tolk | None = None) -> Tolk:
    """Add a tolk to the gemeente's register, or change one (only the fields in ``data``)."""
    waarden, fouten = _tolk_waarden(data, tolk)
    _weiger(fouten)
    tolk = tolk or Tolk(gemeente=gemeente)
    for veld, waarde in waarden.items():
        setattr(tolk, veld, waarde)
    tolk.naam = tolk.naam.strip()
    tolk.save()
    return tolk


def voorgestelde_tolken(tolken, taal: str) -> list[Tolk]:
    """The active tolken who speak ``taal`` (the inburgeraar's ``tolk_taal``)."""
    return [t for t in tolken if t.actief and rules.spreekt(t.talen, taal)]


def boeking_fouten(
    traject: Traject,
    *,
    tolk: Tolk | None,
    gesprek: str,
    datum: date | None,
    duur_minuten: int | None,
    gesprek_omschrijving: str = "",
    voortgangsgesprek_id: int | None = None,
) -> dict[str, str]:
    """What keeps a tolk booking (:func:`boek_tolk`) from being made, per field."""
    fouten: dict[str, str] = {}
    if tolk is None or tolk.gemeente_id != traject.gemeente_id:
        fouten["tolk"] = "Kies een tolk uit het register van de gemeente van deze inburgeraar."
    elif not tolk.actief:
        fouten["tolk"] = "Deze tolk werkt niet meer voor de gemeente. Kies een andere tolk."
    if gesprek not in rules.GesprekSoort.__members__.values():
        fouten["gesprek"] = "Kies voor welk gesprek de tolk nodig is."
    elif gesprek == rules.GesprekSoort.OVERIG and not (gesprek_omschrijving or "").strip():
        fouten["gesprek_omschrijving"] = "Beschrijf kort om welk gesprek het gaat."
    if voortgangsgesprek_id is not None and gesprek != rules.GesprekSoort.VOORTGANGSGESPREK:
        fouten["voortgangsgesprek_id"] = "Vul dit alleen in bij een voortgangsgesprek."
    if datum is None:
        fouten["datum"] = "Vul de datum van het gesprek in."
    fouten.update(rules.duur_fouten(duur_minuten))
    return fouten


@transaction.atomic
def boek_tolk(
    traject: Traject,
    door,
    *,
    tolk: Tolk | None,
    gesprek: str,
    datum: date | None,
    duur_minuten: int | None,
    gesprek_omschrijving: str = "",
    voortgangsgesprek_id: int | None = None,
) -> Tolkboeking:
    vergrendel_open(traject, AFGEROND)
    _weiger(
        boeking_fouten(
            traject,
            tolk=tolk,
            gesprek=gesprek,
            datum=datum,
            duur_minuten=duur_minuten,
            gesprek_omschrijving=gesprek_omschrijving,
            voortgangsgesprek_id=voortgangsgesprek_id,
        )
    )
    # Each was refused above when missing (duur_fouten refuses a missing duration).
    assert tolk is not None and datum is not None and duur_minuten is not None
    status = rules.BoekingStatus.GEPLAND.value
    boeking = Tolkboeking.objects.create(
        traject=traject,
        tolk=tolk,
        gesprek=gesprek,
        gesprek_omschrijving=(gesprek_omschrijving or "").strip(),
        datum=datum,
        voortgangsgesprek_id=voortgangsgesprek_id,
        duur_minuten=duur_minuten,
        tarief_per_uur=tolk.tarief_per_uur,
        status=status,
        kosten=rules.kosten(tolk.tarief_per_uur, duur_minuten, status),
        door=door,
    )
    registreer(
        traject,
        NETWERK,
        f"Tolk {tolk.naam} geboekt voor "
        f"{boeking.get_gesprek_display().lower()} op "
        f"{datum_voluit(datum)}",
        door,
    )
    _signalen_bijwerken(traject)
    return boeking


def boeking_wijzigen_fouten(
    boeking: Tolkboeking, *, status: str | None, duur_minuten: int | None = None
) -> dict[str, str]:
    """What keeps :func:`wijzig_boeking` from giving the booking this status and duration."""
    fouten = {}
    if status is None or status not in rules.BoekingStatus.__members__.values():
        fouten["status"] = "Kies gepland, geweest of geannuleerd."
    else:
        fouten.update(
            rules.statuswijziging_fouten(boeking.status, status, boeking.datum, vandaag())
        )
    if duur_minuten is not None:
        if boeking.status != rules.BoekingStatus.GEPLAND:
            fouten.setdefault(
                "duur_minuten", "De duur van een afgesloten boeking kan niet meer veranderen."
            )
        fouten.update(rules.duur_fouten(duur_minuten))
    return fouten


@transaction.atomic
def wijzig_boeking(
    boeking: Tolkboeking, door, *, status: str, duur_minuten: int | None = None
) -> Tolkboeking:
    """Confirm that a booking took place (with the real duration) or cancel it."""
    vergrendel_open(boeking.traject, AFGEROND)
    fouten = boeking_wijzigen_fouten(boeking, status=status, duur_minuten=duur_minuten)
    _weiger(fouten)
    van = boeking.status
    boeking.status = status
    if duur_minuten is not None:
        boeking.duur_minuten = duur_minuten
    boeking.kosten = rules.kosten(boeking.tarief_per_uur, boeking.duur_minuten, status)
    boeking.save()
    if van != status:
        teksten: dict[str, str] = {
            rules.BoekingStatus.GEWEEST: "het gesprek is geweest",
            rules.BoekingStatus.GEANNULEERD: "geannuleerd",
        }
        wat = teksten.get(status, status)
        registreer(
            boeking.traject, NETWERK, f"Tolkboeking van {datum_voluit(boeking.datum)}: {wat}", door
        )
    _signalen_bijwerken(boeking.traject)
    return boeking


# --- ervaringsdeskundigen -------------------------------------------------------------------

ED_VELDEN = ("naam", "rollen", "talen", "telefoon", "email", "actief")


def _ervaringsdeskundige_waarden(
    data: dict, persoon: Ervaringsdeskundige | None
) -> tuple[dict, dict[str, str]]:
    data = dict(data)
    if "rollen" in data:
        data["rollen"] = list(dict.fromkeys(data["rollen"] or []))
    waarden, fouten = _register_waarden(persoon or Ervaringsdeskundige(), ED_VELDEN, data)
    fouten.update(_naam_fouten(waarden["naam"]))
    fouten.update(rules.rollen_fouten(waarden["rollen"]))
    return waarden, fouten


def ervaringsdeskundige_fouten(
    data: dict, persoon: Ervaringsdeskundige | None = None
) -> dict[str, str]:
    """What keeps :func:`bewaar_ervaringsdeskundige` from saving ``data``, per field."""
    return _ervaringsdeskundige_waarden(data, persoon)[1]


@transaction.atomic
def bewaar_ervaringsdeskundige(
    gemeente, door, data: dict, persoon: Ervaringsdeskundige | None = None
) -> Ervaringsdeskundige:
    waarden, fouten = _ervaringsdeskundige_waarden(data, persoon)
    _weiger(fouten)
    persoon = persoon or Ervaringsdeskundige(gemeente=gemeente)
    for veld, waarde in waarden.items():
        setattr(persoon, veld, waarde)
    persoon.naam = persoon.naam.strip()
    persoon.save()
    return persoon


def koppelen_fouten(
    traject: Traject,
    *,
    ervaringsdeskundige: Ervaringsdeskundige | None,
    rol: str | None,
    sinds: date | None,
) -> dict[str, str]:
    """What keeps :func:`koppel_ervaringsdeskundige` from linking, per field."""
    persoon = ervaringsdeskundige
    fouten = {}
    if persoon is None or persoon.gemeente_id != traject.gemeente_id:
        fouten["ervaringsdeskundige"] = (
            "Kies een ervaringsdeskundige uit het netwerk van de gemeente van deze inburgeraar."
        )
    elif not persoon.actief:
        fouten["ervaringsdeskundige"] = (
            "Deze ervaringsdeskundige doet niet meer mee. Kies een ander."
        )
    regel = rules.koppeling_fouten(rol or "", persoon.rollen if persoon else [], sinds)
    if persoon is None:
        regel.pop("rol", None)  # a role is checked against the person's roles
    fouten.update(regel)
    if (
        not fouten
        and traject.ervaringsdeskundigen.filter(
            ervaringsdeskundige=persoon, rol=rol, tot=None
        ).exists()
    ):
        fouten["rol"] = "Deze ervaringsdeskundige is al in deze rol gekoppeld."
    return fouten


@transaction.atomic
def koppel_ervaringsdeskundige(
    traject: Traject,
    door,
    *,
    ervaringsdeskundige: Ervaringsdeskundige | None,
    rol: str,
    sinds: date | None,
    toelichting: str = "",
) -> ErvaringsdeskundigeKoppeling:
    vergrendel_open(traject, AFGEROND)
    _weiger(koppelen_fouten(traject, ervaringsdeskundige=ervaringsdeskundige, rol=rol, sinds=sinds))
    # Each was refused above when missing.
    persoon = ervaringsdeskundige
    assert persoon is not None and sinds is not None
    koppeling = ErvaringsdeskundigeKoppeling.objects.create(
        traject=traject,
        ervaringsdeskundige=persoon,
        rol=rol,
        sinds=sinds,
        toelichting=toelichting or "",
    )
    registreer(
        traject,
        NETWERK,
        f"Ervaringsdeskundige {persoon.naam} gekoppeld als {koppeling.get_rol_display().lower()}",
        door,
    )
    return koppeling


@transaction.atomic
def beeindig_koppeling(
    koppeling: ErvaringsdeskundigeKoppeling, door, *, tot: date | None
) -> ErvaringsdeskundigeKoppeling:
    vergrendel_open(koppeling.traject, AFGEROND)
    if koppeling.tot is not None:
        raise Weigering({"__all__": "Deze koppeling is al beëindigd."})
    if tot is None:
        raise Weigering({"tot": "Vul de einddatum in."})
    fouten = rules.koppeling_fouten(koppeling.rol, [koppeling.rol], koppeling.sinds, tot)
    _weiger(fouten)
    koppeling.tot = tot
    koppeling.save(update_fields=["tot"])
    registreer(
        koppeling.traject,
        NETWERK,
        f"Koppeling met ervaringsdeskundige {koppeling.ervaringsdeskundige.naam} beëindigd",
        door,
    )
    return koppeling


# --- informele taalondersteuning ------------------------------------------------------------

VERWIJZING_VELDEN = (
    "soort",
    "organisatie",
    "datum",
    "status",
    "uren_per_week",
    "uren_totaal",
    "toelichting",
)


def _verwijzing_waarden(data: dict, verwijzing: Taalverwijzing) -> dict:
    """The referral's fields once ``data`` is applied: a field left out keeps its value, an
    empty text is "" and an empty status keeps the one it had."""
    waarden = {veld: getattr(verwijzing, veld) for veld in VERWIJZING_VELDEN}
    for veld in VERWIJZING_VELDEN:
        if veld not in data:
            continue
        waarde = data[veld]
        if waarde is None and veld in ("organisatie", "toelichting"):
            waarde = ""
        if waarde is None and veld == "status":
            continue
        waarden[veld] = waarde
    return waarden


def _verwijzing_fouten(waarden: dict) -> dict[str, str]:
    fouten = {}
    if waarden["soort"] not in rules.TaalSoort.__members__.values():
        fouten["soort"] = "Kies het soort taalondersteuning."
    else:
        fouten.update(rules.verwijzing_fouten(waarden["soort"], waarden["organisatie"]))
    if waarden["status"] not in rules.VerwijzingStatus.__members__.values():
        fouten["status"] = "Kies een status uit de lijst."
    if waarden["datum"] is None:
        fouten["datum"] = "Vul de datum van de verwijzing in."
    elif waarden["datum"] > vandaag():
        fouten["datum"] = "De datum van de verwijzing kan niet in de toekomst liggen."
    fouten.update(rules.uren_fouten(waarden["uren_per_week"], waarden["uren_totaal"]))
    return fouten


def verwijzen_fouten(data: dict, verwijzing: Taalverwijzing | None = None) -> dict[str, str]:
    """What keeps :func:`bewaar_verwijzing` from saving ``data`` (on ``verwijzing``, or a new
    referral), per field."""
    return _verwijzing_fouten(_verwijzing_waarden(data, verwijzing or Taalverwijzing()))


@transaction.atomic
def bewaar_verwijzing(
    traject: Traject, door, data: dict, verwijzing: Taalverwijzing | None = None
) -> Taalverwijzing:
    """Refer the inburgeraar to informele taalondersteuning, or update the referral (status,
    hours)."""
    vergrendel_open(traject, AFGEROND)
    nieuw = verwijzing is None
    verwijzing = verwijzing or Taalverwijzing(traject=traject)
    waarden = _verwijzing_waarden(data, verwijzing)
    _weiger(_verwijzing_fouten(waarden))
    for veld, waarde in waarden.items():
        setattr(verwijzing, veld, waarde)
    verwijzing.organisatie = verwijzing.organisatie.strip()
    verwijzing.save()
    naam = verwijzing.organisatie or verwijzing.get_soort_display()
    if nieuw:
        registreer(traject, NETWERK, f"Verwezen naar informele taalondersteuning: {naam}", door)
    else:
        registreer(
            traject,
            NETWERK,
            f"Informele taalondersteuning bij {naam} bijgewerkt "
            f"({verwijzing.get_status_display().lower()})",
            door,
        )
    return verwijzing
