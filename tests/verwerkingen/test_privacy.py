"""The privacy officer's pages: search the log, export a person's entries; no case data."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.inburgeraars import bereik
from koers.toegang import policy
from koers.verwerkingen import services
from koers.verwerkingen.models import Verwerking
from koers.web.secties import menu_items
from tests.factories import InburgeraarFactory, TrajectFactory

ZOEKEN = "/verwerkingen/"


def _lees(user, traject, n=1):
    for _ in range(n):
        services.log_lezen(user, traject.inburgeraar, ["naam"], kanaal="ui")


def test_privacy_officer_has_no_case_reach(privacy, traject_weert):
    assert not policy.heeft_casustoegang(privacy)
    assert not bereik.inburgeraars_voor(privacy).exists()
    assert not any(policy.mag_zien(privacy, s) for s in policy.Sectie)
    assert policy.mag_verwerkingen_zien(privacy)


def test_privacy_officer_cannot_open_a_case(als, privacy, traject_weert):
    assert als(privacy).get(f"/inburgeraars/{traject_weert.inburgeraar_id}/").status_code == 404
    assert not Verwerking.objects.exists()


def test_menu_shows_verwerkingen_only_to_privacy(privacy, adviseur_weert):
    assert "menu-verwerkingen" in [m.id for m in menu_items(privacy)]
    assert "menu-verwerkingen" not in [m.id for m in menu_items(adviseur_weert)]


@pytest.mark.parametrize("wie", ["adviseur_weert", "beleid", "teamleider_weert", "beheerder"])
def test_others_may_not_see_the_log(als, request, wie):
    user = request.getfixturevalue(wie)
    assert als(user).get(ZOEKEN).status_code == 403
    assert als(user).get(ZOEKEN + "export.json?bsn=111222333").status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(ZOEKEN).status_code == 302


def test_search_by_bsn_user_and_period(
    als, privacy, adviseur_weert, collega_weert, traject_weert, weert
):
    ander = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert), adviseur=collega_weert)
    _lees(adviseur_weert, traject_weert)
    _lees(collega_weert, ander)
    client = als(privacy)
    html = client.get(ZOEKEN).content.decode()
    assert html.count('id="verwerking-') == 2
    assert traject_weert.inburgeraar.geslachtsnaam not in html  # no case data

    bsn = traject_weert.inburgeraar.bsn
    html = client.get(ZOEKEN, {"bsn": bsn}).content.decode()
    assert html.count('id="verwerking-') == 1 and "alice" in html and "Weert" in html
    assert 'id="export-link"' in html

    html = client.get(ZOEKEN, {"gebruiker": "bob"}).content.decode()
    assert html.count('id="verwerking-') == 1 and "bob" in html

    html = client.get(ZOEKEN, {"van": "2000-01-01", "tot": "2000-12-31"}).content.decode()
    assert 'id="geen-verwerkingen"' in html


def test_other_gemeente_is_not_in_the_officers_log(
    als, privacy, adviseur_cranendonck, traject_cranendonck
):
    _lees(adviseur_cranendonck, traject_cranendonck)
    html = als(privacy).get(ZOEKEN).content.decode()
    assert 'id="verwerking-' not in html


@pytest.mark.parametrize(
    "params, veld",
    [
        ({"bsn": "123"}, "id_bsn"),
        ({"van": "gisteren"}, "id_van"),
        ({"tot": "2026-13-45"}, "id_tot"),
    ],
)
def test_bad_input_gives_a_dutch_error(als, privacy, params, veld):
    response = als(privacy).get(ZOEKEN, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'href="#{veld}"' in html


def test_keyset_pages(als, privacy, adviseur_weert, traject_weert, settings):
    from koers.avg import views

    _lees(adviseur_weert, traject_weert, n=views.PER_PAGINA + 3)
    client = als(privacy)
    response = client.get(ZOEKEN)
    assert len(response.context["rijen"]) == views.PER_PAGINA
    volgende = response.context["volgende"]
    assert volgende
    response = client.get(ZOEKEN, {"na": volgende})
    assert len(response.context["rijen"]) == 3 and response.context["volgende"] is None


def test_query_count_is_constant(als, privacy, adviseur_weert, traject_weert):
    client = als(privacy)
    _lees(adviseur_weert, traject_weert)
    client.get(ZOEKEN)
    with CaptureQueriesContext(connection) as een:
        client.get(ZOEKEN)
    _lees(adviseur_weert, traject_weert, n=40)
    with CaptureQueriesContext(connection) as veel:
        response = client.get(ZOEKEN)
    assert len(response.context["rijen"]) == 41
    assert len(veel) == len(een)


def test_export_of_a_persons_entries(als, privacy, adviseur_weert, traject_weert):
    _lees(adviseur_weert, traject_weert, n=2)
    bsn = traject_weert.inburgeraar.bsn
    response = als(privacy).get(ZOEKEN + "export.json", {"bsn": bsn})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["bsn"] == bsn
    assert [v["gebruiker"] for v in data["verwerkingen"]] == ["alice", "alice", "petra"]
    export = data["verwerkingen"][-1]
    assert (export["kanaal"], export["activiteit"]) == ("export", "AVG inzage (art. 15)")
    assert services.verifieer() is None


def test_export_unknown_or_bad_bsn(als, privacy, traject_cranendonck):
    client = als(privacy)
    assert client.get(ZOEKEN + "export.json", {"bsn": "12"}).status_code == 400
    # A person of another gemeente is not the officer's to export.
    assert (
        client.get(ZOEKEN + "export.json", {"bsn": traject_cranendonck.inburgeraar.bsn}).status_code
        == 404
    )


def test_privacy_officer_starts_at_the_log(als, privacy):
    client = als(privacy)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/verwerkingen/"
    assert 'id="menu-verwerkingen"' in client.get("/verwerkingen/").content.decode()


def test_reach_of_the_log_is_in_the_one_policy(
    privacy, adviseur_weert, traject_weert, adviseur_cranendonck, traject_cranendonck
):
    _lees(adviseur_weert, traject_weert)
    _lees(adviseur_cranendonck, traject_cranendonck)
    assert list(bereik.verwerkingen_voor(privacy).values_list("inburgeraar_id", flat=True)) == [
        traject_weert.inburgeraar_id
    ]
    assert not bereik.verwerkingen_voor(adviseur_weert).exists()
