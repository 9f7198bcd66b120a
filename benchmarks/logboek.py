"""Benchmark: the verwerkingenlogging under concurrent load.

Seeds N trajecten (default 100,000) into a PostgreSQL database, starts Koers with gunicorn
exactly as ``koers run`` does, and runs the API list and the werkvoorraad with 16 concurrent
clients over real HTTP (and with one client first, for the cost without contention), each
page logging its 25 cases. While the 16 clients run it measures:

- every 100 ms a sample of ``pg_stat_activity``: the share of samples in which any session of
  the database waits on a lock (``wait_event_type = 'Lock'``), and which wait events occur;
- the throughput (requests/s, median and p95);
- the time of the log write in the requests themselves, when the code measures it
  (``koers_verwerkingen_write_duration_seconds`` at ``/metrics``, mean per call);
- the cost of the log write itself, in-process: this script writes the same list record
  (25 cases) and a one-case record (a dossier read) through ``koers.verwerkingen.services``,
  each in its own transaction, a few times a second, alongside the clients, and times the
  calls;
- when the log is sealed by ``koers worker`` (the schema has ``volgnummer``): a worker runs
  alongside, and the samples also record the unsealed window (records and oldest age).

The 16 clients are Python threads (httpx) by default. They share the two cores with the
server they measure, and once the server is CPU-bound that costs it throughput: with
``--wrk`` (``wrk`` on the PATH) the clients are wrk's, in C, for ``--seconds`` each, one
connection and session per client, and the figures are wrk's.

Not a test: run it by hand, e.g.::

    .venv/bin/python benchmarks/logboek.py --n 100000
    .venv/bin/python benchmarks/logboek.py --n 1000000 --requests 640
    .venv/bin/python benchmarks/logboek.py --n 1000000 --wrk --seconds 20
"""

from __future__ import annotations

import argparse
import collections
import json
import multiprocessing
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import psycopg
from gedeeld import ensure_database, run_threads, wait_for
from lijsten import count_trajecten, koers, login

ROOT = Path(__file__).resolve().parent.parent
KOERS = str(ROOT / ".venv" / "bin" / "koers")
CLIENTS = 16
ONE_CLIENT_REQUESTS = 40
SAMPLE_SECONDS = 0.1

LOCK_SAMPLE = """
SELECT wait_event_type, wait_event, state, left(query, 60)
FROM pg_stat_activity
WHERE datname = current_database() AND pid <> pg_backend_pid()
"""
WINDOW_SAMPLE = """
SELECT count(*), coalesce(extract(epoch FROM now() - min(tijdstip)), 0)
FROM verwerkingen_verwerking WHERE volgnummer IS NULL
"""


def cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine since boot, from ``/proc/stat``."""
    with open("/proc/stat") as stat:
        fields = [int(value) for value in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    return sum(fields) - idle, sum(fields)


def process_ticks() -> dict[str, tuple[str, int]]:
    """CPU ticks (user + system) of every web process (gunicorn), ``koers worker`` and
    PostgreSQL process, by pid, from ``/proc``."""
    ticks = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as stat, open(f"/proc/{pid}/cmdline") as cmd:
                regel, opdracht = stat.read(), cmd.read()
        except OSError:
            continue
        naam = regel[regel.index("(") + 1 : regel.rindex(")")]
        velden = regel[regel.rindex(")") + 2 :].split()
        soort = (
            "postgres"
            if naam.startswith("postgres")
            else "web"
            if "gunicorn" in opdracht
            else "worker"
            if "koers\x00worker" in opdracht
            else ""
        )
        if soort:
            ticks[pid] = (soort, int(velden[11]) + int(velden[12]))
    return ticks


class CpuBusy:
    """The share of the machine's CPU time that was busy between enter and exit: whether the
    clients found the cores full (then only less work per request adds throughput) or left
    some idle (then more web processes can use them); and the CPU time the web processes and
    PostgreSQL spent, to divide by the requests served."""

    def __enter__(self):
        self.before, self.ticks_before = cpu_times(), process_ticks()
        return self

    def __exit__(self, *exc):
        self.after, self.ticks_after = cpu_times(), process_ticks()

    def result(self) -> float:
        busy = self.after[0] - self.before[0]
        total = self.after[1] - self.before[1]
        return round(100 * busy / total, 1) if total else 0.0

    def ms_per_request(self, requests: int) -> dict[str, float]:
        """CPU milliseconds per request of the web processes, the worker (the sealer) and
        PostgreSQL (its every process: the sealer's and the samplers' sessions included)."""
        per_soort = {"web": 0, "worker": 0, "postgres": 0}
        for pid, (soort, ticks) in self.ticks_after.items():
            per_soort[soort] += ticks - self.ticks_before.get(pid, (soort, 0))[1]
        hertz = os.sysconf("SC_CLK_TCK")
        return {
            soort: round(ticks / hertz / max(requests, 1) * 1000, 2)
            for soort, ticks in per_soort.items()
        }


def is_sealed_log(url: str) -> bool:
    with psycopg.connect(url) as conn:
        return bool(
            conn.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_name = "
                "'verwerkingen_verwerking' AND column_name = 'volgnummer'"
            ).fetchone()
        )


class LockSampler:
    """Samples ``pg_stat_activity`` every 100 ms in a thread of its own."""

    def __init__(self, url: str, *, window: bool = False):
        self.url = url
        self.window = window
        self.window_samples: list[tuple[int, float]] = []
        self.samples = 0
        self.samples_with_lock_wait = 0
        self.active_sessions: list[int] = []
        self.wait_events: collections.Counter[str] = collections.Counter()
        self.lock_waiters: collections.Counter[str] = collections.Counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run)

    def _run(self):
        with psycopg.connect(self.url, autocommit=True) as conn:
            while not self._stop.is_set():
                rows = conn.execute(LOCK_SAMPLE).fetchall()
                self.samples += 1
                self.active_sessions.append(sum(1 for row in rows if row[2] == "active"))
                if any(row[0] == "Lock" for row in rows):
                    self.samples_with_lock_wait += 1
                for kind, event, state, query in rows:
                    if state == "active" and kind:
                        self.wait_events[f"{kind}:{event}"] += 1
                    if kind == "Lock":
                        self.lock_waiters[query] += 1
                if self.window:
                    count, age = conn.execute(WINDOW_SAMPLE).fetchone()
                    self.window_samples.append((count, float(age)))
                self._stop.wait(SAMPLE_SECONDS)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def result(self) -> dict:
        share = self.samples_with_lock_wait / self.samples if self.samples else 0.0
        window = {}
        if self.window_samples:
            counts = [count for count, _ in self.window_samples]
            ages = [age for _, age in self.window_samples]
            window = {
                "unsealed_records_median": statistics.median(counts),
                "unsealed_records_max": max(counts),
                "oldest_unsealed_age_s_max": round(max(ages), 2),
            }
        return {
            "samples": self.samples,
            "samples_with_lock_wait_pct": round(100 * share, 1),
            "samples_without_lock_wait_pct": round(100 * (1 - share), 1),
            "mean_active_sessions": round(statistics.fmean(self.active_sessions or [0]), 1),
            "wait_events": dict(self.wait_events.most_common(8)),
            "lock_waiting_queries": dict(self.lock_waiters.most_common(4)),
            **window,
        }


def _time_log_writes(env: dict, stop, results, pause: float) -> None:
    """In a process of its own (no GIL shared with the client threads): every ``pause``
    seconds, write through the Koers service, each in its own transaction, one list record
    of 25 cases (a list page) and one record of a single case (a dossier page), and time each
    call."""
    setup_django(env)
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from koers.inburgeraars.models import Inburgeraar, Traject
    from koers.verwerkingen.services import log_lezen, log_lezen_lijst

    user = get_user_model().objects.get(username="adviseur-weert")
    zaken = list(
        Traject.objects.filter(adviseur=user)
        .order_by("pk")
        .values_list("inburgeraar_id", "pk")[:25]
    )
    persoon = Inburgeraar.objects.get(pk=zaken[0][0])
    timings: dict[str, list[float]] = {"lijst": [], "zaak": []}
    while not stop.is_set():
        with transaction.atomic():
            start = time.perf_counter()
            log_lezen_lijst(user, zaken, ["naam"], kanaal="api")
            timings["lijst"].append((time.perf_counter() - start) * 1000)
        with transaction.atomic():
            start = time.perf_counter()
            log_lezen(user, persoon, ["personalia"], kanaal="web")
            timings["zaak"].append((time.perf_counter() - start) * 1000)
        stop.wait(pause)
    results.put((len(zaken), timings))


class LogWriteTimer:
    """The log's cost per read, measured in-process by a separate writer process under the
    same load as the clients (see :func:`_time_log_writes`)."""

    def __init__(self, env: dict, pause: float = 0.2):
        context = multiprocessing.get_context("spawn")
        self._stop = context.Event()
        self._results = context.Queue()
        self._process = context.Process(
            target=_time_log_writes, args=(env, self._stop, self._results, pause)
        )
        self.cases = 0
        self.timings: dict[str, list[float]] = {}

    def __enter__(self):
        self._process.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self.cases, self.timings = self._results.get(timeout=60)
        self._process.join(timeout=30)

    def result(self) -> dict:
        lijst = sorted(self.timings.get("lijst", []))
        zaak = sorted(self.timings.get("zaak", []))
        if not lijst:
            return {"writes": 0}
        return {
            "writes": len(lijst),
            "cases_per_write": self.cases,
            "median_ms": round(statistics.median(lijst), 2),
            "p95_ms": round(lijst[int(0.95 * (len(lijst) - 1))], 2),
            "median_ms_per_case": round(statistics.median(lijst) / max(self.cases, 1), 3),
            "one_case_median_ms": round(statistics.median(zaak), 2),
            "one_case_p95_ms": round(zaak[int(0.95 * (len(zaak) - 1))], 2),
        }


def server_log_writes(base: str, token: str) -> tuple[float, float] | None:
    """Sum and count of ``koers_verwerkingen_write_duration_seconds`` over all web processes
    (the log writes of the requests themselves); ``None`` when the code does not measure it."""
    from prometheus_client.parser import text_string_to_metric_families

    answer = httpx.get(base + "/metrics", headers={"Authorization": f"Bearer {token}"})
    if answer.status_code != 200:
        return None
    total = count = None
    for family in text_string_to_metric_families(answer.text):
        if family.name != "koers_verwerkingen_write_duration_seconds":
            continue
        for sample in family.samples:
            if sample.name.endswith("_sum"):
                total = (total or 0.0) + sample.value
            elif sample.name.endswith("_count"):
                count = (count or 0.0) + sample.value
    return (total, count) if total is not None and count is not None else None


def histogram_delta(before, after) -> dict | None:
    if before is None or after is None or after[1] <= before[1]:
        return None
    calls = after[1] - before[1]
    return {"calls": int(calls), "mean_ms": round(1000 * (after[0] - before[0]) / calls, 3)}


def measure_clients(clients: list[httpx.Client], path: str, requests: int) -> dict:
    """Like lijsten.measure, with clients made (and logged in) beforehand: one thread per
    client, ``requests`` in all."""
    timings: list[float] = []
    errors = 0
    lock = threading.Lock()
    per_client = max(1, requests // len(clients))
    queue = list(clients)

    def worker():
        nonlocal errors
        with lock:
            client = queue.pop()
        client.get(path)  # warm-up: connection and caches
        local, local_errors = [], 0
        for _ in range(per_client):
            start = time.perf_counter()
            answer = client.get(path)
            local.append((time.perf_counter() - start) * 1000)
            if answer.status_code != 200:
                local_errors += 1
        with lock:
            timings.extend(local)
            errors += local_errors

    wall = run_threads(worker, len(clients))
    timings.sort()
    return {
        "requests": len(timings),
        "errors": errors,
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
        "requests_per_s": round(len(timings) / wall, 1),
    }


# One wrk thread per client, each with its own connection and its own headers (a session
# cookie or a token): wrk's setup() hands every thread its client's headers.
WRK_SCRIPT = """
local clients = {%(clients)s}
local next_client = 0
function setup(thread)
  next_client = next_client + 1
  thread:set("client", next_client)
end
function init(args)
  for name, value in pairs(clients[client]) do wrk.headers[name] = value end
end
function done(summary, latency, requests)
  io.write(string.format(
    "RESULT %%d %%d %%d %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    summary.errors.status, summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency.mean, latency.max))
end
"""


def _lua_headers(headers: dict[str, str]) -> str:
    return "{" + ", ".join(f"[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()) + "}"


def client_headers(client: httpx.Client) -> dict[str, str]:
    """What a client sends with each request: its token, or its session cookies."""
    headers = {k: v for k, v in client.headers.items() if k.lower() == "authorization"}
    if client.cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
    return headers


def measure_wrk(base: str, clients: list[httpx.Client], path: str, seconds: int) -> dict:
    """The same load as :func:`measure_clients`, generated by wrk (one thread and one
    connection per client, for ``seconds``)."""
    script = WRK_SCRIPT % {"clients": ", ".join(_lua_headers(client_headers(c)) for c in clients)}
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(script)
        lua.flush()
        out = subprocess.run(
            [
                "wrk",
                f"-t{len(clients)}",
                f"-c{len(clients)}",
                f"-d{seconds}s",
                "-s",
                lua.name,
                base + path,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    fields = next(line for line in out.splitlines() if line.startswith("RESULT")).split()[1:]
    requests, duration_us, status_errors, socket_errors, p50, p95, _mean, _max = map(int, fields)
    return {
        "requests": requests,
        "errors": status_errors + socket_errors,
        "median_ms": round(p50 / 1000, 1),
        "p95_ms": round(p95 / 1000, 1),
        "requests_per_s": round(requests / (duration_us / 1e6), 1),
        "load_generator": "wrk",
    }


def setup_django(env: dict) -> None:
    """Django in this process, on the benchmark's database. Koers comes from the venv (an
    editable install of this checkout), or from PYTHONPATH when that is set: so the same
    script measures another tree of the code."""
    os.environ.update({key: env[key] for key in ("DATABASE_URL", "KOERS_DEMO")})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.config.settings")
    import django

    django.setup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="trajecten to seed")
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/koers_bench_logboek"
    )
    parser.add_argument("--port", type=int, default=8771)
    parser.add_argument("--requests", type=int, default=320, help="per scenario, all clients")
    parser.add_argument(
        "--workers", type=int, help="gunicorn worker processes (default: as `koers run`)"
    )
    parser.add_argument("--threads", type=int, help="threads per worker (default: as `koers run`)")
    parser.add_argument("--fresh", action="store_true", help="drop and re-create the database")
    parser.add_argument(
        "--wrk", action="store_true", help="generate the 16 clients' load with wrk (C)"
    )
    parser.add_argument("--seconds", type=int, default=20, help="per scenario, with --wrk")
    parser.add_argument(
        "--zonder-verzegelaar",
        action="store_true",
        help="no sealing worker beside the clients: its share of the machine, by difference",
    )
    args = parser.parse_args()
    if args.wrk and not shutil.which("wrk"):
        raise SystemExit("--wrk: wrk is not on the PATH")

    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "KOERS_DEMO": "true",
        "KOERS_PORT": str(args.port),
        **({"KOERS_WEB_WORKERS": str(args.workers)} if args.workers else {}),
        **({"KOERS_WEB_THREADS": str(args.threads)} if args.threads else {}),
        "KOERS_METRICS_TOKEN": secrets.token_urlsafe(24),
        # The 16 clients share one user's token: at the API's default rate per user the
        # benchmark would measure the rate limit (cheap 429s), not the server.
        "KOERS_API_RATE_GEBRUIKER": "1000000/min",
    }
    ensure_database(args.database_url, fresh=args.fresh)
    koers(env, "migrate", "-v0")
    existing = count_trajecten(args.database_url)
    if not existing:
        # Only on an empty database: on a filled one the demo seed recomputes the signals of
        # every case (a million, minutes of both cores) before the first request.
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
    sealed = is_sealed_log(args.database_url)
    if sealed:
        koers(env, "verwerkingen-controleren", "--verzegelen")  # start with an empty window
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [KOERS, "run"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    worker = (
        subprocess.Popen(
            # Only the sealing: the comparison is about the log, and the other jobs (the
            # daily signals over a million cases, the dashboards) would load the same two
            # cores in one run and not in the other.
            [KOERS, "worker", "--taak", "verwerkingen-verzegelen"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if sealed and not args.zonder_verzegelaar
        else None
    )
    try:
        wait_for(base + "/inloggen/")

        def web_client():
            return login(base, "adviseur-weert")

        def api_client():
            return httpx.Client(
                base_url=base, timeout=60, headers={"Authorization": f"Token {token}"}
            )

        scenarios = {
            "api_inburgeraars_eerste_pagina": (api_client, "/api/v1/inburgeraars?page_size=25"),
            "werkvoorraad": (web_client, "/"),
        }
        results = {
            "trajecten": count_trajecten(args.database_url),
            "sealed_by_worker": sealed,
            "scenarios": {},
        }
        metrics_token = env["KOERS_METRICS_TOKEN"]
        for name, (make_client, path) in scenarios.items():
            # Logged in one after the other: sixteen logins of one user at the same moment
            # wait on each other (and a failed one would silently drop a client).
            clients = [make_client() for _ in range(CLIENTS)]
            before = server_log_writes(base, metrics_token)
            alone = measure_clients(clients[:1], path, ONE_CLIENT_REQUESTS)
            between = server_log_writes(base, metrics_token)
            with (
                LockSampler(args.database_url, window=sealed) as sampler,
                LogWriteTimer(env) as timer,
                CpuBusy() as cpu,
            ):
                together = (
                    measure_wrk(base, clients, path, args.seconds)
                    if args.wrk
                    else measure_clients(clients, path, args.requests)
                )
            after = server_log_writes(base, metrics_token)
            results["scenarios"][name] = {
                "1_client": alone,
                f"{CLIENTS}_clients": together,
                "pg_stat_activity": sampler.result(),
                "cpu_busy_pct": cpu.result(),
                "cpu_ms_per_request": cpu.ms_per_request(together["requests"]),
                "log_write_in_process": timer.result(),
                "log_write_in_requests": {
                    "1_client": histogram_delta(before, between),
                    f"{CLIENTS}_clients": histogram_delta(between, after),
                },
            }
        if sealed:
            time.sleep(5)  # the worker seals the rest of the window
            results["check"] = koers(env, "verwerkingen-controleren", capture=True)
        print(json.dumps(results, indent=2))
    finally:
        for process in (server, worker):
            if process is not None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()


if __name__ == "__main__":
    main()
