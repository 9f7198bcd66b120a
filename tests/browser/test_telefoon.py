"""Every page a user of the demo reaches, on a phone 390 px wide: no page scrolls sideways (a
wide table scrolls in its own focusable region), no link leads to an error, and axe-core
finds nothing serious or critical and no landmark or heading issue. The pages are found as a
user finds them: from the start page after logging in, following the links of the menu and
of each page, one page per kind of address (every dossier tab is a kind of its own).

Not followed: downloads (CSV, Excel, PDF), logging out, the simulators, the API, the portal
(tests/browser/test_portaal_talen.py) and Django's admin under /beheer/ (functioneel beheer;
Django's own pages, not Koers' design)."""

import io
import re
from urllib.parse import urlparse

import pytest
from django.core.management import call_command

from tests.browser.conftest import axe_violations, inloggen, structuurfouten

pytestmark = pytest.mark.browser

BREEDTE = 390

# Each role with the most pages to visit, and pages it must reach (so a crawl that stops
# early, or a menu that loses a link, fails here instead of passing on fewer pages).
ROLLEN = {
    "adviseur-weert": (
        45,
        {"/", "/signalen/", "/ontzorgen/", "/netwerk/instroomklas/", "/netwerk/tolken/"},
    ),
    "teamleider-weert": (25, {"/caseload/", "/"}),
    "beleid": (12, {"/sturing/"}),
    "financien": (12, {"/sturing/financien/"}),
    "privacy": (20, {"/verwerkingen/", "/verwerkingen/register/"}),
    "werkkom": (12, {"/verwijzingen/"}),
}

NIET_VOLGEN = re.compile(
    r"uitloggen|\.csv|\.xlsx|\.pdf|export|download|beschikking|/bestand|/_sim|/api/|"
    r"/static/|/media/|^/beheer/|^/mijn/|/documenten/\d+/$"
)


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    settings.DEMO = True
    settings.MEDIA_ROOT = tmp_path
    call_command("seed", stdout=io.StringIO())


def _soort(pad: str) -> str:
    """The kind of address: the path with every number as N, without the query."""
    return re.sub(r"\d+", "N", pad.split("?")[0])


def _te_breed(page) -> list[str]:
    """The elements that stick out of the page without a scrolling box around them that
    clips them (an absolutely positioned one escapes a box that is not positioned), for the
    failure message."""
    return page.evaluate(
        """() => {
          const breed = document.documentElement.clientWidth, uit = [];
          const geknipt = (e) => {
            const los = getComputedStyle(e).position === "absolute";
            for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
              const s = getComputedStyle(a);
              if (s.overflowX !== "visible" && (!los || s.position !== "static")) return true;
            }
            return false;
          };
          for (const e of document.querySelectorAll("body *")) {
            if (e.getBoundingClientRect().right > breed + 1 && !geknipt(e))
              uit.push(e.tagName + (e.id ? "#" + e.id : "") + " " + e.className);
          }
          return uit.slice(-3);
        }"""
    )


def _rondgang(page, maximum: int) -> tuple[list[str], list[str]]:
    """Visit the pages reachable from where the user is now; return them and what is wrong."""
    wachtrij = [urlparse(page.url).path]
    bezocht: list[str] = []
    soorten: set[str] = set()
    fouten: list[str] = []
    while wachtrij and len(bezocht) < maximum:
        pad = wachtrij.pop(0)
        if _soort(pad) in soorten:
            continue
        soorten.add(_soort(pad))
        antwoord = page.goto(pad)
        bezocht.append(pad)
        if antwoord is None or antwoord.status >= 400:
            fouten.append(f"{pad}: status {antwoord.status if antwoord else '?'}")
            continue
        breedte, zichtbaar = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if breedte > zichtbaar:
            fouten.append(f"{pad}: scrollt opzij ({breedte} > {zichtbaar} px): {_te_breed(page)}")
        ernstig = [v["id"] for v in axe_violations(page)]
        if ernstig or (structuur := structuurfouten(page)):
            fouten.append(f"{pad}: axe {ernstig or structuur}")
        for href in page.eval_on_selector_all("a[href]", "a => a.map(e => e.getAttribute('href'))"):
            doel = (href or "").split("#")[0]
            if doel.startswith("/") and not NIET_VOLGEN.search(doel):
                wachtrij.append(doel)
    return bezocht, fouten


def test_elke_pagina_past_op_een_telefoon(page, demo):
    page.set_viewport_size({"width": BREEDTE, "height": 844})
    alle_fouten = []
    for rol, (maximum, verwacht) in ROLLEN.items():
        page.context.clear_cookies()
        inloggen(page, rol)
        page.wait_for_load_state()
        bezocht, fouten = _rondgang(page, maximum)
        paden = {p.split("?")[0] for p in bezocht}
        assert verwacht <= paden, (rol, sorted(verwacht - paden))
        alle_fouten += [f"{rol} {fout}" for fout in fouten]
    assert alle_fouten == []
