"""Rules about organisations and identifiers."""

import re

OIN_PATTERN = re.compile(r"^\d{20}$")
GEMEENTECODE_PATTERN = re.compile(r"^\d{4}$")


def is_valid_oin(oin: str) -> bool:
    """An OIN is 20 digits (Logius, OIN-stelsel; RULES.md 'Transport': headers bron/doel).

    Bron: Logius, OIN-stelsel; RULES.md "Transport".
    Status: duo
    """
    return bool(OIN_PATTERN.match(oin or ""))


def is_valid_gemeentecode(code: str) -> bool:
    """A CBS gemeentecode is 4 digits (CBS; DUO's ``gemeentecode``, maxLength/minLength 4).

    Bron: CBS gemeentecode; DUO API (gemeentecode, 4 tekens).
    Status: duo
    """
    return bool(GEMEENTECODE_PATTERN.match(code or ""))
