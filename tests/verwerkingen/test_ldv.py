"""Logboek Dataverwerkingen: every record carries its trace and operation ids, W3C Trace
Context is accepted on API calls, the seal covers the new fields, and the AVG export names
the ids."""

import json
import re

import pytest
from django.db import connection
from django.utils import timezone

from koers.verwerkingen import keten, rules, services, tracecontext
from koers.verwerkingen.models import Verwerking
from tests.conftest import inloggen

HEX32 = re.compile(r"[0-9a-f]{32}")
HEX16 = re.compile(r"[0-9a-f]{16}")
TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
OUDER = "00f067aa0ba902b7"
GELDIG = f"00-{TRACE}-{OUDER}-01"


@pytest.mark.parametrize(
    "waarde",
    [
        GELDIG,
        f"00-{TRACE}-{OUDER}-00",
        f"  {GELDIG} ",
        f"cc-{TRACE}-{OUDER}-01-wat-later-komt",  # a later version: its first four fields
    ],
)
def test_a_valid_traceparent_is_read(waarde):
    inkomend = tracecontext.lees_traceparent(waarde)
    assert inkomend is not None
    assert (inkomend.trace_id, inkomend.parent_id) == (TRACE, OUDER)


@pytest.mark.parametrize(
    "waarde",
    [
        None,
        "",
        "onzin",
        GELDIG.upper(),
        f"00-{'0' * 32}-{OUDER}-01",
        f"00-{TRACE}-{'0' * 16}-01",
        f"ff-{TRACE}-{OUDER}-01",
        f"00-{TRACE}-{OUDER}-01-extra",
        f"00-{TRACE[:-1]}-{OUDER}-01",
        f"00-{TRACE}-{OUDER}-1",
        "00-" + "g" * 32 + f"-{OUDER}-01",
    ],
)
def test_an_invalid_traceparent_is_ignored(waarde):
    assert tracecontext.lees_traceparent(waarde) is None


def test_new_ids_are_hex_of_the_right_length_and_differ():
    assert HEX32.fullmatch(tracecontext.nieuwe_trace_id())
    assert HEX16.fullmatch(tracecontext.nieuwe_span_id())
    assert tracecontext.nieuwe_span_id() != tracecontext.nieuwe_span_id()


def test_an_id_koers_makes_never_holds_nine_digits_in_a_row(monkeypatch):
    """The logs mask nine digits that pass the elfproef; a request id or trace id such as
    ...4c587411016a... would be masked in the log and no longer match its header."""
    aangeboden = iter(
        ["0" * 32, "36e2664700c64ca89f3b4c587411016a", "36e2664700c64ca89f3b4c58741101ab"]
    )
    monkeypatch.setattr(tracecontext.secrets, "token_hex", lambda _n: next(aangeboden))
    assert tracecontext.nieuwe_trace_id() == "36e2664700c64ca89f3b4c58741101ab"


def test_a_request_id_koers_makes_reads_the_same_in_the_log(monkeypatch, rf):
    from koers.config.logformat import maskeer_bsns, verzoek_id

    aangeboden = iter(["36e2664700c64ca89f3b4c587411016a", "36e2664700c64ca89f3b4c58741101ab"])
    monkeypatch.setattr(tracecontext.secrets, "token_hex", lambda _n: next(aangeboden))
    nieuw = verzoek_id(rf.get("/"))
    assert nieuw == "36e2664700c64ca89f3b4c58741101ab"
    assert maskeer_bsns(nieuw) == nieuw


def test_a_record_in_a_trace_carries_its_ids(adviseur_weert, traject_weert):
    with tracecontext.binnen() as trace:
        een = services.log_lezen(adviseur_weert, traject_weert.inburgeraar, ["naam"])
        lijst = services.log_lezen_lijst(
            adviseur_weert, [(traject_weert.inburgeraar_id, traject_weert.pk)] * 2, ["naam"]
        )
    rijen = Verwerking.objects.order_by("id")
    assert [v.pk for v in rijen] == [een.pk, *(v.pk for v in lijst)]
    assert {v.trace_id for v in rijen} == {trace.trace_id}
    assert {v.parent_operation_id for v in rijen} == {trace.span_id}
    operaties = [v.operation_id for v in rijen]
    assert all(HEX16.fullmatch(o) for o in operaties) and len(set(operaties)) == 3
    v = rijen[0]
    assert v.status_code == Verwerking.StatusCode.OK and v.hashversie == 4
    assert v.ldv["end_time"].startswith(v.tijdstip.date().isoformat())
    assert "foreign_operation" not in v.ldv


def test_a_record_outside_any_trace_starts_its_own(adviseur_weert, traject_weert):
    a = services.log_lezen(adviseur_weert, traject_weert.inburgeraar, ["naam"])
    b = services.log_lezen(adviseur_weert, traject_weert.inburgeraar, ["naam"])
    assert HEX32.fullmatch(a.trace_id) and a.trace_id != b.trace_id
    assert a.parent_operation_id is None


def test_a_call_to_duo_names_the_other_party(traject_weert):
    andere = {"trace_id": TRACE, "operation_id": OUDER, "entity": "urn:oin:00000001234"}
    v = services.log_job("lezen", traject_weert, ["plicht"], foreign_operation=andere)
    v.refresh_from_db()
    assert v.ldv["foreign_operation"] == andere


def test_an_api_call_continues_a_valid_incoming_trace(api, adviseur_weert, traject_weert):
    antwoord = api(adviseur_weert).get("/api/v1/inburgeraars", HTTP_TRACEPARENT=GELDIG)
    assert antwoord.status_code == 200
    v = Verwerking.objects.get()
    assert v.trace_id == TRACE
    assert HEX16.fullmatch(v.parent_operation_id) and v.parent_operation_id != OUDER
    assert v.ldv["foreign_operation"]["trace_id"] == TRACE
    assert v.ldv["foreign_operation"]["operation_id"] == OUDER


@pytest.mark.parametrize("kop", ["onzin", f"00-{'0' * 32}-{OUDER}-01", GELDIG.upper()])
def test_an_api_call_with_an_invalid_traceparent_starts_a_new_trace(
    api, adviseur_weert, traject_weert, kop
):
    antwoord = api(adviseur_weert).get("/api/v1/inburgeraars", HTTP_TRACEPARENT=kop)
    assert antwoord.status_code == 200
    v = Verwerking.objects.get()
    assert HEX32.fullmatch(v.trace_id) and v.trace_id not in (TRACE, "0" * 32)
    assert "foreign_operation" not in v.ldv


def test_a_screen_request_does_not_take_a_trace_from_outside(client, adviseur_weert, traject_weert):
    inloggen(client, adviseur_weert)
    antwoord = client.get(f"/inburgeraars/{traject_weert.inburgeraar_id}/", HTTP_TRACEPARENT=GELDIG)
    assert antwoord.status_code == 200
    v = Verwerking.objects.order_by("-id").first()
    assert v is not None and v.trace_id != TRACE and HEX32.fullmatch(v.trace_id)


def test_each_request_has_its_own_trace(api, adviseur_weert, traject_weert):
    api(adviseur_weert).get("/api/v1/inburgeraars")
    api(adviseur_weert).get("/api/v1/inburgeraars")
    assert Verwerking.objects.values("trace_id").distinct().count() == 2
    assert tracecontext.huidige() is None  # nothing leaks out of the request


def _triggers_uit(cursor):
    if connection.vendor == "postgresql":
        cursor.execute("DROP TRIGGER verwerking_alleen_toevoegen ON verwerkingen_verwerking")
    else:
        cursor.execute("DROP TRIGGER verwerking_geen_update")


def _drie(adviseur, traject):
    with tracecontext.binnen():
        rijen = [services.log_lezen(adviseur, traject.inburgeraar, ["naam"]) for _ in range(3)]
    assert keten.verzegel() == 3
    return rijen


@pytest.mark.parametrize(
    "wijziging",
    [
        "trace_id = '" + "a" * 32 + "'",
        "operation_id = '" + "b" * 16 + "'",
        "parent_operation_id = NULL",
        "status_code = 2",
        "ldv = '{}'",
        # Lowering the version to hide the new fields from the hash breaks it too.
        "hashversie = 1, trace_id = '" + "a" * 32 + "'",
    ],
)
def test_tampering_with_an_ldv_field_is_detected(adviseur_weert, traject_weert, wijziging):
    _a, b, _c = _drie(adviseur_weert, traject_weert)
    assert keten.verifieer() is None
    with connection.cursor() as c:
        _triggers_uit(c)
        # The SET clause is one of the constants above, not input.
        c.execute(f"UPDATE verwerkingen_verwerking SET {wijziging} WHERE id = %s", [b.pk])  # noqa: S608
    assert keten.verifieer() == b.pk


def test_records_of_hash_version_1_still_verify(adviseur_weert, traject_weert):
    """A record from before the LDV fields: no ids, hash over the old fields only."""
    oud = Verwerking(
        tijdstip=timezone.now(),
        doel="test",
        activiteit="dossier inzien",
        kanaal="ui",
        handeling="lezen",
        inburgeraar_id=traject_weert.inburgeraar_id,
        hashversie=1,
    )
    oud.save(force_insert=True)
    services.log_lezen(adviseur_weert, traject_weert.inburgeraar, ["naam"])
    assert keten.verzegel() == 2
    oud.refresh_from_db()
    assert oud.trace_id is None and oud.hashversie == 1
    assert set(keten.velden(oud)) == set(keten.HASH_VELDEN)
    assert keten.verifieer() is None
    with connection.cursor() as c:
        _triggers_uit(c)
        c.execute(
            "UPDATE verwerkingen_verwerking SET actor_naam = 'mallory' WHERE id = %s", [oud.pk]
        )
    assert keten.verifieer() == oud.pk


def test_the_database_refuses_changing_a_trace_id(adviseur_weert, traject_weert):
    from django.db import DatabaseError, transaction

    _a, b, _c = _drie(adviseur_weert, traject_weert)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as c,
    ):
        c.execute(
            "UPDATE verwerkingen_verwerking SET trace_id = %s WHERE id = %s", ["c" * 32, b.pk]
        )


def test_the_avg_export_names_the_ids(client, privacy, traject_weert, adviseur_weert):
    with tracecontext.binnen() as trace:
        gelezen = services.log_lezen(adviseur_weert, traject_weert.inburgeraar, ["naam"])
    inloggen(client, privacy)
    antwoord = client.get("/verwerkingen/export.json", {"bsn": traject_weert.inburgeraar.bsn})
    assert antwoord.status_code == 200
    rijen = {r["id"]: r for r in json.loads(antwoord.content)["verwerkingen"]}
    assert rijen[gelezen.pk]["trace_id"] == trace.trace_id
    assert rijen[gelezen.pk]["operation_id"] == gelezen.operation_id
    assert rijen[gelezen.pk]["parent_operation_id"] == trace.span_id
    assert all(HEX32.fullmatch(r["trace_id"]) for r in rijen.values())
    assert [r["verwerkingsactiviteit"] for r in rijen.values()] == [
        rules.REGISTER_UITVOERING,
        rules.REGISTER_INZAGE,
    ]
    assert len(rijen) == 2  # the record above and the export itself


def test_the_inzage_names_the_ids(adviseur_weert, traject_weert):
    from koers.avg import inzage

    gelezen = services.log_lezen(adviseur_weert, traject_weert.inburgeraar, ["naam"])
    rij = inzage.gegevens(traject_weert.inburgeraar)["verwerkingen"][0]
    assert (rij["trace_id"], rij["operation_id"]) == (gelezen.trace_id, gelezen.operation_id)
    assert rij["parent_operation_id"] == gelezen.parent_operation_id
    assert rij["verwerkingsactiviteit"] == rules.REGISTER_UITVOERING
