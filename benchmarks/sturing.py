"""Benchmark: the sturing dashboards (issue 6 §5) on PostgreSQL at national scale.

Uses an existing benchmark database (default ``koers_bench``, filled by
``benchmarks/lijsten.py --n 1000000``); seeds more trajecten only when ``--n`` asks for more
than it holds. Measures first the computation of the summary table (``koers
sturing-bijwerken``: every figure of every gemeente from the cases, the work a timer or the
first request after a quarter of an hour does), then starts Koers with gunicorn exactly as
``koers run`` does and measures each dashboard page over real HTTP, for beleid (with
suppression) and the teamleider of Weert, on the scale of the gemeente, the subregio and the
arbeidsmarktregio, for the current year (the scale data is opened today, so that period holds
every traject: the worst case). Prints the seconds and median and p95 (ms) as JSON. Target:
each page ≤ 500 ms. Not a test: run it by hand::

    .venv/bin/python benchmarks/sturing.py
    .venv/bin/python benchmarks/sturing.py --n 1000000 --requests 20
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time

import psycopg
from gedeeld import wait_for
from lijsten import KOERS, count_trajecten, koers, login, measure


def database_exists(url: str) -> bool:
    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        return (
            conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            is not None
        )


def kosten_vullen(url: str) -> None:
    """Three kostenposten per traject in the current year (set-based, once): the Financiën
    page then groups millions of rows, as a country's bookkeeping would."""
    jaar = dt.date.today().year
    with psycopg.connect(url, autocommit=True) as conn:
        if conn.execute("SELECT count(*) FROM sturing_kostenpost").fetchone()[0] > 1000:
            return
        started = time.perf_counter()
        conn.execute(
            """
            INSERT INTO sturing_kostenpost (traject_id, gemeente_id, voorziening, datum, aantal,
                                            tarief, bedrag, omschrijving, geregistreerd_op)
            SELECT t.id, t.gemeente_id, v.voorziening,
                   make_date(%s::int, (1 + (t.id + v.n) %% 12)::int, (1 + t.id %% 28)::int),
                   10, 62.50, 625.00,
                   '', now()
            FROM inburgeraars_traject t
            CROSS JOIN (VALUES (0, 'leerroute'), (1, 'map'), (2, 'tolken')) AS v(n, voorziening)
        """,
            [jaar],
        )
        conn.execute("ANALYZE sturing_kostenpost")
        print(f"kostenposten in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=0, help="seed up to N trajecten (0: as is)")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/koers_bench")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--requests", type=int, default=20, help="per scenario")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    args = parser.parse_args()

    if not database_exists(args.database_url):
        raise SystemExit(f"no database at {args.database_url}: run benchmarks/lijsten.py first")
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "KOERS_DEMO": "true",
        "KOERS_PORT": str(args.port),
        "KOERS_WEB_WORKERS": str(args.workers),
    }
    # Only this app's tables: the benchmark database is shared with the other benchmarks.
    koers(env, "migrate", "sturing", "-v0")
    kosten_vullen(args.database_url)
    existing = count_trajecten(args.database_url)
    if args.n > existing:
        koers(env, "migrate", "-v0")
        koers(env, "seed")
        started = time.perf_counter()
        koers(env, "seed", "--inburgeraars", str(args.n - existing))
        print(
            f"seeded {args.n - existing} trajecten in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
        with psycopg.connect(args.database_url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")

    started = time.perf_counter()
    koers(env, "sturing-bijwerken")
    bijwerken = round(time.perf_counter() - started, 1)

    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [KOERS, "run"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    jaar = dt.date.today().year
    try:
        wait_for(base + "/inloggen/")
        scenarios = {}
        for gebruiker in ("beleid", "teamleider-weert"):
            for schaal in ("gemeente", "subregio", "arbeidsmarktregio"):
                for naam, pad in (
                    ("aantallen", "/sturing/"),
                    ("procesindicatoren", "/sturing/procesindicatoren/"),
                ):
                    scenarios[f"{gebruiker}_{naam}_{schaal}"] = (
                        gebruiker,
                        f"{pad}?schaal={schaal}&periode={jaar}",
                    )
        for gebruiker in ("financien", "beleid"):
            scenarios[f"{gebruiker}_financien"] = (gebruiker, f"/sturing/financien/?jaar={jaar}")
        scenarios["beleid_export_xlsx_arbeidsmarktregio"] = (
            "beleid",
            f"/sturing/procesindicatoren.xlsx?schaal=arbeidsmarktregio&periode={jaar}",
        )
        results = {
            "trajecten": count_trajecten(args.database_url),
            "sturing_bijwerken_s": bijwerken,
            "scenarios": {},
        }
        for naam, (gebruiker, pad) in scenarios.items():
            results["scenarios"][naam] = measure(
                lambda gebruiker=gebruiker: login(base, gebruiker), pad, args.requests, 1
            )
        print(json.dumps(results, indent=2))
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
