"""The refusal of a change by a rule, raised by the write paths of every slice: pages put its
texts on the form's fields, the API answers 400 with them (koers.bouwstenen.api_fouten)."""

from __future__ import annotations


class Weigering(Exception):
    """A change refused by a rule. ``fouten`` maps a field (or ``"__all__"``) to Dutch text."""

    def __init__(self, fouten: dict[str, str] | list[str]):
        if isinstance(fouten, list):
            fouten = {"__all__": " ".join(fouten)} if fouten else {}
        self.fouten = fouten
        super().__init__("; ".join(f"{k}: {v}" for k, v in fouten.items()))
