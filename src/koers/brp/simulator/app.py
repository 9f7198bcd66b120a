"""The BRP simulator: a small WSGI app that plays the BRP API Personen of RvIG (Haal Centraal).

It serves ``POST /haalcentraal/api/brp/personen`` as the specification (read from disk by
contract.py) describes it, from persons held in memory (loaded by scenario.py), and returns
only the asked ``fields`` plus what the BRP always adds (velden.py). It imports nothing from
Koers outside this package and never touches Koers' database: it plays the BRP on its own, so
it can disagree with Koers.

Next to the API, and clearly apart from it, ``/_sim/`` holds the tools for tests and demos:
a page listing the persons, fault injection (``POST /_sim/storing``), a reset
(``POST /_sim/reset``), the received request bodies (``GET /_sim/ontvangen``) and
``PUT /_sim/personen/<bsn>`` to add or change a person (a move, to see Koers refresh).

Started with an API key, every API request must carry it in ``X-API-KEY`` (401 otherwise), as
a BRP provider's gateway asks. No request is logged: bodies hold BSNs.
"""

from __future__ import annotations

import copy
import html
import json
import re
import threading
import time
from collections.abc import Callable
from datetime import date
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from koers.brp.simulator import contract, scenario, velden

BASIS = "/haalcentraal/api/brp"
PERSONEN = BASIS + "/personen"
MAX_ONTVANGEN = 500
JSON = "application/json; charset=utf-8"
_REDENEN = {
    200: "OK",
    201: "Created",
    204: "No Content",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    415: "Unsupported Media Type",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class Simulator:
    """The BRP's persons plus the WSGI entry point. Thread-safe: one lock around the state."""

    def __init__(
        self,
        scenario_data: dict,
        *,
        api_key: str | None = None,
        vandaag: Callable[[], date] = date.today,
    ):
        """``scenario_data``: a normalised scenario (``scenario.laad``), also what a reset
        returns to; ``api_key``: when set, the value ``X-API-KEY`` must carry."""
        self._origineel = copy.deepcopy(scenario_data)
        self.personen: dict[str, dict] = copy.deepcopy(scenario_data["personen"])
        self.api_key = api_key
        self.vandaag = vandaag
        self.lock = threading.RLock()
        self.ontvangen: list = []
        self._storing: dict = {}

    # ------------------------------------------------------------ the Python interface

    def storing(
        self,
        status: int | None = 503,
        aantal: int = 1,
        vertraging: float = 0.0,
        body: dict | None = None,
    ) -> None:
        """Let the next ``aantal`` API requests fail with ``status`` (and ``body``, RvIG's
        problem details when left out), each after ``vertraging`` seconds. ``status=None``
        with a delay answers normally, only late: for a client time-out. ``status=200`` with a
        ``body`` answers that body as JSON: an answer outside the contract, which the
        scenario cannot hold (persons are checked against the schema)."""
        if status is not None and status not in _REDENEN:
            raise ValueError(f"Status {status} kan de simulator niet geven.")
        with self.lock:
            self._storing = {
                "status": status,
                "aantal": max(int(aantal), 0),
                "vertraging": max(float(vertraging), 0.0),
                "body": body,
            }

    def zet_persoon(self, gegevens: dict) -> bool:
        """Add or replace a person (schema Persoon, dates as in a scenario); True when new."""
        gelezen = scenario.persoon(gegevens, self.vandaag())
        with self.lock:
            nieuw = gelezen["burgerservicenummer"] not in self.personen
            self.personen[gelezen["burgerservicenummer"]] = gelezen
        return nieuw

    def reset(self) -> None:
        """Back to the scenario: its persons, no fault, nothing received."""
        with self.lock:
            self.personen = copy.deepcopy(self._origineel["personen"])
            self.ontvangen.clear()
            self._storing = {}

    # ------------------------------------------------------------ WSGI

    def __call__(self, environ, start_response):
        pad = environ.get("PATH_INFO", "") or "/"
        methode = environ.get("REQUEST_METHOD", "GET").upper()
        if pad == "/_sim" or pad.startswith("/_sim/"):
            status, headers, inhoud = self._beheer(methode, pad, environ)
        elif pad.rstrip("/") == PERSONEN:
            status, headers, inhoud = self._api(methode, environ)
        else:
            status, headers, inhoud = _probleem(
                404, detail="De BRP API Personen staat onder /haalcentraal/api/brp/personen."
            )
        start_response(
            f"{status} {_REDENEN.get(status, 'Status')}",
            [*headers, ("Content-Length", str(len(inhoud)))],
        )
        return [inhoud]

    def _api(self, methode: str, environ):
        if self.api_key and environ.get("HTTP_X_API_KEY") != self.api_key:
            return _probleem(401, detail="Geef een geldige API-sleutel mee in X-API-KEY.")
        if methode != "POST":
            return _probleem(405, detail="Gebruik POST.")
        ruw = _lees(environ)
        try:
            body = json.loads(ruw or b"null")
        except (ValueError, UnicodeDecodeError):
            body = None
        with self.lock:
            self.ontvangen.append(
                copy.deepcopy(body) if body is not None else ruw.decode("latin-1")
            )
            del self.ontvangen[:-MAX_ONTVANGEN]
            storing = dict(self._storing)
            if storing.get("aantal", 0) > 0:
                self._storing["aantal"] -= 1
            else:
                storing = {}
        if storing.get("vertraging"):
            time.sleep(storing["vertraging"])
        if storing.get("status") is not None:
            status = storing["status"]
            if storing.get("body") is not None:
                # a 200 with a body off the contract tests a client's strict parsing
                return _json(status, storing["body"], contract.PROBLEEM if status >= 400 else JSON)
            return _probleem(status)
        soort = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
        if soort != "application/json":
            return _probleem(415, detail="Stuur de vraag als application/json.")
        accept = environ.get("HTTP_ACCEPT", "")
        if accept and not any(
            a.split(";")[0].strip() in ("*/*", "application/*", "application/json")
            for a in accept.split(",")
        ):
            return _probleem(406, detail="Het antwoord is application/json.")
        if body is None:
            return _json(
                400,
                contract.bad_request([], detail="De body van de vraag is geen geldige JSON."),
                contract.PROBLEEM,
            )
        return self._zoek(body)

    def _zoek(self, body):
        query_type, fouten = contract.controleer_query(body)
        if query_type and isinstance(body.get("fields"), list):
            fouten += velden.controleer(body["fields"], contract.persoon_schema_naam(query_type))
        if fouten:
            return _json(400, contract.bad_request(fouten), contract.PROBLEEM)
        persoon_schema = contract.persoon_schema_naam(query_type)
        vandaag = self.vandaag()
        with self.lock:
            gevonden = _zoek_personen(self.personen, query_type, body)
        personen = []
        for persoon in gevonden:
            # Raadplegen returns the dead too: only the searches know inclusiefOverledenPersonen
            # (it is not a parameter of RaadpleegMetBurgerservicenummer) and leave them out.
            if (
                query_type != "RaadpleegMetBurgerservicenummer"
                and scenario.is_overleden(persoon)
                and not body.get("inclusiefOverledenPersonen")
            ):
                continue
            gemeente = body.get("gemeenteVanInschrijving")
            if gemeente and (persoon.get("gemeenteVanInschrijving") or {}).get("code") != gemeente:
                continue
            compleet = {k: v for k, v in persoon.items() if k != "simulator"}
            jaren = scenario.leeftijd(persoon, vandaag)
            if jaren is not None:
                compleet["leeftijd"] = jaren
            personen.append(velden.persoon_voor_antwoord(compleet, body["fields"], persoon_schema))
        return _json(200, {"type": query_type, "personen": personen}, JSON)

    # ------------------------------------------------------------ /_sim/

    def _beheer(self, methode: str, pad: str, environ):
        pad = pad.rstrip("/") or "/_sim"
        if pad == "/_sim" and methode == "GET":
            return 200, [("Content-Type", "text/html; charset=utf-8")], self._pagina()
        if pad == "/_sim/ontvangen" and methode == "GET":
            with self.lock:
                return _json(200, list(self.ontvangen), JSON)
        if pad == "/_sim/reset" and methode == "POST":
            self.reset()
            return _json(200, {"reset": True}, JSON)
        if pad == "/_sim/storing" and methode == "POST":
            try:
                opdracht = json.loads(_lees(environ) or b"{}")
                self.storing(
                    status=opdracht.get("status", 503),
                    aantal=opdracht.get("aantal", 1),
                    vertraging=opdracht.get("vertraging", 0.0),
                    body=opdracht.get("body"),
                )
            except (ValueError, TypeError, AttributeError) as exc:
                return _json(400, {"fout": f"Ongeldige storing: {exc}"}, JSON)
            return _json(200, {"storing": self._storing}, JSON)
        gevonden = re.fullmatch(r"/_sim/personen/([0-9]{9})", pad)
        if gevonden and methode == "PUT":
            try:
                gegevens = json.loads(_lees(environ) or b"null")
                if not isinstance(gegevens, dict):
                    raise scenario.ScenarioFout("Stuur de persoon als JSON-object.")
                gegevens.setdefault("burgerservicenummer", gevonden.group(1))
                if gegevens["burgerservicenummer"] != gevonden.group(1):
                    raise scenario.ScenarioFout("Het BSN in het pad en in de body verschillen.")
                nieuw = self.zet_persoon(gegevens)
            except ValueError as exc:  # ScenarioFout and invalid JSON
                return _json(400, {"fout": str(exc)}, JSON)
            return _json(201 if nieuw else 200, {"burgerservicenummer": gevonden.group(1)}, JSON)
        return 404, [("Content-Type", "text/plain; charset=utf-8")], b"Niet gevonden."

    def _pagina(self) -> bytes:
        with self.lock:
            personen = sorted(self.personen.values(), key=lambda p: p["burgerservicenummer"])
            storing = dict(self._storing)
        rijen = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(str(w))}</td>"
                for w in (
                    p["burgerservicenummer"],
                    (p.get("naam") or {}).get("volledigeNaam", ""),
                    (p.get("gemeenteVanInschrijving") or {}).get("omschrijving", ""),
                    p["simulator"].get("situatie", ""),
                    p["simulator"].get("toelichting", ""),
                )
            )
            + "</tr>"
            for p in personen
        )
        actief = (
            f"Storing actief: status {storing.get('status')}, nog {storing['aantal']} keer, "
            f"vertraging {storing.get('vertraging')} s."
            if storing.get("aantal")
            else "Geen storing actief."
        )
        return (
            "<!doctype html><html lang='nl'><head><meta charset='utf-8'>"
            "<title>BRP-simulator</title></head><body><main>"
            "<h1>BRP-simulator (BRP API Personen 2.7.0)</h1>"
            f"<p>De API staat onder <code>{PERSONEN}</code>. {html.escape(actief)}</p>"
            "<p>Hulpmiddelen: <code>POST /_sim/storing</code>, <code>POST /_sim/reset</code>, "
            "<code>GET /_sim/ontvangen</code>, <code>PUT /_sim/personen/&lt;bsn&gt;</code>.</p>"
            f"<table><caption>{len(personen)} personen</caption><thead><tr>"
            "<th scope='col'>BSN</th><th scope='col'>Naam</th><th scope='col'>Gemeente</th>"
            "<th scope='col'>Situatie</th><th scope='col'>Toelichting</th></tr></thead>"
            f"<tbody>{rijen}</tbody></table></main></body></html>"
        ).encode()


# ---------------------------------------------------------------- searching


def _tekst_past(gezocht: str | None, waarde: str | None) -> bool:
    """Case-insensitive; a trailing ``*`` (or a leading one, for a street) is a wildcard."""
    if gezocht is None:
        return True
    if waarde is None:
        return False
    patroon = re.escape(gezocht.lower()).replace(r"\*", ".*")
    return re.fullmatch(patroon, waarde.lower()) is not None


def _zoek_personen(personen: dict[str, dict], query_type: str, body: dict) -> list[dict]:
    if query_type == "RaadpleegMetBurgerservicenummer":
        bsns = dict.fromkeys(body["burgerservicenummer"])
        return [personen[b] for b in bsns if b in personen]
    return [p for p in personen.values() if _past(p, query_type, body)]


def _past(persoon: dict, query_type: str, body: dict) -> bool:
    naam = persoon.get("naam") or {}
    plaats = persoon.get("verblijfplaats") or {}
    adres = plaats.get("verblijfadres") or {}
    geboorte = ((persoon.get("geboorte") or {}).get("datum") or {}).get("datum")
    gemeente = (persoon.get("gemeenteVanInschrijving") or {}).get("code")
    controles = {
        "ZoekMetGeslachtsnaamEnGeboortedatum": lambda: (
            _tekst_past(body["geslachtsnaam"], naam.get("geslachtsnaam"))
            and geboorte == body["geboortedatum"]
            and _tekst_past(body.get("voornamen"), naam.get("voornamen"))
            and _tekst_past(body.get("voorvoegsel"), naam.get("voorvoegsel") or None)
        ),
        "ZoekMetNaamEnGemeenteVanInschrijving": lambda: (
            _tekst_past(body["geslachtsnaam"], naam.get("geslachtsnaam"))
            and _tekst_past(body["voornamen"], naam.get("voornamen"))
        ),
        "ZoekMetPostcodeEnHuisnummer": lambda: (
            (adres.get("postcode") or "").replace(" ", "").upper()
            == body["postcode"].replace(" ", "").upper()
            and adres.get("huisnummer") == body["huisnummer"]
            and _tekst_past(body.get("huisletter"), adres.get("huisletter"))
            and _tekst_past(body.get("huisnummertoevoeging"), adres.get("huisnummertoevoeging"))
            and (geboorte == body["geboortedatum"] if body.get("geboortedatum") else True)
            and _tekst_past(body.get("geslachtsnaam"), naam.get("geslachtsnaam"))
        ),
        "ZoekMetStraatHuisnummerEnGemeenteVanInschrijving": lambda: (
            _tekst_past(
                body["straat"], adres.get("officieleStraatnaam") or adres.get("korteStraatnaam")
            )
            and adres.get("huisnummer") == body["huisnummer"]
        ),
        "ZoekMetNummeraanduidingIdentificatie": lambda: (
            plaats.get("nummeraanduidingIdentificatie") == body["nummeraanduidingIdentificatie"]
        ),
        "ZoekMetAdresseerbaarObjectIdentificatie": lambda: (
            plaats.get("adresseerbaarObjectIdentificatie")
            == body["adresseerbaarObjectIdentificatie"]
        ),
    }
    if query_type not in controles:
        return False
    return controles[query_type]() and (
        not body.get("gemeenteVanInschrijving") or gemeente == body["gemeenteVanInschrijving"]
    )


# ---------------------------------------------------------------- helpers


def _lees(environ) -> bytes:
    try:
        lengte = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        lengte = 0
    return environ["wsgi.input"].read(lengte) if lengte > 0 else b""


def _json(status: int, body, soort: str):
    return status, [("Content-Type", soort)], json.dumps(body, ensure_ascii=False).encode()


def _probleem(status: int, detail: str | None = None):
    return _json(status, contract.probleem(status, detail=detail), contract.PROBLEEM)


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _StilleHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        """No access log: request bodies hold BSNs."""


def maak_server(sim: Simulator, host: str = "127.0.0.1", port: int = 8602):
    """A threaded WSGI server for ``sim`` (not started). ``port=0`` picks a free port."""
    return make_server(host, port, sim, server_class=_Server, handler_class=_StilleHandler)


def start_in_thread(sim: Simulator, host: str = "127.0.0.1", port: int = 0):
    """Serve ``sim`` in a daemon thread; returns (server, base URL ending in ``BASIS``)."""
    server = maak_server(sim, host, port)
    threading.Thread(target=server.serve_forever, name="brp-sim", daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}{BASIS}"


def beheer_url(base_url: str) -> str:
    return base_url[: -len(BASIS)] + "/_sim"
