"""Write paths for inburgeraar and traject: each action does its whole change in one
transaction, including the timeline entry. Views and API call these; they never write the
models directly."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars import rules, signals
from koers.inburgeraars.models import (
    REDEN_CHOICES,
    STATUS_CHOICES,
    Doelgroepperiode,
    Gebeurtenis,
    Inburgeraar,
    Traject,
)

AFGEROND = "Dit traject is afgerond."


def vergrendel(traject: Traject, *select_related: str) -> Traject:
    """The traject read again with its row locked until the transaction ends, so two writes
    to one case cannot both pass their checks on the same old state. Call it inside
    ``transaction.atomic``."""
    qs = Traject.objects.select_for_update()
    if select_related:
        qs = qs.select_related(*select_related)
    return qs.get(pk=traject.pk)


def weiger_als_afgerond(traject: Traject, melding: str = AFGEROND) -> None:
    """A closed case no longer changes: refuse with ``melding`` (each app says in its own
    words what no longer can)."""
    if not traject.is_open:
        raise Weigering({"__all__": melding})


def vergrendel_open(
    traject: Traject, melding: str = AFGEROND, *, select_related: tuple[str, ...] = ()
) -> Traject:
    """The locked, fresh traject (:func:`vergrendel`), refused when the case is closed."""
    traject = vergrendel(traject, *select_related)
    weiger_als_afgerond(traject, melding)
    return traject


def neem_over(instance, data: dict, velden) -> None:
    """Copy the given ``velden`` present in ``data`` onto a model instance; ``None`` for a
    column that cannot be null means "empty" (its default), as forms and JSON both send it."""
    for veld in velden:
        if veld in data:
            waarde = data[veld]
            field = instance._meta.get_field(veld)
            if waarde is None and not field.null:
                waarde = field.get_default()
            setattr(instance, veld, waarde)


def registreer(traject: Traject, soort: str, omschrijving: str, door=None, **extra) -> Gebeurtenis:
    """A step on the case's timeline. Every change of a case passes here, so this is also
    where the case's signals are told to follow ("on change")."""
    gebeurtenis = Gebeurtenis.objects.create(
        traject=traject, soort=soort, omschrijving=omschrijving, door=door, **extra
    )
    _log_wijziging(traject, soort, door)
    if soort in rules.UITVOERING_STAPPEN and traject.status == rules.Status.PIP_VASTGESTELD:
        zorg_voor_status(traject, rules.Status.IN_UITVOERING, door)
    signals.traject_gewijzigd.send(sender=Gebeurtenis, traject=traject, wat=signals.GEBEURTENIS)
    return gebeurtenis


def _log_wijziging(traject: Traject, soort: str, door) -> None:
    """Every change is logged in the verwerkingenlogging, in the change's own transaction
    ; the section follows the timeline soort, the channel the request."""
    from koers.toegang.policy import GEBEURTENIS_SECTIES, Sectie
    from koers.verwerkingen import rules as log_rules
    from koers.verwerkingen.services import log_wijzigen

    standaard = Sectie.PERSONALIA if soort in ("aangemeld", "gegevens") else Sectie.TRAJECT
    sectie = GEBEURTENIS_SECTIES.get(soort, standaard)
    activiteit = log_rules.ACTIVITEIT_DUO if soort == "duo" else log_rules.ACTIVITEIT_WIJZIGEN
    log_wijzigen(door, traject, [sectie], activiteit=activiteit)


PERSOON_VELDEN = (
    "bsn",
    "vnummer",
    "voornamen",
    "geslachtsnaam",
    "geboortedatum",
    "telefoon",
    "email",
    "adres",
    "postcode_plaats",
    "talen",
    "tolk_nodig",
    "tolk_taal",
    "doelgroep",
    "turkse_nieuwkomer",
    "vestigingsdatum",
)
# What a registration cannot do without: the person's identity and DUO's doelgroep (on which
# the doelgroepindeling, ontzorgen and the PIP rules depend).
VERPLICHT_BIJ_AANMELDEN = ("bsn", "voornamen", "geslachtsnaam", "geboortedatum", "doelgroep")
TRAJECT_VELDEN = ("datum_start_plicht", "datum_start_pip_termijn", "derde_informatie_ontvangen")


def _persoon_fouten(data: dict) -> dict[str, str]:
    fouten = {}
    if "bsn" in data and not rules.is_valid_bsn(str(data["bsn"])):
        fouten["bsn"] = "Dit is geen geldig BSN: 9 cijfers die de elfproef doorstaan."
    if data.get("vnummer") and not rules.is_valid_vnummer(str(data["vnummer"])):
        fouten["vnummer"] = "Een V-nummer heeft 10 cijfers."
    if "doelgroep" in data and data["doelgroep"] not in rules.Doelgroep.__members__.values():
        fouten["doelgroep"] = "Kies een doelgroep zoals DUO die kent."
    return fouten


def _datum_fouten(data: dict, inburgeraar: Inburgeraar | None = None) -> dict[str, str]:
    """The plausibility windows of koers.inburgeraars.rules for the dates a person or his
    traject is registered with. On a change only a date that changes is checked: an old value
    DUO or a former system gave does not block correcting something else."""
    traject = inburgeraar.huidig_traject if inburgeraar is not None else None

    def nieuw(veld):
        waarde = data.get(veld)
        if waarde is None:
            return None
        bron = inburgeraar if veld in PERSOON_VELDEN else traject
        return None if bron is not None and getattr(bron, veld) == waarde else waarde

    dag = vandaag()
    plicht_start = data.get(
        "datum_start_plicht", traject.datum_start_plicht if traject is not None else None
    )
    fouten = {}
    controles = {
        "geboortedatum": lambda d: rules.geboortedatum_fout(d, dag),
        "vestigingsdatum": lambda d: rules.vestigingsdatum_fout(d, dag),
        "datum_start_plicht": lambda d: rules.plicht_start_fout(d, dag),
        "datum_start_pip_termijn": lambda d: rules.uitvoering_datum_fout(d, dag, plicht_start),
        "derde_informatie_ontvangen": lambda d: rules.uitvoering_datum_fout(d, dag, plicht_start),
    }
    for veld, controle in controles.items():
        waarde = nieuw(veld)
        if isinstance(waarde, date) and (fout := controle(waarde)):
            fouten[veld] = fout
    return fouten


def aanmelding_fouten(data: dict) -> dict[str, str]:
    """What keeps a person from being registered (:func:`meld_aan`), per field: the BSN's
    elfproef, the V-nummer, DUO's doelgroepen, the dates' windows, the required data, a BSN
    Koers knows already. The write path checks again (and the database's unique BSN)."""
    fouten = _persoon_fouten(data) | _datum_fouten(data)
    for veld in VERPLICHT_BIJ_AANMELDEN:
        if data.get(veld) in (None, "") and veld not in fouten:
            fouten[veld] = "Vul dit gegeven in."
    if Inburgeraar.objects.filter(bsn=data.get("bsn")).exists():
        fouten["bsn"] = "Er is al een inburgeraar met dit BSN."
    return fouten


@transaction.atomic
def meld_aan(*, gemeente, door, adviseur=None, **data) -> Inburgeraar:
    """Register a new inburgeraar with his first traject (status aangemeld)."""
    fouten = aanmelding_fouten(data)
    if fouten:
        raise Weigering(fouten)
    persoon = {k: v for k, v in data.items() if k in PERSOON_VELDEN}
    traject_data = {k: v for k, v in data.items() if k in TRAJECT_VELDEN}
    try:
        with transaction.atomic():
            inburgeraar = Inburgeraar.objects.create(gemeente=gemeente, **persoon)
    except IntegrityError:
        raise Weigering({"bsn": "Er is al een inburgeraar met dit BSN."}) from None
    open_traject(
        inburgeraar,
        gemeente=gemeente,
        door=door,
        adviseur=adviseur,
        omschrijving="Aangemeld bij de gemeente " + gemeente.naam,
        **traject_data,
    )
    return inburgeraar


def open_traject(
    inburgeraar: Inburgeraar, *, gemeente, door, omschrijving: str, adviseur=None, **traject_data
) -> Traject:
    """Open a traject for a known person and make it his current one (aanmelding by the
    gemeente, or a plicht DUO announces). Call inside the caller's transaction."""
    traject = Traject(inburgeraar=inburgeraar, gemeente=gemeente, adviseur=adviseur, **traject_data)
    traject.herbereken_deadlines()
    traject.save()
    inburgeraar.huidig_traject = traject
    inburgeraar.save(update_fields=["huidig_traject"])
    registreer(traject, Gebeurtenis.Soort.AANGEMELD, omschrijving, door, naar_status=traject.status)
    if adviseur is not None:
        _meld_contactpersoon(traject)
    return traject


@transaction.atomic
def meld_aan_door_duo(*, bsn: str, vnummer: str, gemeente, doelgroep: str) -> Inburgeraar:
    """A person DUO announces but Koers does not know. DUO sends no name or date of birth and
    Koers makes none up: the person is marked to be completed from the BRP."""
    fouten = _persoon_fouten({"bsn": bsn, "vnummer": vnummer, "doelgroep": doelgroep})
    if fouten:
        raise Weigering(fouten)
    return Inburgeraar.objects.create(
        bsn=bsn,
        vnummer=vnummer,
        voornamen="",
        geslachtsnaam="",
        geboortedatum=None,
        gemeente=gemeente,
        doelgroep=doelgroep,
        persoonsgegevens_aanvullen=True,
    )


def gegevens_fouten(inburgeraar: Inburgeraar, data: dict, *, datums: bool = True) -> dict[str, str]:
    """What keeps a change of a person's data (:func:`wijzig_gegevens`) from being saved, per
    field; ``datums=False`` leaves out the plausibility windows of the dates."""
    fouten = _persoon_fouten(data)
    if datums:
        fouten |= _datum_fouten(data, inburgeraar)
    if (
        "bsn" in data
        and Inburgeraar.objects.filter(bsn=data["bsn"]).exclude(pk=inburgeraar.pk).exists()
    ):
        fouten["bsn"] = "Er is al een inburgeraar met dit BSN."
    return fouten


@transaction.atomic
def wijzig_gegevens(inburgeraar: Inburgeraar, door, **data) -> Inburgeraar:
    """Change a person's data. ``door=None`` is DUO's own answer (koers.duo.handlers): its
    dates are DUO's registration, not typing, so the plausibility windows do not apply."""
    fouten = gegevens_fouten(inburgeraar, data, datums=door is not None)
    if fouten:
        raise Weigering(fouten)
    gewijzigd = []
    for key, value in data.items():
        if key in PERSOON_VELDEN and getattr(inburgeraar, key) != value:
            setattr(inburgeraar, key, value)
            gewijzigd.append(key)
    inburgeraar.save()
    traject = inburgeraar.huidig_traject
    if traject is not None:
        for key, value in data.items():
            if key in TRAJECT_VELDEN and getattr(traject, key) != value:
                setattr(traject, key, value)
                gewijzigd.append(key)
        traject.herbereken_deadlines()
        traject.save()
        if gewijzigd:
            # Field names only: the timeline must not copy personal data around.
            registreer(
                traject,
                Gebeurtenis.Soort.GEGEVENS,
                "Gegevens gewijzigd: " + ", ".join(sorted(gewijzigd)),
                door,
            )
    return inburgeraar


@transaction.atomic
def neem_doelgroep_over_van_duo(
    inburgeraar: Inburgeraar, *, doelgroep: dict | None, historie: list | None
) -> list[str]:
    """Store DUO's Doelgroep (indeling, gedetailleerdeDoelgroep, asielrechten) and replace the
    Doelgroepperioden by DUO's Doelgroephistorie. DUO's indeling wins over Koers' derivation
    (API Inburgeringsplicht, schema Doelgroep). Returns what changed, in Dutch, for the
    caller's timeline entry; values DUO does not define are ignored, never stored."""
    wijzigingen: list[str] = []
    doelgroep = doelgroep or {}
    detail = doelgroep.get("gedetailleerdeDoelgroep")
    if detail in rules.Doelgroep.__members__.values() and inburgeraar.doelgroep != detail:
        wijzigingen.append(f"doelgroep {inburgeraar.doelgroep or 'onbekend'} → {detail}")
        inburgeraar.doelgroep = str(detail)
    indeling = doelgroep.get("indeling")
    if indeling in rules.Doelgroepindeling.__members__.values():
        if inburgeraar.doelgroepindeling != indeling:
            wijzigingen.append(
                f"indeling {inburgeraar.doelgroepindeling or 'onbekend'} → {indeling}"
            )
        if not inburgeraar.doelgroepindeling_van_duo:
            wijzigingen.append("indeling bevestigd door DUO")
        inburgeraar.doelgroepindeling = str(indeling)
        inburgeraar.doelgroepindeling_van_duo = True
    asielrechten = doelgroep.get("asielrechtenWijzigingVerblijfsdoel") or ""
    if (
        asielrechten in ("", *rules.AsielrechtenWijziging.__members__.values())
        and "indeling" in doelgroep
        and inburgeraar.asielrechten_wijziging_verblijfsdoel != asielrechten
    ):
        wijzigingen.append(f"asielrechten: {asielrechten or 'geen'}")
        inburgeraar.asielrechten_wijziging_verblijfsdoel = asielrechten
    if wijzigingen:
        inburgeraar.save()
    if historie is not None:
        perioden = [
            (p.get("indeling"), _iso(p.get("begindatum")), _iso(p.get("einddatum")))
            for p in historie
            if isinstance(p, dict)
            and p.get("indeling") in rules.Doelgroepindeling.__members__.values()
        ]
        huidig = list(
            inburgeraar.doelgroepperioden.order_by("begindatum", "id").values_list(
                "indeling", "begindatum", "einddatum"
            )
        )
        if sorted(perioden, key=_periode_sleutel) != huidig:
            inburgeraar.doelgroepperioden.all().delete()
            Doelgroepperiode.objects.bulk_create(
                [
                    Doelgroepperiode(
                        inburgeraar=inburgeraar, indeling=str(i), begindatum=b, einddatum=e
                    )
                    for i, b, e in sorted(perioden, key=_periode_sleutel)
                ]
            )
            wijzigingen.append("doelgroephistorie bijgewerkt")
    return wijzigingen


def _iso(waarde):
    try:
        return date.fromisoformat(waarde) if waarde else None
    except (TypeError, ValueError):
        return None


def _periode_sleutel(periode):
    return (periode[1] or date.min, periode[2] or date.max)


@transaction.atomic
def neem_ontheffing_over_van_duo(inburgeraar: Inburgeraar, ontheffingen: list | None) -> str | None:
    """Store the participation hours of DUO's granted partial ontheffing (API Ontheffing,
    GedeeltelijkeOntheffing.urenBelastbaarheidParticipatieactiviteit: 0 = no participation,
    >0 = at most that many hours); empty when DUO granted none with hours. The most recent
    granted decision counts. Returns a Dutch line for the timeline when it changed; the line
    never holds the hours: they follow from a medical or biological ground, health data that
    only who may see Sectie.GEZONDHEID reads (the case page and the API show them there)."""
    uren = rules.uren_belastbaarheid(ontheffingen or [])
    if inburgeraar.uren_belastbaarheid_participatie == uren:
        return None
    inburgeraar.uren_belastbaarheid_participatie = uren
    inburgeraar.save(update_fields=["uren_belastbaarheid_participatie"])
    return "uren participatie bij gedeeltelijke ontheffing bijgewerkt"


@transaction.atomic
def neem_gratis_pogingen_over_van_duo(inburgeraar: Inburgeraar, pogingen: list | None) -> bool:
    """Store DUO's free exam attempts per onderdeel (API Examen, GratisPogingTegoed)."""
    lijst = sorted(
        (
            {"onderdeel": p["onderdeel"], "gratisPogingenTegoed": int(p["gratisPogingenTegoed"])}
            for p in pogingen or []
            if isinstance(p, dict)
            and p.get("onderdeel")
            and isinstance(p.get("gratisPogingenTegoed"), int)
        ),
        key=lambda p: (
            rules.EXAMENONDERDELEN.index(p["onderdeel"])
            if p["onderdeel"] in rules.EXAMENONDERDELEN
            else 99
        ),
    )
    inburgeraar.gratis_examenpogingen_op = timezone.now()
    gewijzigd = inburgeraar.gratis_examenpogingen != lijst
    inburgeraar.gratis_examenpogingen = lijst
    inburgeraar.save(update_fields=["gratis_examenpogingen", "gratis_examenpogingen_op"])
    return gewijzigd


@transaction.atomic
def wijzig_status(
    traject: Traject, nieuw: str, door, *, reden: str = "", toelichting: str = ""
) -> Traject:
    """Move the traject to another status if the lifecycle rule allows it. The caller's
    instance is updated too, so it never holds a stale status."""
    gegeven = traject
    traject = vergrendel(traject)
    fouten = rules.transition_errors(traject.status, nieuw, reden or None)
    if fouten:
        raise Weigering({"status": " ".join(fouten)})
    oud = traject.status
    traject.status = nieuw
    traject.afrondingsreden = reden if nieuw == rules.Status.AFGEROND else ""
    traject.herbereken_deadlines()
    traject.save()
    label = dict(STATUS_CHOICES)[nieuw]
    omschrijving = f"Status: {label}"
    if reden:
        omschrijving += f" ({dict(REDEN_CHOICES)[reden]})"
    registreer(
        traject,
        Gebeurtenis.Soort.STATUS,
        omschrijving,
        door,
        van_status=oud,
        naar_status=nieuw,
        toelichting=toelichting,
    )
    for veld in ("status", "afrondingsreden", "pip_uiterlijk", "volgende_deadline"):
        setattr(gegeven, veld, getattr(traject, veld))
    return traject


def zorg_voor_status(traject: Traject, minimaal: str, door) -> Traject:
    """Move forward to ``minimaal`` when the traject is still before it (e.g. the first save
    of an intake moves aangemeld → brede intake)."""
    traject.refresh_from_db(fields=["status"])
    volgorde = list(rules.Status)
    if volgorde.index(rules.Status(traject.status)) < volgorde.index(rules.Status(minimaal)):
        return wijzig_status(traject, minimaal, door)
    return traject


@transaction.atomic
def wijs_adviseur_toe(traject: Traject, adviseur, door) -> Traject:
    """Assign (or with ``None`` un-assign) the case's adviseur. Who may be chosen is decided
    by koers.toegang.policy.adviseurs_voor; this refuses anyone without the adviseur role."""
    if adviseur is not None and (not adviseur.is_active or not adviseur.heeft_rol("adviseur")):
        raise Weigering({"adviseur": "Kies een actieve adviseur inburgering."})
    traject.adviseur = adviseur
    traject.save(update_fields=["adviseur", "gewijzigd_op"])
    naam = adviseur.weergavenaam if adviseur else "niemand"
    registreer(traject, Gebeurtenis.Soort.ADVISEUR, f"Adviseur: {naam}", door)
    _meld_contactpersoon(traject)
    return traject


@transaction.atomic
def wijs_zaken_toe(trajecten, adviseur, door) -> list[Traject]:
    """Assign several cases to one adviseur at once (the teamleider's werkvoorraad): each
    case through :func:`wijs_adviseur_toe`, locked, all in one transaction, so a refusal
    leaves every case as it was. The caller passes only cases within the user's reach
    (koers.toegang.policy) and an adviseur from ``policy.adviseurs_voor``. A closed case
    is refused: its adviseur no longer changes."""
    gedaan = []
    for traject in sorted(trajecten, key=lambda t: t.pk):  # one lock order: no deadlocks
        traject = vergrendel_open(traject, "Een afgerond traject krijgt geen andere adviseur meer.")
        gedaan.append(wijs_adviseur_toe(traject, adviseur, door))
    return gedaan


def _meld_contactpersoon(traject: Traject) -> None:
    """The assigned adviseur becomes the person's contactpersoon at DUO (RULES.md
    "Contactpersoon"), queued in the caller's transaction by koers.duo's receiver."""
    signals.traject_gewijzigd.send(sender=Traject, traject=traject, wat=signals.ADVISEUR)


# Intake answers that mean the leerbaarheidstoets was taken ("Onbekend" is what the adviseur
# fills in when it was not: koers.intake.rules.ontbrekend).
LBT_GEMAAKT = ("B1-route haalbaar", "B1-route niet haalbaar")


def lbt_overslaan_fouten(
    traject: Traject, grond: str, toelichting: str, datum: date | None
) -> dict[str, str]:
    """What keeps the decision not to take the leerbaarheidstoets from being recorded for
    this traject as it is now (rules.lbt_overslaan_fouten); :func:`sla_lbt_over` checks
    again under the case's lock."""
    return rules.lbt_overslaan_fouten(
        grond,
        toelichting,
        datum=datum,
        vandaag=vandaag(),
        lbt_uitslag_bekend=Traject.objects.filter(
            pk=traject.pk, intake__lbt_uitslag__in=LBT_GEMAAKT
        ).exists(),
        pip_vastgesteld=traject.status not in (rules.Status.AANGEMELD, rules.Status.BREDE_INTAKE),
        al_overgeslagen=traject.lbt_overgeslagen_op is not None,
        traject_open=traject.is_open,
    )


def sla_lbt_over(
    traject: Traject, door, *, grond: str, toelichting: str, datum: date | None = None
) -> Traject:
    """Record the gemeente's decision not to take the leerbaarheidstoets, with its reason, date
    and who took it (koers.inburgeraars.rules.lbt_overslaan_fouten), and report it to DUO.

    DUO learns it from ``DELETE /personen/{bsn}/lbt/examennummer`` (API Leerbaarheidstoets:
    "de leerbaarheidstoets is overgeslagen"), queued by koers.duo on the
    ``traject_gewijzigd`` signal (``LBT_OVERGESLAGEN``) in this same transaction: the decision
    and its report are stored together or not at all. Only when DUO gave Koers an examennummer
    is there something to withdraw; without one the decision is recorded for the intake only.
    Raises Weigering with Dutch field errors; nothing is saved then.
    """
    datum = vandaag() if datum is None else datum
    with transaction.atomic():
        traject = vergrendel(traject, "inburgeraar")
        fouten = lbt_overslaan_fouten(traject, grond, toelichting, datum)
        if fouten:
            raise Weigering(fouten)
        traject.lbt_overgeslagen_grond = grond
        traject.lbt_overgeslagen_toelichting = toelichting.strip()
        traject.lbt_overgeslagen_op = datum
        traject.lbt_overgeslagen_door = door
        traject.save(
            update_fields=[
                "lbt_overgeslagen_grond",
                "lbt_overgeslagen_toelichting",
                "lbt_overgeslagen_op",
                "lbt_overgeslagen_door",
                "gewijzigd_op",
            ]
        )
        # The reason's free text may name a health matter: the timeline keeps only the ground.
        registreer(
            traject,
            Gebeurtenis.Soort.INTAKE_OPGESLAGEN,
            "Besluit: de leerbaarheidstoets is niet nodig ("
            + rules.LBT_OVERSLAAN_GRONDEN[rules.LbtOverslaanGrond(grond)].split(" (")[0]
            + ")",
            door,
        )
        signals.traject_gewijzigd.send(
            sender=Traject, traject=traject, wat=signals.LBT_OVERGESLAGEN
        )
    return traject


def vandaag():
    return timezone.localdate()


def pauzeer_klok(traject: Traject, van: date) -> None:
    """DUO's tijdelijke vrijstelling (SS109) from ``van``: the case's clocks stand still and
    whoever plans by them hears it (the ``traject_gewijzigd`` signal)."""
    traject.gepauzeerd_sinds = van
    traject.save(update_fields=["gepauzeerd_sinds", "gewijzigd_op"])
    signals.traject_gewijzigd.send(sender=Traject, traject=traject, wat=signals.PAUZE, van=van)


def hervat_klok(traject: Traject, tot: date) -> None:
    """The vrijstelling ends on ``tot``: the PIP clock runs on with the days that were left,
    the deadlines follow, and the planners hear it."""
    van = traject.gepauzeerd_sinds
    if van is None:
        return
    traject.datum_start_pip_termijn = rules.klok_na_pauze(traject.datum_start_pip_termijn, van, tot)
    traject.derde_informatie_ontvangen = rules.klok_na_pauze(
        traject.derde_informatie_ontvangen, van, tot
    )
    traject.gepauzeerd_sinds = None
    traject.herbereken_deadlines()
    traject.save(
        update_fields=[
            "gepauzeerd_sinds",
            "datum_start_pip_termijn",
            "derde_informatie_ontvangen",
            "pip_uiterlijk",
            "volgende_deadline",
            "gewijzigd_op",
        ]
    )
    signals.traject_gewijzigd.send(
        sender=Traject, traject=traject, wat=signals.HERVAT, van=van, tot=tot
    )
