"""The format of Koers' application log, with BSNs masked as a last line of defence.

Log calls name ids, never personal data (tests/test_geen_persoonsgegevens_in_logs.py). A
BSN can still slip in through text Koers does not write itself: an exception message, a
library's log line, an error text of DUO. This formatter masks every 9-digit number that
passes the elfproef in the finished line, tracebacks included, so it never reaches the
console, a log file or a log collector. Names and addresses cannot be recognised this way;
for those the log calls themselves are the guard.
"""

from __future__ import annotations

import logging
import re

from koers.inburgeraars.rules import is_valid_bsn

NEGEN_CIJFERS = re.compile(r"(?<![0-9])[0-9]{9}(?![0-9])")
GEMASKEERD = "*********"


def maskeer_bsns(tekst: str) -> str:
    """``tekst`` with every BSN (9 digits that pass the elfproef) replaced by asterisks."""
    return NEGEN_CIJFERS.sub(lambda m: GEMASKEERD if is_valid_bsn(m.group()) else m.group(), tekst)


class GeenBsnFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return maskeer_bsns(super().format(record))
