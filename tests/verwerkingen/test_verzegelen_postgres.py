"""No request waits on a log lock, and sealers side by side never seal a record twice: with
real concurrent transactions, each thread on its own PostgreSQL connection.

PostgreSQL only: the SQLite test database allows one writer at a time (the whole database is
the lock), so concurrent transactions cannot be shown there.
"""

import threading
import time

import pytest
from django.db import IntegrityError, connection, transaction

from koers.verwerkingen import keten, rules, services
from koers.verwerkingen.models import Kop, Verwerking

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]

# Far above an INSERT's time and far below any wait worth the name.
LOCK_TIMEOUT = "500ms"


def _wachtende_locks() -> list[tuple]:
    with connection.cursor() as c:
        c.execute(
            "SELECT l.locktype, l.mode, a.query FROM pg_locks l "
            "JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE NOT l.granted AND a.datname = current_database()"
        )
        return c.fetchall()


class OpenTransactie(threading.Thread):
    """Writes log records in a transaction on its own connection and keeps the transaction
    open until released: an adviseur whose request is still running."""

    def __init__(self, schrijf):
        super().__init__()
        self.schrijf = schrijf
        self.geschreven = threading.Event()
        self.los = threading.Event()
        self.rijen = []
        self.fout = None

    def run(self):
        try:
            with transaction.atomic():
                self.rijen = self.schrijf()
                self.geschreven.set()
                assert self.los.wait(timeout=30)
        except Exception as fout:  # noqa: BLE001 - reported by the test
            self.fout = fout
            self.geschreven.set()
        finally:
            connection.close()


def test_a_log_write_does_not_wait_on_another_open_transaction(adviseur_weert, traject_weert):
    inburgeraar = traject_weert.inburgeraar
    eerste = OpenTransactie(
        lambda: [
            services.log_lezen(adviseur_weert, inburgeraar, ["naam"]),
            *services.log_lezen_lijst(adviseur_weert, [(inburgeraar.pk, traject_weert.pk)], []),
        ]
    )
    eerste.start()
    try:
        assert eerste.geschreven.wait(timeout=30) and eerste.fout is None
        # The first transaction is open and holds whatever its log writes took. The second
        # writes the same kinds of record; a lock on anything the first holds would make it
        # fail after LOCK_TIMEOUT instead of waiting.
        begin = time.perf_counter()
        with transaction.atomic():
            with connection.cursor() as c:
                c.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
            tweede = services.log_lezen(adviseur_weert, inburgeraar, ["naam"])
            services.log_lezen_lijst(adviseur_weert, [(inburgeraar.pk, traject_weert.pk)], [])
            services.log_wijzigen(adviseur_weert, traject_weert, ["pip"])
        duur = time.perf_counter() - begin
        assert duur < 0.5
        assert _wachtende_locks() == []
        # The sealer does not wait on the open transaction either, and leaves its records,
        # still invisible, for a later round.
        with transaction.atomic():
            with connection.cursor() as c:
                c.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
            assert keten.verzegel() == 3
    finally:
        eerste.los.set()
        eerste.join(timeout=30)
    assert eerste.fout is None
    # The first transaction took the lower ids and committed last: sealed in a later round,
    # after the higher ids, and the chain verifies.
    assert max(v.pk for v in eerste.rijen) < tweede.pk
    assert keten.verzegel() == 2
    laatste = list(Verwerking.objects.order_by("-volgnummer").values_list("id", flat=True)[:2])
    assert sorted(laatste) == sorted(v.pk for v in eerste.rijen)
    assert services.verifieer() is None and keten.open_venster().aantal == 0


def _parallel(aantal_sealers: int, doe) -> list:
    start = threading.Barrier(aantal_sealers)
    uitkomsten: list = [None] * aantal_sealers

    def sealer(nummer):
        try:
            start.wait(timeout=30)
            uitkomsten[nummer] = doe()
        except Exception as fout:  # noqa: BLE001 - reported by the test
            uitkomsten[nummer] = fout
        finally:
            connection.close()

    draden = [threading.Thread(target=sealer, args=(n,)) for n in range(aantal_sealers)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=120)
    return uitkomsten


def _schrijf(adviseur, traject, aantal):
    zaken = [(traject.inburgeraar_id, traject.pk)] * aantal
    services.log_lezen_lijst(adviseur, zaken, ["naam"])


def _een_keten(aantal):
    rijen = list(Verwerking.objects.order_by("volgnummer").values_list("volgnummer", flat=True))
    assert rijen == list(range(1, aantal + 1))  # each record once, no number twice or skipped
    assert Kop.objects.get(pk=1).laatste_volgnummer == aantal
    assert services.verifieer() is None and keten.open_venster().aantal == 0


def test_two_sealers_in_parallel_do_not_double_seal(adviseur_weert, traject_weert, monkeypatch):
    monkeypatch.setattr(keten, "ZEGEL_STUK", 100)
    _schrijf(adviseur_weert, traject_weert, 1000)
    uitkomsten = _parallel(2, keten.verzegel)
    assert all(isinstance(u, int) for u in uitkomsten), uitkomsten
    assert sum(uitkomsten) == 1000
    _een_keten(1000)


def test_without_the_lock_a_racing_sealer_fails_instead_of_double_sealing(
    adviseur_weert, traject_weert, monkeypatch
):
    """Should the head-row lock ever be lost, the seal's UPDATE (only where the record is
    still unsealed) and the unique volgnummer make the slower sealer fail and roll back."""
    Kop.objects.get_or_create(pk=1, defaults={"laatste_hash": rules.BEGIN_HASH})
    monkeypatch.setattr(keten, "_kop_vergrendeld", lambda: Kop.objects.get(pk=1))
    _schrijf(adviseur_weert, traject_weert, 500)
    uitkomsten = _parallel(2, keten.verzegel)
    gelukt = [u for u in uitkomsten if isinstance(u, int)]
    mislukt = [u for u in uitkomsten if not isinstance(u, int)]
    assert gelukt and sum(gelukt) == 500
    assert all(isinstance(u, keten.DubbelVerzegeld | IntegrityError) for u in mislukt), mislukt
    _een_keten(500)
