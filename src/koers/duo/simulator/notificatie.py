"""Send a DUO notification to a gemeente's Notificatie API, as DUO would.

RULES.md "Notificering": DUO POSTs ``{registratieDatumTijd, bsn?, vNummer?, gebeurtenisId}`` to
``POST /notificaties`` with headers bron = DUO's OIN, doel = the gemeente's OIN and a fresh
berichtId; the gemeente acknowledges with 201. The body is checked against the Notificatie
OpenAPI file before it leaves.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from koers.duo.simulator import contract

NOTIFICATIE_PAD = "/duo/v1/notificaties"


class NotificatieFout(Exception):
    """The notification could not be built or sent; the message is Dutch."""


@dataclass(frozen=True)
class NotificatieResultaat:
    status: int
    bericht_id: str
    antwoord: str


def notificatie_body(
    gebeurtenis_id: str,
    bsn: str | None = None,
    v_nummer: int | None = None,
    registratie: str | None = None,
) -> dict:
    body: dict = {
        "registratieDatumTijd": registratie or datetime.now(UTC).isoformat(timespec="seconds"),
        "gebeurtenisId": gebeurtenis_id,
    }
    if bsn:
        body["bsn"] = bsn
    if v_nummer is not None:
        body["vNummer"] = v_nummer
    return body


def stuur(
    *,
    koers_url: str,
    duo_oin: str,
    doel_oin: str,
    gebeurtenis_id: str,
    bsn: str | None = None,
    v_nummer: int | None = None,
    bericht_id: str | None = None,
    registratie: str | None = None,
    timeout: float = 10.0,
) -> NotificatieResultaat:
    """POST one notification to ``{koers_url}/duo/v1/notificaties``; returns Koers' answer.
    A given ``bericht_id`` (with the first ``registratie``) sends a notification again, as DUO
    does when it did not get Koers' answer."""
    if not koers_url:
        raise NotificatieFout("Geen adres van Koers ingesteld (--koers-url).")
    bericht_id = bericht_id or str(uuid.uuid4())
    headers = {"bron": duo_oin, "doel": doel_oin, "berichtId": bericht_id}
    body = notificatie_body(gebeurtenis_id, bsn, v_nummer, registratie)
    fouten = contract.verzoek_fouten("opvoerenNotificatie", params={}, headers=headers, body=body)
    if fouten:
        raise NotificatieFout(
            "De notificatie klopt niet met de Notificatie-API: " + "; ".join(fouten)
        )
    url = koers_url.rstrip("/") + NOTIFICATIE_PAD
    try:
        antwoord = httpx.post(
            url,
            content=json.dumps(body),
            headers={**headers, "Content-Type": "application/json"},
            timeout=timeout,
        )
    except httpx.HTTPError as exc:
        raise NotificatieFout(
            f"Koers is niet bereikbaar op {koers_url} ({type(exc).__name__})."
        ) from exc
    return NotificatieResultaat(antwoord.status_code, bericht_id, antwoord.text[:2000])
