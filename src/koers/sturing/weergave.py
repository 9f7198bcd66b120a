"""The presentation pieces every dashboard shares: a table of cells (with small-cell
suppression applied), a horizontal bar chart drawn from it as accessible SVG, and the same
table as export rows. A financiën page builds its :class:`Tabel` the same way and reuses the
chart, the table template and the exports.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from koers.bouwstenen.weergave import getal
from koers.sturing import rules

# The rule of koers.sturing.rules in plain words, shown beside every table with a hidden
# figure and at the top of an export that has one.
ONDERDRUKKING_UITLEG = (
    _("Kleine aantallen beschermen wij: zo is niemand te herkennen."),
    _("Een aantal van 1 tot en met 4 personen ziet u als <5."),
    _(
        "Staat er ook een – bij een aantal? Dan is dat getal verborgen, hoe groot het ook is. "
        "Anders kunt u het kleine aantal uitrekenen: het totaal min de andere getallen, of "
        "het verschil met een getal op een andere pagina (een andere gemeente of doelgroep)."
    ),
    _(
        "Een percentage of gemiddelde ziet u als – als het over minder dan 5 personen gaat, "
        "of als 1 tot en met 4 personen wel of juist niet meetellen."
    ),
)
NOOT_KLEIN = _("<5: 1 tot en met 4 personen.")
NOOT_VERBORGEN = _(
    "–: niet getoond, ook als het 5 of meer is. Anders kunt u een klein aantal uitrekenen "
    "uit het totaal of uit een getal elders, of gaat een percentage of gemiddelde over "
    "minder dan 5 personen."
)


@dataclass
class Cel:
    """One figure as shown: ``waarde`` the number (None when hidden or absent) and ``tekst``
    what the page and the export show ("<5" for a hidden count)."""

    waarde: int | float | Decimal | None
    tekst: str
    onderdrukt: bool = False
    link: str = ""


@dataclass
class Rij:
    label: str
    cellen: list[Cel]
    totaal: bool = False


@dataclass
class Tabel:
    id: str
    titel: str
    kolommen: list[str]  # the header of the label column first
    rijen: list[Rij]
    uitleg: str = ""
    # Which columns the chart draws (indexes into the cells of a row); empty: no chart.
    reeksen: list[int] = field(default_factory=list)
    eenheid: str = ""

    @property
    def grafiek(self) -> Grafiek | None:
        return maak_grafiek(self) if self.reeksen else None

    @property
    def heeft_verborgen(self) -> bool:
        """Whether a cell is hidden by the suppression rule: the page then explains it."""
        return any(c.onderdrukt for r in self.rijen for c in r.cellen)

    @property
    def onderdrukking_noot(self) -> list[str]:
        """The short note beside this table: what its hidden cells mean, for each kind of
        hidden cell it has."""
        teksten = {c.tekst for r in self.rijen for c in r.cellen if c.onderdrukt}
        noot = []
        if rules.ONDERDRUKT in teksten:
            noot.append(str(NOOT_KLEIN))
        if rules.NIET_GETOOND in teksten:
            noot.append(str(NOOT_VERBORGEN))
        return noot

    def export_rijen(self) -> list[list]:
        """Header plus rows as export cells: hidden counts as their text ("<5")."""
        uit: list[list] = [list(self.kolommen)]
        for rij in self.rijen:
            uit.append(
                [rij.label]
                + [c.tekst if c.onderdrukt or c.waarde is None else c.waarde for c in rij.cellen]
            )
        return uit


def tekst(waarde) -> str:
    if waarde is None:
        return rules.NIET_GETOOND
    if isinstance(waarde, Decimal | float):
        return getal(waarde, 1)
    return getal(waarde)


def aantal(waarde: int | None, verborgen: bool) -> Cel:
    """A count; hidden, it shows "<5" when it is small itself and "–" when it is hidden so
    that a small one cannot be computed back (rules.verborgen_tekst)."""
    if verborgen:
        return Cel(None, rules.verborgen_tekst(waarde), onderdrukt=True)
    return Cel(waarde, tekst(waarde))


def afgeleid(waarde, zichtbaar: bool) -> Cel:
    """A share or average: shown only when its basis may be shown."""
    if not zichtbaar or waarde is None:
        return Cel(None, rules.NIET_GETOOND, onderdrukt=waarde is not None)
    return Cel(waarde, tekst(waarde))


@dataclass(frozen=True)
class Telling:
    """The figures behind a table: the scope's counts, and the groups whose figures anyone
    can compute from them and from another page (``verschillen``: the other gemeenten of an
    aggregate beside one's own gemeente, the other doelgroepen beside a filtered one). A
    figure is hidden when such a difference is a small group, too."""

    scope: dict
    verschillen: list[dict]
    onderdrukken: bool

    def get(self, sleutel) -> int:
        return int(self.scope.get(sleutel, 0))

    def verschil_klein(self, sleutel) -> bool:
        """Hide this count because a derivable other group is small. Not for a zero: the
        other group's figure is then the one shown (and protected) on the other page."""
        return (
            self.onderdrukken
            and self.get(sleutel) != 0
            and any(rules.is_klein(int(v.get(sleutel, 0))) for v in self.verschillen)
        )

    def afgeleid_zichtbaar(self, teller: str | None, noemer: str) -> bool:
        """Share teller/noemer (or an average over noemer cases when teller is None)."""
        if not self.onderdrukken:
            return self.get(noemer) > 0
        t = self.get(teller) if teller else None
        if not rules.afgeleid_zichtbaar(t, self.get(noemer)):
            return False
        # The share of every derivable other group must hold up on its own, too.
        for ander in self.verschillen:
            n_ander = int(ander.get(noemer, 0))
            if n_ander == 0:
                continue
            t_ander = int(ander.get(teller, 0)) if teller else None
            if not rules.afgeleid_zichtbaar(t_ander, n_ander):
                return False
        return True


def verschil(a: dict, b: dict) -> dict:
    return {k: a.get(k, 0) - b.get(k, 0) for k in set(a) | set(b)}


def tellingen_tabel(
    id: str,
    titel: str,
    kolom: str,
    telling: Telling,
    delen: list[tuple[str, str]],
    *,
    totaal: tuple[str, str] | None,
    waarvan: Sequence[tuple[str, str]] = (),
    links: dict[str, str] | None = None,
    uitleg: str = "",
    kop: str = "",
) -> Tabel:
    """A one-column table of counts: ``delen`` (sleutel, label) adding up to ``totaal``,
    then ``waarvan`` rows that are a part of the total (e.g. Turkse nieuwkomers). ``kop`` is
    the header of the label column."""
    links = links or {}
    sleutels = [s for s, _l in delen] + ([totaal[0]] if totaal else [])
    matrix = [[telling.get(s)] for s in sleutels]
    verborgen = [[False] for _s in sleutels]
    if telling.onderdrukken:
        ook = [[telling.verschil_klein(s)] for s in sleutels]
        verborgen = rules.onderdruk(matrix, kolomtotaal=totaal is not None, ook=ook)
    rijen = []
    for (sleutel, label), (v,), (weg,) in zip(
        delen + ([totaal] if totaal else []), matrix, verborgen, strict=True
    ):
        cel = aantal(v, weg)
        if not weg and v and sleutel in links:
            cel.link = links[sleutel]
        rijen.append(Rij(label, [cel], totaal=totaal is not None and sleutel == totaal[0]))
    for sleutel, label in waarvan:
        v = telling.get(sleutel)
        weg = telling.onderdrukken and (
            rules.is_klein(v)
            or telling.verschil_klein(sleutel)
            or (totaal is not None and rules.is_klein(telling.get(totaal[0]) - v))
        )
        cel = aantal(v, weg)
        if not weg and v and sleutel in links:
            cel.link = links[sleutel]
        rijen.append(Rij(label, [cel]))
    return Tabel(id, titel, [kop or titel, kolom], rijen, uitleg=uitleg, reeksen=[0])


# --- the chart ---------------------------------------------------------------------------------

BREEDTE = 640
LABEL_BREEDTE = 230
# Characters of a label per line: about 7 px each at 13 px, within LABEL_BREEDTE.
LABEL_TEKENS = 30
REGEL_HOOGTE = 16
TEKEN_BREEDTE = 7.5  # a generous average width of a character of a value at 13 px
BALK_HOOGTE = 18
RIJ_HOOGTE = 30
MARGE = 12
KLEUREN = ("#154273", "#d4581f", "#3e7b27")  # contrast ≥ 4.5:1 on white (WCAG 1.4.11)


@dataclass(frozen=True)
class Balk:
    x: int
    y: int
    breedte: float
    kleur: str
    tekst: str
    tekst_x: float


@dataclass(frozen=True)
class Regel:
    tekst: str
    y: int


@dataclass(frozen=True)
class GrafiekRij:
    label: str
    regels: list[Regel]  # the label wrapped over lines: never cut off
    balken: list[Balk]


@dataclass(frozen=True)
class Grafiek:
    id: str
    titel: str
    beschrijving: str
    breedte: int
    hoogte: int
    rijen: list[GrafiekRij]
    legenda: list[tuple[str, str, int]]  # (kleur, naam, y)
    label_breedte: int = LABEL_BREEDTE


def _met_eenheid(cel: Cel, eenheid: str) -> str:
    return cel.tekst + (eenheid if cel.waarde is not None else "")


def label_regels(label: str) -> list[str]:
    """A label wrapped on word boundaries; a word longer than a line is broken."""
    return textwrap.wrap(label, LABEL_TEKENS) or [""]


def maak_grafiek(tabel: Tabel) -> Grafiek:
    """Horizontal bars of the chosen columns, the total row left out (it would dwarf the
    parts). Hidden figures get no bar, only their text. Labels wrap over as many lines as
    they need; the bars leave room for the longest value text, so nothing is cut off."""
    rijen = [r for r in tabel.rijen if not r.totaal]
    waarden = [
        float(w)
        for r in rijen
        for k in tabel.reeksen
        if isinstance(w := r.cellen[k].waarde, int | float | Decimal)
    ]
    maximum = max([w for w in waarden if w > 0], default=1.0)
    langste = max(
        (len(_met_eenheid(r.cellen[k], tabel.eenheid)) for r in rijen for k in tabel.reeksen),
        default=0,
    )
    ruimte = BREEDTE - LABEL_BREEDTE - 3 * MARGE - langste * TEKEN_BREEDTE
    uit_rijen = []
    top = MARGE
    for rij in rijen:
        regels = label_regels(rij.label)
        balken = []
        for j, k in enumerate(tabel.reeksen):
            cel = rij.cellen[k]
            lengte = 0.0
            if isinstance(cel.waarde, int | float | Decimal) and cel.waarde > 0:
                lengte = round(ruimte * float(cel.waarde) / maximum, 1)
            x = LABEL_BREEDTE + MARGE
            balken.append(
                Balk(
                    x,
                    top + j * RIJ_HOOGTE,
                    lengte,
                    KLEUREN[j % len(KLEUREN)],
                    _met_eenheid(cel, tabel.eenheid),
                    x + lengte + 6,
                )
            )
        eerste = top + BALK_HOOGTE - 4
        uit_rijen.append(
            GrafiekRij(
                rij.label,
                [Regel(r, eerste + i * REGEL_HOOGTE) for i, r in enumerate(regels)],
                balken,
            )
        )
        hoogte_rij = max(RIJ_HOOGTE * len(tabel.reeksen), len(regels) * REGEL_HOOGTE + 6)
        top += hoogte_rij + MARGE
    hoogte = top
    legenda = []
    if len(tabel.reeksen) > 1:
        for j, k in enumerate(tabel.reeksen):
            legenda.append((KLEUREN[j % len(KLEUREN)], tabel.kolommen[k + 1], hoogte + j * 22 + 8))
        hoogte += len(tabel.reeksen) * 22 + 8
    beschrijving = "; ".join(
        f"{r.label}: "
        + ", ".join(
            (f"{tabel.kolommen[k + 1]} " if len(tabel.reeksen) > 1 else "")
            + _met_eenheid(r.cellen[k], tabel.eenheid)
            for k in tabel.reeksen
        )
        for r in rijen
    )
    return Grafiek(
        f"{tabel.id}-grafiek",
        tabel.titel,
        beschrijving,
        BREEDTE,
        max(hoogte, 40),
        uit_rijen,
        legenda,
    )
