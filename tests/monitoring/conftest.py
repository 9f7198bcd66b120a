"""Fixtures of the monitoring tests: a case past its PIP, at a fixed date."""

from datetime import date

import pytest
import time_machine

from tests.api.conftest import api  # noqa: F401
from tests.uitvoering import met_vastgesteld_pip
from tests.web.conftest import als  # noqa: F401

DAGTEKENING = date(2026, 10, 1)


@pytest.fixture
def met_pip(traject_weert, adviseur_weert):
    """traject_weert with a vastgesteld B1-route PIP of 1 October 2026 (goals for two
    dimensions); the clock stays at that day until the test travels on."""
    with time_machine.travel("2026-10-01 10:00:00+02:00", tick=False):
        met_vastgesteld_pip(traject_weert, adviseur_weert, dagtekening=DAGTEKENING, doelen={
            "meedoen": "Lid worden van een sportclub.",
            "dagelijks_functioneren": "Zelf de post lezen en betalen."})
    return traject_weert


@pytest.fixture
def op():
    """``with op("2027-01-05"): ...`` freezes the clock on that day."""
    def _op(dag: str):
        return time_machine.travel(f"{dag} 10:00:00+01:00", tick=False)
    return _op
