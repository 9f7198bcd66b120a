"""Scenario files of the BRP simulator: the persons "the BRP" knows when the simulator starts.

A scenario is one JSON object (or a dict in tests)::

    {
      "toelichting": "free text",
      "personen": [{                          # schema Persoon of the BRP API Personen
        "burgerservicenummer": "999990007",   # 9 digits, passes the elfproef
        "geslacht": {"code": "V", "omschrijving": "vrouw"},
        "naam": {"voornamen": "Amira", "geslachtsnaam": "Al-Hassan"},
        "geboorte": {"datum": "vandaag-31j-40d", "land": {...}, "plaats": {...}},
        "verblijfplaats": {"type": "Adres", "datumVan": "vandaag-85d", "verblijfadres": {...}},
        "gemeenteVanInschrijving": {"code": "0988", "omschrijving": "Weert"},
        "datumInschrijvingInGemeente": "vandaag-85d",
        "geheimhoudingPersoonsgegevens": 7,   # the BRP's indicatie 0-7; > 0 answers true
        "simulator": {"situatie": "gewoon", "toelichting": "..."}   # never returned
      }]
    }

Every date field (a key that starts with ``datum`` or ``einddatum``) may be written as text:
ISO (``"1990-05-01"``), relative to the day the scenario is loaded (``"vandaag"``,
``"vandaag-34j"``, ``"vandaag-34j-120d"``, ``"vandaag+2w"``, ``"vandaag-3m"``), a year
(``"1990"``), a year and month (``"1990-05"``) or ``"onbekend"``; it becomes the BRP's date
object (``{"type": "Datum", "datum": ..., "langFormaat": "1 mei 1990"}``, ``JaarDatum``...).
What the BRP derives is filled in when the scenario leaves it out: ``naam.voorletters``,
``naam.volledigeNaam`` and ``adressering`` (letter lines, aanhef, aanschrijfwijze); ``leeftijd``
is computed on the day of each request. Every person is then checked against the schema
Persoon of the specification, so a scenario cannot hold what the BRP never sends.
The simulator imports nothing from Koers outside this package.
"""

from __future__ import annotations

import calendar
import copy
import json
import re
from datetime import date, timedelta
from pathlib import Path

from koers.brp.simulator import contract

DEMO_SCENARIO = Path(__file__).with_name("scenario_demo.json")
_RELATIEF = re.compile(r"^vandaag((?:[+-]\d+[dwmj])*)$")
_DEEL = re.compile(r"([+-])(\d+)([dwmj])")
MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
OVERLEDEN = "O"  # reden opschorting bijhouding: overlijden


class ScenarioFout(ValueError):
    """The scenario cannot be used; the message says why, in Dutch."""


def elfproef(bsn: str) -> bool:
    """A BSN: 9 digits whose weighted sum (9..2, and -1 for the last) is a multiple of 11."""
    if not re.fullmatch(r"[0-9]{9}", bsn):
        return False
    som = sum(int(c) * w for c, w in zip(bsn, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    return som % 11 == 0 and bsn != "000000000"


def plus_maanden(dag: date, maanden: int) -> date:
    totaal = dag.year * 12 + dag.month - 1 + maanden
    jaar, maand = divmod(totaal, 12)
    return date(jaar, maand + 1, min(dag.day, calendar.monthrange(jaar, maand + 1)[1]))


def iso(waarde: str, vandaag: date) -> str:
    """``waarde`` with ``vandaag±N[dwmj]...`` resolved to an ISO date; other text unchanged."""
    m = _RELATIEF.match(waarde)
    if not m:
        return waarde
    dag = vandaag
    for teken, aantal, eenheid in _DEEL.findall(m.group(1)):
        n = int(aantal) * (1 if teken == "+" else -1)
        if eenheid == "d":
            dag += timedelta(days=n)
        elif eenheid == "w":
            dag += timedelta(weeks=n)
        else:
            dag = plus_maanden(dag, n if eenheid == "m" else 12 * n)
    return dag.isoformat()


def datum_object(waarde: str, vandaag: date) -> dict:
    """The BRP's date object (AbstractDatum) for a date written as text."""
    tekst = iso(waarde, vandaag)
    if tekst == "onbekend":
        return {"type": "DatumOnbekend", "onbekend": True, "langFormaat": "onbekend"}
    if re.fullmatch(r"\d{4}", tekst):
        return {"type": "JaarDatum", "jaar": int(tekst), "langFormaat": tekst}
    if re.fullmatch(r"\d{4}-\d{2}", tekst):
        jaar, maand = int(tekst[:4]), int(tekst[5:])
        return {
            "type": "JaarMaandDatum",
            "jaar": jaar,
            "maand": maand,
            "langFormaat": f"{MAANDEN[maand - 1]} {jaar}",
        }
    try:
        dag = date.fromisoformat(tekst)
    except ValueError as exc:
        raise ScenarioFout(f"Datum {waarde!r} is geen geldige datum.") from exc
    return {
        "type": "Datum",
        "datum": dag.isoformat(),
        "langFormaat": f"{dag.day} {MAANDEN[dag.month - 1]} {dag.year}",
    }


def _is_datum_sleutel(sleutel: str) -> bool:
    return sleutel.startswith(("datum", "einddatum"))


def _datums(waarde, vandaag: date, sleutel: str = ""):
    if isinstance(waarde, str) and _is_datum_sleutel(sleutel):
        return datum_object(waarde, vandaag)
    if isinstance(waarde, list):
        return [_datums(v, vandaag) for v in waarde]
    if isinstance(waarde, dict):
        if "langFormaat" in waarde:
            return waarde
        return {k: _datums(v, vandaag, k) for k, v in waarde.items()}
    return waarde


# ---------------------------------------------------------------- what the BRP derives


def voorletters(voornamen: str) -> str:
    return "".join(f"{deel[0].upper()}." for deel in voornamen.split())


def _volledige_naam(naam: dict) -> str:
    delen = [naam.get("voornamen"), naam.get("voorvoegsel"), naam.get("geslachtsnaam")]
    return " ".join(d for d in delen if d)


def _achternaam(naam: dict, hoofdletter: bool) -> str:
    voorvoegsel = naam.get("voorvoegsel") or ""
    if voorvoegsel and hoofdletter:
        voorvoegsel = voorvoegsel[0].upper() + voorvoegsel[1:]
    return " ".join(d for d in (voorvoegsel, naam.get("geslachtsnaam")) if d)


def adressering(persoon: dict) -> dict:
    """The letter lines and forms of address the BRP derives (aanduiding naamgebruik "eigen":
    the person's own name)."""
    naam = persoon.get("naam") or {}
    uit: dict = {}
    if naam.get("geslachtsnaam"):
        letters = naam.get("voorletters") or voorletters(naam.get("voornamen") or "")
        geslacht = (persoon.get("geslacht") or {}).get("code")
        aanspreek = {"M": "heer", "V": "mevrouw"}.get(geslacht or "")
        uit["aanschrijfwijze"] = {"naam": f"{letters} {_achternaam(naam, False)}".strip()}
        if aanspreek:
            uit["aanhef"] = f"Geachte {aanspreek} {_achternaam(naam, True)}"
            uit["gebruikInLopendeTekst"] = f"{aanspreek} {_achternaam(naam, False)}"
        else:
            uit["aanhef"] = f"Geachte {letters} {_achternaam(naam, True)}".strip()
            uit["gebruikInLopendeTekst"] = f"{letters} {_achternaam(naam, False)}".strip()
    plaats = persoon.get("verblijfplaats") or {}
    adres = plaats.get("verblijfadres") or {}
    if plaats.get("type") == "Adres":
        nummer = f"{adres.get('huisnummer', '')}{adres.get('huisletter', '')}"
        if adres.get("huisnummertoevoeging"):
            nummer += f"-{adres['huisnummertoevoeging']}"
        postcode = adres.get("postcode", "")
        if len(postcode) == 6:
            postcode = f"{postcode[:4]} {postcode[4:]}"
        uit["adresregel1"] = f"{adres.get('korteStraatnaam', '')} {nummer}".strip()[:40]
        uit["adresregel2"] = f"{postcode}  {adres.get('woonplaats', '').upper()}".strip()[:50]
    elif plaats.get("type") == "VerblijfplaatsBuitenland":
        for i in (1, 2, 3):
            if adres.get(f"regel{i}"):
                uit[f"adresregel{i}"] = adres[f"regel{i}"]
        if adres.get("land"):
            uit["land"] = adres["land"]
    elif plaats.get("type") == "Locatie" and adres.get("locatiebeschrijving"):
        uit["adresregel1"] = adres["locatiebeschrijving"]
    return uit


def _afgeleid(persoon: dict) -> dict:
    persoon = copy.deepcopy(persoon)
    naam = persoon.get("naam")
    for relatie in [
        persoon,
        *persoon.get("partners", []),
        *persoon.get("kinderen", []),
        *persoon.get("ouders", []),
    ]:
        relatie_naam = relatie.get("naam")
        if relatie_naam and relatie_naam.get("voornamen") and "voorletters" not in relatie_naam:
            relatie_naam["voorletters"] = voorletters(relatie_naam["voornamen"])
    if naam and "volledigeNaam" not in naam and naam.get("geslachtsnaam"):
        naam["volledigeNaam"] = _volledige_naam(naam)
    geheim = persoon.get("geheimhoudingPersoonsgegevens")
    if isinstance(geheim, int) and not isinstance(geheim, bool):
        if geheim:
            persoon["geheimhoudingPersoonsgegevens"] = True
        else:
            persoon.pop("geheimhoudingPersoonsgegevens")
    if "adressering" not in persoon:
        persoon["adressering"] = adressering(persoon)
        if not persoon["adressering"]:
            del persoon["adressering"]
    return persoon


def leeftijd(persoon: dict, vandaag: date) -> int | None:
    """Age in whole years today; none for the dead or without a full birth date."""
    if persoon.get("overlijden") or is_overleden(persoon):
        return None
    datum = (persoon.get("geboorte") or {}).get("datum") or {}
    if datum.get("type") != "Datum":
        return None
    geboren = date.fromisoformat(datum["datum"])
    return (
        vandaag.year - geboren.year - ((vandaag.month, vandaag.day) < (geboren.month, geboren.day))
    )


def is_overleden(persoon: dict) -> bool:
    reden = ((persoon.get("opschortingBijhouding") or {}).get("reden") or {}).get("code")
    return reden == OVERLEDEN


# ---------------------------------------------------------------- loading


def persoon(ruw: dict, vandaag: date) -> dict:
    """One person from a scenario (or ``PUT /_sim/personen/<bsn>``), ready to answer from."""
    if not isinstance(ruw, dict):
        raise ScenarioFout("Een persoon moet een JSON-object zijn.")
    bsn = str(ruw.get("burgerservicenummer", ""))
    if not elfproef(bsn):
        raise ScenarioFout(
            f"Persoon {bsn[:3]}…: burgerservicenummer heeft 9 cijfers en voldoet aan de elfproef."
        )
    metadata = ruw.get("simulator") or {}
    uit = _afgeleid(_datums({k: v for k, v in ruw.items() if k != "simulator"}, vandaag))
    fouten = contract.fouten(contract.schema("Persoon"), uit)
    if fouten:
        raise ScenarioFout(
            f"Persoon {bsn[:3]}…: {contract.beschrijf(fouten[0])} (schema Persoon van de BRP API)."
        )
    uit["simulator"] = metadata
    return uit


def normaliseer(ruw: dict, vandaag: date) -> dict:
    """The simulator's state from a scenario: persons by BSN, dates resolved."""
    if not isinstance(ruw, dict) or not isinstance(ruw.get("personen", []), list):
        raise ScenarioFout("Het scenario moet een JSON-object met een lijst 'personen' zijn.")
    personen: dict[str, dict] = {}
    for p in ruw.get("personen", []):
        gelezen = persoon(p, vandaag)
        if gelezen["burgerservicenummer"] in personen:
            raise ScenarioFout(
                f"Persoon {gelezen['burgerservicenummer'][:3]}… staat twee keer in het scenario."
            )
        personen[gelezen["burgerservicenummer"]] = gelezen
    return {"toelichting": ruw.get("toelichting", ""), "personen": personen}


def laad(bron: str | Path | dict | None, vandaag: date | None = None) -> dict:
    """A normalised scenario from a dict, a JSON file, or ``None`` for the demo scenario."""
    dag = vandaag or date.today()
    if isinstance(bron, dict):
        return normaliseer(bron, dag)
    pad = Path(bron) if bron else DEMO_SCENARIO
    try:
        ruw = json.loads(pad.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ScenarioFout(f"Scenariobestand {pad} bestaat niet.") from exc
    except json.JSONDecodeError as exc:
        raise ScenarioFout(
            f"Scenariobestand {pad} is geen geldige JSON: {exc.msg} (regel {exc.lineno})."
        ) from exc
    return normaliseer(ruw, dag)
