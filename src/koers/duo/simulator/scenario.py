"""Scenario files of the DUO simulator: what DUO "knows" when the simulator starts.

A scenario is one JSON object. Every date is either ISO (``"2026-03-01"``) or relative to the
day the scenario is loaded: ``"vandaag"``, ``"vandaag-84d"``, ``"vandaag+2w"``, ``"vandaag-3m"``
(months) or ``"vandaag+1j"`` (years). Relative dates keep a scenario in step with the demo data,
whose dates are relative to today too. Field names follow the DUO OpenAPI schemas wherever a
value is returned as-is::

    {
      "duoOin": "00000001234567890000",       # optional; default settings.DUO_OIN
      "termijnBijEerstePip": true,            # DUO sets the termijn when the first PIP arrives
      "gemeenten": [{"code": "0988", "naam": "Weert", "oin": "00000009909880000000"}],
      "instellingen": [                       # schema Instelling of API Inburgeringsaanbod
        {"instellingsnummer": "1000000001", "naam": "Taalcentrum", "postcode": "6001AB",
         "huisnummer": 1, "plaatsnaam": "Weert", "indicatieBowKeurmerk": true,
         "indicatieTstKeurmerk": false}],
      "verlengingsgronden": [{"code": "ZIEK", "omschrijving": "Ziekte"}],
      "personen": [{
        "bsn": "999990019",                   # 9 digits; fictional (RvIG test range)
        "naam": "Amira Al-Hassan",            # only shown on the simulator's own page
        "vNummer": 9900000001,                # optional, sent along in notifications
        "gemeente": "0988",                   # woongemeente (CBS code)
        "vestigingsdatum": "vandaag-84d",     # settlement in that gemeente
        "coa": false, "coaGemeente": null,    # living in a COA location, linked gemeente
        "plicht": {...},                      # schema Inburgeringsplicht
        "plichtHistorie": [...],              # schema InburgeringsplichtHistorie (list)
        "doelgroep": {                        # schema Doelgroep, DUO's own indeling
          "gedetailleerdeDoelgroep": "Gezinsvormer",
          "indeling": "Asielstatushouder",    # may differ from the detailed doelgroep
          "asielrechtenWijzigingVerblijfsdoel": "Behoud asielrechten",
          "begindatum": ...},
        "doelgroepHistorie": [...],           # schema Doelgroephistorie (list)
        "termijn": {"startdatum": ..., "einddatum": ...} or null,
        "termijnHistorie": [...],
        "lbtExamennummer": "LBT000000001",    # or null
        "lbtResultaten": [...], "examenresultaten": [...], "gratispogingen": [...],
        "vrijstellingen": [...], "ontheffingen": [...],
        "boetes": [{"bedrag": 340, "datum": ...}],
        "verlengingen": [{"beoordelingAanvraag": "Toegekend", "ontvangstdatum": ...}],
        "pips": [{"gemeentecode": "0946", "geregistreerd": ..., "pip": {schema PIP}}],
                                              # may be an earlier gemeente's PIP (SS121)
        "map": {...}, "pvt": {...}, "zroute": {...},   # as reported with PUT
        "voldaanViaZroute": false,            # DUO set it when Z-route, MAP and PVT were in
        "uren": {"0988": {"TaallesEnKnmBredeIntake": {"uren": 12}, "bekendTot": ...}},
        "aanbod": {"1000000001": {"gemeentecode": "0988", ...schema Inburgeringsaanbod}}
      }]
    }

Only ``bsn``, ``gemeente`` and ``plicht`` are required per person; the rest defaults to "DUO
knows nothing" (lists empty, objects absent → 404). ``pips`` is the PIP history at every
gemeente, oldest first; the last entry is the current PIP (GET PIP returns it, also when it
is an earlier gemeente's) and the first is the person's first PIP. The simulator stores what
gemeenten report in the same fields, so a state file (``--state``) has this format too.

What the scenario states is DUO's word: the doelgroep's ``indeling`` is used as given. Only
when a scenario leaves it out, the simulator fills it from its own table (rules.indeling_van);
an absent ``doelgroepHistorie`` becomes one period with that indeling. Every DUO object in a
scenario is checked against its schema in DUO's OpenAPI files (e.g. the ontheffingen against
Ontheffing, with ``urenBelastbaarheidParticipatieactiviteit``; the vrijstellingen against
Vrijstelling, with ``TijdelijkeVrijstelling``), so a scenario cannot hold what DUO never sends.
The simulator imports nothing from Koers outside this package.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

from koers.duo.simulator import contract
from koers.duo.simulator.rules import indeling_van, plus_maanden

DEMO_SCENARIO = Path(__file__).with_name("scenario_demo.json")
_RELATIEF = re.compile(r"^vandaag(?:([+-])(\d+)([dwmj]))?$")
_LIJSTEN = (
    "plichtHistorie",
    "doelgroepHistorie",
    "termijnHistorie",
    "lbtResultaten",
    "examenresultaten",
    "gratispogingen",
    "vrijstellingen",
    "ontheffingen",
    "boetes",
    "verlengingen",
    "pips",
)
_OBJECTEN = ("uren", "aanbod")
# Scenario fields that DUO returns as-is: (API file, schema, is a list).
_SCHEMAS = {
    "plicht": ("Inburgeringsplicht", "Inburgeringsplicht", False),
    "plichtHistorie": ("Inburgeringsplicht", "Inburgeringsplichthistorie", True),
    "doelgroep": ("Inburgeringsplicht", "Doelgroep", False),
    "doelgroepHistorie": ("Inburgeringsplicht", "Doelgroephistorie", True),
    "termijn": ("Inburgeringstermijn", "Inburgeringstermijn", False),
    "termijnHistorie": ("Inburgeringstermijn", "Inburgeringstermijnhistorie", True),
    "lbtResultaten": ("Leerbaarheidstoets", "Resultaat", True),
    "examenresultaten": ("Examen", "Examenresultaat", True),
    "gratispogingen": ("Examen", "GratisPogingTegoed", True),
    "vrijstellingen": ("Vrijstelling", "Vrijstelling", True),
    "ontheffingen": ("Ontheffing", "Ontheffing", True),
}


class ScenarioFout(ValueError):
    """The scenario file cannot be used; the message says why, in Dutch."""


def datum(waarde: str, vandaag: date) -> str:
    """An ISO date for ``waarde``: ISO stays ISO, ``vandaag±N[dwmj]`` is resolved."""
    m = _RELATIEF.match(waarde)
    if not m:
        return waarde
    teken, aantal, eenheid = m.groups()
    if not teken:
        return vandaag.isoformat()
    n = int(aantal) * (1 if teken == "+" else -1)
    if eenheid == "d":
        uitkomst = vandaag + timedelta(days=n)
    elif eenheid == "w":
        uitkomst = vandaag + timedelta(weeks=n)
    elif eenheid == "m":
        uitkomst = plus_maanden(vandaag, n)
    else:
        uitkomst = plus_maanden(vandaag, 12 * n)
    return uitkomst.isoformat()


def _los_op(waarde, vandaag: date):
    if isinstance(waarde, str):
        return datum(waarde, vandaag)
    if isinstance(waarde, list):
        return [_los_op(v, vandaag) for v in waarde]
    if isinstance(waarde, dict):
        return {k: _los_op(v, vandaag) for k, v in waarde.items()}
    return waarde


def normaliseer(ruw: dict, vandaag: date, duo_oin: str | None = None) -> dict:
    """The simulator's state from a scenario: dates resolved, persons keyed by BSN."""
    if not isinstance(ruw, dict):
        raise ScenarioFout("Het scenario moet een JSON-object zijn.")
    if "personen" in ruw and isinstance(ruw["personen"], dict):
        return ruw  # already a saved state
    data = _los_op(ruw, vandaag)
    gemeenten = {}
    for g in data.get("gemeenten", []):
        if not re.fullmatch(r"\d{4}", str(g.get("code", ""))) or not re.fullmatch(
            r"\d{20}", str(g.get("oin", ""))
        ):
            raise ScenarioFout(
                f"Gemeente {g!r}: code (4 cijfers) en oin (20 cijfers) zijn verplicht."
            )
        gemeenten[g["code"]] = {
            "code": g["code"],
            "naam": g.get("naam", g["code"]),
            "oin": g["oin"],
        }
    personen = {}
    for p in data.get("personen", []):
        bsn = str(p.get("bsn", ""))
        if not re.fullmatch(r"\d{9}", bsn):
            raise ScenarioFout(f"Persoon met bsn {bsn[:3]}…: een BSN heeft 9 cijfers.")
        if p.get("gemeente") not in gemeenten:
            raise ScenarioFout(
                f"Persoon {p.get('naam', '')}: gemeente {p.get('gemeente')} "
                "staat niet bij de gemeenten."
            )
        if "plicht" not in p:
            raise ScenarioFout(f"Persoon {p.get('naam', '')}: 'plicht' ontbreekt.")
        persoon = dict(p)
        for veld in _LIJSTEN:
            persoon[veld] = list(persoon.get(veld) or [])
        for veld in _OBJECTEN:
            persoon[veld] = dict(persoon.get(veld) or {})
        doelgroep = persoon.get("doelgroep")
        if doelgroep and not doelgroep.get("indeling") and indeling_van(doelgroep):
            persoon["doelgroep"] = doelgroep = {**doelgroep, "indeling": indeling_van(doelgroep)}
        if doelgroep and doelgroep.get("indeling") and not persoon["doelgroepHistorie"]:
            persoon["doelgroepHistorie"] = [
                {k: doelgroep[k] for k in ("indeling", "begindatum") if doelgroep.get(k)}
            ]
        _controleer(persoon)
        personen[bsn] = persoon
    return {
        "duoOin": data.get("duoOin") or duo_oin or "",
        "termijnBijEerstePip": bool(data.get("termijnBijEerstePip", True)),
        "gemeenten": gemeenten,
        "instellingen": list(data.get("instellingen", [])),
        "verlengingsgronden": list(data.get("verlengingsgronden", [])),
        "personen": personen,
        "contactpersonen": dict(data.get("contactpersonen", {})),
        "volgendContactpersoonId": int(data.get("volgendContactpersoonId", 1)),
    }


def _controleer(persoon: dict) -> None:
    """Every DUO object of a person must match its schema in DUO's OpenAPI files."""
    naam = persoon.get("naam", "")
    for veld, (api, schema_naam, is_lijst) in _SCHEMAS.items():
        waarde = persoon.get(veld)
        if waarde is None or (is_lijst and not waarde):
            continue
        schema = contract.schemas(api)[schema_naam]
        fouten = contract.schema_fouten(
            {"type": "array", "items": schema} if is_lijst else schema, waarde, veld
        )
        if fouten:
            raise ScenarioFout(
                f"Persoon {naam}: {fouten[0]} (schema {schema_naam} van de {api}-API van DUO)."
            )
    for index, registratie in enumerate(persoon["pips"]):
        if not re.fullmatch(r"\d{4}", str(registratie.get("gemeentecode", ""))):
            raise ScenarioFout(f"Persoon {naam}: pips[{index}].gemeentecode heeft 4 cijfers.")
        fouten = contract.schema_fouten(
            contract.schemas("PIP")["PIP"], registratie.get("pip"), f"pips[{index}].pip"
        )
        if fouten:
            raise ScenarioFout(f"Persoon {naam}: {fouten[0]} (schema PIP van DUO).")


def lees(pad: str | Path, vandaag: date, duo_oin: str | None = None) -> dict:
    """Read and normalise a scenario (or saved state) file."""
    try:
        ruw = json.loads(Path(pad).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ScenarioFout(f"Scenariobestand {pad} bestaat niet.") from exc
    except json.JSONDecodeError as exc:
        raise ScenarioFout(
            f"Scenariobestand {pad} is geen geldige JSON: {exc.msg} (regel {exc.lineno})."
        ) from exc
    return normaliseer(ruw, vandaag, duo_oin)
