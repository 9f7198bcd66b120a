"""koers.bouwstenen.vaste_sql: a count whose SQL is built once per key."""

import pytest

from koers.bouwstenen import vaste_sql
from koers.inburgeraars.models import Traject
from tests.factories import TrajectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _leeg():
    vaste_sql.vergeet()
    yield
    vaste_sql.vergeet()


def test_the_sql_is_built_once_per_key_and_counts_what_is_there_each_time(weert):
    gebouwd = []

    def maak(status):
        def bouw():
            gebouwd.append(status)
            return Traject.objects.filter(gemeente=weert, status=status)

        return bouw

    TrajectFactory(gemeente=weert, status="aangemeld")
    assert vaste_sql.telling(("proef", "aangemeld"), maak("aangemeld")) == 1
    TrajectFactory(gemeente=weert, status="aangemeld")
    TrajectFactory(gemeente=weert, status="brede_intake")
    assert vaste_sql.telling(("proef", "aangemeld"), maak("aangemeld")) == 2
    assert vaste_sql.telling(("proef", "brede_intake"), maak("brede_intake")) == 1
    assert gebouwd == ["aangemeld", "brede_intake"]
    assert Traject.objects.filter(gemeente=weert, status="aangemeld").count() == 2


def test_an_empty_queryset_counts_nothing(weert):
    TrajectFactory(gemeente=weert)
    assert vaste_sql.telling(("proef", "niets"), Traject.objects.none) == 0


def test_only_the_newest_keys_are_kept(weert, monkeypatch):
    monkeypatch.setattr(vaste_sql, "GROOTTE", 2)
    gebouwd = []

    def bouw(sleutel):
        def maak():
            gebouwd.append(sleutel)
            return Traject.objects.filter(gemeente=weert)

        return maak

    for sleutel in ("a", "b", "a", "c", "a", "b"):
        vaste_sql.telling(sleutel, bouw(sleutel))
    # "a" stays (used again each time), "b" made room for "c" and is built again.
    assert gebouwd == ["a", "b", "c", "b"]
