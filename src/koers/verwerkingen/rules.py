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
