"""Fixtures of the Mijn Inburgering tests: Weert's case with a vastgesteld PIP, logged in to
the portal, at a fixed day (Wednesday 4 November 2026)."""

import pytest
import time_machine

from koers.portaal.sessie import SESSIE_SLEUTEL


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def nu():
    with time_machine.travel("2026-11-04 10:00:00+01:00", tick=False):
        yield


def portaal_login(client, inburgeraar):
    session = client.session
    session[SESSIE_SLEUTEL] = inburgeraar.pk
    session.save()
    return client


@pytest.fixture
def ik(client, met_pip, nu):
    """The test client logged in to the portal as Weert's inburgeraar."""
    return portaal_login(client, met_pip.inburgeraar)
