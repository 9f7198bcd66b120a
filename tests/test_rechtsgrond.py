"""Every rule has its source: each public function of a ``src/koers/*/rules.py`` names its
``Bron:`` and ``Status:`` in its docstring and is listed on docs/rechtsgrond.md.

``python -m tests.test_rechtsgrond`` rewrites the generated part of that page (below the
marker) from the docstrings and the commented constants."""

import ast
import re
from pathlib import Path

import pytest

import koers

SRC = Path(koers.__file__).parent
DOC = SRC.parents[1] / "docs" / "rechtsgrond.md"
STATUSSEN = ("wet", "duo", "P", "startnotitie", "techniek")
MARKER = "<!-- Hieronder gegenereerd uit de docstrings: python -m tests.test_rechtsgrond -->"
APPS = {
    "inburgeraars": "Inburgeraar en traject",
    "intake": "Brede intake",
    "pip": "PIP en inburgeringstermijn",
    "duo": "Meldingen aan DUO",
    "brp": "BRP-personalia",
    "leerroute": "Leerroute, uren en Z-route",
    "modules": "PVT en MAP",
    "begeleiding": "Begeleiding, financieel ontzorgen, duale trajecten",
    "monitoring": "Voortgangsgesprekken en signalen",
    "handhaving": "Handhaving",
    "netwerk": "Netwerk (instroomklas, tolken, ervaringsdeskundigen)",
    "partners": "Ketenpartners",
    "portaal": "Mijn Inburgering",
    "sturing": "Sturing",
    "organisaties": "Organisaties",
    "verwerkingen": "Verwerkingenlogging en bewaartermijn",
}


def _is_regel(knoop: ast.stmt) -> bool:
    """A public function; the typing stubs of an ``@overload`` are not rules of their own."""
    return (
        isinstance(knoop, ast.FunctionDef)
        and not knoop.name.startswith("_")
        and not any(getattr(d, "id", "") == "overload" for d in knoop.decorator_list)
    )


def _regels() -> list[tuple[str, str, str]]:
    """``(app, function, docstring)`` of every public function in every rules.py."""
    uit = []
    for bestand in sorted(SRC.glob("*/rules.py")):
        boom = ast.parse(bestand.read_text(encoding="utf-8"))
        for knoop in boom.body:
            if _is_regel(knoop):
                uit.append((bestand.parent.name, knoop.name, ast.get_docstring(knoop) or ""))
    return uit


REGELS = _regels()


def test_the_rules_are_found():
    apps = {app for app, _naam, _doc in REGELS}
    assert len(REGELS) >= 100 and {"inburgeraars", "pip", "duo", "verwerkingen"} <= apps


@pytest.mark.parametrize(("app", "naam", "doc"), REGELS, ids=[f"{a}.{n}" for a, n, _d in REGELS])
def test_each_rule_names_its_source_and_status(app, naam, doc):
    bron = re.search(r"^\s*Bron:\s*\S", doc, re.M)
    status = re.search(r"^\s*Status:\s*(\S+)", doc, re.M)
    assert bron, f"{app}.rules.{naam}: de docstring mist een regel 'Bron: …'"
    assert status, f"{app}.rules.{naam}: de docstring mist een regel 'Status: …'"
    assert status.group(1).rstrip(".,;—") in STATUSSEN, (
        f"{app}.rules.{naam}: Status begint met een van {STATUSSEN}, niet {status.group(1)!r}"
    )


@pytest.mark.parametrize(("app", "naam", "doc"), REGELS, ids=[f"{a}.{n}" for a, n, _d in REGELS])
def test_each_rule_is_on_the_rechtsgrond_page(app, naam, doc):
    assert f"`{app}.{naam}`" in DOC.read_text(encoding="utf-8"), (
        f"docs/rechtsgrond.md noemt `{app}.{naam}` niet: maak de pagina opnieuw met "
        f"'python -m tests.test_rechtsgrond'"
    )


def test_every_app_with_rules_has_a_section():
    assert {f.parent.name for f in SRC.glob("*/rules.py")} <= set(APPS)


# -- generating the page ---------------------------------------------------------------------


def _regel(doc: str, sleutel: str) -> str:
    m = re.search(rf"^\s*{sleutel}:\s*(.*?)(?=^\s*(?:Bron|Status):|\n\s*\n|\Z)", doc, re.S | re.M)
    return " ".join(m.group(1).split()) if m else ""


def _cel(tekst: str) -> str:
    return tekst.replace("|", "\\|")


def _kort(tekst: str, n: int) -> str:
    return tekst[:n] + ("…" if len(tekst) > n else "")


def _constanten(bron: str, boom: ast.Module) -> list[str]:
    regels = bron.split("\n")
    uit = []
    for knoop in boom.body:
        doel = None
        if isinstance(knoop, ast.Assign) and len(knoop.targets) == 1:
            doel = getattr(knoop.targets[0], "id", None)
        elif isinstance(knoop, ast.AnnAssign):
            doel = getattr(knoop.target, "id", None)
        if not doel or not doel.isupper():
            continue
        waarde = ast.get_source_segment(bron, knoop.value) or ""
        if len(waarde) > 60 or "\n" in waarde:
            waarde = "…"
        regel = regels[knoop.lineno - 1]
        achter = regel.split("  # ", 1)[1].strip() if "  # " in regel else ""
        boven, i = [], knoop.lineno - 2
        while i >= 0 and regels[i].strip().startswith("#"):
            boven.insert(0, regels[i].strip().lstrip("#").strip())
            i -= 1
        uitleg = achter or " ".join(boven)
        if uitleg:
            uit.append(f"| `{doel}` | `{_cel(waarde)}` | {_cel(_kort(uitleg, 220))} |")
    return uit


def genereer() -> str:
    """The generated part of docs/rechtsgrond.md."""
    uit, zonder = [], []
    for app, titel in APPS.items():
        bestand = SRC / app / "rules.py"
        if not bestand.exists():
            continue
        bron = bestand.read_text(encoding="utf-8")
        boom = ast.parse(bron)
        uit += [
            f"\n## {titel} (`koers.{app}.rules`)\n",
            "| Regel | Wat | Bron | Status |\n|---|---|---|---|",
        ]
        for knoop in boom.body:
            if _is_regel(knoop):
                doc = ast.get_docstring(knoop) or ""
                wat = _kort(" ".join(doc.split("\n\n")[0].split()).split("Bron:")[0].strip(), 160)
                status = _regel(doc, "Status")
                if status.startswith("P") and "geen instelling" in status:
                    zonder.append(f"`{app}.{knoop.name}`")
                uit.append(
                    f"| `{app}.{knoop.name}` | {_cel(wat)} | {_cel(_regel(doc, 'Bron'))} "
                    f"| {_cel(status)} |"
                )
        constanten = _constanten(bron, boom)
        if constanten:
            uit += [
                "\nVaste waarden met een regel erachter:\n",
                "| Waarde | | Bron en toelichting (uit de code) |\n|---|---|---|",
                *constanten,
            ]
    uit += [
        "\n## Lokaal beleid zonder instelling\n",
        "Deze regels zijn een keuze van Koers of van de startnotitie, maar een gemeente kan "
        "ze nog niet zelf veranderen. Kandidaten voor een instelling op het beleidsmodel van "
        "de app:\n",
        ", ".join(zonder) + ".",
    ]
    return "\n".join(uit) + "\n"


if __name__ == "__main__":
    tekst = DOC.read_text(encoding="utf-8")
    DOC.write_text(tekst.split(MARKER)[0] + MARKER + "\n" + genereer(), encoding="utf-8")


def test_the_page_is_linked_from_readme_and_principles():
    root = DOC.parents[1]
    assert "docs/rechtsgrond.md" in (root / "README.md").read_text(encoding="utf-8")
    assert "rechtsgrond.md" in (root / "docs/development/principles.md").read_text(encoding="utf-8")
