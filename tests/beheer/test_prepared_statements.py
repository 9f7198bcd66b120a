"""PostgreSQL prepares the queries a connection repeats (KOERS_DB_PREPARED_STATEMENTS)."""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from koers.inburgeraars.models import Traject

PG_URL = "postgres://koers@db.example.internal:5432/koers"


def _database_instellingen(**omgeving) -> dict:
    """The default database's settings as a real start reads them (a separate process)."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "KOERS_DB_PREPARED_STATEMENTS"},
        "KOERS_DEMO": "true",
        "DATABASE_URL": PG_URL,
        "DJANGO_SETTINGS_MODULE": "koers.config.settings",
        **omgeving,
    }
    script = (
        "import json; from koers.config import settings as s; "
        "print(json.dumps({'options': s.DATABASES['default'].get('OPTIONS', {}), "
        "'fouten': s.CONFIG_ERRORS}))"
    )
    uit = subprocess.run(
        [sys.executable, "-c", script], env=env, check=True, capture_output=True, text=True
    )
    return json.loads(uit.stdout.strip().splitlines()[-1])


def test_postgresql_binds_on_the_server_and_prepares_by_default():
    instellingen = _database_instellingen()
    assert instellingen["options"] == {"server_side_binding": True, "prepare_threshold": 2}
    assert instellingen["fouten"] == []


def test_behind_a_pooler_that_cannot_prepare_it_is_switched_off():
    instellingen = _database_instellingen(KOERS_DB_PREPARED_STATEMENTS="false")
    assert "server_side_binding" not in instellingen["options"]
    assert "prepare_threshold" not in instellingen["options"]


def test_an_unreadable_value_is_a_configuration_error_not_a_crash():
    instellingen = _database_instellingen(KOERS_DB_PREPARED_STATEMENTS="misschien")
    assert any("KOERS_DB_PREPARED_STATEMENTS" in fout for fout in instellingen["fouten"])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements: PostgreSQL")
@pytest.mark.django_db
def test_a_query_the_connection_repeats_is_prepared_once_and_answers_the_same(weert):
    """The second run of the same query text on a connection is a prepared statement on the
    server; its answers stay those of the query (values bound apart from the text)."""
    antwoorden = [
        list(Traject.objects.filter(gemeente=weert, status="aangemeld").values_list("pk"))
        for _ in range(3)
    ]
    with connection.cursor() as c:
        c.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%FROM "inburgeraars_traject"%'],
        )
        assert c.fetchone()[0] >= 1
    assert antwoorden[0] == antwoorden[1] == antwoorden[2]
