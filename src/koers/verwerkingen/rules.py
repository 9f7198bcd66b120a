"""Rules of the verwerkingenlogging and retention. Plain constants and functions, no Django;
each number with its source.

Bron: AVG (Verordening (EU) 2016/679) art. 5 lid 1 sub b en e, art. 6 lid 1 sub e, art. 15,
art. 30 lid 1, art. 32; Baseline Informatiebeveiliging Overheid (BIO) 12.4.
Status: wet (the purposes and the duty to log); the retention periods are P (gemeente setting
Bewaartermijn, admin page "Bewaartermijnen").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

# The chain starts from this hash (no previous record).
BEGIN_HASH = "0" * 64

# The default purpose: the gemeente's task under the Wet inburgering 2021: the brede intake
# (Wi2021 art. 14) and the PIP (Wi2021 art. 15) and what follows from them (AVG art. 6 lid 1
# sub e: public task). Earlier cited as "Wi2021 art. 6 and 7"; art. 7 sets the leerroutes
# (the content of the plicht), not the gemeente's task — art. 6: niet geverifieerd. Every
# processing names its purpose (AVG art. 5 lid 1 sub b; art. 30 lid 1 sub b: the register
# names the purposes).
DOEL_UITVOERING = "uitvoering Wet inburgering 2021"

# The DUO exchange: DUO is the source of plicht, doelgroep, termijn and results and receives
# the PIP, MAP/PVT and Z-route results from the gemeente (DOMAIN.md "Actors"; the M2M
# interface in duo-m2m/). A purpose of its own, so the log tells it from the adviseur's work.
DOEL_DUO = "gegevensuitwisseling met DUO (Wet inburgering 2021)"
# The data subject's right of access (AVG art. 15).
DOEL_INZAGE = "AVG art. 15: recht op inzage"
# Retention: anonymising a closed case, and removing old log records, after their
# bewaartermijn (AVG art. 5 lid 1 sub e).
DOEL_BEWAARTERMIJN = "bewaartermijn (AVG art. 5 lid 1 sub e)"

# Verwerkingsactiviteiten: the activities of the register of AVG art. 30 lid 1 (the log
# itself is a security measure of AVG art. 32 lid 1 and BIO 12.4.1, not the register).
ACTIVITEIT_INZIEN = "dossier inzien"
ACTIVITEIT_WIJZIGEN = "dossier wijzigen"
ACTIVITEIT_DUO = "DUO-bericht"
ACTIVITEIT_INZAGE = "AVG inzage (art. 15)"
ACTIVITEIT_PORTAAL = "eigen dossier in Mijn Inburgering"
ACTIVITEIT_LIJST = "zaken in lijst getoond"
ACTIVITEIT_ZOEKEN = "zoeken op BSN"
ACTIVITEIT_ANONIMISEREN = "anonimiseren na bewaartermijn"

# Retention of a closed case before it is anonymised: 5 years after the traject ended.
# Argument (docs/gebruikers/handleiding-privacy.md): a boete can be imposed within 5 years
# of the overtreding (Awb art. 5:45 lid 1, vervaltermijn for the bestuurlijke boete) and its
# collection verjaart after 5 years (Awb art. 4:104); the Archiefwet selectielijst for
# gemeenten (VNG, 2020) gives 5 years for dossiers of individual services after the end of
# the service (niet geverifieerd: the exact category of the selectielijst). The Wi2021
# articles on the boete were cited as "art. 30-31": niet geverifieerd. P: a gemeente sets
# another period (Bewaartermijn.jaren).
BEWAARTERMIJN_JAREN = 5
# Retention of the log itself: as long as the case plus 2 years, so a person can still ask
# who saw his data (AVG art. 15) after the case has been anonymised; Baseline Informatie-
# beveiliging Overheid (BIO 12.4.1) asks logs to be kept "voldoende lang" and AVG art. 5
# lid 1 sub e forbids keeping them longer than needed. P: Bewaartermijn.log_extra_jaren.
BEWAARTERMIJN_LOG_EXTRA_JAREN = 2
# The activity of removing log records after their bewaartermijn (purpose DOEL_BEWAARTERMIJN).
ACTIVITEIT_LOG_OPSCHONEN = "verwerkingenlogging opgeschoond na bewaartermijn"


def record_hash(velden: dict[str, Any], vorige_hash: str) -> str:
    """SHA-256 over the canonical JSON (sorted keys, no spaces) of the record's fields and
    the previous record's hash.

    Bron: AVG art. 32 lid 1 (integrity of the processing); BIO 12.4.2 (protecting log
    information against change).
    Status: techniek (Koers' own measure for AVG art. 32; no gemeente setting)
    """
    inhoud = dict(velden, vorige_hash=vorige_hash)
    tekst = json.dumps(
        inhoud, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()


def _jaren_later(datum: dt.date, jaren: int) -> dt.date:
    try:
        return datum.replace(year=datum.year + jaren)
    except ValueError:  # 29 February
        return datum.replace(year=datum.year + jaren, day=28)


def anonimiseren_vanaf(einddatum: dt.date, jaren: int = BEWAARTERMIJN_JAREN) -> dt.date:
    """The first day a closed traject (ended on ``einddatum``) may be anonymised.

    Bron: AVG art. 5 lid 1 sub e (opslagbeperking); Awb art. 5:45 lid 1 (boete vervalt na
    5 jaar); see BEWAARTERMIJN_JAREN.
    Status: P — Bewaartermijn.jaren (admin page "Bewaartermijnen"), default 5.
    """
    return _jaren_later(einddatum, jaren)


def log_verwijderen_vanaf(
    *,
    record_datum: dt.date,
    geanonimiseerd_op: dt.date | None,
    over_persoon: bool,
    extra_jaren: int = BEWAARTERMIJN_LOG_EXTRA_JAREN,
) -> dt.date | None:
    """The first day a log record may be removed; ``None``: not yet known.

    A record about a person stays until ``extra_jaren`` after his case was anonymised (and
    after the record itself, for a record written after that); while the case is not
    anonymised, the record stays. A record about no person is kept as long as the longest
    default: the case's bewaartermijn plus the log's extra years after the record.

    Bron: AVG art. 5 lid 1 sub e (opslagbeperking) and art. 15 (a person may ask who saw his
    data); BIO 12.4.1 (logs kept long enough).
    Status: P — Bewaartermijn.log_extra_jaren (admin page "Bewaartermijnen"), default 2.
    """
    if not over_persoon:
        return _jaren_later(record_datum, BEWAARTERMIJN_JAREN + extra_jaren)
    if geanonimiseerd_op is None:
        return None
    return _jaren_later(max(record_datum, geanonimiseerd_op), extra_jaren)


def log_verwijderbaar_tot(vandaag: dt.date, extra_jaren: int) -> dt.date:
    """The last day a record about a person, and his anonymisation, may be from for the
    record to be removable on ``vandaag`` (:func:`log_verwijderen_vanaf` turned around, for a
    count in one query: removable exactly when both days are on or before this one).

    Bron: AVG art. 5 lid 1 sub e (opslagbeperking) and art. 15; BIO 12.4.1 (as
    :func:`log_verwijderen_vanaf`).
    Status: P — Bewaartermijn.log_extra_jaren (admin page "Bewaartermijnen"), default 2.
    """
    dag = vandaag.replace(day=28) if (vandaag.month, vandaag.day) == (2, 29) else vandaag
    grens = dag.replace(year=dag.year - extra_jaren)
    # 29 February counts as 28 February extra_jaren later (_jaren_later): one day more.
    while _jaren_later(grens + dt.timedelta(days=1), extra_jaren) <= vandaag:
        grens += dt.timedelta(days=1)
    return grens


# The register of processing activities (verwerkingsactiviteiten, AVG art. 30 lid 1) ----------
# One entry per kind of processing Koers logs. Every gemeente gets these entries as data
# (model Verwerkingsactiviteit, beheer page "Register van verwerkingsactiviteiten"); its privacy
# officer or functioneel beheerder completes and adjusts the texts, the code stays. Each log
# record names its entry's code: the LDV attribute ``dpl.core.processing_activity_id``.
# The legal bases below say their status: "wet" where the article was read, "niet
# geverifieerd" where the article number is Koers' best reading and has not been checked
# against the text of the law; the gemeente's privacy officer confirms them in the register.

REGISTER_UITVOERING = "inburgering-uitvoering"
REGISTER_DUO = "inburgering-duo"
REGISTER_BRP = "inburgering-brp"
REGISTER_PORTAAL = "inburgering-portaal"
REGISTER_INZAGE = "avg-inzage"
REGISTER_BEWAARTERMIJN = "bewaartermijn"
REGISTER_BEVEILIGING = "beveiliging-toegang"

# Activities of apps above this core app, named here beside their register entry; the BRP
# adapter, the portal and beveiliging take their names from here.
ACTIVITEIT_BRP = "BRP-bevraging"
ACTIVITEIT_DOCUMENT = "document inzien"  # koers.portaal.services
ACTIVITEIT_TWEEDE_FACTOR = "tweede factor gekoppeld"  # koers.beveiliging.inschrijven adds "(soort)"


@dataclass(frozen=True)
class RegisterRegel:
    """One default entry of the register: the texts a gemeente starts from, and the
    activities (log record names) that belong to it."""

    code: str
    naam: str
    doel: str
    grondslag: str
    grondslag_status: str  # "wet" | "niet geverifieerd" | "P" (local policy)
    betrokkenen: str
    gegevens: str
    ontvangers: str
    bewaartermijn: str
    activiteiten: tuple[str, ...]


_BEWAAR_ZAAK = (
    f"{BEWAARTERMIJN_JAREN} jaar na het afronden van het traject, daarna anoniem; de "
    f"verwerkingenlogging {BEWAARTERMIJN_LOG_EXTRA_JAREN} jaar langer (P: pagina "
    "Bewaartermijnen)."
)

REGISTER: tuple[RegisterRegel, ...] = (
    RegisterRegel(
        code=REGISTER_UITVOERING,
        naam="Uitvoering van de Wet inburgering 2021",
        doel=DOEL_UITVOERING + ": brede intake, persoonlijk plan (PIP), begeleiding, "
        "voortgang en handhaving.",
        grondslag="AVG art. 6 lid 1 sub e (taak van algemeen belang); Wet inburgering 2021 "
        "art. 14 (brede intake) en art. 15 (PIP). Gezondheidsgegevens: AVG art. 9 lid 2 sub g "
        "met de Wet inburgering 2021 (artikel niet geverifieerd).",
        grondslag_status="wet (art. 9-grond: niet geverifieerd)",
        betrokkenen="Inburgeringsplichtigen en vrijwillige inburgeraars; hun contactpersonen.",
        gegevens="Identificerende gegevens (BSN, naam, adres), traject, intake, PIP, leerroute, "
        "voortgang; gezondheid en financiën alleen voor wie het nodig heeft.",
        ontvangers="Ketenpartners met een lopende verwijzing (alleen hun onderdelen).",
        bewaartermijn=_BEWAAR_ZAAK,
        activiteiten=(
            ACTIVITEIT_INZIEN,
            ACTIVITEIT_WIJZIGEN,
            ACTIVITEIT_LIJST,
            ACTIVITEIT_ZOEKEN,
            ACTIVITEIT_DOCUMENT,
        ),
    ),
    RegisterRegel(
        code=REGISTER_DUO,
        naam="Gegevensuitwisseling met DUO",
        doel=DOEL_DUO + ": plicht, termijn en resultaten ontvangen; PIP, MAP/PVT en "
        "Z-route melden.",
        grondslag="AVG art. 6 lid 1 sub c en e; Wet inburgering 2021 en Besluit inburgering "
        "2021 over de gegevensverstrekking tussen gemeente en DUO (artikelen niet "
        "geverifieerd); koppelvlak volgens DUO's M2M-specificatie.",
        grondslag_status="niet geverifieerd",
        betrokkenen="Inburgeringsplichtigen.",
        gegevens="BSN, plicht en doelgroep, termijn, PIP-gegevens, resultaten van examens.",
        ontvangers="Dienst Uitvoering Onderwijs (DUO).",
        bewaartermijn=_BEWAAR_ZAAK,
        activiteiten=(ACTIVITEIT_DUO,),
    ),
    RegisterRegel(
        code=REGISTER_BRP,
        naam="Personalia opvragen bij de BRP",
        doel="Naam en adres van de inburgeraar juist houden voor de uitvoering van de Wet "
        "inburgering 2021.",
        grondslag="AVG art. 6 lid 1 sub e; Wet basisregistratie personen art. 3.3 met het "
        "autorisatiebesluit van de gemeente (niet geverifieerd).",
        grondslag_status="niet geverifieerd",
        betrokkenen="Inburgeringsplichtigen.",
        gegevens="BSN, naam, adres, geboortedatum.",
        ontvangers="Geen (alleen opvragen).",
        bewaartermijn=_BEWAAR_ZAAK,
        activiteiten=(ACTIVITEIT_BRP,),
    ),
    RegisterRegel(
        code=REGISTER_PORTAAL,
        naam="Mijn Inburgering",
        doel="De inburgeraar ziet en vult zijn eigen gegevens aan (berichten, documenten, plan).",
        grondslag="AVG art. 6 lid 1 sub e met de Wet inburgering 2021 (als de uitvoering); "
        "AVG art. 15 (inzage in eigen gegevens).",
        grondslag_status="wet",
        betrokkenen="Inburgeraars.",
        gegevens="Eigen traject, plan, berichten en documenten.",
        ontvangers="Geen.",
        bewaartermijn=_BEWAAR_ZAAK,
        activiteiten=(ACTIVITEIT_PORTAAL,),
    ),
    RegisterRegel(
        code=REGISTER_INZAGE,
        naam="Inzage en verantwoording (AVG)",
        doel=DOEL_INZAGE + "; de privacy officer zoekt in de verwerkingenlogging.",
        grondslag="AVG art. 15 en art. 6 lid 1 sub c (wettelijke verplichting).",
        grondslag_status="wet",
        betrokkenen="Inburgeraars die om inzage vragen; medewerkers in de logging.",
        gegevens="Alle gegevens over de persoon en de verwerkingenlogging over hem.",
        ontvangers="De betrokkene zelf.",
        bewaartermijn=_BEWAAR_ZAAK,
        activiteiten=(ACTIVITEIT_INZAGE,),
    ),
    RegisterRegel(
        code=REGISTER_BEWAARTERMIJN,
        naam="Anonimiseren en opschonen na de bewaartermijn",
        doel=DOEL_BEWAARTERMIJN,
        grondslag="AVG art. 5 lid 1 sub e (opslagbeperking).",
        grondslag_status="wet",
        betrokkenen="Inburgeraars van afgeronde trajecten.",
        gegevens="Identificerende gegevens (worden verwijderd) en oude verwerkingenlogging.",
        ontvangers="Geen.",
        bewaartermijn="De aankondiging in de logging blijft bewaard (geen persoonsgegevens).",
        activiteiten=(ACTIVITEIT_ANONIMISEREN, ACTIVITEIT_LOG_OPSCHONEN),
    ),
    RegisterRegel(
        code=REGISTER_BEVEILIGING,
        naam="Beveiliging van de toegang",
        doel="Medewerkers veilig laten inloggen met een tweede factor.",
        grondslag="AVG art. 32 lid 1; Baseline Informatiebeveiliging Overheid (BIO) 9.4.",
        grondslag_status="wet (BIO-paragraaf niet geverifieerd)",
        betrokkenen="Medewerkers van de gemeente en ketenpartners.",
        gegevens="Gebruikersnaam, soort tweede factor.",
        ontvangers="Geen.",
        bewaartermijn=f"{BEWAARTERMIJN_JAREN + BEWAARTERMIJN_LOG_EXTRA_JAREN} jaar "
        "(verwerkingenlogging zonder persoon).",
        activiteiten=(ACTIVITEIT_TWEEDE_FACTOR,),
    ),
)
REGISTER_CODES = frozenset(r.code for r in REGISTER)
_REGISTER_PER_ACTIVITEIT = {a: r.code for r in REGISTER for a in r.activiteiten}


def register_code(activiteit: str) -> str | None:
    """The register entry (its code) an activity belongs to, ``None`` when it has none. An
    activity with a detail in brackets after its name ("tweede factor gekoppeld (totp)")
    belongs where its name does.

    Bron: AVG art. 30 lid 1 (the register names every processing activity); LDV extension
    "Verwerkingsactiviteiten" (``dpl.core.processing_activity_id``).
    Status: wet (the duty); the division into entries is P.
    """
    code = _REGISTER_PER_ACTIVITEIT.get(activiteit)
    if code is None and activiteit.endswith(")") and " (" in activiteit:
        code = _REGISTER_PER_ACTIVITEIT.get(activiteit.rsplit(" (", 1)[0])
    return code
