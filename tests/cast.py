"""The named cast of tests/conftest.py as plain functions: the fixtures there call them for
each test, and a module that builds its world once (``wereld_per_module``) calls them too, so
both make exactly the same people and places."""

from __future__ import annotations

from tests.factories import (
    GebruikerFactory,
    GemeenteFactory,
    InburgeraarFactory,
    OrganisatieFactory,
    TrajectFactory,
)


def weert():
    return GemeenteFactory(naam="Weert", gemeentecode="0988", oin="00000001001234567890")


def nederweert():
    return GemeenteFactory(naam="Nederweert", gemeentecode="0946", oin="00000001009876543210")


def cranendonck():
    return GemeenteFactory(naam="Cranendonck", gemeentecode="1706", oin="00000001001111122222")


def adviseur_weert(weert):
    return GebruikerFactory(
        username="alice",
        gemeente=weert,
        rollen=["adviseur"],
        first_name="Alice",
        last_name="Adviseur",
    )


def collega_weert(weert):
    return GebruikerFactory(
        username="bob", gemeente=weert, rollen=["adviseur"], first_name="Bob", last_name="Collega"
    )


def adviseur_cranendonck(cranendonck):
    return GebruikerFactory(
        username="charlie",
        gemeente=cranendonck,
        rollen=["adviseur"],
        first_name="Charlie",
        last_name="Buiten",
    )


def teamleider_weert(weert):
    return GebruikerFactory(
        username="tessa",
        gemeente=weert,
        rollen=["teamleider"],
        first_name="Tessa",
        last_name="Leider",
    )


def beleid(weert):
    return GebruikerFactory(username="bea", gemeente=weert, rollen=["beleid"])


def financien(weert):
    return GebruikerFactory(username="frank", gemeente=weert, rollen=["financien"])


def privacy(weert):
    """Weert's privacy officer: AVG inzage and the verwerkingenlogging."""
    return GebruikerFactory(username="petra", gemeente=weert, rollen=["privacy"])


def beheerder():
    org = OrganisatieFactory(naam="Koers beheer", soort="overig")
    return GebruikerFactory(
        username="beheer", organisatie=org, rollen=["beheerder"], is_staff=True, is_superuser=True
    )


def traject(gemeente, adviseur):
    return TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=gemeente), adviseur=adviseur)
