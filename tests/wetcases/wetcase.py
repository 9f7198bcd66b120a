"""Worked legal cases: situation → expected outcome → source.

Every module ``tests/wetcases/test_*.py`` declares its rows in a module-level list ``WETCASES``
and runs each row through Koers' services or API (never by calling a ``rules.py`` directly),
usually with ``@pytest.mark.parametrize("case", WETCASES, ids=ids(WETCASES))``.
``test_catalogus.py`` checks the whole table: enough rows, each with a source and a status.

A row states what the law, DUO's contract or the gemeente's policy says, written by someone
reading the source, not by reading Koers' code: a row must be able to disagree with Koers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

# wet: a law, besluit or regeling (Wi2021, Bi2021, Ri2021, Participatiewet, Awb, AVG).
# duo: DUO's published M2M contract (shared/duo-m2m: the OpenAPI files and RULES.md).
# beleid: local policy ("P"): a gemeente setting where a gemeente may reasonably choose.
# startnotitie: what the gemeente asked for in its startnotitie (shared/seed).
Status = Literal["wet", "duo", "beleid", "startnotitie"]

NIET_GEVERIFIEERD = "niet geverifieerd"


@dataclass(frozen=True)
class Wetcase:
    id: str
    situatie: str
    verwacht: str
    bron: str
    status: Status
    # The case's own input and expected values, read by its module's test.
    gegeven: dict[str, Any] = field(default_factory=dict)
    uitkomst: Any = None
    # For status "beleid": the gemeente setting (model field or admin page) that changes it.
    instelling: str = ""

    def __str__(self) -> str:
        return f"{self.id}: {self.situatie} → {self.verwacht} ({self.bron})"


def ids(cases: list[Wetcase]) -> list[str]:
    return [c.id for c in cases]
