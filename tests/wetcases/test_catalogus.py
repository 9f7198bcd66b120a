"""The wetcases table as a whole: at least 60 rows, unique ids, each with a source and status,
and every local-policy row names the gemeente setting that changes it."""

import importlib
import pkgutil
from pathlib import Path

import pytest

from tests.wetcases.wetcase import NIET_GEVERIFIEERD, Wetcase

MINIMUM = 60


def _alle_wetcases() -> list[Wetcase]:
    rijen = []
    for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if module.name.startswith("test_") and module.name != "test_catalogus":
            rijen += getattr(
                importlib.import_module(f"tests.wetcases.{module.name}"), "WETCASES", []
            )
    return rijen


ALLE = _alle_wetcases()


def test_the_table_has_enough_rows_with_unique_ids():
    assert len(ALLE) >= MINIMUM, f"{len(ALLE)} wetcases, minimaal {MINIMUM}"
    ids = [c.id for c in ALLE]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


@pytest.mark.parametrize("case", ALLE, ids=[c.id for c in ALLE])
def test_each_row_states_situation_outcome_and_source(case):
    assert case.situatie.strip() and case.verwacht.strip()
    assert case.bron.strip(), "bron ontbreekt"
    assert case.status in {"wet", "duo", "beleid", "startnotitie"}
    if case.status == "beleid":
        assert case.instelling, "een beleidsregel noemt de instelling van de gemeente"
    if case.status == "wet" and NIET_GEVERIFIEERD not in case.bron:
        # A legal source names an article (or a section of a regulation).
        assert "art." in case.bron or "artikel" in case.bron or "§" in case.bron, case.bron
