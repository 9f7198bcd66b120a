"""The demo seed: gesprekken with improving scores for a few cases, signals computed;
a second run changes nothing."""

import pytest

from koers.monitoring.models import Signaal, Voortgangsgesprek

pytestmark = pytest.mark.slow


def test_demo_seed(db):
    from koers.demo import organisaties as demo

    eerste = demo.seed()
    assert eerste["voortgangsgesprekken"] >= 6
    assert Signaal.objects.filter(actief=True).exists()
    gehouden = Voortgangsgesprek.objects.filter(gehouden_op__isnull=False)
    traject_id = gehouden.first().traject_id
    reeks = list(gehouden.filter(traject_id=traject_id).order_by("gehouden_op"))
    assert len(reeks) == 3
    assert reeks[-1].positieve_gezondheid["meedoen"] > reeks[0].positieve_gezondheid["meedoen"] - 1
    assert sum(reeks[-1].positieve_gezondheid.values()) > sum(
        reeks[0].positieve_gezondheid.values()
    )
    tweede = demo.seed()
    assert tweede["voortgangsgesprekken"] == 0
