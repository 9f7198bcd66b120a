"""Reads in lists, exports and jobs are logged too (the verwerkingenlogging is a security
measure, AVG art. 32 and BIO 12.4, see docs/rechtsgrond.md): one record per case shown, with
the sections the list shows, at a constant number of queries."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.verwerkingen import rules
from koers.verwerkingen.models import Verwerking
from koers.verwerkingen.services import verifieer
from tests.factories import InburgeraarFactory, TrajectFactory


def _zaken(gemeente, adviseur, n):
    return [
        TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=gemeente), adviseur=adviseur)
        for _ in range(n)
    ]


def _getoond(html: str) -> set[int]:
    return {int(i) for i in re.findall(r'id="zaak-(\d+)"', html)}


def test_werkvoorraad_logs_every_case_shown_with_name_and_traject(als, weert, adviseur_weert):
    zaken = _zaken(weert, adviseur_weert, 4)
    html = als(adviseur_weert).get("/").content.decode()
    getoond = _getoond(html)
    assert getoond == {t.inburgeraar_id for t in zaken}
    rijen = list(Verwerking.objects.filter(activiteit=rules.ACTIVITEIT_LIJST))
    assert {v.inburgeraar_id for v in rijen} == getoond
    assert {(v.traject_id, v.inburgeraar_id) for v in rijen} == {
        (t.pk, t.inburgeraar_id) for t in zaken
    }
    assert all(
        v.secties == ["naam", "traject"]
        and v.kanaal == "ui"
        and v.handeling == "lezen"
        and v.actor_naam == "alice"
        for v in rijen
    )
    assert verifieer() is None


def test_werkvoorraad_search_by_bsn_is_logged_as_a_search(als, weert, adviseur_weert):
    doel, _ander = _zaken(weert, adviseur_weert, 2)
    als(adviseur_weert).get("/", {"q": doel.inburgeraar.bsn})
    v = Verwerking.objects.get()
    assert (v.activiteit, v.inburgeraar_id) == (rules.ACTIVITEIT_ZOEKEN, doel.inburgeraar_id)


def test_an_empty_werkvoorraad_logs_nothing(als, adviseur_weert):
    assert als(adviseur_weert).get("/").status_code == 200
    assert not Verwerking.objects.exists()


def test_werkvoorraad_logging_is_constant_in_page_size(als, weert, adviseur_weert):
    _zaken(weert, adviseur_weert, 30)
    client = als(adviseur_weert)
    client.get("/", {"per": 3})
    with CaptureQueriesContext(connection) as klein:
        client.get("/", {"per": 3})
    with CaptureQueriesContext(connection) as groot:
        client.get("/", {"per": 30})
    assert len(groot) == len(klein)
    assert Verwerking.objects.count() == 3 + 3 + 30


def test_api_list_logs_each_person_on_the_page(api, weert, adviseur_weert):
    zaken = _zaken(weert, adviseur_weert, 3)
    antwoord = api(adviseur_weert).get("/api/v1/inburgeraars?page_size=2")
    ids = {r["id"] for r in antwoord.json()["results"]}
    rijen = list(Verwerking.objects.all())
    assert len(rijen) == 2 and {v.inburgeraar_id for v in rijen} == ids
    assert all(v.kanaal == "api" and v.activiteit == rules.ACTIVITEIT_LIJST for v in rijen)
    assert set(rijen[0].secties) == {"naam", "personalia", "traject"}
    bsn = zaken[0].inburgeraar.bsn
    api(adviseur_weert).get(f"/api/v1/inburgeraars?bsn={bsn}")
    laatste = Verwerking.objects.order_by("-id").first()
    assert (laatste.activiteit, laatste.inburgeraar_id) == (
        rules.ACTIVITEIT_ZOEKEN,
        zaken[0].inburgeraar_id,
    )


def test_api_list_without_results_logs_nothing(api, adviseur_weert):
    assert api(adviseur_weert).get("/api/v1/inburgeraars").json()["results"] == []
    assert not Verwerking.objects.exists()


def test_duo_worker_logs_a_notification_about_a_person_as_a_job(adviseur_weert, traject_weert):
    from unittest import mock

    from koers.duo import worker
    from koers.duo.models import Notificatie

    notificatie = Notificatie.objects.create(
        bron="DUO",
        doel="GEM",
        gemeente=traject_weert.gemeente,
        gebeurtenis_id="SS109",
        bsn=traject_weert.inburgeraar.bsn,
        registratie_datum_tijd="2026-01-01T10:00:00Z",
        bericht_id="00000000-0000-0000-0000-000000000109",
    )
    with mock.patch.object(worker.handlers, "behandel", return_value=traject_weert):
        assert worker._verwerk_een(notificatie.pk, client=None) is True
    v = Verwerking.objects.get(doel=rules.DOEL_DUO)
    assert (v.kanaal, v.activiteit, v.actor_id, v.handeling) == (
        "job",
        rules.ACTIVITEIT_DUO,
        None,
        "lezen",
    )
    assert (v.inburgeraar_id, v.traject_id, v.secties) == (
        traject_weert.inburgeraar_id,
        traject_weert.pk,
        ["duo"],
    )


def test_duo_outbox_logs_a_message_sent_about_a_person(traject_weert):
    import uuid
    from unittest import mock

    from koers.duo import outbox, spec
    from koers.duo.client import DuoAntwoord
    from koers.duo.models import Bericht

    bericht = Bericht.objects.create(
        bericht_id=uuid.uuid4(),
        soort="pip",
        operation_id="postPipByBsn",
        methode="POST",
        pad=spec.path_for("postPipByBsn", bsn=traject_weert.inburgeraar.bsn),
        body={},
        gemeente=traject_weert.gemeente,
        traject=traject_weert,
    )
    client = mock.Mock()
    client.call.return_value = DuoAntwoord(
        operation_id="postPipByBsn",
        status=201,
        body={},
        api_version="1",
        bericht_id=str(bericht.bericht_id),
    )
    assert outbox._lever_een_af(bericht.pk, client) is True
    assert Bericht.objects.get(pk=bericht.pk).status == Bericht.Status.AFGELEVERD
    v = Verwerking.objects.get(doel=rules.DOEL_DUO)
    assert (v.kanaal, v.activiteit, v.traject_id, v.inburgeraar_id) == (
        "job",
        rules.ACTIVITEIT_DUO,
        traject_weert.pk,
        traject_weert.inburgeraar_id,
    )
