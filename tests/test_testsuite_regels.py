"""Rules for the test suite itself, checked on every test file with ``ast``:

- a test never skips because Koers' own code is missing (pytest's importorskip of ``koers``):
  a missing module of the project is a failure, not a reason to test less;
- a test does not keep all its assertions inside a ``for``/``while`` body: over an empty
  iterable such a test passes without checking anything;
- a test file does not read the clock when it is imported (a constant, a default argument or a
  ``parametrize`` with today's date): its cases would then depend on the day the suite runs,
  and a run across midnight would mix two days. A test sets its day with the clock fixtures.

Each rule is itself tested on a small piece of code that breaks it, so the checker can fail.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent


def _importeert_koers(knopen) -> bool:
    for knoop in knopen:
        for deel in ast.walk(knoop):
            if isinstance(deel, ast.Import) and any(
                a.name.split(".")[0] == "koers" for a in deel.names
            ):
                return True
            if isinstance(deel, ast.ImportFrom) and (deel.module or "").split(".")[0] == "koers":
                return True
    return False


def _slaat_over(knopen) -> bool:
    return any(
        isinstance(deel, ast.Call)
        and (getattr(deel.func, "attr", "") == "skip" or getattr(deel.func, "id", "") == "skip")
        for knoop in knopen
        for deel in ast.walk(knoop)
    )


def _importorskip_van_koers(boom: ast.AST) -> list[int]:
    """Lines that skip when a module of the ``koers`` package is missing: ``importorskip``
    of it, or ``pytest.skip`` in the ``except ImportError`` of a ``try`` that imports it."""
    regels = []
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Try) and _importeert_koers(knoop.body):
            regels += [
                h.lineno
                for h in knoop.handlers
                if "ImportError" in ast.dump(h.type or ast.Name("Exception"))
                and _slaat_over(h.body)
            ]
        if not isinstance(knoop, ast.Call):
            continue
        functie = knoop.func
        naam = functie.attr if isinstance(functie, ast.Attribute) else getattr(functie, "id", "")
        if naam != "importorskip" or not knoop.args:
            continue
        module = knoop.args[0]
        if (
            isinstance(module, ast.Constant)
            and isinstance(module.value, str)
            and module.value.split(".")[0] == "koers"
        ):
            regels.append(knoop.lineno)
    return regels


def _nooit_leeg(iterable: ast.expr) -> bool:
    """A literal with elements, ``range`` of constants that is not empty, or a comprehension
    without ``if`` over such: a loop over it always runs its body."""
    if isinstance(iterable, ast.List | ast.Tuple | ast.Set):
        return bool(iterable.elts) and not any(isinstance(e, ast.Starred) for e in iterable.elts)
    if isinstance(iterable, ast.Dict):
        return bool(iterable.keys) and None not in iterable.keys
    if isinstance(iterable, ast.Constant):
        return isinstance(iterable.value, str | bytes) and bool(iterable.value)
    if (
        isinstance(iterable, ast.Call)
        and getattr(iterable.func, "id", "") == "range"
        and not iterable.keywords
    ):
        try:
            return len(range(*(ast.literal_eval(a) for a in iterable.args))) > 0
        except (ValueError, TypeError):
            return False
    if isinstance(iterable, ast.GeneratorExp | ast.ListComp | ast.SetComp):
        return all(not g.ifs and _nooit_leeg(g.iter) for g in iterable.generators)
    return False


def _asserts(knopen, in_lus: bool = False):
    """(assert, only inside a loop body that may not run) for every assert among ``knopen``,
    not descending into nested functions or classes (they are not this test's assertions)."""
    for kind in knopen:
        if isinstance(kind, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        if isinstance(kind, ast.Assert):
            yield kind, in_lus
        elif isinstance(kind, ast.For | ast.AsyncFor):
            yield from _asserts([kind.target, kind.iter], in_lus)
            yield from _asserts(kind.body, in_lus or not _nooit_leeg(kind.iter))
            yield from _asserts(kind.orelse, in_lus)
        elif isinstance(kind, ast.While):
            yield from _asserts([kind.test], in_lus)
            yield from _asserts(kind.body, True)
            yield from _asserts(kind.orelse, in_lus)
        else:
            yield from _asserts(ast.iter_child_nodes(kind), in_lus)


def _alleen_in_lussen(boom: ast.AST) -> list[str]:
    """Test functions that assert something, but only inside loop bodies."""
    fout = []
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.FunctionDef | ast.AsyncFunctionDef) and knoop.name.startswith(
            "test"
        ):
            gevonden = list(_asserts(knoop.body))
            if gevonden and all(in_lus for _, in_lus in gevonden):
                fout.append(f"{knoop.name} (regel {knoop.lineno})")
    return fout


# Calls that read the clock: date.today(), datetime.now(), timezone.now(), timezone.localdate()
# and the like, however the module is imported.
KLOK = frozenset({"today", "now", "utcnow", "localdate", "localtime"})


def _klok_bij_import(boom: ast.AST) -> list[int]:
    """Lines where the file reads the clock while it is imported: anywhere outside a function
    or lambda body, function defaults and decorators included."""
    regels: list[int] = []

    def bezoek(knoop: ast.AST) -> None:
        if isinstance(knoop, ast.Call):
            functie = knoop.func
            if isinstance(functie, ast.Attribute) and functie.attr in KLOK:
                regels.append(knoop.lineno)
        if isinstance(knoop, ast.FunctionDef | ast.AsyncFunctionDef):
            for deel in (*knoop.decorator_list, *knoop.args.defaults, *knoop.args.kw_defaults):
                if deel is not None:
                    bezoek(deel)
            return
        if isinstance(knoop, ast.Lambda):
            return
        for kind in ast.iter_child_nodes(knoop):
            bezoek(kind)

    bezoek(boom)
    return sorted(regels)


def _testbestanden() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if p.name.startswith(("test_", "conftest")))


# Files that still break the loop rule, each to be fixed in its own change. Strict: once a
# file is fixed, its entry here fails until it is removed.
NOG_TE_HERSTELLEN_LUS: dict[str, str] = {}


def _met_uitzondering(bestanden: list[Path], open_: dict[str, str]):
    return [
        pytest.param(
            p,
            id=str(p.relative_to(TESTS)),
            marks=[pytest.mark.xfail(strict=True, reason=open_[naam])]
            if (naam := p.relative_to(TESTS).as_posix()) in open_
            else [],
        )
        for p in bestanden
    ]


def test_de_checker_vindt_importorskip_van_koers():
    # The call is spelled in pieces so that tools grepping this repository for a skip of Koers
    # find the checker's input for what it is: a sample, not a skipping test.
    overslaan = "pytest." + "importorskip"
    code = (
        "import pytest\n"
        f'duo = {overslaan}("koers.duo.client")\n'
        f'yaml = {overslaan}("yaml")\n'
        "def test_x():\n"
        f'    {overslaan}("koers")\n'
        "try:\n"
        "    from koers.pip import services\n"
        "except ImportError:\n"
        '    pytest.skip("nog niet gebouwd", allow_module_level=True)\n'
        "try:\n"
        "    import yaml\n"
        "except ModuleNotFoundError:\n"
        '    pytest.skip("geen yaml", allow_module_level=True)\n'
    )
    assert sorted(_importorskip_van_koers(ast.parse(code))) == [2, 5, 8]


def test_de_checker_vindt_asserts_alleen_in_een_lus():
    code = (
        "def test_lus(rijen):\n"
        "    for rij in rijen:\n"
        "        assert rij\n"
        "def test_while(q):\n"
        "    while q:\n"
        "        if q.pop():\n"
        "            assert True\n"
        "def test_eerst_de_lengte(rijen):\n"
        "    assert len(rijen) == 2\n"
        "    for rij in rijen:\n"
        "        assert rij\n"
        "def test_na_de_lus(rijen):\n"
        "    for rij in rijen:\n"
        "        assert rij\n"
        "    else:\n"
        "        assert rijen\n"
        "def test_zonder_assert():\n"
        "    pass\n"
        "def test_hulp_telt_niet(rijen):\n"
        "    def hulp():\n"
        "        assert rijen\n"
        "    for rij in rijen:\n"
        "        assert rij\n"
        "def test_vaste_rij():\n"
        "    for n in (x for x in range(-2, 3)):\n"
        "        assert n in (1, 2, 3)\n"
        "def test_lege_range():\n"
        "    for n in range(3, 1):\n"
        "        assert n\n"
        "def test_gefilterd():\n"
        "    for n in [x for x in (1, 2) if x > 5]:\n"
        "        assert n\n"
    )
    assert _alleen_in_lussen(ast.parse(code)) == [
        "test_lus (regel 1)",
        "test_while (regel 4)",
        "test_hulp_telt_niet (regel 19)",
        "test_lege_range (regel 27)",
        "test_gefilterd (regel 30)",
    ]


def test_de_checker_vindt_de_klok_bij_import():
    code = (
        "import datetime as dt\n"
        "from django.utils import timezone\n"
        "VANDAAG = dt.date.today()\n"
        "NU = timezone.now()\n"
        "VAST = dt.date(2026, 11, 4)\n"
        "def test_binnen():\n"
        "    assert dt.date.today()\n"
        "def test_standaard(dag=timezone.localdate()):\n"
        "    pass\n"
        "@pytest.mark.parametrize('d', [dt.datetime.now()])\n"
        "def test_parametrize(d):\n"
        "    pass\n"
        "LATER = lambda: dt.date.today()\n"
        "class TestKlas:\n"
        "    DAG = dt.date.today()\n"
        "    def test_in_methode(self):\n"
        "        assert timezone.now()\n"
    )
    assert _klok_bij_import(ast.parse(code)) == [3, 4, 8, 10, 15]


def test_er_zijn_testbestanden():
    assert len(_testbestanden()) > 100


@pytest.mark.parametrize("pad", _testbestanden(), ids=lambda p: str(p.relative_to(TESTS)))
def test_geen_importorskip_van_koers(pad):
    assert _importorskip_van_koers(ast.parse(pad.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("pad", _met_uitzondering(_testbestanden(), NOG_TE_HERSTELLEN_LUS))
def test_geen_test_met_asserts_alleen_in_een_lus(pad):
    assert _alleen_in_lussen(ast.parse(pad.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("pad", _testbestanden(), ids=lambda p: str(p.relative_to(TESTS)))
def test_geen_klok_bij_import(pad):
    assert _klok_bij_import(ast.parse(pad.read_text(encoding="utf-8"))) == []


@pytest.mark.slow
def test_the_postgresql_run_keeps_every_test_that_reaches_the_database():
    """``--database-tests-only`` (the second run of .ci/run) leaves out only tests that
    pytest-django refuses database access: a test with ``db``, a ``django_db`` mark or a
    browser on ``live_server`` stays, a test without any of them goes."""
    import subprocess
    import sys

    gekozen = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "--database-tests-only",
            "tests/test_taken.py",
            "tests/duo/test_worker_loop.py",
            "tests/browser/test_teamleider.py",
        ],
        cwd=TESTS.parent,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "tests/test_taken.py::test_the_heartbeat_goes_on_while_a_long_job_works" in gekozen
    assert "tests/test_taken.py::test_once_runs_the_long_jobs_in_turn_too" not in gekozen
    sigterm = "tests/duo/test_worker_loop.py::test_worker_als_los_proces_stopt_netjes_bij_sigterm"
    assert sigterm in gekozen  # a django_db mark without the db fixture
    assert "tests/browser/test_teamleider.py::test_een_teamleider_wijst_vijf_zaken_toe" in gekozen


class _Test:
    """Just enough of a collected pytest item for the ordering."""

    def __init__(self, nodeid: str, traag: bool = False, fixtures: tuple = ()):
        self.nodeid = nodeid
        self.traag = traag
        self.fixturenames = fixtures

    def get_closest_marker(self, naam):
        return object() if naam == "slow" and self.traag else None


def test_each_worker_block_starts_with_its_share_of_the_slow_modules():
    """worksteal gives each of the workers one contiguous block and later moves the end of a
    block: every block starts with slow tests, a slow module stays in one block, and no test
    is lost or doubled."""
    from tests.conftest import traag_vooraan

    snel = [_Test(f"tests/test_snel_{i // 10}.py::test_{i}") for i in range(60)]
    traag = [
        *(_Test(f"tests/test_demo.py::test_{i}", traag=True) for i in range(4)),
        *(_Test(f"tests/browser/test_b.py::test_{i}", fixtures=("live_server",)) for i in range(3)),
        _Test("tests/test_fuzz.py::test_alles", traag=True),
        *(_Test(f"tests/test_keten.py::test_{i}", traag=True) for i in range(2)),
    ]
    items = snel[:30] + traag + snel[30:]
    volgorde = traag_vooraan(items, 3)

    assert sorted(t.nodeid for t in volgorde) == sorted(t.nodeid for t in items)
    blokken = [volgorde[0:23], volgorde[23:46], volgorde[46:70]]  # as worksteal cuts 70 in 3
    modules_per_blok = [
        {t.nodeid.partition("::")[0] for t in blok if t in traag} for blok in blokken
    ]
    assert all(blok[0] in traag for blok in blokken), [blok[0].nodeid for blok in blokken]
    assert sum(len(m) for m in modules_per_blok) == 4  # each slow module in one block only
    for blok in blokken:
        eerste_snelle = next(i for i, t in enumerate(blok) if t not in traag)
        assert all(t not in traag for t in blok[eerste_snelle:])
    # One worker (no xdist): the slow ones first, nothing else changes.
    alleen = traag_vooraan(items, 1)
    assert set(alleen[: len(traag)]) == set(traag)
    assert alleen[len(traag) :] == snel
