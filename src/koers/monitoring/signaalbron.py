"""What an app gives the signal engine: one :class:`Bron` per kind of signal.

An app lists its sources as ``BRONNEN`` in its ``signalen`` module; the engine in
:mod:`koers.monitoring` runs every source once per run, set-based: ``rijen(vandaag)`` is ONE
query over all cases (never a loop per case) that yields ``(traject_id, vervaldatum,
sleutel)`` for every item that is due *now or within the source's horizon*. ``sleutel``
tells several signals of one kind on one case apart (e.g. the gesprek's id); use ``""`` when
a case has at most one. A signal that a source no longer yields is closed by the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from koers.toegang.policy import Sectie


@dataclass(frozen=True)
class Bron:
    soort: str  # stable key, stored with the signal, e.g. "ontzorgen_einde"
    titel: str  # Dutch at B1 level, shown on the werkvoorraad and the case page
    sectie: Sectie  # who may see the signal: whoever may see this section of the case
    rijen: Callable[[date], Iterable[tuple[int, date, str]]]
    # Stands still while DUO's tijdelijke vrijstelling (SS109) runs: the engine leaves out
    # the cases with ``Traject.gepauzeerd_sinds`` set, so their signals of this kind lapse
    # and come back with the resumed dates (koers.monitoring.rules.signaal_staat_stil).
    pauzeert: bool = False
    # The source yields DUO's einddatum of the termijn, which is exclusive: the signal is due
    # on the last day (koers.inburgeraars.rules.termijn_laatste_dag), the date people read.
    termijn_einde: bool = False
    # A short marker for the werkvoorraad's row ("Nieuw bericht"), for signals the adviseur
    # should notice among the others; empty: only the title.
    kenmerk: str = ""
    # The dossier tab where the adviseur acts on it (its slug); empty: the signals' own tab.
    tab: str = ""
