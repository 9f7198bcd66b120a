"""Browser walk-throughs: Playwright drives Debian's Chromium against pytest-django's
live_server. Skipped with a clear reason when Chromium is not installed (``make test``
installs it where it can)."""

import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from koers.demo.organisaties import DEMO_WACHTWOORD
from tests.factories import GebruikerFactory

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "gebruikers" / "img"

WACHTWOORD = DEMO_WACHTWOORD  # of every ``GebruikerFactory(demo_account=True)``

pytestmark = pytest.mark.browser


# The ``browser`` and ``page`` fixtures live in tests/conftest.py: one Chromium for the whole
# run, also for the browser tests outside this folder (a second Playwright in the same
# process would fail).


@pytest.fixture
def adviseur(weert):
    """Weert's adviseur as a demo account: logs in on the login page without a second factor."""
    return GebruikerFactory(
        username="adviseur-weert",
        first_name="Anouk",
        last_name="Janssen",
        gemeente=weert,
        rollen=["adviseur"],
        demo_account=True,
    )


def inloggen(page, username):
    """Log a demo account in through the login page."""
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.locator("#inloggen").click()


def axe_violations(page, minimum=("serious", "critical")):
    """Run axe-core in the page; return the violations of the given impact levels."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in minimum]


# Landmark and heading rules, checked at every impact level on top of the serious/critical ones.
STRUCTUUR = ("region", "heading-order", "landmark-unique", "page-has-heading-one")


def structuurfouten(page) -> list[str]:
    """The axe-core landmark and heading rules the page breaks, whatever their impact."""
    alle = ("minor", "moderate", "serious", "critical")
    return [v["id"] for v in axe_violations(page, minimum=alle) if v["id"] in STRUCTUUR]


def assert_accessible(page):
    assert not page.koers_csp_fouten, f"CSP blokkeerde iets op {page.url}: {page.koers_csp_fouten}"
    violations = axe_violations(page)
    details = json.dumps(
        [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"][:3]],
            }
            for v in violations
        ],
        indent=1,
        ensure_ascii=False,
    )
    assert not violations, f"axe-core vond problemen op {page.url}:\n{details}"


def screenshot(page, name):
    """Screenshots for the user guide (docs/gebruikers/img), refreshed with
    ``make screenshots``; an ordinary test run leaves the committed pictures alone."""
    if not os.environ.get("KOERS_SCREENSHOTS"):
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def open_tab(page, sleutel: str) -> None:
    """Opens a tab of the dossier as a user does: by its link in the tab menu."""
    page.locator(f"#tab-{sleutel}").click()
    pad = r"/inburgeraars/\d+/" if sleutel == "overzicht" else rf"/dossier/{sleutel}/"
    page.wait_for_url(re.compile(pad + "$"))
    expect(page.locator(f"#tab-{sleutel}")).to_have_attribute("aria-current", "page")
