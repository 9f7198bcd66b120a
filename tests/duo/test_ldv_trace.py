"""Logboek Dataverwerkingen in the DUO chain, over real HTTP to the DUO simulator: each
delivery from the outbox and each handled notification is one trace, shared by its log
record and the ``traceparent`` of its calls to DUO, so DUO's processing can be followed back
to Koers' record. A notification DUO posts with a ``traceparent`` is handled in DUO's trace:
its records name DUO's operation as their foreign_operation."""

import uuid
from datetime import date, timedelta

import httpx
import pytest
from django.conf import settings
from django.utils import timezone

from koers.duo import outbox, worker
from koers.duo.client import DuoClient
from koers.duo.models import Bericht, Notificatie
from koers.verwerkingen import rules, tracecontext
from koers.verwerkingen.models import Verwerking
from tests.duo.keten_hulp import notificatie
from tests.duo.meldingen_gegevens import intake_af, vastgesteld
from tests.duo.simulator_hulp import AMIRA, duo_fixture, duo_sim_server_fixture  # noqa: F401
from tests.factories import InburgeraarFactory, TrajectFactory


class Opnemer(httpx.HTTPTransport):
    """A real HTTP transport that keeps the ``traceparent`` of every request it sends."""

    def __init__(self):
        super().__init__()
        self.traceparents: list[str | None] = []

    def handle_request(self, request):
        self.traceparents.append(request.headers.get("traceparent"))
        return super().handle_request(request)


@pytest.fixture
def opnemer():
    return Opnemer()


@pytest.fixture
def client_duo(duo, opnemer):
    return DuoClient(base_url=duo.base_url, doel=settings.DUO_OIN, transport=opnemer)


def _job_records():
    return list(
        Verwerking.objects.filter(
            kanaal=Verwerking.Kanaal.JOB, activiteit=rules.ACTIVITEIT_DUO
        ).order_by("id")
    )


def test_a_delivery_is_one_trace_with_its_call_to_duo(weert, adviseur_weert, client_duo, opnemer):
    vandaag = date.today()
    traject = TrajectFactory(
        inburgeraar=InburgeraarFactory(gemeente=weert, bsn=AMIRA, vestigingsdatum=None),
        datum_start_plicht=vandaag - timedelta(days=130),
        datum_start_pip_termijn=vandaag - timedelta(days=30),
    )
    traject = intake_af(traject, adviseur_weert)
    vastgesteld(traject, adviseur_weert, dagtekening=vandaag - timedelta(days=1))
    assert tracecontext.huidige() is None
    assert outbox.lever_af(client=client_duo) == 1
    assert tracecontext.huidige() is None  # the trace ends with the delivery
    bericht = Bericht.objects.get(soort="pip")
    assert bericht.status == Bericht.Status.AFGELEVERD, bericht.laatste_antwoord

    [record] = _job_records()
    [traceparent] = opnemer.traceparents
    inkomend = tracecontext.lees_traceparent(traceparent)
    # DUO's processing joins the record's trace and names the record as its parent.
    assert inkomend.trace_id == record.trace_id
    assert inkomend.parent_id == record.operation_id
    assert record.parent_operation_id is not None
    assert record.verwerkingsactiviteit == rules.REGISTER_DUO
    assert record.doel == rules.DOEL_DUO
    assert record.ldv["end_time"] >= record.tijdstip.isoformat(timespec="milliseconds")[:19]


def test_each_notification_is_one_trace_with_its_calls(weert, client_duo, opnemer):
    eerste = notificatie(weert, "SS139", AMIRA)
    assert worker.verwerk_notificaties(client=client_duo) == 1
    eerste.refresh_from_db()
    assert eerste.status == Notificatie.Status.VERWERKT, eerste.fout
    records = _job_records()
    record = records[-1]  # the handling itself; the handler may log its questions to DUO too
    assert {r.trace_id for r in records} == {record.trace_id}
    aanroepen = [tracecontext.lees_traceparent(t) for t in opnemer.traceparents]
    assert len(aanroepen) >= 2  # the handler asked DUO several things
    assert {a.trace_id for a in aanroepen} == {record.trace_id}
    assert len({a.parent_id for a in aanroepen}) == len(aanroepen)  # a span per call
    # The record's start is before its calls: it covers the whole handling.
    assert record.tijdstip.isoformat(timespec="milliseconds") <= record.ldv["end_time"]
    assert record.verwerkingsactiviteit == rules.REGISTER_DUO

    # The next notification is a trace of its own.
    opnemer.traceparents.clear()
    tweede = notificatie(weert, "SS139", AMIRA)
    worker.verwerk_notificaties(client=client_duo)
    tweede.refresh_from_db()
    assert tweede.status == Notificatie.Status.VERWERKT, tweede.fout
    nieuw = _job_records()[-1]
    assert nieuw.pk != record.pk and nieuw.trace_id != record.trace_id
    assert {tracecontext.lees_traceparent(t).trace_id for t in opnemer.traceparents} == {
        nieuw.trace_id
    }


def test_the_herstel_job_checks_each_case_in_a_trace_of_its_own(weert, client_duo, opnemer):
    from koers.duo import herstel

    vandaag = date.today()
    traject = TrajectFactory(
        inburgeraar=InburgeraarFactory(gemeente=weert, bsn=AMIRA),
        datum_start_plicht=vandaag - timedelta(days=130),
    )
    assert herstel.herstel(client=client_duo, limiet=1) == 1
    records = _job_records()  # the question to DUO, and what changed on the case
    assert records and {r.traject_id for r in records} == {traject.pk}
    [trace_id] = {r.trace_id for r in records}
    aanroepen = {tracecontext.lees_traceparent(t).trace_id for t in opnemer.traceparents}
    assert aanroepen == {trace_id}


DUO_TRACE = "0af7651916cd43dd8448eb211c80319c"
DUO_OPERATIE = "b7ad6b7169203331"


def _stuur(url: str, gemeente, **headers) -> httpx.Response:
    """DUO posts a notification SS139 for Amira to Koers over real HTTP."""
    moment = timezone.localtime() - timedelta(hours=1)
    return httpx.post(
        url + "/duo/v1/notificaties",
        json={
            "registratieDatumTijd": moment.isoformat(timespec="seconds"),
            "bsn": AMIRA,
            "gebeurtenisId": "SS139",
        },
        headers={
            "bron": settings.DUO_OIN,
            "doel": gemeente.oin,
            "berichtId": str(uuid.uuid4()),
            **headers,
        },
        timeout=10,
    )


@pytest.mark.django_db(transaction=True)
def test_duos_traceparent_becomes_the_foreign_operation_of_the_handling(
    live_server, weert, client_duo, opnemer
):
    antwoord = _stuur(live_server.url, weert, traceparent=f"00-{DUO_TRACE}-{DUO_OPERATIE}-01")
    assert antwoord.status_code == 201, antwoord.text
    opgeslagen = Notificatie.objects.get()
    assert opgeslagen.traceparent == f"00-{DUO_TRACE}-{DUO_OPERATIE}-01"

    # The worker handles it later, in DUO's trace.
    assert worker.verwerk_notificaties(client=client_duo) == 1
    opgeslagen.refresh_from_db()
    assert opgeslagen.status == Notificatie.Status.VERWERKT, opgeslagen.fout
    records = _job_records()
    assert records
    for record in records:
        assert record.trace_id == DUO_TRACE
        assert record.ldv["foreign_operation"] == {
            "trace_id": DUO_TRACE,
            "operation_id": DUO_OPERATIE,
            "entity": f"urn:oin:{settings.DUO_OIN}",
        }
    # Koers' questions to DUO while handling it go on in DUO's trace, each a span of its own.
    aanroepen = [tracecontext.lees_traceparent(t) for t in opnemer.traceparents]
    assert aanroepen and {a.trace_id for a in aanroepen} == {DUO_TRACE}
    assert DUO_OPERATIE not in {a.parent_id for a in aanroepen}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "traceparent",
    [
        "onzin",
        f"00-{'0' * 32}-{DUO_OPERATIE}-01",  # all-zero trace id
        f"ff-{DUO_TRACE}-{DUO_OPERATIE}-01",  # version ff
        f"00-{DUO_TRACE.upper()}-{DUO_OPERATIE}-01",  # upper case
        f"00-{DUO_TRACE}-{DUO_OPERATIE}-01-extra",  # version 00 with more
        "00-" + "a" * 5000,
    ],
)
def test_an_invalid_traceparent_is_ignored_not_a_500(
    live_server, weert, client_duo, opnemer, traceparent
):
    antwoord = _stuur(live_server.url, weert, traceparent=traceparent)
    assert antwoord.status_code == 201, antwoord.text
    opgeslagen = Notificatie.objects.get()
    assert opgeslagen.traceparent == ""
    assert worker.verwerk_notificaties(client=client_duo) == 1
    records = _job_records()
    assert records
    assert all("foreign_operation" not in r.ldv for r in records)
    assert all(r.trace_id != DUO_TRACE for r in records)
