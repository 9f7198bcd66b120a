"""A count asked on every page, with its SQL built once per key instead of per request.

Django builds and compiles a queryset's SQL in Python every time it is evaluated. For the
menu's count of new portal messages, which every staff page shows, that cost more than the
query itself: measured under load, a fifth of a web process's Python time on the
werkvoorraad went to building it (docs/performance.md). When a queryset's SQL depends only
on a few known values (who asks, his roles and organisation, the day), its text and
parameters are built once per process and key and then only run: on PostgreSQL as a
prepared statement, so neither side plans it again.

The key must name everything the SQL depends on. Data the query reads (a new signal, a
delegation that starts today) is read by the SQL when it runs, not fixed in the text; a
value Python puts into the text (a gemeente's id, the date of today, the roles' sections)
belongs in the key.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.db import connection
from django.db.models import QuerySet

GROOTTE = 4096

_gebouwd: OrderedDict[Hashable, tuple[str, tuple]] = OrderedDict()
_slot = threading.Lock()


def telling(sleutel: Hashable, maak: Callable[[], QuerySet]) -> int:
    """``maak().count()``, with the SQL of the count built once per ``sleutel`` (and
    database vendor) in this process; the newest ``GROOTTE`` keys are kept."""
    volledig = (connection.vendor, sleutel)
    with _slot:
        sql = _gebouwd.get(volledig)
        if sql is not None:
            _gebouwd.move_to_end(volledig)
    if sql is None:
        sql = _count_sql(maak())
        with _slot:
            _gebouwd[volledig] = sql
            while len(_gebouwd) > GROOTTE:
                _gebouwd.popitem(last=False)
    tekst, parameters = sql
    with connection.cursor() as c:
        c.execute(tekst, parameters)
        return c.fetchone()[0]


def _count_sql(queryset: QuerySet) -> tuple[str, tuple]:
    """The queryset's rows counted, as SQL text and parameters. An empty queryset
    (``.none()``) has no SQL: then a count that is always 0."""
    binnen = queryset.order_by().values("pk").query
    if binnen.is_empty():
        return "SELECT 0", ()
    # The inner text is the ORM's own compiled SQL; every value in it stays a parameter.
    tekst, parameters = binnen.sql_with_params()
    return f"SELECT COUNT(*) FROM ({tekst}) AS telling", tuple(parameters)  # noqa: S608


def vergeet() -> None:
    """Forget every built query (tests that change what a key stands for)."""
    with _slot:
        _gebouwd.clear()
