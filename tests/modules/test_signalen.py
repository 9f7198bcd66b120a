"""The signal sources of the PVT and MAP: one query each, over all cases."""

from datetime import date

import pytest

from koers.modules import services, signalen
from tests.modules.conftest import map_activiteit, pvt_klaar

pytestmark = pytest.mark.django_db


def _bron(soort):
    return next(b for b in signalen.BRONNEN if b.soort == soort)


def _rijen(soort, vandaag):
    return sorted(_bron(soort).rijen(vandaag))


def _termijn(traject, eind):
    traject.termijn_eind = eind
    traject.save(update_fields=["termijn_eind"])


def test_pvt_en_map_niet_af_binnen_6_maanden(
    zaak, zaak_cranendonck, vandaag, django_assert_num_queries
):
    _termijn(zaak, date(2027, 5, 1))
    _termijn(zaak_cranendonck, date(2027, 6, 2))  # just outside the 6 months
    with django_assert_num_queries(1):
        rijen = _rijen("pvt_niet_af", vandaag)
    assert rijen == [(zaak.pk, date(2027, 5, 1), "")]
    with django_assert_num_queries(1):
        assert _rijen("map_niet_af", vandaag) == [(zaak.pk, date(2027, 5, 1), "")]
    _termijn(zaak_cranendonck, date(2027, 6, 1))
    assert {r[0] for r in _rijen("pvt_niet_af", vandaag)} == {zaak.pk, zaak_cranendonck.pk}


def test_afgerond_geen_signaal_meer(zaak, adviseur_weert, vandaag):
    _termijn(zaak, date(2027, 5, 1))
    pvt_klaar(zaak, adviseur_weert)
    services.onderteken_pvt(zaak, adviseur_weert, datum=date(2026, 11, 25))
    map_activiteit(zaak, adviseur_weert)
    services.houd_map_eindgesprek(
        zaak, adviseur_weert, datum=date(2026, 11, 26), samenvatting="Klaar.", melden=False
    )
    assert _rijen("pvt_niet_af", vandaag) == []
    assert _rijen("map_niet_af", vandaag) == []
    assert _rijen("pvt_niet_gemeld", vandaag) == []
    assert _rijen("map_niet_gemeld", vandaag) == [(zaak.pk, date(2026, 11, 26), "")]
    services.meld_alsnog(zaak, "map", adviseur_weert)
    assert _rijen("map_niet_gemeld", vandaag) == []


def test_geen_map_signaal_in_de_onderwijsroute(zaak_o, vandaag):
    _termijn(zaak_o, date(2027, 1, 1))
    assert _rijen("map_niet_af", vandaag) == []
    assert [r[0] for r in _rijen("pvt_niet_af", vandaag)] == [zaak_o.pk]


def test_afgerond_traject_geen_signaal(zaak, vandaag):
    _termijn(zaak, date(2027, 1, 1))
    zaak.status = "afgerond"
    zaak.save(update_fields=["status"])
    assert _rijen("pvt_niet_af", vandaag) == []


def test_bronnen_voor_de_engine():
    assert {b.soort for b in signalen.BRONNEN} == {
        "pvt_niet_af",
        "map_niet_af",
        "pvt_niet_gemeld",
        "map_niet_gemeld",
        "pvt_verwijtbaar",
        "map_verwijtbaar",
    }
    assert all(b.sectie == "modules" for b in signalen.BRONNEN)


def test_engine_neemt_de_bronnen_op(zaak, vandaag):
    from koers.monitoring.engine import alle_bronnen, bereken_signalen
    from koers.monitoring.models import Signaal

    assert {"pvt_niet_af", "map_niet_af"} <= {b.soort for b in alle_bronnen()}
    _termijn(zaak, date(2027, 1, 1))
    bereken_signalen(vandaag)
    assert set(
        Signaal.objects.filter(traject=zaak, soort__in=("pvt_niet_af", "map_niet_af")).values_list(
            "soort", flat=True
        )
    ) == {"pvt_niet_af", "map_niet_af"}
