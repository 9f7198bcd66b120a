"""W3C Trace Context for the verwerkingenlogging (Logboek Dataverwerkingen, LDV).

Each request runs in one trace: the middleware (:class:`koers.config.logformat.
VerzoekLogMiddleware`) continues the caller's trace when an API call brings a valid
``traceparent`` header, and starts a new one otherwise. A notification of DUO keeps DUO's
``traceparent`` with it (:func:`als_header`), and the worker handles it in that trace, with
DUO's OIN as the foreign party (``Trace.extern_oin``). The current trace lives in a
contextvar; :mod:`koers.verwerkingen.services` reads it for every record it writes, and the
DUO and BRP clients send it on with a fresh span id (:func:`uitgaande_traceparent`), so a
processing can be followed from the caller through Koers to DUO or the BRP.

A small parser of its own: no maintained Trace Context library is installed (the
OpenTelemetry API would bring a tracer and propagator stack for what is one header of four
hex fields). The format is version 00 of https://www.w3.org/TR/trace-context/ §3.2; a later
version is read by its first four fields, as the spec asks. Should the OpenTelemetry SDK
arrive for the LDV export, its ``TraceContextTextMapPropagator`` can replace this module.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

# version-traceid-parentid-flags; lowercase hex only (W3C Trace Context §3.2.2).
_TRACEPARENT = re.compile(
    r"(?P<versie>[0-9a-f]{2})-(?P<trace>[0-9a-f]{32})-(?P<ouder>[0-9a-f]{16})-"
    r"(?P<vlaggen>[0-9a-f]{2})(?P<rest>(-.*)?)"
)
ONGELDIGE_TRACE = "0" * 32
ONGELDIGE_SPAN = "0" * 16
BEMONSTERD = "01"


# The logs mask nine digits in a row that pass the elfproef (a BSN, koers.config.logformat):
# an id Koers makes holds no such run, so it reads the same in every log line.
_NEGEN_CIJFERS = re.compile(r"[0-9]{9}")


def willekeurig_id(aantal_bytes: int) -> str:
    """Random bytes as lowercase hex, never all zeros and never nine digits in a row."""
    while True:
        waarde = secrets.token_hex(aantal_bytes)
        if waarde.strip("0") and not _NEGEN_CIJFERS.search(waarde):
            return waarde


def nieuwe_trace_id() -> str:
    """16 random bytes as 32 lowercase hex (:func:`willekeurig_id`)."""
    return willekeurig_id(16)


def nieuwe_span_id() -> str:
    """8 random bytes as 16 lowercase hex (:func:`willekeurig_id`): an LDV ``operation_id``."""
    return willekeurig_id(8)


@dataclass(frozen=True)
class Inkomend:
    """A valid incoming ``traceparent``: the caller's trace and its operation (parent-id)."""

    trace_id: str
    parent_id: str
    vlaggen: str


def lees_traceparent(waarde: str | None) -> Inkomend | None:
    """The parsed header, or ``None`` for anything the spec calls invalid (the caller then
    starts a new trace): wrong length or case, version ff, all-zero ids, a version-00 header
    with extra fields."""
    if not waarde:
        return None
    treffer = _TRACEPARENT.fullmatch(waarde.strip())
    if treffer is None:
        return None
    versie, rest = treffer["versie"], treffer["rest"]
    if versie == "ff" or (versie == "00" and rest):
        return None
    if treffer["trace"] == ONGELDIGE_TRACE or treffer["ouder"] == ONGELDIGE_SPAN:
        return None
    return Inkomend(
        trace_id=treffer["trace"], parent_id=treffer["ouder"], vlaggen=treffer["vlaggen"]
    )


@dataclass(frozen=True)
class Trace:
    """The trace of the current request or job: its trace id, the span id of this
    operation in Koers (the parent of every record it writes and call it makes), and the
    caller's ids when the trace came from outside."""

    trace_id: str
    span_id: str
    extern: Inkomend | None = None
    # The OIN of the party whose trace this is, when the caller is no logged-in user whose
    # organisation says it (DUO's notification): the entity of the records' foreign_operation.
    extern_oin: str | None = None

    def traceparent(self, span_id: str | None = None) -> str:
        return f"00-{self.trace_id}-{span_id or self.span_id}-{BEMONSTERD}"


HUIDIGE_TRACE: ContextVar[Trace | None] = ContextVar("koers_trace", default=None)
# The span id the calls of an :func:`aanroep` block send as their parent.
AANROEP: ContextVar[str | None] = ContextVar("koers_aanroep", default=None)


def start(inkomend: Inkomend | None = None, *, oin: str | None = None) -> Trace:
    """A trace for a new operation: the caller's when given (``oin``: the caller's OIN, when
    known), else a new one."""
    trace_id = inkomend.trace_id if inkomend is not None else nieuwe_trace_id()
    return Trace(
        trace_id=trace_id,
        span_id=nieuwe_span_id(),
        extern=inkomend,
        extern_oin=(oin or None) if inkomend is not None else None,
    )


def als_header(inkomend: Inkomend | None) -> str:
    """A parsed ``traceparent`` written back as a version-00 header, to be stored with work
    that is done later (a notification of DUO): ``""`` for none."""
    if inkomend is None:
        return ""
    return f"00-{inkomend.trace_id}-{inkomend.parent_id}-{inkomend.vlaggen}"


def huidige() -> Trace | None:
    return HUIDIGE_TRACE.get()


@contextmanager
def binnen(trace: Trace | None = None) -> Iterator[Trace]:
    """Run a block in ``trace`` (a new one when omitted): a request, or a job round that
    should be one trace with its calls to DUO."""
    trace = trace or start()
    token = HUIDIGE_TRACE.set(trace)
    try:
        yield trace
    finally:
        HUIDIGE_TRACE.reset(token)


@contextmanager
def aanroep(span_id: str | None = None) -> Iterator[str]:
    """A block that is one logged operation calling another party (the delivery of a message
    to DUO): its calls send ``span_id`` (a new one when omitted) as their parent instead of a
    new span each, so the log record of the operation can carry it as its ``operation_id``
    and the other party's record points at exactly that record."""
    span_id = span_id or nieuwe_span_id()
    token = AANROEP.set(span_id)
    try:
        yield span_id
    finally:
        AANROEP.reset(token)


def uitgaande_traceparent() -> tuple[str, str]:
    """The ``traceparent`` for an outgoing call and the span id it names: the current trace
    with a new span for the call, or the span of the :func:`aanroep` block around it (outside
    any trace, a trace of its own)."""
    trace = huidige() or start()
    span_id = AANROEP.get() or nieuwe_span_id()
    return trace.traceparent(span_id), span_id
