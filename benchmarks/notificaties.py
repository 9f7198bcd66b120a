"""Benchmark: notifications from DUO accepted per second, durably stored (201 after commit).

Starts Koers exactly as ``koers run`` does (gunicorn) against a fresh database and POSTs N
valid notifications to ``/duo/v1/notificaties`` from C concurrent clients over real HTTP,
10% of them repeating an earlier berichtId, after a warm-up that lets every gunicorn worker
load its views. Checks afterwards that every distinct berichtId is stored exactly once.
Prints the rate as JSON, with the CPU the server used per notification (start-up included).
Run by hand, per database::

    .venv/bin/python benchmarks/notificaties.py                       # embedded SQLite
    .venv/bin/python benchmarks/notificaties.py --database-url postgres://postgres@127.0.0.1:5432/koers_bench_notif

The clients are wrk's connections (Debian package ``wrk``) when it is installed: DUO's sender
runs on its own machines, and a Python client on the same two cores took about a third of
them. ``--client python`` uses httpx threads instead, as before.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
from gedeeld import ensure_database, run_threads, wait_for

from koers.inburgeraars.rules import bsns_vanaf

ROOT = Path(__file__).resolve().parent.parent
KOERS = str(ROOT / ".venv" / "bin" / "koers")
DUO_OIN = "00000001234567890000"
BENCH_BSN_PREFIX = 30_000_000  # BSN 300000000 and up


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="")
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument(
        "--client", choices=["wrk", "python"], default="wrk" if shutil.which("wrk") else "python"
    )
    args = parser.parse_args()

    tmp = tempfile.mkdtemp()
    url = args.database_url or f"sqlite:///{tmp}/koers.sqlite3"
    if url.startswith("postgres"):
        ensure_database(url, fresh=True)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "KOERS_DEMO": "true",
        "KOERS_DATA_DIR": tmp,
        "KOERS_PORT": str(args.port),
        "KOERS_DUO_BASE_URL": "http://127.0.0.1:9/v1",
    }
    subprocess.run([KOERS, "migrate", "-v0"], env=env, check=True)
    subprocess.run([KOERS, "seed"], env=env, check=True, stdout=subprocess.DEVNULL)
    weert_oin = subprocess.run(
        [
            KOERS,
            "shell",
            "--no-imports",
            "-c",
            "from koers.organisaties.models import Gemeente;"
            "print(Gemeente.objects.get(gemeentecode='0988').oin)",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()

    ids = [str(uuid.uuid4()) for _ in range(int(args.n * 0.9))]
    berichten = list(zip(ids, bsns_vanaf(BENCH_BSN_PREFIX), strict=False))
    berichten += [berichten[i] for i in range(args.n - len(berichten))]  # 10% repeated
    cpu_voor = _cpu_van_kinderen()
    server = subprocess.Popen(
        [KOERS, "run"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        wait_for(base + "/inloggen/")

        def opwarmen():
            # Every worker loads its URLconf and views on its first request: not part of
            # the steady rate this benchmark measures.
            with httpx.Client(base_url=base, timeout=30) as http:
                for _ in range(10):
                    http.get("/inloggen/")

        run_threads(opwarmen, args.clients)
        fouten = []
        if args.client == "wrk":
            duur = _met_wrk(base, berichten, args.clients, DUO_OIN, weert_oin, fouten)
            berichten_over = []
        else:
            berichten_over = berichten
        volgende = iter(berichten_over)
        lock = threading.Lock()

        def client():
            with httpx.Client(base_url=base, timeout=30) as http:
                while True:
                    with lock:
                        item = next(volgende, None)
                    if item is None:
                        return
                    bericht_id, nummer = item
                    antwoord = http.post(
                        "/duo/v1/notificaties",
                        headers={"bron": DUO_OIN, "doel": weert_oin, "berichtId": bericht_id},
                        json={
                            "registratieDatumTijd": "2026-11-28T10:00:00+01:00",
                            "bsn": nummer,
                            "gebeurtenisId": "SS139",
                        },
                    )
                    if antwoord.status_code != 201:
                        fouten.append(antwoord.status_code)

        if args.client == "python":
            duur = run_threads(client, args.clients)
    finally:
        server.terminate()
        server.wait(timeout=10)
    # CPU of gunicorn and its workers (start-up included): steadier than the rate on a
    # machine that is busy with other work.
    server_cpu = _cpu_van_kinderen() - cpu_voor
    opgeslagen = subprocess.run(
        [
            KOERS,
            "shell",
            "--no-imports",
            "-c",
            "from koers.duo.models import Notificatie;print(Notificatie.objects.count())",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(
        json.dumps(
            {
                "database": "postgresql" if url.startswith("postgres") else "sqlite",
                "verstuurd": len(berichten),
                "uniek": len(ids),
                "opgeslagen": int(opgeslagen),
                "fouten": len(fouten),
                "clients": args.clients,
                "client": args.client,
                "seconden": round(duur, 2),
                "per_seconde": round(len(berichten) / duur, 1),
                "workers": int(os.environ.get("KOERS_WEB_WORKERS", 2)),
                "threads": int(os.environ.get("KOERS_WEB_THREADS", 4)),
                "server_cpu_ms_per_notificatie": round(server_cpu * 1000 / len(berichten), 2),
                "load": os.getloadavg()[0],
            },
            indent=2,
        )
    )


# One wrk thread per connection, each sending its own share of the notifications in order
# and stopping after it; a status other than 201 is counted as an error.
_WRK_SCRIPT = """
local regels, i, fouten = {}, 0, 0
local koppen = {["Content-Type"] = "application/json", ["bron"] = BRON, ["doel"] = DOEL}
function setup(thread)
  thread:set("nummer", teller)
  teller = teller + 1
end
function init(args)
  local n = 0
  for regel in io.lines(BESTAND) do
    if n % DRADEN == nummer then table.insert(regels, regel) end
    n = n + 1
  end
end
function request()
  i = i + 1
  local regel = regels[math.min(i, #regels)]
  local id, bsn = regel:match("(%S+) (%S+)")
  koppen["berichtId"] = id
  return wrk.format("POST", "/duo/v1/notificaties", koppen,
    '{"registratieDatumTijd": "2026-11-28T10:00:00+01:00", "bsn": "' .. bsn ..
    '", "gebeurtenisId": "SS139"}')
end
function response(status, headers, body)
  if status ~= 201 then fouten = fouten + 1 end
  if i >= #regels then
    io.stderr:write("fouten " .. fouten .. "\\n")
    wrk.thread:stop()
  end
end
"""


def _met_wrk(base, berichten, clients, bron, doel, fouten) -> float:
    """Sends ``berichten`` with wrk, one connection per thread; returns the seconds it took."""
    map_ = Path(tempfile.mkdtemp())
    bestand = map_ / "berichten.txt"
    bestand.write_text("".join(f"{b} {n}\n" for b, n in berichten))
    script = map_ / "notificaties.lua"
    script.write_text(
        f'teller = 0\nBESTAND = "{bestand}"\nDRADEN = {clients}\n'
        f'BRON = "{bron}"\nDOEL = "{doel}"\n' + _WRK_SCRIPT
    )
    # wrk runs for its whole -d even when every thread stopped: the run ends when each thread
    # reported its errors on stderr.
    begin = time.perf_counter()
    wrk = subprocess.Popen(
        ["wrk", "-t", str(clients), "-c", str(clients), "-d", "600s", "-s", str(script), base],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    klaar = 0
    for regel in wrk.stderr:
        if regel.startswith("fouten "):
            fouten.extend([0] * int(regel.split()[1]))
            klaar += 1
            if klaar == clients:
                break
    duur = time.perf_counter() - begin
    wrk.kill()
    wrk.wait()
    return duur


def _cpu_van_kinderen() -> float:
    gebruik = resource.getrusage(resource.RUSAGE_CHILDREN)
    return gebruik.ru_utime + gebruik.ru_stime


if __name__ == "__main__":
    main()
