"""What Koers does with each DUO notification (RULES.md, "Event catalogue").

One handler per ``gebeurtenisId``. A handler first asks DUO for the details (through the
DuoClient, ``bron`` = the OIN of the gemeente the notification was addressed to) and only then
writes, so a database transaction is short. ``koers.duo.worker`` runs a handler inside one
transaction together with the notification's status: either all of it happens or none.

Rules every handler keeps:

- **Idempotent.** Values are compared before they are written; a timeline entry is written
  only when something changed (or, for pure information, when the same text is not already
  on the timeline). Handling the same notification twice changes nothing more.
- **Traceable.** Every change leaves a timeline entry (Gebeurtenis) that says it came from
  DUO, with the gebeurtenisId.
- **The PIP clock (SS139).** The clock starts on the date (Europe/Amsterdam) of the
  notification's ``registratieDatumTijd``. A later SS139 with the same date changes nothing;
  one with another date moves the clock to that date, unless an SS139 that was already
  handled for the same case is newer (notifications can arrive out of order).
- **DUO's dates win** for the inburgeringstermijn (``termijn_bron = "duo"``).
- **A person DUO knows but Koers does not.** DUO's answers carry neither name nor date of
  birth. Koers does not invent them: the person is created with empty names and no date of
  birth and ``persoonsgegevens_aanvullen = True``; pages show "Naam nog onbekend" (see
  ``Inburgeraar.volledige_naam``) until someone completes the data from the BRP. For that
  reason such a case is opened here, not through ``meld_aan`` (which rightly demands a name).
- **Unknown gebeurtenisIds** are not handled here: the worker stores them with status
  ``onbekend`` for functioneel beheer (:func:`onbekende_notificaties`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.db.models import QuerySet

from koers.bouwstenen.weigering import Weigering
from koers.duo.client import DuoClient, DuoFout
from koers.duo.models import Notificatie
from koers.inburgeraars import rules as traject_rules
from koers.inburgeraars import signals
from koers.inburgeraars.models import Gebeurtenis, Inburgeraar, Traject
from koers.inburgeraars.rules import datum_kort
from koers.inburgeraars.services import (
    hervat_klok,
    meld_aan_door_duo,
    neem_doelgroep_over_van_duo,
    neem_gratis_pogingen_over_van_duo,
    neem_ontheffing_over_van_duo,
    open_traject,
    pauzeer_klok,
    registreer,
    wijzig_gegevens,
    wijzig_status,
)
from koers.intake import services as intake_services
from koers.intake.models import BredeIntake
from koers.intake.rules import LBT_MAX_SCORE
from koers.pip.models import DuoPip

log = logging.getLogger(__name__)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
Reden = traject_rules.Afrondingsreden


class GeenTraject(Weigering):
    """The notification needs an open case of this gemeente and there is none."""


# DUO did not answer a fetch that only completes a case (an error other than 404, or a
# timeout): what Koers holds stays as it is. Kept apart from None (404: DUO has nothing).
ONBEKEND = object()


@dataclass
class Context:
    notificatie: Notificatie
    client: DuoClient
    _antwoorden: dict = field(default_factory=dict)
    niet_opgehaald: list = field(default_factory=list)
    geweigerd: dict = field(default_factory=dict)  # operation_id → DUO's refusal, final

    @property
    def gid(self) -> str:
        return self.notificatie.gebeurtenis_id

    @property
    def gemeente(self):
        return self.notificatie.gemeente

    @property
    def datum(self) -> date:
        return self.notificatie.registratie_datum_tijd.astimezone(AMSTERDAM).date()

    def haal(self, operation_id: str):
        """DUO's answer body for this person, or None when DUO has nothing (404)."""
        if operation_id not in self._antwoorden:
            if not self.notificatie.bsn:
                raise Weigering(["De notificatie heeft geen BSN; Koers kan niets opvragen."])
            try:
                antwoord = self.client.call(
                    operation_id, bron=self.gemeente.oin, path_params={"bsn": self.notificatie.bsn}
                )
                self._antwoorden[operation_id] = antwoord.body
            except DuoFout as fout:
                if fout.status != 404:
                    raise
                self._antwoorden[operation_id] = None
        return self._antwoorden[operation_id]

    def haal_aanvulling(self, operation_id: str):
        """Like :meth:`haal`, for data that completes a case but must never keep it from
        opening (history, ontheffing, free attempts, examennummer, DUO's PIP): any DuoFout
        (5xx, timeout, an answer outside the contract) gives ONBEKEND instead of failing the
        notification. koers.duo.herstel or the next notification asks again."""
        if operation_id in self.niet_opgehaald:
            return ONBEKEND
        try:
            return self.haal(operation_id)
        except DuoFout as fout:
            # Status only: DUO's fouttekst can quote the BSN.
            log.warning(
                "Notificatie %s: %s niet opgehaald (status %s, definitief: %s); het "
                "traject gaat door",
                self.notificatie.pk,
                operation_id,
                fout.status,
                fout.permanent,
            )
            self.niet_opgehaald.append(operation_id)
            if fout.permanent:
                self.geweigerd[operation_id] = " ".join(fout.foutteksten) or fout.melding
            return ONBEKEND


# -- small helpers ------------------------------------------------------------------------


def _datum(waarde) -> date | None:
    return date.fromisoformat(waarde) if waarde else None


def _persoon(ctx: Context) -> Inburgeraar | None:
    n = ctx.notificatie
    if n.bsn:
        return Inburgeraar.objects.filter(bsn=n.bsn).select_related("huidig_traject").first()
    if n.vnummer:
        return (
            Inburgeraar.objects.filter(vnummer=n.vnummer).select_related("huidig_traject").first()
        )
    return None


def _open_traject(ctx: Context) -> Traject | None:
    """The person's open case of the addressed gemeente, or None."""
    persoon = _persoon(ctx)
    traject = persoon.huidig_traject if persoon else None
    if traject is None or not traject.is_open or traject.gemeente_id != ctx.gemeente.pk:
        return None
    return traject


def _vereist_traject(ctx: Context) -> Traject:
    traject = _open_traject(ctx)
    if traject is None:
        raise GeenTraject(
            [
                f"Bericht {ctx.gid} van DUO gaat over iemand zonder open traject "
                f"bij {ctx.gemeente.naam}. Controleer of de aanmelding ontbreekt."
            ]
        )
    return traject


# The DUO entries keep the short date (datum_kort), unlike the rest of the timeline: an entry
# is recognised by its text below, so writing it differently would repeat it once for every
# case when DUO sends the same facts again.
def _registreer_eenmalig(
    traject: Traject, ctx: Context, omschrijving: str, toelichting: str = ""
) -> bool:
    """Put a DUO entry on the timeline unless the very same entry is already there."""
    omschrijving = f"DUO ({ctx.gid}): {omschrijving}"[:500]
    if Gebeurtenis.objects.filter(
        traject=traject,
        soort=Gebeurtenis.Soort.DUO,
        omschrijving=omschrijving,
        toelichting=toelichting,
    ).exists():
        return False
    registreer(traject, Gebeurtenis.Soort.DUO, omschrijving, None, toelichting=toelichting)
    return True


def _samenvatting(regels: list[str], leeg: str) -> str:
    return "\n".join(regels) if regels else leeg


def _examens(body) -> str:
    regels = []
    for r in sorted(body or [], key=lambda r: (r.get("examendatum", ""), r.get("onderdeel"))):
        regel = f"{r['onderdeel']}"
        if r.get("niveau"):
            regel += f" {r['niveau']}"
        regel += f": {r['resultaat']} ({datum_kort(_datum(r.get('examendatum')))})"
        if r.get("redenGeenResultaat"):
            regel += f", reden: {r['redenGeenResultaat']}"
        regels.append(regel)
    return _samenvatting(regels, "Nog geen examenresultaten.")


def _oordelen(body, soorten: dict[str, str], *, met_grond: bool = True) -> str:
    """Vrijstellingen or ontheffingen: one line per decision. ``met_grond=False`` leaves out
    the ground: an ontheffing's (MED or BIO) is health data, and the timeline is read by
    roles that may not see health data (koers.toegang, Sectie.GEZONDHEID)."""
    regels = []
    for item in body or []:
        for sleutel, label in soorten.items():
            b = item.get(sleutel)
            if not b:
                continue
            regel = f"{label}: {b['oordeel']}"
            extra = [
                b.get("reden") or (b.get("grond") if met_grond else "") or "",
                b.get("examenonderdeel") or "",
                b.get("examenniveau") or "",
            ]
            if any(extra):
                regel += f" ({', '.join(e for e in extra if e)})"
            if b.get("datumOordeel"):
                regel += f", besluit van {datum_kort(_datum(b['datumOordeel']))}"
            if b.get("startdatum") or b.get("einddatum"):
                # Inclusive end (API Vrijstelling, schema Periode), unlike the termijn's.
                regel += (
                    f", van {datum_kort(_datum(b.get('startdatum')))} "
                    f"tot en met {datum_kort(_datum(b.get('einddatum')))}"
                )
            regels.append(regel)
    return _samenvatting(regels, "DUO heeft hier geen besluiten over.")


VRIJSTELLINGEN = {
    "GeheleVrijstelling": "Gehele vrijstelling",
    "TijdelijkeVrijstelling": "Tijdelijke vrijstelling",
    "GedeeltelijkeVrijstelling": "Gedeeltelijke vrijstelling",
}
ONTHEFFINGEN = {
    "GeheleOntheffing": "Gehele ontheffing",
    "GedeeltelijkeOntheffing": "Gedeeltelijke ontheffing",
}


def _verlengingen(body) -> str:
    regels = [
        f"Aanvraag van {datum_kort(_datum(v.get('ontvangstdatum')))}: "
        f"{v['beoordelingAanvraag']}"
        + (f" op {datum_kort(_datum(v['datumBeoordeling']))}" if v.get("datumBeoordeling") else "")
        for v in body or []
    ]
    return _samenvatting(regels, "DUO heeft geen aanvragen voor verlenging.")


def _pip(body) -> str:
    if not body:
        return "DUO heeft geen PIP."
    pip = body["pip"]
    tekst = (
        f"PIP van gemeente {body['gemeentecode']}: leerroute {pip['leerroute']}, "
        f"dagtekening {datum_kort(_datum(pip['dagtekeningPip']))}"
    )
    if pip.get("niveau"):
        tekst += f", niveau {pip['niveau']}"
    return tekst


# -- writes ---------------------------------------------------------------------------------


def _nieuw_traject(
    persoon: Inburgeraar, ctx: Context, start_plicht: date | None, omschrijving: str
) -> Traject:
    return open_traject(
        persoon,
        gemeente=ctx.gemeente,
        door=None,
        omschrijving=f"DUO ({ctx.gid}): {omschrijving}",
        datum_start_plicht=start_plicht,
    )


def open_traject_from_notification(ctx: Context) -> Traject | None:
    """Open (or find, or re-open) the case DUO announces: fetch plicht and doelgroep first.

    Returns None when DUO says the person has no plicht (any more): nothing to open.
    """
    plicht = ctx.haal("getInburgeringsplichtByBsn") or {}
    doelgroep_body = ctx.haal("getDoelgroepByBsn") or {}
    historie = ctx.haal_aanvulling("getDoelgroephistorieByBsn")
    doelgroep = doelgroep_body.get("gedetailleerdeDoelgroep")
    start_plicht = _datum(plicht.get("begindatum"))
    persoon = _persoon(ctx)
    traject = persoon.huidig_traject if persoon else None
    if traject is not None and traject.is_open:
        if traject.gemeente_id != ctx.gemeente.pk:
            raise Weigering(
                [
                    f"Deze persoon heeft nog een open traject bij een andere "
                    f"gemeente. Rond dat eerst af (verhuisd); daarna kan "
                    f"{ctx.gemeente.naam} het bericht {ctx.gid} opnieuw laten "
                    f"verwerken."
                ]
            )
        if start_plicht and traject.datum_start_plicht != start_plicht:
            wijzig_gegevens(persoon, None, datum_start_plicht=start_plicht)
            _registreer_eenmalig(traject, ctx, "gegevens bijgewerkt met DUO: datum_start_plicht")
            traject.refresh_from_db()
        bewaar_doelgroep(ctx, traject, doelgroep_body, historie)
        return traject
    if not plicht.get("indicatorInburgeringsplicht"):
        log.info(
            "Notificatie %s: DUO meldt geen plicht meer; niets te openen",
            ctx.notificatie.bericht_id,
        )
        return None
    if not doelgroep:
        raise Weigering(
            ["DUO gaf geen doelgroep door; zonder doelgroep kan Koers geen traject openen."]
        )
    if persoon is None:
        persoon = meld_aan_door_duo(
            bsn=ctx.notificatie.bsn,
            vnummer=ctx.notificatie.vnummer,
            gemeente=ctx.gemeente,
            doelgroep=doelgroep,
        )
        traject = _nieuw_traject(
            persoon,
            ctx,
            start_plicht,
            "aangemeld door DUO; naam en geboortedatum nog aanvullen uit de BRP",
        )
        bewaar_doelgroep(ctx, traject, doelgroep_body, historie)
        return traject
    # Known person whose earlier case is closed: the plicht runs again (RULES.md SS129/SS130).
    if persoon.gemeente_id != ctx.gemeente.pk:
        persoon.gemeente = ctx.gemeente
        persoon.save(update_fields=["gemeente"])
    traject = _nieuw_traject(
        persoon, ctx, start_plicht, "nieuw traject: de inburgeringsplicht loopt (weer)"
    )
    bewaar_doelgroep(ctx, traject, doelgroep_body, historie)
    return traject


def bewaar_doelgroep(
    ctx: Context, traject: Traject, doelgroep: dict | None, historie: list | None
) -> None:
    """DUO's Doelgroep and Doelgroephistorie on the person; DUO's indeling wins (it drives
    aanbod, ontzorgen, the Z-route norm and handhaving)."""
    wijzigingen = neem_doelgroep_over_van_duo(
        traject.inburgeraar,
        doelgroep=doelgroep,
        historie=None if historie is ONBEKEND else historie,
    )
    if wijzigingen:
        # Every real change is new, also a change back (A → B → A): not deduplicated, so the
        # timeline shows it and the entry's signal recalculates what follows the doelgroep.
        registreer(
            traject,
            Gebeurtenis.Soort.DUO,
            f"DUO ({ctx.gid}): doelgroep van DUO: {'; '.join(wijzigingen)}"[:500],
            None,
        )


def bewaar_ontheffing(ctx: Context, traject: Traject, ontheffingen) -> None:
    if ontheffingen is ONBEKEND:
        return
    regel = neem_ontheffing_over_van_duo(
        traject.inburgeraar, ontheffingen if isinstance(ontheffingen, list) else []
    )
    if regel:
        # Each change is new (not deduplicated): the entry's signal recalculates the Z-route.
        registreer(traject, Gebeurtenis.Soort.DUO, f"DUO ({ctx.gid}): {regel}", None)


def bewaar_gratis_pogingen(ctx: Context, traject: Traject, pogingen) -> None:
    if pogingen is None or pogingen is ONBEKEND:
        return
    neem_gratis_pogingen_over_van_duo(
        traject.inburgeraar, pogingen if isinstance(pogingen, list) else []
    )


def bewaar_examennummer(ctx: Context, traject: Traject, body) -> None:
    if not isinstance(body, dict):  # 404 (none yet) or ONBEKEND: keep what Koers has
        return
    nummer = str(body.get("examennummer") or "")[:12]
    if nummer and traject.lbt_examennummer != nummer:
        traject.lbt_examennummer = nummer
        traject.save(update_fields=["lbt_examennummer", "gewijzigd_op"])
        _registreer_eenmalig(traject, ctx, f"examennummer leerbaarheidstoets: {nummer}")


def bewaar_duo_pip(ctx: Context, traject: Traject, body) -> None:
    """DUO's current PIP (possibly of the earlier gemeente, SS121): the PIP rules use it for
    "first PIP at any gemeente" and as the default leerroute (koers.pip.rules)."""
    pip = (body or {}).get("pip") if isinstance(body, dict) else None
    dagtekening = _datum((pip or {}).get("dagtekeningPip"))
    if not pip or dagtekening is None or pip.get("leerroute") not in ("B", "O", "Z"):
        return
    waarden = {
        "gemeentecode": str(body.get("gemeentecode") or "")[:4],
        "dagtekening": dagtekening,
        "leerroute": pip["leerroute"],
        "niveau": pip.get("niveau") if pip.get("niveau") in ("A2", "B1") else "",
    }
    huidig = DuoPip.objects.filter(traject=traject).first()
    if huidig is not None and all(getattr(huidig, k) == v for k, v in waarden.items()):
        return
    DuoPip.objects.update_or_create(traject=traject, defaults=waarden)
    _registreer_eenmalig(traject, ctx, "PIP bij DUO", _pip(body))


def bewaar_termijn(ctx: Context, traject: Traject) -> None:
    body = ctx.haal("getInburgeringstermijnByBsn")
    if not body:
        return
    start, eind = _datum(body["startdatum"]), _datum(body["einddatum"])
    if (traject.termijn_start, traject.termijn_eind, traject.termijn_bron) == (start, eind, "duo"):
        return
    traject.termijn_start, traject.termijn_eind, traject.termijn_bron = start, eind, "duo"
    traject.save(update_fields=["termijn_start", "termijn_eind", "termijn_bron", "gewijzigd_op"])
    signals.traject_gewijzigd.send(sender=Traject, traject=traject, wat=signals.TERMIJN)
    toelichting = body.get("verlengingsgrondomschrijving") or ""
    _registreer_eenmalig(
        traject,
        ctx,
        f"inburgeringstermijn van {datum_kort(start)} tot en met "
        f"{datum_kort(traject.termijn_laatste_dag)}",
        toelichting,
    )


def _start_pip_klok(ctx: Context, traject: Traject) -> None:
    datum = ctx.datum
    if traject.datum_start_pip_termijn == datum:
        return
    nieuwer = Notificatie.objects.filter(
        traject=traject,
        gebeurtenis_id="SS139",
        status=Notificatie.Status.VERWERKT,
        registratie_datum_tijd__gt=ctx.notificatie.registratie_datum_tijd,
    ).exists()
    if nieuwer:
        return
    traject.datum_start_pip_termijn = datum
    traject.herbereken_deadlines()
    traject.save(
        update_fields=[
            "datum_start_pip_termijn",
            "pip_uiterlijk",
            "volgende_deadline",
            "gewijzigd_op",
        ]
    )
    _registreer_eenmalig(
        traject,
        ctx,
        f"de 10 weken voor het PIP lopen vanaf {datum_kort(datum)}; "
        f"PIP uiterlijk {datum_kort(traject.pip_uiterlijk)}",
    )


def pauzeer(ctx: Context, traject: Traject, toelichting: str) -> None:
    if traject.gepauzeerd_sinds is not None:
        return
    pauzeer_klok(traject, ctx.datum)
    _registreer_eenmalig(
        traject, ctx, "tijdelijke vrijstelling; het traject staat stil", toelichting
    )


def _hervat(ctx: Context, traject: Traject) -> None:
    if traject.gepauzeerd_sinds is None:
        return
    hervat_klok(traject, ctx.datum)
    _registreer_eenmalig(
        traject, ctx, "tijdelijke vrijstelling ingetrokken; het traject loopt weer"
    )


def sluit_traject(ctx: Context, reden: Reden, toelichting: str = "") -> Traject | None:
    """Close the open case with ``reden``; nothing to do when there is none (idempotent)."""
    traject = _open_traject(ctx)
    if traject is None:
        return None
    tekst = f"Bericht van DUO ({ctx.gid})."
    if toelichting:
        tekst += " " + toelichting
    wijzig_status(
        traject, traject_rules.Status.AFGEROND, None, reden=reden.value, toelichting=tekst
    )
    return traject


# -- the handlers ---------------------------------------------------------------------------


def _opening(
    *,
    examens: bool = True,
    aow: bool = False,
    pip_klok: bool = False,
    pip_en_termijn: bool = False,
    vrijstelling: bool = False,
    hervat: bool = False,
):
    def handler(ctx: Context) -> Traject | None:
        # Fetch everything first, write afterwards (short transactions).
        uitslagen = ctx.haal("getExamenresultatenByBsn") if examens else None
        vrijstellingen = ctx.haal("getVrijstellingenByBsn") if vrijstelling else None
        # Every opening asks for DUO's current PIP: after a move it is the earlier gemeente's,
        # and DUO's "first PIP" rule counts PIPs at any gemeente. Only SS121 (a move with a
        # PIP) needs it to open; for the others, as for the rest below, a DUO failure must
        # not keep the case from opening.
        pip = ctx.haal("getPipByBsn") if pip_en_termijn else ctx.haal_aanvulling("getPipByBsn")
        ontheffingen = ctx.haal_aanvulling("getOntheffingenByBsn")
        pogingen = ctx.haal_aanvulling("getGratisPogingenTegoedByBsn")
        examennummer = ctx.haal_aanvulling("getExamennummerByBsn")
        if pip_en_termijn:
            ctx.haal("getInburgeringstermijnByBsn")
        traject = open_traject_from_notification(ctx)
        if traject is None:
            return None
        bewaar_duo_pip(ctx, traject, pip)
        bewaar_ontheffing(ctx, traject, ontheffingen)
        bewaar_gratis_pogingen(ctx, traject, pogingen)
        bewaar_examennummer(ctx, traject, examennummer)
        if aow and not traject.aow_binnen_6_maanden:
            traject.aow_binnen_6_maanden = True
            traject.save(update_fields=["aow_binnen_6_maanden", "gewijzigd_op"])
            _registreer_eenmalig(traject, ctx, "bereikt binnen 6 maanden de AOW-leeftijd")
        if pip_klok:
            _start_pip_klok(ctx, traject)
        if uitslagen:
            _registreer_eenmalig(traject, ctx, "examenresultaten", _examens(uitslagen))
            _bewaar_examens(traject, uitslagen)
        if vrijstelling:
            _registreer_eenmalig(
                traject, ctx, "vrijstellingen", _oordelen(vrijstellingen, VRIJSTELLINGEN)
            )
        if pip_en_termijn:
            bewaar_termijn(ctx, traject)
        if hervat:
            _hervat(ctx, traject)
        _meld_niet_opgehaald(ctx, traject)
        return traject

    return handler


def _meld_niet_opgehaald(ctx: Context, traject: Traject) -> None:
    """Tell the adviseur which DUO data is missing for now (it comes with a later check)."""
    tijdelijk = sorted(set(ctx.niet_opgehaald) - set(ctx.geweigerd))
    if tijdelijk:
        _registreer_eenmalig(
            traject,
            ctx,
            "DUO gaf nog geen antwoord op: "
            + ", ".join(tijdelijk)
            + ". Koers vraagt het later opnieuw.",
        )
    for operation_id, reden in sorted(ctx.geweigerd.items()):
        # A refusal does not change by asking again: say so, with DUO's own words.
        _registreer_eenmalig(
            traject, ctx, f"DUO weigert {operation_id}: {reden} Opnieuw vragen helpt niet."
        )


def _sluiting(reden: Reden, uitleg: str) -> Callable[[Context], Traject | None]:
    def handler(ctx: Context) -> Traject | None:
        return sluit_traject(ctx, reden, uitleg)

    return handler


def ss110_plicht_ingetrokken(ctx: Context) -> Traject | None:
    plicht = ctx.haal("getInburgeringsplichtByBsn") or {}
    traject = _open_traject(ctx)
    if traject is None:
        return None
    # Record the state reached, for a possible resumption of the plicht (RULES.md SS110).
    stand = (
        f"Stand bij afsluiten: status {traject.get_status_display()}, PIP uiterlijk "
        f"{datum_kort(traject.pip_uiterlijk)}, termijn tot en met "
        f"{datum_kort(traject.termijn_laatste_dag)}."
    )
    reden = plicht.get("redenGeenInburgeringsplicht")
    uitleg = f"De inburgeringsplicht is ingetrokken ({reden or 'reden onbekend'}). {stand}"
    return sluit_traject(ctx, Reden.INGETROKKEN, uitleg)


def ss111_overleden(ctx: Context) -> Traject | None:
    persoon = _persoon(ctx)
    if persoon is not None and not persoon.geen_contact:
        persoon.geen_contact = True
        persoon.save(update_fields=["geen_contact"])
    return sluit_traject(ctx, Reden.OVERLEDEN, "Overleden: geen contact en geen brieven meer.")


def ss109_pauze(ctx: Context) -> Traject:
    vrijstellingen = ctx.haal("getVrijstellingenByBsn")
    traject = _vereist_traject(ctx)
    pauzeer(ctx, traject, _oordelen(vrijstellingen, VRIJSTELLINGEN))
    return traject


def doelgroep_gewijzigd(ctx: Context) -> Traject:
    body = ctx.haal("getDoelgroepByBsn") or {}
    historie = ctx.haal_aanvulling("getDoelgroephistorieByBsn")
    traject = _vereist_traject(ctx)
    bewaar_doelgroep(ctx, traject, body, historie)
    _meld_niet_opgehaald(ctx, traject)
    return traject


def termijn(ctx: Context) -> Traject:
    ctx.haal("getInburgeringstermijnByBsn")
    traject = _vereist_traject(ctx)
    bewaar_termijn(ctx, traject)
    return traject


def ss137_lbt_gepland(ctx: Context) -> Traject:
    examennummer = ctx.haal_aanvulling("getExamennummerByBsn")
    traject = _vereist_traject(ctx)
    _registreer_eenmalig(traject, ctx, "aangemeld voor de leerbaarheidstoets (gepland)")
    bewaar_examennummer(ctx, traject, examennummer)
    _meld_niet_opgehaald(ctx, traject)
    return traject


def ss131_lbt_uitslag(ctx: Context) -> Traject:
    resultaten = ctx.haal("getLbtResultatenByBsn") or []
    traject = _vereist_traject(ctx)
    if not resultaten:
        _registreer_eenmalig(traject, ctx, "uitslag leerbaarheidstoets nog niet beschikbaar")
        return traject
    laatste = max(resultaten, key=lambda r: r["datumAfname"])
    score = laatste["behaaldeScore"]
    score_getal = _lbt_score(score)
    datum = _datum(laatste["datumAfname"])
    uitslag = laatste["resultaat"]
    tekst = (
        f"uitslag leerbaarheidstoets: {uitslag}, score {score} van "
        f"{laatste['benodigdeScore']} nodig, afgenomen {datum_kort(datum)}"
    )
    intake = BredeIntake.objects.filter(traject=traject).first()
    if intake is not None and intake.is_afgerond:
        # An afgeronde intake does not change; the result goes on the timeline.
        _registreer_eenmalig(traject, ctx, tekst, "De intake is al afgerond en is niet aangepast.")
        return traject
    if intake is not None and (
        intake.lbt_uitslag,
        intake.lbt_score,
        intake.lbt_datum,
        intake.lbt_bron,
    ) == (uitslag, score_getal, datum, "duo"):
        return traject
    intake = intake_services.bewaar(
        traject, None, {"lbt_uitslag": uitslag, "lbt_score": score_getal, "lbt_datum": datum}
    )
    BredeIntake.objects.filter(pk=intake.pk).update(lbt_bron="duo")
    _registreer_eenmalig(traject, ctx, tekst, "Overgenomen in de brede intake.")
    return traject


def _lbt_score(tekst: str) -> int | None:
    """DUO writes scores as "31,00" (pattern ``\\d{1,3},\\d{2}``); the intake keeps whole
    points 0–LBT_MAX_SCORE. The exact score stays on the timeline."""
    try:
        waarde = Decimal(tekst.replace(",", "."))
    except InvalidOperation:
        return None
    punten = int(waarde.to_integral_value(ROUND_HALF_UP))
    return punten if 0 <= punten <= LBT_MAX_SCORE else None


def _bewaar_examens(traject: Traject, uitslagen) -> None:
    """The results as rows per part too, shown in the leerroute section of the case: stored
    by koers.leerroute on the signal (an upper layer that koers.duo does not import)."""
    signals.traject_gewijzigd.send(
        sender=Traject,
        traject=traject,
        wat=signals.DUO_EXAMENS,
        uitslagen=uitslagen if isinstance(uitslagen, list) else [],
    )


def ss199_examen(ctx: Context) -> Traject:
    uitslagen = ctx.haal("getExamenresultatenByBsn")
    pogingen = ctx.haal_aanvulling("getGratisPogingenTegoedByBsn")
    traject = _vereist_traject(ctx)
    _registreer_eenmalig(traject, ctx, "examenresultaat bekend", _examens(uitslagen))
    _bewaar_examens(traject, uitslagen)
    bewaar_gratis_pogingen(ctx, traject, pogingen)
    _meld_niet_opgehaald(ctx, traject)
    return traject


def _besluit(operation_id: str, omschrijving: str, samenvatten: Callable[[object], str]):
    def handler(ctx: Context) -> Traject:
        body = ctx.haal(operation_id)
        traject = _vereist_traject(ctx)
        _registreer_eenmalig(
            traject,
            ctx,
            omschrijving + " Kijk of het PIP moet worden aangepast.",
            samenvatten(body),
        )
        if operation_id == _ONTH:
            bewaar_ontheffing(ctx, traject, body)
        return traject

    return handler


# RULES.md names SS113–SS119 as a group: "requests of the inburgeraar decided (verlenging
# rejected; exemptions rejected/granted; ontheffing rejected/partly granted)". Each id is
# mapped to the API that holds the decision, in the catalogue's order.
_VRIJ = "getVrijstellingenByBsn"
_ONTH = "getOntheffingenByBsn"
HANDLERS: dict[str, Callable[[Context], Traject | None]] = {
    "SS101": _opening(),
    "SS128": _opening(aow=True),
    "SS139": _opening(pip_klok=True),
    "SS129": _opening(examens=False, vrijstelling=True, hervat=True),
    "SS120": _opening(examens=False),
    "SS121": _opening(examens=False, pip_en_termijn=True),
    "SS124": doelgroep_gewijzigd,
    "SS125": doelgroep_gewijzigd,
    "SS109": ss109_pauze,
    "SS110": ss110_plicht_ingetrokken,
    "SS111": ss111_overleden,
    "SS106": _sluiting(Reden.VOLDAAN, "Voldaan aan de inburgeringsplicht (diploma)."),
    "SS107": _sluiting(Reden.VRIJGESTELD, "Volledig vrijgesteld van de inburgeringsplicht."),
    "SS108": _sluiting(Reden.ONTHEVEN, "Volledig ontheven van de inburgeringsplicht."),
    "SS137": ss137_lbt_gepland,
    "SS131": ss131_lbt_uitslag,
    "SS102": termijn,
    "SS103": termijn,
    "SS104": termijn,
    "SS130": _opening(examens=False, pip_en_termijn=True, hervat=True),
    "SS199": ss199_examen,
    "SS113": _besluit(
        "getVerlengingenByBsn", "DUO heeft de verlenging van de termijn afgewezen.", _verlengingen
    ),
    "SS114": _besluit(
        _VRIJ, "DUO heeft een vrijstelling afgewezen.", lambda b: _oordelen(b, VRIJSTELLINGEN)
    ),
    "SS115": _besluit(
        _VRIJ, "DUO heeft een vrijstelling toegekend.", lambda b: _oordelen(b, VRIJSTELLINGEN)
    ),
    "SS116": _besluit(
        _VRIJ,
        "DUO heeft een gedeeltelijke vrijstelling afgewezen.",
        lambda b: _oordelen(b, VRIJSTELLINGEN),
    ),
    "SS117": _besluit(
        _VRIJ,
        "DUO heeft een gedeeltelijke vrijstelling toegekend.",
        lambda b: _oordelen(b, VRIJSTELLINGEN),
    ),
    "SS118": _besluit(
        _ONTH,
        "DUO heeft een ontheffing afgewezen.",
        lambda b: _oordelen(b, ONTHEFFINGEN, met_grond=False),
    ),
    "SS119": _besluit(
        _ONTH,
        "DUO heeft een ontheffing gedeeltelijk toegekend.",
        lambda b: _oordelen(b, ONTHEFFINGEN, met_grond=False),
    ),
}


def is_bekend(gebeurtenis_id: str) -> bool:
    return gebeurtenis_id in HANDLERS


def behandel(notificatie: Notificatie, client: DuoClient) -> Traject | None:
    """Run the handler of a known gebeurtenisId. Raises DuoFout (DUO failed) or Weigering
    (Koers cannot apply it: a permanent problem for functioneel beheer)."""
    return HANDLERS[notificatie.gebeurtenis_id](Context(notificatie, client))


def onbekende_notificaties() -> QuerySet[Notificatie]:
    """Notifications with a gebeurtenisId Koers does not know yet, newest first — for the
    functioneel beheer page. They are kept, never dropped."""
    return (
        Notificatie.objects.filter(status=Notificatie.Status.ONBEKEND)
        .select_related("gemeente")
        .order_by("-ontvangen_op", "-id")
    )
