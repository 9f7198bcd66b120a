"""The named cast of Koers' tests (STYLE.md §14), shared by every folder: read access tests
like sentences.

- ``weert``, ``nederweert``, ``cranendonck``: the three gemeenten of the subregio
- ``adviseur_weert`` (alice), ``collega_weert`` (bob), ``adviseur_cranendonck`` (the outsider)
- ``teamleider_weert``, ``beleid``, ``financien``, ``privacy`` (petra), ``beheerder``
- ``traject_weert`` / ``traject_cranendonck``: one open case in each
- ``met_pip``: ``traject_weert`` with a vastgesteld PIP of 1 October 2026
- the ketenpartners ``werkkom`` (user ``wim``), ``taalcentrum`` with keurmerk (``tineke``),
  ``taalschool_zonder_keurmerk`` and ``vluchtelingenwerk`` (``vera``)
- the clients: ``als(user)`` for the screens (both factors passed), ``api(user)`` for the API

States of a case beyond these are factory traits (tests/factories.py).
"""

import contextlib
import datetime as dt
import io
import itertools
import os
import shutil
from pathlib import Path

os.environ.setdefault("KOERS_SECRET_KEY", "test-secret-key-" + "k" * 50)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live_server

import pytest  # noqa: E402
import time_machine  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from tests import cast, testdatabase  # noqa: E402
from tests.factories import (  # noqa: E402
    GebruikerFactory,
    OrganisatieFactory,
)
from tests.uitvoering import met_vastgesteld_pip  # noqa: E402

# --- the second CI run: only what the database can change -----------------------------------


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="Run only the tests that use the Django test database (the PostgreSQL run of "
        ".ci/run): a test without it gives the same result whatever DATABASE_URL says, and "
        "has already run in the SQLite run.",
    )


def gebruikt_de_testdatabase(item) -> bool:
    """Whether a test reaches the Django test database: a ``django_db`` mark, or a fixture
    that depends on pytest-django's database helper (``db``, ``transactional_db``,
    ``live_server`` through them, ``demo_per_module``). Anything else is refused database
    access by pytest-django, so its outcome does not depend on the database."""
    return item.get_closest_marker("django_db") is not None or bool(
        {"_django_db_helper", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


def is_traag(item) -> bool:
    """A test that runs for many seconds: marked ``slow`` (a subprocess, the demo seeded, a
    fuzz pass), or one with a live server or a committed transaction (browsers, the chain)."""
    if item.get_closest_marker("slow") is not None:
        return True
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return bool({"live_server", "transactional_db"} & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--database-tests-only"):
        return
    blijven, weg = [], []
    for item in items:
        (blijven if gebruikt_de_testdatabase(item) else weg).append(item)
    if weg:
        config.hook.pytest_deselected(items=weg)
        items[:] = blijven


def pytest_runtest_setup(item):
    """On PostgreSQL a connection opened during a test carries the test's name as its
    application_name (a setting read when it connects, no extra query), so a connection a
    test leaves open is named in the warning at the end (``testdatabase.afbreken``)."""
    from django.conf import settings
    from django.db import connections

    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        return
    opties = connections.settings["default"].setdefault("OPTIONS", {})
    opties["application_name"] = item.nodeid[-63:]


def pytest_configure(config):
    config.pluginmanager.register(_Volgorde(), "koers-volgorde")


class _Volgorde:
    """The last word on the order: after pytest-django's sort (db tests, transactional
    ones, the rest), which the parallel run needs no more: a transactional test's ``flush``
    leaves the rows the migrations made (post_migrate makes them again)."""

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, config, items):
        werkers = getattr(config, "workerinput", {}).get("workercount", 1)
        items[:] = traag_vooraan(items, werkers)


def traag_vooraan(items: list, werkers: int) -> list:
    """The order for the parallel run (``--dist worksteal``): it gives each worker one
    contiguous block of the collection and later lets an idle worker take the second half of
    what another has not started. A slow test that starts last keeps all others waiting, so
    each block starts with its share of the slow tests (a module's together: its module
    fixtures are built once) and ends with fast ones, which are what gets moved."""
    traag: dict[str, list] = {}
    snel = []
    for item in items:
        if is_traag(item):
            traag.setdefault(item.nodeid.partition("::")[0], []).append(item)
        else:
            snel.append(item)
    # The block sizes as worksteal cuts them: each worker len(rest) // workers left.
    groottes, rest = [], len(items)
    for i in range(werkers):
        groottes.append(rest // (werkers - i))
        rest -= groottes[-1]
    blokken: list[list] = [[] for _ in range(werkers)]
    for module in sorted(traag.values(), key=len, reverse=True):
        min(blokken, key=len).extend(module)
    volgorde, snel_over = [], iter(snel)
    for blok, grootte in zip(blokken, groottes, strict=True):
        volgorde += blok + list(itertools.islice(snel_over, max(0, grootte - len(blok))))
    return volgorde + list(snel_over)


@pytest.fixture(scope="session")
def django_db_setup(request, tmp_path_factory, django_test_environment, django_db_blocker):
    """Replaces pytest-django's: every worker gets a copy of one migrated template
    (tests/testdatabase.py) instead of migrating its own database."""
    from django.db import connection

    for item in request.session.items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("serialized_rollback"):
            raise pytest.UsageError("serialized_rollback wordt niet ondersteund: " + item.nodeid)
    werker = getattr(request.config, "workerinput", {}).get("workerid", "main")
    map_ = testdatabase.run_map(request.config, tmp_path_factory)
    with django_db_blocker.unblock():
        echte_naam = testdatabase.opzetten(connection, werker, map_)
    yield
    with django_db_blocker.unblock():
        testdatabase.afbreken(connection, echte_naam)


def pytest_sessionfinish(session):
    """The controlling process drops PostgreSQL's template after the run."""
    if hasattr(session.config, "workerinput"):
        return
    from django.conf import settings

    if not settings.configured:
        return
    from django.db import connection
    from pytest_django.plugin import blocking_manager_key

    # pytest-django refuses database access outside its fixtures, here too.
    with session.config.stash[blocking_manager_key].unblock(), contextlib.suppress(Exception):
        testdatabase.sjabloon_opruimen(connection)


@pytest.fixture
def weert(db):
    return cast.weert()


@pytest.fixture
def nederweert(db):
    return cast.nederweert()


@pytest.fixture
def cranendonck(db):
    return cast.cranendonck()


@pytest.fixture
def adviseur_weert(weert):
    return cast.adviseur_weert(weert)


@pytest.fixture
def collega_weert(weert):
    return cast.collega_weert(weert)


@pytest.fixture
def adviseur_cranendonck(cranendonck):
    return cast.adviseur_cranendonck(cranendonck)


@pytest.fixture
def teamleider_weert(weert):
    return cast.teamleider_weert(weert)


@pytest.fixture
def beleid(weert):
    return cast.beleid(weert)


@pytest.fixture
def financien(weert):
    return cast.financien(weert)


@pytest.fixture
def privacy(weert):
    """Weert's privacy officer: AVG inzage and the verwerkingenlogging."""
    return cast.privacy(weert)


@pytest.fixture
def beheerder(db):
    return cast.beheerder()


@pytest.fixture
def traject_weert(weert, adviseur_weert):
    return cast.traject(weert, adviseur_weert)


@pytest.fixture
def traject_cranendonck(cranendonck, adviseur_cranendonck):
    return cast.traject(cranendonck, adviseur_cranendonck)


@pytest.fixture
def met_pip(traject_weert, adviseur_weert):
    """traject_weert with a vastgesteld B1-route PIP of 1 October 2026 (goals for two
    dimensions), made on that day; the test's own clock is left as it was."""
    met_vastgesteld_pip(
        traject_weert,
        adviseur_weert,
        dagtekening=dt.date(2026, 10, 1),
        op_de_dag=True,
        doelen={
            "meedoen": "Lid worden van een sportclub.",
            "dagelijks_functioneren": "Zelf de post lezen en betalen.",
        },
    )
    return traject_weert


@pytest.fixture
def op():
    """``with op("2027-01-05"): ...`` freezes the clock on that day, at 10:00 in the
    Netherlands; ``tick=True`` lets it run from there (for code that waits on timeouts)."""

    def _op(dag: str, *, tick: bool = False):
        return time_machine.travel(f"{dag} 10:00:00+01:00", tick=tick)

    return _op


# --- ketenpartners --------------------------------------------------------------------------


@pytest.fixture
def werkkom(db):
    return OrganisatieFactory(naam="Werk.Kom", soort="werkkom")


@pytest.fixture
def taalcentrum(db):
    return OrganisatieFactory(
        naam="Taalcentrum", soort="taalaanbieder", keurmerk_tot=dt.date(2027, 12, 31)
    )


@pytest.fixture
def taalschool_zonder_keurmerk(db):
    return OrganisatieFactory(naam="Taalschool Zonder", soort="taalaanbieder")


@pytest.fixture
def vluchtelingenwerk(db):
    return OrganisatieFactory(naam="VluchtelingenWerk", soort="vluchtelingenwerk")


@pytest.fixture
def wim(werkkom):
    """A user of Werk.Kom."""
    return GebruikerFactory(
        username="wim", first_name="Wim", last_name="Werk", organisatie=werkkom, rollen=["partner"]
    )


@pytest.fixture
def tineke(taalcentrum):
    """A user of the taalaanbieder."""
    return GebruikerFactory(username="tineke", organisatie=taalcentrum, rollen=["partner"])


@pytest.fixture
def vera(vluchtelingenwerk):
    """A user of VluchtelingenWerk."""
    return GebruikerFactory(username="vera", organisatie=vluchtelingenwerk, rollen=["partner"])


# --- clients --------------------------------------------------------------------------------


def inloggen(client, user):
    """Log ``user`` in with a confirmed TOTP device marked as verified in the session, the
    state django_otp.login() leaves after a correct code."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(
        user=user, confirmed=True
    ).first() or TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def als(client):
    """``als(adviseur_weert)`` → the test client, logged in (both factors) as that user."""

    def _als(user):
        return inloggen(client, user)

    return _als


@pytest.fixture
def api():
    """``api(user)``: an APIClient that sends ``Authorization: Token …`` for that user."""

    def maak(user=None):
        client = APIClient()
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return maak


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings):
    """The production hasher is slow on purpose; tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@contextlib.contextmanager
def een_transactie_per_module(django_db_blocker, **instellingen):
    """For a module that builds its world once: a transaction around the whole module, rolled
    back after it. Each test runs in a savepoint of it (the ``db`` fixture), so what one test
    changes the next does not see. Users get the tests' fast password hasher; ``instellingen``
    are settings for the building."""
    from django.db import transaction
    from django.test import override_settings

    snel = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=snel, **instellingen),
        transaction.atomic(),
    ):
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def demo_per_module(django_db_setup, django_db_blocker):
    """The demo seeded once for a module whose tests all read the demo
    (``een_transactie_per_module``)."""
    from django.core.management import call_command

    with een_transactie_per_module(django_db_blocker, DEMO=True):
        call_command("seed", stdout=io.StringIO())
        yield


@pytest.fixture(autouse=True, scope="session")
def _statische_bestanden_eenmaal_zoeken():
    """WhiteNoise looks every static file up through the finders whenever a handler loads its
    middleware, and Django's test client does that for each client: about 45 ms for each test
    that makes a request, 9 % of a worker's CPU in a measured part of the suite. The files do
    not change during a run, so each middleware gets the result of the first lookup made
    with the same settings (a test that changes them gets a lookup of its own)."""
    from django.conf import settings
    from whitenoise.middleware import WhiteNoiseMiddleware

    zoek = WhiteNoiseMiddleware.add_files_from_finders
    gevonden: dict[str, dict] = {}

    def eenmaal(self):
        namen = sorted(n for n in dir(settings) if n.startswith(("WHITENOISE_", "STATIC")))
        namen += ["DEBUG", "FORCE_SCRIPT_NAME", "INSTALLED_APPS"]
        sleutel = repr([(naam, getattr(settings, naam, None)) for naam in namen])
        if sleutel not in gevonden:
            voor = dict(self.files)
            zoek(self)
            gevonden[sleutel] = {u: f for u, f in self.files.items() if voor.get(u) is not f}
        self.files.update(gevonden[sleutel])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(WhiteNoiseMiddleware, "add_files_from_finders", eenmaal)
        yield


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
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, settings):
    settings.DEMO = True
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    # What the Content-Security-Policy blocked (koers.beveiliging.middleware): checked on
    # every page by assert_accessible, so a page that needs an inline script fails a test.
    page.koers_csp_fouten = []
    page.on(
        "console",
        lambda bericht: (
            page.koers_csp_fouten.append(bericht.text)
            if "Content Security Policy" in bericht.text
            else None
        ),
    )
    yield page
    context.close()
