"""The brede intake: its topics, the Positieve Gezondheid dimensions, and when it is complete.

Sources: Wi2021 art. 14 and the Besluit inburgering 2021 (brede intake and its topics;
the Besluit's article numbers: niet geverifieerd; information on
voor- en vroegschoolse educatie for parents of young children and the offer to speak without
the partner present); startnotitie §4.2.3 and §6.11 (Positieve Gezondheid, six dimensions,
scores 0-10); DUO Leerbaarheidstoets API (result values). Keys follow shared/DOMAIN.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Veld:
    """A structured field of a topic. ``keuzes`` for a choice, ``min``/``max`` for a number."""

    naam: str
    label: str
    soort: str = "tekst"  # tekst | keuze | getal | janee
    keuzes: tuple[tuple[str, str], ...] = ()
    min: int | None = None
    max: int | None = None
    verplicht: bool = True


@dataclass(frozen=True)
class Onderwerp:
    sleutel: str
    titel: str
    vraag: str
    velden: tuple[Veld, ...] = field(default_factory=tuple)
    bijzonder: bool = False  # special-category data (AVG art. 9): health


OPLEIDINGSNIVEAUS = (
    ("geen", "Geen onderwijs"),
    ("basis", "Basisonderwijs"),
    ("voortgezet", "Voortgezet onderwijs"),
    ("mbo", "Beroepsonderwijs (mbo)"),
    ("hbo", "Hoger beroepsonderwijs (hbo)"),
    ("wo", "Universiteit (wo)"),
)
SCHAAL_DIGITAAL = (
    ("0", "Geen: gebruikt geen computer of smartphone"),
    ("1", "Beginner: belt en gebruikt apps met hulp"),
    ("2", "Basis: e-mail, zoeken, formulieren met hulp"),
    ("3", "Goed: regelt zaken online zelfstandig"),
)
SCHAAL_ZELFREDZAAM = (
    ("1", "Heeft veel hulp nodig"),
    ("2", "Heeft soms hulp nodig"),
    ("3", "Redt zich meestal zelf"),
    ("4", "Redt zich zelf"),
)

ONDERWERPEN: tuple[Onderwerp, ...] = (
    Onderwerp(
        "leerbaarheid", "Leerbaarheid", "Hoe leert deze persoon? Wat zegt de leerbaarheidstoets?"
    ),
    Onderwerp(
        "motivatie_interesses",
        "Motivatie en interesses",
        "Wat wil deze persoon bereiken? Waar is hij of zij goed in en blij van?",
    ),
    Onderwerp(
        "werknemersvaardigheden",
        "Werknemersvaardigheden",
        "Samenwerken, op tijd komen, afspraken nakomen.",
    ),
    Onderwerp(
        "opleiding",
        "Opleiding",
        "Welke opleiding heeft deze persoon gevolgd?",
        (
            Veld("hoogste_niveau", "Hoogste opleiding", "keuze", OPLEIDINGSNIVEAUS),
            Veld("jaren_onderwijs", "Aantal jaren onderwijs", "getal", min=0, max=30),
            Veld("diploma_in_bezit", "Diploma in bezit", "janee", verplicht=False),
        ),
    ),
    Onderwerp(
        "zelfredzaamheid",
        "Zelfredzaamheid",
        "Hoe goed regelt deze persoon zaken zelf?",
        (Veld("niveau", "Niveau", "keuze", SCHAAL_ZELFREDZAAM),),
    ),
    Onderwerp(
        "praktische_competenties",
        "Praktische competenties",
        "Wat kan deze persoon praktisch? Bijvoorbeeld fietsen, koken, techniek.",
    ),
    Onderwerp(
        "sociaal_netwerk",
        "Sociaal netwerk",
        "Wie zijn familie, vrienden en contacten in Nederland?",
    ),
    Onderwerp(
        "digitale_vaardigheden",
        "Digitale vaardigheden",
        "Hoe goed werkt deze persoon met computer en smartphone?",
        (Veld("niveau", "Niveau", "keuze", SCHAAL_DIGITAAL),),
    ),
    Onderwerp(
        "gezondheid",
        "Gezondheid",
        "Lichamelijke en mentale gezondheid. Belemmert iets het leren of werken?",
        (Veld("belemmeringen", "Belemmert de gezondheid leren of werken?", "janee"),),
        bijzonder=True,
    ),
    Onderwerp(
        "werkervaring",
        "Werkervaring",
        "Betaald werk en vrijwilligerswerk.",
        (
            Veld("jaren_werkervaring", "Jaren werkervaring", "getal", min=0, max=60),
            Veld("vrijwilligerswerk", "Heeft vrijwilligerswerk gedaan", "janee", verplicht=False),
        ),
    ),
    Onderwerp(
        "gezinssituatie",
        "Gezinssituatie",
        "Partner, kinderen en wie er zorg nodig heeft.",
        (
            Veld("aantal_kinderen", "Aantal kinderen", "getal", min=0, max=20),
            Veld("kinderen_onder_6", "Kinderen jonger dan 6 jaar", "getal", min=0, max=20),
        ),
    ),
)
ONDERWERP_SLEUTELS = tuple(o.sleutel for o in ONDERWERPEN)
# The topics a partner who guides the person to work may read ("relevant intake
# topics — never health"; P: need to know for the MAP and begeleiding naar werk). Not
# health, family, social network or zelfredzaamheid: they say nothing about the work he
# can do, and family and health are what people least want an employer's partner to know.
WERK_ONDERWERPEN: tuple[str, ...] = (
    "leerbaarheid",
    "motivatie_interesses",
    "werknemersvaardigheden",
    "opleiding",
    "praktische_competenties",
    "digitale_vaardigheden",
    "werkervaring",
)
ONDERWERPEN_BY_KEY = {o.sleutel: o for o in ONDERWERPEN}


@dataclass(frozen=True)
class Dimensie:
    sleutel: str
    titel: str
    omschrijving: str


DIMENSIES: tuple[Dimensie, ...] = (
    Dimensie(
        "lichaamsfuncties",
        "Lichaamsfuncties",
        "Gezond voelen, conditie, klachten en pijn, slapen, eten, bewegen",
    ),
    Dimensie(
        "mentaal_welbevinden",
        "Mentaal welbevinden",
        "Onthouden, concentreren, communiceren, vrolijk zijn, jezelf accepteren",
    ),
    Dimensie(
        "zingeving", "Zingeving", "Zinvol leven, levenslust, idealen, vertrouwen, blijven leren"
    ),
    Dimensie(
        "kwaliteit_van_leven",
        "Kwaliteit van leven",
        "Genieten, gelukkig zijn, balans, veilig voelen, wonen, rondkomen",
    ),
    Dimensie(
        "meedoen",
        "Meedoen",
        "Sociale contacten, serieus genomen worden, samen dingen doen, steun, erbij horen",
    ),
    Dimensie(
        "dagelijks_functioneren",
        "Dagelijks functioneren",
        "Zorgen voor jezelf, grenzen kennen, omgaan met geld en tijd, werken, hulp vragen",
    ),
)
DIMENSIE_SLEUTELS = tuple(d.sleutel for d in DIMENSIES)
DIMENSIES_BY_KEY = {d.sleutel: d for d in DIMENSIES}
# The dimensions whose text is about the person's health itself: goals, notes and subgoals
# under them are health data, for who may see the health section (koers.toegang).
GEZONDHEID_DIMENSIES: tuple[str, ...] = ("lichaamsfuncties", "mentaal_welbevinden")


def is_gezondheid_dimensie(sleutel: str) -> bool:
    """Whether text recorded under this Positieve Gezondheid dimension (a PIP goal, a note or
    subgoal of a voortgangsgesprek) is data concerning health.

    Bron: AVG art. 4 punt 15 en art. 9 lid 1 (gegevens over gezondheid: lichamelijke of
    geestelijke gezondheid); startnotitie §4.2.3 (dimensies van Positieve Gezondheid).
    bron: niet geverifieerd — from memory of the AVG text: "lichaamsfuncties" (klachten, pijn,
    slapen) and "mentaal welbevinden" describe bodily and mental health; the other four
    (zingeving, kwaliteit van leven, meedoen, dagelijks functioneren) describe participation
    and are not health data by themselves. Their scores stay health data as a whole.
    Status: wet
    """
    return sleutel in GEZONDHEID_DIMENSIES


def zonder_gezondheid(per_dimensie: dict) -> dict:
    """``per_dimensie`` ({dimensie: text}) without the health dimensions: what one who may
    not see health data reads of PIP goals and of a voortgangsgesprek's notes.

    Bron: AVG art. 9 lid 1, see is_gezondheid_dimensie.
    Status: wet
    """
    return {k: v for k, v in per_dimensie.items() if not is_gezondheid_dimensie(k)}


SCORE_MIN, SCORE_MAX = 0, 10

LBT_UITSLAGEN = ("B1-route haalbaar", "B1-route niet haalbaar", "Onbekend")
LBT_MAX_SCORE = 40
PLAATSEN = (("azc", "AZC"), ("gemeente", "Gemeentehuis"), ("elders", "Elders"))


def veld_fouten(onderwerp: Onderwerp, waarden: dict) -> dict[str, str]:
    """Type and range errors of one topic's structured fields (missing values are not errors
    here: a draft may be incomplete).

    Bron: startnotitie §4.2.3 (onderwerpen); controle op invoer.
    Status: techniek
    """
    fouten = {}
    for veld in onderwerp.velden:
        waarde = waarden.get(veld.naam)
        if waarde in (None, ""):
            continue
        if veld.soort == "keuze" and str(waarde) not in {k for k, _ in veld.keuzes}:
            fouten[veld.naam] = f"Kies een van de mogelijkheden bij '{veld.label}'."
        elif veld.soort == "getal":
            if isinstance(waarde, bool) or not isinstance(waarde, int):
                fouten[veld.naam] = f"Vul bij '{veld.label}' een heel getal in."
            elif (veld.min is not None and waarde < veld.min) or (
                veld.max is not None and waarde > veld.max
            ):
                fouten[veld.naam] = (
                    f"Vul bij '{veld.label}' een getal in van {veld.min} tot en met {veld.max}."
                )
        elif veld.soort == "janee" and not isinstance(waarde, bool):
            fouten[veld.naam] = f"Kies ja of nee bij '{veld.label}'."
    return fouten


def score_fout(score, dimensie: str = "") -> str | None:
    """Why a Positieve Gezondheid score is not allowed (None: allowed); the message names
    the dimension (its title) when given, so it reads well in an error summary.

    Bron: startnotitie §4.2.3 en §6.11 (Positieve Gezondheid, scores 0-10).
    Status: startnotitie
    """
    if score in (None, ""):
        return None
    if (
        isinstance(score, bool)
        or not isinstance(score, int)
        or not (SCORE_MIN <= score <= SCORE_MAX)
    ):
        bij = f"bij '{dimensie}' " if dimensie else ""
        return f"Vul {bij}een score in van {SCORE_MIN} tot en met {SCORE_MAX}: een heel getal."
    return None


def lbt_fouten(uitslag: str, score: int | None) -> dict[str, str]:
    """Errors in the result and score of the leerbaarheidstoets, per field.

    Bron: DUO API Leerbaarheidstoets (uitslagen); de maximale score: niet geverifieerd.
    Status: duo
    """
    fouten = {}
    if uitslag and uitslag not in LBT_UITSLAGEN:
        fouten["lbt_uitslag"] = "Kies een uitslag van de leerbaarheidstoets."
    if score is not None and (
        isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= LBT_MAX_SCORE
    ):
        fouten["lbt_score"] = (
            f"Vul bij 'Score leerbaarheidstoets' een getal in van 0 tot en met {LBT_MAX_SCORE}."
        )
    return fouten


def datum_fout(datum: date | None, *, vandaag: date) -> str | None:
    """Why the date of the brede intake cannot be right: it is the day the conversation was
    held, so it does not lie after today. A planned conversation is an appointment
    (``IntakeAfspraak``), not the intake's date.

    Bron: Koers' eigen lezing: the intake's date records a conversation that took place
    (startnotitie §6.1: "Bij de brede intake wordt vroegtijdig een beeld gevormd"); no article
    of the Wi2021 or the Besluit names this date.
    Status: techniek
    """
    if datum is not None and datum > vandaag:
        return "De datum van de intake ligt in de toekomst. Vul de dag in waarop het gesprek was."
    return None


def afronden_datum_fouten(datum: date | None, *, niet_verschenen: int) -> dict[str, str]:
    """The intake is afgerond with the day it was held. A draft may be saved without it. When
    the person did not come (an appointment recorded as "niet verschenen", see
    afronden_fouten) there was no conversation, and the intake is closed without a date.

    Bron: startnotitie §6.2 ("Na afronding van de brede intake stelt de gemeente binnen 10
    weken het PIP op"): the startnotitie counts from the intake, so its day must be known.
    That afronden needs the date is Koers' reading of it; the law's 10 weeks run from DUO's
    notice (Wi2021 art. 15; DOMAIN.md), not from this date.
    Status: startnotitie
    """
    if datum is None and niet_verschenen <= 0:
        return {"datum": "Vul de datum van de intake in."}
    return {}


# The minimum the law asks of the brede intake: a leerbaarheidstoets, an inquiry into
# education and work experience, and into personal circumstances including physical and
# mental health; plus the two information duties (VVE for parents of young children; the
# offer to talk without the partner). Only this blocks afronden — and so the PIP.
# Bron: Wi2021 art. 14 (brede intake; art. 1 Wi2021 defines "brede intake" as the one of
# art. 14, Stb. 2021, 38); the three parts and the two duties as described by nt2.nl "De
# brede intake" (secondary source; the text of art. 14 itself: niet geverifieerd); the
# Besluit's article number: niet geverifieerd. Status: wet
WETTELIJK_MINIMUM: tuple[str, ...] = (
    "leerbaarheid",
    "opleiding",
    "werkervaring",
    "gezondheid",
    "gezinssituatie",
)


def _is_minimum(sleutel: str) -> bool:
    """Whether a key of :func:`ontbrekend` belongs to the law's minimum."""
    if sleutel.startswith("onderwerpen."):
        return sleutel.split(".")[1] in WETTELIJK_MINIMUM
    return sleutel in ("lbt_uitslag", "gesprek_zonder_partner_aangeboden", "vve_informatie_gegeven")


def ontbrekend_minimum(ontbrekend_alles: dict[str, str]) -> dict[str, str]:
    """The part of everything missing that the law requires (blocks afronden and the PIP).

    Bron: Wi2021 art. 14; see WETTELIJK_MINIMUM.
    Status: wet
    """
    return {k: v for k, v in ontbrekend_alles.items() if _is_minimum(k)}


def ontbrekend_verwacht(ontbrekend_alles: dict[str, str]) -> dict[str, str]:
    """The part of everything missing that the startnotitie expects (never blocks).

    Bron: startnotitie §4.2.3 and §6.11.
    Status: startnotitie
    """
    return {k: v for k, v in ontbrekend_alles.items() if not _is_minimum(k)}


def afronden_fouten(minimum_ontbrekend: dict[str, str], *, niet_verschenen: int) -> dict[str, str]:
    """Whether the intake can be afgerond: the law's minimum is complete, or the person did
    not come to an intake appointment (recorded as "niet verschenen"). Then the gemeente
    closes the intake with what it knows, so that the PIP can still be vastgesteld within the
    statutory 10 weeks; the non-appearance goes to handhaving.

    Bron: Wi2021 art. 14 (intake) and art. 15 (PIP within 10 weeks; DOMAIN.md). That the PIP
    does not wait for a person who stays away: niet geverifieerd — Koers' reading that the
    10-week duty of the college cannot depend on the person's cooperation, which the law
    enforces with a boete instead.
    Status: wet (minimum); the non-appearance route: niet geverifieerd
    """
    if not minimum_ontbrekend or niet_verschenen > 0:
        return {}
    return dict(minimum_ontbrekend)


def ontbrekend(
    onderwerpen: dict,
    positieve_gezondheid: dict,
    *,
    lbt_uitslag: str,
    plaats: str,
    vve_informatie_gegeven: bool,
    gesprek_zonder_partner_aangeboden: bool,
) -> dict[str, str]:
    """Everything still missing before the intake can be afgerond, keyed by field.

    A topic counts as answered when its explanation is written and its required structured
    fields are filled. Every Positieve Gezondheid dimension needs a score. The LBT result is
    needed (``Onbekend`` is an answer). The partner duty always applies; the VVE duty when
    there are children under 6 (shared/DOMAIN.md; the article of the Besluit inburgering 2021,
    earlier cited as "Bi art. 2.3": niet geverifieerd).

    Bron: Wi2021 art. 14 (brede intake; lid 3: onderwijs, werkervaring, persoonlijke omstandigheden
    met gezondheid); Bi2021 voor VVE-informatie en het gesprek zonder partner (artikelnummers: niet
    geverifieerd); startnotitie §4.2.3.
    Status: wet; de extra onderwerpen zijn startnotitie.
    """
    missing: dict[str, str] = {}
    for onderwerp in ONDERWERPEN:
        antwoord = onderwerpen.get(onderwerp.sleutel) or {}
        if not str(antwoord.get("toelichting") or "").strip():
            missing[f"onderwerpen.{onderwerp.sleutel}.toelichting"] = (
                f"{onderwerp.titel}: schrijf een toelichting."
            )
        for veld in onderwerp.velden:
            if veld.verplicht and antwoord.get(veld.naam) in (None, ""):
                missing[f"onderwerpen.{onderwerp.sleutel}.{veld.naam}"] = (
                    f"{onderwerp.titel}: vul '{veld.label}' in."
                )
    for dimensie in DIMENSIES:
        score = (positieve_gezondheid.get(dimensie.sleutel) or {}).get("score")
        if score in (None, ""):
            missing[f"positieve_gezondheid.{dimensie.sleutel}.score"] = (
                f"Positieve Gezondheid: geef een score voor '{dimensie.titel}'."
            )
    if not lbt_uitslag:
        missing["lbt_uitslag"] = "Vul de uitslag van de leerbaarheidstoets in (of 'Onbekend')."
    if not plaats:
        missing["plaats"] = "Kies waar de intake plaatsvond."
    if not gesprek_zonder_partner_aangeboden:
        missing["gesprek_zonder_partner_aangeboden"] = (
            "Bevestig dat u hebt aangeboden om zonder partner te praten."
        )
    kinderen = (onderwerpen.get("gezinssituatie") or {}).get("kinderen_onder_6") or 0
    if isinstance(kinderen, int) and kinderen > 0 and not vve_informatie_gegeven:
        missing["vve_informatie_gegeven"] = (
            "Er zijn jonge kinderen: bevestig dat u informatie over voorschoolse educatie "
            "(VVE) hebt gegeven."
        )
    return missing
