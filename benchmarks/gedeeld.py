"""What the benchmarks share: a PostgreSQL database to measure in, waiting for the server,
and running client threads side by side."""

from __future__ import annotations

import threading
import time

import httpx
import psycopg


def ensure_database(url: str, *, fresh: bool) -> None:
    """Create the database of ``url`` if missing; ``fresh`` drops an existing one first."""
    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"server did not answer on {url}")


def run_threads(target, count: int) -> float:
    """Run ``count`` threads of ``target`` together; returns the wall-clock seconds."""
    threads = [threading.Thread(target=target) for _ in range(count)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start
