"""Keyset pagination of traject lists such as the werkvoorraad: no COUNT, no OFFSET, so page
1000 of a million cases costs the same as page 1. Order: ``volgende_deadline`` ascending with
empty deadlines last, then ``id``. A cursor is ``<yyyy-mm-dd or ->.<id>`` of the row at a page
edge."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q

VOLGORDE = (F("volgende_deadline").asc(nulls_last=True), F("id").asc())
OMGEKEERD = (F("volgende_deadline").desc(nulls_first=True), F("id").desc())


@dataclass(frozen=True)
class Pagina:
    rijen: list
    volgende: str | None  # cursor for "Volgende", None on the last page
    vorige: str | None  # cursor for "Vorige", None on the first page


def cursor(rij) -> str:
    datum = rij.volgende_deadline.isoformat() if rij.volgende_deadline else "-"
    return f"{datum}.{rij.pk}"


def lees_cursor(tekst: str | None) -> tuple[dt.date | None, int] | None:
    """The cursor's (deadline, id), or None when it is missing or malformed."""
    if not tekst or "." not in tekst:
        return None
    datum_tekst, _, id_tekst = tekst.partition(".")
    try:
        pk = int(id_tekst)
        datum = None if datum_tekst == "-" else dt.date.fromisoformat(datum_tekst)
    except ValueError:
        return None
    return (datum, pk) if pk > 0 else None


def _na(datum, pk) -> Q:
    if datum is None:
        return Q(volgende_deadline__isnull=True, id__gt=pk)
    return (
        Q(volgende_deadline__gt=datum)
        | Q(volgende_deadline=datum, id__gt=pk)
        | Q(volgende_deadline__isnull=True)
    )


def _voor(datum, pk) -> Q:
    if datum is None:
        return Q(volgende_deadline__isnull=False) | Q(volgende_deadline__isnull=True, id__lt=pk)
    return Q(volgende_deadline__lt=datum) | Q(volgende_deadline=datum, id__lt=pk)


def pagineer(qs, per: int, *, na: str | None = None, voor: str | None = None) -> Pagina:
    """One query of ``per + 1`` rows; the extra row only tells whether another page exists."""
    voor_cursor, na_cursor = lees_cursor(voor), lees_cursor(na)
    if voor_cursor is not None:
        rijen = list(qs.filter(_voor(*voor_cursor)).order_by(*OMGEKEERD)[: per + 1])
        meer = len(rijen) > per
        rijen = rijen[:per][::-1]
        return Pagina(
            rijen,
            volgende=cursor(rijen[-1]) if rijen else None,
            vorige=cursor(rijen[0]) if meer and rijen else None,
        )
    if na_cursor is not None:
        qs = qs.filter(_na(*na_cursor))
    rijen = list(qs.order_by(*VOLGORDE)[: per + 1])
    meer = len(rijen) > per
    rijen = rijen[:per]
    return Pagina(
        rijen,
        volgende=cursor(rijen[-1]) if meer else None,
        vorige=cursor(rijen[0]) if na_cursor is not None and rijen else None,
    )
