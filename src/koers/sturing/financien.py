"""The Financiën dashboard: budget per stream against the realised costs per
month, the cumulative realisation, and the forecast of the year. Set-based: one GROUP BY over
the kostenposten (month × voorziening), one read of the budgets, one count of the year's
cases per doelgroep, whatever the number of kostenposten or cases.

Amounts are the gemeente's own books and are shown exactly; the counts of cases behind the
forecast are suppressed like every other count (``rules.is_klein``) for who has no case
access. No page or export of this module shows a person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum
from django.db.models.functions import ExtractMonth
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from koers.bouwstenen.weergave import bedrag
from koers.organisaties.models import Budget
from koers.sturing import kubus, rules
from koers.sturing.models import VOORZIENING_LABELS, Kengetal, Kostenpost
from koers.sturing.weergave import Cel, Rij, Tabel, aantal

NUL = Decimal("0.00")


def geld(waarde: Decimal | None) -> Cel:
    if waarde is None:
        return Cel(None, rules.NIET_GETOOND)
    return Cel(waarde, bedrag(waarde))


@dataclass
class Cijfers:
    """The raw figures of one gemeente and year."""

    gemeente_id: int
    jaar: int
    # {(maand, voorziening): (gerealiseerd, gepland)}: gepland is dated after today.
    per_maand: dict[tuple[int, str], tuple[Decimal, Decimal]]
    budget: dict[str, Decimal]  # stroom -> bedrag
    asiel: int
    gezin: int
    # {(voorziening, asiel): gerealiseerd}: by the doelgroep booked with each cost.
    per_doelgroep: dict[tuple[str, bool], Decimal] = field(default_factory=dict)
    # {stroom or None: gerealiseerd}: the stream that pays (rules.ten_laste_van); None for
    # costs no stream pays (a gezinsmigrant's own leerroute booked before Koers refused it).
    per_betaler: dict[str | None, Decimal] = field(default_factory=dict)

    def gerealiseerd(self, maand: int | None = None, voorziening: str | None = None) -> Decimal:
        return sum(
            (
                g
                for (m, v), (g, _p) in self.per_maand.items()
                if (maand is None or m == maand) and (voorziening is None or v == voorziening)
            ),
            NUL,
        )

    def gepland(self) -> Decimal:
        return sum((p for (_g, p) in self.per_maand.values()), NUL)

    def per_stroom(self, stroom: str | None) -> Decimal:
        """Realised costs that this stream pays (None: that no stream pays)."""
        return self.per_betaler.get(stroom, NUL)

    def van_doelgroep(self, voorziening: str | None, asiel: bool) -> Decimal:
        return sum(
            (
                g
                for (v, a), g in self.per_doelgroep.items()
                if a == asiel and (voorziening is None or v == voorziening)
            ),
            NUL,
        )


def bereken(gemeente_id: int, jaar: int, vandaag: dt.date) -> Cijfers:
    """A constant number of queries: the costs grouped by month (an index-only scan on
    PostgreSQL), the budgets, and the year's instroom from the summary table."""
    rijen = (
        Kostenpost.objects.filter(gemeente_id=gemeente_id, datum__year=jaar)
        .annotate(maand=ExtractMonth("datum"))
        .values("maand", "voorziening", "doelgroepindeling")
        .annotate(
            gerealiseerd=Sum("bedrag", filter=Q(datum__lte=vandaag)),
            gepland=Sum("bedrag", filter=Q(datum__gt=vandaag)),
        )
        .order_by()
    )
    per_maand: dict[tuple[int, str], tuple[Decimal, Decimal]] = {}
    per_doelgroep: dict[tuple[str, bool], Decimal] = {}
    per_betaler: dict[str | None, Decimal] = {}
    for r in rijen:
        gerealiseerd, gepland = r["gerealiseerd"] or NUL, r["gepland"] or NUL
        sleutel = (r["maand"], r["voorziening"])
        oud = per_maand.get(sleutel, (NUL, NUL))
        per_maand[sleutel] = (oud[0] + gerealiseerd, oud[1] + gepland)
        asiel = r["doelgroepindeling"] == rules.ASIELSTATUSHOUDER
        groep = (r["voorziening"], asiel)
        per_doelgroep[groep] = per_doelgroep.get(groep, NUL) + gerealiseerd
        betaler = rules.ten_laste_van(r["voorziening"], r["doelgroepindeling"])
        per_betaler[betaler] = per_betaler.get(betaler, NUL) + gerealiseerd
    budget = dict(
        Budget.objects.filter(gemeente_id=gemeente_id, jaar=jaar).values_list("stroom", "bedrag")
    )
    # The year's cases by doelgroep: the instroom (trajecten opened in the year) of the
    # summary table, the same count as the Aantallen page, not a join over every traject.
    kubus.actueel(vandaag, marge=kubus.PAGINA_MARGE)
    telling = {"asiel": 0, "gezin": 0}
    for waarden in Kengetal.objects.filter(
        bron="aantallen", gemeente_id=gemeente_id, jaar=jaar
    ).values_list("waarden", flat=True):
        telling["asiel"] += waarden.get("asiel", 0)
        telling["gezin"] += waarden.get("gezin", 0)
    return Cijfers(
        gemeente_id,
        jaar,
        per_maand,
        budget,
        telling["asiel"],
        telling["gezin"],
        per_doelgroep,
        per_betaler,
    )


def _maandnaam(jaar: int, maand: int) -> str:
    return date_format(dt.date(jaar, maand, 1), "F Y")


def budget_tabel(c: Cijfers) -> Tabel:
    rijen = []
    for stroom, label in Budget.Stroom.choices:
        budget = c.budget.get(stroom)
        besteed = c.per_stroom(stroom)
        rijen.append(
            Rij(
                str(label),
                [geld(budget), geld(besteed), geld(None if budget is None else budget - besteed)],
            )
        )
    buiten = c.per_stroom(None)
    if buiten:
        # Booked before Koers refused it: shown apart, so the SPUK's realisation stays right.
        rijen.append(
            Rij(
                _("Geen budget: kosten die de gemeente niet hoort te dragen"),
                [geld(None), geld(buiten), geld(None)],
            )
        )
    # What is left is only known for a stream with a budget: without any, the total shows
    # "–" (and the page invites to enter the budget), never a negative amount.
    totaal_budget = sum(c.budget.values(), NUL) if c.budget else None
    beschikbaar = (
        sum((b - c.per_stroom(stroom) for stroom, b in c.budget.items()), NUL) if c.budget else None
    )
    rijen.append(
        Rij(
            _("Totaal"),
            [geld(totaal_budget), geld(c.gerealiseerd()), geld(beschikbaar)],
            totaal=True,
        )
    )
    return Tabel(
        "budget",
        _("Budget en realisatie per stroom"),
        [_("Stroom"), _("Budget"), _("Gerealiseerd"), _("Nog beschikbaar")],
        rijen,
        uitleg=_(
            "Invoeringskosten zijn voor de inrichting, uitvoeringskosten onder "
            "meer voor ontzorgen, de SPUK voor de inburgeringsvoorzieningen "
            "(startnotitie hoofdstuk 8). De leerroute van een gezinsmigrant "
            "betaalt hij zelf: die telt bij geen budget. Geen budget "
            "ingevuld: –."
        ),
        reeksen=[0, 1],
    )


def maand_tabel(c: Cijfers) -> Tabel:
    """Realised costs per month and voorziening, the cumulative realisation, and what is left
    of the budget for voorzieningen and uitvoering after that month."""
    stromen = [s for s in ("spuk", "uitvoering") if s in c.budget]
    budget = sum((c.budget[s] for s in stromen), NUL) if stromen else None

    def rest(cumulatief: Decimal) -> Decimal | None:
        return None if budget is None else budget - cumulatief

    rijen = []
    cumulatief = NUL
    for maand in range(1, 13):
        totaal = c.gerealiseerd(maand)
        cumulatief += totaal
        rijen.append(
            Rij(
                _maandnaam(c.jaar, maand),
                [geld(c.gerealiseerd(maand, v)) for v in rules.VOORZIENINGEN]
                + [geld(totaal), geld(cumulatief), geld(rest(cumulatief))],
            )
        )
    rijen.append(
        Rij(
            _("Totaal"),
            [geld(c.gerealiseerd(voorziening=v)) for v in rules.VOORZIENINGEN]
            + [geld(c.gerealiseerd()), geld(cumulatief), geld(rest(cumulatief))],
            totaal=True,
        )
    )
    n = len(rules.VOORZIENINGEN)
    return Tabel(
        "per-maand",
        _("Gerealiseerde kosten per maand"),
        [_("Maand")]
        + [str(VOORZIENING_LABELS[v]) for v in rules.VOORZIENINGEN]
        + [_("Totaal"), _("Cumulatief"), _("Budget min cumulatief")],
        rijen,
        uitleg=_(
            "Het budget is de SPUK plus de uitvoeringskosten van dit jaar. Geen budget ingevuld: –."
        ),
        reeksen=[n, n + 1],
    )


def doelgroep_tabel(c: Cijfers) -> Tabel:
    """Realised costs per voorziening and doelgroep (the doelgroep booked with each cost)."""
    rijen = []
    for v in rules.VOORZIENINGEN:
        asiel, gezin = c.van_doelgroep(v, True), c.van_doelgroep(v, False)
        rijen.append(
            Rij(str(VOORZIENING_LABELS[v]), [geld(asiel), geld(gezin), geld(asiel + gezin)])
        )
    asiel, gezin = c.van_doelgroep(None, True), c.van_doelgroep(None, False)
    rijen.append(Rij(_("Totaal"), [geld(asiel), geld(gezin), geld(asiel + gezin)], totaal=True))
    return Tabel(
        "per-doelgroep",
        _("Gerealiseerde kosten per doelgroep"),
        [_("Voorziening"), _("Asielstatushouders"), _("Gezins- en overige migranten"), _("Totaal")],
        rijen,
        uitleg=_(
            "De SPUK betaalt leerroute en maatschappelijke begeleiding alleen "
            "voor asielstatushouders; PVT, MAP en tolken voor iedereen "
            "(startnotitie 8.1.3)."
        ),
        reeksen=[0, 1],
    )


def prognose_tabel(c: Cijfers, onderdrukken: bool) -> Tabel:
    verwacht = rules.verwachte_middelen(c.asiel, c.gezin)
    prognose = rules.prognose_kosten(c.gerealiseerd(), c.gepland())
    # The Aantallen page shows the year's total of the same cases: the two counts are the
    # parts of that total, so the same secondary suppression applies to them.
    verborgen = [[False], [False], [False]]
    if onderdrukken:
        verborgen = rules.onderdruk([[c.asiel], [c.gezin], [c.asiel + c.gezin]], kolomtotaal=True)
    klein = verborgen[0][0] or verborgen[1][0]
    rijen = [
        Rij(_("Asielmigranten dit jaar"), [aantal(c.asiel, verborgen[0][0])]),
        Rij(_("Gezins- en overige migranten dit jaar"), [aantal(c.gezin, verborgen[1][0])]),
        # The expected money is a multiple of the counts: hidden with them.
        Rij(
            _("Verwachte middelen (aantal keer bedrag per persoon)"),
            [Cel(None, rules.NIET_GETOOND, onderdrukt=True) if klein else geld(verwacht)],
        ),
        Rij(_("Gerealiseerde kosten tot vandaag"), [geld(c.gerealiseerd())]),
        Rij(_("Geplande kosten (na vandaag)"), [geld(c.gepland())]),
        Rij(_("Prognose kosten van het jaar"), [geld(prognose)], totaal=True),
    ]
    return Tabel(
        "prognose",
        _("Prognose voor het jaar"),
        [_("Onderdeel"), _("Waarde")],
        rijen,
        uitleg=_(
            "Verwachte middelen: ongeveer € 4.100 per asielmigrant en € 2.700 "
            "per gezins- of overige migrant (startnotitie 8.1.2). Prognose: wat "
            "al is uitgegeven plus de geplande voorzieningen."
        ),
    )


def tabellen(c: Cijfers, onderdrukken: bool) -> list[Tabel]:
    return [budget_tabel(c), maand_tabel(c), doelgroep_tabel(c), prognose_tabel(c, onderdrukken)]
