"""Optional error reports to Sentry, with the scrubbing of the application log.

Off unless ``KOERS_SENTRY_DSN`` is set (:mod:`koers.config.settings` calls :func:`start`).
A Sentry server is often outside the gemeente's own network, so nothing may reach it that the
JSON log would not write either. Every event and breadcrumb passes the log's own filter
(:func:`koers.config.logformat.geschoond`): BSNs masked in every string, keys that name a
person dropped. Sentry collects more than a log line, so some parts go altogether:

- the local variables of each frame (``include_local_variables=False``, and dropped again in
  :func:`voor_verzenden` for a frame that still carries them);
- the request's body, cookies, query string and headers (a form or a search can hold a name,
  which no filter recognises); the URL is kept as its path, BSNs masked;
- the user, except his internal id (``send_default_pii=False`` already leaves out the
  username and the IP address);
- SQL parameters (Sentry sends them only with ``send_default_pii``) and performance traces
  (``traces_sample_rate`` is not set).

What stays: the exception's type, its message with BSNs masked, the stack (file, function,
line and the source around it), log messages with BSNs masked, tags such as the
environment and the release.
"""

from __future__ import annotations

from importlib import metadata
from typing import Any

from koers.config import env, logformat

# Request headers that say how a request was made, never who made it.
VEILIGE_HEADERS = frozenset({"accept", "content-length", "content-type", "host", "x-request-id"})


def sample_rate(naam: str) -> float:
    """The share of errors reported (0 to 1) from the variable ``naam``."""
    tekst = env.raw(naam)
    try:
        waarde = float(tekst)
    except ValueError:
        raise env.ConfigError(f"{naam}: '{tekst}' is geen getal (gebruik bijv. 1.0)") from None
    if not 0.0 <= waarde <= 1.0:
        raise env.ConfigError(f"{naam}: '{tekst}' ligt niet tussen 0 en 1")
    return waarde


def _zonder_lokale_variabelen(event: dict[str, Any]) -> None:
    bronnen = [
        *(event.get("exception") or {}).get("values", []),
        *((event.get("threads") or {}).get("values", [])),
    ]
    for bron in bronnen:
        for frame in (bron.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)


def _verzoek(verzoek: dict[str, Any]) -> dict[str, Any]:
    pad = (verzoek.get("url") or "").partition("?")[0]
    headers = {
        naam: waarde
        for naam, waarde in (verzoek.get("headers") or {}).items()
        if naam.lower() in VEILIGE_HEADERS
    }
    return {"method": verzoek.get("method"), "url": pad, "headers": headers}


def voor_verzenden(event: dict[str, Any], _hint: dict[str, Any]) -> dict[str, Any]:
    """Sentry's ``before_send``: the event as the log would write it (see the module)."""
    _zonder_lokale_variabelen(event)
    if "request" in event:
        event["request"] = _verzoek(event["request"])
    if "user" in event:
        gebruiker_id = (event["user"] or {}).get("id")
        event["user"] = {"id": gebruiker_id} if gebruiker_id is not None else {}
    return logformat.geschoond(event)


def voor_kruimel(kruimel: dict[str, Any], _hint: dict[str, Any]) -> dict[str, Any]:
    """Sentry's ``before_breadcrumb``: a breadcrumb (a log line, an HTTP call) as the log
    would write it; an HTTP call's URL without its query string."""
    data = kruimel.get("data")
    if isinstance(data, dict) and isinstance(data.get("url"), str):
        data["url"] = data["url"].partition("?")[0]
        data.pop("http.query", None)
    return logformat.geschoond(kruimel)


def versie() -> str | None:
    """Koers' version, as the release of its reports (without it Sentry asks git)."""
    try:
        return f"koers@{metadata.version('koers')}"
    except metadata.PackageNotFoundError:
        return None


def start(dsn: str, *, omgeving: str, sample_rate: float, release: str | None = None) -> None:
    """Start reporting errors to ``dsn``. Django's errors arrive through Sentry's Django
    integration, a failed job of ``koers worker`` through its log line (the logging
    integration turns an ERROR line with a traceback into an event). A DSN Sentry cannot
    read is a :class:`koers.config.env.ConfigError`."""
    import sentry_sdk
    from sentry_sdk.utils import BadDsn, Dsn

    try:
        Dsn(dsn)
    except BadDsn:
        raise env.ConfigError("KOERS_SENTRY_DSN: dit is geen DSN van Sentry") from None
    sentry_sdk.init(
        dsn=dsn,
        environment=omgeving,
        release=release,
        sample_rate=sample_rate,
        # What Sentry's integrations collect at all; voor_verzenden filters what remains.
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_headers": {"request": {"mode": "allowlist", "terms": sorted(VEILIGE_HEADERS)}},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "database_query_data": False,
            "queues": False,
            "stack_frame_variables": False,
        },
        max_request_body_size="never",
        before_send=voor_verzenden,
        before_breadcrumb=voor_kruimel,
    )
