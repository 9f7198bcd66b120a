"""Rules of Mijn Inburgering, the portal of the inburgeraar. Plain constants and
functions, no ORM. "P" marks a choice of Koers (local policy), not of the law.

Sources: startnotitie ch. 1 ("niet over maar met de inburgeringsplichtigen"), the
gemeenten's wishes for the portal (languages, iCal, uploads with type and size limits), WCAG
2.1 AA.
"""

from __future__ import annotations

from enum import StrEnum

# The portal's languages (at least English, Arabic, Tigrinya, Turkish and
# Ukrainian besides Dutch). Dutch first: the default when the browser asks for none of them.
TALEN: tuple[tuple[str, str], ...] = (
    ("nl", "Nederlands"),
    ("en", "English"),
    ("ar", "العربية"),
    ("ti", "ትግርኛ"),
    ("tr", "Türkçe"),
    ("uk", "Українська"),
)
TAAL_CODES = tuple(code for code, _ in TALEN)
STANDAARD_TAAL = "nl"
TAAL_COOKIE = "koers_portaal_taal"
PAD = "/mijn/"


def kies_taal(gekozen: str | None, accept_language: str) -> str:
    """The portal's language: the one chosen in the portal, else the first supported one of
    the browser's Accept-Language (by weight, regional variants like ``ar-SY`` count), else
    Dutch (P).

    Bron: keuze van Koers (talen van het portaal: de grootste groepen inburgeraars).
    Status: techniek
    """
    if gekozen in TAAL_CODES:
        return gekozen  # type: ignore[return-value]
    wensen = []
    for volgorde, deel in enumerate((accept_language or "").split(",")):
        code, _, param = deel.strip().partition(";")
        gewicht = 1.0
        param = param.strip()
        if param.startswith("q="):
            try:
                gewicht = float(param[2:])
            except ValueError:
                gewicht = 0.0
        if code and gewicht > 0:
            wensen.append((-gewicht, volgorde, code.lower().split("-")[0]))
    for _, _, code in sorted(wensen):
        if code in TAAL_CODES:
            return code
    return STANDAARD_TAAL


# --- documents --------------------------------------------------------------------------------

# What an inburgeraar uploads: scans or photos of letters, diplomas and certificates (P).
DOCUMENT_EXTENSIES = frozenset({"pdf", "jpg", "jpeg", "png"})
# P: 5 MB, below the 10 MB of koers.beveiliging.uploads: a phone photo or scan fits.
DOCUMENT_MAX_BYTES = 5 * 1024 * 1024
# P: enough for a whole traject; stops filling the disk by a loop of uploads.
DOCUMENTEN_MAX_AANTAL = 50
DOCUMENT_TOELICHTING_MAX = 200


class DocumentSoort(StrEnum):
    DIPLOMA = "diploma"
    CERTIFICAAT = "certificaat"
    BRIEF = "brief"
    BEWIJS = "bewijs"  # e.g. proof of attendance, a volunteer's statement
    OVERIG = "overig"


# --- messages ---------------------------------------------------------------------------------

# P: a message is short; longer stories belong in a conversation.
BERICHT_MAX = 2000
BERICHTEN_PER_PAGINA = 20

# --- "Wie bekeek mijn dossier" ----------------------------------------------------------------

# P: the log is shown per day and organisation, the same activity counted once with its
# number ("In een lijst getoond, 40 keer"); a page holds this many days.
LOG_DAGEN_PER_PAGINA = 10


def is_geldig_bsn_invoer(tekst: str) -> bool:
    """Nine digits: the demo login's field (the elfproef is checked by the lookup).

    Bron: controle op invoer (de elfproef zit in inburgeraars.rules.is_valid_bsn).
    Status: techniek
    """
    return len(tekst) == 9 and tekst.isdigit()


# The Gregorian months in Tigrinya, January first, from the Unicode CLDR (locale "ti",
# calendar gregorian, months format wide). Django ships no Tigrinya, so the portal names
# them itself (P: spelling not checked with a native reader).
MAANDEN_TI: tuple[str, ...] = (
    "ጥሪ",
    "ለካቲት",
    "መጋቢት",
    "ሚያዝያ",
    "ግንቦት",
    "ሰነ",
    "ሓምለ",
    "ነሓሰ",
    "መስከረም",
    "ጥቅምቲ",
    "ሕዳር",
    "ታሕሳስ",
)
