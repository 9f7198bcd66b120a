"""The named cast of Koers' tests (STYLE.md §14): read access tests like sentences.

- ``weert``, ``nederweert``, ``cranendonck``: the three gemeenten of the subregio
- ``adviseur_weert`` (alice), ``collega_weert`` (bob), ``adviseur_cranendonck`` (the outsider)
- ``teamleider_weert``, ``beleid``, ``financien``, ``beheerder``
- ``traject_weert`` / ``traject_cranendonck``: one open case in each
"""

import os
import shutil
from pathlib import Path

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


@pytest.fixture(autouse=True)
def _eigen_api_limieten():
    """The API's rate limits count per user id and address in the cache; ids come back after
    a test's rollback, so each test starts with the counts of none before it."""
    from django.core.cache import cache

    cache.clear()


# --- browser tests (tests/browser and a few elsewhere) -------------------------------------

CHROMIUM = os.environ.get("KOERS_CHROMIUM", "/usr/bin/chromium")

@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Chromium ontbreekt: installeer Debian's chromium voor de browsertests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, settings):
    settings.DEMO = True
    context = browser.new_context(base_url=live_server.url, locale="nl-NL",
                                  viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    # What the Content-Security-Policy blocked (koers.beveiliging.middleware): checked on
    # every page by assert_accessible, so a page that needs an inline script fails a test.
    page.koers_csp_fouten = []
    page.on("console", lambda bericht: page.koers_csp_fouten.append(bericht.text)
            if "Content Security Policy" in bericht.text else None)
    yield page
    context.close()
