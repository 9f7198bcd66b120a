"""Rules of maatschappelijke begeleiding, financieel ontzorgen and duale trajecten.

Plain functions and constants, no Django. Sources, with the status used in shared/DOMAIN.md
(L = law, S = reliable secondary source, P = local policy of the startnotitie, a default):

- Startnotitie §6.4 "Maatschappelijke begeleiding": practical help with basic provisions
  (inkomen, huur, gas/water/licht, zorgverzekering, help after housing) and voorlichting about
  Dutch society; the intensity tapers as the inburgeraar grows more zelfredzaam (P).
- Art. 56a Participatiewet (inserted by the Wet inburgering 2021), startnotitie §6.5 and
  DOMAIN.md "financieel ontzorgen": an inburgeringsplichtige with an asylum residence permit
  who receives bijstand is ontzorgd for 6 months from the start of the right to bijstand:
  huur, gas/water/licht and the zorgverzekering are paid from HIS OWN bijstand; it ends early
  when the bijstand ends; it needs the person's machtiging (S: the article's wording could not
  be read here, see koers.pip.rules.valt_onder_art_56a).
- Startnotitie §6.6 "Financiële zelfredzaamheid": course "omgaan met geld" (AMW
  Midden-Limburg) and individual coaching (P).
- Startnotitie §6.8 "Re-integratie/duale trajecten": with bijstand, begeleiding naar werk,
  agreements in a Participatiewet beschikking next to the PIP (P).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal

from koers.inburgeraars.rules import datum_voluit, is_asielmigrant
from koers.pip.rules import DOELGROEPEN_MET_ASIELVERGUNNING as DOELGROEPEN_MET_ASIELVERGUNNING
from koers.pip.rules import GROEP_ASIELMIGRANTEN, GROEP_WET, in_ontzorgen_groep

# --- maatschappelijke begeleiding -------------------------------------------------------

# Practical help (startnotitie §6.4 "praktische hulp bij het regelen van basisvoorzieningen
# (inkomen, afsluiten van contracten huur, gas, water licht en de zorgverzekering) en hulp na
# de huisvesting"; school/kinderopvang, huisarts, bank and toeslagen are the usual "hulp na
# de huisvesting" of VluchtelingenWerk's begeleiding) (P).
CHECKLIST: tuple[tuple[str, str], ...] = (
    ("inkomen", "Inkomen of uitkering aangevraagd"),
    ("bankrekening", "Bankrekening geopend"),
    ("huurcontract", "Huurcontract getekend"),
    ("gas_water_licht", "Gas, water en licht aangesloten"),
    ("zorgverzekering", "Zorgverzekering afgesloten"),
    ("toeslagen", "Toeslagen aangevraagd (huur, zorg, kinderen)"),
    ("huisarts", "Ingeschreven bij een huisarts en tandarts"),
    ("school_kinderopvang", "School of kinderopvang voor de kinderen geregeld"),
    ("digid", "DigiD aangevraagd"),
    ("gemeentelijke_belastingen", "Gemeentelijke belastingen en kwijtschelding geregeld"),
    ("inboedelverzekering", "Aansprakelijkheids- en inboedelverzekering afgesloten"),
)
CHECKLIST_SLEUTELS = tuple(s for s, _t in CHECKLIST)

ITEM_STATUSSEN: tuple[tuple[str, str], ...] = (
    ("todo", "Nog doen"),
    ("bezig", "Bezig"),
    ("klaar", "Klaar"),
)

# Voorlichting over leefgebieden in de Nederlandse samenleving (startnotitie §6.4; the
# startnotitie §4.2.4 names financiën, verkeer and opvang as missed topics) (P).
VOORLICHTING: tuple[tuple[str, str], ...] = (
    ("geldzaken", "Geldzaken en post van instanties"),
    ("wonen", "Wonen: huren, buren, afval scheiden"),
    ("zorg", "Zorg: huisarts, ziekenhuis, spoedzorg"),
    ("onderwijs", "Onderwijs en kinderopvang"),
    ("werk", "Werk en vrijwilligerswerk"),
    ("verkeer", "Verkeer en fietsen"),
    ("veiligheid", "Veiligheid, politie en rechten"),
    ("digitaal", "Digitale overheid (DigiD, Mijn Overheid)"),
    ("vrije_tijd", "Vrije tijd, sport en verenigingen"),
)
VOORLICHTING_SLEUTELS = tuple(s for s, _t in VOORLICHTING)

# The intake's scale of zelfredzaamheid (koers.intake.rules.SCHAAL_ZELFREDZAAM): 1 = heeft
# veel hulp nodig … 4 = redt zich zelf.
ZELFREDZAAMHEID_MIN, ZELFREDZAAMHEID_MAX = 1, 4

# Suggested intensity of begeleiding in contacts per month by zelfredzaamheid score: the
# startnotitie §6.4 says the intensity "kan worden afgebouwd" as the person grows more
# zelfredzaam; the numbers are a local default (P), the adviseur may choose otherwise.
INTENSITEIT_PER_SCORE: dict[int, int] = {1: 8, 2: 4, 3: 2, 4: 1}
CONTACTEN_MAX = 31  # at most one contact a day (sanity bound on input)


def voorgestelde_intensiteit(score: int | None, tabel: dict[int, int] | None = None) -> int | None:
    """Contacts per month suggested for the latest zelfredzaamheid score (None: unknown).
    ``tabel`` is the gemeente's own table (its setting), else the default.

    Bron: startnotitie §6.4 (de begeleiding neemt af naarmate de inburgeraar zelfredzamer wordt).
    Status: P — Begeleidingsbeleid.contacten_1 t/m contacten_4 (beheer: Begeleidingsbeleid).
    """
    if score is None:
        return None
    return (tabel or INTENSITEIT_PER_SCORE).get(score)


def intensiteit_tabel_fout(tabel: dict[int, int]) -> str | None:
    """A gemeente's table must taper: more zelfredzaam never means more contact.

    Bron: startnotitie §6.4.
    Status: P — controle op Begeleidingsbeleid.contacten_1 t/m contacten_4 (beheer).
    """
    waarden = [tabel[s] for s in range(ZELFREDZAAMHEID_MIN, ZELFREDZAAMHEID_MAX + 1)]
    if any(w < 0 or w > CONTACTEN_MAX for w in waarden):
        return f"Vul per maand een aantal contacten in van 0 tot en met {CONTACTEN_MAX}."
    if any(a < b for a, b in zip(waarden, waarden[1:], strict=False)):
        return "Hoe zelfredzamer, hoe minder contact: het aantal mag niet stijgen."
    return None


def kan_afbouwen(score: int | None) -> bool:
    """At the top of the scale the begeleiding can be closed after a last check (P).

    Bron: startnotitie §6.4.
    Status: startnotitie (geen instelling).
    """
    return score == ZELFREDZAAMHEID_MAX


# --- financieel ontzorgen ---------------------------------------------------------------

ONTZORGEN_MAANDEN = 6  # DOMAIN.md "financieel ontzorgen"; art. 56a Participatiewet (S)
SIGNAAL_VOOR_EINDE = timedelta(weeks=4)  # prepare the handover (P)
# The uitkeringsadministratie keeps the case in reach this long after the end, to finish the
# register of the last month (P).
NAZORG_NA_EINDE = timedelta(days=92)
# Wi2021 (and so ontzorgen under art. 56a Participatiewet as amended by it) took effect on
# 1 January 2022 (Stb. 2021, 452) (L). Dates before it are typing errors.
WET_IN_WERKING = date(2022, 1, 1)
# A start of bijstand may be recorded ahead of time, but not far (P).
START_VOORUIT_MAX = timedelta(days=92)

# What is paid from the bijstand (startnotitie §6.5: "de huur, gas, water, stroom en de
# verplichte zorgverzekering") (S).
POSTEN: tuple[tuple[str, str], ...] = (
    ("huur", "Huur"),
    ("energie_water", "Gas, water en licht"),
    ("zorgverzekering", "Zorgverzekering"),
)
POST_SLEUTELS = tuple(s for s, _t in POSTEN)

# Upper bound per monthly payment: anything above is surely a typing error (e.g. cents typed
# as euros) and is refused (P, sanity bounds well above social-housing rent, a family's
# energy bill and a premium for a household).
MAX_BEDRAG: dict[str, Decimal] = {
    "huur": Decimal("2500.00"),
    "energie_water": Decimal("1000.00"),
    "zorgverzekering": Decimal("1000.00"),
}

CURSUS_STATUSSEN: tuple[tuple[str, str], ...] = (
    ("", "Nog niet geregeld"),
    ("aangemeld", "Aangemeld"),
    ("bezig", "Bezig"),
    ("afgerond", "Afgerond"),
    ("gestopt", "Gestopt"),
    ("niet_nodig", "Niet nodig"),
)
CURSUS_AANBIEDER = "AMW Midden-Limburg"  # startnotitie §6.6


# Who is ontzorgd: the gemeente's choice (Begeleidingsbeleid.ontzorgen_groep). The groups and
# the art. 56a test are one core rule (koers.pip.rules), which the PIP applies too.
ONTZORGEN_GROEPEN: tuple[tuple[str, str], ...] = (
    (GROEP_WET, "Alleen wie een verblijfsvergunning asiel heeft (art. 56a Participatiewet)"),
    (
        GROEP_ASIELMIGRANTEN,
        "Ook andere asielstatushouders volgens DUO, zoals gezinsleden met "
        "een reguliere verblijfsvergunning",
    ),
)


def komt_in_aanmerking(
    gedetailleerde_doelgroep: str, indeling: str, heeft_bijstand: bool, groep: str = GROEP_WET
) -> bool:
    """Whether ontzorgen applies: bijstand, and either the law's group (art. 56a) or, when the
    gemeente chose ``GROEP_ASIELMIGRANTEN``, everyone in DUO's doelgroepindeling
    "Asielstatushouder" (family members with a regular permit, people given asylum rights).
    The wider group rests on the gemeente's own choice (for example budgetbeheer under art. 57
    Participatiewet, niet geverifieerd), not on art. 56a.

    Bron: art. 56a Participatiewet (see koers.pip.rules.valt_onder_art_56a and
    in_ontzorgen_groep); startnotitie §6.5.
    Status: wet for the art. 56a group; P for the wider group (Begeleidingsbeleid.ontzorgen_groep)
    """
    return heeft_bijstand and in_ontzorgen_groep(gedetailleerde_doelgroep, indeling, groep)


def niet_in_aanmerking_tekst(indeling: str, groep: str) -> str:
    """Why ontzorgen cannot start for this person (Dutch, B1).

    Bron: Participatiewet art. 56a.
    Status: wet; de ruimere groep is P — Begeleidingsbeleid.ontzorgen_groep (beheer).
    """
    if indeling and is_asielmigrant(indeling) and groep == GROEP_WET:
        return (
            "Financieel ontzorgen is verplicht voor wie een verblijfsvergunning asiel heeft "
            "(artikel 56a Participatiewet). Deze inburgeraar heeft een reguliere "
            "verblijfsvergunning. Uw gemeente heeft gekozen deze groep niet te ontzorgen."
        )
    return (
        "Financieel ontzorgen is alleen voor asielstatushouders met bijstand. Deze "
        "inburgeraar is gezinsmigrant of overige migrant."
    )


def ontzorgen_ontbreekt(
    *,
    in_aanmerking: bool,
    start_bijstand: date | None,
    einde_bijstand: date | None,
    heeft_ontzorgen: bool,
    vandaag: date,
) -> bool:
    """Signal: someone in the group receives bijstand, but no ontzorgen is recorded while the
    6 months of art. 56a run (after them the duty has passed).

    Bron: art. 56a Participatiewet (niet geverifieerd, see koers.pip.rules.valt_onder_art_56a).
    Status: wet
    """
    if not in_aanmerking or heeft_ontzorgen or start_bijstand is None:
        return False
    return start_bijstand <= vandaag <= einddatum(start_bijstand, einde_bijstand)


def plus_maanden(datum: date, maanden: int) -> date:
    """The same day ``maanden`` later; the last day of the month when it does not exist.

    Bron: kalenderrekenen (geen regel van wet of beleid).
    Status: techniek
    """
    maand = datum.month - 1 + maanden
    jaar, maand = datum.year + maand // 12, maand % 12 + 1
    dag = min(datum.day, calendar.monthrange(jaar, maand)[1])
    return date(jaar, maand, dag)


def regulier_einde(start_bijstand: date) -> date:
    """Last day of the 6 months that start with the right to bijstand (DOMAIN.md).

    Bron: Participatiewet art. 56a (ontzorgen in de eerste 6 maanden bijstand); DOMAIN.md
    "financieel ontzorgen".
    Status: wet
    """
    return plus_maanden(start_bijstand, ONTZORGEN_MAANDEN) - timedelta(days=1)


def einddatum(start_bijstand: date, einde_bijstand: date | None) -> date:
    """Last day of ontzorgen: 6 months, or earlier when the bijstand ends (DOMAIN.md).

    Bron: Participatiewet art. 56a; DOMAIN.md "financieel ontzorgen".
    Status: wet
    """
    regulier = regulier_einde(start_bijstand)
    if einde_bijstand is not None and einde_bijstand < regulier:
        return einde_bijstand
    return regulier


def is_vroeg_beeindigd(start_bijstand: date, einde_bijstand: date | None) -> bool:
    """Whether ontzorgen stopped before its regular end because the bijstand ended.

    Bron: Participatiewet art. 56a (ontzorgen hoort bij de bijstand).
    Status: wet
    """
    return einde_bijstand is not None and einde_bijstand < regulier_einde(start_bijstand)


def signaaldatum_einde(eind: date) -> date:
    """From this day on the adviseur prepares the handover to financiële zelfredzaamheid.

    Bron: startnotitie §6.6 (overdracht naar financiële zelfredzaamheid).
    Status: startnotitie (geen instelling).
    """
    return eind - SIGNAAL_VOOR_EINDE


def is_lopend(eind: date, vandaag: date) -> bool:
    """Whether ontzorgen (ending on ``eind``) still runs on ``vandaag``.

    Bron: Participatiewet art. 56a (periode van ontzorgen).
    Status: wet
    """
    return vandaag <= eind


def maand_van(datum: date) -> date:
    """The first day of the month of ``datum``.

    Bron: kalenderrekenen.
    Status: techniek
    """
    return datum.replace(day=1)


def betaalmaanden(start_bijstand: date, eind: date) -> list[date]:
    """The calendar months (their first day) that overlap the ontzorgen period: for each one
    huur, energie/water and the zorgverzekering are paid.

    Bron: Participatiewet art. 56a (huur, energie en water, zorgverzekering uit de bijstand; de
    indeling per lid: niet geverifieerd).
    Status: wet
    """
    maanden = []
    maand = maand_van(start_bijstand)
    while maand <= eind:
        maanden.append(maand)
        maand = plus_maanden(maand, 1)
    return maanden


def betaling_uiterlijk(maand: date) -> date:
    """The payments of a month are registered by its last day; after that a missing payment
    is a signal (P: the fixed costs of a month are due within that month).

    Bron: startnotitie §6.5 (vaste lasten op tijd betaald).
    Status: P — geen instelling (vaste waarde).
    """
    return maand.replace(day=calendar.monthrange(maand.year, maand.month)[1])


def betaaldatum_fout(betaald_op: date, start_bijstand: date | None) -> str | None:
    """Ontzorgen pays fixed costs *from the bijstand* (DOMAIN.md "financieel ontzorgen"), so
    a payment cannot be made before the right to bijstand started.

    Bron: Participatiewet art. 56a (betaald uit de bijstand).
    Status: wet
    """
    if start_bijstand is not None and betaald_op < start_bijstand:
        return (
            f"Kies een betaaldatum op of na de start van de bijstand "
            f"({datum_voluit(start_bijstand)})."
        )
    return None


def bedrag_fout(post: str, bedrag: Decimal, maxima: dict[str, Decimal] | None = None) -> str | None:
    """Why an amount cannot be right, or None. Dutch, B1. ``maxima``: the gemeente's own
    upper bounds (its setting), else the defaults.

    Bron: startnotitie §6.5; controle op tikfouten.
    Status: P — Begeleidingsbeleid.max_huur, max_energie_water, max_zorgverzekering (beheer).
    """
    if bedrag <= 0:
        return "Het bedrag moet groter zijn dan 0 euro."
    if bedrag.as_tuple().exponent < -2:  # type: ignore[operator]
        return "Het bedrag heeft hooguit 2 cijfers achter de komma."
    maximum = (maxima or MAX_BEDRAG).get(post)
    if maximum is not None and bedrag > maximum:
        return (
            f"Het bedrag is te hoog voor deze post: hooguit {maximum} euro per maand. "
            "Controleer het bedrag."
        )
    return None


def start_bijstand_fout(start: date, vandaag: date) -> str | None:
    """A start of bijstand before the Wi2021 took effect, or more than 3 months ahead, is a
    typing error (P: sanity bounds, not a choice a gemeente makes).

    Bron: inwerkingtreding Wi2021 op 1 januari 2022 (datum: niet geverifieerd in de tekst van het
    inwerkingtredingsbesluit); controle op tikfouten.
    Status: techniek
    """
    if start < WET_IN_WERKING:
        return "De startdatum van de bijstand kan niet voor 1 januari 2022 liggen."
    if start > vandaag + START_VOORUIT_MAX:
        return "De startdatum van de bijstand ligt te ver in de toekomst."
    return None


# An end of bijstand may be known ahead (a decision to stop), but not years ahead (P).
EINDE_VOORUIT_MAX = timedelta(days=366)


def bijstand_fouten(start: date | None, einde: date | None, vandaag: date) -> dict[str, str]:
    """What is wrong with a period of bijstand, per field (Dutch, B1).

    Bron: Participatiewet (een periode van bijstand); controle op invoer.
    Status: techniek
    """
    fouten: dict[str, str] = {}
    if start is None:
        fouten["start"] = "Vul in vanaf wanneer de inburgeraar recht heeft op bijstand."
    else:
        fout = start_bijstand_fout(start, vandaag)
        if fout:
            fouten["start"] = fout
    if einde is not None:
        if start is not None and einde < start:
            fouten["einde"] = "De bijstand kan niet stoppen voor hij begint."
        elif einde > vandaag + EINDE_VOORUIT_MAX:
            fouten["einde"] = "De einddatum van de bijstand ligt te ver in de toekomst."
    return fouten


# --- duale trajecten / begeleiding naar werk --------------------------------------------

# A werkervaringsplaats next to the inburgering: at most 40 hours a week (P; the
# Arbeidstijdenwet's absolute maximum of 60 hours is never meant here).
UREN_PER_WEEK_MAX = 40
UREN_TOTAAL_MAX = 5000  # about three years of 32 hours a week (sanity bound)
