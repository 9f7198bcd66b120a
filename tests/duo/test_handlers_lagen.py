"""Layers (ARCHITECTURE.md): core (inburgeraars, pip) imports nothing from duo or above; the
DUO handlers, client and herstel import nothing from the uitvoering apps or the faces. Checked
on every import statement, also those inside a function: an upward effect travels as the
``traject_gewijzigd`` signal."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "koers"
UITVOERING_EN_HOGER = (
    "leerroute",
    "modules",
    "begeleiding",
    "monitoring",
    "handhaving",
    "netwerk",
    "partners",
    "sturing",
    "portaal",
    "web",
    "api",
)
VERBODEN = {
    **{
        f"inburgeraars/{p.name}": ("duo", *UITVOERING_EN_HOGER)
        for p in (SRC / "inburgeraars").glob("*.py")
    },
    **{f"pip/{p.name}": ("duo", *UITVOERING_EN_HOGER) for p in (SRC / "pip").glob("*.py")},
    **{
        f"duo/{naam}": UITVOERING_EN_HOGER
        for naam in ("handlers.py", "client.py", "herstel.py", "models.py")
    },
}


def _imports(pad: Path) -> list[tuple[int, str]]:
    uit = []
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.Import):
            uit += [(knoop.lineno, a.name) for a in knoop.names]
        elif isinstance(knoop, ast.ImportFrom) and knoop.module and knoop.level == 0:
            uit.append((knoop.lineno, knoop.module))
    return uit


def test_de_lijst_is_niet_leeg():
    assert len(VERBODEN) > 8 and "duo/handlers.py" in VERBODEN and "pip/services.py" in VERBODEN


@pytest.mark.parametrize("module", sorted(VERBODEN))
def test_geen_import_naar_een_hogere_laag(module):
    fout = [
        f"{module}:{regel} importeert {naam}"
        for regel, naam in _imports(SRC / module)
        if naam.split(".")[:2][0] == "koers"
        and len(naam.split(".")) > 1
        and naam.split(".")[1] in VERBODEN[module]
    ]
    assert fout == []
