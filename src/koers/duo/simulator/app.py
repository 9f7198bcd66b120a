"""The DUO simulator: a small WSGI app that plays DUO's side of the chain.

It serves every operation of DUO's OpenAPI files under ``/v1`` (read from disk by
contract.py), answers from an in-memory state loaded from a scenario (scenario.py), applies
DUO's business rules to what gemeenten report (regels.py, written from RULES.md) and stores
what it accepted. It imports nothing from Koers outside this package and never touches Koers'
database: it plays DUO independently, so it can disagree with Koers.

Next to the DUO paths, and clearly apart from them, ``/_sim/`` holds the tools for tests and
demos: a page to send notifications, fault injection (``POST /_sim/storing``), a reset, the
list of received requests (``GET /_sim/ontvangen``) and, per berichtId, the reports DUO
applied (``GET /_sim/verwerkt``).

A report (any operation other than GET) that arrives again with a berichtId DUO already
applied is a retry: DUO answers as the first time and applies nothing again, so a gemeente
that lost DUO's answer (a time-out, a crash) may safely send the same message again.

No request is logged: paths hold BSNs.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from koers.duo.simulator import contract, pages, regels, scenario
from koers.duo.simulator.contract import lees_body
from koers.duo.simulator.notificatie import NotificatieFout, stuur
from koers.duo.simulator.rules import huidige_pip, mag_inzien

BASIS = "/v1"
STANDAARD_VERSIE = "1.0.0"  # API-Version on a 404 for a path DUO does not serve
MAX_ONTVANGEN = 1000
_ONLEESBAAR = object()  # a body that is no JSON

_REASONS = {
    200: "OK",
    201: "Created",
    204: "No Content",
    302: "Found",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


@dataclass
class Antwoord:
    status: int
    body: object = None


def fout(status: int, *teksten: str) -> Antwoord:
    """A functional error: DUO's list of Foutmelding objects (fouttekst at most 200 chars)."""
    return Antwoord(status, [{"fouttekst": t[:200]} for t in teksten])


@dataclass
class Verzoek:
    """One DUO request after the transport checks: who asks what."""

    operation_id: str
    gemeentecode: str
    params: dict
    body: object
    vandaag: date


# ---------------------------------------------------------------- the state of "DUO"


class Simulator:
    """DUO's state plus the WSGI entry point. Thread-safe: one lock around every request."""

    def __init__(
        self,
        scenario_data: dict,
        *,
        state: dict | None = None,
        koers_url: str = "",
        state_file: str | None = None,
        duo_oin: str = "",
        vandaag: Callable[[], date] = date.today,
    ):
        """``scenario_data``: a normalised scenario (scenario.normaliseer), also what
        ``/_sim/reset`` returns to; ``state``: a saved state to start from instead."""
        self._origineel = copy.deepcopy(scenario_data)
        if duo_oin and not self._origineel.get("duoOin"):
            self._origineel["duoOin"] = duo_oin
        self.state = copy.deepcopy(state or self._origineel)
        if not self.state.get("duoOin"):
            self.state["duoOin"] = self._origineel["duoOin"]
        self.koers_url = koers_url
        self.state_file = state_file
        self.vandaag = vandaag
        self.lock = threading.RLock()
        self.ontvangen: list[dict] = []
        self.verwerkt: dict[str, dict] = {}  # berichtId → the report DUO applied, and repeats
        self.toegepast: list[tuple[str, str]] = []  # (operationId, berichtId), once per report
        self.storing: dict = {}

    # --- helpers used by the handlers and the page
    @property
    def duo_oin(self) -> str:
        return self.state["duoOin"]

    def gemeente_bij_oin(self, oin: str) -> dict | None:
        return next((g for g in self.state["gemeenten"].values() if g["oin"] == oin), None)

    def reset(self) -> None:
        with self.lock:
            self.state = copy.deepcopy(self._origineel)
            self.ontvangen.clear()
            self.verwerkt.clear()
            self.toegepast.clear()
            self.storing = {}
            self._bewaar()

    def _bewaar(self) -> None:
        if not self.state_file:
            return
        doel = Path(self.state_file)
        fd, tijdelijk = tempfile.mkstemp(dir=doel.parent or ".", prefix=".duo-sim-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(self.state, fh, ensure_ascii=False, indent=1)
        os.replace(tijdelijk, doel)

    def notificeer(
        self,
        gebeurtenis_id: str,
        *,
        bsn: str | None = None,
        gemeentecode: str | None = None,
        doel: str | None = None,
        bericht_id: str | None = None,
        registratie: str | None = None,
    ):
        """Send a notification about a scenario person to Koers (see notificatie.stuur).
        ``bericht_id`` and ``registratie`` given: DUO sends an earlier notification again."""
        with self.lock:
            persoon = self.state["personen"].get(bsn) if bsn else None
            if bsn and persoon is None:
                raise NotificatieFout("Deze persoon staat niet in het scenario.")
            if not doel:
                code = gemeentecode or (
                    persoon
                    and (persoon.get("coaGemeente") if persoon.get("coa") else persoon["gemeente"])
                )
                gemeente = self.state["gemeenten"].get(code or "")
                if gemeente is None:
                    raise NotificatieFout(
                        "Kies een gemeente uit het scenario (gemeentecode) of geef het OIN (doel)."
                    )
                doel = gemeente["oin"]
            v_nummer = persoon.get("vNummer") if persoon else None
        return stuur(
            koers_url=self.koers_url,
            duo_oin=self.duo_oin,
            doel_oin=doel,
            gebeurtenis_id=gebeurtenis_id,
            bsn=bsn,
            v_nummer=v_nummer,
            bericht_id=bericht_id,
            registratie=registratie,
        )

    # --- WSGI
    def __call__(self, environ, start_response):
        pad = environ.get("PATH_INFO", "") or "/"
        if pad == "/_sim" or pad.startswith("/_sim/"):
            status, headers, inhoud = pages.beheer(self, environ, pad)
        elif pad == BASIS or pad.startswith(BASIS + "/"):
            status, headers, inhoud = self._duo(environ, pad[len(BASIS) :])
        else:
            status, headers, inhoud = (
                404,
                [("Content-Type", "text/plain; charset=utf-8")],
                b"Niet gevonden. De DUO-API's staan onder /v1, het beheer onder /_sim/.",
            )
        start_response(
            f"{status} {_REASONS.get(status, 'Status')}",
            [*headers, ("Content-Length", str(len(inhoud)))],
        )
        return [inhoud]

    def _duo(self, environ, pad: str):
        methode = environ["REQUEST_METHOD"].upper()
        gevonden = zoek_operatie(methode, pad)
        bericht_id = environ.get("HTTP_BERICHTID", "")
        headers_in = {
            naam: environ[f"HTTP_{naam.upper()}"]
            for naam in ("bron", "doel", "berichtId")
            if f"HTTP_{naam.upper()}" in environ
        }
        if gevonden is None:
            return _json(404, None, STANDAARD_VERSIE, bericht_id)
        operation_id, params = gevonden
        versie = api_versie(operation_id)
        ruw = lees_body(environ)
        try:
            body = contract.lees_json(ruw) if ruw.strip() else None
        except ValueError:
            body = _ONLEESBAAR
        with self.lock:
            storing = dict(self.storing)
            if storing.get("aantal", 0) > 0 and storing.get("operationId") in (None, operation_id):
                self.storing["aantal"] -= 1
            else:
                storing = {}
            ontvangst = {
                "operationId": operation_id,
                "methode": methode,
                "berichtId": bericht_id,
                "bron": headers_in.get("bron", ""),
                "doel": headers_in.get("doel", ""),
                "params": params,
                "body": None if body is _ONLEESBAAR else body,
                "status": None,
            }
            self.ontvangen.append(ontvangst)
            del self.ontvangen[:-MAX_ONTVANGEN]
        vertraging = int(self.storing.get("vertraging_ms") or 0)
        if vertraging:
            time.sleep(vertraging / 1000)
        if storing:
            antwoord = Antwoord(int(storing["status"]))
        elif body is _ONLEESBAAR:
            antwoord = fout(400, "De inhoud van het bericht is geen geldige JSON.")
        elif methode == "GET":
            antwoord = self._verwerk(operation_id, params, headers_in, body)
        else:
            antwoord = self._meld(operation_id, params, headers_in, body, bericht_id)
        ontvangst["status"] = antwoord.status
        return _json(antwoord.status, antwoord.body, versie, bericht_id)

    def _meld(
        self, operation_id: str, params: dict, headers_in: dict, body, bericht_id: str
    ) -> Antwoord:
        """A report, applied once per berichtId (see the module docstring)."""
        with self.lock:
            eerder = self.verwerkt.get(bericht_id) if bericht_id else None
            if eerder is not None and eerder["operationId"] == operation_id:
                eerder["herhaald"] += 1
                return Antwoord(eerder["status"], copy.deepcopy(eerder["antwoord"]))
            antwoord = self._verwerk(operation_id, params, headers_in, body)
            if 200 <= antwoord.status < 300:
                self.toegepast.append((operation_id, bericht_id))
            if bericht_id and 200 <= antwoord.status < 300:
                self.verwerkt[bericht_id] = {
                    "operationId": operation_id,
                    "status": antwoord.status,
                    "antwoord": copy.deepcopy(antwoord.body),
                    "herhaald": 0,
                }
            return antwoord

    def _verwerk(self, operation_id: str, params: dict, headers_in: dict, body) -> Antwoord:
        fouten = contract.verzoek_fouten(operation_id, params=params, headers=headers_in, body=body)
        if fouten:
            return fout(400, *fouten)
        with self.lock:
            if headers_in["doel"] != self.duo_oin:
                return fout(400, "De header doel is niet het OIN van DUO.")
            gemeente = self.gemeente_bij_oin(headers_in["bron"])
            if gemeente is None:
                return fout(400, "De header bron is niet het OIN van een aangesloten gemeente.")
            verzoek = Verzoek(operation_id, gemeente["code"], params, body, self.vandaag())
            handler = HANDLERS[operation_id]
            if "bsn" in params:
                persoon = self.state["personen"].get(params["bsn"])
                if persoon is None:
                    return Antwoord(404)
                if not mag_inzien(persoon, gemeente["code"], verzoek.vandaag):
                    return fout(403, "Deze persoon hoort niet bij uw gemeente.")
                antwoord = handler(self, verzoek, persoon)
            else:
                antwoord = handler(self, verzoek, None)
            if 200 <= antwoord.status < 300 and contract.operatie(operation_id).methode != "GET":
                self._bewaar()
            return antwoord


def _json(status: int, body, versie: str, bericht_id: str):
    headers = [("API-Version", versie)]
    if bericht_id:
        headers.append(("berichtId", bericht_id))
    if body is None:
        return status, headers, b""
    headers.append(("Content-Type", "application/json"))
    return status, headers, json.dumps(body, ensure_ascii=False).encode("utf-8")


# ---------------------------------------------------------------- routing


@cache
def api_versie(operation_id: str) -> str:
    """info.version of the API file the operation belongs to (the API-Version header)."""
    return contract.operatie(operation_id).versie


def zoek_operatie(methode: str, pad: str) -> tuple[str, dict] | None:
    """(operationId, path params) of a DUO request, or None when DUO has no such operation."""
    gevonden = contract.zoek(methode, pad)
    if gevonden is None or gevonden[0].operation_id not in HANDLERS:
        return None
    return gevonden[0].operation_id, gevonden[1]


# ---------------------------------------------------------------- handlers: raadplegen


def _object(veld: str):
    def handler(sim: Simulator, v: Verzoek, persoon: dict) -> Antwoord:
        waarde = persoon.get(veld)
        return Antwoord(200, waarde) if waarde else Antwoord(404)

    return handler


def _lijst(veld: str):
    def handler(sim: Simulator, v: Verzoek, persoon: dict) -> Antwoord:
        return Antwoord(200, list(persoon.get(veld) or []))

    return handler


def _doelgroep(sim: Simulator, v: Verzoek, persoon: dict) -> Antwoord:
    doelgroep = persoon.get("doelgroep")
    return Antwoord(200, doelgroep) if doelgroep else Antwoord(404)


def _examennummer(sim: Simulator, v: Verzoek, persoon: dict) -> Antwoord:
    nummer = persoon.get("lbtExamennummer")
    return Antwoord(200, {"examennummer": nummer}) if nummer else Antwoord(404)


def _verwijder_examennummer(sim: Simulator, v: Verzoek, persoon: dict) -> Antwoord:
    if not persoon.get("lbtExamennummer"):
        return Antwoord(404)
    persoon["lbtExamennummer"] = None
    return Antwoord(200)


def _verlengingsgronden(sim: Simulator, v: Verzoek, persoon: None) -> Antwoord:
    return Antwoord(200, list(sim.state["verlengingsgronden"]))


def _instellingen(sim: Simulator, v: Verzoek, persoon: None) -> Antwoord:
    return Antwoord(200, list(sim.state["instellingen"]))


def _pip(sim: Simulator, v: Verzoek, persoon: dict) -> Antwoord:
    huidig = huidige_pip(persoon)
    if huidig is None:
        return Antwoord(404)
    return Antwoord(200, {"gemeentecode": huidig["gemeentecode"], "pip": huidig["pip"]})


def _datum(veld: str, soort: str):
    def handler(sim: Simulator, v: Verzoek, persoon: dict) -> Antwoord:
        waarde = (persoon.get(soort) or {}).get(veld)
        return Antwoord(200, {veld: waarde}) if waarde else Antwoord(404)

    return handler


def _uren(sim: Simulator, v: Verzoek, persoon: dict) -> Antwoord:
    return Antwoord(
        200, [{"gemeentecode": code, **uren} for code, uren in sorted(persoon["uren"].items())]
    )


# ---------------------------------------------------------------- handlers: melden


def _post_pip(sim: Simulator, v: Verzoek, persoon: dict) -> Antwoord:
    fouten = regels.pip_fouten(persoon, v.gemeentecode, v.body, v.vandaag)
    if fouten:
        return fout(400, *fouten)
    pip = regels.pip_zoals_duo(v.body)
    eerste = not persoon["pips"]
    persoon["pips"].append(
        {"gemeentecode": v.gemeentecode, "geregistreerd": v.vandaag.isoformat(), "pip": pip}
    )
    if eerste and not persoon.get("termijn") and sim.state.get("termijnBijEerstePip", True):
        persoon["termijn"] = regels.termijn_na_eerste_pip(pip, v.vandaag)
        persoon["termijnHistorie"].append(dict(persoon["termijn"]))
    return Antwoord(201)


def _delete_pip(sim: Simulator, v: Verzoek, persoon: dict) -> Antwoord:
    huidig = huidige_pip(persoon)
    if huidig is None:
        return Antwoord(404)
    if huidig["gemeentecode"] != v.gemeentecode:
        return fout(403, "Het huidige PIP is van een andere gemeente.")
    fouten = regels.pip_verwijder_fouten(persoon)
    if fouten:
        return fout(400, *fouten)
    persoon["pips"].pop()
    return Antwoord(200)


def _put_datum(soort: str):
    def handler(sim: Simulator, v: Verzoek, persoon: dict) -> Antwoord:
        body = v.body or {}
        if soort == "zroute":
            fouten = regels.zroute_fouten(persoon, v.gemeentecode, body, v.vandaag)
        else:
            fouten = regels.map_pvt_fouten(soort, persoon, v.gemeentecode, body, v.vandaag)
        if fouten:
            return fout(400, *fouten)
        if body:
            persoon[soort] = {**body, "gemeentecode": v.gemeentecode}
        else:
            persoon.pop(soort, None)  # PUT replaces: an empty body withdraws the date
        _plicht_voldaan(persoon, v.vandaag)
        return Antwoord(200)

    return handler


def _plicht_voldaan(persoon: dict, vandaag: date) -> None:
    """Z-route, MAP and PVT all in: DUO records the plicht as met (regels.voldaan_via_zroute)."""
    op = regels.voldaan_via_zroute(persoon)
    if op is None or persoon.get("voldaanViaZroute"):
        return
    plicht = persoon.get("plicht") or {}
    persoon["plicht"] = {
        "indicatorInburgeringsplicht": False,
        **{
            k: plicht[k]
            for k in ("begindatum", "datumKennisgevingInburgeringsplicht")
            if plicht.get(k)
        },
        "einddatum": op.isoformat(),
        "wijzigingsdatum": vandaag.isoformat(),
        "redenGeenInburgeringsplicht": "Inburgeringsplicht voldaan",
    }
    persoon["plichtHistorie"].append(
        {
            k: persoon["plicht"][k]
            for k in ("indicatorInburgeringsplicht", "begindatum", "einddatum", "wijzigingsdatum")
            if k in persoon["plicht"]
        }
    )
    persoon["voldaanViaZroute"] = True


def _put_uren(soort: str):
    def handler(sim: Simulator, v: Verzoek, persoon: dict) -> Antwoord:
        fouten = regels.uren_fouten(soort, persoon, v.body)
        if fouten:
            return fout(400, *fouten)
        uren = persoon["uren"].setdefault(v.gemeentecode, {})
        uren[soort] = {"uren": v.body["uren"]}
        uren["bekendTot"] = v.vandaag.isoformat()
        return Antwoord(200)

    return handler


def _post_aanbod(sim: Simulator, v: Verzoek, persoon: dict) -> Antwoord:
    nummer = v.params["instellingsnummer"]
    instelling = next(
        (i for i in sim.state["instellingen"] if i["instellingsnummer"] == nummer), None
    )
    fouten = regels.aanbod_fouten(persoon, nummer, instelling, v.body)
    if fouten:
        return fout(400, *fouten)
    persoon["aanbod"][nummer] = {**v.body, "gemeentecode": v.gemeentecode}  # replaces
    return Antwoord(201)


def _delete_aanbod(sim: Simulator, v: Verzoek, persoon: dict) -> Antwoord:
    aanbod = persoon["aanbod"].get(v.params["instellingsnummer"])
    if aanbod is None:
        return Antwoord(404)
    if aanbod["gemeentecode"] != v.gemeentecode:
        return fout(403, "Dit inburgeringsaanbod is gemeld door een andere gemeente.")
    del persoon["aanbod"][v.params["instellingsnummer"]]
    return Antwoord(204)


def _contactpersoon(sim: Simulator, v: Verzoek) -> tuple[dict | None, Antwoord | None]:
    cp = sim.state["contactpersonen"].get(str(v.params["id"]))
    if cp is None:
        return None, Antwoord(404)
    if cp["gemeentecode"] != v.gemeentecode:
        return None, fout(403, "Deze contactpersoon hoort bij een andere gemeente.")
    return cp, None


def _create_contactpersoon(sim: Simulator, v: Verzoek, persoon: None) -> Antwoord:
    # The body was checked against schema Contactpersoongegevens; RULES.md "Contactpersoon"
    # adds no rule of its own.
    nummer = sim.state["volgendContactpersoonId"]
    if nummer > 99999:
        return fout(400, "Er kunnen geen contactpersonen meer bij.")
    sim.state["volgendContactpersoonId"] = nummer + 1
    gegevens = {k: v.body[k] for k in ("naam", "email", "telefoonnummer")}
    sim.state["contactpersonen"][str(nummer)] = {
        "gemeentecode": v.gemeentecode,
        "gegevens": gegevens,
        "personen": [],
    }
    return Antwoord(201, {"id": nummer, "contactpersoongegevens": gegevens})


def _update_contactpersoon(sim: Simulator, v: Verzoek, persoon: None) -> Antwoord:
    cp, weigering = _contactpersoon(sim, v)
    if weigering:
        return weigering
    cp["gegevens"] = {k: v.body[k] for k in ("naam", "email", "telefoonnummer")}
    return Antwoord(200)


def _delete_contactpersoon(sim: Simulator, v: Verzoek, persoon: None) -> Antwoord:
    cp, weigering = _contactpersoon(sim, v)
    if weigering:
        return weigering
    del sim.state["contactpersonen"][str(v.params["id"])]  # its links go with it
    return Antwoord(200)


def _koppel_contactpersoon(sim: Simulator, v: Verzoek, persoon: dict) -> Antwoord:
    cp, weigering = _contactpersoon(sim, v)
    if weigering:
        return weigering
    bsn = v.params["bsn"]
    for ander in sim.state["contactpersonen"].values():  # one link per person and gemeente
        if ander["gemeentecode"] == v.gemeentecode and bsn in ander["personen"]:
            ander["personen"].remove(bsn)
    cp["personen"].append(bsn)
    return Antwoord(201)


def _ontkoppel_contactpersoon(sim: Simulator, v: Verzoek, persoon: dict) -> Antwoord:
    cp, weigering = _contactpersoon(sim, v)
    if weigering:
        return weigering
    if v.params["bsn"] not in cp["personen"]:
        return Antwoord(404)
    cp["personen"].remove(v.params["bsn"])
    return Antwoord(200)


HANDLERS: dict[str, Callable[..., Antwoord]] = {
    # Inburgeringsplicht
    "getInburgeringsplichtByBsn": _object("plicht"),
    "getInburgeringsplichthistorieByBsn": _lijst("plichtHistorie"),
    "getDoelgroepByBsn": _doelgroep,
    "getDoelgroephistorieByBsn": _lijst("doelgroepHistorie"),
    # Inburgeringstermijn
    "getInburgeringstermijnByBsn": _object("termijn"),
    "getInburgeringstermijnhistorieByBsn": _lijst("termijnHistorie"),
    "getVerlengingsgronden": _verlengingsgronden,
    # Leerbaarheidstoets
    "getExamennummerByBsn": _examennummer,
    "deleteExamennummerByBsn": _verwijder_examennummer,
    "getLbtResultatenByBsn": _lijst("lbtResultaten"),
    # Examen, Vrijstelling, Ontheffing, Boete, Verlenging
    "getExamenresultatenByBsn": _lijst("examenresultaten"),
    "getGratisPogingenTegoedByBsn": _lijst("gratispogingen"),
    "getVrijstellingenByBsn": _lijst("vrijstellingen"),
    "getOntheffingenByBsn": _lijst("ontheffingen"),
    "getBoetesByBsn": _lijst("boetes"),
    "getVerlengingenByBsn": _lijst("verlengingen"),
    # PIP
    "getPipByBsn": _pip,
    "postPipByBsn": _post_pip,
    "deletePipByBsn": _delete_pip,
    # MAP, PVT, Z-route
    "getMapByBsn": _datum("datumEindgesprekMap", "map"),
    "updateMapByBsn": _put_datum("map"),
    "getPvtByBsn": _datum("datumOndertekeningPvt", "pvt"),
    "updatePvtByBsn": _put_datum("pvt"),
    "updateZrouteByBsn": _put_datum("zroute"),
    # Gevolgde uren
    "getGevolgdeUrenByBsn": _uren,
    "updateUrenTaallesEnKnmByBSN": _put_uren("TaallesEnKnmBredeIntake"),
    "updateUrenParticipatieactiviteiten": _put_uren("ParticipatieactiviteitenBredeIntake"),
    "updateUrenParticipatieAlsTaallesByBsn": _put_uren("ParticipatieAlsTaalles"),
    # Inburgeringsaanbod
    "getInstellingen": _instellingen,
    "postInburgeringsaanbodByBsnAndInstellingsnummer": _post_aanbod,
    "deleteInburgeringsaanbodByBsnAndInstellingsnumer": _delete_aanbod,
    # Contactpersoon
    "createContactpersoon": _create_contactpersoon,
    "updateContactpersoonById": _update_contactpersoon,
    "deleteContactpersoonById": _delete_contactpersoon,
    "postContactpersoonByBsn": _koppel_contactpersoon,
    "deleteContactpersoonByBsn": _ontkoppel_contactpersoon,
}


# ---------------------------------------------------------------- serving


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _StilleHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        """No access log: DUO's paths hold BSNs."""


def maak_server(sim: Simulator, host: str = "127.0.0.1", port: int = 8601):
    """A threaded WSGI server for ``sim`` (not started). ``port=0`` picks a free port."""
    return make_server(host, port, sim, server_class=_Server, handler_class=_StilleHandler)


def start_in_thread(sim: Simulator, host: str = "127.0.0.1", port: int = 0):
    """Serve ``sim`` in a daemon thread; returns (server, base URL of the DUO APIs)."""
    server = maak_server(sim, host, port)
    threading.Thread(target=server.serve_forever, name="duo-sim", daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}{BASIS}"


def beheer_url(base_url: str) -> str:
    return base_url[: -len(BASIS)] + "/_sim"


def laad(
    pad: str | None, *, duo_oin: str, state_file: str | None = None, vandaag: date | None = None
) -> tuple[dict, dict | None]:
    """(scenario, saved state or None) to build a Simulator from."""
    dag = vandaag or date.today()
    data = scenario.lees(pad or scenario.DEMO_SCENARIO, dag, duo_oin)
    state = None
    if state_file and Path(state_file).exists():
        state = scenario.lees(state_file, dag, duo_oin)
    return data, state
