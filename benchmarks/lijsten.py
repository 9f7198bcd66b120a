"""Benchmark: werkvoorraad, the case page and ``GET /api/v1/inburgeraars`` at national scale.

Seeds N trajecten (default 100,000) into a PostgreSQL database, starts Koers with gunicorn
exactly as ``koers run`` does, and measures over real HTTP:

- the werkvoorraad page of ``adviseur-weert`` (first page),
- the case page of his demo case with the longest history (intake, PIP, gesprekken ...),
- ``GET /api/v1/inburgeraars`` (first page of 25),
- ``GET /api/v1/inburgeraars?bsn=…`` (a BSN lookup),

each with one client and with 16 concurrent clients. Prints median, p95 (ms) and requests/s
as JSON. Not a test: run it by hand, e.g.::

    .venv/bin/python benchmarks/lijsten.py --n 100000
    .venv/bin/python benchmarks/lijsten.py --n 1000000 --requests 300
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psycopg
from gedeeld import ensure_database, run_threads, wait_for

ROOT = Path(__file__).resolve().parent.parent
KOERS = str(ROOT / ".venv" / "bin" / "koers")
DEMO_PASSWORD = "koers-demo-2026"  # noqa: S105 (documented demo account)


def koers(env, *args, capture=False):
    result = subprocess.run([KOERS, *args], env=env, check=True, text=True, capture_output=capture)
    return result.stdout.strip() if capture else None


def count_trajecten(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM inburgeraars_traject").fetchone()[0]


def some_bsn(url: str) -> str:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT i.bsn FROM inburgeraars_inburgeraar i JOIN organisaties_gemeente g "
            "ON g.id = i.gemeente_id WHERE g.gemeentecode = '0988' "
            "ORDER BY i.id DESC LIMIT 1"
        ).fetchone()[0]


def richest_case(url: str) -> int:
    """The inburgeraar of adviseur-weert whose traject has the most timeline entries: the
    case page with the most to show, the one a benchmark should load."""
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT i.id FROM inburgeraars_inburgeraar i "
            "JOIN inburgeraars_traject t ON t.id = i.huidig_traject_id "
            "JOIN organisaties_gebruiker u ON u.id = t.adviseur_id "
            "WHERE u.username = 'adviseur-weert' "
            "ORDER BY (SELECT count(*) FROM inburgeraars_gebeurtenis g "
            "WHERE g.traject_id = t.id) DESC, i.id LIMIT 1"
        ).fetchone()[0]


def login(base: str, username: str) -> httpx.Client:
    client = httpx.Client(base_url=base, follow_redirects=False, timeout=30)
    page = client.get("/inloggen/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = client.post(
        "/inloggen/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": DEMO_PASSWORD},
        headers={"Referer": base + "/inloggen/"},
    )
    if answer.status_code != 302:
        raise SystemExit(f"login failed for {username}: {answer.status_code}")
    check = client.get("/", follow_redirects=True)  # beleid lands on the dashboards
    if check.status_code != 200:
        raise SystemExit(f"start page answered {check.status_code} after login")
    return client


def measure(make_client, path: str, requests: int, concurrency: int) -> dict:
    timings: list[float] = []
    errors = 0
    lock = threading.Lock()
    per_worker = max(1, requests // concurrency)

    def worker():
        nonlocal errors
        client = make_client()
        client.get(path)  # warm-up: connection and caches
        local, local_errors = [], 0
        for _ in range(per_worker):
            start = time.perf_counter()
            answer = client.get(path)
            local.append((time.perf_counter() - start) * 1000)
            if answer.status_code != 200:
                local_errors += 1
        with lock:
            timings.extend(local)
            errors += local_errors

    wall = run_threads(worker, concurrency)
    timings.sort()
    return {
        "requests": len(timings),
        "errors": errors,
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
        "requests_per_s": round(len(timings) / wall, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="trajecten to seed")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/koers_bench")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--requests", type=int, default=200, help="per scenario")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--fresh", action="store_true", help="drop and re-create the database")
    args = parser.parse_args()

    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "KOERS_DEMO": "true",
        "KOERS_PORT": str(args.port),
        "KOERS_WEB_WORKERS": str(args.workers),
    }
    ensure_database(args.database_url, fresh=args.fresh)
    koers(env, "migrate", "-v0")
    koers(env, "seed")
    existing = count_trajecten(args.database_url)
    if existing < args.n:
        started = time.perf_counter()
        koers(env, "seed", "--inburgeraars", str(args.n - existing))
        print(
            f"seeded {args.n - existing} trajecten in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
    with psycopg.connect(args.database_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    token = koers(env, "api-token", "adviseur-weert", capture=True)
    bsn = some_bsn(args.database_url)
    casus = richest_case(args.database_url)

    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [KOERS, "run"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for(base + "/inloggen/")

        def web_client():
            return login(base, "adviseur-weert")

        def api_client():
            return httpx.Client(
                base_url=base, timeout=30, headers={"Authorization": f"Token {token}"}
            )

        scenarios = {
            "werkvoorraad": (web_client, "/"),
            "casus": (web_client, f"/inburgeraars/{casus}/"),
            "api_inburgeraars_eerste_pagina": (api_client, "/api/v1/inburgeraars?page_size=25"),
            "api_inburgeraars_bsn": (api_client, f"/api/v1/inburgeraars?bsn={bsn}"),
        }
        results = {"trajecten": count_trajecten(args.database_url), "scenarios": {}}
        for name, (make_client, path) in scenarios.items():
            results["scenarios"][name] = {
                "1_client": measure(make_client, path, args.requests, 1),
                "16_clients": measure(make_client, path, args.requests, 16),
            }
        print(json.dumps(results, indent=2))
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
