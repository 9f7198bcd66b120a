"""Export of the verwerkingenlogging to a Logboek Dataverwerkingen (LDV) over OpenTelemetry
(OTLP over HTTP), off unless ``KOERS_LDV_OTLP_ENDPOINT`` is set.

The local table stays the source (the privacy officer's search, the AVG export, the portal's
"wie bekeek mijn dossier"); the logbook gets a copy. Design:

- Nothing is exported inside a request: a job of ``koers worker`` (:mod:`koers.verwerkingen.
  taken`) sends the records after they are committed and sealed.
- In seal order (``volgnummer``), behind a persisted cursor (:class:`~koers.verwerkingen.
  models.LdvExport`). Not in id order: a request that took a lower id may commit after a
  higher one, so a cursor on ids could pass a record that was not yet visible and never
  send it. Volgnummers are handed out by one sealer at a time and committed in order, so
  every record below the cursor has been seen.
- The cursor moves only after the collector confirmed the batch (OTLP answers 2xx once it
  has accepted it). A collector that is down or refuses loses nothing: the batch is sent
  again in a later round, with a growing pause. Delivery is at least once: a worker stopped
  between the confirmation and the cursor's commit sends the batch again, with the same ids,
  so the logbook recognises it.
- Each record becomes one span with the record's own ids (trace, operation as span id,
  parent operation as parent span), its start and end time, status and name, and the LDV
  attributes: ``dpl.core.processing_activity_id`` (the version of the register entry the
  record was written under, as the absolute URL of that version in the API, built from
  ``KOERS_BASIS_URL``; without that setting, or for a record from before the register had
  versions, the URN of the entry's code) and the data subject only as a keyed pseudonym
  (HMAC-SHA256 with ``KOERS_LDV_PSEUDONIEM_SLEUTEL``, ``dpl.core.data_subject_id``), never
  a BSN or Koers' own number.

Spec: MinBZK/logboek-dataverwerkingen, "Component: Logboek" (fields) and the extension
"Verwerkingsactiviteiten" (``dpl.core.processing_activity_id``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
from dataclasses import dataclass
from urllib.parse import unquote

from django.conf import settings
from django.db import transaction
from django.db.models import Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult
from opentelemetry.sdk.util.instrumentation import InstrumentationScope
from opentelemetry.trace import SpanContext, SpanKind, TraceFlags
from opentelemetry.trace.status import Status, StatusCode

from koers.verwerkingen import register
from koers.verwerkingen.models import LdvExport, Verwerking, VerwerkingsactiviteitVersie

log = logging.getLogger(__name__)

# Records per OTLP request, and requests per run of the job (the worker's other jobs get
# their turn in between).
STUK = 500
RONDES = 20
# The pause after a failed export doubles from this up to the maximum.
PAUZE_MIN = 5.0
PAUZE_MAX = 300.0

ACTIVITEIT_URI = "urn:koers:verwerkingsactiviteit:"
PSEUDONIEM_TYPE = "urn:koers:pseudoniem:hmac-sha256:inburgeraar"
SCOPE = InstrumentationScope("koers.verwerkingen")

_STATUS = {
    Verwerking.StatusCode.OK: StatusCode.OK,
    Verwerking.StatusCode.ERROR: StatusCode.ERROR,
}


def aan() -> bool:
    """On when the endpoint is set and a pseudonym key is there (check koers.E041 reports a
    missing key): without the key no record may leave Koers."""
    return bool(settings.LDV_OTLP_ENDPOINT) and len(settings.LDV_PSEUDONIEM_SLEUTEL) >= 32


def headers(tekst: str) -> dict[str, str]:
    """``naam=waarde,naam=waarde`` (values URL-encoded, as OTEL_EXPORTER_OTLP_HEADERS) as a
    dict; a part without ``=`` raises ValueError."""
    uit = {}
    for deel in filter(None, (d.strip() for d in tekst.split(","))):
        naam, teken, waarde = deel.partition("=")
        if not teken or not naam.strip():
            raise ValueError(f"'{deel}' is geen naam=waarde")
        uit[naam.strip()] = unquote(waarde.strip())
    return uit


def exporter() -> OTLPSpanExporter:
    return OTLPSpanExporter(
        endpoint=settings.LDV_OTLP_ENDPOINT,
        certificate_file=settings.LDV_OTLP_CA_BUNDLE or None,
        headers=headers(settings.LDV_OTLP_HEADERS),
        timeout=settings.LDV_OTLP_TIMEOUT,
    )


def pseudoniem(inburgeraar_id: int, sleutel: str | None = None) -> str:
    """The data subject as the logbook sees him: HMAC-SHA256 of his Koers number under the
    installation's secret key. The same person always gets the same pseudonym (so the
    logbook can answer "what happened to this person"), and without the key it cannot be
    traced back. The privacy officer computes it for a person with this function."""
    sleutel = settings.LDV_PSEUDONIEM_SLEUTEL if sleutel is None else sleutel
    return hmac.new(
        sleutel.encode("utf-8"), f"inburgeraar:{inburgeraar_id}".encode(), hashlib.sha256
    ).hexdigest()


def _ns(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1_000_000) * 1000


def _eind(v: Verwerking) -> int:
    begin = _ns(v.tijdstip)
    tekst = (v.ldv or {}).get("end_time")
    if not isinstance(tekst, str):
        return begin
    try:
        return max(_ns(dt.datetime.fromisoformat(tekst)), begin)
    except ValueError:  # an unreadable end time: the span ends where it began
        return begin


def _context(trace_id: str, span_id: str) -> SpanContext:
    return SpanContext(
        trace_id=int(trace_id, 16),
        span_id=int(span_id, 16),
        is_remote=False,
        trace_flags=TraceFlags(TraceFlags.SAMPLED),
    )


def activiteit_id(v: Verwerking, versies: dict[int, VerwerkingsactiviteitVersie]) -> str:
    """The record's ``dpl.core.processing_activity_id``: the URL of its register version
    (``versies``: loaded by :func:`koers.verwerkingen.register.versies`), else the URN of its
    code."""
    versie = versies.get(v.verwerkingsactiviteit_versie or 0)
    url = register.versie_url(versie) if versie is not None else None
    return url or ACTIVITEIT_URI + v.verwerkingsactiviteit


def attributen(
    v: Verwerking,
    sleutel: str | None = None,
    versies: dict[int, VerwerkingsactiviteitVersie] | None = None,
) -> dict:
    """The LDV attributes of a record (``dpl.core.*``) and Koers' own (``koers.*``): no
    personal data but the pseudonym, no names of staff."""
    uit: dict = {
        "koers.verwerking.id": v.pk,
        "koers.verwerking.volgnummer": v.volgnummer or 0,
        "koers.kanaal": v.kanaal,
        "koers.handeling": v.handeling,
        "koers.doel": v.doel,
        "koers.secties": [str(s) for s in (v.secties or [])],
    }
    if v.verwerkingsactiviteit:
        uit["dpl.core.processing_activity_id"] = activiteit_id(v, versies or {})
    if v.organisatie_oin:
        uit["koers.organisatie"] = f"urn:oin:{v.organisatie_oin}"
    if v.inburgeraar_id is not None:
        uit["dpl.core.data_subject_id"] = pseudoniem(v.inburgeraar_id, sleutel)
        uit["dpl.core.data_subject_id_type"] = PSEUDONIEM_TYPE
    vreemd = (v.ldv or {}).get("foreign_operation") or {}
    for veld, naam in (
        ("trace_id", "dpl.core.foreign_operation.trace_id"),
        ("operation_id", "dpl.core.foreign_operation.span_id"),
        ("entity", "dpl.core.foreign_operation.processor"),
    ):
        if isinstance(vreemd.get(veld), str):
            uit[naam] = vreemd[veld]
    for naam, waarde in ((v.ldv or {}).get("attributes") or {}).items():
        if isinstance(waarde, str | bool | int | float) and str(naam).startswith("dpl."):
            uit[str(naam)] = waarde
    return uit


def span(
    v: Verwerking,
    resource: Resource,
    sleutel: str | None = None,
    versies: dict[int, VerwerkingsactiviteitVersie] | None = None,
) -> ReadableSpan | None:
    """The record as an OTLP span; ``None`` for a record without LDV ids (written before
    they existed: it is no processing of a trace, and ids made up now would be outside its
    seal)."""
    if not v.trace_id or not v.operation_id:
        return None
    try:
        context = _context(v.trace_id, v.operation_id)
        ouder = _context(v.trace_id, v.parent_operation_id) if v.parent_operation_id else None
    except ValueError:  # no hex: never written by Koers; skipped rather than blocking the export
        log.warning("LDV-export: verwerking %s heeft ongeldige ids en wordt overgeslagen", v.pk)
        return None
    return ReadableSpan(
        name=v.activiteit,
        context=context,
        parent=ouder,
        resource=resource,
        attributes=attributen(v, sleutel, versies),
        kind=SpanKind.INTERNAL,
        status=Status(_STATUS.get(v.status_code, StatusCode.UNSET)),
        start_time=_ns(v.tijdstip),
        end_time=_eind(v),
        instrumentation_scope=SCOPE,
    )


def resource() -> Resource:
    from importlib.metadata import PackageNotFoundError, version

    try:
        versie = version("koers")
    except PackageNotFoundError:
        versie = "onbekend"
    return Resource.create({"service.name": "koers", "service.version": versie})


@dataclass(frozen=True)
class Uitkomst:
    verstuurd: int  # records whose batch the collector confirmed (spans or skipped)
    gelukt: bool  # False: the collector did not confirm the last batch


def _cursor() -> LdvExport | None:
    """The cursor row, locked for this transaction; ``None`` when another exporter has it."""
    LdvExport.objects.get_or_create(pk=1)
    return LdvExport.objects.select_for_update(skip_locked=True).filter(pk=1).first()


def exporteer(
    span_exporter: SpanExporter | None = None, *, stuk: int = STUK, rondes: int = RONDES
) -> Uitkomst:
    """Send the sealed records after the cursor, ``stuk`` per request, at most ``rondes``
    requests; the cursor moves after each confirmed request. Stops at the first failure."""
    span_exporter = span_exporter or exporter()
    bron = resource()
    sleutel = settings.LDV_PSEUDONIEM_SLEUTEL
    totaal = 0
    for _ in range(rondes):
        with transaction.atomic():
            cursor = _cursor()
            if cursor is None:
                return Uitkomst(totaal, True)
            rijen = list(
                Verwerking.objects.filter(volgnummer__gt=cursor.tot_volgnummer).order_by(
                    "volgnummer"
                )[:stuk]
            )
            if not rijen:
                return Uitkomst(totaal, True)
            versies = register.versies(v.verwerkingsactiviteit_versie for v in rijen)
            spans = [s for s in (span(v, bron, sleutel, versies) for v in rijen) if s is not None]
            resultaat = span_exporter.export(spans) if spans else SpanExportResult.SUCCESS
            if resultaat is not SpanExportResult.SUCCESS:
                cursor.laatste_fout = (
                    f"{timezone.now():%Y-%m-%d %H:%M:%S}: het logboek bevestigde "
                    f"{len(spans)} verwerkingen niet; Koers probeert het opnieuw."
                )[:300]
                cursor.save(update_fields=["laatste_fout"])
                return Uitkomst(totaal, False)
            cursor.tot_volgnummer = rijen[-1].volgnummer
            cursor.bijgewerkt_op = timezone.now()
            cursor.laatste_fout = ""
            cursor.save(update_fields=["tot_volgnummer", "bijgewerkt_op", "laatste_fout"])
        totaal += len(rijen)
        if len(rijen) < stuk:
            break
    return Uitkomst(totaal, True)


def oudste_wachtende() -> dt.datetime | None:
    """When the oldest sealed record the logbook has not confirmed was written (``None``: the
    logbook has everything). One query: the cursor is a subquery, and the first record after
    it is read from the unique index on ``volgnummer``, however large the backlog."""
    cursor = Coalesce(
        Subquery(LdvExport.objects.filter(pk=1).values("tot_volgnummer")[:1]), Value(0)
    )
    return (
        Verwerking.objects.filter(volgnummer__gt=cursor)
        .order_by("volgnummer")
        .values_list("tijdstip", flat=True)
        .first()
    )


def achterstand() -> int:
    """Sealed records not yet confirmed by the logbook."""
    cursor = LdvExport.objects.filter(pk=1).values_list("tot_volgnummer", flat=True).first()
    return Verwerking.objects.filter(volgnummer__gt=cursor or 0).count()
