"""The hash chain of the verwerkingenlogging: append-only, sealed, verified, tampering detected
on sealed records (the unsealed window: test_verzegelen.py)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from koers.verwerkingen import keten, rules, services
from koers.verwerkingen.models import AlleenToevoegen, Kop, Verwerking
from tests.factories import TrajectFactory


def _drie(adviseur, traject):
    """Three records, sealed as the worker does within seconds."""
    rijen = [services.log_lezen(adviseur, traject.inburgeraar, ["naam", "pip"]) for _ in range(3)]
    assert keten.verzegel() == 3
    for v in rijen:
        v.refresh_from_db()
    return rijen


def _zegel():
    """Arm SQLite's DELETE trigger as the migration does on every real database (PostgreSQL's
    trigger is always armed)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as c:
            c.execute("INSERT INTO verwerkingen_zegel (id) VALUES (1)")


def _triggers_uit(cursor):
    """Tamper as someone with database rights would: switch the triggers off first (inside the
    test's transaction, so the test database gets them back)."""
    if connection.vendor == "postgresql":
        cursor.execute("DROP TRIGGER verwerking_alleen_toevoegen ON verwerkingen_verwerking")
    else:
        cursor.execute("DROP TRIGGER verwerking_geen_update")
        cursor.execute("DROP TRIGGER verwerking_geen_delete")


def test_records_are_chained(adviseur_weert, traject_weert):
    a, b, c = _drie(adviseur_weert, traject_weert)
    assert a.vorige_hash == rules.BEGIN_HASH
    assert b.vorige_hash == a.hash and c.vorige_hash == b.hash
    assert (a.volgnummer, b.volgnummer, c.volgnummer) == (1, 2, 3)
    kop = Kop.objects.get()
    assert (kop.laatste_hash, kop.laatste_id, kop.laatste_volgnummer) == (c.hash, c.pk, 3)
    assert a.actor_naam == "alice" and a.organisatie == "Weert"
    assert a.organisatie_oin == "00000001001234567890" and a.rollen == ["adviseur"]
    assert a.secties == ["naam", "pip"] and a.doel == rules.DOEL_UITVOERING
    assert a.kanaal == "job"  # no request
    assert services.verifieer() is None


def test_verification_walks_in_chunks(adviseur_weert, traject_weert):
    _drie(adviseur_weert, traject_weert)
    _drie(adviseur_weert, traject_weert)
    assert services.verifieer(stuk=2) is None


def test_empty_chain_verifies(db):
    assert services.verifieer() is None


def test_model_refuses_update_and_delete(adviseur_weert, traject_weert):
    a, _b, _c = _drie(adviseur_weert, traject_weert)
    a.actor_naam = "mallory"
    with pytest.raises(AlleenToevoegen):
        a.save()
    with pytest.raises(AlleenToevoegen):
        a.delete()
    with pytest.raises(AlleenToevoegen):
        Verwerking.objects.filter(pk=a.pk).update(actor_naam="mallory")
    with pytest.raises(AlleenToevoegen):
        Verwerking.objects.all().delete()
    assert Verwerking.objects.count() == 3


def test_database_trigger_refuses_update(adviseur_weert, traject_weert):
    a, _b, _c = _drie(adviseur_weert, traject_weert)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as c,
    ):
        c.execute("UPDATE verwerkingen_verwerking SET actor_naam = 'mallory' WHERE id = %s", [a.pk])
    assert Verwerking.objects.get(pk=a.pk).actor_naam == "alice"


def test_database_trigger_refuses_delete_when_sealed(adviseur_weert, traject_weert):
    a, _b, _c = _drie(adviseur_weert, traject_weert)
    _zegel()  # every real database is sealed by the migration; the test one is not
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as c,
    ):
        c.execute("DELETE FROM verwerkingen_verwerking WHERE id = %s", [a.pk])
    assert Verwerking.objects.count() == 3


def test_tampered_row_is_detected(adviseur_weert, traject_weert):
    _a, b, _c = _drie(adviseur_weert, traject_weert)
    with connection.cursor() as c:
        _triggers_uit(c)
        c.execute("UPDATE verwerkingen_verwerking SET actor_naam = 'mallory' WHERE id = %s", [b.pk])
    assert services.verifieer() == b.pk
    with pytest.raises(CommandError, match=str(b.pk)):
        call_command("verwerkingen-controleren")


def test_removed_row_is_detected(adviseur_weert, traject_weert):
    _a, b, c = _drie(adviseur_weert, traject_weert)
    with connection.cursor() as cur:
        _triggers_uit(cur)
        cur.execute("DELETE FROM verwerkingen_verwerking WHERE id = %s", [b.pk])
    assert services.verifieer() == c.pk


def test_removed_tail_is_detected(adviseur_weert, traject_weert):
    _a, _b, c = _drie(adviseur_weert, traject_weert)
    with connection.cursor() as cur:
        _triggers_uit(cur)
        cur.execute("DELETE FROM verwerkingen_verwerking WHERE id = %s", [c.pk])
    assert services.verifieer() == c.pk


def test_command_reports_intact_chain(adviseur_weert, traject_weert, capsys):
    _drie(adviseur_weert, traject_weert)
    call_command("verwerkingen-controleren")
    assert "in orde (3 verwerkingen)" in capsys.readouterr().out


def test_no_admin_and_no_api_to_change_the_log():
    from django.contrib import admin
    from django.urls import get_resolver

    from koers.verwerkingen.models import Bewaartermijn

    assert Verwerking not in admin.site._registry and Kop not in admin.site._registry
    assert Bewaartermijn in admin.site._registry

    def routes(resolver, prefix=""):
        for p in resolver.url_patterns:
            if hasattr(p, "url_patterns"):
                yield from routes(p, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern)

    api = [r for r in routes(get_resolver()) if r.startswith("api/") and "verwerking" in r]
    # The one route is the register of processing activities, read-only; none for the log.
    assert api == [
        "api/v1/verwerkingsactiviteiten/<str:gemeentecode>/<slug:code>/versies/<int:versie>"
    ]
    from koers.avg.api_register import VerwerkingsactiviteitVersieView

    assert not {"post", "put", "patch", "delete"} & set(dir(VerwerkingsactiviteitVersieView))


def test_head_row_exists_after_migrate(db):
    assert Kop.objects.get(pk=1).laatste_hash == rules.BEGIN_HASH


@pytest.mark.django_db(transaction=True)
def test_head_row_exists_after_flush():
    """``flush`` (which a transactional test runs afterwards, too) empties every table."""
    call_command("flush", interactive=False, verbosity=0)
    assert Kop.objects.get(pk=1).laatste_hash == rules.BEGIN_HASH


def _vervals(volgnummer, vorige_hash, hash_):
    with connection.cursor() as cur:
        cur.execute(
            "INSERT INTO verwerkingen_verwerking (tijdstip, actor_naam, organisatie, "
            "organisatie_oin, rollen, doel, activiteit, kanaal, handeling, secties, "
            "status_code, ldv, hashversie, "
            "volgnummer, vorige_hash, hash) VALUES ('2026-01-01', 'mallory', '', '', '[]', "
            "'x', 'x', 'ui', 'lezen', '[]', 1, '{}', 2, %s, %s, %s)",
            [volgnummer, vorige_hash, hash_],
        )
    nep = Verwerking.objects.order_by("-id").first()
    assert nep.actor_naam == "mallory"
    return nep


def test_record_sealed_behind_the_heads_back_is_detected(adviseur_weert, traject_weert):
    _a, _b, c = _drie(adviseur_weert, traject_weert)
    nep = _vervals(c.volgnummer + 1, c.hash, "f" * 64)
    assert services.verifieer() == nep.pk


def test_unsealed_record_with_a_forged_seal_is_detected(adviseur_weert, traject_weert):
    _a, _b, c = _drie(adviseur_weert, traject_weert)
    nep = _vervals(None, c.hash, "f" * 64)
    assert services.verifieer() == nep.pk


def test_record_inserted_into_the_sealed_chain_is_detected(adviseur_weert, traject_weert):
    """Someone with database rights makes room between b and c and puts in a record with a
    correct hash and link: c's link no longer fits."""
    _a, b, c = _drie(adviseur_weert, traject_weert)
    with connection.cursor() as cur:
        _triggers_uit(cur)
        cur.execute(
            "UPDATE verwerkingen_verwerking SET volgnummer = volgnummer + 1 WHERE id = %s", [c.pk]
        )
    nep = _vervals(c.volgnummer, b.hash, "0" * 64)
    nep_hash = rules.record_hash(keten.velden(Verwerking.objects.get(pk=nep.pk)), b.hash)
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE verwerkingen_verwerking SET hash = %s WHERE id = %s", [nep_hash, nep.pk]
        )
    assert services.verifieer() == c.pk


def test_removed_head_is_detected(adviseur_weert, traject_weert):
    a, _b, _c = _drie(adviseur_weert, traject_weert)
    Kop.objects.all().delete()
    assert services.verifieer() is not None


def test_a_list_page_is_logged_per_case_in_constant_statements(
    adviseur_weert, traject_weert, django_assert_max_num_queries
):
    services.log_lezen(adviseur_weert, traject_weert.inburgeraar, ["naam"])
    zaken = [(traject_weert.inburgeraar_id, traject_weert.pk)] * 50
    with django_assert_max_num_queries(3):
        rijen = services.log_lezen_lijst(adviseur_weert, zaken, ["naam"], kanaal="ui")
    assert len(rijen) == 50 and Verwerking.objects.count() == 51
    assert keten.verzegel() == 51
    assert Kop.objects.get().laatste_id == Verwerking.objects.order_by("-id").first().pk
    assert services.verifieer(stuk=7) is None
    services.log_lezen(adviseur_weert, traject_weert.inburgeraar, ["naam"])
    assert keten.verzegel() == 1
    assert services.verifieer() is None
    assert services.log_lezen_lijst(adviseur_weert, [], ["naam"]) == []


def test_a_list_writes_the_same_records_as_one_case_at_a_time(
    adviseur_weert, traject_weert, collega_weert
):
    """On PostgreSQL a list's records go in with one INSERT of arrays, one record (``log``)
    with the ORM: both must store the same fields, in the order of the list, and seal."""
    ander = TrajectFactory(gemeente=traject_weert.gemeente, adviseur=collega_weert)
    zaken = [(traject_weert.inburgeraar_id, traject_weert.pk), (ander.inburgeraar_id, ander.pk)]
    los = [
        services.log(
            user=adviseur_weert,
            handeling=Verwerking.Handeling.LEZEN,
            activiteit=rules.ACTIVITEIT_LIJST,
            inburgeraar_id=zaken[0][0],
            traject_id=zaken[0][1],
            secties=["traject", "naam"],
            kanaal="ui",
        )
    ]
    lijst = services.log_lezen_lijst(adviseur_weert, zaken * 2, ["naam", "traject"], kanaal="ui")

    assert [v.pk for v in lijst] == sorted(v.pk for v in lijst) and los[0].pk < lijst[0].pk
    opgeslagen = {v.pk: v for v in Verwerking.objects.filter(pk__in=[v.pk for v in lijst])}
    assert [(opgeslagen[v.pk].inburgeraar_id, opgeslagen[v.pk].traject_id) for v in lijst] == (
        zaken * 2
    )
    assert len({opgeslagen[v.pk].operation_id for v in lijst}) == 4
    assert all(opgeslagen[v.pk].operation_id == v.operation_id for v in lijst)
    eigen = {"id", "operation_id", "tijdstip", "trace_id", "parent_operation_id", "ldv"}
    eigen |= {"inburgeraar_id", "traject_id"}
    velden = [f.attname for f in Verwerking._meta.concrete_fields if f.attname not in eigen]
    een = Verwerking.objects.filter(pk=los[0].pk).values(*velden).get()
    for v in lijst:
        assert Verwerking.objects.filter(pk=v.pk).values(*velden).get() == een
    assert een["verwerkingsactiviteit_versie"] is not None and een["rollen"] == ["adviseur"]
    assert keten.verzegel() == 5 and services.verifieer() is None
