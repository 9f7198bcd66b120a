"""The register of processing activities keeps its versions: an edit is a new version, a log
record names the version it was written under, old versions stay readable on the beheer page,
and nothing a record refers to can be changed or deleted."""

import json

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError

from koers.verwerkingen import keten, register, rules, services
from koers.verwerkingen.models import (
    AlleenToevoegen,
    Verwerking,
    VerwerkingsactiviteitVersie,
)

REGISTER = "/verwerkingen/register/"


def _formulier(regel, **anders):
    gegevens = {veld: getattr(regel, veld) for veld in regel.TEKSTVELDEN}
    gegevens["actief"] = "on" if gegevens["actief"] else None
    gegevens.update(anders)
    return {k: v for k, v in gegevens.items() if v is not None}


@pytest.fixture
def duo_regel(weert):
    return weert.verwerkingsactiviteiten.get(code=rules.REGISTER_UITVOERING)


def test_every_entry_starts_at_version_1(weert):
    regels = list(weert.verwerkingsactiviteiten.all())
    assert len(regels) == len(rules.REGISTER)
    for regel in regels:
        assert regel.versie == 1
        (versie,) = regel.versies.all()
        assert (versie.versie, versie.doel, versie.grondslag) == (1, regel.doel, regel.grondslag)


def test_an_edit_is_a_new_version_and_each_record_keeps_its_own(
    als, privacy, adviseur_weert, traject_weert, duo_regel
):
    oud_doel, oud_grondslag = duo_regel.doel, duo_regel.grondslag
    oud = services.log_lezen(adviseur_weert, traject_weert.inburgeraar, ["naam"])

    antwoord = als(privacy).post(
        f"{REGISTER}{duo_regel.pk}/",
        _formulier(duo_regel, doel="Nieuw doel van Weert", grondslag="Wi2021 art. 14 (nagekeken)"),
    )
    assert antwoord.status_code == 302
    nieuw = services.log_lezen(adviseur_weert, traject_weert.inburgeraar, ["naam"])
    # A list of more than one case reads the version once (not as a subquery per row).
    lijst = services.log_lezen_lijst(
        adviseur_weert, [(traject_weert.inburgeraar_id, traject_weert.pk)] * 2, ["naam"]
    )
    assert len({v.verwerkingsactiviteit_versie for v in lijst}) == 1

    duo_regel.refresh_from_db()
    assert (duo_regel.versie, duo_regel.doel) == (2, "Nieuw doel van Weert")
    oud, nieuw, lijst = (Verwerking.objects.get(pk=v.pk) for v in (oud, nieuw, lijst[0]))
    v1, v2 = VerwerkingsactiviteitVersie.objects.filter(activiteit=duo_regel).order_by("versie")
    assert (v1.doel, v1.grondslag) == (oud_doel, oud_grondslag)
    assert v2.vastgesteld_door == privacy.username
    assert oud.verwerkingsactiviteit_versie == v1.pk
    assert nieuw.verwerkingsactiviteit_versie == v2.pk
    assert lijst.verwerkingsactiviteit_versie == v2.pk

    # The privacy officer's export shows each record with its own version's texts.
    bsn = traject_weert.inburgeraar.bsn
    export = json.loads(als(privacy).get(f"/verwerkingen/export.json?bsn={bsn}").content)
    per_id = {rij["id"]: rij["register"] for rij in export["verwerkingen"]}
    assert (per_id[oud.pk]["versie"], per_id[oud.pk]["doel"]) == (1, oud_doel)
    assert per_id[oud.pk]["grondslag"] == oud_grondslag
    assert (per_id[nieuw.pk]["versie"], per_id[nieuw.pk]["doel"]) == (2, "Nieuw doel van Weert")
    assert per_id[nieuw.pk]["grondslag"] == "Wi2021 art. 14 (nagekeken)"


def test_the_seal_covers_the_version(adviseur_weert, traject_weert):
    v = services.log_lezen(adviseur_weert, traject_weert.inburgeraar, ["naam"])
    assert keten.verzegel() == 1
    v = Verwerking.objects.get(pk=v.pk)
    assert v.hashversie == 4 and v.verwerkingsactiviteit_versie is not None
    velden = keten.velden(v)
    assert velden["verwerkingsactiviteit_versie"] == v.verwerkingsactiviteit_versie
    anders = dict(velden, verwerkingsactiviteit_versie=v.verwerkingsactiviteit_versie + 1)
    assert rules.record_hash(anders, v.vorige_hash) != v.hash
    assert keten.verifieer() is None


def test_jobs_and_the_portal_use_the_register_of_the_case(weert, traject_weert):
    job = services.log_job("lezen", traject_weert, ["naam"])
    portaal = services.log_portaal(traject_weert.inburgeraar, "lezen", ["naam"])
    duo = VerwerkingsactiviteitVersie.objects.get(
        activiteit__gemeente=weert, activiteit__code=rules.REGISTER_DUO
    )
    eigen = VerwerkingsactiviteitVersie.objects.get(
        activiteit__gemeente=weert, activiteit__code=rules.REGISTER_PORTAAL
    )
    assert Verwerking.objects.get(pk=job.pk).verwerkingsactiviteit_versie == duo.pk
    assert Verwerking.objects.get(pk=portaal.pk).verwerkingsactiviteit_versie == eigen.pk


def test_a_record_without_gemeente_has_no_version(db):
    v = services.log(user=None, handeling="lezen", activiteit=rules.ACTIVITEIT_BRP)
    assert Verwerking.objects.get(pk=v.pk).verwerkingsactiviteit_versie is None


def test_the_version_costs_no_query_for_one_record_and_one_for_a_list(
    adviseur_weert, traject_weert, django_assert_num_queries
):
    inburgeraar = traject_weert.inburgeraar
    with django_assert_num_queries(1):
        services.log_lezen(adviseur_weert, inburgeraar, ["naam"])
    zaken = [(inburgeraar.pk, traject_weert.pk)] * 120
    # A list page, however long: on PostgreSQL one INSERT that reads the version in a
    # subquery it runs once; on SQLite the version read first, then the insert.
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 2):
        lijst = services.log_lezen_lijst(adviseur_weert, zaken, ["naam"])
    versies = set(Verwerking.objects.values_list("verwerkingsactiviteit_versie", flat=True))
    assert len(versies) == 1 and None not in versies
    assert {rij.verwerkingsactiviteit_versie for rij in lijst} == versies
    assert Verwerking.objects.count() == 121


def test_a_long_list_stays_within_sqlites_bound_on_values(
    adviseur_weert, traject_weert, django_assert_num_queries
):
    """On SQLite the rows per INSERT follow the database's own bound on bound values: with
    the old bound of 999 values, 52 rows take two inserts and none is refused."""
    if connection.vendor != "sqlite":
        assert services._rijen_per_insert() is None
        return
    import sqlite3

    connection.ensure_connection()
    sqlite = connection.connection
    oud = sqlite.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
    try:
        stuk = services._rijen_per_insert()
        kolommen = sum(1 for veld in Verwerking._meta.concrete_fields if not veld.primary_key)
        assert stuk == 999 // kolommen
        zaken = [(traject_weert.inburgeraar_id, traject_weert.pk)] * 52
        with django_assert_num_queries(1 + -(-52 // stuk)):  # the version, then the inserts
            services.log_lezen_lijst(adviseur_weert, zaken, ["naam"])
    finally:
        sqlite.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, oud)
    assert Verwerking.objects.filter(verwerkingsactiviteit_versie__isnull=False).count() == 52


def test_saving_unchanged_texts_makes_no_version(als, privacy, duo_regel):
    antwoord = als(privacy).post(f"{REGISTER}{duo_regel.pk}/", _formulier(duo_regel))
    assert antwoord.status_code == 302
    duo_regel.refresh_from_db()
    assert duo_regel.versie == 1 and duo_regel.versies.count() == 1


def test_the_versions_page_shows_every_version(als, privacy, functioneel_beheer, duo_regel):
    oud_doel = duo_regel.doel
    assert register.wijzig(duo_regel, _teksten(duo_regel, doel="Tweede doel"), "petra")
    assert register.wijzig(duo_regel, _teksten(duo_regel, doel="Derde doel"), "fabian")
    for user in (privacy, functioneel_beheer):
        antwoord = als(user).get(f"{REGISTER}{duo_regel.pk}/versies/")
        assert antwoord.status_code == 200
        html = antwoord.content.decode()
        for nummer in (1, 2, 3):
            assert f'id="versie-{nummer}"' in html
        assert oud_doel in html and "Tweede doel" in html and "Derde doel" in html
        assert html.index('id="versie-3"') < html.index('id="versie-1"')  # newest first
    lijst = als(privacy).get(REGISTER).content.decode()
    assert f"{REGISTER}{duo_regel.pk}/versies/" in lijst and "Versie 3" in lijst


def _teksten(regel, **anders):
    regel.refresh_from_db()
    return dict({veld: getattr(regel, veld) for veld in regel.TEKSTVELDEN}, **anders)


@pytest.fixture
def functioneel_beheer(weert):
    from tests.factories import GebruikerFactory

    return GebruikerFactory(username="fabian", gemeente=weert, rollen=["beheerder"])


def test_versions_of_another_gemeente_or_for_others_are_not_shown(
    als, privacy, adviseur_weert, nederweert, duo_regel
):
    ander = nederweert.verwerkingsactiviteiten.first()
    assert als(privacy).get(f"{REGISTER}{ander.pk}/versies/").status_code == 404
    assert als(adviseur_weert).get(f"{REGISTER}{duo_regel.pk}/versies/").status_code == 403


def test_a_version_cannot_be_changed_or_deleted(duo_regel):
    versie = duo_regel.versies.get()
    with pytest.raises(AlleenToevoegen):
        versie.save()
    with pytest.raises(AlleenToevoegen):
        versie.delete()
    with pytest.raises(AlleenToevoegen):
        VerwerkingsactiviteitVersie.objects.filter(pk=versie.pk).update(doel="x")
    with pytest.raises(ProtectedError):
        duo_regel.delete()
    # The database refuses it too.
    with (
        pytest.raises(DatabaseError, match="alleen toe te voegen"),
        transaction.atomic(),
        connection.cursor() as c,
    ):
        c.execute(
            "UPDATE verwerkingen_verwerkingsactiviteitversie SET doel = 'x' WHERE id = %s",
            [versie.pk],
        )
    if connection.vendor == "postgresql":
        with (
            pytest.raises(DatabaseError, match="alleen toe te voegen"),
            transaction.atomic(),
            connection.cursor() as c,
        ):
            c.execute(
                "DELETE FROM verwerkingen_verwerkingsactiviteitversie WHERE id = %s", [versie.pk]
            )
    versie.refresh_from_db()
    assert versie.doel == duo_regel.doel
