"""The Notificatie API that DUO calls: ``POST /duo/v1/notificaties``.

Contract: ``API/Notificatie/openapi.yml`` (operation ``opvoerenNotificatie``). DUO sends the
headers ``bron``, ``doel`` and ``berichtId`` and a body ``{registratieDatumTijd, bsn?, vNummer?,
gebeurtenisId}``. We answer

- 201 with ``API-Version`` and the echoed ``berichtId`` once the notification is stored
  (committed) — the work itself happens later in ``koers worker``;
- 201 again for a ``berichtId`` we already have with the same content (stored and processed
  once); 400 when DUO uses that ``berichtId`` for another content: the first notification
  stays, the difference is kept as a NotificatieConflict for beheer;
- 400 with a Foutmelding list ``[{"fouttekst": ...}]`` for anything that does not follow the
  contract (headers, JSON, types, an invalid BSN, a date without meaning, a moment that cannot
  be true — koers.duo.rules.registratie_fout — or a body too large, also one above Django's
  DATA_UPLOAD_MAX_MEMORY_SIZE);
- 403 with a Foutmelding list when ``doel`` is not the OIN of one of our gemeenten (the file
  lists 403 "Niet geautoriseerd").

A valid W3C ``traceparent`` header is stored with the notification (invalid ones are ignored):
the worker handles it in DUO's trace (koers.duo.worker).

Security: this view has no Koers login and no CSRF (DUO is a machine). In production it must
sit behind the reverse proxy that terminates Digikoppeling mutual TLS and lets through only
DUO's PKIoverheid certificate (see docs). Only JSON is accepted.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, IntegrityError, OperationalError, connection, transaction
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from koers.duo import rules, spec
from koers.duo.models import Notificatie, NotificatieConflict
from koers.inburgeraars import rules as persoon_rules
from koers.organisaties.models import Gemeente
from koers.verwerkingen import tracecontext

log = logging.getLogger(__name__)

OPERATIE = "opvoerenNotificatie"
MAX_LENGTE = 16 * 1024  # a notification is a few hundred bytes
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NU_NIET_OPGESLAGEN = "De notificatie kon nu niet worden opgeslagen. Probeer het later opnieuw."


def api_versie() -> str:
    """``info.version`` of the vendored Notificatie API file (the version we implement)."""
    return spec.operation(OPERATIE).api_version


def _fout(status: int, teksten: list[str]) -> JsonResponse:
    antwoord = JsonResponse([{"fouttekst": t[:200]} for t in teksten], status=status, safe=False)
    antwoord["API-Version"] = api_versie()
    return antwoord


def _registratie(waarde: str) -> datetime | None:
    """The notification's timestamp; one without an offset counts as Dutch local time."""
    try:
        moment = parse_datetime(waarde)
    except ValueError:
        return None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=AMSTERDAM)
    return moment


def _geen_json(naam: str):
    raise ValueError(f"{naam} is geen JSON")


def _lees_body(request) -> tuple[object, list[str]]:
    soort = request.content_type or ""
    if soort != "application/json":
        return None, ["Stuur de notificatie als JSON (Content-Type: application/json)."]
    try:
        ruw = request.body
    except RequestDataTooBig:
        # Above DATA_UPLOAD_MAX_MEMORY_SIZE Django refuses to read the body; DUO still gets
        # the agreed Foutmelding instead of Django's HTML page.
        ruw = None
    if ruw is None or len(ruw) > MAX_LENGTE:
        return None, ["De notificatie is te groot."]
    try:
        return json.loads(ruw.decode("utf-8"), parse_constant=_geen_json), []
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, ["De inhoud is geen geldige JSON."]


@csrf_exempt
@transaction.non_atomic_requests
@require_POST
def ontvang(request):
    body, fouten = _lees_body(request)
    if fouten:
        return _fout(400, fouten)
    if not isinstance(body, dict):
        return _fout(400, ["De notificatie moet een JSON-object zijn."])
    headers = {naam: request.headers.get(naam) for naam in ("bron", "doel", "berichtId")}
    headers = {k: v for k, v in headers.items() if v is not None}
    if any("\x00" in v for v in headers.values()):
        return _fout(400, ["Een header bevat een ongeldig teken."])
    fouten = spec.validate_request(OPERATIE, path_params={}, headers=headers, body=body)
    if fouten:
        return _fout(400, fouten)
    if settings.DUO_OIN and headers["bron"] != settings.DUO_OIN:
        # The reverse proxy checks DUO's certificate (Digikoppeling); this keeps a message
        # that names another sender out even when a certificate of the same root gets through.
        return _fout(403, ["De bron is niet DUO: Koers neemt alleen notificaties van DUO aan."])
    # The schema allows more than makes sense; these checks keep garbage out of the inbox.
    bsn = body.get("bsn") or ""
    if bsn and not persoon_rules.is_valid_bsn(bsn):
        fouten.append("Het BSN is ongeldig: het moet 9 cijfers hebben en de elfproef doorstaan.")
    moment = _registratie(body["registratieDatumTijd"])
    if moment is None:
        fouten.append("registratieDatumTijd is geen geldige datum en tijd.")
    else:
        fout = rules.registratie_fout(
            moment,
            nu=timezone.now(),
            max_vooruit=timedelta(minutes=settings.DUO_REGISTRATIE_MAX_VOORUIT_MINUTEN),
        )
        if fout:
            fouten.append(fout)
    vnummer = body.get("vNummer")
    if isinstance(vnummer, bool):
        fouten.append("vNummer moet een getal zijn.")
    if fouten:
        return _fout(400, fouten)
    bericht_id = uuid.UUID(headers["berichtId"])
    inhoud = {
        "bron": headers["bron"],
        "doel": headers["doel"],
        "gebeurtenis_id": body["gebeurtenisId"],
        "bsn": bsn,
        "vnummer": str(vnummer).zfill(10) if vnummer is not None else "",
        "registratie_datum_tijd": moment,
    }
    # DUO's trace, for the log records of the handling later; an invalid header is ignored
    # (W3C Trace Context). Not part of the content: a retry in another trace is the same.
    traceparent = tracecontext.als_header(
        tracecontext.lees_traceparent(request.headers.get("traceparent"))
    )
    try:
        _bewaar(
            bericht_id=bericht_id,
            gemeente_id=_gemeente_van(headers["doel"]),
            traceparent=traceparent,
            **inhoud,
        )
    except OperationalError:
        # The database is busy or away for a moment: DUO delivers again after a 503.
        log.warning("Notificatie %s: database even niet beschikbaar", bericht_id)
        return _fout(503, [NU_NIET_OPGESLAGEN])
    except DatabaseError as fout:
        # A unique constraint: an IntegrityError, or, when SQLite meets it while stepping the
        # INSERT ... RETURNING of two racing deliveries, a plain DatabaseError with its text.
        if not isinstance(fout, IntegrityError) and "UNIQUE constraint failed" not in str(fout):
            raise
        antwoord = _al_ontvangen(headers["doel"], bericht_id, inhoud)
        if antwoord is not None:
            return antwoord
    else:
        log.info("Notificatie %s (%s) opgeslagen", bericht_id, body["gebeurtenisId"])
    antwoord = HttpResponse(status=201)
    antwoord["API-Version"] = api_versie()
    antwoord["berichtId"] = str(bericht_id)
    return antwoord


def _gemeente_van(oin: str) -> RawSQL:
    """The gemeente's id as a subquery of the INSERT (NULL, so refused, when the OIN is not a
    gemeente's). Written out: building it with the ORM costs more than the INSERT itself."""
    q = connection.ops.quote_name  # names from the model; the OIN is a parameter
    sql = (
        f"SELECT {q(Gemeente._meta.pk.column)} FROM {q(Gemeente._meta.db_table)} "  # noqa: S608
        f"WHERE {q(Gemeente._meta.get_field('oin').column)} = %s"
    )
    return RawSQL(sql, [oin])  # noqa: S611


def _bewaar(**velden) -> None:
    """Store with one INSERT that also looks up the gemeente. Outside a transaction (as the
    view runs) the INSERT commits on its own: one round trip, durable when it returns, before
    the 201. Inside a caller's transaction a savepoint keeps a duplicate from spoiling it."""
    try:
        if transaction.get_connection().in_atomic_block:
            with transaction.atomic():
                Notificatie.objects.create(**velden)
        else:
            Notificatie.objects.create(**velden)
    except TypeError as fout:
        # SQLite with concurrent writers can end an INSERT ... RETURNING without its row (the
        # statement was reset while the database was busy), and Django then fails to read the
        # id. Busy, as an OperationalError: DUO delivers again after the 503, and a row that
        # did get stored makes that retry a known berichtId, acknowledged once.
        if connection.vendor != "sqlite":
            raise
        raise OperationalError("INSERT zonder teruggegeven rij") from fout


def _al_ontvangen(doel: str, bericht_id: uuid.UUID, inhoud: dict) -> HttpResponse | None:
    """The answer when storing the notification met a unique constraint: no gemeente with this
    doel-OIN (the subquery gave no id), or the same berichtId again (DUO retried, or two
    deliveries raced). ``None``: the same notification again, acknowledged and kept once."""
    if not Gemeente.objects.filter(oin=doel).exists():
        return _fout(403, ["Het doel-OIN hoort niet bij een gemeente in deze installatie."])
    eerder = _eerder_ontvangen(bericht_id)
    if eerder is None:
        # The racing delivery did not become visible: DUO retries a 503 (contract).
        log.warning("Notificatie %s: gelijktijdige levering niet te zien", bericht_id)
        return _fout(503, [NU_NIET_OPGESLAGEN])
    afwijkend = _afwijkend(eerder, inhoud)
    if afwijkend:
        _bewaar_conflict(eerder, afwijkend)
        return _fout(
            400,
            [
                "Dit berichtId is al gebruikt voor een notificatie met een "
                "andere inhoud. Gebruik een nieuw berichtId voor een nieuwe "
                "notificatie."
            ],
        )
    log.info("Notificatie %s was al ontvangen", bericht_id)
    return None


def _eerder_ontvangen(bericht_id: uuid.UUID) -> Notificatie | None:
    """The stored notification with this berichtId. A delivery that raced ours may commit a
    moment after our insert failed on it, so look a few times before giving up."""
    for wacht in (0, 0.05, 0.1, 0.2, 0.4):
        time.sleep(wacht)
        try:
            eerder = Notificatie.objects.filter(bericht_id=bericht_id).first()
        except OperationalError:  # still locked by that delivery
            continue
        if eerder is not None:
            return eerder
    return None


def _afwijkend(eerder: Notificatie, inhoud: dict) -> dict[str, str]:
    """The fields in which a repeat differs from the stored notification (moments compared
    as instants: the same moment written with another offset is the same notification)."""
    verschil = {}
    for veld, waarde in inhoud.items():
        if getattr(eerder, veld) != waarde:
            verschil[veld] = waarde.isoformat() if isinstance(waarde, datetime) else str(waarde)
    if "bsn" in verschil and verschil["bsn"]:
        # Beheer sees only the last 3 digits of a BSN, here as on the rest of the page.
        verschil["bsn"] = "******" + verschil["bsn"][-3:]
    return verschil


def _bewaar_conflict(eerder: Notificatie, afwijkend: dict[str, str]) -> None:
    """One record per distinct deviating content, counted: DUO retrying the same wrong
    message does not fill the table."""
    sleutel = hashlib.sha256(json.dumps(afwijkend, sort_keys=True).encode()).hexdigest()
    try:
        with transaction.atomic():
            NotificatieConflict.objects.create(
                notificatie=eerder, inhoud_hash=sleutel, afwijkend=afwijkend
            )
    except IntegrityError:
        # This content came before, or a parallel repeat made its row a moment ago: count it.
        NotificatieConflict.objects.filter(notificatie=eerder, inhoud_hash=sleutel).update(
            aantal=F("aantal") + 1, laatst_ontvangen_op=timezone.now()
        )
    log.warning(
        "Notificatie %s: herhaald berichtId met andere inhoud (%s)",
        eerder.bericht_id,
        ", ".join(sorted(afwijkend)),
    )
