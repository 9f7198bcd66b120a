"""The Notificatie API that DUO calls: POST /duo/v1/notificaties (API/Notificatie)."""

import json
import time
import uuid

import pytest
from django.db import connection

from koers.duo import spec
from koers.duo.models import Notificatie
from tests.factories import valid_bsn

URL = "/duo/v1/notificaties"
DUO = "00000001234567890000"


def post(
    client,
    body,
    *,
    doel="00000001001234567890",
    bericht_id=None,
    bron=DUO,
    content_type="application/json",
    raw=None,
    **headers,
):
    kop = {"bron": bron, "doel": doel, "berichtId": str(bericht_id or uuid.uuid4())}
    kop = {k: v for k, v in kop.items() if v is not None}
    kop.update(headers)
    data = raw if raw is not None else json.dumps(body)
    return client.post(URL, data=data, content_type=content_type, headers=kop)


def geldig(**extra):
    return {
        "registratieDatumTijd": "2026-03-02T10:15:00+01:00",
        "bsn": valid_bsn(1),
        "gebeurtenisId": "SS101",
        **extra,
    }


def assert_foutmelding(antwoord, status):
    assert antwoord.status_code == status
    assert antwoord["API-Version"] == spec.operation("opvoerenNotificatie").api_version
    lijst = antwoord.json()
    assert isinstance(lijst, list) and lijst
    assert all(set(f) == {"fouttekst"} and 0 < len(f["fouttekst"]) <= 200 for f in lijst)
    return [f["fouttekst"] for f in lijst]


def test_geldige_notificatie_wordt_opgeslagen_en_bevestigd(client, weert):
    bericht_id = uuid.uuid4()
    antwoord = post(client, geldig(vNummer=12345678), bericht_id=bericht_id)
    assert antwoord.status_code == 201
    assert antwoord["API-Version"] == "1.8.0"
    assert antwoord["berichtId"] == str(bericht_id)
    assert spec.validate_response("opvoerenNotificatie", 201, dict(antwoord.headers), None) == []
    n = Notificatie.objects.get(bericht_id=bericht_id)
    assert (n.gemeente, n.gebeurtenis_id, n.bsn, n.vnummer, n.status) == (
        weert,
        "SS101",
        valid_bsn(1),
        "0012345678",
        "nieuw",
    )
    assert n.registratie_datum_tijd.isoformat() == "2026-03-02T09:15:00+00:00"


def test_een_notificatie_is_een_insert_die_ook_de_gemeente_opzoekt(client, weert):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert post(client, geldig()).status_code == 201
    # Besides the savepoint of the test's own transaction: nothing but the INSERT.
    sql = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(sql) == 1 and sql[0].startswith('INSERT INTO "duo_notificatie"'), sql
    assert Notificatie.objects.get().gemeente == weert


def test_zelfde_berichtid_twee_keer_bevestigd_en_een_keer_opgeslagen(client, weert):
    bericht_id = uuid.uuid4()
    assert post(client, geldig(), bericht_id=bericht_id).status_code == 201
    assert post(client, geldig(), bericht_id=bericht_id).status_code == 201
    assert Notificatie.objects.filter(bericht_id=bericht_id).count() == 1


def test_onbekende_gebeurtenis_wordt_ook_opgeslagen(client, weert):
    assert post(client, geldig(gebeurtenisId="SS999")).status_code == 201
    assert Notificatie.objects.get().gebeurtenis_id == "SS999"


@pytest.mark.parametrize(
    "wijziging",
    [
        {"berichtId": None},
        {"bron": None},
        {"doel": None},
        {"berichtId": "geen-uuid"},
        {"bron": "123"},
        {"doel": "0000000100123456789X"},
    ],
)
def test_ontbrekende_of_foute_header_geeft_400(client, weert, wijziging):
    kop = {"bron": DUO, "doel": weert.oin, "berichtId": str(uuid.uuid4()), **wijziging}
    kop = {k: v for k, v in kop.items() if v is not None}
    antwoord = client.post(
        URL, data=json.dumps(geldig()), content_type="application/json", headers=kop
    )
    assert_foutmelding(antwoord, 400)
    assert not Notificatie.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        geldig(bsn="123456789"),  # elfproef fails
        geldig(bsn="12345678"),
        geldig(bsn="١٢٣٤٥٦٧٨٢"),  # Arabic-Indic digits
        geldig(bsn=123456782),
        geldig(registratieDatumTijd="gisteren"),
        geldig(registratieDatumTijd="2026-13-45T10:00:00+01:00"),
        geldig(registratieDatumTijd=20260302),
        geldig(gebeurtenisId="ss101"),
        geldig(gebeurtenisId=""),
        geldig(gebeurtenisId="SS101\u0000"),
        geldig(vNummer="12"),
        geldig(vNummer=-1),
        geldig(vNummer=True),
        geldig(vNummer=10**12),
        {"bsn": valid_bsn(1), "gebeurtenisId": "SS101"},
        {"registratieDatumTijd": "2026-03-02T10:15:00+01:00"},
        [],
        "tekst",
        None,
        42,
    ],
)
def test_ongeldige_inhoud_geeft_400(client, weert, body):
    assert_foutmelding(post(client, body), 400)
    assert not Notificatie.objects.exists()


@pytest.mark.parametrize(
    "raw",
    [b"{", b"\x00\x00", b"\xff\xfe{}", b"", b'{"a": NaN', b"[" * 5000 + b"]" * 5000, b'"\\u0000"'],
)
def test_kapotte_json_geeft_400(client, weert, raw):
    assert_foutmelding(post(client, None, raw=raw), 400)


def test_geen_json_geeft_400(client, weert):
    antwoord = post(client, None, raw="bsn=1", content_type="application/x-www-form-urlencoded")
    assert_foutmelding(antwoord, 400)


def test_nul_byte_in_header_geeft_400_en_geen_500(client, weert):
    antwoord = post(client, geldig(), bron="0000000123456789000\x00")
    assert antwoord.status_code == 400


def test_onbekend_doel_wordt_geweigerd_met_403(client, weert):
    teksten = assert_foutmelding(post(client, geldig(), doel="00000001999999999999"), 403)
    assert "gemeente" in teksten[0]
    assert not Notificatie.objects.exists()


def test_een_andere_bron_dan_duo_wordt_geweigerd_met_403(client, weert):
    # A gemeente (or anyone with a certificate of the same root) posing as DUO.
    teksten = assert_foutmelding(post(client, geldig(), bron=weert.oin), 403)
    assert "niet DUO" in teksten[0]
    assert not Notificatie.objects.exists()


def test_een_insert_zonder_teruggegeven_rij_op_sqlite_is_een_503(client, weert, monkeypatch):
    """SQLite under concurrent writers can end an INSERT ... RETURNING without its row; DUO
    then gets a 503 and delivers again, never a 500."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("only SQLite resets a busy INSERT ... RETURNING this way")

    def zonder_rij(**velden):
        raise TypeError("'NoneType' object is not iterable")

    monkeypatch.setattr(Notificatie.objects, "create", zonder_rij)
    teksten = assert_foutmelding(post(client, geldig()), 503)
    assert teksten


def test_een_unieke_botsing_die_sqlite_als_databasefout_meldt_is_al_ontvangen(
    client, weert, monkeypatch
):
    """Two racing deliveries of one berichtId: SQLite can report the second one's UNIQUE
    conflict as a plain DatabaseError (not an IntegrityError). Still the same notification
    again: 201, kept once, never a 500."""
    from django.db import DatabaseError

    bericht_id = uuid.uuid4()
    assert post(client, geldig(), bericht_id=bericht_id).status_code == 201

    def botsing(**velden):
        raise DatabaseError("UNIQUE constraint failed: duo_notificatie.bericht_id")

    monkeypatch.setattr(Notificatie.objects, "create", botsing)
    antwoord = post(client, geldig(), bericht_id=bericht_id)
    assert antwoord.status_code == 201
    assert antwoord["berichtId"] == str(bericht_id)
    assert Notificatie.objects.filter(bericht_id=bericht_id).count() == 1


def test_alleen_post(client, weert):
    assert client.get(URL).status_code == 405


def test_geen_login_of_csrf_nodig(weert):
    from django.test import Client

    strikt = Client(enforce_csrf_checks=True)
    assert post(strikt, geldig()).status_code == 201


@pytest.mark.slow
def test_1000_notificaties_met_dubbelen_elk_een_keer_opgeslagen(client, weert, capsys):
    ids = [uuid.uuid4() for _ in range(900)]
    reeks = ids + ids[:100]  # 100 repeated berichtIds
    start = time.perf_counter()
    for i, bericht_id in enumerate(reeks):
        body = geldig(bsn=valid_bsn(i % 900 + 10), gebeurtenisId="SS102")
        assert post(client, body, bericht_id=bericht_id).status_code == 201
    duur = time.perf_counter() - start
    assert Notificatie.objects.count() == 900
    with capsys.disabled():
        print(
            f"\n[{connection.vendor}] {len(reeks)} notificaties in {duur:.2f} s = "
            f"{len(reeks) / duur:.0f} notificaties/s"
        )


@pytest.mark.django_db(transaction=True)
def test_notificatie_is_vastgelegd_voordat_201_terugkomt(client, weert):
    # No test transaction around this test: a row that exists after the answer is committed.
    bericht_id = uuid.uuid4()
    assert post(client, geldig(), bericht_id=bericht_id).status_code == 201
    assert not connection.in_atomic_block
    assert Notificatie.objects.filter(bericht_id=bericht_id).exists()
