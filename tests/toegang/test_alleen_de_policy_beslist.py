"""Access decisions live in one place, koers.toegang.policy: no screen or API view compares a
user's roles or scopes rows to the user's own gemeente itself. A view asks the policy
(``mag_zien``, ``toont_alle_adviseurs``, ``binnen_bereik``, ``van_eigen_gemeente`` ...), so
the page, the API and the export cannot disagree. This reads the source of every view and API
module and fails on the patterns, with the place."""

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "koers"

VERBODEN = {
    "compares roles (ask the policy)": re.compile(
        r"\.heeft_rol\(|\buser\.rollen\b|\bRol\.[A-Z_]+\b"
    ),
    "scopes to the user's gemeente (policy.van_eigen_gemeente / binnen_bereik)": re.compile(
        r"\(\s*gemeente(?:_id|__in)?\s*=\s*(?:request\.)?user\.gemeente"
    ),
}


def _schermmodules() -> list[Path]:
    modules = [
        p
        for p in SRC.glob("*/*.py")
        if p.stem in ("views", "api") or p.stem.startswith(("views_", "api_"))
    ]
    modules += list(SRC.glob("*/views/*.py"))
    return sorted(p for p in modules if p.stem != "api_urls")


def overtredingen(bron: str) -> list[tuple[int, str]]:
    return [
        (nummer, reden)
        for nummer, regel in enumerate(bron.splitlines(), 1)
        for reden, patroon in VERBODEN.items()
        if patroon.search(regel.split("#")[0])
    ]


def test_the_checker_finds_what_it_forbids():
    assert overtredingen("    if user.heeft_rol(Rol.TEAMLEIDER):\n") == [
        (1, "compares roles (ask the policy)")
    ]
    assert overtredingen("qs = Contract.objects.filter(gemeente=request.user.gemeente)") == [
        (1, "scopes to the user's gemeente (policy.van_eigen_gemeente / binnen_bereik)")
    ]
    assert overtredingen("rows = policy.van_eigen_gemeente(user, Contract.objects)") == []
    assert overtredingen("x = 1  # user.heeft_rol( in a comment is fine") == []


def test_no_view_or_api_module_decides_access_itself():
    modules = _schermmodules()
    assert len(modules) > 30, modules  # every app's views and API, not an empty glob
    gevonden = [
        f"{pad.relative_to(SRC)}:{nummer}: {reden}"
        for pad in modules
        for nummer, reden in overtredingen(pad.read_text(encoding="utf-8"))
    ]
    assert gevonden == []
