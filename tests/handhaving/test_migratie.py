"""The data migration to a voornemen per boete: a zaak's one old hoorzitting becomes the
voornemen of its first boete, with the verslag as its zienswijze."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

VOOR = [("handhaving", "0001_initial")]
NA = [("handhaving", "0002_voornemen_per_boete")]


def _migreer(doel):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(doel)
    return executor.loader.project_state(doel).apps


def test_hoorzitting_wordt_voornemen_van_de_eerste_boete(gezin_weert, adviseur_weert):
    oud = _migreer(VOOR)
    try:
        Zaak = oud.get_model("handhaving", "Handhavingszaak")
        Boete = oud.get_model("handhaving", "Boetebesluit")
        zaak = Zaak.objects.create(
            traject_id=gezin_weert.pk,
            verzuim="lessen",
            datum=dt.date(2026, 10, 1),
            omschrijving="x",
            waarschuwing_datum=dt.date(2026, 10, 5),
            hoorzitting_datum=dt.date(2026, 11, 2),
            hoorzitting_plaats="Stadhuis",
            verslag_op=dt.date(2026, 11, 2),
            hoorzitting_aanwezig="Yusuf",
            hoorzitting_verslag="Had geen oppas.",
            besluit_op=dt.date(2026, 11, 10),
        )
        Boete.objects.create(zaak=zaak, datum=dt.date(2026, 11, 10), bedrag=200, motivering="x")
        Boete.objects.create(zaak=zaak, datum=dt.date(2026, 11, 20), bedrag=250, motivering="y")
        zonder = Zaak.objects.create(
            traject_id=gezin_weert.pk, verzuim="map", datum=dt.date(2026, 10, 1), omschrijving="z"
        )
    finally:
        nieuw = _migreer(NA)
    Voornemen = nieuw.get_model("handhaving", "Boetevoornemen")
    Boete = nieuw.get_model("handhaving", "Boetebesluit")
    voornemen = Voornemen.objects.get(zaak_id=zaak.pk)
    assert (
        voornemen.route,
        voornemen.hoorzitting_datum,
        voornemen.zienswijze_op,
        voornemen.zienswijze,
        voornemen.bedrag,
        voornemen.afgehandeld_op,
    ) == (
        "hoorzitting",
        dt.date(2026, 11, 2),
        dt.date(2026, 11, 2),
        "Had geen oppas.",
        200,
        dt.date(2026, 11, 10),
    )
    eerste, tweede = Boete.objects.filter(zaak_id=zaak.pk).order_by("datum")
    assert eerste.voornemen_id == voornemen.pk and "artikel 16" in eerste.voorschrift
    assert tweede.voornemen_id is None  # no voornemen of its own: not invented afterwards
    assert not Voornemen.objects.filter(zaak_id=zonder.pk).exists()
