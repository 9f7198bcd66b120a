"""Rules about the inburgeraar and the traject: identifiers, doelgroep, lifecycle, PIP clock.

Plain functions over plain values; no ORM. Each cites its source. Sources: Wet inburgering
2021 (Wi2021), Besluit inburgering 2021 (Bi), DUO's M2M specification (shared/duo-m2m).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


def is_valid_bsn(bsn: str) -> bool:
    """A BSN is 9 digits that pass the elfproef.

    Source: Wet algemene bepalingen burgerservicenummer art. 1 and the Logius specification
    of the BSN: sum(d_i * (9 - i)) for the first eight digits minus the ninth digit is a
    multiple of 11. ``000000000`` is not issued. Only the ASCII digits 0-9 count: ``isdigit``
    alone also accepts e.g. full-width or superscript digits.
    """
    if (not isinstance(bsn, str) or len(bsn) != 9 or not bsn.isascii() or not bsn.isdigit()
            or bsn == "0" * 9):
        return False
    total = sum(int(d) * w for d, w in zip(bsn[:8], range(9, 1, -1), strict=True))
    total -= int(bsn[8])
    return total % 11 == 0


def is_valid_vnummer(vnummer: str) -> bool:
    """A V-nummer (vreemdelingennummer) is 10 ASCII digits (IND/BVV)."""
    return (isinstance(vnummer, str) and len(vnummer) == 10 and vnummer.isascii()
            and vnummer.isdigit())


class Doelgroep(StrEnum):
    """DUO's GedetailleerdeDoelgroep (API Inburgeringsplicht, schema GedetailleerdeDoelgroep)."""

    ASIELSTATUSHOUDER = "Asielstatushouder"
    GEESTELIJK_BEDIENAAR = "Geestelijk bedienaar"
    GEZINSHERENIGER = "Gezinshereniger"
    GEZINSHERENIGER_MET_ASIELSTATUSHOUDER = "Gezinshereniger met Asielstatushouder"
    GEZINSVORMER = "Gezinsvormer"
    GEZINSVORMER_MET_ASIELSTATUSHOUDER = "Gezinsvormer met Asielstatushouder"
    OVERIG = "Overig"


class Doelgroepindeling(StrEnum):
    """DUO's two-way Doelgroepindeling (API Inburgeringsplicht, schema Doelgroepindeling)."""

    ASIELSTATUSHOUDER = "Asielstatushouder"
    GEZINSMIGRANT_EN_OVERIGE_MIGRANT = "Gezinsmigrant en overige migrant"


_ASIEL = {
    Doelgroep.ASIELSTATUSHOUDER,
    Doelgroep.GEZINSHERENIGER_MET_ASIELSTATUSHOUDER,
    Doelgroep.GEZINSVORMER_MET_ASIELSTATUSHOUDER,
}


def doelgroepindeling(doelgroep: str) -> Doelgroepindeling:
    """The two-way indeling that follows from DUO's detailed doelgroep.

    Wi2021 art. 1 (definition of *asielmigrant*): the holder of an asylum permit and the
    family member who joined or formed a family with such a holder count as asielmigrant;
    all others (gezinsmigranten, geestelijk bedienaren, overige) form the other group.
    Raises ValueError for a value DUO does not define.
    """
    doelgroep = Doelgroep(doelgroep)
    if doelgroep in _ASIEL:
        return Doelgroepindeling.ASIELSTATUSHOUDER
    return Doelgroepindeling.GEZINSMIGRANT_EN_OVERIGE_MIGRANT


def is_asielmigrant(doelgroep: str) -> bool:
    return doelgroepindeling(doelgroep) is Doelgroepindeling.ASIELSTATUSHOUDER


class Status(StrEnum):
    AANGEMELD = "aangemeld"
    BREDE_INTAKE = "brede_intake"
    PIP_VASTGESTELD = "pip_vastgesteld"
    IN_UITVOERING = "in_uitvoering"
    AFGEROND = "afgerond"


class Afrondingsreden(StrEnum):
    VOLDAAN = "voldaan"
    VRIJGESTELD = "vrijgesteld"
    ONTHEVEN = "ontheven"
    VERHUISD = "verhuisd"
    VERTROKKEN = "vertrokken"
    OVERLEDEN = "overleden"
    INGETROKKEN = "ingetrokken"


# The traject's lifecycle (DOMAIN.md "The traject, step by step"). A case can be closed from
# every open status, because plicht can end at any moment (SS106-SS111 in RULES.md).
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.AANGEMELD: frozenset({Status.BREDE_INTAKE, Status.AFGEROND}),
    Status.BREDE_INTAKE: frozenset({Status.PIP_VASTGESTELD, Status.AFGEROND}),
    Status.PIP_VASTGESTELD: frozenset({Status.IN_UITVOERING, Status.AFGEROND}),
    Status.IN_UITVOERING: frozenset({Status.AFGEROND}),
    Status.AFGEROND: frozenset(),
}
OPEN_STATUSES = frozenset(s for s in Status if s is not Status.AFGEROND)
# The timeline steps (Gebeurtenis.Soort) that carry out the PIP: the first of them moves a
# traject from "PIP vastgesteld" to "in uitvoering" (DOMAIN.md "The traject, step by step",
# step 4 Uitvoering: leerroute, PVT, MAP, begeleiding, ontzorgen). Not the netwerk steps: an
# instroomklas or a tolk comes before the route starts as well.
UITVOERING_STAPPEN = frozenset({"leerroute", "module", "begeleiding", "ontzorgen"})


def transition_errors(current: str, new: str, reden: str | None) -> list[str]:
    """Why a status change is not allowed (empty list: allowed).

    A closed traject needs its reason; a closed traject stays closed (a resumed plicht opens a
    new traject, RULES.md SS130). An unknown target status (from a form or API client) is
    refused like any impossible change; an unknown current status is a programming error
    (ValueError).
    """
    current_status = Status(current)
    if new not in Status.__members__.values():
        return [f"Onbekende status: {new}."]
    new_status = Status(new)
    errors = []
    if new_status not in TRANSITIONS[current_status]:
        errors.append(f"Een traject met status '{current_status.value}' kan niet naar "
                      f"'{new_status.value}'.")
    if new_status is Status.AFGEROND and not reden:
        errors.append("Kies een reden om het traject af te ronden.")
    if new_status is not Status.AFGEROND and reden:
        errors.append("Een reden hoort alleen bij afronden.")
    if reden and reden not in Afrondingsreden.__members__.values():
        errors.append(f"Onbekende reden: {reden}.")
    return errors


PIP_TERMIJN = timedelta(weeks=10)
PIP_VERLENGING_DERDEN = timedelta(weeks=2)
PIP_WAARSCHUWING = timedelta(weeks=2)


def pip_uiterlijk(klok_start: date | None, derde_informatie_ontvangen: date | None = None
                  ) -> date | None:
    """The last day to vaststellen the PIP.

    Ten weeks from the start of the clock (Wi2021 art. 15 jo. Bi art. 5.3; the clock starts on
    DUO's notice SS139, RULES.md event catalogue). The only extension: when the gemeente needed
    information from a third party, two weeks after its receipt when that ends later (Bi 5.3).
    """
    if klok_start is None:
        return None
    deadline = klok_start + PIP_TERMIJN
    if derde_informatie_ontvangen is not None:
        deadline = max(deadline, derde_informatie_ontvangen + PIP_VERLENGING_DERDEN)
    return deadline


class Urgentie(StrEnum):
    TE_LAAT = "te_laat"
    BIJNA = "bijna"
    OP_TIJD = "op_tijd"
    GEEN = "geen"


@dataclass(frozen=True)
class Deadline:
    datum: date | None
    urgentie: Urgentie


def deadline_urgentie(deadline: date | None, vandaag: date) -> Urgentie:
    """Overdue after the deadline day; a warning from two weeks before it (issue 2, §5)."""
    if deadline is None:
        return Urgentie.GEEN
    if vandaag > deadline:
        return Urgentie.TE_LAAT
    if vandaag >= deadline - PIP_WAARSCHUWING:
        return Urgentie.BIJNA
    return Urgentie.OP_TIJD


def deadline_bereik(urgentie: str, vandaag: date) -> tuple[date | None, date | None]:
    """The deadlines (inclusive bounds, ``None`` = open) that have this urgency on ``vandaag``.

    The set-based twin of :func:`deadline_urgentie`, so that lists filter on an index instead
    of deciding per row. ``GEEN`` has no range: it means "no deadline" (filter on null).
    """
    urgentie = Urgentie(urgentie)
    if urgentie is Urgentie.TE_LAAT:
        return None, vandaag - timedelta(days=1)
    if urgentie is Urgentie.BIJNA:
        return vandaag, vandaag + PIP_WAARSCHUWING
    if urgentie is Urgentie.OP_TIJD:
        return vandaag + PIP_WAARSCHUWING + timedelta(days=1), None
    raise ValueError("Urgentie 'geen' heeft geen datumbereik.")


def volgende_deadline(status: str, pip_deadline: date | None) -> date | None:
    """The date the werkvoorraad sorts on: the PIP deadline until the PIP is vastgesteld."""
    if Status(status) in (Status.AANGEMELD, Status.BREDE_INTAKE):
        return pip_deadline
    return None
