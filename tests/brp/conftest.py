"""``brp_sim``: the BRP simulator on a free port with the test scenario, and Koers pointed at it."""

from dataclasses import dataclass

import pytest

from koers.brp.simulator import app, scenario
from tests.brp.simulator_hulp import SCENARIO


@dataclass
class BrpSim:
    sim: app.Simulator
    base_url: str


@pytest.fixture
def brp_sim(settings):
    sim = app.Simulator(scenario.laad(SCENARIO))
    server, base_url = app.start_in_thread(sim)
    settings.BRP_BASE_URL = base_url
    try:
        yield BrpSim(sim=sim, base_url=base_url)
    finally:
        server.shutdown()
        server.server_close()
