"""The spinnenweb with several measurements over time (intake plus each voortgangsgesprek):
one polygon per measurement on the axes of koers.intake.spinnenweb; the template draws it as
inline SVG next to a table with the same numbers (the text alternative)."""

from __future__ import annotations

from koers.intake import rules as intake_rules
from koers.intake import spinnenweb as basis

# Line styles per measurement, oldest first; the newest is drawn solid and thick. Never
# colour alone: every line also has its own dash pattern, and the table says it in numbers.
STIJLEN = ("4 4", "8 3", "2 3", "10 3 2 3", "6 2 2 2", "")


def reeks(metingen) -> dict:
    """Geometry for ``metingen`` (koers.monitoring.rules.Meting, oldest first)."""
    titels = [d.titel for d in intake_rules.DIMENSIES]
    leeg = basis.spinnenweb([(t, None) for t in titels])
    aantal = len(titels)
    schaal = basis.STRAAL / intake_rules.SCORE_MAX
    vormen = []
    laatste = len(metingen) - 1
    for i, meting in enumerate(metingen):
        scores = [basis._geldig(meting.scores.get(d.sleutel)) for d in intake_rules.DIMENSIES]
        stijl = "" if i == laatste else STIJLEN[i % (len(STIJLEN) - 1)]
        vormen.append(
            {
                "datum": meting.datum,
                "punten": basis._punten([(s or 0) * schaal for s in scores], aantal),
                "streep": stijl,
                "nieuwste": i == laatste,
                "scores": scores,
                "nummer": i + 1,
            }
        )
    return {
        **leeg,
        "vormen": vormen,
        "titels": titels,
        "rijen": [(t, [v["scores"][j] for v in vormen]) for j, t in enumerate(titels)],
    }
