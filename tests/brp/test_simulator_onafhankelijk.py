"""The BRP simulator plays the BRP on its own: it imports nothing from Koers outside its package.

The same checks as for the DUO simulator (tests/duo/test_simulator_onafhankelijk.py), written
again here so the two stay independent: an AST walk over every module and a fresh interpreter
that imports the package and lists the ``koers`` modules it loaded.
"""

import ast
import subprocess
import sys
from pathlib import Path

import koers.brp.simulator

PAKKET = "koers.brp.simulator"
MAP = Path(koers.brp.simulator.__file__).resolve().parent
BRON = MAP.parents[2]


def _module_naam(pad: Path) -> str:
    delen = pad.relative_to(BRON).with_suffix("").parts
    return ".".join(delen[:-1] if delen[-1] == "__init__" else delen)


def _absoluut(module, niveau: int, huidig: str, is_pakket: bool) -> str:
    if niveau == 0:
        return module or ""
    basis = huidig.split(".") if is_pakket else huidig.split(".")[:-1]
    basis = basis[: len(basis) - (niveau - 1)]
    return ".".join([*basis, module] if module else basis)


def verboden_imports(bron: str, module: str, *, is_pakket: bool = False) -> list[str]:
    gevonden = []
    for knoop in ast.walk(ast.parse(bron)):
        namen: list[str] = []
        if isinstance(knoop, ast.Import):
            namen = [a.name for a in knoop.names]
        elif isinstance(knoop, ast.ImportFrom):
            doel = _absoluut(knoop.module, knoop.level, module, is_pakket)
            namen = [f"{doel}.{a.name}" for a in knoop.names]
        elif isinstance(knoop, ast.Call):
            functie = knoop.func
            naam = (
                functie.attr if isinstance(functie, ast.Attribute) else getattr(functie, "id", "")
            )
            if (
                naam in ("import_module", "__import__")
                and knoop.args
                and isinstance(knoop.args[0], ast.Constant)
                and isinstance(knoop.args[0].value, str)
            ):
                namen = [knoop.args[0].value]
        for naam in namen:
            if (naam == "koers" or naam.startswith("koers.")) and not (
                naam == PAKKET or naam.startswith(PAKKET + ".")
            ):
                gevonden.append(f"{module}:{knoop.lineno}: {naam}")
    return gevonden


def test_no_module_of_the_simulator_imports_koers_outside_the_package():
    bestanden = sorted(MAP.rglob("*.py"))
    assert {"app.py", "contract.py", "scenario.py", "velden.py"} <= {p.name for p in bestanden}
    fouten = []
    for pad in bestanden:
        fouten += verboden_imports(
            pad.read_text(encoding="utf-8"), _module_naam(pad), is_pakket=pad.name == "__init__.py"
        )
    assert fouten == []


def test_the_check_catches_every_form_of_import():
    bron = (
        "import koers.duo.simulator\n"
        "from koers.brp import client\n"
        "from koers.brp.simulator import velden\n"
        "from .. import services\n"
        "def f():\n"
        "    importlib.import_module('koers.inburgeraars.models')\n"
    )
    gevonden = [g.split(": ")[1] for g in verboden_imports(bron, "koers.brp.simulator.app")]
    assert gevonden == [
        "koers.duo.simulator",
        "koers.brp.client",
        "koers.brp.services",
        "koers.inburgeraars.models",
    ]


def test_a_fresh_interpreter_loads_no_koers_module_outside_the_simulator():
    code = (
        "import sys, koers.brp.simulator.app, koers.brp.simulator.scenario\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith('koers'))))"
    )
    uit = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=BRON,
        env={"PYTHONPATH": str(BRON)},
    ).stdout.split()
    assert "koers.brp.simulator.app" in uit
    assert [m for m in uit if m not in ("koers", "koers.brp") and not m.startswith(PAKKET)] == []
