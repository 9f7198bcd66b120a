"""The application log: plain text or one JSON object per line, never personal data.

Log calls name ids, never personal data (tests/test_geen_persoonsgegevens_in_logs.py). A
BSN can still slip in through text Koers does not write itself: an exception message, a
library's log line, an error text of DUO. Both formats therefore mask every 9-digit number
that passes the elfproef (:func:`maskeer_bsns`), tracebacks included, so it never reaches
the console, a log file or a log collector. Names and addresses cannot be recognised this
way; for those the log calls themselves are the guard, and structured fields with a known
personal key are dropped (:func:`zonder_persoonsgegevens`).

``KOERS_LOG_FORMAT=json`` writes one JSON object per line through structlog's
ProcessorFormatter, for Django's and Koers' own stdlib loggers alike, with the request id,
user id and roles a request binds (:class:`VerzoekLogMiddleware`).
"""

from __future__ import annotations

import logging
import re
from typing import Any

import structlog
from django_structlog.middlewares import RequestMiddleware

from koers.inburgeraars.rules import is_valid_bsn
from koers.verwerkingen import tracecontext

NEGEN_CIJFERS = re.compile(r"(?<![0-9])[0-9]{9}(?![0-9])")
GEMASKEERD = "*********"
FORMATEN = ("tekst", "json")
TEKST_OPMAAK = "%(asctime)s %(levelname)s %(name)s %(message)s"

# Keys that name a person or identify his device: dropped from structured log events.
# A username can be a person's name; the IP address and user agent are personal data for the
# inburgeraar's portal.
PERSOONLIJKE_SLEUTELS = frozenset(
    {
        "bsn",
        "naam",
        "voornamen",
        "voorvoegsel",
        "geslachtsnaam",
        "achternaam",
        "geboortedatum",
        "adres",
        "postcode",
        "postcode_plaats",
        "woonplaats",
        "email",
        "telefoon",
        "username",
        "gebruikersnaam",
        "ip",
        "user_agent",
        "correlation_id",
    }
)

# An incoming X-Request-ID is kept only if it cannot smuggle text into the log.
VEILIG_VERZOEK_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


def maskeer_bsns(tekst: str) -> str:
    """``tekst`` with every BSN (9 digits that pass the elfproef) replaced by asterisks."""
    return NEGEN_CIJFERS.sub(lambda m: GEMASKEERD if is_valid_bsn(m.group()) else m.group(), tekst)


def geschoond(waarde: Any) -> Any:
    """``waarde`` as the log writes it, at every depth: BSNs masked in each string, keys of
    :data:`PERSOONLIJKE_SLEUTELS` dropped from each dict. Also the filter of the error reports
    to Sentry (:mod:`koers.config.sentry`)."""
    if isinstance(waarde, str):
        return maskeer_bsns(waarde)
    if isinstance(waarde, dict):
        return {k: geschoond(v) for k, v in waarde.items() if k not in PERSOONLIJKE_SLEUTELS}
    if isinstance(waarde, list | tuple):
        return [geschoond(v) for v in waarde]
    return waarde


def zonder_persoonsgegevens(_logger: Any, _methode: str, event: dict[str, Any]) -> dict[str, Any]:
    """structlog processor: drops personal keys and masks BSNs in every string field, the
    event and the formatted traceback (``exception``) included."""
    return {
        sleutel: geschoond(waarde)
        for sleutel, waarde in event.items()
        if sleutel not in PERSOONLIJKE_SLEUTELS
    }


def _zonder_exc_info(_logger: Any, _methode: str, event: dict[str, Any]) -> dict[str, Any]:
    # The stdlib logger formats the traceback itself, after the message.
    event.pop("exc_info", None)
    return event


class GeenBsnFormatter(logging.Formatter):
    """The plain-text format: a line per record, BSNs masked in the finished line."""

    def format(self, record: logging.LogRecord) -> str:
        return maskeer_bsns(super().format(record))


_GEDEELD = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True, key="timestamp"),
]


class JsonFormatter(structlog.stdlib.ProcessorFormatter):
    """One JSON object per line, for structlog's events and stdlib records alike."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(
            *args,
            foreign_pre_chain=_GEDEELD,
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                zonder_persoonsgegevens,
                structlog.processors.JSONRenderer(ensure_ascii=False, default=str),
            ],
            **kwargs,
        )

    def format(self, record: logging.LogRecord) -> str:
        # A second pass over the finished line, for a value no processor saw as a string.
        return maskeer_bsns(super().format(record))


def logging_instellingen(formaat: str, niveau: str) -> dict[str, Any]:
    """settings.LOGGING for ``formaat`` (``tekst`` or ``json``); also points structlog's own
    loggers (django-structlog's) at the stdlib handlers, so every line takes one path."""
    json = formaat == "json"
    if json:
        einde: list[Any] = [*_GEDEELD, structlog.stdlib.ProcessorFormatter.wrap_for_formatter]
    else:
        # The event becomes the record's message; GeenBsnFormatter then masks the line and
        # the traceback the stdlib logger appends.
        einde = [
            structlog.contextvars.merge_contextvars,
            _zonder_exc_info,
            zonder_persoonsgegevens,
            structlog.processors.KeyValueRenderer(
                key_order=["event"], drop_missing=True, sort_keys=True
            ),
        ]
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *einde,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=False,
    )
    formatter = (
        {"()": "koers.config.logformat.JsonFormatter"}
        if json
        else {"()": "koers.config.logformat.GeenBsnFormatter", "format": TEKST_OPMAAK}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"koers": formatter},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "koers"}},
        "root": {"handlers": ["console"], "level": niveau},
        # Request logs would carry BSNs in URLs and query strings: keep Django's quiet.
        # httpx and httpcore log every request URL at INFO; DUO's paths carry BSNs.
        # xhtml2pdf quotes the letter's HTML (name, address) in its debug lines and
        # warnings; koers.pip.beschikking turns its errors into PdfFout.
        "loggers": {
            "django.request": {"level": "ERROR"},
            "django.server": {"level": "WARNING"},
            "httpx": {"level": "WARNING"},
            "httpcore": {"level": "WARNING"},
            "xhtml2pdf": {"level": "CRITICAL"},
        },
    }


def verzoek_id(request: Any) -> str:
    """The caller's X-Request-ID if it is a plain token, else a fresh one."""
    aangeboden = request.META.get("HTTP_X_REQUEST_ID", "")
    if VEILIG_VERZOEK_ID.fullmatch(aangeboden) and not NEGEN_CIJFERS.search(aangeboden):
        return aangeboden
    return tracecontext.willekeurig_id(16)


def verzoek_trace(request: Any) -> tracecontext.Trace:
    """The request's W3C trace: an API call's valid ``traceparent`` is continued (another
    system calls Koers within its trace), anything else starts a new trace; an invalid
    header is ignored, as the spec asks."""
    inkomend = None
    if (getattr(request, "path", "") or "").startswith("/api/"):
        inkomend = tracecontext.lees_traceparent(request.META.get("HTTP_TRACEPARENT"))
    return tracecontext.start(inkomend)


class VerzoekLogMiddleware(RequestMiddleware):
    """django-structlog's request middleware, tamed: it binds the request id, user id and
    roles to every line of the request, and names the request by its route (``GET
    inburgeraars/<int:pk>/``) instead of its path, which can hold a BSN or a case id. The
    IP address and user agent are never bound (settings and :data:`PERSOONLIJKE_SLEUTELS`).
    The request id goes back in the response's X-Request-ID header. The request runs in its
    W3C trace (:func:`verzoek_trace`), which the verwerkingenlogging and the calls to DUO
    and the BRP carry on."""

    async_capable = False

    def __call__(self, request: Any) -> Any:
        request.META["HTTP_X_REQUEST_ID"] = verzoek_id(request)
        # The library reads request.headers, which may already be cached from META.
        request.__dict__.pop("headers", None)
        with tracecontext.binnen(verzoek_trace(request)):
            response = super().__call__(request)
        response["X-Request-ID"] = request.META["HTTP_X_REQUEST_ID"]
        return response

    @staticmethod
    def format_request(request: Any) -> str:
        match = getattr(request, "resolver_match", None)
        return f"{request.method} {match.route}" if match else request.method

    @staticmethod
    def bind_user_id(request: Any) -> None:
        sessie = getattr(request, "session", None)
        gelezen = sessie.accessed if sessie is not None else None
        RequestMiddleware.bind_user_id(request)
        gebruiker = getattr(request, "user", None)
        if gebruiker is None:
            return
        rollen = (
            sorted(getattr(gebruiker, "rollen", None) or []) if gebruiker.is_authenticated else []
        )
        structlog.contextvars.bind_contextvars(rollen=rollen)
        if gelezen is False:
            # Reading the user must not make every response vary on the cookie.
            sessie.accessed = False
