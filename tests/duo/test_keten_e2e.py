"""The whole chain over real HTTP: the DUO simulator notifies Koers' live server, the worker
opens the case from DUO's data, the adviseur does intake and PIP, and the PIP arrives at DUO.
Then the faults: DUO answering 503, DUO unreachable, and a worker killed mid-delivery."""

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager

import pytest
import time_machine
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from koers.bouwstenen.weigering import Weigering
from koers.duo import outbox, worker
from koers.duo.client import DuoClient
from koers.duo.models import Bericht, Notificatie
from koers.inburgeraars.models import Inburgeraar
from koers.inburgeraars.services import wijs_adviseur_toe
from koers.pip.services import bewaar_concept, stel_vast
from tests import testdatabase
from tests.duo.meldingen_gegevens import intake_af
from tests.duo.simulator_hulp import AMIRA, WEERT_OIN, duo_fixture, duo_sim_server_fixture  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def keten(duo, live_server, weert, settings):
    """Koers' live server and the simulator, pointed at each other."""
    duo.sim.koers_url = live_server.url
    settings.DUO_BASE_URL = duo.base_url
    return duo


def _pip_ontvangen(duo):
    return [o for o in duo.sim.ontvangen if o["operationId"] == "postPipByBsn"]


def test_ss139_opent_de_zaak_en_het_pip_komt_aan_bij_duo(keten, adviseur_weert):
    resultaat = keten.sim.notificeer("SS139", bsn=AMIRA)
    assert resultaat.status == 201
    notificatie = Notificatie.objects.get()  # durable before the 201
    assert notificatie.status == Notificatie.Status.NIEUW

    client = DuoClient(base_url=keten.base_url)
    worker.ronde(client=client)
    notificatie.refresh_from_db()
    assert notificatie.status == Notificatie.Status.VERWERKT, notificatie.fout
    inburgeraar = Inburgeraar.objects.get(bsn=AMIRA)
    traject = inburgeraar.huidig_traject
    assert inburgeraar.doelgroep == "Asielstatushouder"  # from DUO, not from Koers
    klok = timezone.localtime(notificatie.registratie_datum_tijd).date()
    assert traject.datum_start_pip_termijn == klok
    assert traject.pip_uiterlijk == klok + dt.timedelta(weeks=10)

    wijs_adviseur_toe(traject, adviseur_weert, adviseur_weert)
    intake_af(traject, adviseur_weert)
    with pytest.raises(Weigering):  # DUO would refuse A2 in the onderwijsroute: never sent
        concept = bewaar_concept(
            traject,
            adviseur_weert,
            {"dagtekening": timezone.localdate(), "leerroute": "O", "niveau": "A2"},
        )
        stel_vast(traject, concept.versie, adviseur_weert)
    assert not Bericht.objects.filter(soort="pip").exists()

    bewaar_concept(
        traject,
        adviseur_weert,
        {"leerroute": "B", "niveau": "", "dagtekening": timezone.localdate(), "pvt_uren": 12},
        versie=concept.versie,
    )
    stel_vast(traject, concept.versie, adviseur_weert)
    bericht = Bericht.objects.get(soort="pip")
    worker.ronde(client=client)
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.AFGELEVERD, bericht.foutteksten
    ontvangen = _pip_ontvangen(keten)
    assert [o["berichtId"] for o in ontvangen] == [str(bericht.bericht_id)]
    assert ontvangen[0]["status"] == 201
    assert ontvangen[0]["body"]["leerroute"] == "B"
    assert (
        keten.call("getPipByBsn", bsn=AMIRA).json()["pip"]["dagtekeningPip"]
        == timezone.localdate().isoformat()
    )


def _wachtend_pip(weert):
    with transaction.atomic():
        return outbox.plaats(
            soort="pip",
            operation_id="postPipByBsn",
            gemeente=weert,
            path_params={"bsn": AMIRA},
            body={"dagtekeningPip": timezone.localdate().isoformat(), "leerroute": "B"},
        )


def test_duo_geeft_503_dan_volgt_aflevering_na_nieuwe_pogingen_een_keer(keten, weert):
    bericht = _wachtend_pip(weert)
    keten.sim.storing = {"status": 503, "aantal": 2}
    client = DuoClient(base_url=keten.base_url)
    with time_machine.travel(timezone.now(), tick=True) as reis:
        for _ in range(6):
            outbox.lever_af(client=client)
            reis.shift(dt.timedelta(seconds=settings.DUO_BACKOFF_MAX + 1))
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.AFGELEVERD
    assert bericht.pogingen == 3
    statussen = [(o["berichtId"], o["status"]) for o in _pip_ontvangen(keten)]
    assert statussen == [
        (str(bericht.bericht_id), 503),
        (str(bericht.bericht_id), 503),
        (str(bericht.bericht_id), 201),
    ]


def test_berichten_wachten_tot_duo_weer_bereikbaar_is(keten, weert):
    bericht = _wachtend_pip(weert)
    onbereikbaar = DuoClient(base_url="http://127.0.0.1:9/v1", timeout=1)
    with time_machine.travel(timezone.now(), tick=True) as reis:
        for _ in range(3):
            outbox.lever_af(client=onbereikbaar)
            reis.shift(dt.timedelta(seconds=settings.DUO_BACKOFF_MAX + 1))
        bericht.refresh_from_db()
        assert bericht.status == Bericht.Status.WACHTEND and bericht.pogingen == 3
        outbox.lever_af(client=DuoClient(base_url=keten.base_url))
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.AFGELEVERD
    assert [o["berichtId"] for o in _pip_ontvangen(keten)] == [str(bericht.bericht_id)]


# --- a worker killed mid-delivery -------------------------------------------------------

KOERS = [sys.executable, "-m", "koers.cli"]


@contextmanager
def _losse_database(request, tmp_path_factory, tmp_path):
    """A migrated database of its own for worker processes: the test database lives inside
    this process (SQLite in memory) or inside its transactions."""
    if connection.vendor == "postgresql":
        import psycopg

        naam = f"koers_e2e_{uuid.uuid4().hex[:8]}"
        basis = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        testdatabase.gemigreerde_postgresql(connection, request.config, tmp_path_factory, naam)
        try:
            yield f"{basis}/{naam}", lambda sql: _lees_pg(f"{basis}/{naam}", sql)
        finally:
            with psycopg.connect(basis + "/postgres", autocommit=True) as beheer:
                beheer.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
    else:
        pad = testdatabase.gemigreerde_sqlite(
            request.config, tmp_path_factory, tmp_path / "koers.sqlite3"
        )
        yield f"sqlite:///{pad}", lambda sql: _lees_sqlite(pad, sql)


def _lees_pg(url, sql):
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(sql).fetchall()


def _lees_sqlite(pad, sql):
    with sqlite3.connect(pad) as conn:
        return conn.execute(sql).fetchall()


ZET_KLAAR = """
import django; django.setup()
from django.db import transaction
from django.utils import timezone
from koers.duo import outbox
from koers.organisaties.models import Arbeidsmarktregio, Gemeente, Organisatie
regio = Arbeidsmarktregio.objects.create(naam="Midden-Limburg")
weert = Gemeente.objects.create(organisatie=Organisatie.objects.create(naam="Weert",
    soort="gemeente"), gemeentecode="0988", oin="{oin}", arbeidsmarktregio=regio)
with transaction.atomic():
    outbox.plaats(soort="pip", operation_id="postPipByBsn", gemeente=weert,
                  path_params={{"bsn": "{bsn}"}},
                  body={{"dagtekeningPip": timezone.localdate().isoformat(), "leerroute": "B"}})
"""


def _wacht(voorwaarde, seconden=20):
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if voorwaarde():
            return True
        time.sleep(0.1)
    return False


def test_worker_gedood_tijdens_aflevering_levert_na_herstart_af_met_hetzelfde_berichtid(
    duo, request, tmp_path_factory, tmp_path
):
    with _losse_database(request, tmp_path_factory, tmp_path) as (url, lees):
        omgeving = {
            **os.environ,
            "DATABASE_URL": url,
            "KOERS_DEMO": "true",
            "KOERS_DUO_BASE_URL": duo.base_url,
            "KOERS_DUO_LEASE_SECONDEN": "3",
            "DJANGO_SETTINGS_MODULE": "koers.config.settings",
        }
        subprocess.run(
            [sys.executable, "-c", ZET_KLAAR.format(oin=WEERT_OIN, bsn=AMIRA)],  # noqa: S603
            env=omgeving,
            check=True,
            timeout=60,
        )
        [(bericht_id,)] = lees("SELECT bericht_id FROM duo_bericht")
        bericht_id = str(uuid.UUID(str(bericht_id)))

        duo.sim.storing = {"vertraging_ms": 5000}  # DUO is slow: the worker waits mid-delivery
        eerste = subprocess.Popen(  # noqa: S603
            [*KOERS, "worker", "--slaap", "0.2", "--herstel-interval", "0"],
            env=omgeving,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert _wacht(lambda: _pip_ontvangen(duo)), "de worker stuurde niets"
            eerste.send_signal(signal.SIGKILL)
            eerste.wait(timeout=10)
        finally:
            if eerste.poll() is None:
                eerste.kill()
        [(status,)] = lees("SELECT status FROM duo_bericht")
        assert status == "wachtend"  # nothing lost, nothing marked done

        duo.sim.storing = {}
        tweede = subprocess.Popen(  # noqa: S603
            [*KOERS, "worker", "--slaap", "0.2", "--herstel-interval", "0"],
            env=omgeving,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert _wacht(
                lambda: lees("SELECT status FROM duo_bericht")[0][0] == "afgeleverd", seconden=30
            )
        finally:
            tweede.send_signal(signal.SIGTERM)
            tweede.wait(timeout=20)
    ids = {o["berichtId"] for o in _pip_ontvangen(duo)}
    assert ids == {bericht_id}
    assert [o["status"] for o in _pip_ontvangen(duo)][-1] == 201
