"""The inburgeraar list: cursor pages, the BSN filter, and a constant number of queries."""

import base64

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import snel_bsn
from tests.factories import InburgeraarFactory, TrajectFactory

pytestmark = pytest.mark.django_db


def _trajecten(gemeente, aantal, adviseurs=(None,)):
    return [
        TrajectFactory(
            inburgeraar=InburgeraarFactory(gemeente=gemeente, bsn=snel_bsn(i)),
            adviseur=adviseurs[i % len(adviseurs)],
        )
        for i in range(aantal)
    ]


@pytest.fixture
def zestig(weert, adviseur_weert, collega_weert, cranendonck):
    trajecten = _trajecten(weert, 60, (adviseur_weert, collega_weert, None))
    TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=cranendonck, bsn=snel_bsn(99)))
    return trajecten


@pytest.fixture
def dertig(weert):
    return _trajecten(weert, 30)


def test_aantal_queries_hangt_niet_af_van_paginagrootte(
    api, adviseur_weert, zestig, django_assert_num_queries
):
    client = api(adviseur_weert)
    client.get("/api/v1/inburgeraars?page_size=1")  # warm up: content types, token table
    with CaptureQueriesContext(connection) as klein:
        response = client.get("/api/v1/inburgeraars?page_size=5")
    assert len(response.json()["results"]) == 5
    # The token, the page, the prefetch of DUO's doelgroephistorie and the one INSERT of
    # the verwerkingenlogging, with room for the session and savepoints
    assert len(klein) <= 10, [q["sql"] for q in klein]
    with django_assert_num_queries(len(klein)):
        response = client.get("/api/v1/inburgeraars?page_size=50")
    resultaten = response.json()["results"]
    assert len(resultaten) == 50
    assert {r["adviseur"] for r in resultaten} == {"alice", "bob", None}
    assert {r["gemeentecode"] for r in resultaten} == {"0988"}


def test_lijst_doet_geen_count(api, adviseur_weert, zestig):
    with CaptureQueriesContext(connection) as queries:
        api(adviseur_weert).get("/api/v1/inburgeraars?page_size=10")
    assert not [q for q in queries if "COUNT(" in q["sql"].upper()]


def test_cursor_bladert_door_alles(api, adviseur_weert, zestig):
    client = api(adviseur_weert)
    gezien = []
    url = "/api/v1/inburgeraars?page_size=25"
    while url:
        page = client.get(url).json()
        gezien += [r["id"] for r in page["results"]]
        url = page["next"]
    assert gezien == sorted(t.inburgeraar_id for t in zestig)


def test_paginagrootte_hooguit_100(api, adviseur_weert, weert):
    _trajecten(weert, 105)
    response = api(adviseur_weert).get("/api/v1/inburgeraars?page_size=1000")
    assert len(response.json()["results"]) == 100


@pytest.mark.parametrize(
    "cursor",
    [
        "onzin",
        base64.b64encode(b"p=abc").decode(),
        base64.b64encode(b"p=1%00").decode(),
        base64.b64encode(b"p=" + b"9" * 40).decode(),
    ],
)
def test_ongeldige_cursor_is_geen_500(api, adviseur_weert, dertig, cursor):
    response = api(adviseur_weert).get("/api/v1/inburgeraars", {"cursor": cursor})
    assert response.status_code == 404
    assert "cursor" in response.json()["detail"]


@pytest.mark.parametrize("page_size", ["abc", "-1", "0", "1e3"])
def test_rare_paginagrootte_geeft_standaard(api, adviseur_weert, dertig, page_size):
    response = api(adviseur_weert).get("/api/v1/inburgeraars", {"page_size": page_size})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 25


def test_filter_op_bsn(api, adviseur_weert, traject_weert, traject_cranendonck):
    client = api(adviseur_weert)
    bsn = traject_weert.inburgeraar.bsn
    assert [
        r["id"] for r in client.get("/api/v1/inburgeraars", {"bsn": bsn}).json()["results"]
    ] == [traject_weert.inburgeraar_id]
    # Exact, and only within reach.
    assert client.get("/api/v1/inburgeraars", {"bsn": bsn[:8]}).json()["results"] == []
    assert (
        client.get("/api/v1/inburgeraars", {"bsn": traject_cranendonck.inburgeraar.bsn}).json()[
            "results"
        ]
        == []
    )
    for onzin in ("abc", "1\x002", "9" * 50):
        response = client.get("/api/v1/inburgeraars", {"bsn": onzin})
        assert response.status_code == 200 and response.json()["results"] == []


def test_de_lijst_toont_de_doelgroephistorie_van_elke_persoon_zoals_het_dossier(
    api, adviseur_weert, weert, django_assert_max_num_queries
):
    """The list loads the periods of all its rows at once; each row shows its own, oldest
    first, exactly as the detail answer does."""
    import datetime as dt

    from koers.inburgeraars.models import Doelgroepperiode

    trajecten = _trajecten(weert, 3)
    eerste, tweede, derde = (t.inburgeraar for t in trajecten)
    for persoon, perioden in (
        (
            eerste,
            [
                ("Asielstatushouder", "2024-03-01", None),
                ("Gezinsmigrant en overige migrant", "2023-01-10", "2024-02-29"),
            ],
        ),
        (tweede, [("Gezinsmigrant en overige migrant", "2025-06-01", None)]),
    ):
        for indeling, begin, eind in perioden:
            Doelgroepperiode.objects.create(
                inburgeraar=persoon,
                indeling=indeling,
                begindatum=dt.date.fromisoformat(begin),
                einddatum=dt.date.fromisoformat(eind) if eind else None,
            )
    client = api(adviseur_weert)
    with django_assert_max_num_queries(10):
        lijst = {
            r["id"]: r for r in client.get("/api/v1/inburgeraars?page_size=25").json()["results"]
        }
    assert [p["indeling"] for p in lijst[eerste.pk]["doelgroephistorie"]] == [
        "Gezinsmigrant en overige migrant",
        "Asielstatushouder",
    ]
    assert [p["begindatum"] for p in lijst[tweede.pk]["doelgroephistorie"]] == ["2025-06-01"]
    assert lijst[derde.pk]["doelgroephistorie"] == []
    for persoon in (eerste, tweede, derde):
        detail = client.get(f"/api/v1/inburgeraars/{persoon.pk}").json()
        assert detail["doelgroephistorie"] == lijst[persoon.pk]["doelgroephistorie"]
