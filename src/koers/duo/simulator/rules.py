"""DUO's own facts about a person, as the simulator keeps them: calendar, current PIP, who may
see whom, and the doelgroep indeling.

Written from shared/duo-m2m only (RULES.md and the OpenAPI files), never from Koers' code, so
the simulator can disagree with Koers. The rules DUO applies to a gemeente's reports are in
regels.py.
"""

from __future__ import annotations

import calendar
from datetime import date

ASIELSTATUSHOUDER = "Asielstatushouder"
GEZINSMIGRANT_EN_OVERIG = "Gezinsmigrant en overige migrant"

#: The detailed doelgroepen DUO counts as asylum group when a scenario leaves ``indeling``
#: out: the permit holder and the family members who joined or formed a family with one.
ASIELGROEP = frozenset(
    {
        "Asielstatushouder",
        "Gezinshereniger met Asielstatushouder",
        "Gezinsvormer met Asielstatushouder",
    }
)

#: asielrechtenWijzigingVerblijfsdoel (Inburgeringsplicht API) and the rights it keeps.
RECHTEN_NA_WIJZIGING = {
    "Asielrechten toegekend": ASIELSTATUSHOUDER,
    "Behoud asielrechten": ASIELSTATUSHOUDER,
    "Op verzoek behoud rechten van gezins- en overige migrant": GEZINSMIGRANT_EN_OVERIG,
    "Op verzoek rechten van gezins- en overige migrant toegekend": GEZINSMIGRANT_EN_OVERIG,
}


def plus_maanden(dag: date, maanden: int) -> date:
    """``dag`` moved by whole calendar months; a day the month lacks becomes its last day
    (31 January + 1 month = 28/29 February)."""
    index = dag.year * 12 + dag.month - 1 + maanden
    jaar, maand = divmod(index, 12)
    return date(jaar, maand + 1, min(dag.day, calendar.monthrange(jaar, maand + 1)[1]))


def indeling_van(doelgroep: dict | None) -> str | None:
    """DUO's ``Doelgroep.indeling`` of a person: what the scenario states, else derived.

    Source: Inburgeringsplicht API, schemas Doelgroep, Doelgroepindeling,
    AsielrechtenWijzigingVerblijfsdoel. DUO states the indeling itself; a scenario may leave it
    out. Then a stated ``asielrechtenWijzigingVerblijfsdoel`` decides (its four values each
    name the rights that apply), else the detailed doelgroep: the asylum permit and the family
    of a permit holder ("... met Asielstatushouder") form the asylum group (schema
    GedetailleerdeDoelgroep; which detailed groups fall in it is the simulator's own table,
    ASIELGROEP, not stated in the file).
    """
    if not doelgroep:
        return None
    if doelgroep.get("indeling"):
        return doelgroep["indeling"]
    recht = doelgroep.get("asielrechtenWijzigingVerblijfsdoel")
    if recht in RECHTEN_NA_WIJZIGING:
        return RECHTEN_NA_WIJZIGING[recht]
    gedetailleerd = doelgroep.get("gedetailleerdeDoelgroep")
    if not gedetailleerd:
        return None
    return ASIELSTATUSHOUDER if gedetailleerd in ASIELGROEP else GEZINSMIGRANT_EN_OVERIG


def is_asielstatushouder(persoon: dict) -> bool:
    """True when DUO's indeling of the person is Asielstatushouder (never the detailed group:
    DUO can keep asylum rights for a gezinsvormer, or give a permit holder the other group's)."""
    return indeling_van(persoon.get("doelgroep")) == ASIELSTATUSHOUDER


def huidige_pip(persoon: dict) -> dict | None:
    """The person's current PIP registration at any gemeente (the last reported), or None.

    Source: PIP API, getPipByBsn: "Dit kan ook een PIP van een voorgaande gemeente betreffen".
    """
    pips = persoon.get("pips") or []
    return pips[-1] if pips else None


def mag_inzien(persoon: dict, gemeentecode: str, vandaag: date) -> bool:
    """True when DUO shows this person to the gemeente.

    Source: RULES.md "Which persons a gemeente may see": resident there and not living in a
    COA location; or living in a COA location and linked to the gemeente by COA; or whose
    current PIP is the gemeente's; or whose current PIP is less than a month old and the
    previous PIP was the gemeente's.
    """
    if persoon.get("coa"):
        if persoon.get("coaGemeente") == gemeentecode:
            return True
    elif persoon.get("gemeente") == gemeentecode:
        return True
    pips = persoon.get("pips") or []
    if pips and pips[-1]["gemeentecode"] == gemeentecode:
        return True
    if len(pips) >= 2 and pips[-2]["gemeentecode"] == gemeentecode:
        sinds = date.fromisoformat(
            pips[-1].get("geregistreerd") or pips[-1]["pip"]["dagtekeningPip"]
        )
        return vandaag < plus_maanden(sinds, 1)
    return False
