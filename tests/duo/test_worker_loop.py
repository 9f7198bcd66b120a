"""``koers worker``: one round does deliveries, notifications and herstel; it stops cleanly."""

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import date, timedelta

import httpx
import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from koers.duo import herstel, outbox, worker
from koers.duo import taken as duo_taken
from koers.duo.client import DuoClient
from koers.duo.models import Bericht
from koers.inburgeraars.models import Traject
from koers.taken import planner
from tests import testdatabase
from tests.duo.keten_hulp import notificatie, standaard
from tests.duo.nep_duo import NepDuo
from tests.factories import InburgeraarFactory, TrajectFactory


def test_een_ronde_levert_af_en_verwerkt_notificaties(traject_weert):
    nep = standaard(NepDuo())
    nep.zet("postPipByBsn", (201, None))
    with transaction.atomic():
        bericht = outbox.plaats(
            soort="pip",
            operation_id="postPipByBsn",
            gemeente=traject_weert.gemeente,
            traject=traject_weert,
            path_params={"bsn": traject_weert.inburgeraar.bsn},
            body={"dagtekeningPip": "2026-07-01", "leerroute": "B"},
        )
    n = notificatie(traject_weert.gemeente, "SS102", traject_weert.inburgeraar.bsn)
    assert worker.ronde(client=nep.client()) == 2
    bericht.refresh_from_db()
    n.refresh_from_db()
    assert (bericht.status, n.status) == ("afgeleverd", "verwerkt")


def test_draai_eenmalig_stopt_na_een_ronde(weert):
    nep = NepDuo()
    planner.draai(eenmalig=True, herstel_interval=0, duo_client=nep.client())
    assert nep.verzoeken == []


def test_stopsignaal_stopt_de_lus(weert):
    # The thread has its own connection: on PostgreSQL what it writes is committed and would
    # outlive this test, so it runs the DUO chain's jobs only, not the signal engine.
    stop = threading.Event()
    draad = threading.Thread(
        target=planner.draai,
        kwargs={
            "slaap": 0.05,
            "herstel_interval": 0,
            "stop": stop,
            "duo_client": NepDuo().client(),
            "taken": duo_taken.TAKEN,
        },
    )
    draad.start()
    time.sleep(0.2)
    stop.set()
    draad.join(timeout=5)
    assert not draad.is_alive()


def test_stopsignaal_tijdens_een_reeks_stopt_na_het_huidige_bericht(traject_weert):
    nep = NepDuo()
    stop = threading.Event()

    def antwoord_en_stop(request):
        stop.set()  # SIGTERM arrives while the first message is being delivered
        return nep(request)

    nep.zet("postPipByBsn", (201, None))
    with transaction.atomic():
        for _ in range(3):
            outbox.plaats(
                soort="pip",
                operation_id="postPipByBsn",
                gemeente=traject_weert.gemeente,
                path_params={"bsn": traject_weert.inburgeraar.bsn},
                body={"dagtekeningPip": "2026-07-01", "leerroute": "B"},
            )
    client = DuoClient(
        base_url="https://duo.test/v1", transport=httpx.MockTransport(antwoord_en_stop)
    )
    assert outbox.lever_af(client=client, stop=stop) == 1
    assert Bericht.objects.filter(status="afgeleverd").count() == 1
    assert Bericht.objects.filter(status="wachtend", geclaimd_tot__isnull=True).count() == 2


def test_command_eenmalig(weert, capsys):
    call_command("worker", "--eenmalig", "--herstel-interval", "0")
    assert "Worker gestopt." in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_worker_als_los_proces_stopt_netjes_bij_sigterm(request, tmp_path_factory, tmp_path):
    db = testdatabase.gemigreerde_sqlite(
        request.config, tmp_path_factory, tmp_path / "koers.sqlite3"
    )
    omgeving = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "KOERS_DEMO": "true",
        "KOERS_DUO_BASE_URL": "http://127.0.0.1:9/v1",
        "PYTHONUNBUFFERED": "1",
    }
    koers = [sys.executable, "-m", "koers.cli"]
    proces = subprocess.Popen(  # noqa: S603
        [*koers, "worker", "--slaap", "0.2", "--herstel-interval", "0"],
        env=omgeving,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proces.stdout.readline().strip() == "Worker gestart."  # handlers installed
    time.sleep(0.5)
    proces.send_signal(signal.SIGTERM)
    uit, fout = proces.communicate(timeout=20)
    assert proces.returncode == 0, fout
    assert "Worker gestopt." in uit


# -- herstel ------------------------------------------------------------------------------------


def _trajecten(weert, aantal):
    return [TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert)) for _ in range(aantal)]


def test_herstel_kiest_oudst_gecontroleerde_open_zaken_in_een_query(weert):
    a, b, c, d = _trajecten(weert, 4)
    nu = timezone.now()
    Traject.objects.filter(pk=a.pk).update(duo_gecontroleerd_op=nu - timedelta(days=1))
    Traject.objects.filter(pk=b.pk).update(duo_gecontroleerd_op=nu - timedelta(days=3))
    Traject.objects.filter(pk=d.pk).update(status="afgerond", afrondingsreden="voldaan")
    with CaptureQueriesContext(connection) as queries:
        ids = herstel.te_controleren(10)
    assert len(queries) == 1
    assert ids == [c.pk, b.pk, a.pk] or ids == [b.pk, a.pk, c.pk]
    # never checked (NULL) comes first on PostgreSQL and SQLite alike
    assert ids[0] == c.pk


def test_herstel_respecteert_het_maximum_per_minuut(weert, settings):
    settings.DUO_HERSTEL_PER_MINUUT = 2
    _trajecten(weert, 5)
    nep = standaard(NepDuo())
    assert herstel.herstel(client=nep.client()) == 2
    assert len(nep.aanroepen("getInburgeringsplichtByBsn")) == 2
    assert Traject.objects.filter(duo_gecontroleerd_op__isnull=False).count() == 2


def test_herstel_neemt_termijn_over_en_sluit_als_de_plicht_voorbij_is(weert):
    open_, klaar = _trajecten(weert, 2)
    nep = standaard(NepDuo())
    nep.zet(
        "getInburgeringsplichtByBsn",
        (200, {"indicatorInburgeringsplicht": True}),
        (
            200,
            {
                "indicatorInburgeringsplicht": False,
                "redenGeenInburgeringsplicht": "Inburgeringsplicht voldaan",
            },
        ),
    )
    herstel.herstel(client=nep.client())
    open_.refresh_from_db()
    klaar.refresh_from_db()
    assert (open_.termijn_eind, open_.termijn_bron, open_.status) == (
        date(2029, 6, 1),
        "duo",
        "aangemeld",
    )
    assert (klaar.status, klaar.afrondingsreden) == ("afgerond", "voldaan")
    assert (
        "HERSTEL" in klaar.gebeurtenissen.get(soort="status").toelichting
        or "controle bij DUO" in klaar.gebeurtenissen.get(soort="status").toelichting
    )


def test_herstel_stopt_als_duo_plat_ligt(weert):
    _trajecten(weert, 3)
    nep = NepDuo()
    nep.zet("getInburgeringsplichtByBsn", (503, None))
    assert herstel.herstel(client=nep.client()) == 0
    assert not Traject.objects.filter(duo_gecontroleerd_op__isnull=False).exists()
