"""The `koers` operator commands: api-token, check-config, run, env-example."""

import importlib
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from koers.config import env
from tests.factories import GebruikerFactory


def test_api_token_prints_only_the_token_and_keeps_it(db, capsys):
    GebruikerFactory(username="adviseur-weert")
    call_command("api-token", "adviseur-weert")
    eerste = capsys.readouterr().out
    call_command("api-token", "adviseur-weert")
    tweede = capsys.readouterr().out

    assert eerste == tweede
    token = eerste.strip()
    assert eerste == token + "\n"
    assert len(token) == 40 and all(c in "0123456789abcdef" for c in token)


def test_api_token_for_an_unknown_user_is_a_clear_error(db):
    with pytest.raises(CommandError, match="Gebruiker 'niemand' bestaat niet"):
        call_command("api-token", "niemand")


def _koers(tmp_path, *args, **extra_env):
    """Run `koers` in a fresh process with only the environment given here."""
    omgeving = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'koers.sqlite3'}",
        **extra_env,
    }
    return subprocess.run(
        [sys.executable, "-m", "koers.cli", *args],
        env=omgeving,  # noqa: S603
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_check_config_explains_a_missing_secret_key_outside_demo_mode(tmp_path):
    result = _koers(tmp_path, "check-config")

    assert result.returncode == 1, result.stdout + result.stderr
    assert "FOUT koers.E001: KOERS_SECRET_KEY ontbreekt." in result.stdout
    assert "Oplossing: Zet een willekeurige geheime waarde van minstens 50 tekens" in (
        result.stdout
    )


@pytest.mark.slow
def test_check_config_passes_in_demo_mode(tmp_path):
    result = _koers(tmp_path, "check-config", KOERS_DEMO="true")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "FOUT" not in result.stdout


@pytest.mark.slow
def test_run_refuses_to_start_with_configuration_errors(tmp_path):
    result = _koers(tmp_path, "run", KOERS_DEBUG="ja-hoor")

    assert result.returncode == 1
    assert "Koers start niet" in result.stderr
    assert "koers.E001" in result.stderr and "KOERS_DEBUG" in result.stderr


def test_committed_env_example_is_generated_from_the_variables():
    bestand = settings.PROJECT_DIR / ".env.example"
    assert bestand.read_text(encoding="utf-8") == env.env_example(), (
        "Draai `koers env-example --write` en commit .env.example."
    )


def test_operator_guide_lists_every_variable():
    module = importlib.import_module("koers.config.management.commands.env-example")
    gids = (settings.PROJECT_DIR / "docs" / "beheer" / "operator.md").read_text(encoding="utf-8")
    assert module.markdown_tabel() in gids, (
        "Werk de tabel in docs/beheer/operator.md bij met `koers env-example --markdown`."
    )
