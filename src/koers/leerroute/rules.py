"""Rules of the leerroute uitvoering: inburgeringsaanbod, hours, afschalen and the Z-route.

Plain functions over plain values, no Django. Sources, cited per rule:

- DOMAIN.md "Rules with numbers" (shared/DOMAIN.md): afschalen B1 → A2, onderwijsroute
  (taalschakeltraject), Z-route for asielstatushouders and for gezins- en overige migranten.
- Startnotitie §6.10.1 (B1-route: course with Keurmerk Blik op Werk), §6.10.2 (taalschakeltraject
  ≈1000 h taal + ≈500 h rekenen, Engels, studievaardigheden), §6.10.3 (Z-route: 800 h course,
  800 h participation incl. PVT and MAP, eindgesprek, then report to DUO).
- RULES.md "Inburgeringsaanbod" (BoW keurmerk; TST for the onderwijsroute) and "Z-route".
- API Examen (shared/duo-m2m/API/Examen): the exam parts, levels and results.

The DUO rules for the reports themselves live in :mod:`koers.duo.rules`; they are not
repeated here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from koers.inburgeraars.rules import is_asielmigrant

# -- Exams (API Examen, schemas ExamenonderdeelWI2021Inburgering, ExamenniveauWI2021,
# ExamenresultaatWI2021, RedenGeenResultaatInburgeringsexamen) ------------------------------
EXAMENONDERDELEN = {
    "KNM": "Kennis van de Nederlandse Maatschappij",
    "LE": "Lezen",
    "LU": "Luisteren",
    "SC": "Schrijven",
    "SP": "Spreken",
    # Not a Wi2021 part: Oriëntatie op de Nederlandse Arbeidsmarkt of the Wi2013 exam. Only
    # entered by hand (e.g. an earlier result a person brings along); DUO never sends it.
    "ONA": "Oriëntatie op de Nederlandse Arbeidsmarkt (Wi2013)",
}
DUO_ONDERDELEN = ("KNM", "LE", "LU", "SC", "SP")
EXAMENNIVEAUS = ("A2", "B1", "B2")
EXAMENRESULTATEN = ("Geslaagd", "Gezakt", "Geen")
REDENEN_GEEN_RESULTAAT = ("Verwijtbaar", "Nietverwijtbaar", "Afgemeld", "Absent")

# -- Keurmerk (RULES.md "Inburgeringsaanbod"; startnotitie §6.10.1) ---------------------------


class Keurmerk(StrEnum):
    BOW = "bow"  # Keurmerk Blik op Werk Inburgeren
    TST = "tst"  # erkende taalschakelinstelling (onderwijsroute)


def gebruikt_keurmerk(leerroute: str | None, *, bow: bool, tst: bool) -> Keurmerk | None:
    """The keurmerk an instelling offers for this leerroute (None: none that counts). Whether
    the instelling may be chosen at all is DUO's rule, koers.duo.rules.instelling_fouten.

    Bron: RULES.md "Inburgeringsaanbod" (Blik op Werk, of erkend TST in de onderwijsroute).
    Status: duo
    """
    if bow:
        return Keurmerk.BOW
    if leerroute == "O" and tst:
        return Keurmerk.TST
    return None


def aanbod_invoer_fouten(*, startdatum: date, einddatum: date) -> dict[str, str]:
    """Koers' own input check of an aanbod: the last lesson day (``einddatum``, inclusive; DUO
    gets the day after, koers.duo.rules.duo_einddatum) is not before the first.

    Not a rule of DUO (RULES.md "Inburgeringsaanbod" has none on the order of these two dates;
    DUO's rules are koers.duo.rules.inburgeringsaanbod_fouten): a last day before the start
    is a typing error, which Koers catches before it stores or reports anything. Koers does not
    refuse a start before the offer date: DUO only refuses that for a taalschakeltraject.
    Bron: controle op invoer (geen DUO-regel).
    Status: techniek
    """
    if einddatum < startdatum:
        return {"einddatum": "Kies als laatste lesdag de startdatum of een dag daarna."}
    return {}


# -- Hours ------------------------------------------------------------------------------------


class UrenSoort(StrEnum):
    """What a row of hours is about."""

    TAAL = "taal"  # NT2 lessons (B1-route, Z-route course, instroom)
    KNM = "knm"  # Kennis van de Nederlandse Maatschappij lessons
    SCHAKEL_TAAL = "schakel_taal"  # taalschakeltraject: language
    SCHAKEL_OVERIG = "schakel_overig"  # taalschakeltraject: rekenen, Engels, studievaardigh.
    PARTICIPATIE = "participatie"  # participation activities (Z-route)


UREN_SOORT_NAMEN = {
    UrenSoort.TAAL: "Taalles (NT2)",
    UrenSoort.KNM: "KNM-les",
    UrenSoort.SCHAKEL_TAAL: "Taalschakeltraject: taal",
    UrenSoort.SCHAKEL_OVERIG: "Taalschakeltraject: rekenen, Engels, studievaardigheden",
    UrenSoort.PARTICIPATIE: "Participatie-activiteiten",
}
UREN_MAX_PER_PERIODE = Decimal("999.9")  # Koers' sanity bound: about 8 hours a day a year
AANWEZIGHEID_MIN, AANWEZIGHEID_MAX = 0, 100  # percent


@dataclass(frozen=True)
class Periode:
    """One row of hours as the provider reports it (plain values)."""

    soort: str
    start: date | None
    eind: date | None
    gepland: Decimal | None
    gevolgd: Decimal | None
    aanwezigheid: int | None = None
    tijdens_brede_intake: bool = False


def periode_fouten(p: Periode, *, vandaag: date) -> dict[str, str]:
    """Shape of a reported period: a known kind, start before end, not in the future, hours
    between 0 and the bound (followed not more than planned is NOT a rule: a provider may give
    extra lessons), attendance a percentage.

    Bron: RULES.md "Gevolgde uren"; controle op invoer.
    Status: techniek
    """
    f: dict[str, str] = {}
    if p.soort not in UrenSoort.__members__.values():
        f["soort"] = "Kies welke uren dit zijn."
    if p.start is None:
        f["periode_start"] = "Vul de eerste dag van de periode in."
    elif p.start > vandaag:
        f["periode_start"] = "Kies een eerste dag die niet in de toekomst ligt."
    if p.eind is None:
        f["periode_eind"] = "Vul de laatste dag van de periode in."
    elif p.start is not None and p.eind < p.start:
        f["periode_eind"] = "Kies als laatste dag de eerste dag of een dag daarna."
    for veld, waarde in (("uren_gepland", p.gepland), ("uren_gevolgd", p.gevolgd)):
        if waarde is None:
            f[veld] = "Vul het aantal uren in."
        elif waarde < 0:
            f[veld] = "Het aantal uren kan niet negatief zijn."
        elif waarde > UREN_MAX_PER_PERIODE:
            f[veld] = (
                f"Het aantal uren is hoogstens "
                f"{str(UREN_MAX_PER_PERIODE).replace('.', ',')} per periode."
            )
    if p.aanwezigheid is not None and not (AANWEZIGHEID_MIN <= p.aanwezigheid <= AANWEZIGHEID_MAX):
        f["aanwezigheid"] = "De aanwezigheid is een percentage van 0 tot en met 100."
    return f


# -- Afschalen B1 → A2 (DOMAIN.md "afschalen B1 → A2"; startnotitie §7.8) ---------------------
AFSCHALEN_MIN_LESUREN = Decimal(600)  # DOMAIN.md: ≥ 600 h NT2 lessons at a keurmerk provider
# "Enough effort" has no number in the law or the startnotitie. Koers' working figure: the
# person followed at least 80% of the planned lessons at the keurmerk provider. The proposal
# is only a proposal: the adviseur decides.
AFSCHALEN_MIN_AANWEZIGHEID = Decimal(80)


@dataclass(frozen=True)
class Afschaaltoets:
    mogelijk: bool
    redenen: tuple[str, ...]


def afschalen_toets(
    *,
    leerroute: str | None,
    niveau: str | None,
    lesuren_keurmerk: Decimal,
    lesuren_gepland_keurmerk: Decimal,
) -> Afschaaltoets:
    """Whether the B1-route may be scaled down to A2 (DOMAIN.md "afschalen B1 → A2"): B1-route
    only, at level B1, ≥ 600 followed NT2 lesson hours at a keurmerk (BoW) provider, plus
    enough effort (followed ≥ 80% of planned, see above).

    Bron: Bi2021 art. 5.5 (600 uur NT2 bij een instelling met keurmerk en voldoende inspanning);
    DOMAIN.md "afschalen".
    Status: wet; de 80% aanwezigheid is P — geen instelling (AFSCHALEN_MIN_AANWEZIGHEID).
    """
    redenen = []
    if leerroute != "B":
        redenen.append("Afschalen kan alleen in de B1-route.")
    elif niveau == "A2":
        redenen.append("Het PIP heeft al niveau A2.")
    if lesuren_keurmerk < AFSCHALEN_MIN_LESUREN:
        redenen.append(
            f"Er zijn {lesuren_keurmerk} lesuren gevolgd bij een instelling met "
            f"keurmerk. Nodig: minstens {AFSCHALEN_MIN_LESUREN}."
        )
    inzet = aanwezigheid(lesuren_keurmerk, lesuren_gepland_keurmerk)
    if inzet is None or inzet < AFSCHALEN_MIN_AANWEZIGHEID:
        redenen.append(
            f"De inzet is te laag: minder dan {AFSCHALEN_MIN_AANWEZIGHEID}% van de "
            "geplande lessen gevolgd."
        )
    return Afschaaltoets(mogelijk=not redenen, redenen=tuple(redenen))


def aanwezigheid(gevolgd: Decimal, gepland: Decimal) -> Decimal | None:
    """Followed as a percentage of planned (one decimal), or None without planned hours.

    Bron: rekenregel (gevolgd als percentage van gepland).
    Status: techniek
    """
    if not gepland:
        return None
    return (Decimal(100) * gevolgd / gepland).quantize(Decimal("0.1"))


# -- Onderwijsroute: taalschakeltraject (DOMAIN.md; startnotitie §6.10.2) ----------------------
SCHAKEL_TAAL_UREN = Decimal(1000)  # "ongeveer 1.000 uur" taal
SCHAKEL_OVERIG_UREN = Decimal(500)  # "ongeveer 500 uur" rekenen, Engels, studievaardigheden

# -- Z-route (DOMAIN.md "Z-route"; startnotitie §6.10.3) --------------------------------------
ZROUTE_CURSUS_UREN = Decimal(800)  # taal + KNM
# DOMAIN.md: 800 participation hours (incl. PVT, MAP) for asielstatushouders only; gezins- en
# overige migranten have the 800 course hours and the eindgesprek. NOTE: the startnotitie
# §6.10.3 says 800 + 800 for everyone in the Z-route; the law's figure (DOMAIN.md) is used.
ZROUTE_PARTICIPATIE_UREN = Decimal(800)
# A case is "behind plan" only when it lags the linear plan by more than this many hours:
# Koers' choice (about two months of a normal Z-route week), so a holiday is no signal.
ZROUTE_MARGE_UREN = Decimal(40)


@dataclass(frozen=True)
class ZrouteNorm:
    cursus: Decimal
    participatie: Decimal
    # DUO's GedeeltelijkeOntheffing.urenBelastbaarheidParticipatieactiviteit when it set the
    # participation norm (None: the standard norm applies).
    ontheffing_participatie: int | None = None

    @property
    def zonder_participatie(self) -> bool:
        """DUO's partial ontheffing says the person cannot take part in participation
        activities (0 hours): the Z-route has no participation part."""
        return self.ontheffing_participatie == 0


def zroute_norm(doelgroep: str, uren_belastbaarheid_participatie: int | None = None) -> ZrouteNorm:
    """The hours of the Z-route: 800 course hours (taal + KNM) for everyone; 800 participation
    hours for asielstatushouders only (``doelgroep`` is the doelgroepindeling, DUO's
    Doelgroep.indeling, not the detail).

    A partial ontheffing of DUO sets the participation part:
    ``uren_belastbaarheid_participatie`` (GedeeltelijkeOntheffing.
    urenBelastbaarheidParticipatieactiviteit) = 0 → the person cannot take part: no
    participation norm at all; N > 0 → N is the most the person can manage, so the norm is N
    instead of 800. A value above 800 does not raise the norm (it is a ceiling on the burden,
    not an extra duty). ``None`` → no such ontheffing: the standard norm. For gezins- en overige
    migranten the participation norm stays 0.
    Bron: DOMAIN.md "Rules with numbers", rows Z-route (800 + 800 / 800; marked S there);
    DUO API Ontheffing, schema GedeeltelijkeOntheffing.urenBelastbaarheidParticipatieactiviteit
    (its description: "maximale belasting (in uren) ... aan participatie-activiteiten"; 0 =
    "kan niet deelnemen aan Participatie-Activiteiten").
    Status: wet (800/800, niet geverifieerd — the Besluit inburgering 2021 text could not be
    read here; DOMAIN.md gives it as a secondary source) and duo (the ontheffing).
    """
    standaard = ZROUTE_PARTICIPATIE_UREN if is_asielmigrant(doelgroep) else Decimal(0)
    ontheffing = uren_belastbaarheid_participatie
    if ontheffing is None or not standaard:
        return ZrouteNorm(cursus=ZROUTE_CURSUS_UREN, participatie=standaard)
    return ZrouteNorm(
        cursus=ZROUTE_CURSUS_UREN,
        participatie=min(standaard, Decimal(ontheffing)),
        ontheffing_participatie=ontheffing,
    )


# The kinds of hours that count for the Z-route's 800 course hours: language and KNM lessons,
# but not those followed during the brede intake; participation hours count also during the
# intake. Applied set-based in koers.leerroute.services.totalen. Bron: Bi2021 art. 3.14
# (800 cursusuren; 800 uur participatie voor asielstatushouders); DOMAIN.md "Z-route" (taaluren
# tijdens de brede intake tellen niet). Status: wet.
ZROUTE_CURSUS_SOORTEN = frozenset({UrenSoort.TAAL, UrenSoort.KNM})


# -- Hours DUO keeps (API GevolgdeUren) --------------------------------------------------------


class ParticipatieBron(StrEnum):
    """Where Koers finds hours of participatieactiviteiten for the Z-route."""

    EIGEN = "eigen"  # rows of this app with soort "participatie" (any other activity)
    PVT = "pvt"  # koers.modules: PVT activities
    MAP = "map"  # koers.modules: MAP activities
    # koers.partners: hours a ketenpartner reports on a referral for maatschappelijke begeleiding
    MAATSCHAPPELIJKE_BEGELEIDING = "maatschappelijke_begeleiding"
    # koers.partners: hours on a referral for begeleiding naar werk (Participatiewet), and
    # koers.begeleiding: hours worked in a duaal traject (werkervaringsplaats with a
    # Participatiewet beschikking)
    PARTICIPATIEWET = "participatiewet"


def telt_als_participatieactiviteit(bron: str) -> bool:
    """Which hours are participatieactiviteiten in DUO's sense: "participatieactiviteiten ten
    behoeve van de Z-Route (waaronder activiteiten voor maatschappelijke begeleiding en de
    Participatiewet)"; the hours during the brede intake count too (Besluit art. 3.14, as the
    schema cites it). PVT and MAP: part of the participation hours (DOMAIN.md "Z-route":
    "800 h participation (incl. PVT, MAP)").
    Where the contract is silent (niet geverifieerd): whether hours WORKED in a duaal traject
    count in full (Koers counts them: they are an activity under the Participatiewet), and
    whether a referral's hours overlap with a duaal traject's (Koers adds both; a partner who
    reports the worked hours again on the referral counts them twice).
    Bron: DUO API GevolgdeUren, schema ParticipatieactiviteitenBredeIntake.uren; DOMAIN.md
    "Rules with numbers" (Z-route).
    Status: duo
    """
    return bron in ParticipatieBron.__members__.values()


def taaluren_leerroute(
    *, taal_knm: Decimal, schakel: Decimal, taal_knm_brede_intake: Decimal
) -> Decimal:
    """The running total for ``PUT .../uren/participatietaalles`` (schema
    ParticipatieAlsTaalles): "het totaal aantal gevolgde uren taalles Nederlands en KNM ... bij
    een Cursusinstelling in het kader van de gevolgde Leerroute"; after a switch of leerroute
    the hours of the earlier route count too; in the onderwijsroute all lesson hours,
    deficient subjects included (Koers: both taalschakel kinds); the brede intake hours do NOT
    count. Despite its name the schema describes lesson hours, not participation: Koers follows
    the description (the OpenAPI file wins for message meaning, RULES.md).
    Niet geverifieerd: whether lessons outside a keurmerk instelling count; Koers counts every
    lesson row outside the brede intake, since the schema says "een Cursusinstelling".
    Bron: DUO API GevolgdeUren, schema ParticipatieAlsTaalles.uren.
    Status: duo
    """
    return taal_knm + schakel - taal_knm_brede_intake


def gepland_tot(
    norm: Decimal, *, termijn_start: date, termijn_eind: date, peildatum: date
) -> Decimal:
    """The linear plan: the share of ``norm`` due by ``peildatum`` over the termijn.

    Bron: startnotitie §6.10.3 (Z-route) en §7.2 (werken met signalen).
    Status: P — geen instelling (lineair plan).
    """
    totaal = (termijn_eind - termijn_start).days
    if totaal <= 0 or peildatum >= termijn_eind:
        return norm
    if peildatum <= termijn_start:
        return Decimal(0)
    return (norm * (peildatum - termijn_start).days / totaal).quantize(Decimal("0.1"))


def achter_vanaf(
    uren: Decimal,
    norm: Decimal,
    *,
    termijn_start: date,
    termijn_eind: date,
    marge: Decimal = ZROUTE_MARGE_UREN,
) -> date | None:
    """The first day on which ``uren`` lag the linear plan by more than ``marge`` — so "behind
    plan" is the set-based check ``achter_vanaf <= today``. None: never behind (the norm is
    met, or there is no norm).

    Bron: startnotitie §7.2 (werken met signalen).
    Status: P — geen instelling (ZROUTE_MARGE_UREN).
    """
    if norm <= 0 or uren + marge >= norm:
        return None
    totaal = (termijn_eind - termijn_start).days
    if totaal <= 0:
        return termijn_start
    # Plan(d) = norm * d / totaal > uren + marge  ⇔  d > (uren + marge) * totaal / norm.
    dagen = int((uren + marge) * totaal / norm) + 1
    return termijn_start + timedelta(days=dagen)


def zroute_afronding_fouten(
    *,
    afspraken_nagekomen: bool | None,
    cursus_uren: Decimal,
    participatie_uren: Decimal,
    norm: ZrouteNorm,
) -> dict[str, str]:
    """Koers' side of completing the Z-route: an eindgesprek that concluded the PIP
    agreements were met (RULES.md "Z-route": the gemeente reports completion after the
    eindgesprek; startnotitie §6.10.3), with the hours of the norm — the norm as DUO's partial
    ontheffing sets it (:func:`zroute_norm`; 0 participation hours: no participation check).
    DUO's own rules and the order with PVT and MAP: koers.duo.rules.zroute_fouten and
    zroute_volgorde_fouten.
    Bron: RULES.md "Z-route"; startnotitie §6.10.3; DOMAIN.md "Z-route" (hours, S).
    Status: wet (hours: niet geverifieerd, see zroute_norm) / duo (eindgesprek)
    """
    f: dict[str, str] = {}
    if afspraken_nagekomen is None:
        f["__all__"] = "Voer eerst het eindgesprek en leg de conclusie vast."
    elif not afspraken_nagekomen:
        f["__all__"] = (
            "Volgens het eindgesprek zijn de afspraken uit het PIP niet "
            "nagekomen. Dan is de Z-route niet afgerond."
        )
    if cursus_uren < norm.cursus:
        f["cursus_uren"] = f"Er zijn {cursus_uren} cursusuren (taal en KNM). Nodig: {norm.cursus}."
    if participatie_uren < norm.participatie:
        f["participatie_uren"] = (
            f"Er zijn {participatie_uren} participatie-uren. Nodig: {norm.participatie}."
        )
    return f


def hele_uren(uren: Decimal) -> int:
    """DUO takes whole hours (RULES.md "Gevolgde uren"): round down, never report more than
    was followed.

    Bron: RULES.md "Gevolgde uren" (hele uren).
    Status: duo
    """
    return int(uren)
