"""The leerroute's signal sources: set-based, one query each over all cases."""

from datetime import date
from decimal import Decimal as D

import pytest

from koers.leerroute import services, signalen
from koers.leerroute.models import Afschalingsvoorstel
from koers.monitoring import engine
from koers.monitoring.models import Signaal
from tests.leerroute.conftest import aanbod, uren

pytestmark = pytest.mark.django_db
VANDAAG = date(2027, 6, 1)


def _bron(soort):
    return next(b for b in signalen.BRONNEN if b.soort == soort)


def test_zroute_behind_plan(zroute, zroute_gezin, adviseur_weert, django_assert_max_num_queries):
    uren(zroute, adviseur_weert, soort="taal", gevolgd="50")  # behind
    uren(zroute_gezin, adviseur_weert, soort="taal", gevolgd="300")  # ahead
    # One range query, plus one per app for the candidates' participation hours (PVT/MAP,
    # partner referrals, duaal traject).
    with django_assert_max_num_queries(4):
        rijen = list(_bron("zroute_uren_achter").rijen(VANDAAG))
    assert [(t, s) for t, _d, s in rijen] == [(zroute.pk, "")]
    assert rijen[0][1] <= VANDAAG
    # After the eindgesprek there is nothing to catch up.
    services.bewaar_eindgesprek(
        zroute,
        adviseur_weert,
        {"datum": VANDAAG, "afspraken_nagekomen": False, "conclusie": "Te weinig uren."},
    )
    assert list(_bron("zroute_uren_achter").rijen(VANDAAG)) == []


def test_zroute_caught_up_through_modules_hours(zroute, adviseur_weert, monkeypatch):
    uren(zroute, adviseur_weert, soort="taal", gevolgd="300")
    uren(zroute, adviseur_weert, soort="participatie", gevolgd="10")
    assert [r[0] for r in _bron("zroute_uren_achter").rijen(VANDAAG)] == [zroute.pk]
    # PVT/MAP hours recorded later by koers.modules: the signal sees them without an update.
    monkeypatch.setattr(services, "participatie_uren_extern", lambda ids: {zroute.pk: D(300)})
    assert list(_bron("zroute_uren_achter").rijen(VANDAAG)) == []


def test_afschaling_waiting_for_a_decision(b1, adviseur_weert, django_assert_num_queries):
    a = aanbod(b1, adviseur_weert, melden=False)
    uren(b1, adviseur_weert, gevolgd="620", gepland="650", aanbod=a.pk)
    voorstel = Afschalingsvoorstel.objects.get()
    with django_assert_num_queries(1):
        rijen = list(_bron("afschaling_besluit").rijen(VANDAAG))
    assert rijen == [(b1.pk, VANDAAG, voorstel.pk)]
    services.besluit_afschaling(b1, voorstel.pk, adviseur_weert, aanvaard=False, reden="Nee.")
    assert list(_bron("afschaling_besluit").rijen(VANDAAG)) == []


def test_aanbod_end_passed_without_result(
    b1, zroute, onderwijs, adviseur_weert, django_assert_num_queries
):
    oud = aanbod(b1, adviseur_weert, einddatum=date(2027, 5, 1), melden=False)
    aanbod(b1, adviseur_weert, nummer="1000000002", melden=False)  # ends later
    z = aanbod(zroute, adviseur_weert, einddatum=date(2027, 5, 1), melden=False)
    aanbod(onderwijs, adviseur_weert, einddatum=date(2027, 5, 1), melden=False)
    services.bewaar_examen(
        onderwijs,
        adviseur_weert,
        {
            "onderdeel": "LE",
            "niveau": "B1",
            "examendatum": date(2027, 4, 1),
            "resultaat": "Geslaagd",
        },
    )
    with django_assert_num_queries(1):
        rijen = sorted(_bron("aanbod_einde_zonder_resultaat").rijen(VANDAAG))
    assert rijen == sorted([(b1.pk, date(2027, 5, 1), oud.pk), (zroute.pk, date(2027, 5, 1), z.pk)])
    # A result older than the aanbod's start does not count.
    services.bewaar_examen(
        b1,
        adviseur_weert,
        {"onderdeel": "KNM", "examendatum": date(2026, 10, 20), "resultaat": "Gezakt"},
    )
    assert b1.pk in [r[0] for r in _bron("aanbod_einde_zonder_resultaat").rijen(VANDAAG)]
    services.bewaar_examen(
        b1,
        adviseur_weert,
        {"onderdeel": "KNM", "examendatum": date(2027, 5, 15), "resultaat": "Geslaagd"},
    )
    services.bewaar_eindgesprek(
        zroute,
        adviseur_weert,
        {"datum": VANDAAG, "afspraken_nagekomen": True, "conclusie": "Goed gegaan."},
    )
    assert list(_bron("aanbod_einde_zonder_resultaat").rijen(VANDAAG)) == []


def test_every_source_names_the_leerroute_section():
    assert {b.sectie for b in signalen.BRONNEN} == {"leerroute"}
    assert len({b.soort for b in signalen.BRONNEN}) == 3


def test_the_engine_takes_the_sources(b1, zroute, adviseur_weert):
    """koers.monitoring's engine runs the sources and stores their signals."""
    a = aanbod(b1, adviseur_weert, einddatum=date(2027, 5, 1), melden=False)
    uren(b1, adviseur_weert, gevolgd="620", gepland="650", aanbod=a.pk)
    uren(zroute, adviseur_weert, soort="taal", gevolgd="5")
    engine.bereken_signalen(VANDAAG)
    soorten = set(Signaal.objects.filter(actief=True).values_list("soort", flat=True))
    assert {"zroute_uren_achter", "afschaling_besluit", "aanbod_einde_zonder_resultaat"} <= soorten
