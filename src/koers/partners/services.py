"""Write paths of the ketenpartners. Every write runs in one transaction and goes on the
case's timeline (soort "verwijzing", shown to who may see the VERWIJZINGEN section, and
logged in the verwerkingenlogging under that section by ``registreer``); bad
input is refused with a ``Weigering`` (Dutch text per field) and nothing is saved. Who may
do what on a referral is checked here as well as in the views: the adviseur refers and may
take a referral back, only a user of the partner organisation answers, reports and closes.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars.models import Gebeurtenis, Traject
from koers.inburgeraars.services import registreer, vandaag, vergrendel, weiger_als_afgerond
from koers.organisaties.models import Organisatie
from koers.partners import rules
from koers.partners.models import Partnerprofiel, Taakverdeling, Verwijzing, Voortgang
from koers.toegang import policy
from koers.toegang.policy import Actie

SOORT = Gebeurtenis.Soort.VERWIJZING  # shown with the VERWIJZINGEN section
S = rules.Status
NIET_UW_ORGANISATIE = "Deze verwijzing is niet voor uw organisatie."
MAX_TEKST = 2000


def _tekst(waarde) -> str:
    return (waarde or "").strip()


def _taaknaam(taak: str) -> str:
    return rules.TAAK_NAMEN[rules.Taak(taak)]


def partners_voor(taak: str | None = None):
    """The partner organisations a gemeente can refer to (every kind but gemeente)."""
    qs = (
        Organisatie.objects.exclude(soort=Organisatie.Soort.GEMEENTE)
        .select_related("partnerprofiel")
        .order_by("naam")
    )
    if taak:
        qs = qs.filter(soort__in=rules.PARTNER_SOORTEN.get(rules.Taak(taak), ()))
    return qs


def verwijs_fouten(traject: Traject, taak: str, organisatie: Organisatie) -> dict[str, str]:
    """What keeps this referral from being made (rules.verwijs_fouten): the task fits the
    partner, its keurmerk is valid, no referral for the task is open yet. :func:`verwijs`
    checks again under the case's lock."""
    profiel = Partnerprofiel.objects.filter(organisatie=organisatie).first()
    open_er_al = Verwijzing.objects.filter(
        traject=traject, taak=taak, status__in=rules.OPEN
    ).exists()
    return rules.verwijs_fouten(
        taak,
        organisatie.soort,
        bool(profiel and profiel.keurmerk_geldig(vandaag())),
        open_er_al,
    )


def verwijs(
    traject: Traject,
    door,
    *,
    taak: str,
    organisatie: Organisatie | None,
    vraag: str = "",
    startdatum: date | None = None,
) -> Verwijzing:
    """The adviseur refers the case to a partner for a task (status "aangeboden")."""
    if not policy.mag(door, Actie.VERWIJZEN):
        raise Weigering({"__all__": "U mag niet verwijzen naar een ketenpartner."})
    weiger_als_afgerond(traject, "Dit traject is afgerond. U kunt niet meer verwijzen.")
    vraag = _tekst(vraag)
    if organisatie is None or organisatie.is_gemeente:
        raise Weigering({"organisatie": "Kies een ketenpartner."})
    if len(vraag) > MAX_TEKST:
        raise Weigering({"vraag": f"Gebruik hooguit {MAX_TEKST} tekens."})
    with transaction.atomic():
        traject = vergrendel(traject)
        fouten = verwijs_fouten(traject, taak, organisatie)
        if fouten:
            raise Weigering(fouten)
        verwijzing = Verwijzing.objects.create(
            traject=traject,
            organisatie=organisatie,
            taak=taak,
            vraag=vraag,
            startdatum=startdatum,
            verwezen_door=door,
        )
        registreer(
            traject,
            SOORT,
            f"Verwezen naar {organisatie.naam}: {_taaknaam(taak)}",
            door=door,
            toelichting=vraag,
        )
    return verwijzing


def _eigen(verwijzing: Verwijzing, door) -> None:
    """Only a user of the partner organisation answers for it."""
    if not (
        policy.mag(door, Actie.VERWIJZING_UITVOEREN)
        and door.organisatie_id == verwijzing.organisatie_id
    ):
        raise Weigering({"__all__": NIET_UW_ORGANISATIE})


def _naar(verwijzing: Verwijzing, nieuw: str) -> Verwijzing:
    """The referral, locked, if it may go to ``nieuw``."""
    verwijzing = (
        Verwijzing.objects.select_for_update()
        .select_related("traject", "organisatie")
        .get(pk=verwijzing.pk)
    )
    fout = rules.overgang_fout(verwijzing.status, nieuw)
    if fout:
        raise Weigering({"__all__": fout})
    return verwijzing


def accepteer(verwijzing: Verwijzing, door) -> Verwijzing:
    _eigen(verwijzing, door)
    with transaction.atomic():
        verwijzing = _naar(verwijzing, S.GEACCEPTEERD)
        verwijzing.status = S.GEACCEPTEERD
        verwijzing.gereageerd_op = timezone.now()
        verwijzing.save(update_fields=["status", "gereageerd_op"])
        registreer(
            verwijzing.traject,
            SOORT,
            f"{verwijzing.organisatie.naam} accepteert de verwijzing: {_taaknaam(verwijzing.taak)}",
            door=door,
        )
    return verwijzing


def wijs_af(verwijzing: Verwijzing, door, *, reden: str) -> Verwijzing:
    _eigen(verwijzing, door)
    reden = _tekst(reden)
    if not reden:
        raise Weigering({"reden": "Schrijf waarom u de verwijzing afwijst."})
    if len(reden) > MAX_TEKST:
        raise Weigering({"reden": f"Gebruik hooguit {MAX_TEKST} tekens."})
    with transaction.atomic():
        verwijzing = _naar(verwijzing, S.AFGEWEZEN)
        verwijzing.status = S.AFGEWEZEN
        verwijzing.afwijsreden = reden
        verwijzing.gereageerd_op = timezone.now()
        verwijzing.save(update_fields=["status", "afwijsreden", "gereageerd_op"])
        registreer(
            verwijzing.traject,
            SOORT,
            f"{verwijzing.organisatie.naam} wijst de verwijzing af: {_taaknaam(verwijzing.taak)}",
            door=door,
            toelichting=reden,
        )
    return verwijzing


def rapport_fouten(
    *,
    datum: date | None,
    uren: Decimal | None = None,
    afspraken_gepland: int | None = None,
    afspraken_aanwezig: int | None = None,
    resultaten: str = "",
    toelichting: str = "",
) -> dict[str, str]:
    """What keeps a progress report (:func:`rapporteer`) from being saved, per field."""
    resultaten, toelichting = _tekst(resultaten), _tekst(toelichting)
    fouten = rules.voortgang_fouten(uren, afspraken_gepland, afspraken_aanwezig)
    if datum is None:
        fouten["datum"] = "Vul de datum in."
    elif datum > vandaag():
        fouten["datum"] = "De datum kan niet in de toekomst liggen."
    if uren is None and afspraken_gepland is None and not resultaten and not toelichting:
        fouten.setdefault("__all__", "Vul de uren, de aanwezigheid of wat er bereikt is in.")
    for veld, waarde in (("resultaten", resultaten), ("toelichting", toelichting)):
        if len(waarde) > MAX_TEKST:
            fouten[veld] = f"Gebruik hooguit {MAX_TEKST} tekens."
    return fouten


def rapporteer(
    verwijzing: Verwijzing,
    door,
    *,
    datum: date,
    uren: Decimal | None = None,
    afspraken_gepland: int | None = None,
    afspraken_aanwezig: int | None = None,
    resultaten: str = "",
    toelichting: str = "",
) -> Voortgang:
    """A progress report; the first one makes an accepted referral "lopend"."""
    _eigen(verwijzing, door)
    resultaten, toelichting = _tekst(resultaten), _tekst(toelichting)
    fouten = rapport_fouten(
        datum=datum,
        uren=uren,
        afspraken_gepland=afspraken_gepland,
        afspraken_aanwezig=afspraken_aanwezig,
        resultaten=resultaten,
        toelichting=toelichting,
    )
    if fouten:
        raise Weigering(fouten)
    with transaction.atomic():
        verwijzing = _naar(verwijzing, S.LOPEND)
        if verwijzing.status != S.LOPEND:
            verwijzing.status = S.LOPEND
            verwijzing.save(update_fields=["status"])
        rapport = Voortgang.objects.create(
            verwijzing=verwijzing,
            datum=datum,
            uren=uren,
            afspraken_gepland=afspraken_gepland,
            afspraken_aanwezig=afspraken_aanwezig,
            resultaten=resultaten,
            toelichting=toelichting,
            door=door,
        )
        delen = []
        if uren is not None:
            delen.append(f"{uren} uur")
        if afspraken_gepland is not None:
            delen.append(f"aanwezig {afspraken_aanwezig or 0} van {afspraken_gepland} afspraken")
        registreer(
            verwijzing.traject,
            SOORT,
            f"Voortgang van {verwijzing.organisatie.naam} "
            f"({_taaknaam(verwijzing.taak)})" + (f": {', '.join(delen)}" if delen else ""),
            door=door,
            toelichting="\n".join(t for t in (resultaten, toelichting) if t),
        )
    return rapport


def sluit_af(verwijzing: Verwijzing, door, *, resultaat: str, eindverslag: str = "") -> Verwijzing:
    """The partner closes the referral with its result; the case is out of his reach."""
    _eigen(verwijzing, door)
    eindverslag = _tekst(eindverslag)
    fouten = {}
    if (
        resultaat not in {r.value for r in rules.Resultaat}
        or resultaat == rules.Resultaat.INGETROKKEN
    ):
        fouten["resultaat"] = "Kies het resultaat."
    if len(eindverslag) > 4000:
        fouten["eindverslag"] = "Gebruik hooguit 4000 tekens."
    if fouten:
        raise Weigering(fouten)
    with transaction.atomic():
        verwijzing = _naar(verwijzing, S.AFGESLOTEN)
        if verwijzing.status == S.AANGEBODEN:
            raise Weigering({"__all__": "Accepteer of wijs de verwijzing eerst af."})
        _sluit(verwijzing, door, resultaat, eindverslag)
    return verwijzing


def trek_in(verwijzing: Verwijzing, door, *, toelichting: str = "") -> Verwijzing:
    """The adviseur takes an open referral back (the partner's reach ends at once)."""
    if not policy.mag(door, Actie.VERWIJZEN):
        raise Weigering({"__all__": "U mag deze verwijzing niet intrekken."})
    toelichting = _tekst(toelichting)
    if len(toelichting) > 4000:
        raise Weigering({"toelichting": "Gebruik hooguit 4000 tekens."})
    with transaction.atomic():
        verwijzing = _naar(verwijzing, S.AFGESLOTEN)
        _sluit(verwijzing, door, rules.Resultaat.INGETROKKEN, toelichting)
    return verwijzing


def _sluit(verwijzing: Verwijzing, door, resultaat: str, eindverslag: str) -> None:
    verwijzing.status = S.AFGESLOTEN
    verwijzing.resultaat = resultaat
    verwijzing.eindverslag = eindverslag
    verwijzing.afgesloten_op = timezone.now()
    verwijzing.save(update_fields=["status", "resultaat", "eindverslag", "afgesloten_op"])
    registreer(
        verwijzing.traject,
        SOORT,
        f"Verwijzing naar {verwijzing.organisatie.naam} afgesloten "
        f"({_taaknaam(verwijzing.taak)}): "
        f"{rules.RESULTAAT_NAMEN[rules.Resultaat(resultaat)].lower()}",
        door=door,
        toelichting=eindverslag,
    )


def taakverdeling_fouten(
    gemeente, taak: str, *, schaal: str, uitvoerder: Organisatie | None, toelichting: str = ""
) -> dict[str, str]:
    """What keeps a row of the taakverdeling (:func:`bewaar_taakverdeling`) from being
    saved, per field: a known task and scale, the gemeente itself or a partner, and the
    tasks only the gemeente may do (rules.ALLEEN_GEMEENTE)."""
    fouten: dict[str, str] = {}
    if taak not in {t.value for t in rules.Taak}:
        fouten["taak"] = "Kies een taak."
    if schaal not in {s.value for s in rules.Schaal}:
        fouten["schaal"] = "Kies de schaal."
    if uitvoerder is None or (uitvoerder.is_gemeente and uitvoerder != gemeente.organisatie):
        fouten["uitvoerder"] = "Kies uw gemeente of een ketenpartner."
    elif taak in rules.ALLEEN_GEMEENTE and uitvoerder != gemeente.organisatie:
        fouten["uitvoerder"] = "Deze taak voert de gemeente zelf uit."
    if len(_tekst(toelichting)) > 500:
        fouten["toelichting"] = "Gebruik hooguit 500 tekens."
    return fouten


def bewaar_taakverdeling(
    gemeente, door, taak: str, *, schaal: str, uitvoerder: Organisatie, toelichting: str = ""
) -> Taakverdeling:
    """One row of the gemeente's taakverdeling (teamleider on the page; beheer: admin)."""
    if not policy.mag_taakverdeling_wijzigen(door) or door.gemeente != gemeente:
        raise Weigering({"__all__": "U mag de taakverdeling niet wijzigen."})
    fouten = taakverdeling_fouten(
        gemeente, taak, schaal=schaal, uitvoerder=uitvoerder, toelichting=toelichting
    )
    if fouten:
        raise Weigering(fouten)
    rij, _ = Taakverdeling.objects.update_or_create(
        gemeente=gemeente,
        taak=taak,
        defaults={"schaal": schaal, "uitvoerder": uitvoerder, "toelichting": _tekst(toelichting)},
    )
    return rij
