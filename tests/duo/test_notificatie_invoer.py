"""The Notificatie API under bad input: implausible moments, a body too large for Django, and a
berichtId DUO uses again for another content. Always DUO's Foutmelding, never a 500, never a
row that would count as newer than real events or hold back the person's later ones."""

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from koers.duo import rules, worker
from koers.duo.models import Notificatie, NotificatieConflict
from tests.duo.test_notificatie_endpoint import assert_foutmelding, geldig, post
from tests.factories import valid_bsn
from tests.web.conftest import inloggen

NU = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def bevroren():
    with time_machine.travel(NU, tick=False):
        yield


# -- the rule itself -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        ("2022-01-01T00:00:00+01:00", None),  # the first moment of the law, Dutch time
        ("2021-12-31T23:59:59+01:00", "voor 1 januari 2022"),
        ("2021-12-31T23:30:00+00:00", None),  # = 00:30 on 1 January in the Netherlands
        ("2026-11-20T12:04:59+00:00", None),  # clock drift within 5 minutes
        ("2026-11-20T12:05:01+00:00", "in de toekomst"),
        ("2026-11-20T14:00:00+01:00", "in de toekomst"),
        ("0001-01-01T00:00:00+05:00", "buiten de datums"),
        ("9999-12-31T23:59:59-05:00", "buiten de datums"),
        ("9999-12-31T23:59:59+05:00", "in de toekomst"),
    ],
)
def test_registratie_fout(waarde, verwacht):
    fout = rules.registratie_fout(datetime.fromisoformat(waarde), nu=NU)
    if verwacht is None:
        assert fout is None
    else:
        assert fout is not None and verwacht in fout


def test_registratie_fout_volgt_de_ingestelde_marge():
    tien_minuten = datetime(2026, 11, 20, 12, 10, tzinfo=UTC)
    assert rules.registratie_fout(tien_minuten, nu=NU) is not None
    assert rules.registratie_fout(tien_minuten, nu=NU, max_vooruit=timedelta(minutes=15)) is None


# -- the endpoint ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "moment",
    [
        "2021-06-01T10:00:00+02:00",
        "2000-01-01T00:00:00Z",
        "0001-01-01T00:00:00+05:00",
        "0001-01-01T00:00:00",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59-05:00",
        "9999-12-31T23:59:59+14:00",
        "9999-12-31T23:59:59",
        "2026-11-20T12:10:00Z",
        "2100-01-01T00:00:00+01:00",
    ],
)
def test_onwaarschijnlijk_moment_geweigerd_met_foutmelding(client, weert, bevroren, moment):
    antwoord = post(client, geldig(registratieDatumTijd=moment))
    teksten = assert_foutmelding(antwoord, 400)
    assert any("registratieDatumTijd" in t for t in teksten)
    assert not Notificatie.objects.exists()


def test_marge_voor_de_klok_is_instelbaar(client, weert, bevroren, settings):
    body = geldig(registratieDatumTijd="2026-11-20T12:10:00Z")
    assert post(client, body).status_code == 400
    settings.DUO_REGISTRATIE_MAX_VOORUIT_MINUTEN = 15
    assert post(client, body).status_code == 201


def test_geweigerde_toekomst_houdt_latere_notificaties_niet_tegen(client, weert, bevroren):
    bsn = valid_bsn(31)
    toekomst = geldig(bsn=bsn, registratieDatumTijd="9999-12-31T23:59:59+05:00")
    assert post(client, toekomst).status_code == 400
    assert (
        post(client, geldig(bsn=bsn, registratieDatumTijd="0001-01-01T00:00:00+05:00")).status_code
        == 400
    )
    assert (
        post(client, geldig(bsn=bsn, registratieDatumTijd="2026-11-20T11:00:00Z")).status_code
        == 201
    )
    echte = Notificatie.objects.get()
    assert worker._te_doen(10) == [echte.pk]


def test_te_grote_body_krijgt_de_json_foutmelding(client, weert, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 4096
    groot = json.dumps({**geldig(), "opvulling": "x" * 10_000})
    antwoord = post(client, None, raw=groot)
    assert antwoord["Content-Type"] == "application/json"
    assert assert_foutmelding(antwoord, 400) == ["De notificatie is te groot."]
    assert not Notificatie.objects.exists()


def test_body_boven_de_standaardgrens_van_django(client, weert):
    groot = json.dumps({**geldig(), "opvulling": "x" * 3_000_000})
    antwoord = post(client, None, raw=groot)
    assert assert_foutmelding(antwoord, 400) == ["De notificatie is te groot."]


# -- a berichtId used again ------------------------------------------------------------------


def test_zelfde_berichtid_zelfde_inhoud_stil_bevestigd(client, weert):
    bericht_id = uuid.uuid4()
    assert post(client, geldig(), bericht_id=bericht_id).status_code == 201
    # The same moment written with another offset is the same notification.
    zelfde = geldig(registratieDatumTijd="2026-03-02T09:15:00Z")
    assert post(client, zelfde, bericht_id=bericht_id).status_code == 201
    assert Notificatie.objects.count() == 1
    assert not NotificatieConflict.objects.exists()


def test_zelfde_berichtid_andere_inhoud_is_een_conflict(client, weert):
    bericht_id = uuid.uuid4()
    assert post(client, geldig(), bericht_id=bericht_id).status_code == 201
    ander = geldig(gebeurtenisId="SS102", bsn=valid_bsn(2))
    for _ in range(2):
        teksten = assert_foutmelding(post(client, ander, bericht_id=bericht_id), 400)
        assert "berichtId" in teksten[0]
    notificatie = Notificatie.objects.get()
    assert notificatie.gebeurtenis_id == "SS101"  # the first one stays
    conflict = NotificatieConflict.objects.get()
    assert conflict.notificatie == notificatie
    assert conflict.aantal == 2
    assert conflict.afwijkend == {"gebeurtenis_id": "SS102", "bsn": "******" + valid_bsn(2)[-3:]}
    # A third content is a second conflict record.
    assert post(client, geldig(gebeurtenisId="SS103"), bericht_id=bericht_id).status_code == 400
    assert NotificatieConflict.objects.count() == 2


def test_conflict_staat_op_de_beheerpagina_zonder_volledig_bsn(client, weert, beheerder):
    bericht_id = uuid.uuid4()
    post(client, geldig(), bericht_id=bericht_id)
    post(client, geldig(bsn=valid_bsn(2)), bericht_id=bericht_id)
    inloggen(client, beheerder)
    html = client.get("/beheer-duo/notificaties/").content.decode()
    assert 'id="conflicten"' in html
    assert str(bericht_id) in html
    assert "******" + valid_bsn(2)[-3:] in html
    assert valid_bsn(2) not in html


def _insert_faalt_op_een_race(monkeypatch, zichtbaar_na: int):
    """The insert fails on the unique berichtId of a racing delivery whose row becomes
    visible only at the ``zichtbaar_na``-th look (never when 0)."""
    from django.db import IntegrityError

    from koers.duo import notificaties

    echte_filter = Notificatie.objects.filter
    keren = {"gekeken": 0}

    def create(**velden):
        raise IntegrityError("UNIQUE constraint failed: duo_notificatie.bericht_id")

    def filter_(**velden):
        if "bericht_id" in velden:
            keren["gekeken"] += 1
            if not zichtbaar_na or keren["gekeken"] < zichtbaar_na:
                return echte_filter(pk=-1)
        return echte_filter(**velden)

    monkeypatch.setattr(Notificatie.objects, "create", create)
    monkeypatch.setattr(Notificatie.objects, "filter", filter_)
    monkeypatch.setattr(notificaties.time, "sleep", lambda _s: None)
    return keren


def test_racende_levering_die_pas_later_zichtbaar_is_wordt_bevestigd(client, weert, monkeypatch):
    bericht_id = uuid.uuid4()
    assert post(client, geldig(), bericht_id=bericht_id).status_code == 201
    keren = _insert_faalt_op_een_race(monkeypatch, zichtbaar_na=3)
    antwoord = post(client, geldig(), bericht_id=bericht_id)
    assert antwoord.status_code == 201 and keren["gekeken"] == 3


def test_racende_levering_die_niet_zichtbaar_wordt_is_een_503_geen_500(client, weert, monkeypatch):
    keren = _insert_faalt_op_een_race(monkeypatch, zichtbaar_na=0)
    fouten = assert_foutmelding(post(client, geldig()), 503)
    assert "later opnieuw" in fouten[0] and keren["gekeken"] == 5


def test_bezette_database_is_een_503_die_duo_opnieuw_levert(client, weert, monkeypatch):
    from django.db import OperationalError

    def create(**velden):
        raise OperationalError("database table is locked")

    monkeypatch.setattr(Notificatie.objects, "create", create)
    fouten = assert_foutmelding(post(client, geldig()), 503)
    assert "later opnieuw" in fouten[0]
    monkeypatch.undo()
    assert not Notificatie.objects.exists()
