"""Our copy of DUO's interface definitions (src/koers/duo/openapi) is byte-for-byte DUO's
published folder (shared/duo-m2m/API): refresh it with
``cp -r ../shared/duo-m2m/API/* src/koers/duo/openapi/``."""

import filecmp

import pytest

from koers.duo import spec
from tests.duo.voorbeelden import SHARED_API, SHARED_ONTBREEKT


def _bestanden(map_):
    return sorted(p.relative_to(map_).as_posix() for p in map_.rglob("*") if p.is_file())


@pytest.mark.skipif(not SHARED_API.is_dir(), reason=SHARED_ONTBREEKT)
def test_gekopieerde_definities_zijn_gelijk_aan_die_van_duo():
    eigen, gedeeld = _bestanden(spec.OPENAPI_DIR), _bestanden(SHARED_API)
    assert eigen == gedeeld
    verschillend = [
        naam
        for naam in eigen
        if not filecmp.cmp(spec.OPENAPI_DIR / naam, SHARED_API / naam, shallow=False)
    ]
    assert verschillend == [], (
        "Kopieer opnieuw: cp -r ../shared/duo-m2m/API/* src/koers/duo/openapi/"
    )


def test_elke_gekopieerde_definitie_is_openapi_3_0():
    bestanden = sorted(spec.OPENAPI_DIR.glob("*/openapi.yml"))
    assert len(bestanden) >= 12
    for bestand in bestanden:
        assert spec.load_document(bestand)["openapi"].startswith("3.0")
