"""Koers' client for DUO's machine-to-machine APIs (Wet inburgering 2021).

Contract: the OpenAPI files in ``koers/duo/openapi/`` (DUO's own, see :mod:`koers.duo.spec`)
and ``shared/duo-m2m/RULES.md`` ("Transport"): REST + JSON over Diginetwerk, mutual TLS with a
PKIoverheid certificate, headers ``bron`` (OIN of the gemeente), ``doel`` (OIN of DUO) and a
fresh ``berichtId`` per request; every answer carries ``API-Version``.

:meth:`DuoClient.call` is the one door: it validates the request before sending (an invalid
request is never sent), and checks every answer — status documented for the operation,
``API-Version`` present and semver, the echoed ``berichtId`` (when DUO sends it) equal to ours,
the body strict JSON matching the documented schema. It returns a :class:`DuoAntwoord` or
raises :class:`DuoFout`, never returns None on failure:

===================================  =================  ===================================
what happened                        ``permanent``      retry helps?
===================================  =================  ===================================
400 / 403 with DUO's foutteksten     True               no: DUO refuses the content
404 (person or item unknown at DUO)  True               no
request breaks DUO's definitions     True               no: nothing was sent
5xx, time-out, no connection         False              yes
answer breaks DUO's definitions      False              maybe (DUO or a gateway misbehaves)
Koers not configured for DUO         False              yes, once configured
===================================  =================  ===================================

The typed helpers (``get_pip``, ``post_pip``, …) are thin wrappers over :meth:`call` that
return the parsed body, or None for an empty 2xx answer.

Logging names the operation, status and berichtId — never the path, body or an answer, which
hold BSNs. httpx's own request log (which prints the URL) is silenced for the same reason.
"""

from __future__ import annotations

import logging
import ssl
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx
from django.conf import settings
from prometheus_client import Counter, Histogram

from koers.bouwstenen.verbinding import HttpVerbinding
from koers.duo import spec
from koers.verwerkingen import tracecontext

log = logging.getLogger(__name__)
# httpx logs every request with its URL at INFO; DUO's URLs carry BSNs.
logging.getLogger("httpx").setLevel(logging.WARNING)

# Exposed at /metrics (koers.config.metrieken). Labels: DUO's operationId and the outcome
# (ok, client_error, server_error, invalid_response, timeout, connection_error), never a path.
DUO_DUUR = Histogram(
    "koers_duo_request_duration_seconds",
    "Duur van aanroepen bij DUO, per operationId en uitkomst.",
    ["operation", "outcome"],
)
DUO_FOUTEN = Counter(
    "koers_duo_request_errors_total",
    "Mislukte aanroepen bij DUO, per operationId en uitkomst.",
    ["operation", "outcome"],
)


def _meet(operation_id: str, uitkomst: str, begin: float) -> None:
    DUO_DUUR.labels(operation_id, uitkomst).observe(time.monotonic() - begin)
    if uitkomst != "ok":
        DUO_FOUTEN.labels(operation_id, uitkomst).inc()


JSON = "application/json"
AFSPRAKEN = "DUO gaf een antwoord dat niet aan de afspraken voldoet"

Body = dict[str, Any] | list[Any] | None


@dataclass(frozen=True)
class DuoAntwoord:
    """A 2xx answer from DUO that matches DUO's definitions."""

    operation_id: str
    status: int
    body: Any  # parsed JSON; None when DUO sent no body
    api_version: str
    bericht_id: str  # the berichtId we sent (and DUO echoed, when it did)


class DuoFout(Exception):
    """DUO did not do what was asked. ``permanent`` says whether sending the same message
    again is pointless (True) or may succeed later (False). ``foutteksten`` are DUO's own
    explanations (400/403), ``status`` the HTTP status when there was an answer."""

    def __init__(
        self,
        melding: str,
        *,
        permanent: bool,
        status: int | None = None,
        foutteksten: list[str] | None = None,
        operation_id: str = "",
        bericht_id: str = "",
    ):
        super().__init__(melding)
        self.melding = melding
        self.permanent = permanent
        self.status = status
        self.foutteksten = list(foutteksten or [])
        self.operation_id = operation_id
        self.bericht_id = bericht_id

    def __str__(self) -> str:
        return self.melding

    def __repr__(self) -> str:
        return (
            f"DuoFout({self.melding!r}, permanent={self.permanent}, status={self.status}, "
            f"operation_id={self.operation_id!r})"
        )

    def __reduce__(self):
        return (
            _duo_fout,
            (
                self.melding,
                self.permanent,
                self.status,
                self.foutteksten,
                self.operation_id,
                self.bericht_id,
            ),
        )


def _duo_fout(melding, permanent, status, foutteksten, operation_id, bericht_id) -> DuoFout:
    return DuoFout(
        melding,
        permanent=permanent,
        status=status,
        foutteksten=foutteksten,
        operation_id=operation_id,
        bericht_id=bericht_id,
    )


class DuoClient(HttpVerbinding):
    """One connection pool to DUO. Settings (``KOERS_DUO_*``) are the defaults; tests pass
    ``base_url`` and an ``httpx.MockTransport`` as ``transport``.

    Over https the client authenticates with mutual TLS: ``KOERS_DUO_CLIENT_CERT`` and
    ``KOERS_DUO_CLIENT_KEY`` (PKIoverheid), and trusts only ``KOERS_DUO_CA_BUNDLE``."""

    FOUT = DuoFout
    PARTIJ = "DUO"
    GEEN_ADRES = (
        "KOERS_DUO_BASE_URL is niet ingesteld: Koers weet niet waar DUO is "
        "(zie `koers check-config`)."
    )

    def __init__(
        self,
        *,
        base_url: str | None = None,
        doel: str | None = None,
        timeout: float | None = None,
        transport: httpx.BaseTransport | None = None,
        client_cert: str | None = None,
        client_key: str | None = None,
        ca_bundle: str | None = None,
    ):
        self.base_url = (settings.DUO_BASE_URL if base_url is None else base_url).rstrip("/")
        self.doel = settings.DUO_OIN if doel is None else doel
        self.timeout = float(settings.DUO_TIMEOUT if timeout is None else timeout)
        self.client_cert = settings.DUO_CLIENT_CERT if client_cert is None else client_cert
        self.client_key = settings.DUO_CLIENT_KEY if client_key is None else client_key
        self.ca_bundle = settings.DUO_CA_BUNDLE if ca_bundle is None else ca_bundle
        self._transport = transport
        self._http: httpx.Client | None = None

    # -- connection ---------------------------------------------------------------------

    def _ssl_context(self) -> ssl.SSLContext:
        ontbreekt = [
            naam
            for naam, waarde in (
                ("KOERS_DUO_CLIENT_CERT", self.client_cert),
                ("KOERS_DUO_CLIENT_KEY", self.client_key),
                ("KOERS_DUO_CA_BUNDLE", self.ca_bundle),
            )
            if not waarde
        ]
        if ontbreekt:
            raise DuoFout(
                "Koers is niet ingesteld voor mutual TLS met DUO: "
                f"{', '.join(ontbreekt)} ontbreekt (zie `koers check-config`).",
                permanent=False,
            )
        return super()._ssl_context()

    # -- the one door -------------------------------------------------------------------

    def call(
        self,
        operation_id: str,
        *,
        bron: str,
        path_params: Mapping[str, Any] | None = None,
        body: Any = None,
        bericht_id: uuid.UUID | str | None = None,
        doel: str | None = None,
    ) -> DuoAntwoord:
        """Send one request to DUO and return its checked answer, or raise :class:`DuoFout`.

        ``bron`` is the OIN of the gemeente on whose behalf Koers asks; ``bericht_id`` stays
        the same across retries of one outbox message (a fresh one otherwise)."""
        op = spec.operation(operation_id)
        bericht_id = str(bericht_id or uuid.uuid4())
        path_params = dict(path_params or {})
        headers = {
            "bron": bron,
            "doel": self.doel if doel is None else doel,
            "berichtId": bericht_id,
            "Accept": JSON,
        }
        fouten = spec.validate_request(
            operation_id, path_params=path_params, headers=headers, body=body
        )
        if fouten:
            raise DuoFout(
                "Koers stuurt dit bericht niet: het voldoet niet aan DUO's "
                "afspraken. " + "; ".join(fouten),
                permanent=True,
                foutteksten=fouten,
                operation_id=operation_id,
                bericht_id=bericht_id,
            )
        content = None
        if body is not None:
            headers["Content-Type"] = JSON
            content = spec.json_bytes(body)
        # W3C Trace Context: DUO's processing joins Koers' trace (Logboek Dataverwerkingen).
        headers["traceparent"] = tracecontext.uitgaande_traceparent()[0]
        url = self.base_url + op.pad(path_params)
        http = self._client()
        begin = time.monotonic()
        try:
            response = http.request(op.method, url, headers=headers, content=content)
        except httpx.TimeoutException as error:
            _meet(operation_id, "timeout", begin)
            log.warning(
                "DUO %s: time-out na %.0f s (berichtId %s)", operation_id, self.timeout, bericht_id
            )
            raise DuoFout(
                f"DUO antwoordde niet binnen {self.timeout:g} seconden.",
                permanent=False,
                operation_id=operation_id,
                bericht_id=bericht_id,
            ) from error
        except httpx.TransportError as error:
            _meet(operation_id, "connection_error", begin)
            log.warning(
                "DUO %s: geen verbinding (%s, berichtId %s)",
                operation_id,
                type(error).__name__,
                bericht_id,
            )
            raise DuoFout(
                f"DUO is niet bereikbaar ({type(error).__name__}).",
                permanent=False,
                operation_id=operation_id,
                bericht_id=bericht_id,
            ) from error
        duur = (time.monotonic() - begin) * 1000
        log.info(
            "DUO %s: status %s in %.0f ms (berichtId %s)",
            operation_id,
            response.status_code,
            duur,
            bericht_id,
        )
        try:
            antwoord = _lees_antwoord(op, response, bericht_id)
        except DuoFout:
            uitkomst = "invalid_response"  # a 2xx that breaks DUO's contract
            if response.status_code >= 400:
                uitkomst = "server_error" if response.status_code >= 500 else "client_error"
            _meet(operation_id, uitkomst, begin)
            raise
        _meet(operation_id, "ok", begin)
        return antwoord

    # -- typed helpers: raadplegingen (GET) -----------------------------------------------

    def _get(self, operation_id: str, bron: str, **path_params: Any) -> Any:
        return self.call(operation_id, bron=bron, path_params=path_params).body

    def _send(
        self,
        operation_id: str,
        bron: str,
        body: Any = None,
        bericht_id: uuid.UUID | str | None = None,
        **path_params: Any,
    ) -> Any:
        return self.call(
            operation_id, bron=bron, path_params=path_params, body=body, bericht_id=bericht_id
        ).body

    def get_pip(self, bsn: str, *, bron: str) -> dict[str, Any]:
        """The current PIP DUO knows (possibly of a previous gemeente): ``{gemeentecode, pip}``."""
        return self._get("getPipByBsn", bron, bsn=bsn)

    def get_inburgeringsplicht(self, bsn: str, *, bron: str) -> dict[str, Any]:
        return self._get("getInburgeringsplichtByBsn", bron, bsn=bsn)

    def get_inburgeringsplicht_historie(self, bsn: str, *, bron: str) -> list[dict[str, Any]]:
        return self._get("getInburgeringsplichthistorieByBsn", bron, bsn=bsn)

    def get_doelgroep(self, bsn: str, *, bron: str) -> dict[str, Any]:
        return self._get("getDoelgroepByBsn", bron, bsn=bsn)

    def get_doelgroep_historie(self, bsn: str, *, bron: str) -> list[dict[str, Any]]:
        return self._get("getDoelgroephistorieByBsn", bron, bsn=bsn)

    def get_inburgeringstermijn(self, bsn: str, *, bron: str) -> dict[str, Any]:
        return self._get("getInburgeringstermijnByBsn", bron, bsn=bsn)

    def get_inburgeringstermijn_historie(self, bsn: str, *, bron: str) -> list[dict[str, Any]]:
        return self._get("getInburgeringstermijnhistorieByBsn", bron, bsn=bsn)

    def get_verlengingsgronden(self, *, bron: str) -> list[dict[str, Any]]:
        return self._get("getVerlengingsgronden", bron)

    def get_examennummer(self, bsn: str, *, bron: str) -> dict[str, Any]:
        """The examennummer to plan the leerbaarheidstoets with."""
        return self._get("getExamennummerByBsn", bron, bsn=bsn)

    def get_lbt_resultaten(self, bsn: str, *, bron: str) -> list[dict[str, Any]]:
        return self._get("getLbtResultatenByBsn", bron, bsn=bsn)

    def get_examenresultaten(self, bsn: str, *, bron: str) -> list[dict[str, Any]]:
        return self._get("getExamenresultatenByBsn", bron, bsn=bsn)

    def get_gratis_pogingen(self, bsn: str, *, bron: str) -> list[dict[str, Any]]:
        return self._get("getGratisPogingenTegoedByBsn", bron, bsn=bsn)

    def get_gevolgde_uren(self, bsn: str, *, bron: str) -> list[dict[str, Any]]:
        return self._get("getGevolgdeUrenByBsn", bron, bsn=bsn)

    def get_instellingen(self, *, bron: str) -> list[dict[str, Any]]:
        """Instellingen with a Blik op Werk or TST keurmerk (for the inburgeringsaanbod)."""
        return self._get("getInstellingen", bron)

    def get_map(self, bsn: str, *, bron: str) -> dict[str, Any]:
        return self._get("getMapByBsn", bron, bsn=bsn)

    def get_pvt(self, bsn: str, *, bron: str) -> dict[str, Any]:
        return self._get("getPvtByBsn", bron, bsn=bsn)

    def get_ontheffingen(self, bsn: str, *, bron: str) -> list[dict[str, Any]]:
        return self._get("getOntheffingenByBsn", bron, bsn=bsn)

    def get_vrijstellingen(self, bsn: str, *, bron: str) -> list[dict[str, Any]]:
        return self._get("getVrijstellingenByBsn", bron, bsn=bsn)

    def get_boetes(self, bsn: str, *, bron: str) -> list[dict[str, Any]]:
        """Boetes (derived from RULES.md; DUO has not published this file)."""
        return self._get("getBoetesByBsn", bron, bsn=bsn)

    def get_verlengingen(self, bsn: str, *, bron: str) -> list[dict[str, Any]]:
        """Verlengingsaanvragen (derived from RULES.md; DUO has not published this file)."""
        return self._get("getVerlengingenByBsn", bron, bsn=bsn)

    # -- typed helpers: meldingen (PUT/POST/DELETE) -----------------------------------------

    def post_pip(
        self,
        bsn: str,
        pip: Mapping[str, Any],
        *,
        bron: str,
        bericht_id: uuid.UUID | str | None = None,
    ) -> None:
        return self._send("postPipByBsn", bron, dict(pip), bericht_id, bsn=bsn)

    def delete_pip(self, bsn: str, *, bron: str, bericht_id: uuid.UUID | str | None = None) -> None:
        return self._send("deletePipByBsn", bron, None, bericht_id, bsn=bsn)

    def post_inburgeringsaanbod(
        self,
        bsn: str,
        instellingsnummer: str,
        aanbod: Mapping[str, Any],
        *,
        bron: str,
        bericht_id: uuid.UUID | str | None = None,
    ) -> None:
        return self._send(
            "postInburgeringsaanbodByBsnAndInstellingsnummer",
            bron,
            dict(aanbod),
            bericht_id,
            bsn=bsn,
            instellingsnummer=instellingsnummer,
        )

    def delete_inburgeringsaanbod(
        self,
        bsn: str,
        instellingsnummer: str,
        *,
        bron: str,
        bericht_id: uuid.UUID | str | None = None,
    ) -> None:
        return self._send(
            "deleteInburgeringsaanbodByBsnAndInstellingsnumer",
            bron,
            None,
            bericht_id,
            bsn=bsn,
            instellingsnummer=instellingsnummer,
        )

    def update_map(
        self,
        bsn: str,
        resultaat: Mapping[str, Any],
        *,
        bron: str,
        bericht_id: uuid.UUID | str | None = None,
    ) -> None:
        """PUT replaces the whole resource: a field left out is withdrawn (RULES.md)."""
        return self._send("updateMapByBsn", bron, dict(resultaat), bericht_id, bsn=bsn)

    def update_pvt(
        self,
        bsn: str,
        resultaat: Mapping[str, Any],
        *,
        bron: str,
        bericht_id: uuid.UUID | str | None = None,
    ) -> None:
        """PUT replaces the whole resource: a field left out is withdrawn (RULES.md)."""
        return self._send("updatePvtByBsn", bron, dict(resultaat), bericht_id, bsn=bsn)

    def update_zroute(
        self,
        bsn: str,
        resultaat: Mapping[str, Any],
        *,
        bron: str,
        bericht_id: uuid.UUID | str | None = None,
    ) -> None:
        return self._send("updateZrouteByBsn", bron, dict(resultaat), bericht_id, bsn=bsn)

    def update_uren_taalles_en_knm(
        self, bsn: str, uren: int, *, bron: str, bericht_id: uuid.UUID | str | None = None
    ) -> None:
        """Running total of language + KNM lesson hours during the brede intake."""
        return self._send("updateUrenTaallesEnKnmByBSN", bron, {"uren": uren}, bericht_id, bsn=bsn)

    def update_uren_participatieactiviteiten(
        self, bsn: str, uren: int, *, bron: str, bericht_id: uuid.UUID | str | None = None
    ) -> None:
        """Running total of participation activity hours (Z-route)."""
        return self._send(
            "updateUrenParticipatieactiviteiten", bron, {"uren": uren}, bericht_id, bsn=bsn
        )

    def update_uren_participatie_als_taalles(
        self, bsn: str, uren: int, *, bron: str, bericht_id: uuid.UUID | str | None = None
    ) -> None:
        """Running total of participation-as-language-lesson hours."""
        return self._send(
            "updateUrenParticipatieAlsTaallesByBsn", bron, {"uren": uren}, bericht_id, bsn=bsn
        )

    def create_contactpersoon(
        self, gegevens: Mapping[str, Any], *, bron: str, bericht_id: uuid.UUID | str | None = None
    ) -> dict[str, Any]:
        """Register a contact person; DUO answers with its ``id``."""
        return self._send("createContactpersoon", bron, dict(gegevens), bericht_id)

    def update_contactpersoon(
        self,
        contactpersoon_id: int,
        gegevens: Mapping[str, Any],
        *,
        bron: str,
        bericht_id: uuid.UUID | str | None = None,
    ) -> None:
        return self._send(
            "updateContactpersoonById", bron, dict(gegevens), bericht_id, id=contactpersoon_id
        )

    def delete_contactpersoon(
        self, contactpersoon_id: int, *, bron: str, bericht_id: uuid.UUID | str | None = None
    ) -> None:
        """Delete a contact person; DUO removes its links too."""
        return self._send("deleteContactpersoonById", bron, None, bericht_id, id=contactpersoon_id)

    def link_contactpersoon(
        self,
        contactpersoon_id: int,
        bsn: str,
        *,
        bron: str,
        bericht_id: uuid.UUID | str | None = None,
    ) -> None:
        """Link the contact person to an inburgeraar (replaces an earlier link)."""
        return self._send(
            "postContactpersoonByBsn", bron, None, bericht_id, id=contactpersoon_id, bsn=bsn
        )

    def unlink_contactpersoon(
        self,
        contactpersoon_id: int,
        bsn: str,
        *,
        bron: str,
        bericht_id: uuid.UUID | str | None = None,
    ) -> None:
        return self._send(
            "deleteContactpersoonByBsn", bron, None, bericht_id, id=contactpersoon_id, bsn=bsn
        )

    def delete_examennummer(
        self, bsn: str, *, bron: str, bericht_id: uuid.UUID | str | None = None
    ) -> None:
        """Report that the leerbaarheidstoets is skipped."""
        return self._send("deleteExamennummerByBsn", bron, None, bericht_id, bsn=bsn)


def duo_client() -> DuoClient:
    """A client configured from the ``KOERS_DUO_*`` settings."""
    return DuoClient()


# -- reading answers -----------------------------------------------------------------------


def _same_id(echoed: str, sent: str) -> bool:
    try:
        return uuid.UUID(echoed) == uuid.UUID(sent)
    except ValueError:
        return False


def _lees_antwoord(op: spec.Operation, response: httpx.Response, bericht_id: str) -> DuoAntwoord:
    status = response.status_code

    def fout(melding: str, *, permanent: bool, teksten: list[str] | None = None) -> DuoFout:
        return DuoFout(
            melding,
            permanent=permanent,
            status=status,
            foutteksten=teksten or [],
            operation_id=op.operation_id,
            bericht_id=bericht_id,
        )

    if status >= 500:
        raise fout(f"DUO is tijdelijk niet beschikbaar (HTTP {status}).", permanent=False)

    fouten: list[str] = []
    body: Any = None
    if not op.documented(status):
        fouten.append(f"status {status} is niet gedocumenteerd voor {op.operation_id}")
    else:
        if response.content.strip():
            soort = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if soort != JSON:
                fouten.append("body: is geen JSON (Content-Type " + (soort or "ontbreekt") + ")")
            else:
                try:
                    body = spec.parse_json(response.content)
                except (ValueError, RecursionError):
                    fouten.append("body: is geen geldige JSON")
        if not fouten:
            fouten = spec.validate_response(op.operation_id, status, response.headers, body)
        echoed = response.headers.get("berichtId")
        if echoed and not _same_id(echoed, bericht_id):
            fouten.append("header berichtId: is niet het berichtId van het verzoek")

    teksten_buiten_contract = _foutteksten(response) if not op.documented(status) else []
    if (
        400 <= status < 500
        and status not in TIJDELIJKE_4XX
        and teksten_buiten_contract
        and response.headers.get("API-Version")
    ):
        # DUO explains a refusal with a status its file does not list (409, 422, …): the
        # fouttekst is DUO's own words, and sending the same again cannot change it.
        raise fout(
            f"DUO weigerde het bericht (HTTP {status}): " + " ".join(teksten_buiten_contract),
            permanent=True,
            teksten=teksten_buiten_contract,
        )
    if status in (400, 403) and not _buiten_body(fouten):
        # DUO refused the message. A body that is not the agreed Foutmelding list does not
        # change that; the melding says so, so the operator can take it up with DUO.
        teksten = [m["fouttekst"] for m in body] if not fouten and body else []
        if fouten:
            melding = (
                f"DUO weigerde het bericht (HTTP {status}); de toelichting voldoet niet "
                "aan de afspraken."
            )
        elif teksten:
            melding = f"DUO weigerde het bericht (HTTP {status}): " + " ".join(teksten)
        else:
            melding = f"DUO weigerde het bericht (HTTP {status}) zonder toelichting."
        raise fout(melding, permanent=True, teksten=teksten)
    if fouten:
        log.warning(
            "DUO %s: antwoord voldoet niet aan de afspraken (status %s, berichtId %s): %s",
            op.operation_id,
            status,
            bericht_id,
            "; ".join(fouten),
        )
        raise fout(f"{AFSPRAKEN}: " + "; ".join(fouten), permanent=False)
    if status == 404:
        raise fout(
            "De persoon of het gevraagde gegeven is niet bekend bij DUO (HTTP 404).", permanent=True
        )
    if status == 401:
        raise fout(
            "DUO herkent Koers niet (HTTP 401): controleer het PKIoverheid-certificaat.",
            permanent=False,
        )
    return DuoAntwoord(
        operation_id=op.operation_id,
        status=status,
        body=body,
        api_version=response.headers["API-Version"],
        bericht_id=bericht_id,
    )


# 4xx statuses that say "not now" rather than "not this": retrying can help.
TIJDELIJKE_4XX = frozenset({401, 404, 408, 425, 429})


def _foutteksten(response: httpx.Response) -> list[str]:
    """DUO's foutteksten when the body is a Foutmelding list, else []."""
    soort = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if soort != JSON:
        return []
    try:
        body = spec.parse_json(response.content)
    except (ValueError, RecursionError):
        return []
    if not isinstance(body, list) or not body:
        return []
    teksten = [m.get("fouttekst") for m in body if isinstance(m, dict)]
    if len(teksten) != len(body) or not all(isinstance(t, str) and t for t in teksten):
        return []
    return [t[:200] for t in teksten]


def _buiten_body(fouten: list[str]) -> bool:
    """True when some problem is outside the body (status, headers): then the answer may not
    be DUO's at all (a gateway), and a 400/403 must not count as DUO's refusal."""
    return any(not f.startswith("body") for f in fouten)
