"""The named cast of Koers' tests (STYLE.md §14): read access tests like sentences.

- ``weert``, ``nederweert``, ``cranendonck``: the three gemeenten of the subregio
- ``adviseur_weert`` (alice), ``collega_weert`` (bob), ``adviseur_cranendonck`` (the outsider)
- ``teamleider_weert``, ``beleid``, ``financien``, ``beheerder``
- ``traject_weert`` / ``traject_cranendonck``: one open case in each
"""

import os

os.environ.setdefault("KOERS_SECRET_KEY", "test-secret-key-" + "k" * 50)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live_server

import pytest  # noqa: E402

from tests.factories import (  # noqa: E402
    GebruikerFactory,
    GemeenteFactory,
    InburgeraarFactory,
    OrganisatieFactory,
    TrajectFactory,
)


@pytest.fixture
def weert(db):
    return GemeenteFactory(naam="Weert", gemeentecode="0988", oin="00000001001234567890")


@pytest.fixture
def nederweert(db):
    return GemeenteFactory(naam="Nederweert", gemeentecode="0946", oin="00000001009876543210")


@pytest.fixture
def cranendonck(db):
    return GemeenteFactory(naam="Cranendonck", gemeentecode="1706", oin="00000001001111122222")


def _gebruiker(username, gemeente, *rollen, **kwargs):
    return GebruikerFactory(username=username, organisatie=gemeente.organisatie,
                            rollen=list(rollen), **kwargs)


@pytest.fixture
def adviseur_weert(weert):
    return _gebruiker("alice", weert, "adviseur", first_name="Alice", last_name="Adviseur")


@pytest.fixture
def collega_weert(weert):
    return _gebruiker("bob", weert, "adviseur", first_name="Bob", last_name="Collega")


@pytest.fixture
def adviseur_cranendonck(cranendonck):
    return _gebruiker("charlie", cranendonck, "adviseur", first_name="Charlie",
                      last_name="Buiten")


@pytest.fixture
def teamleider_weert(weert):
    return _gebruiker("tessa", weert, "teamleider", first_name="Tessa", last_name="Leider")


@pytest.fixture
def beleid(weert):
    return _gebruiker("bea", weert, "beleid")


@pytest.fixture
def financien(weert):
    return _gebruiker("frank", weert, "financien")


@pytest.fixture
def beheerder(db):
    org = OrganisatieFactory(naam="Koers beheer", soort="overig")
    return GebruikerFactory(username="beheer", organisatie=org, rollen=["beheerder"],
                            is_staff=True, is_superuser=True)


@pytest.fixture
def traject_weert(weert, adviseur_weert):
    return TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert),
                          adviseur=adviseur_weert)


@pytest.fixture
def traject_cranendonck(cranendonck, adviseur_cranendonck):
    return TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=cranendonck),
                          adviseur=adviseur_cranendonck)


@pytest.fixture(autouse=True)
def _snelle_wachtwoorden(settings):
    """The production hasher is slow on purpose; tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
