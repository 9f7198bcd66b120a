"""Browser walk-throughs: Playwright drives Debian's Chromium against pytest-django's
live_server. Skipped with a clear reason when Chromium is not installed (``make test``
installs it where it can)."""

import json
import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("KOERS_CHROMIUM", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "gebruikers" / "img"

pytestmark = pytest.mark.browser


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


def axe_violations(page, minimum=("serious", "critical")):
    """Run axe-core in the page; return the violations of the given impact levels."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in minimum]


def assert_accessible(page):
    assert not page.koers_csp_fouten, f"CSP blokkeerde iets op {page.url}: {page.koers_csp_fouten}"
    violations = axe_violations(page)
    details = json.dumps([{"id": v["id"], "impact": v["impact"], "help": v["help"],
                           "nodes": [n["target"] for n in v["nodes"][:3]]}
                          for v in violations], indent=1, ensure_ascii=False)
    assert not violations, f"axe-core vond problemen op {page.url}:\n{details}"


def screenshot(page, name):
    """Screenshots for the user guide (docs/gebruikers/img), refreshed with
    ``make screenshots``; an ordinary test run leaves the committed pictures alone."""
    if not os.environ.get("KOERS_SCREENSHOTS"):
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)
