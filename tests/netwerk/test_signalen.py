"""The netwerk signal sources: one query over all cases each."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.netwerk import services, signalen
from koers.netwerk.models import InstroomklasPlaatsing, Tolkboeking
from tests.factories import InburgeraarFactory, TrajectFactory

D = dt.date
VANDAAG = D(2026, 11, 4)


def _rijen(soort):
    bron = next(b for b in signalen.BRONNEN if b.soort == soort)
    with CaptureQueriesContext(connection) as queries:
        rijen = sorted((t, d, str(k)) for t, d, k in bron.rijen(VANDAAG))
    assert len(queries) == 1
    return rijen


def test_instroomklas_te_lang(weert, adviseur_weert, traject_weert):
    andere = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))
    afgerond = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))
    beeindigd = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))
    te_lang = services.plaats_in_instroomklas(
        traject_weert, adviseur_weert, startdatum=D(2026, 8, 1), geplande_einddatum=D(2026, 11, 3)
    )
    services.plaats_in_instroomklas(
        andere, adviseur_weert, startdatum=D(2026, 8, 1), geplande_einddatum=D(2026, 11, 4)
    )  # ends today: fine
    for traject in (afgerond, beeindigd):
        InstroomklasPlaatsing.objects.create(
            traject=traject,
            gemeente=weert,
            startdatum=D(2026, 8, 1),
            geplande_einddatum=D(2026, 9, 1),
            einddatum=D(2026, 9, 1) if traject is beeindigd else None,
        )
    afgerond.status = "afgerond"
    afgerond.save()
    assert _rijen("instroomklas_te_lang") == [(traject_weert.pk, D(2026, 11, 3), str(te_lang.pk))]


def test_tolkboeking_bevestigen(adviseur_weert, traject_weert, tolk_weert):
    def boek(datum, status="gepland"):
        return Tolkboeking.objects.create(
            traject=traject_weert,
            tolk=tolk_weert,
            gesprek="pip_gesprek",
            datum=datum,
            duur_minuten=60,
            tarief_per_uur=60,
            kosten=60,
            status=status,
        )

    oud = boek(D(2026, 11, 3))
    boek(D(2026, 11, 4))
    boek(D(2026, 11, 2), "geweest")
    boek(D(2026, 11, 1), "geannuleerd")
    assert _rijen("tolkboeking_bevestigen") == [(traject_weert.pk, D(2026, 11, 3), str(oud.pk))]
    services.wijzig_boeking(oud, adviseur_weert, status="geweest")
    assert _rijen("tolkboeking_bevestigen") == []


def test_engine_runs_the_sources(adviseur_weert, traject_weert, tolk_weert):
    from koers.monitoring import engine
    from koers.monitoring.models import Signaal

    services.plaats_in_instroomklas(
        traject_weert, adviseur_weert, startdatum=D(2026, 8, 1), geplande_einddatum=D(2026, 10, 1)
    )
    boeking = services.boek_tolk(
        traject_weert,
        adviseur_weert,
        tolk=tolk_weert,
        gesprek="pip_gesprek",
        datum=D(2026, 11, 2),
        duur_minuten=60,
    )
    engine.bereken_signalen(VANDAAG)
    engine.bereken_voor([traject_weert.pk], VANDAAG)
    soorten = set(Signaal.objects.filter(traject=traject_weert).values_list("soort", "sleutel"))
    assert ("tolkboeking_bevestigen", str(boeking.pk)) in soorten
    assert "instroomklas_te_lang" in {s for s, _ in soorten}


def test_bronnen_hebben_een_index():
    indexen = {i.name: i for m in (InstroomklasPlaatsing, Tolkboeking) for i in m._meta.indexes}
    assert indexen["instroomklas_open_eind"].fields == ["geplande_einddatum"]
    assert indexen["tolkboeking_gepland_datum"].fields == ["datum"]
    assert {b.soort for b in signalen.BRONNEN} == {"instroomklas_te_lang", "tolkboeking_bevestigen"}


def test_signal_closes_on_change(
    adviseur_weert, traject_weert, tolk_weert, django_capture_on_commit_callbacks
):
    from koers.monitoring.models import Signaal

    with django_capture_on_commit_callbacks(execute=True):
        boeking = services.boek_tolk(
            traject_weert,
            adviseur_weert,
            tolk=tolk_weert,
            gesprek="pip_gesprek",
            datum=D(2026, 11, 2),
            duur_minuten=60,
        )
    assert Signaal.objects.get(soort="tolkboeking_bevestigen", actief=True).sleutel == str(
        boeking.pk
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.wijzig_boeking(boeking, adviseur_weert, status="geweest")
    assert not Signaal.objects.filter(soort="tolkboeking_bevestigen", actief=True).exists()
