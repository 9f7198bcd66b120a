"""The geometry of the Positieve Gezondheid spinnenweb (radar chart), computed in Python so
that the template only draws it as inline SVG."""

from __future__ import annotations

import math
from dataclasses import dataclass

from koers.intake import rules as intake_rules

BREEDTE, HOOGTE = 560, 340
MIDDEN_X, MIDDEN_Y = BREEDTE / 2, HOOGTE / 2
STRAAL = 115
LABEL_AFSTAND = 14


@dataclass(frozen=True)
class As:
    titel: str
    score: int | None
    x: float
    y: float
    label_x: float
    label_y: float
    anker: str  # SVG text-anchor


def _punt(index: int, aantal: int, straal: float) -> tuple[float, float]:
    hoek = -math.pi / 2 + 2 * math.pi * index / aantal  # the first axis points up
    return (
        round(MIDDEN_X + straal * math.cos(hoek), 1),
        round(MIDDEN_Y + straal * math.sin(hoek), 1),
    )


def _punten(waarden: list[float], aantal: int) -> str:
    return " ".join("{},{}".format(*_punt(i, aantal, w)) for i, w in enumerate(waarden))


def _geldig(score) -> int | None:
    if isinstance(score, bool) or not isinstance(score, int):
        return None
    return score if intake_rules.SCORE_MIN <= score <= intake_rules.SCORE_MAX else None


def spinnenweb(scores: list[tuple[str, int | None]]) -> dict:
    """Axes, rings and the score polygon for (titel, score) pairs; a missing score is drawn
    at the centre and reported as missing in the text alternative."""
    aantal = len(scores)
    if aantal < 3:
        return {"assen": [], "ringen": [], "vorm": "", "breedte": BREEDTE, "hoogte": HOOGTE}
    schaal = STRAAL / intake_rules.SCORE_MAX
    assen = []
    for i, (titel, score) in enumerate(scores):
        x, y = _punt(i, aantal, STRAAL)
        lx, ly = _punt(i, aantal, STRAAL + LABEL_AFSTAND)
        anker = "middle" if abs(lx - MIDDEN_X) < 1 else ("start" if lx > MIDDEN_X else "end")
        if ly > MIDDEN_Y + 1:
            ly += 10  # below the centre: move the text under its point
        assen.append(As(titel, _geldig(score), x, y, lx, ly, anker))
    ringen = [_punten([stap * schaal] * aantal, aantal) for stap in (2, 4, 6, 8, 10)]
    vorm = _punten([(a.score or 0) * schaal for a in assen], aantal)
    return {
        "assen": assen,
        "ringen": ringen,
        "vorm": vorm,
        "breedte": BREEDTE,
        "hoogte": HOOGTE,
        "midden_x": MIDDEN_X,
        "midden_y": MIDDEN_Y,
    }


def scores_van(positieve_gezondheid: dict) -> list[tuple[str, int | None]]:
    """(titel, score) for every dimension, in the order of intake.rules.DIMENSIES."""
    return [
        (d.titel, (positieve_gezondheid.get(d.sleutel) or {}).get("score"))
        for d in intake_rules.DIMENSIES
    ]
