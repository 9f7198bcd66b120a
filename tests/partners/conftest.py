"""Fixtures of the ketenpartner tests: a Weert case past its PIP and referrals to partners
(frozen today: Sunday 15 November 2026). The partners themselves (Werk.Kom, a taalaanbieder
with keurmerk and one without, VluchtelingenWerk) and their users are in tests/conftest.py."""

import datetime as dt

import pytest
import time_machine

from tests.uitvoering import met_vastgesteld_pip

VANDAAG = dt.date(2026, 11, 15)


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel("2026-11-15 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def zaak(traject_weert, adviseur_weert):
    """A Weert case with intake (health answers included) and a vastgesteld PIP."""
    met_vastgesteld_pip(traject_weert, adviseur_weert, dagtekening=dt.date(2026, 10, 1))
    return traject_weert


@pytest.fixture
def verwijs(adviseur_weert):
    """``verwijs(traject, organisatie, taak)``: a referral made by the adviseur."""
    from koers.partners import services

    def _verwijs(traject, organisatie, taak="map", **kwargs):
        return services.verwijs(
            traject,
            adviseur_weert,
            taak=taak,
            organisatie=organisatie,
            vraag=kwargs.pop("vraag", "Graag de MAP."),
            **kwargs,
        )

    return _verwijs
