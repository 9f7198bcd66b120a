"""Rules of the verwerkingenlogging and retention (issue 5 §3). Plain constants and
functions, no Django; each number with its source."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

# The chain starts from this hash (no previous record).
BEGIN_HASH = "0" * 64

# The default purpose: the gemeente's task under the Wet inburgering 2021 (Wi2021 art. 6
# and 7: the gemeente offers and carries out the brede intake, PIP and the leerroute;
# AVG art. 6 lid 1 sub e: public task). Every processing names its purpose (AVG art. 5
# lid 1 sub b, art. 30 lid 1 sub b).
DOEL_UITVOERING = "uitvoering Wet inburgering 2021"

# The DUO exchange: DUO is the source of plicht, doelgroep, termijn and results and receives
# the PIP, MAP/PVT and Z-route results from the gemeente (DOMAIN.md "Actors"; the M2M
# interface in duo-m2m/). A purpose of its own, so the log tells it from the adviseur's work.
DOEL_DUO = "gegevensuitwisseling met DUO (Wet inburgering 2021)"
# The data subject's right of access (AVG art. 15).
DOEL_INZAGE = "AVG art. 15: recht op inzage"
# Retention: anonymising a closed case after its bewaartermijn (AVG art. 5 lid 1 sub e).
DOEL_BEWAARTERMIJN = "bewaartermijn (AVG art. 5 lid 1 sub e)"

# Verwerkingsactiviteiten (the register of AVG art. 30).
ACTIVITEIT_INZIEN = "dossier inzien"
ACTIVITEIT_WIJZIGEN = "dossier wijzigen"
ACTIVITEIT_EXPORT = "export"
ACTIVITEIT_DUO = "DUO-bericht"
ACTIVITEIT_INZAGE = "AVG inzage (art. 15)"
ACTIVITEIT_PORTAAL = "eigen dossier in Mijn Inburgering"
ACTIVITEIT_LIJST = "zaken in lijst getoond"
ACTIVITEIT_ZOEKEN = "zoeken op BSN"
ACTIVITEIT_ANONIMISEREN = "anonimiseren na bewaartermijn"

# Retention of a closed case before it is anonymised: 5 years after the traject ended.
# Argument (docs/gebruikers/handleiding-privacy.md): a boete can be imposed and collected
# within 5 years (Awb art. 5:45 lid 1, vervaltermijn for the bestuurlijke boete; Wi2021
# art. 30-31) and a lening or bijzondere situatie can be reviewed within that time; the
# Archiefwet selectielijst for gemeenten (VNG, 2020) gives 5 years for dossiers of
# individual services after the end of the service. A gemeente may set another period.
BEWAARTERMIJN_JAREN = 5
# Retention of the log itself: as long as the case plus 2 years, so a person can still ask
# who saw his data (AVG art. 15) after the case has been anonymised; Baseline Informatie-
# beveiliging Overheid (BIO 12.4.1) asks logs to be kept "voldoende lang".
BEWAARTERMIJN_LOG_EXTRA_JAREN = 2


def record_hash(velden: dict[str, Any], vorige_hash: str) -> str:
    """SHA-256 over the canonical JSON (sorted keys, no spaces) of the record's fields and
    the previous record's hash."""
    inhoud = dict(velden, vorige_hash=vorige_hash)
    tekst = json.dumps(inhoud, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                       default=str)
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()


def anonimiseren_vanaf(einddatum: dt.date, jaren: int = BEWAARTERMIJN_JAREN) -> dt.date:
    """The first day a closed traject (ended on ``einddatum``) may be anonymised."""
    try:
        return einddatum.replace(year=einddatum.year + jaren)
    except ValueError:  # 29 February
        return einddatum.replace(year=einddatum.year + jaren, day=28)
