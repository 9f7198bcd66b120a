"""DUO-side rules that only the simulator needs: which persons a gemeente may see.

Source: shared/duo-m2m/RULES.md "Which persons a gemeente may see". Koers never applies this
rule itself (DUO decides what it shows), so it lives with the simulator and not in
koers.duo.rules.
"""

from __future__ import annotations

from datetime import date

from koers.pip.rules import add_months


def huidige_pip(persoon: dict) -> dict | None:
    """The person's current PIP registration (the last one reported), or None."""
    pips = persoon.get("pips") or []
    return pips[-1] if pips else None


def mag_inzien(persoon: dict, gemeentecode: str, vandaag: date) -> bool:
    """True when DUO shows this person to the gemeente.

    RULES.md: resident in the gemeente and not living in a COA location; or living in a COA
    location and linked to the gemeente by COA; or whose current PIP is the gemeente's; or
    whose current PIP is less than a month old and the previous PIP was the gemeente's.
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
        geregistreerd = date.fromisoformat(pips[-1].get("geregistreerd")
                                           or pips[-1]["pip"]["dagtekeningPip"])
        return vandaag < add_months(geregistreerd, 1)
    return False

