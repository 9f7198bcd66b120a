"""The export of the verwerkingenlogging to a Logboek Dataverwerkingen over real OTLP/HTTP:
an in-process HTTP receiver decodes the ExportTraceServiceRequest the SDK's exporter sends.
Off by default; sealed records only, in seal order, behind a cursor that moves only when the
receiver confirmed, so nothing is lost while it is down."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.checks import run_checks
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)
from opentelemetry.proto.trace.v1.trace_pb2 import Status

from koers.taken.planner import Omgeving
from koers.verwerkingen import keten, otlp, rules, services, taken, tracecontext
from koers.verwerkingen.models import LdvExport, Verwerking

SLEUTEL = "k" * 40


class _Logboek(BaseHTTPRequestHandler):
    def do_POST(self):
        inhoud = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.server.weigeren:
            self.server.geweigerd += 1
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        verzoek = ExportTraceServiceRequest()
        verzoek.ParseFromString(inhoud)
        self.server.verzoeken.append((self.path, dict(self.headers), verzoek))
        antwoord = ExportTraceServiceResponse().SerializeToString()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", str(len(antwoord)))
        self.end_headers()
        self.wfile.write(antwoord)

    def log_message(self, *args):
        """No access log: the test reads the requests from ``verzoeken``."""


class Ontvanger:
    """An OTLP/HTTP receiver on a fixed port that can be down (nothing listens) and up."""

    def __init__(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.poort = s.getsockname()[1]
        self.server = None
        self.draad = None
        self.verzoeken = []
        self.weigeren = False

    @property
    def adres(self):
        return f"http://127.0.0.1:{self.poort}/v1/traces"

    def start(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", self.poort), _Logboek)
        self.server.verzoeken = self.verzoeken
        self.server.weigeren = self.weigeren
        self.server.geweigerd = 0
        self.draad = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.draad.start()

    def stop(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.draad.join(timeout=5)
            self.server = None

    def spans(self):
        return [
            span
            for _, _, verzoek in self.verzoeken
            for rs in verzoek.resource_spans
            for ss in rs.scope_spans
            for span in ss.spans
        ]


@pytest.fixture
def ontvanger():
    o = Ontvanger()
    yield o
    o.stop()


@pytest.fixture
def logboek(settings, ontvanger):
    settings.LDV_OTLP_ENDPOINT = ontvanger.adres
    settings.LDV_PSEUDONIEM_SLEUTEL = SLEUTEL
    settings.LDV_OTLP_TIMEOUT = 1
    settings.LDV_OTLP_HEADERS = "Authorization=Bearer%20geheim"
    return ontvanger


def _attributen(span) -> dict:
    uit = {}
    for kv in span.attributes:
        waarde = kv.value
        soort = waarde.WhichOneof("value")
        if soort == "array_value":
            uit[kv.key] = [v.string_value for v in waarde.array_value.values]
        else:
            uit[kv.key] = getattr(waarde, soort)
    return uit


def _records(adviseur, traject):
    """Three sealed records: one in a trace that came from another party, one list record,
    one about no person."""
    extern = tracecontext.lees_traceparent(
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    )
    with tracecontext.binnen(tracecontext.start(extern)):
        een = services.log_lezen(adviseur, traject.inburgeraar, ["naam", "gezondheid"])
    twee = services.log_lezen_lijst(adviseur, [(traject.inburgeraar_id, traject.pk)], ["naam"])[0]
    drie = services.log(user=adviseur, handeling="lezen", activiteit=rules.ACTIVITEIT_INZAGE)
    assert keten.verzegel() == 3
    return [Verwerking.objects.get(pk=v.pk) for v in (een, twee, drie)]


def test_export_is_off_by_default(settings):
    assert settings.LDV_OTLP_ENDPOINT == ""
    assert not otlp.aan()
    assert taken.export_interval(Omgeving(stop=threading.Event())) is None
    assert "koers.E041" not in {p.id for p in run_checks()}


def test_records_arrive_as_ldv_spans_over_otlp(logboek, adviseur_weert, traject_weert):
    een, twee, drie = _records(adviseur_weert, traject_weert)
    logboek.start()
    uitkomst = otlp.exporteer()
    assert uitkomst == otlp.Uitkomst(verstuurd=3, gelukt=True)
    pad, headers, verzoek = logboek.verzoeken[0]
    headers = {k.lower(): v for k, v in headers.items()}
    assert pad == "/v1/traces" and headers["authorization"] == "Bearer geheim"
    bron = {kv.key: kv.value.string_value for kv in verzoek.resource_spans[0].resource.attributes}
    assert bron["service.name"] == "koers"
    spans = {s.span_id.hex(): s for s in logboek.spans()}
    assert set(spans) == {een.operation_id, twee.operation_id, drie.operation_id}

    s = spans[een.operation_id]
    assert s.trace_id.hex() == een.trace_id == "4bf92f3577b34da6a3ce929d0e0e4736"
    assert s.parent_span_id.hex() == een.parent_operation_id
    assert s.name == rules.ACTIVITEIT_INZIEN
    assert s.status.code == Status.STATUS_CODE_OK
    assert s.start_time_unix_nano == int(een.tijdstip.timestamp() * 1_000_000) * 1000
    assert s.end_time_unix_nano >= s.start_time_unix_nano
    a = _attributen(s)
    assert a["dpl.core.processing_activity_id"] == (
        "urn:koers:verwerkingsactiviteit:" + rules.REGISTER_UITVOERING
    )
    assert a["dpl.core.data_subject_id"] == otlp.pseudoniem(traject_weert.inburgeraar_id, SLEUTEL)
    assert a["dpl.core.data_subject_id_type"] == otlp.PSEUDONIEM_TYPE
    assert a["dpl.core.foreign_operation.trace_id"] == "4bf92f3577b34da6a3ce929d0e0e4736"
    assert a["dpl.core.foreign_operation.span_id"] == "00f067aa0ba902b7"
    assert a["koers.secties"] == ["gezondheid", "naam"]
    assert a["koers.verwerking.id"] == een.pk and a["koers.verwerking.volgnummer"] == een.volgnummer

    # The data subject only as a pseudonym: no BSN, no Koers number, no staff name anywhere.
    bsn = traject_weert.inburgeraar.bsn
    for span in spans.values():
        for waarde in _attributen(span).values():
            assert bsn not in str(waarde)
            assert adviseur_weert.username not in str(waarde)
        assert str(traject_weert.inburgeraar_id) != _attributen(span).get(
            "dpl.core.data_subject_id"
        )
    geen_persoon = _attributen(spans[drie.operation_id])
    assert "dpl.core.data_subject_id" not in geen_persoon
    assert geen_persoon["dpl.core.processing_activity_id"].endswith(rules.REGISTER_INZAGE)
    assert LdvExport.objects.get().tot_volgnummer == drie.volgnummer
    assert otlp.achterstand() == 0


def test_a_logbook_that_is_down_loses_nothing(logboek, adviseur_weert, traject_weert):
    records = _records(adviseur_weert, traject_weert)
    # Down: nothing listens on the port.
    uitkomst = otlp.exporteer(stuk=2)
    assert uitkomst == otlp.Uitkomst(verstuurd=0, gelukt=False)
    cursor = LdvExport.objects.get()
    assert cursor.tot_volgnummer == 0 and "opnieuw" in cursor.laatste_fout
    assert otlp.achterstand() == 3

    # Up, but refusing (503): still nothing moves.
    logboek.weigeren = True
    logboek.start()
    assert otlp.exporteer(stuk=2).gelukt is False
    assert logboek.server.geweigerd >= 1 and LdvExport.objects.get().tot_volgnummer == 0
    logboek.stop()

    # Back: everything arrives, in seal order, two per request, exactly once.
    logboek.weigeren = False
    logboek.start()
    assert otlp.exporteer(stuk=2) == otlp.Uitkomst(verstuurd=3, gelukt=True)
    assert len(logboek.verzoeken) == 2
    assert [s.span_id.hex() for s in logboek.spans()] == [
        v.operation_id for v in sorted(records, key=lambda v: v.volgnummer)
    ]
    cursor = LdvExport.objects.get()
    assert cursor.tot_volgnummer == max(v.volgnummer for v in records)
    assert cursor.laatste_fout == ""

    # A record written later goes in the next round, alone; an unsealed one waits.
    nieuw = services.log_lezen(adviseur_weert, traject_weert.inburgeraar, ["naam"])
    assert otlp.exporteer().verstuurd == 0
    keten.verzegel()
    assert otlp.exporteer().verstuurd == 1
    assert [s.span_id.hex() for s in logboek.spans()][-1] == nieuw.operation_id
    assert len(logboek.spans()) == 4


def test_the_worker_job_exports_and_pauses_after_a_failure(logboek, adviseur_weert, traject_weert):
    _records(adviseur_weert, traject_weert)
    omgeving = Omgeving(stop=threading.Event())
    assert taken.export_interval(omgeving) == 0.0
    assert taken.exporteren(omgeving) == 0  # down
    staat = omgeving.opties["ldv_export"]
    assert staat["pauze"] == otlp.PAUZE_MIN
    logboek.start()
    assert taken.exporteren(omgeving) == 0  # still pausing: the worker's other jobs go on
    staat["niet_voor"] = 0.0
    assert taken.exporteren(omgeving) == 3
    assert staat["pauze"] == 0.0 and len(logboek.spans()) == 3


def test_records_from_before_ldv_are_passed_over(logboek, adviseur_weert, traject_weert):
    from django.utils import timezone

    oud = Verwerking(
        tijdstip=timezone.now(),
        doel=rules.DOEL_UITVOERING,
        activiteit=rules.ACTIVITEIT_INZIEN,
        kanaal="ui",
        handeling="lezen",
        hashversie=1,
    )
    oud.save(force_insert=True)
    keten.verzegel()
    logboek.start()
    assert otlp.exporteer() == otlp.Uitkomst(verstuurd=1, gelukt=True)
    assert logboek.spans() == [] and otlp.achterstand() == 0


@pytest.mark.parametrize(
    ("instellingen", "verwacht"),
    [
        ({"LDV_OTLP_ENDPOINT": "ftp://x/v1/traces"}, "koers.E040"),
        ({"LDV_OTLP_ENDPOINT": "http://logboek:4318/v1/traces", "DEMO": False}, "koers.W040"),
        ({"LDV_PSEUDONIEM_SLEUTEL": "kort"}, "koers.E041"),
        ({"LDV_OTLP_CA_BUNDLE": "/bestaat/niet.pem"}, "koers.E042"),
        ({"LDV_OTLP_HEADERS": "zonder-is-teken"}, "koers.E043"),
    ],
)
def test_configuration_mistakes_are_system_checks(settings, instellingen, verwacht):
    settings.LDV_OTLP_ENDPOINT = "https://logboek.gemeente.nl:4318/v1/traces"
    settings.LDV_PSEUDONIEM_SLEUTEL = SLEUTEL
    for naam, waarde in instellingen.items():
        setattr(settings, naam, waarde)
    from koers.verwerkingen.checks import check_ldv_export

    ids = {p.id for p in check_ldv_export()}
    assert verwacht in ids
    settings.LDV_OTLP_ENDPOINT = "https://logboek.gemeente.nl:4318/v1/traces"
    for naam in instellingen:
        if naam.startswith("LDV_") and naam != "LDV_OTLP_ENDPOINT":
            setattr(settings, naam, SLEUTEL if naam == "LDV_PSEUDONIEM_SLEUTEL" else "")
    assert {p.id for p in check_ldv_export()} == set()


def test_the_backlog_is_a_metric_while_the_export_is_on(logboek, adviseur_weert, traject_weert):
    from koers.verwerkingen.metrieken import VensterCollector

    def achterstand():
        return {m.name: m.samples[0].value for m in VensterCollector().collect()}.get(
            "koers_verwerkingen_ldv_export_backlog"
        )

    _records(adviseur_weert, traject_weert)
    assert achterstand() == 3
    logboek.start()
    otlp.exporteer()
    assert achterstand() == 0


def test_a_record_with_ids_that_are_no_hex_is_skipped_not_a_blockade():
    from django.utils import timezone

    kapot = Verwerking(
        pk=1,
        tijdstip=timezone.now(),
        activiteit=rules.ACTIVITEIT_INZIEN,
        trace_id="z" * 32,
        operation_id="0123456789abcdef",
    )
    assert otlp.span(kapot, otlp.resource(), SLEUTEL) is None
    goed = Verwerking(
        pk=2,
        tijdstip=timezone.now(),
        activiteit=rules.ACTIVITEIT_INZIEN,
        trace_id="a" * 32,
        operation_id="0123456789abcdef",
    )
    assert otlp.span(goed, otlp.resource(), SLEUTEL).name == rules.ACTIVITEIT_INZIEN


def test_the_processing_activity_is_the_url_of_the_register_version(
    logboek, settings, api, privacy, adviseur_weert, traject_weert
):
    from koers.verwerkingen import register

    settings.BASIS_URL = "https://koers.weert.example"
    regel = traject_weert.inburgeraar.gemeente.verwerkingsactiviteiten.get(
        code=rules.REGISTER_UITVOERING
    )
    oud = services.log_lezen(adviseur_weert, traject_weert.inburgeraar, ["naam"])
    teksten = {veld: getattr(regel, veld) for veld in regel.TEKSTVELDEN}
    assert register.wijzig(regel, dict(teksten, doel="Nieuw doel"), "petra")
    nieuw = services.log_lezen(adviseur_weert, traject_weert.inburgeraar, ["naam"])
    zonder = services.log(user=None, handeling="lezen", activiteit=rules.ACTIVITEIT_BRP)
    assert keten.verzegel() == 3
    logboek.start()
    assert otlp.exporteer().verstuurd == 3
    spans = {s.span_id.hex(): _attributen(s) for s in logboek.spans()}
    basis = f"https://koers.weert.example/api/v1/verwerkingsactiviteiten/0988/{regel.code}"
    assert spans[oud.operation_id]["dpl.core.processing_activity_id"] == f"{basis}/versies/1"
    assert spans[nieuw.operation_id]["dpl.core.processing_activity_id"] == f"{basis}/versies/2"
    # A record of no gemeente has no version: the URN of its code.
    assert spans[zonder.operation_id]["dpl.core.processing_activity_id"] == (
        otlp.ACTIVITEIT_URI + rules.REGISTER_BRP
    )
    # The URL resolves, for the privacy officer, to that version's texts.
    client = api(privacy)
    for operatie, doel in ((oud.operation_id, teksten["doel"]), (nieuw.operation_id, "Nieuw doel")):
        url = spans[operatie]["dpl.core.processing_activity_id"]
        antwoord = client.get(url.removeprefix("https://koers.weert.example"))
        assert antwoord.status_code == 200
        assert antwoord.json()["doel"] == doel


def test_the_export_reads_the_register_versions_in_one_query_per_batch(
    logboek, settings, adviseur_weert, traject_weert, django_assert_max_num_queries
):
    settings.BASIS_URL = "https://koers.weert.example"
    services.log_lezen_lijst(
        adviseur_weert, [(traject_weert.inburgeraar_id, traject_weert.pk)] * 30, ["naam"]
    )
    services.log(user=adviseur_weert, handeling="lezen", activiteit=rules.ACTIVITEIT_INZAGE)
    keten.verzegel()
    logboek.start()
    # get_or_create of the cursor (1-2), the locked cursor, the records, the versions, the
    # cursor's update; with savepoints on the way.
    with django_assert_max_num_queries(10):
        assert otlp.exporteer().verstuurd == 31
    ids = {s["dpl.core.processing_activity_id"] for s in map(_attributen, logboek.spans())}
    assert len(ids) == 2 and all(i.startswith("https://koers.weert.example/") for i in ids)


@pytest.mark.parametrize(
    ("basis", "export", "verwacht"),
    [
        ("", "https://logboek.gemeente.nl:4318/v1/traces", {"koers.W041"}),
        ("", "", set()),
        ("https://koers.weert.nl", "https://logboek.gemeente.nl:4318/v1/traces", set()),
        ("https://koers.weert.nl/api", "", {"koers.E044"}),
        ("koers.weert.nl", "", {"koers.E044"}),
        ("https://koers.weert.nl?x=1", "", {"koers.E044"}),
    ],
)
def test_the_base_url_is_checked(settings, basis, export, verwacht):
    from koers.verwerkingen.checks import check_basis_url

    settings.BASIS_URL, settings.LDV_OTLP_ENDPOINT = basis, export
    assert {p.id for p in check_basis_url()} == verwacht
