"""Benchmark: one full run of the signal engine (issue 4 §9) over N trajecten.

Seeds N trajecten (default 100,000; the budget is for 1,000,000) into a PostgreSQL database
with ``koers seed --inburgeraars``, adds refused DUO messages for a share of the open cases,
and then times :func:`koers.monitoring.engine.bereken_signalen` in this process:

1. ``eerste_run``: the first run ever. It also plans the voortgangsgesprekken of every case
   with a vastgesteld PIP (the scale seed writes PIPs without going through the services, so
   nothing is planned yet) and inserts every signal. A one-off: in production the planning
   is made when a PIP is vastgesteld.
2. ``dagelijkse_run``: the next day's run, the one the worker does every day. This is the
   figure of the budget (≤ 30 s at 1,000,000 trajecten).
3. ``zelfde_dag``: a second run on the same day (nothing changes).
4. ``bereken_voor_1``: "on change" for one case.

Prints the timings, the number of signals per kind and the seconds per source as JSON. Run by
hand::

    .venv/bin/python benchmarks/signalen.py --n 1000000
    .venv/bin/python benchmarks/signalen.py --n 2000 --database-url sqlite:////tmp/sig.sqlite3
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KOERS = str(ROOT / ".venv" / "bin" / "koers")


def koers(env, *args):
    subprocess.run([KOERS, *args], env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="trajecten to seed")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/koers_bench")
    parser.add_argument("--fresh", action="store_true", help="drop and re-create the database")
    parser.add_argument(
        "--geweigerd",
        type=float,
        default=0.01,
        help="share of open cases with a refused DUO message (default 0.01)",
    )
    args = parser.parse_args()

    postgres = args.database_url.startswith("postgres")
    env = {**os.environ, "DATABASE_URL": args.database_url, "KOERS_DEMO": "true"}
    if postgres:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from gedeeld import ensure_database

        ensure_database(args.database_url, fresh=args.fresh)
    koers(env, "migrate", "-v0")
    koers(env, "seed")

    os.environ.update(
        DATABASE_URL=args.database_url,
        KOERS_DEMO="true",
        DJANGO_SETTINGS_MODULE="koers.config.settings",
    )
    import django

    django.setup()
    from django.db import connection

    from koers.inburgeraars.models import Traject

    bestaand = Traject.objects.count()
    if bestaand < args.n:
        start = time.perf_counter()
        koers(env, "seed", "--inburgeraars", str(args.n - bestaand))
        print(
            f"seeded {args.n - bestaand} trajecten in {time.perf_counter() - start:.0f} s",
            file=sys.stderr,
        )
    _weiger_berichten(args.geweigerd)
    if postgres:
        connection.close()
        import psycopg

        with psycopg.connect(
            args.database_url.replace("postgres://", "postgresql://", 1), autocommit=True
        ) as conn:
            conn.execute("VACUUM ANALYZE")

    from koers.inburgeraars.services import vandaag
    from koers.monitoring import engine
    from koers.monitoring.models import Signaal

    dag = vandaag()
    resultaat: dict = {"trajecten": Traject.objects.count(), "database": connection.vendor}
    for naam, dag_van_run in (
        ("eerste_run", dag),
        ("dagelijkse_run", dag + timedelta(days=1)),
        ("zelfde_dag", dag + timedelta(days=1)),
    ):
        start = time.perf_counter()
        uitkomst = engine.bereken_signalen(dag_van_run)
        resultaat[naam] = {
            "seconden": round(time.perf_counter() - start, 2),
            "nieuw": uitkomst.nieuw,
            "bijgewerkt": uitkomst.bijgewerkt,
            "gesloten": uitkomst.gesloten,
            "heropend": uitkomst.heropend,
            "per_bron_s": uitkomst.per_bron,
        }
    een = (
        Traject.objects.exclude(status="afgerond")
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    start = time.perf_counter()
    engine.bereken_voor([een], dag + timedelta(days=1))
    resultaat["bereken_voor_1"] = {"seconden": round(time.perf_counter() - start, 3)}
    resultaat["open_signalen_per_soort"] = dict(
        Signaal.objects.filter(actief=True, status="open")
        .values_list("soort")
        .annotate(n=__import__("django.db.models", fromlist=["Count"]).Count("id"))
        .values_list("soort", "n")
    )
    resultaat["budget_s"] = 30
    resultaat["binnen_budget"] = resultaat["dagelijkse_run"]["seconden"] <= 30
    print(json.dumps(resultaat, indent=2, default=str))


def _weiger_berichten(aandeel: float) -> None:
    """Refused DUO messages for a share of the open cases (idempotent: only when none)."""
    from django.db import transaction

    from koers.duo.models import Bericht
    from koers.inburgeraars.models import Traject

    if aandeel <= 0 or Bericht.objects.filter(status="geweigerd").exists():
        return
    stap = max(int(1 / aandeel), 1)
    rijen = Traject.objects.exclude(status="afgerond").values_list("id", "gemeente_id")
    nieuw = []
    for i, (traject_id, gemeente_id) in enumerate(rijen.iterator(chunk_size=10_000)):
        if i % stap == 0:
            nieuw.append(
                Bericht(
                    soort="pip",
                    operation_id="postPipByBsn",
                    methode="POST",
                    pad="/personen/pip",
                    gemeente_id=gemeente_id,
                    traject_id=traject_id,
                    status="geweigerd",
                    laatste_statuscode=422,
                    foutteksten=["De dagtekening ligt voor de vestiging."],
                )
            )
    with transaction.atomic():
        Bericht.objects.bulk_create(nieuw, batch_size=5000)


if __name__ == "__main__":
    main()
