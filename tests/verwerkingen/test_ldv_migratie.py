"""Migrations 0006 (Logboek Dataverwerkingen), 0007 (register code) and 0008 (register
version) on a log that already has sealed records: they keep their seal (hash version 1, no
ids), new records get version 4, and the database still refuses every change but sealing,
over the new columns too."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from koers.verwerkingen import keten, rules, services
from koers.verwerkingen.models import Verwerking, VerwerkingsactiviteitVersie

VOOR = [("verwerkingen", "0005_verzegelen")]
NA = [("verwerkingen", "0008_register_versies")]

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def daarna_alle_migraties():
    """The test migrates the log back and forth; afterwards every migration is applied
    again, as every later test on this worker expects."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _migreer(doel):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(doel)
    return executor.loader.project_state(doel).apps


def test_sealed_records_from_before_keep_their_seal(adviseur_weert, traject_weert):
    apps = _migreer(VOOR)
    try:
        Oud, Kop = (
            apps.get_model("verwerkingen", "Verwerking"),
            apps.get_model("verwerkingen", "Kop"),
        )
        oud = Oud.objects.create(
            tijdstip=timezone.now(),
            doel=rules.DOEL_UITVOERING,
            activiteit=rules.ACTIVITEIT_INZIEN,
            kanaal="ui",
            handeling="lezen",
            inburgeraar_id=traject_weert.inburgeraar_id,
            secties=["naam"],
        )
        oud.refresh_from_db()
        velden = {naam: getattr(oud, naam) for naam in keten.HASH_VELDEN}
        velden["tijdstip"] = oud.tijdstip.isoformat()
        zegel = rules.record_hash(velden, rules.BEGIN_HASH)
        with connection.cursor() as c:
            c.execute(
                "UPDATE verwerkingen_verwerking SET volgnummer = 1, vorige_hash = %s, hash = %s "
                "WHERE id = %s",
                [rules.BEGIN_HASH, zegel, oud.pk],
            )
        Kop.objects.update_or_create(
            pk=1, defaults={"laatste_hash": zegel, "laatste_id": oud.pk, "laatste_volgnummer": 1}
        )
    finally:
        _migreer(NA)

    oud = Verwerking.objects.get(pk=oud.pk)
    assert (oud.hashversie, oud.trace_id, oud.operation_id) == (1, None, None)
    nieuw = services.log_lezen(adviseur_weert, traject_weert.inburgeraar, ["naam"])
    assert keten.verzegel() == 1
    nieuw.refresh_from_db()
    assert nieuw.hashversie == 4 and nieuw.vorige_hash == zegel
    assert nieuw.verwerkingsactiviteit == rules.REGISTER_UITVOERING
    # The register entries made by 0007 got their version 1 in 0008; the new record names it.
    assert nieuw.verwerkingsactiviteit_versie == (
        VerwerkingsactiviteitVersie.objects.get(
            activiteit__gemeente=traject_weert.inburgeraar.gemeente,
            activiteit__code=rules.REGISTER_UITVOERING,
            versie=1,
        ).pk
    )
    assert keten.verifieer() is None
    for kolom, waarde in (
        ("trace_id", "a" * 32),
        ("ldv", '{"x": 1}'),
        ("hashversie", 2),
        ("verwerkingsactiviteit", rules.REGISTER_DUO),
        ("verwerkingsactiviteit_versie", 999),
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as c,
        ):
            c.execute(
                f"UPDATE verwerkingen_verwerking SET {kolom} = %s WHERE id = %s",  # noqa: S608
                [waarde, nieuw.pk],
            )
    assert keten.verifieer() is None
