"""Koers' client for the BRP API Personen 2.7.0 (Haal Centraal, RvIG).

Contract: ``koers/brp/openapi/openapi.yaml`` (see its README). One operation, ``POST
/personen``; Koers asks ``RaadpleegMetBurgerservicenummer`` with only the fields of
:data:`koers.brp.rules.FIELDS`. The gemeente reaches the BRP through its provider: mutual TLS
(``KOERS_BRP_CLIENT_CERT``/``_KEY``, trusting ``KOERS_BRP_CA_BUNDLE``) and/or an API key in
the header ``KOERS_BRP_API_KEY_HEADER``.

:meth:`BrpClient.raadpleeg` is the one door: it validates the request before sending (an
invalid request is never sent) and checks the answer against the specification. It returns
the persons found (possibly none: the BRP answers an unknown BSN with an empty list) or
raises :class:`BrpFout`, never returns None on failure:

=======================================  ==============  =================================
what happened                            ``permanent``   retry helps?
=======================================  ==============  =================================
400, 404, 406, 415 (the BRP refuses)     True            no: the question itself is wrong
request breaks the specification         True            no: nothing was sent
401, 403 (not allowed)                   False           yes, once the access is arranged
429, 5xx, time-out, no connection        False           yes
answer breaks the specification          False           maybe (a gateway misbehaves)
Koers not configured for the BRP         False           yes, once configured
=======================================  ==============  =================================

Messages are Dutch and never echo personal data: of an RFC 7807 problem only the system
``code`` and the names of the invalid parameters are kept, never ``title``, ``detail`` or a
``reason``, which could quote a value. Logging names the status and duration, never the URL
or a body.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterable
from typing import Any

import httpx
from django.conf import settings
from prometheus_client import Counter, Histogram

from koers.bouwstenen.verbinding import HttpVerbinding
from koers.brp import rules, spec
from koers.verwerkingen import tracecontext

log = logging.getLogger(__name__)
logging.getLogger("httpx").setLevel(logging.WARNING)  # its request log prints the URL

OPERATION = "Personen"  # the spec's operationId of POST /personen
# Exposed at /metrics (koers.config.metrieken). Labels: the operationId and the outcome (ok,
# client_error, server_error, invalid_response, timeout, connection_error, not_configured).
BRP_DUUR = Histogram(
    "koers_brp_request_duration_seconds",
    "Duur van aanroepen bij de BRP API Personen, per operationId en uitkomst.",
    ["operation", "outcome"],
)
BRP_FOUTEN = Counter(
    "koers_brp_request_errors_total",
    "Mislukte aanroepen bij de BRP API Personen, per operationId en uitkomst.",
    ["operation", "outcome"],
)

JSON = "application/json"
AFSPRAKEN = "De BRP gaf een antwoord dat niet aan de afspraken voldoet"


def _meet(uitkomst: str, begin: float) -> None:
    BRP_DUUR.labels(OPERATION, uitkomst).observe(time.monotonic() - begin)
    if uitkomst != "ok":
        BRP_FOUTEN.labels(OPERATION, uitkomst).inc()


class BrpFout(Exception):
    """The BRP did not answer the question. ``permanent``: asking the same again is pointless
    (True) or may succeed later (False). ``status`` is the HTTP status when there was an
    answer, ``code`` the problem's system code (RFC 7807 ``code``)."""

    def __init__(self, melding: str, *, permanent: bool, status: int | None = None, code: str = ""):
        super().__init__(melding)
        self.melding = melding
        self.permanent = permanent
        self.status = status
        self.code = code

    def __str__(self) -> str:
        return self.melding

    def __repr__(self) -> str:
        return f"BrpFout({self.melding!r}, permanent={self.permanent}, status={self.status})"

    def __reduce__(self):
        return (_brp_fout, (self.melding, self.permanent, self.status, self.code))


def _brp_fout(melding, permanent, status, code) -> BrpFout:
    return BrpFout(melding, permanent=permanent, status=status, code=code)


class BrpClient(HttpVerbinding):
    """One connection pool to the BRP API. Settings (``KOERS_BRP_*``) are the defaults; tests
    pass ``base_url`` and, for unit tests, an ``httpx.MockTransport`` as ``transport``."""

    FOUT = BrpFout
    PARTIJ = "de BRP"
    GEEN_ADRES = (
        "KOERS_BRP_BASE_URL is niet ingesteld: Koers weet niet waar de BRP API is "
        "(zie `koers check-config`)."
    )

    def __init__(
        self,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        api_key_header: str | None = None,
        timeout: float | None = None,
        transport: httpx.BaseTransport | None = None,
        client_cert: str | None = None,
        client_key: str | None = None,
        ca_bundle: str | None = None,
    ):
        self.base_url = (settings.BRP_BASE_URL if base_url is None else base_url).rstrip("/")
        self.api_key = settings.BRP_API_KEY if api_key is None else api_key
        self.api_key_header = api_key_header or settings.BRP_API_KEY_HEADER
        self.timeout = float(settings.BRP_TIMEOUT if timeout is None else timeout)
        self.client_cert = settings.BRP_CLIENT_CERT if client_cert is None else client_cert
        self.client_key = settings.BRP_CLIENT_KEY if client_key is None else client_key
        self.ca_bundle = settings.BRP_CA_BUNDLE if ca_bundle is None else ca_bundle
        self._transport = transport
        self._http: httpx.Client | None = None

    # -- the one door -------------------------------------------------------------------

    def raadpleeg(
        self, bsns: Iterable[str], *, fields: Iterable[str] = rules.FIELDS
    ) -> list[dict[str, Any]]:
        """The persons with these BSNs (at most 20), with the asked fields and those the BRP
        adds by itself; an unknown BSN is simply absent from the list."""
        body = {
            "type": rules.QUERY_TYPE,
            "fields": list(fields),
            "burgerservicenummer": list(bsns),
        }
        fouten = spec.verzoek_fouten(body)
        if fouten:
            raise BrpFout(
                "Koers stuurt deze vraag niet: ze voldoet niet aan de BRP API. "
                + "; ".join(fouten),
                permanent=True,
            )
        headers = {"Accept": JSON, "Content-Type": f"{JSON}; charset=utf-8"}
        if self.api_key:
            headers[self.api_key_header] = self.api_key
        # W3C Trace Context: the BRP's processing joins Koers' trace (Logboek Dataverwerkingen).
        headers["traceparent"] = tracecontext.uitgaande_traceparent()[0]
        try:
            http = self._client()
        except BrpFout:
            BRP_FOUTEN.labels(OPERATION, "not_configured").inc()
            raise
        begin = time.monotonic()
        try:
            response = http.post(
                self.base_url + "/personen",
                headers=headers,
                content=json.dumps(body).encode("utf-8"),
            )
        except httpx.TimeoutException as error:
            _meet("timeout", begin)
            log.warning("BRP %s: time-out na %.0f s", OPERATION, self.timeout)
            raise BrpFout(
                f"De BRP antwoordde niet binnen {self.timeout:g} seconden.", permanent=False
            ) from error
        except httpx.TransportError as error:
            _meet("connection_error", begin)
            log.warning("BRP %s: geen verbinding (%s)", OPERATION, type(error).__name__)
            raise BrpFout(
                f"De BRP is niet bereikbaar ({type(error).__name__}).", permanent=False
            ) from error
        log.info(
            "BRP %s: status %s in %.0f ms",
            OPERATION,
            response.status_code,
            (time.monotonic() - begin) * 1000,
        )
        try:
            personen = _lees_antwoord(response)
        except BrpFout as fout:
            uitkomst = "invalid_response"
            if fout.status is not None and fout.status >= 400:
                uitkomst = "server_error" if fout.status >= 500 else "client_error"
            _meet(uitkomst, begin)
            raise
        _meet("ok", begin)
        return personen

    def raadpleeg_een(self, bsn: str, **kwargs) -> dict[str, Any] | None:
        """The one person with this BSN, or None when the BRP does not know him."""
        return next(
            (p for p in self.raadpleeg([bsn], **kwargs) if p.get("burgerservicenummer") == bsn),
            None,
        )


def brp_client() -> BrpClient:
    """A client configured from the ``KOERS_BRP_*`` settings."""
    return BrpClient()


# -- reading answers -----------------------------------------------------------------------


def _json(response: httpx.Response) -> Any:
    soort = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if soort not in (JSON, "application/problem+json"):
        raise ValueError("geen JSON")
    return json.loads(response.content)


CODE = re.compile(r"[a-zA-Z0-9]{1,25}")  # schema Foutbericht.code
NAAM = re.compile(r"[a-zA-Z0-9._]{1,30}")  # schema InvalidParam.name


def _probleem(response: httpx.Response) -> tuple[str, list[str]]:
    """The system code and the names of the invalid parameters of an RFC 7807 answer, each
    only when it has the form the specification gives it; never title, detail or reason,
    which are free text and could quote a value."""
    try:
        body = _json(response)
    except (ValueError, RecursionError):
        return "", []
    if not isinstance(body, dict):
        return "", []
    code = body.get("code")
    code = code if isinstance(code, str) and CODE.fullmatch(code) else ""
    namen = [
        p["name"]
        for p in body.get("invalidParams") or []
        if isinstance(p, dict) and isinstance(p.get("name"), str) and NAAM.fullmatch(p["name"])
    ]
    return code, namen


TIJDELIJK = {401, 403, 408, 429}
PERMANENT_UITLEG = {
    400: "de vraag klopt niet",
    404: "het adres van de BRP API klopt niet",
    406: "de BRP levert geen JSON",
    415: "de BRP accepteert de vorm van de vraag niet",
}


def _lees_antwoord(response: httpx.Response) -> list[dict[str, Any]]:
    status = response.status_code
    if status >= 400:
        code, namen = _probleem(response)
        toelichting = f", code {code}" if code else ""
        if namen:
            toelichting += "; fout in " + ", ".join(namen[:10])
        if status >= 500:
            melding = f"De BRP is tijdelijk niet beschikbaar (HTTP {status}{toelichting})."
            raise BrpFout(melding, permanent=False, status=status, code=code)
        if status in (401, 403):
            raise BrpFout(
                f"De BRP API laat Koers niet toe (HTTP {status}{toelichting}): controleer de "
                "API-sleutel, het certificaat en de autorisatie bij de BRP-leverancier.",
                permanent=False,
                status=status,
                code=code,
            )
        if status in TIJDELIJK:
            raise BrpFout(
                f"De BRP is even te druk (HTTP {status}{toelichting}); Koers probeert het later "
                "opnieuw.",
                permanent=False,
                status=status,
                code=code,
            )
        uitleg = PERMANENT_UITLEG.get(status, "de BRP weigert de vraag")
        raise BrpFout(
            f"De BRP weigerde de vraag (HTTP {status}{toelichting}): {uitleg}.",
            permanent=True,
            status=status,
            code=code,
        )
    if status != 200:
        raise BrpFout(f"{AFSPRAKEN}: status {status}.", permanent=False, status=status)
    try:
        body = _json(response)
    except (ValueError, RecursionError):
        raise BrpFout(f"{AFSPRAKEN}: geen JSON.", permanent=False, status=status) from None
    fouten = spec.antwoord_fouten(body, rules.QUERY_TYPE)
    if fouten:
        log.warning(
            "BRP %s: antwoord voldoet niet aan de afspraken: %s", OPERATION, "; ".join(fouten)
        )
        raise BrpFout(f"{AFSPRAKEN}: " + "; ".join(fouten), permanent=False, status=status)
    return [p for p in body.get("personen") or [] if isinstance(p, dict)]
