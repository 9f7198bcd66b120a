"""The werkvoorraad: own cases first, most urgent on top; search, filters, paging; and a
constant number of queries whatever the page size."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.inburgeraars import rules
from tests.factories import GebruikerFactory, InburgeraarFactory, TrajectFactory, valid_bsn

VANDAAG = dt.date(2026, 10, 1)


@pytest.fixture(autouse=True)
def bevroren_tijd():
    with time_machine.travel("2026-10-01 10:00:00+02:00", tick=False):
        yield


def zaak(
    gemeente, adviseur, *, pip_deadline=None, naam="Haddad", status="aangemeld", **inburgeraar
):
    """A case whose PIP deadline falls on ``pip_deadline`` (None: no clock yet)."""
    start = pip_deadline - rules.PIP_TERMIJN if pip_deadline else None
    traject = TrajectFactory(
        inburgeraar=InburgeraarFactory(gemeente=gemeente, geslachtsnaam=naam, **inburgeraar),
        adviseur=adviseur,
        datum_start_pip_termijn=start,
        status=status,
    )
    return traject


def rijen(response) -> list[int]:
    return [int(i) for i in re.findall(r'id="zaak-(\d+)"', response.content.decode())]


def test_overdue_first_then_by_deadline_then_without_deadline(als, weert, adviseur_weert):
    zonder = zaak(weert, adviseur_weert, pip_deadline=None)
    later = zaak(weert, adviseur_weert, pip_deadline=VANDAAG + dt.timedelta(days=40))
    te_laat = zaak(weert, adviseur_weert, pip_deadline=VANDAAG - dt.timedelta(days=3))
    bijna = zaak(weert, adviseur_weert, pip_deadline=VANDAAG + dt.timedelta(days=5))
    zelfde_dag = zaak(weert, adviseur_weert, pip_deadline=VANDAAG + dt.timedelta(days=5))
    vastgesteld = zaak(
        weert,
        adviseur_weert,
        pip_deadline=VANDAAG - dt.timedelta(days=30),
        status="pip_vastgesteld",
    )  # no next deadline any more

    response = als(adviseur_weert).get("/")
    assert rijen(response) == [
        t.inburgeraar_id for t in (te_laat, bijna, zelfde_dag, later, zonder, vastgesteld)
    ]
    html = response.content.decode()
    assert '<strong class="koers-te-laat">Te laat</strong>' in html
    assert '<strong class="koers-bijna">Binnen 2 weken</strong>' in html


def test_an_adviseur_sees_his_own_cases_unless_he_asks_for_all(
    als, weert, adviseur_weert, collega_weert, traject_weert, traject_cranendonck
):
    van_bob = zaak(weert, collega_weert, pip_deadline=VANDAAG)
    client = als(adviseur_weert)
    assert rijen(client.get("/")) == [traject_weert.inburgeraar_id]
    alle = rijen(client.get("/?alle=on"))
    assert set(alle) == {traject_weert.inburgeraar_id, van_bob.inburgeraar_id}
    assert traject_cranendonck.inburgeraar_id not in alle


def test_search_by_whole_bsn_or_the_start_of_the_name(als, weert, adviseur_weert):
    amina = zaak(weert, adviseur_weert, naam="Haddad", voornamen="Amina", bsn=valid_bsn(1))
    omar = zaak(weert, adviseur_weert, naam="Hassan", voornamen="Omar", bsn=valid_bsn(2))
    client = als(adviseur_weert)
    assert rijen(client.get("/", {"q": valid_bsn(2)})) == [omar.inburgeraar_id]
    assert rijen(client.get("/", {"q": "HAD"})) == [amina.inburgeraar_id]
    assert rijen(client.get("/", {"q": "  haddad   amina "})) == [amina.inburgeraar_id]
    assert set(rijen(client.get("/", {"q": "ha"}))) == {amina.inburgeraar_id, omar.inburgeraar_id}
    response = client.get("/", {"q": "amina"})  # a first name is not the start of zoeknaam
    assert rijen(response) == []
    assert "Er zijn geen zaken gevonden" in response.content.decode()


def test_filters_status_gemeente_doelgroep_and_deadline(als, weert, nederweert, adviseur_weert):
    from tests.factories import DelegatieFactory

    DelegatieFactory(van=nederweert, aan=weert)
    te_laat = zaak(weert, adviseur_weert, pip_deadline=VANDAAG - dt.timedelta(days=1))
    bijna = zaak(weert, adviseur_weert, pip_deadline=VANDAAG + dt.timedelta(days=14))
    ver_weg = zaak(
        nederweert,
        adviseur_weert,
        pip_deadline=VANDAAG + dt.timedelta(days=15),
        doelgroep="Gezinsvormer",
    )
    afgerond = zaak(weert, adviseur_weert, status="afgerond")
    client = als(adviseur_weert)

    assert afgerond.inburgeraar_id not in rijen(client.get("/"))
    assert rijen(client.get("/", {"status": "afgerond"})) == [afgerond.inburgeraar_id]
    assert afgerond.inburgeraar_id in rijen(client.get("/", {"status": "alle"}))
    assert rijen(client.get("/", {"gemeente": nederweert.pk})) == [ver_weg.inburgeraar_id]
    assert rijen(client.get("/", {"doelgroep": "Gezinsmigrant en overige migrant"})) == [
        ver_weg.inburgeraar_id
    ]
    assert rijen(client.get("/", {"deadline": "te_laat"})) == [te_laat.inburgeraar_id]
    assert rijen(client.get("/", {"deadline": "bijna"})) == [bijna.inburgeraar_id]


def test_bad_filter_values_never_break_the_page(als, adviseur_weert, traject_weert):
    client = als(adviseur_weert)
    for params in (
        {"per": "abc"},
        {"per": "-3"},
        {"status": "xyz"},
        {"gemeente": "999999"},
        {"gemeente": "abc"},
        {"na": "garbage"},
        {"voor": "2026-13-45.1"},
        {"deadline": "morgen"},
        {"q": "x" * 500},
    ):
        response = client.get("/", params)
        assert response.status_code == 200, params


def test_a_teamleider_sees_the_team_with_an_adviseur_filter(
    als, weert, adviseur_weert, collega_weert, teamleider_weert, traject_weert
):
    van_bob = zaak(weert, collega_weert, pip_deadline=VANDAAG)
    niemand = zaak(weert, None, pip_deadline=VANDAAG)
    client = als(teamleider_weert)
    response = client.get("/")
    assert set(rijen(response)) == {
        traject_weert.inburgeraar_id,
        van_bob.inburgeraar_id,
        niemand.inburgeraar_id,
    }
    assert 'id="id_adviseur"' in response.content.decode()
    assert rijen(client.get("/", {"adviseur": collega_weert.pk})) == [van_bob.inburgeraar_id]
    assert rijen(client.get("/", {"adviseur": "geen"})) == [niemand.inburgeraar_id]


def test_paging_forward_and_back_without_gaps(als, weert, adviseur_weert):
    zaken = [
        zaak(weert, adviseur_weert, pip_deadline=VANDAAG + dt.timedelta(days=i % 3))
        for i in range(5)
    ] + [zaak(weert, adviseur_weert) for _ in range(2)]
    verwacht = rijen(als(adviseur_weert).get("/", {"per": 100}))
    assert sorted(verwacht) == sorted(t.inburgeraar_id for t in zaken)

    client = als(adviseur_weert)
    gezien, paginas, url = [], [], "/?per=3"
    while url:
        response = client.get(url)
        paginas.append(rijen(response))
        gezien += paginas[-1]
        volgende = re.search(r'href="([^"]+)" rel="next"', response.content.decode())
        url = volgende.group(1).replace("&amp;", "&") if volgende else None
    assert gezien == verwacht
    assert [len(p) for p in paginas] == [3, 3, 1]

    vorige = re.search(r'href="([^"]+)" rel="prev"', response.content.decode()).group(1)
    assert rijen(client.get(vorige.replace("&amp;", "&"))) == paginas[1]


def test_the_number_of_queries_does_not_grow_with_the_page_size(
    als,
    weert,
    nederweert,
    adviseur_weert,
    collega_weert,
    teamleider_weert,
    django_assert_num_queries,
):
    from tests.factories import DelegatieFactory

    DelegatieFactory(van=nederweert, aan=weert)
    for i in range(60):
        zaak(
            weert if i % 2 else nederweert,
            adviseur_weert if i % 3 else collega_weert,
            pip_deadline=VANDAAG + dt.timedelta(days=i % 20),
        )
    for user, params in ((adviseur_weert, {"alle": "on"}), (teamleider_weert, {})):
        client = als(user)
        client.get("/", {**params, "per": 5})  # warm up: session, device
        with CaptureQueriesContext(connection) as klein:
            response = client.get("/", {**params, "per": 5})
        assert len(rijen(response)) == 5
        with django_assert_num_queries(len(klein.captured_queries)):
            response = client.get("/", {**params, "per": 50})
        assert len(rijen(response)) == 50


@pytest.mark.parametrize("wie", ["beleid", "financien"])
def test_beleid_and_financien_start_at_the_dashboards(als, request, wie, traject_weert):
    response = als(request.getfixturevalue(wie)).get("/")
    assert response.status_code == 302 and response["Location"] == "/sturing/"


def test_a_role_without_cases_or_pages_gets_a_friendly_page(als, weert, traject_weert):
    zonder = GebruikerFactory(username="zonder", organisatie=weert.organisatie, rollen=[])
    response = als(zonder).get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "U werkt niet met zaken van inburgeraars" in html
    assert traject_weert.inburgeraar.bsn not in html
    assert 'href="/beheer/"' not in html


def test_a_beheerder_is_sent_to_beheer(als, beheerder):
    html = als(beheerder).get("/").content.decode()
    assert 'id="naar-beheer"' in html


def test_htmx_gets_only_the_results(als, adviseur_weert, traject_weert):
    response = als(adviseur_weert).get("/", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'id="werkvoorraad-tabel"' in html and "<html" not in html


def test_a_case_opened_by_duo_without_a_name_says_so(als, weert, adviseur_weert):
    """DUO sends no names: such a case must be recognisable and ask for the BRP data."""
    traject = TrajectFactory(
        inburgeraar=InburgeraarFactory(
            gemeente=weert,
            voornamen="",
            geslachtsnaam="",
            geboortedatum=None,
            persoonsgegevens_aanvullen=True,
        ),
        adviseur=adviseur_weert,
    )
    html = als(adviseur_weert).get("/").content.decode()
    rij = html[html.index(f'id="zaak-{traject.inburgeraar_id}"') :]
    rij = rij[: rij.index("</tr>")]
    assert "Naam nog onbekend" in rij
    assert "aanvullen uit BRP" in rij
