"""Fixtures of the ketenpartner tests: Werk.Kom, a taalaanbieder with keurmerk and one
without, VluchtelingenWerk, their users, and a Weert case past its PIP (frozen today:
Sunday 15 November 2026)."""

import datetime as dt

import pytest
import time_machine

from koers.partners.models import Partnerprofiel
from tests.api.conftest import api  # noqa: F401
from tests.factories import GebruikerFactory, OrganisatieFactory
from tests.uitvoering import met_vastgesteld_pip
from tests.web.conftest import als  # noqa: F401

VANDAAG = dt.date(2026, 11, 15)


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel("2026-11-15 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def werkkom(db):
    return OrganisatieFactory(naam="Werk.Kom", soort="werkkom")


@pytest.fixture
def taalcentrum(db):
    org = OrganisatieFactory(naam="Taalcentrum", soort="taalaanbieder")
    Partnerprofiel.objects.create(organisatie=org, keurmerk=True,
                                  keurmerk_geldig_tot=dt.date(2027, 12, 31))
    return org


@pytest.fixture
def taalschool_zonder_keurmerk(db):
    return OrganisatieFactory(naam="Taalschool Zonder", soort="taalaanbieder")


@pytest.fixture
def vluchtelingenwerk(db):
    return OrganisatieFactory(naam="VluchtelingenWerk", soort="vluchtelingenwerk")


@pytest.fixture
def wim(werkkom):
    """A user of Werk.Kom."""
    return GebruikerFactory(username="wim", first_name="Wim", last_name="Werk",
                            organisatie=werkkom, rollen=["partner"])


@pytest.fixture
def tineke(taalcentrum):
    """A user of the taalaanbieder."""
    return GebruikerFactory(username="tineke", organisatie=taalcentrum, rollen=["partner"])


@pytest.fixture
def vera(vluchtelingenwerk):
    return GebruikerFactory(username="vera", organisatie=vluchtelingenwerk,
                            rollen=["partner"])


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
        return services.verwijs(traject, adviseur_weert, taak=taak, organisatie=organisatie,
                                vraag=kwargs.pop("vraag", "Graag de MAP."), **kwargs)
    return _verwijs
