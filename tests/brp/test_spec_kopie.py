"""Our copy of RvIG's BRP API Personen (src/koers/brp/openapi) is byte-for-byte the published
file beside the repository (shared/brp): refresh it with
``cp ../shared/brp/openapi.yaml ../shared/brp/README.md src/koers/brp/openapi/``."""

import filecmp
from pathlib import Path

import pytest
import yaml

import koers.brp

EIGEN = Path(koers.brp.__file__).parent / "openapi"
GEDEELD = Path(__file__).resolve().parents[2] / ".." / "shared" / "brp"


@pytest.mark.skipif(
    not GEDEELD.is_dir(), reason=f"RvIG's definitie ontbreekt naast de repository ({GEDEELD})"
)
@pytest.mark.parametrize("naam", ["openapi.yaml", "README.md"])
def test_gekopieerde_definitie_is_gelijk_aan_die_van_rvig(naam):
    assert filecmp.cmp(EIGEN / naam, GEDEELD / naam, shallow=False), (
        "Kopieer opnieuw: cp ../shared/brp/openapi.yaml ../shared/brp/README.md "
        "src/koers/brp/openapi/"
    )


def test_de_definitie_is_brp_api_personen_2_7_met_een_post_op_personen():
    document = yaml.safe_load((EIGEN / "openapi.yaml").read_text(encoding="utf-8"))
    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == "2.7.0"
    assert set(document["paths"]) == {"/personen"}
    assert set(document["paths"]["/personen"]) == {"post"}
