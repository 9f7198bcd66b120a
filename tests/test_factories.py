"""The factory traits do what tests/factories.py says: a test that starts from "a case with a
vastgesteld PIP" must really start there, or every test built on it proves less."""

import datetime as dt

import pytest
import time_machine

from koers.demo.organisaties import DEMO_WACHTWOORD
from tests.factories import GebruikerFactory, InburgeraarFactory, OrganisatieFactory, TrajectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _na_de_dagtekening():
    with time_machine.travel("2026-10-15 12:00 +02:00", tick=False):
        yield


def _traject(weert, adviseur, **traits):
    return TrajectFactory(
        inburgeraar=InburgeraarFactory(gemeente=weert), adviseur=adviseur, **traits
    )


def test_zonder_trait_is_er_geen_intake_en_geen_pip(weert, adviseur_weert):
    traject = _traject(weert, adviseur_weert)
    assert traject.status == "aangemeld"
    assert not traject.pips.exists()


def test_intake_afgerond(weert, adviseur_weert):
    traject = _traject(weert, adviseur_weert, intake_afgerond=True)
    traject.refresh_from_db()
    assert traject.intake.status == "afgerond"
    assert not traject.pips.exists()


def test_pip_vastgesteld_met_opties(weert, adviseur_weert):
    traject = _traject(
        weert,
        adviseur_weert,
        pip_vastgesteld__leerroute="Z",
        pip_vastgesteld__dagtekening=dt.date(2026, 10, 1),
    )
    assert traject.status == "pip_vastgesteld"
    assert traject.intake.status == "afgerond"
    pip = traject.pips.get()
    assert (pip.status, pip.leerroute, pip.niveau, pip.dagtekening) == (
        "vastgesteld",
        "Z",
        "A2",
        dt.date(2026, 10, 1),
    )
    assert traject.termijn_start == dt.date(2026, 10, 2)


def test_pip_vastgesteld_op_de_dag(weert, adviseur_weert):
    traject = _traject(weert, adviseur_weert, pip_vastgesteld=True, pip_vastgesteld__op_de_dag=True)
    assert traject.pips.get().vastgesteld_op.date() == dt.date(2026, 10, 1)


def test_gebruiker_van_een_gemeente_en_demo_account(weert):
    gebruiker = GebruikerFactory(gemeente=weert, rollen=["privacy"], demo_account=True)
    assert gebruiker.organisatie == weert.organisatie
    assert gebruiker.is_demo_account
    assert gebruiker.check_password(DEMO_WACHTWOORD)
    gewoon = GebruikerFactory()
    assert gewoon.organisatie is None and not gewoon.is_demo_account


def test_partner_met_keurmerk(db):
    org = OrganisatieFactory(soort="taalaanbieder", keurmerk_tot=dt.date(2027, 12, 31))
    assert org.partnerprofiel.keurmerk
    assert org.partnerprofiel.keurmerk_geldig_tot == dt.date(2027, 12, 31)
    assert not hasattr(OrganisatieFactory(soort="werkkom"), "partnerprofiel")
