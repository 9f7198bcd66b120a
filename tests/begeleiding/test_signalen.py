"""The signal sources: each one query over all cases, on an index."""

import datetime as dt

import pytest

from koers.begeleiding import services, signalen
from koers.begeleiding.models import Begeleidingsbeleid
from koers.monitoring import engine
from koers.monitoring.models import Signaal
from tests.begeleiding.conftest import betaling
from tests.factories import InburgeraarFactory, TrajectFactory


def rijen(soort, vandaag):
    bron = next(b for b in signalen.BRONNEN if b.soort == soort)
    return sorted(bron.rijen(vandaag))


def test_einde_binnen_vier_weken(ontzorgen_weert):
    traject_id = ontzorgen_weert.traject_id
    assert rijen("ontzorgen_einde", dt.date(2027, 3, 2)) == []
    assert rijen("ontzorgen_einde", dt.date(2027, 3, 3)) == [(traject_id, dt.date(2027, 3, 31), "")]
    assert rijen("ontzorgen_einde", dt.date(2027, 3, 31)) == [
        (traject_id, dt.date(2027, 3, 31), "")
    ]
    assert rijen("ontzorgen_einde", dt.date(2027, 4, 1)) == []


def test_einde_volgt_het_eerdere_einde_van_de_bijstand(ontzorgen_weert, adviseur_weert):
    services.bewaar_ontzorgen(
        ontzorgen_weert.traject, adviseur_weert, {"einde_bijstand": dt.date(2026, 12, 1)}
    )
    assert rijen("ontzorgen_einde", dt.date(2026, 11, 15)) == [
        (ontzorgen_weert.traject_id, dt.date(2026, 12, 1), "")
    ]


def test_machtiging_ontbreekt(ontzorgen_cranendonck, ontzorgen_weert, adviseur_cranendonck):
    vandaag = dt.date(2026, 11, 15)
    assert rijen("ontzorgen_machtiging", vandaag) == [
        (ontzorgen_cranendonck.traject_id, dt.date(2026, 10, 1), "")
    ]
    services.bewaar_ontzorgen(
        ontzorgen_cranendonck.traject,
        adviseur_cranendonck,
        {"machtiging_datum": dt.date(2026, 11, 1), "machtiging_posten": ["huur"]},
    )
    assert rijen("ontzorgen_machtiging", vandaag) == []


def test_betaling_van_een_maand_ontbreekt(ontzorgen_weert, adviseur_weert):
    tid = ontzorgen_weert.traject_id
    assert rijen("ontzorgen_betaling", dt.date(2026, 11, 15)) == [
        (tid, dt.date(2026, 10, 31), dt.date(2026, 10, 1))
    ]
    assert rijen("ontzorgen_betaling", dt.date(2026, 11, 24)) == [
        (tid, dt.date(2026, 10, 31), dt.date(2026, 10, 1)),
        (tid, dt.date(2026, 11, 30), dt.date(2026, 11, 1)),
    ]
    services.registreer_betalingen(
        ontzorgen_weert,
        adviseur_weert,
        [betaling(post=p) for p in ("huur", "energie_water", "zorgverzekering")],
    )
    assert rijen("ontzorgen_betaling", dt.date(2026, 11, 15)) == []


@pytest.mark.parametrize("soort", [b.soort for b in signalen.BRONNEN])
def test_een_query_over_alle_zaken(soort, weert, adviseur_weert, django_assert_num_queries):
    for _ in range(5):
        traject = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))
        services.bewaar_ontzorgen(traject, adviseur_weert, {"start_bijstand": dt.date(2026, 6, 1)})
        zonder = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))
        services.bewaar_bijstand(zonder, adviseur_weert, {"start": dt.date(2026, 10, 1)})
    with django_assert_num_queries(1):
        assert len(rijen(soort, dt.date(2026, 11, 15))) >= 5


@pytest.mark.parametrize(
    ("query", "index"),
    [
        (signalen.ontzorgen_einde, "ontzorgen_einddatum"),
        (signalen.machtiging_ontbreekt, "ontzorgen_zonder_machtiging"),
        (signalen.betaling_ontbreekt, "ontzorgen_maand_open"),
    ],
)
def test_bronnen_gebruiken_een_index(db, query, index):
    assert index in query(dt.date(2026, 11, 15)).explain()


def test_engine_neemt_de_bronnen_op_en_maakt_signalen(ontzorgen_cranendonck):
    soorten = {b.soort for b in engine.alle_bronnen()}
    assert {"ontzorgen_einde", "ontzorgen_machtiging", "ontzorgen_betaling"} <= soorten
    engine.bereken_signalen(dt.date(2026, 11, 15))
    assert Signaal.objects.filter(
        traject=ontzorgen_cranendonck.traject, soort="ontzorgen_machtiging", sleutel=""
    ).exists()
    assert (
        Signaal.objects.filter(
            traject=ontzorgen_cranendonck.traject, soort="ontzorgen_betaling"
        ).count()
        == 1
    )
    engine.bereken_voor([ontzorgen_cranendonck.traject_id], dt.date(2026, 11, 15))


def test_titels_en_secties():
    from koers.toegang.policy import Sectie

    assert all(b.sectie == Sectie.ONTZORGEN and b.titel for b in signalen.BRONNEN)
    assert len({b.soort for b in signalen.BRONNEN}) == 4


# --- bijstand zonder ontzorgen (art. 56a Participatiewet) ---------------------------------


def test_bron_ontzorgen_ontbreekt_filtert_op_de_geindexeerde_einddatum(db):
    # The planner's choice depends on the database and its statistics; what holds on both:
    # the query bounds the indexed end of the 6 months.
    from koers.begeleiding.models import Bijstand

    sql = str(signalen.ontzorgen_ontbreekt(dt.date(2026, 11, 15)).query)
    assert '"begeleiding_bijstand"."ontzorgtermijn_eind" >=' in sql
    assert any(i.fields == ["ontzorgtermijn_eind"] for i in Bijstand._meta.indexes)


def _met_bijstand(gemeente, adviseur, doelgroep, start=dt.date(2026, 10, 1)):
    traject = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=gemeente, doelgroep=doelgroep))
    services.bewaar_bijstand(traject, adviseur, {"start": start})
    return traject


def test_bijstand_zonder_ontzorgen_geeft_een_signaal(weert, adviseur_weert):
    traject = _met_bijstand(weert, adviseur_weert, "Asielstatushouder")
    vandaag = dt.date(2026, 11, 15)
    assert rijen("ontzorgen_ontbreekt", vandaag) == [(traject.pk, dt.date(2026, 10, 1), "")]
    # Starting ontzorgen (from the recorded bijstand) closes it.
    ontzorgen = services.bewaar_ontzorgen(traject, adviseur_weert, {})
    assert ontzorgen.start_bijstand == dt.date(2026, 10, 1)
    assert rijen("ontzorgen_ontbreekt", vandaag) == []


def test_geen_signaal_buiten_de_groep_of_na_de_zes_maanden(weert, adviseur_weert):
    _met_bijstand(weert, adviseur_weert, "Gezinsvormer")
    regulier = _met_bijstand(weert, adviseur_weert, "Gezinsvormer met Asielstatushouder")
    oud = _met_bijstand(weert, adviseur_weert, "Asielstatushouder", dt.date(2026, 4, 1))
    assert rijen("ontzorgen_ontbreekt", dt.date(2026, 11, 15)) == []
    # Within the 6 months the old case had its signal.
    assert [r[0] for r in rijen("ontzorgen_ontbreekt", dt.date(2026, 9, 30))] == [oud.pk]
    # The gemeente's wider choice brings in the family member with a regular permit.
    Begeleidingsbeleid.objects.create(gemeente=weert, ontzorgen_groep="asielmigranten")
    assert [r[0] for r in rijen("ontzorgen_ontbreekt", dt.date(2026, 11, 15))] == [regulier.pk]
