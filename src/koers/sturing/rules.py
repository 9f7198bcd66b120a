"""Rules of the sturing dashboards: expectations, prognosis, periods and the
small-cell suppression of figures shown to people without case access.

Plain functions over plain values; no ORM. Sources: the startnotitie (chapters 5 and 8),
and for suppression the practice of CBS / Eurostat (Hundepool et al., *Statistical
Disclosure Control*, Wiley 2012, §4.2 threshold rule and §4.3 secondary suppression;
CBS "Statistische beveiliging van tabellen").

The suppression rule as a whole (P), for whoever may not see every case behind a
figure (``koers.toegang.policy.sturing_onderdrukken`` decides who; the rule itself is the
same for every role, page and export):

1. Threshold (primary): a count of 1 to 4 persons is shown as "<5" (:func:`is_klein`); 0 is
   shown.
2. Derived figures: an average or share over fewer than 5 cases, or a share whose counted or
   uncounted persons are 1 to 4, is not shown ("–", :func:`afgeleid_zichtbaar`).
3. Secondary: in a table whose parts add up to a total, no hidden cell may be computed back
   as total minus the others (:func:`onderdruk`); the second cell hidden for that reason is
   shown as "–", never as "<5", because it may well be 5 or more.
4. Differences: a figure is hidden too ("–") when it differs by 1 to 4 from a figure one can
   see elsewhere about a subset or superset of the same persons: an aggregate of gemeenten
   beside one's own gemeente, a doelgroep filter beside no filter
   (:func:`verschil_onderdrukken`).

:func:`verborgen_tekst` gives the text of a hidden count; the page states the rule in a short
note where a table has a hidden cell (``koers.sturing.weergave.ONDERDRUKKING_UITLEG``).

Lead times (P, with DUO's dates): :func:`aanmeldingsdatum` and :func:`doorlooptijd_dagen`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

# Startnotitie §6.10.1: "Volgens het ministerie van SZW stroomt 60% van de doelgroep in de
# B1 route." (the gemeenten doubt it; the dashboard shows the real share beside it). S.
B1_VERWACHTING_SZW = Decimal("0.60")

# Startnotitie §5.1: "We gaan ervan uit dat de helft van de gehuisveste personen op basis
# van de taakstelling volwassenen is en dus inburgeringsplichtig." P (the gemeenten' estimate).
AANDEEL_INBURGERINGSPLICHTIG = Decimal("0.5")

# P (local policy in line with CBS practice): a count of 1 to 4 persons is shown
# as "<5" to whoever has no access to the cases themselves. Zero is shown: nobody can be
# recognised in an empty cell.
DREMPEL = 5
ONDERDRUKT = "<5"
# A figure derived from a suppressed cell cannot be shown either (an average or a share over
# fewer than DREMPEL cases), shown as this text.
NIET_GETOOND = "–"


# A voortgangsgesprek counts as held on time when held no later than two weeks after its
# planned day (P: the same two weeks the signals warn ahead, koers.monitoring.rules
# GESPREK_WAARSCHUWING). It counts in the indicator once that margin has passed.
GESPREK_MARGE = timedelta(weeks=2)


def prognose_inburgeringsplichtig(taakstelling: int) -> int:
    """Expected inburgeringsplichtigen from a taakstelling: about half are adults
    (startnotitie §5.1), rounded half up (7 persons → 4).

    Bron: startnotitie §5.1.
    Status: startnotitie
    """
    return int(
        (Decimal(taakstelling) * AANDEEL_INBURGERINGSPLICHTIG).to_integral_value(
            rounding=ROUND_HALF_UP
        )
    )


# --- periods ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Periode:
    """A half year (``halfjaar`` 1 or 2) or a whole year (``halfjaar`` None); ``eind`` is
    exclusive. The taakstelling is set per half year (startnotitie §5.1)."""

    jaar: int
    halfjaar: int | None = None

    @property
    def start(self) -> date:
        return date(self.jaar, 7 if self.halfjaar == 2 else 1, 1)

    @property
    def eind(self) -> date:
        if self.halfjaar == 1:
            return date(self.jaar, 7, 1)
        return date(self.jaar + 1, 1, 1)

    @property
    def sleutel(self) -> str:
        return f"{self.jaar}-{self.halfjaar}" if self.halfjaar else str(self.jaar)

    @property
    def naam(self) -> str:
        if self.halfjaar is None:
            return str(self.jaar)
        return f"{'1e' if self.halfjaar == 1 else '2e'} helft {self.jaar}"

    def halfjaren(self) -> list[Periode]:
        if self.halfjaar is not None:
            return [self]
        return [Periode(self.jaar, 1), Periode(self.jaar, 2)]


def periode_uit_sleutel(sleutel: str | None, vandaag: date) -> Periode:
    """The period of a filter value ``"2026"`` or ``"2026-2"``; the current year for an empty
    or unreadable value (a filter is never an error page).

    Bron: filters van de dashboards.
    Status: techniek
    """
    jaar, _streep, half = (sleutel or "").partition("-")
    if jaar.isascii() and jaar.isdigit() and 2000 <= int(jaar) <= 2100 and half in ("", "1", "2"):
        return Periode(int(jaar), int(half) if half else None)
    return Periode(vandaag.year)


def periode_keuzes(vandaag: date, eerste_jaar: int = 2020) -> list[Periode]:
    """Years and half years from the first taakstelling of the startnotitie (2020) to now,
    newest first.

    Bron: filters van de dashboards.
    Status: techniek
    """
    uit: list[Periode] = []
    for jaar in range(vandaag.year, eerste_jaar - 1, -1):
        uit += [Periode(jaar), Periode(jaar, 2), Periode(jaar, 1)]
    return uit


# --- small-cell suppression ------------------------------------------------------------------


def is_klein(aantal: int | None) -> bool:
    """Threshold rule (primary suppression): 1 to DREMPEL-1 persons.

    Bron: AVG art. 5 lid 1 sub c en art. 89; Hundepool e.a. 2012 §4.2.
    Status: P — geen instelling (DREMPEL).
    """
    return aantal is not None and 0 < aantal < DREMPEL


def afgeleid_zichtbaar(teller: int | None, noemer: int | None) -> bool:
    """Whether a share teller/noemer (or an average over ``noemer`` cases, teller None) may be
    shown: not over fewer than DREMPEL cases, and for a share neither the persons counted
    nor the persons not counted may be a small group (2 of 100, or 98 of 100, would reveal
    2 persons when the total is shown).

    Bron: AVG art. 5 lid 1 sub c; Hundepool e.a. 2012 §4.2.
    Status: P — geen instelling (DREMPEL).
    """
    if noemer is None or noemer < DREMPEL:
        return False
    if teller is None:
        return True
    return not is_klein(teller) and not is_klein(noemer - teller)


def onderdruk(
    tabel: Sequence[Sequence[int | None]],
    *,
    rijtotaal: bool = False,
    kolomtotaal: bool = False,
    ook: Sequence[Sequence[bool]] | None = None,
) -> list[list[bool]]:
    """Which cells of a table of counts to hide (True = hide).

    Primary: every cell of 1 to DREMPEL-1. Secondary: in a line (row or column) whose last
    cell is the total of the others, one hidden cell could be computed back from the rest,
    so while a line has exactly one hidden cell, the smallest other non-zero part of that line
    is hidden as well (the total itself when no part is left). Repeated until no line changes
    (CBS / Hundepool et al. §4.3). ``None`` is a cell without a figure and is never hidden.
    ``ook`` marks cells to hide for another reason (see :func:`verschil_onderdrukken`).

    Bron: AVG art. 5 lid 1 sub c; Hundepool e.a. 2012 §4.2-§4.3.
    Status: P — geen instelling (DREMPEL).
    """
    verborgen = [
        [is_klein(c) or bool(ook and ook[r][k]) for k, c in enumerate(rij)]
        for r, rij in enumerate(tabel)
    ]
    lijnen: list[list[tuple[int, int]]] = []
    if rijtotaal:
        lijnen += [[(r, k) for k in range(len(rij))] for r, rij in enumerate(tabel)]
    if kolomtotaal and tabel:
        lijnen += [[(r, k) for r in range(len(tabel))] for k in range(len(tabel[0]))]
    veranderd = True
    while veranderd:
        veranderd = False
        for lijn in lijnen:
            if sum(verborgen[r][k] for r, k in lijn) != 1:
                continue
            delen = [
                (tabel[r][k], (r, k)) for r, k in lijn[:-1] if not verborgen[r][k] and tabel[r][k]
            ]
            if delen:
                _waarde, (r, k) = min(delen)
            else:
                r, k = lijn[-1]
                if verborgen[r][k] or not tabel[r][k]:
                    continue
            verborgen[r][k] = True
            veranderd = True
    return verborgen


def verschil_onderdrukken(totaal: int | None, eigen: int | None) -> bool:
    """A figure of several gemeenten beside the figure of one's own gemeente reveals their
    difference: hide the total when that difference (the other gemeenten) is a small group
    ("Nederweert's two Turkse nieuwkomers cannot be identified").

    Bron: AVG art. 5 lid 1 sub c.
    Status: P — geen instelling (DREMPEL).
    """
    if totaal is None or eigen is None:
        return False
    return is_klein(totaal - eigen)


def verborgen_tekst(aantal: int | None) -> str:
    """What a hidden count shows: "<5" only when the count itself is 1 to 4 (primary); a
    count hidden for another reason (secondary, or a small difference with a figure
    elsewhere) shows "–", since "<5" would be untrue for it.

    Bron: Hundepool e.a. 2012 §4.3 (secondary suppression).
    Status: P — geen instelling.
    """
    return ONDERDRUKT if is_klein(aantal) else NIET_GETOOND


# --- lead times -------------------------------------------------------------------------------


def aanmeldingsdatum(klok_start: date | None, geregistreerd: date) -> date:
    """The day a lead time ("van aanmelding tot intake / tot PIP") counts from: DUO's notice
    that the 10 weeks to set the leerroute have started (SS139, the traject's
    ``datum_start_pip_termijn``), or the day Koers registered the case (DUO's notice SS101 or
    a registration by hand) when that came first or DUO gave no such date.

    Not the clock start alone: DUO's tijdelijke vrijstelling moves the clock's start later
    (:func:`koers.inburgeraars.rules.klok_na_pauze`), past an intake already held, and the
    clock may start after the case was opened (BRP registration, leaving the COA).

    Bron: Wi2021 art. 15 jo. Bi2021 art. 5.3 (de 10 weken); duo-m2m RULES.md, gebeurtenissen
    SS101 en SS139 (DUO's melding opent het traject en start de klok); DOMAIN.md "PIP
    vastgesteld within".
    Status: duo (de datum); P (de vroegste van de twee)
    """
    if klok_start is None:
        return geregistreerd
    return min(klok_start, geregistreerd)


def doorlooptijd_dagen(aanmelding: date, stap: date) -> int:
    """Days from the aanmelding (:func:`aanmeldingsdatum`) to a step (the brede intake, the
    first PIP's dagtekening). Never negative: a step dated before the aanmelding (an intake
    held while the person still lived at the COA, registered afterwards) did not wait, so it
    counts as 0 days.

    Bron: startnotitie hoofdstuk 5 (doorlooptijden als stuurinformatie).
    Status: P — geen instelling.
    """
    return max(0, (stap - aanmelding).days)


def percentage(teller: int, noemer: int) -> Decimal | None:
    """A share in percent with one decimal, ``None`` for no cases.

    Bron: rekenregel.
    Status: techniek
    """
    if not noemer:
        return None
    return (Decimal(100 * teller) / Decimal(noemer)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


# --- Financiën -------------------------------------------------------------------

# Startnotitie §8.1.3: the inburgeringsvoorzieningen paid from the SPUK are the leerroutes,
# MAP, PVT, tolken and maatschappelijke begeleiding; ontzorgen (§8.1.2) is paid from the
# uitvoeringskosten. All six are registered as costs. S.
VOORZIENINGEN: dict[str, str] = {
    "leerroute": "Leerroute",
    "map": "Module Arbeidsmarkt en Participatie (MAP)",
    "pvt": "Participatieverklaringstraject (PVT)",
    "tolken": "Tolken",
    "begeleiding": "Maatschappelijke begeleiding",
    "ontzorgen": "Ontzorgen",
}

# Which budget stream pays which voorziening (startnotitie §8.1.2 and §8.1.3). S.
VOORZIENING_STROOM: dict[str, str] = {
    "leerroute": "spuk",
    "map": "spuk",
    "pvt": "spuk",
    "tolken": "spuk",
    "begeleiding": "spuk",
    "ontzorgen": "uitvoering",
}

# The voorzieningen the SPUK (and so the gemeente) pays only for asielstatushouders:
# - leerroute: an asielstatushouder gets the leerroute from the gemeente; a gezinsmigrant or
#   overige migrant arranges and pays his own course, if need be with a loan from DUO
#   (Rijksbegroting SZW 2022, memorie van toelichting §2.5: "De groep overige migranten zal
#   ook in het nieuwe stelsel gebruik kunnen maken van een sociale lening").
# - begeleiding: startnotitie §8.1.3 "de maatschappelijke begeleiding van asielstatushouders".
# - ontzorgen: only for asielstatushouders with bijstand (art. 56a Participatiewet; paid from
#   the uitvoeringskosten, startnotitie §8.1.2).
# PVT, MAP and tolken stay possible for everyone: the gemeente offers PVT and MAP to every
# inburgeringsplichtige (niet geverifieerd: the Wi2021 article was not read here).
ALLEEN_ASIELSTATUSHOUDERS: frozenset[str] = frozenset({"leerroute", "begeleiding", "ontzorgen"})
ASIELSTATUSHOUDER = "Asielstatushouder"  # DUO's Doelgroepindeling value

# The units of a contract's tariff. P.
EENHEDEN: tuple[str, ...] = ("uur", "traject", "maand")

# Startnotitie §8.1.2: "Gemiddeld ontvangen we ca. € 4.100 per asielmigrant en ca. € 2.700 per
# gezins- of overige migrant." Settings constants ("both settings"): one value for
# the three gemeenten of the subregio, changed here when the circulaire changes. S.
BEDRAG_PER_ASIELMIGRANT = Decimal("4100")
BEDRAG_PER_GEZINSMIGRANT = Decimal("2700")

# Sanity bounds of a kostenpost (P): no single entry above €100.000, no more than 10.000
# units (hours) in one entry; a tariff of at most €50.000 per unit.
KOSTENPOST_MAX = Decimal("100000")
AANTAL_MAX = Decimal("10000")
TARIEF_MAX = Decimal("50000")
# Sanity bound of one budget (gemeente, year, stream), P: far above what a gemeente of the
# subregio receives per stream (startnotitie ch. 8: some hundreds of thousands a year).
BUDGET_MAX = Decimal("100000000")
# Years for which a budget can be entered and the Financiën page can be shown, P: the Wet
# inburgering 2021 has its budgets from the invoeringskosten of 2020 onwards (startnotitie
# ch. 8).
BUDGET_JAAR_MIN, BUDGET_JAAR_MAX = 2020, 2100

CENT = Decimal("0.01")


def kostenbedrag(tarief: Decimal, aantal: Decimal) -> Decimal:
    """Amount of a kostenpost under a contract: aantal × tarief, rounded to the cent. P.

    Bron: de contracten van de gemeente.
    Status: P — Contract (scherm Sturing → Financiën → Contracten).
    """
    return (Decimal(tarief) * Decimal(aantal)).quantize(CENT, rounding=ROUND_HALF_UP)


def contract_geldig(geldig_van: date, geldig_tot: date | None, datum: date) -> bool:
    """A contract applies from its first day up to and including its last (open-ended when
    no end date). P.

    Bron: de contracten van de gemeente.
    Status: P — Contract (scherm Sturing → Financiën → Contracten).
    """
    return geldig_van <= datum and (geldig_tot is None or datum <= geldig_tot)


def verwachte_middelen(
    asiel: int,
    gezin: int,
    *,
    per_asiel: Decimal = BEDRAG_PER_ASIELMIGRANT,
    per_gezin: Decimal = BEDRAG_PER_GEZINSMIGRANT,
) -> Decimal:
    """What the gemeente expects to receive for a year's cases (startnotitie §8.1.2).

    Bron: startnotitie §8.1.2.
    Status: startnotitie (bedragen per persoon: vaste waarden BEDRAG_PER_ASIELMIGRANT en
    BEDRAG_PER_GEZINSMIGRANT).
    """
    return Decimal(asiel) * per_asiel + Decimal(gezin) * per_gezin


def prognose_kosten(gerealiseerd: Decimal, gepland: Decimal) -> Decimal:
    """Forecast of a year's costs: what is realised so far plus the planned voorzieningen
    still to come (the running contracts' value of the PIPs' planned modules). P.

    Bron: startnotitie §8.1.2.
    Status: P — Contract (scherm Sturing → Financiën → Contracten).
    """
    return Decimal(gerealiseerd) + Decimal(gepland)


def kostenpost_doelgroep_fout(voorziening: str, doelgroepindeling: str) -> str | None:
    """Why a cost of this voorziening cannot be booked for a person of this doelgroepindeling
    (DUO's Doelgroep.indeling, or the provisional one), or None. Dutch, B1.

    The SPUK pays the inburgeringsvoorzieningen the gemeente must offer; a gezinsmigrant pays
    his own leerroute (with a DUO loan), so it is never a cost of the gemeente, and the
    maatschappelijke begeleiding and ontzorgen are only for asielstatushouders.
    Bron: startnotitie §8.1.2 and §8.1.3; Rijksbegroting SZW 2022, memorie van toelichting
    §2.5 (leenstelsel for gezins- and overige migranten); the SPUK's own regulation (Besluit
    inburgering 2021, specifieke uitkering) — niet geverifieerd: its text was not read here.
    Status: wet
    """
    if doelgroepindeling == ASIELSTATUSHOUDER or voorziening not in ALLEEN_ASIELSTATUSHOUDERS:
        return None
    if voorziening == "leerroute":
        return (
            "Een gezinsmigrant of overige migrant betaalt zijn leerroute zelf, eventueel "
            "met een lening van DUO. Deze kosten horen niet bij de gemeente en niet bij "
            "de SPUK."
        )
    if voorziening == "begeleiding":
        return (
            "De SPUK betaalt maatschappelijke begeleiding alleen voor asielstatushouders. "
            "Deze inburgeraar is gezinsmigrant of overige migrant."
        )
    return (
        "Financieel ontzorgen is alleen voor asielstatushouders met bijstand. Deze "
        "inburgeraar is gezinsmigrant of overige migrant."
    )


def ten_laste_van(voorziening: str, doelgroepindeling: str) -> str | None:
    """The budget stream that pays this voorziening for this person (startnotitie ch. 8),
    or None when no stream of the gemeente pays it (see :func:`kostenpost_doelgroep_fout`).
    Bron: startnotitie §8.1.2 and §8.1.3.
    Status: startnotitie
    """
    if kostenpost_doelgroep_fout(voorziening, doelgroepindeling) is not None:
        return None
    return VOORZIENING_STROOM.get(voorziening)
