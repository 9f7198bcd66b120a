"""Writing and checking the verwerkingenlogging.

:func:`log` appends one record inside the caller's transaction: a change that is rolled back
leaves no record. Writing takes no lock and does no chain work: the record is one INSERT, and
the sealer of ``koers worker`` chains it within seconds (:mod:`koers.verwerkingen.keten`,
which explains the design). So no request waits on another one's log record.
"""

from __future__ import annotations

import copy
import functools
import sqlite3
import time
from collections.abc import Iterable
from typing import cast

from django.db import connection
from django.utils import timezone
from prometheus_client import Histogram

from koers.verwerkingen import keten, rules, tracecontext
from koers.verwerkingen.context import KANAAL
from koers.verwerkingen.keten import CONTROLE_STUK, HASH_VELDEN
from koers.verwerkingen.models import Verwerking
from koers.verwerkingen.register import huidige_versie_id, huidige_versie_sql, versie_subquery

__all__ = ["CONTROLE_STUK", "HASH_VELDEN"]  # kept here for the modules that import them

# What the log costs a request: one call of log() or log_veel() (a case page, a list page).
SCHRIJFDUUR = Histogram(
    "koers_verwerkingen_write_duration_seconds",
    "Duur van het schrijven in de verwerkingenlogging, per aanroep (een zaak of een lijst).",
    buckets=(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1),
)


# The actor of a processing by the inburgeraar himself in Mijn Inburgering: he
# is no Gebruiker, so the record names him by role; his case id is in ``inburgeraar_id``.
INBURGERAAR_ZELF = {
    "actor_id": None,
    "actor_naam": "inburgeraar zelf",
    "organisatie": "",
    "organisatie_oin": "",
    "rollen": ["inburgeraar"],
}


class GeenVerwerkingsactiviteit(ValueError):
    """A processing was to be logged that belongs to no entry of the register of processing
    activities (rules.REGISTER): add the activity to an entry first (AVG art. 30)."""


def verwerkingsactiviteit(activiteit: str, register: str | None = None) -> str:
    """The register code of a record: ``register`` when the caller names one (an activity
    that serves another purpose here, such as the privacy officer's search by BSN), else the
    entry the activity belongs to. Refuses an unknown code or an activity without entry."""
    code = register or rules.register_code(activiteit)
    if code is None or code not in rules.REGISTER_CODES:
        raise GeenVerwerkingsactiviteit(
            f"De verwerking '{activiteit}' hoort bij geen verwerkingsactiviteit van het "
            "register (koers.verwerkingen.rules.REGISTER)."
        )
    return code


def _actor(user) -> dict:
    if user is INBURGERAAR_ZELF:
        return dict(INBURGERAAR_ZELF)
    if user is None or not getattr(user, "is_authenticated", False):
        return {
            "actor_id": None,
            "actor_naam": "",
            "organisatie": "",
            "organisatie_oin": "",
            "rollen": [],
        }
    organisatie = getattr(user, "organisatie", None)
    gemeente = getattr(organisatie, "gemeente", None) if organisatie is not None else None
    return {
        "actor_id": user.pk,
        "actor_naam": user.get_username(),
        "organisatie": organisatie.naam if organisatie is not None else "",
        "organisatie_oin": gemeente.oin if gemeente is not None else "",
        "rollen": sorted(str(r) for r in (user.rollen or [])),
    }


def _gemeente_id(user) -> int | None:
    """The gemeente whose register a staff member's processing belongs to: his own."""
    if user is None or user is INBURGERAAR_ZELF or not getattr(user, "is_authenticated", False):
        return None
    gemeente = getattr(user, "gemeente", None)
    return gemeente.pk if gemeente is not None else None


def _ldv(
    actor: dict,
    *,
    begonnen,
    foreign_operation: dict | None = None,
    attributes: dict | None = None,
) -> dict:
    """The LDV fields of a record but its own operation id: the current trace (a new one
    outside any), its operation as parent, and the rest for the ``ldv`` column. A trace that
    came from another party is its ``foreign_operation`` (the caller's trace and operation,
    the caller's OIN as entity when known: the trace's own, else the user's organisation's),
    unless the caller names one."""
    nu = timezone.now()
    trace = tracecontext.huidige()
    extra: dict = {"end_time": nu.isoformat(timespec="milliseconds")}
    if foreign_operation is None and trace is not None and trace.extern is not None:
        foreign_operation = {
            "trace_id": trace.extern.trace_id,
            "operation_id": trace.extern.parent_id,
        }
        oin = trace.extern_oin or actor.get("organisatie_oin")
        if oin:
            foreign_operation["entity"] = f"urn:oin:{oin}"
    if foreign_operation:
        extra["foreign_operation"] = foreign_operation
    if attributes:
        extra["attributes"] = attributes
    return {
        "tijdstip": begonnen or nu,
        "trace_id": trace.trace_id if trace is not None else tracecontext.nieuwe_trace_id(),
        "parent_operation_id": trace.span_id if trace is not None else None,
        "ldv": extra,
    }


def log(
    *,
    user,
    handeling: str,
    activiteit: str,
    inburgeraar_id: int | None = None,
    traject_id: int | None = None,
    secties: Iterable[str] = (),
    kanaal: str | None = None,
    doel: str = rules.DOEL_UITVOERING,
    begonnen=None,
    status_code: int = Verwerking.StatusCode.OK,
    foreign_operation: dict | None = None,
    attributes: dict | None = None,
    register: str | None = None,
    operation_id: str | None = None,
    gemeente_id: int | None = None,
) -> Verwerking:
    """Append one record (in the caller's transaction, if any); sealed later.

    LDV: ``activiteit`` is the record's ``name``; ``begonnen`` its ``start_time`` (stored as
    ``tijdstip``; omitted: now) and the moment of writing its ``end_time``. A processing that
    another party started names that party's ids in ``foreign_operation`` (``trace_id``,
    ``operation_id``, ``entity``). ``operation_id``: the record's own, when the caller already
    sent it to another party as the parent of its processing (:func:`tracecontext.
    uitgaande_traceparent`); else a new one. The record names its entry in the register of
    processing activities (:func:`verwerkingsactiviteit`); an activity without one is
    refused (:class:`GeenVerwerkingsactiviteit`). It is that entry of the register of
    ``gemeente_id`` (omitted: the user's gemeente), in the version current now (a subquery
    in the INSERT, :func:`koers.verwerkingen.register.versie_subquery`)."""
    begin = time.perf_counter()
    code = verwerkingsactiviteit(activiteit, register)
    if gemeente_id is None:
        gemeente_id = _gemeente_id(user)
    actor = _actor(user)
    v = Verwerking(
        **_ldv(
            actor,
            begonnen=begonnen,
            foreign_operation=foreign_operation,
            attributes=attributes,
        ),
        operation_id=operation_id or tracecontext.nieuwe_span_id(),
        status_code=status_code,
        doel=doel,
        activiteit=activiteit,
        verwerkingsactiviteit=code,
        verwerkingsactiviteit_versie=versie_subquery(gemeente_id, code),
        kanaal=kanaal or KANAAL.get(),
        handeling=handeling,
        inburgeraar_id=inburgeraar_id,
        traject_id=traject_id,
        secties=sorted({str(s) for s in secties}),
        **actor,
    )
    v.save(force_insert=True)
    SCHRIJFDUUR.observe(time.perf_counter() - begin)
    return v


def log_lezen_lijst(
    user,
    zaken: Iterable[tuple[int, int | None]],
    secties: Iterable[str],
    *,
    kanaal: str | None = None,
    activiteit: str = rules.ACTIVITEIT_LIJST,
) -> list[Verwerking]:
    """One record per case shown in a list (werkvoorraad, search results): ``zaken`` are
    ``(inburgeraar_id, traject_id)``. See :func:`log_veel`."""
    return log_veel(
        user,
        zaken,
        secties,
        handeling=Verwerking.Handeling.LEZEN,
        activiteit=activiteit,
        kanaal=kanaal,
    )


def log_veel(
    user,
    zaken: Iterable[tuple[int, int | None]],
    secties: Iterable[str],
    *,
    handeling: str,
    activiteit: str,
    kanaal: str | None = None,
    doel: str = rules.DOEL_UITVOERING,
    register: str | None = None,
) -> list[Verwerking]:
    """One record per case, in one multi-row insert whatever the number of cases (on SQLite
    up to its bound on values per statement, :func:`_rijen_per_insert`)."""
    code = verwerkingsactiviteit(activiteit, register)
    zaken = list(zaken)
    if not zaken:
        return []
    begin = time.perf_counter()
    actor = _actor(user)
    gedeeld = dict(
        actor,
        **_ldv(actor, begonnen=None),
        doel=doel,
        activiteit=activiteit,
        verwerkingsactiviteit=code,
        kanaal=kanaal or KANAAL.get(),
        handeling=handeling,
        secties=sorted({str(s) for s in secties}),
    )
    if connection.vendor == "postgresql":
        rijen = _insert_per_zaak(gedeeld, huidige_versie_sql(_gemeente_id(user), code), zaken)
        SCHRIJFDUUR.observe(time.perf_counter() - begin)
        return rijen
    # The register version read once (not as a subquery in every row of the VALUES, which the
    # database plans and runs per row): two statements, whether one case or a hundred.
    versie = huidige_versie_id(_gemeente_id(user), code)
    rijen = [
        Verwerking(
            inburgeraar_id=inburgeraar_id,
            traject_id=traject_id,
            operation_id=tracecontext.nieuwe_span_id(),
            verwerkingsactiviteit_versie=versie,
            **gedeeld,
        )
        for inburgeraar_id, traject_id in zaken
    ]
    # All batches or none (its own atomic block).
    Verwerking.objects.bulk_create(rijen, batch_size=_rijen_per_insert())
    SCHRIJFDUUR.observe(time.perf_counter() - begin)
    return rijen


# The columns that differ between the records of one list; the others are the same for all,
# but for the register version, which the statement reads itself.
_PER_ZAAK = ("inburgeraar_id", "traject_id", "operation_id")
_VERSIE = "verwerkingsactiviteit_versie"


@functools.cache
def _lijst_insert() -> tuple[list, str]:
    """The shared columns and the SQL of :func:`_insert_per_zaak` (with ``{versie}`` for the
    version's subquery), built once per process from the model."""
    velden = [
        veld
        for veld in Verwerking._meta.concrete_fields
        if not veld.primary_key and veld.attname not in (*_PER_ZAAK, _VERSIE)
    ]
    # A concrete field always has its column.
    kolommen = ", ".join(connection.ops.quote_name(cast(str, veld.column)) for veld in velden)
    # Every value cast to its column's type: in a SELECT list PostgreSQL would read an
    # untyped literal as text. Names and types are the model's own; the values parameters.
    waarden = ", ".join(f"%s::{veld.db_type(connection)}" for veld in velden)
    tabel = connection.ops.quote_name(Verwerking._meta.db_table)
    sql = (
        f"INSERT INTO {tabel} ({kolommen}, {_VERSIE}, "  # noqa: S608
        f"inburgeraar_id, traject_id, operation_id) SELECT {waarden}, {{versie}}, "
        "z.inburgeraar_id, z.traject_id, z.operation_id FROM unnest(%s::integer[], "
        "%s::integer[], %s::varchar[]) WITH ORDINALITY AS z(inburgeraar_id, traject_id, "
        f"operation_id, rij) ORDER BY z.rij RETURNING id, {_VERSIE}"
    )
    return velden, sql


def _insert_per_zaak(
    gedeeld: dict, versie: tuple[str, tuple], zaken: list[tuple[int, int | None]]
) -> list[Verwerking]:
    """PostgreSQL: the records of a list in one INSERT that sends the shared values once and
    the three per-case columns as arrays (``unnest``), in the order of ``zaken``. The same rows
    as ``bulk_create`` writes, at a third of its Python time and with 25 times fewer values
    for the database to parse (measured: 3.6 to 1.2 ms per page of 25). The register version
    is a scalar subquery in the same statement (``versie``: SQL and parameters, see
    :func:`huidige_versie_sql`), which PostgreSQL runs once for all rows."""
    velden, sql = _lijst_insert()
    versie_sql, versie_params = versie
    sjabloon = Verwerking(**gedeeld)
    operaties = [tracecontext.nieuwe_span_id() for _ in zaken]
    params = [veld.get_db_prep_save(veld.pre_save(sjabloon, True), connection) for veld in velden]
    params += versie_params
    params += [[z[0] for z in zaken], [z[1] for z in zaken], operaties]
    with connection.cursor() as cursor:
        # Only the version's own SQL goes into the text; every value is a parameter.
        cursor.execute(sql.replace("{versie}", versie_sql), params)
        antwoord = cursor.fetchall()
    rijen = []
    for (pk, versie_id), (inburgeraar_id, traject_id), operation_id in zip(
        antwoord, zaken, operaties, strict=True
    ):
        rij = copy.copy(sjabloon)
        rij.pk, rij.inburgeraar_id, rij.traject_id = pk, inburgeraar_id, traject_id
        rij.operation_id, rij.verwerkingsactiviteit_versie = operation_id, versie_id
        rij._state.adding, rij._state.db = False, connection.alias
        rijen.append(rij)
    return rijen


def _rijen_per_insert() -> int | None:
    """Rows per INSERT of :func:`log_veel` on SQLite (``None``: no bound, PostgreSQL): the
    bound comes from the database itself (32766 values since SQLite 3.32; Django assumes
    999), one value per column of a row."""
    if connection.vendor != "sqlite":
        return None
    connection.ensure_connection()
    grens = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    waarden = sum(1 for veld in Verwerking._meta.concrete_fields if not veld.primary_key)
    return max(1, grens // waarden)


def zaken_van(rijen: Iterable, pad: str = "") -> list[tuple[int, int | None]]:
    """``(inburgeraar_id, traject_id)`` of the rows of a list page. ``pad`` leads from a row
    to its Traject or Inburgeraar (``"traject"``, ``"traject__inburgeraar"``; empty when the
    row is one). Reads only loaded ids: no query when the list used select_related."""
    zaken = []
    for rij in rijen:
        doel = rij
        for deel in filter(None, pad.split("__")):
            doel = getattr(doel, deel)
        # The log sits below the case models: it names them as their ForeignKeys do.
        if doel._meta.label == "inburgeraars.Inburgeraar":
            zaken.append((doel.pk, doel.huidig_traject_id))
        else:
            zaken.append((doel.inburgeraar_id, doel.pk))
    return zaken


def log_lijst(
    user,
    rijen: Iterable,
    secties: Iterable[str],
    *,
    pad: str = "",
    kanaal: str | None = None,
    activiteit: str = rules.ACTIVITEIT_LIJST,
) -> list[Verwerking]:
    """The one-line call for a list page or API list: every case shown is logged as read,
    with the sections the list shows. Constant in statements (see
    :func:`log_lezen_lijst`)."""
    return log_lezen_lijst(
        user, zaken_van(rijen, pad), secties, kanaal=kanaal, activiteit=activiteit
    )


class LogtLijst:
    """Mixin for a DRF list view: logs the cases on the page it answers. Set ``log_secties``
    and ``log_pad`` (see :func:`zaken_van`)."""

    log_secties: tuple[str, ...] = ()
    log_pad = ""

    def paginate_queryset(self, queryset):
        pagina = super().paginate_queryset(queryset)  # type: ignore[misc]
        if pagina is not None:
            verzoek = self.request  # type: ignore[attr-defined]
            zoekt = bool(verzoek.query_params.get("bsn"))
            log_lijst(
                verzoek.user,
                pagina,
                self.log_secties,
                pad=self.log_pad,
                kanaal=Verwerking.Kanaal.API,
                activiteit=rules.ACTIVITEIT_ZOEKEN if zoekt else rules.ACTIVITEIT_LIJST,
            )
        return pagina


def log_job(
    handeling: str,
    traject,
    secties: Iterable[str],
    *,
    activiteit: str = rules.ACTIVITEIT_DUO,
    doel: str = rules.DOEL_DUO,
    begonnen=None,
    status_code: int = Verwerking.StatusCode.OK,
    foreign_operation: dict | None = None,
    operation_id: str | None = None,
) -> Verwerking:
    """A background job (the DUO worker, retention) processed a person's data. For a call
    to DUO: ``begonnen`` before the call, and the span id sent in its ``traceparent`` as
    ``operation_id``, so DUO's record names this one as its foreign operation; for DUO's
    notification the ids DUO sent as ``foreign_operation`` (see :func:`log`)."""
    return log(
        begonnen=begonnen,
        status_code=status_code,
        foreign_operation=foreign_operation,
        operation_id=operation_id,
        user=None,
        handeling=handeling,
        activiteit=activiteit,
        inburgeraar_id=traject.inburgeraar_id,
        traject_id=traject.pk,
        secties=secties,
        kanaal=Verwerking.Kanaal.JOB,
        doel=doel,
        gemeente_id=getattr(traject, "gemeente_id", None),
    )


def log_lezen(
    user,
    inburgeraar,
    secties: Iterable[str],
    *,
    kanaal: str | None = None,
    activiteit: str = rules.ACTIVITEIT_INZIEN,
) -> Verwerking:
    traject_id = getattr(inburgeraar, "huidig_traject_id", None)
    return log(
        user=user,
        handeling=Verwerking.Handeling.LEZEN,
        activiteit=activiteit,
        inburgeraar_id=inburgeraar.pk,
        traject_id=traject_id,
        secties=secties,
        kanaal=kanaal,
    )


def log_portaal(
    inburgeraar,
    handeling: str,
    secties: Iterable[str],
    *,
    activiteit: str = rules.ACTIVITEIT_PORTAAL,
) -> Verwerking:
    """The inburgeraar read or changed his own data in Mijn Inburgering."""
    return log(
        user=INBURGERAAR_ZELF,
        handeling=handeling,
        activiteit=activiteit,
        inburgeraar_id=inburgeraar.pk,
        traject_id=getattr(inburgeraar, "huidig_traject_id", None),
        secties=secties,
        kanaal=Verwerking.Kanaal.PORTAAL,
        gemeente_id=getattr(inburgeraar, "gemeente_id", None),
    )


def log_wijzigen(
    user, traject, secties: Iterable[str], *, activiteit: str = rules.ACTIVITEIT_WIJZIGEN
) -> Verwerking:
    return log(
        user=user,
        handeling=Verwerking.Handeling.WIJZIGEN,
        activiteit=activiteit,
        inburgeraar_id=traject.inburgeraar_id,
        traject_id=traject.pk,
        secties=secties,
    )


def verifieer(stuk: int = CONTROLE_STUK) -> int | None:
    """The id of the first record of the sealed chain whose hash or link is wrong, or
    ``None`` when it is intact (:func:`koers.verwerkingen.keten.verifieer`)."""
    return keten.verifieer(stuk)
