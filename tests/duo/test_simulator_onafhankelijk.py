"""The DUO simulator plays DUO on its own: it imports nothing from Koers outside its package.

When the simulator reused Koers' rule functions, a misreading of DUO's contract on Koers' side
was shared by the simulator and every test passed. These tests keep it apart: an AST check
over every module of the package (imports at the top, inside functions, relative imports and
``importlib.import_module``/``__import__`` with a literal name), and a fresh interpreter that
imports the whole package and lists which ``koers`` modules got loaded.
"""

import ast
import subprocess
import sys
from pathlib import Path

import koers.duo.simulator

PAKKET = "koers.duo.simulator"
MAP = Path(koers.duo.simulator.__file__).resolve().parent
BRON = MAP.parents[2]  # src/


def _module_naam(pad: Path) -> str:
    delen = pad.relative_to(BRON).with_suffix("").parts
    return ".".join(delen[:-1] if delen[-1] == "__init__" else delen)


def _absoluut(module: str | None, niveau: int, huidig: str, is_pakket: bool) -> str:
    """The absolute name of ``from <niveau dots><module> import ...`` in module ``huidig``."""
    if niveau == 0:
        return module or ""
    basis = huidig.split(".")
    basis = basis if is_pakket else basis[:-1]
    basis = basis[: len(basis) - (niveau - 1)]
    return ".".join([*basis, module] if module else basis)


def verboden_imports(bron: str, module: str, *, is_pakket: bool = False) -> list[str]:
    """Every import of a ``koers`` module outside the simulator package in ``bron``."""
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


def _bestanden() -> list[Path]:
    return sorted(MAP.rglob("*.py"))


def test_the_check_finds_the_simulator_modules():
    namen = {p.name for p in _bestanden()}
    assert {"__init__.py", "app.py", "contract.py", "regels.py", "rules.py", "scenario.py"} <= namen


def test_no_module_of_the_simulator_imports_koers_outside_the_package():
    bestanden = _bestanden()
    assert bestanden, f"geen .py-bestanden gevonden in {MAP}"
    fouten = []
    for pad in bestanden:
        fouten += verboden_imports(
            pad.read_text(encoding="utf-8"), _module_naam(pad), is_pakket=pad.name == "__init__.py"
        )
    assert fouten == []


def test_the_check_catches_every_form_of_import():
    bron = (
        "import koers.pip.rules\n"
        "from koers.duo import spec\n"
        "from koers.duo.simulator import regels\n"
        "from .. import rules\n"
        "from ..spec import operation\n"
        "from . import contract\n"
        "def f():\n"
        "    from koers.inburgeraars.rules import doelgroepindeling\n"
        "    importlib.import_module('koers.duo.rules')\n"
        "    __import__('koers')\n"
    )
    gevonden = verboden_imports(bron, "koers.duo.simulator.app")
    assert [g.split(": ")[1] for g in gevonden] == [
        "koers.pip.rules",
        "koers.duo.spec",
        "koers.duo.rules",
        "koers.duo.spec.operation",
        "koers.inburgeraars.rules.doelgroepindeling",
        "koers.duo.rules",
        "koers",
    ]


def test_a_fresh_interpreter_loads_no_koers_module_outside_the_simulator():
    """Also catches product code run by ``koers/__init__.py`` or ``koers/duo/__init__.py``."""
    code = (
        "import sys, koers.duo.simulator.app, koers.duo.simulator.pages, "
        "koers.duo.simulator.scenario, koers.duo.simulator.notificatie\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith('koers'))))"
    )
    uit = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,  # noqa: S603
        check=True,
        cwd=BRON,
        env={"PYTHONPATH": str(BRON)},
    ).stdout.split()
    buiten = [m for m in uit if m not in ("koers", "koers.duo") and not m.startswith(PAKKET)]
    assert "koers.duo.simulator.app" in uit
    assert buiten == []


def test_the_parent_packages_run_no_code_at_import():
    """Importing the simulator executes ``koers/__init__.py`` and ``koers/duo/__init__.py``:
    they must hold nothing but (at most) a docstring."""
    for pakket in (BRON / "koers" / "__init__.py", BRON / "koers" / "duo" / "__init__.py"):
        body = ast.parse(pakket.read_text(encoding="utf-8")).body
        assert all(isinstance(k, ast.Expr) and isinstance(k.value, ast.Constant) for k in body), (
            pakket
        )
