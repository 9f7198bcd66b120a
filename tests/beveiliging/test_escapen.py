"""Free text is rendered escaped everywhere: no template switches escaping off, and a name
with HTML in it shows as text on the werkvoorraad and the case page."""

import re
from pathlib import Path

from tests.factories import InburgeraarFactory, TrajectFactory

SRC = Path(__file__).resolve().parents[2] / "src" / "koers"
AANVAL = '<script>alert("x")</script><img src=x onerror=alert(1)>'
# The only trusted HTML: the QR code SVG that koers.web.views.auth makes from the TOTP URL.
TOEGESTAAN_SAFE = {("web/templates/web/tweede_factor.html", "qr_svg|safe")}


def test_no_template_turns_escaping_off():
    gevonden = set()
    for pad in SRC.glob("*/templates/**/*.html"):
        naam = pad.relative_to(SRC).as_posix()
        tekst = pad.read_text(encoding="utf-8")
        assert "autoescape off" not in tekst, naam
        for match in re.finditer(r"(\w+)\|safe", tekst):
            gevonden.add((naam, match.group(0)))
    assert gevonden <= TOEGESTAAN_SAFE


def test_no_python_code_marks_text_safe():
    modules = [
        pad
        for pad in SRC.rglob("*.py")
        if "simulator" not in pad.parts and "migrations" not in pad.parts
    ]
    assert len(modules) > 100  # Koers' own code, not an empty glob
    for pad in modules:
        assert "mark_safe(" not in pad.read_text(encoding="utf-8"), pad


def test_html_in_a_name_is_shown_as_text(client, als, weert, adviseur_weert):
    traject = TrajectFactory(
        inburgeraar=InburgeraarFactory(gemeente=weert, voornamen=AANVAL), adviseur=adviseur_weert
    )
    als(adviseur_weert)
    for url in (f"/inburgeraars/{traject.inburgeraar_id}/", "/"):
        html = client.get(url).content.decode()
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html, url
        assert AANVAL not in html and "<img src=x" not in html, url
