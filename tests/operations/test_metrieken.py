"""/metrics: Prometheus metrics behind a token, labelled without ids or BSNs.

The metrics live in prometheus-client's default registry for the whole test process, so each
test compares a value before and after what it does."""

import re
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from koers.duo.client import DuoClient, DuoFout
from koers.duo.models import Bericht, Notificatie
from tests.duo.simulator_hulp import ONBEKEND, WEERT_OIN, duo_sim_server_fixture  # noqa: F401
from tests.web.test_inloggen import WACHTWOORD

TOKEN = "test-metrieken-token-0123456789"
NAMEN = [
    "koers_http_request_duration_seconds",
    "koers_duo_outbox_messages",
    "koers_duo_outbox_oldest_pending_age_seconds",
    "koers_duo_inbox_notifications",
    "koers_duo_inbox_oldest_unprocessed_age_seconds",
    "koers_login_failures_total",
]


@pytest.fixture
def met_token(settings):
    settings.METRICS_TOKEN = TOKEN


def scrape(client) -> str:
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    return response.content.decode()


def waarde(tekst: str, naam: str, **labels) -> float | None:
    for familie in text_string_to_metric_families(tekst):
        for sample in familie.samples:
            if sample.name == naam and all(sample.labels.get(k) == v for k, v in labels.items()):
                return sample.value
    return None


def telling(naam: str, **labels) -> float:
    return REGISTRY.get_sample_value(naam, labels) or 0.0


@pytest.mark.django_db
def test_zonder_token_bestaat_metrics_niet(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer iets").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("kop", [None, "Bearer fout", f"Basic {TOKEN}", "Bearer ", TOKEN])
def test_verkeerd_of_geen_token_geeft_401(client, met_token, kop):
    extra = {} if kop is None else {"HTTP_AUTHORIZATION": kop}
    response = client.get("/metrics", **extra)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"koers_" not in response.content


@pytest.mark.django_db
def test_met_token_de_metrieken_als_platte_tekst_zonder_sessie(client, met_token):
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Set-Cookie" not in response
    assert not response.cookies
    families = {f.name for f in text_string_to_metric_families(response.content.decode())}
    for naam in NAMEN:
        # A counter's family is named without "_total".
        assert naam.removesuffix("_total") in families, naam


@pytest.mark.django_db
def test_alleen_get(client, met_token):
    response = client.post("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 405


@pytest.mark.django_db
def test_dossier_in_latency_met_routenaam_zonder_id_of_bsn(
    client, met_token, als, adviseur_weert, traject_weert
):
    url = reverse("web:inburgeraar", args=[traject_weert.inburgeraar_id])
    labels = {"view": "web:inburgeraar", "method": "GET", "status": "2xx"}
    voor = telling("koers_http_request_duration_seconds_count", **labels)
    assert als(adviseur_weert).get(url).status_code == 200
    assert telling("koers_http_request_duration_seconds_count", **labels) == voor + 1

    # A path with a BSN that matches no pattern: labelled as such, the BSN nowhere.
    bsn = traject_weert.inburgeraar.bsn
    client.get(f"/inburgeraars/{bsn}/niets/")
    tekst = scrape(client)
    assert bsn not in tekst
    views = _labelwaarden(tekst, "view")
    assert "web:inburgeraar" in views
    assert "<geen>" in views
    # Names only: no path, so no id.
    assert all("/" not in v and not re.search(r"\d", v) for v in views), views


def _labelwaarden(tekst: str, label: str | None = None) -> set[str]:
    return {
        v
        for f in text_string_to_metric_families(tekst)
        for s in f.samples
        for k, v in s.labels.items()
        if label in (None, k)
    }


@pytest.mark.django_db
def test_geen_labelwaarde_bevat_een_bsn(client, met_token, als, adviseur_weert, traject_weert):
    bsn = traject_weert.inburgeraar.bsn
    als(adviseur_weert).get(f"/zoeken/?q={bsn}")
    client.get(f"/{bsn}/")
    client.post("/inloggen/", {"username": bsn, "password": "fout"})
    waarden = _labelwaarden(scrape(client))
    assert len(waarden) > 5  # the scrape has labels: views, methods, statuses, outcomes
    assert [w for w in waarden if re.search(r"\d{9}", w)] == []


@pytest.mark.django_db
def test_outbox_en_inbox_diepte_en_leeftijd(client, met_token, traject_weert, weert):
    def bericht(status, geleden):
        b = Bericht.objects.create(
            soort="pip",
            operation_id="postPipByBsn",
            methode="POST",
            pad="/personen/x/PIP",
            gemeente=weert,
            traject=traject_weert,
            status=status,
        )
        Bericht.objects.filter(pk=b.pk).update(aangemaakt_op=timezone.now() - geleden)

    leeg = scrape(client)
    assert waarde(leeg, "koers_duo_outbox_messages", status="wachtend") == 0
    assert waarde(leeg, "koers_duo_outbox_oldest_pending_age_seconds") == 0

    bericht(Bericht.Status.WACHTEND, timedelta(minutes=30))
    bericht(Bericht.Status.WACHTEND, timedelta(minutes=5))
    bericht(Bericht.Status.AFGELEVERD, timedelta(hours=5))
    bericht(Bericht.Status.MISLUKT, timedelta(hours=9))
    n = Notificatie.objects.create(
        bericht_id="6f1c1f7e-7a35-4d40-9b0c-6a3a6d3c0c01",
        bron="DUO",
        doel=WEERT_OIN,
        gemeente=weert,
        gebeurtenis_id="1001",
        registratie_datum_tijd=timezone.now(),
    )
    Notificatie.objects.filter(pk=n.pk).update(ontvangen_op=timezone.now() - timedelta(minutes=12))

    tekst = scrape(client)
    assert waarde(tekst, "koers_duo_outbox_messages", status="wachtend") == 2
    assert waarde(tekst, "koers_duo_outbox_messages", status="afgeleverd") == 1
    assert waarde(tekst, "koers_duo_outbox_messages", status="mislukt") == 1
    assert waarde(tekst, "koers_duo_outbox_messages", status="geweigerd") == 0
    # The oldest *waiting* message, not the older delivered or failed ones.
    assert 30 * 60 <= waarde(tekst, "koers_duo_outbox_oldest_pending_age_seconds") < 31 * 60
    assert waarde(tekst, "koers_duo_inbox_notifications", status="nieuw") == 1
    assert 12 * 60 <= waarde(tekst, "koers_duo_inbox_oldest_unprocessed_age_seconds") < 13 * 60


@pytest.mark.django_db
def test_duo_aanroep_geteld_per_operatie_en_uitkomst(duo_sim_server):
    _, base_url = duo_sim_server
    ok = {"operation": "getVerlengingsgronden", "outcome": "ok"}
    fout = {"operation": "getPipByBsn", "outcome": "client_error"}
    voor_ok = telling("koers_duo_request_duration_seconds_count", **ok)
    voor_fout = telling("koers_duo_request_errors_total", **fout)
    with DuoClient(base_url=base_url, doel=django_settings.DUO_OIN) as duo:
        duo.get_verlengingsgronden(bron=WEERT_OIN)
        with pytest.raises(DuoFout):
            duo.get_pip(ONBEKEND, bron=WEERT_OIN)
    assert telling("koers_duo_request_duration_seconds_count", **ok) == voor_ok + 1
    assert telling("koers_duo_request_errors_total", **fout) == voor_fout + 1
    assert telling("koers_duo_request_errors_total", **ok) == 0


@pytest.mark.django_db
def test_duo_onbereikbaar_is_een_fout():
    labels = {"operation": "getVerlengingsgronden", "outcome": "connection_error"}
    voor = telling("koers_duo_request_errors_total", **labels)
    with DuoClient(base_url="http://127.0.0.1:9/v1") as duo, pytest.raises(DuoFout):
        duo.get_verlengingsgronden(bron=WEERT_OIN)
    assert telling("koers_duo_request_errors_total", **labels) == voor + 1


@pytest.mark.django_db
def test_mislukte_inlog_en_blokkade_geteld(client, adviseur_weert):
    voor = telling("koers_login_failures_total")
    voor_blokkade = telling("koers_login_lockouts_total", key_type="gebruikersnaam")
    client.post("/inloggen/", {"username": "alice", "password": "fout"})
    assert telling("koers_login_failures_total") == voor + 1
    assert telling("koers_login_lockouts_total", key_type="gebruikersnaam") == voor_blokkade

    for _ in range(4):
        client.post("/inloggen/", {"username": "alice", "password": "fout"})
    assert telling("koers_login_failures_total") == voor + 5
    assert telling("koers_login_lockouts_total", key_type="gebruikersnaam") == voor_blokkade + 1
    # Right password while blocked: no check, so no failure counted.
    client.post("/inloggen/", {"username": "alice", "password": WACHTWOORD})
    assert telling("koers_login_failures_total") == voor + 5


@pytest.mark.django_db
def test_taakduur_van_de_worker(traject_weert):
    from koers.taken import planner

    voor = telling("koers_worker_job_duration_seconds_count", job="proef")
    voor_fout = telling("koers_worker_job_duration_seconds_count", job="proef-fout")

    def faalt(omgeving):
        raise RuntimeError("mis")

    planner.draai(
        eenmalig=True,
        taken=[planner.Taak("proef", lambda omgeving: 0), planner.Taak("proef-fout", faalt)],
    )
    assert telling("koers_worker_job_duration_seconds_count", job="proef") == voor + 1
    assert telling("koers_worker_job_duration_seconds_count", job="proef-fout") == voor_fout + 1
