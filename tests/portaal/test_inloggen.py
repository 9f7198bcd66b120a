"""Logging in to Mijn Inburgering: the session helpers, the demo-only login and its check."""

import pytest
from django.core.checks import run_checks
from django.test import RequestFactory
from django.urls import reverse as echte_reverse

from koers.demo.personen import demo_bsns
from koers.portaal import sessie, views
from koers.portaal.sessie import SESSIE_SLEUTEL
from tests.factories import InburgeraarFactory, TrajectFactory
from tests.portaal.conftest import portaal_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_persoon(weert):
    return TrajectFactory(
        inburgeraar=InburgeraarFactory(bsn=demo_bsns()[0], gemeente=weert, voornamen="Yonas")
    ).inburgeraar


def test_anonymous_visitor_goes_to_the_portal_login(client):
    antwoord = client.get("/mijn/plan/")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == "/mijn/inloggen/?next=%2Fmijn%2Fplan%2F"


def test_demo_login_does_not_exist_outside_demo_mode(client, settings, demo_persoon):
    settings.DEMO = False
    assert client.get("/mijn/inloggen/demo/").status_code == 404
    antwoord = client.post("/mijn/inloggen/demo/", {"bsn": demo_persoon.bsn})
    assert antwoord.status_code == 404
    assert SESSIE_SLEUTEL not in client.session
    assert "Demo-inlog" not in client.get("/mijn/inloggen/").content.decode()


def test_forcing_the_demo_login_on_outside_demo_mode_is_a_check_error(
    settings, client, demo_persoon
):
    settings.DEMO = False
    settings.KOERS_PORTAAL_DEMO_LOGIN = True
    assert "koers.E050" in {p.id for p in run_checks()}
    assert client.get("/mijn/inloggen/demo/").status_code == 404
    settings.DEMO = True
    assert "koers.E050" not in {p.id for p in run_checks()}


def test_demo_login_with_a_demo_bsn(client, settings, demo_persoon):
    settings.DEMO = True
    pagina = client.get("/mijn/inloggen/demo/").content.decode()
    assert "Alleen voor de demo — geen echte DigiD" in pagina
    assert demo_persoon.bsn in pagina
    oude_sleutel = client.session.session_key
    antwoord = client.post("/mijn/inloggen/demo/", {"bsn": demo_persoon.bsn, "next": "/mijn/plan/"})
    assert antwoord.status_code == 302 and antwoord["Location"] == "/mijn/plan/"
    assert client.session[SESSIE_SLEUTEL] == demo_persoon.pk
    assert client.session.session_key != oude_sleutel
    # A portal login is no staff login.
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302


def test_wrong_bsn_gives_a_dutch_error(client, settings, demo_persoon):
    settings.DEMO = True
    antwoord = client.post("/mijn/inloggen/demo/", {"bsn": "12345"})
    assert "Een BSN heeft 9 cijfers." in antwoord.content.decode()
    antwoord = client.post("/mijn/inloggen/demo/", {"bsn": demo_bsns()[5]})
    assert "Er is geen demo-inburgeraar met dit BSN." in antwoord.content.decode()
    assert SESSIE_SLEUTEL not in client.session


def test_no_account_enumeration_beyond_the_demo_list(client, settings, traject_weert, demo_persoon):
    """A real person's BSN gets the same answer as a BSN that does not exist."""
    settings.DEMO = True
    echt = client.post("/mijn/inloggen/demo/", {"bsn": traject_weert.inburgeraar.bsn})
    nep = client.post("/mijn/inloggen/demo/", {"bsn": "999990019"})
    assert SESSIE_SLEUTEL not in client.session
    assert "Er is geen demo-inburgeraar met dit BSN." in echt.content.decode()
    assert echt.status_code == nep.status_code == 200
    assert traject_weert.inburgeraar.bsn not in client.get("/mijn/inloggen/demo/").content.decode()


def test_next_must_stay_in_the_portal(client, settings, demo_persoon):
    settings.DEMO = True
    antwoord = client.post(
        "/mijn/inloggen/demo/", {"bsn": demo_persoon.bsn, "next": "https://evil.example/"}
    )
    assert antwoord["Location"] == "/mijn/"


def test_sessie_helpers(demo_persoon):
    request = RequestFactory().get("/mijn/")
    from django.contrib.sessions.backends.db import SessionStore

    request.session = SessionStore()
    assert sessie.huidige_inburgeraar(request) is None
    sessie.inloggen(request, demo_persoon)
    assert sessie.huidige_inburgeraar(request) == demo_persoon
    sessie.uitloggen(request)
    assert sessie.huidige_inburgeraar(request) is None
    assert SESSIE_SLEUTEL not in request.session


def test_logout(client, demo_persoon):
    portaal_login(client, demo_persoon)
    assert client.get("/mijn/").status_code == 200
    antwoord = client.post("/mijn/uitloggen/")
    assert antwoord["Location"] == "/mijn/inloggen/"
    assert client.get("/mijn/").status_code == 302


def test_staff_login_does_not_open_the_portal(als, adviseur_weert):
    client = als(adviseur_weert)
    assert client.get("/mijn/").status_code == 302


def test_digid_button_only_when_oidc_is_on_and_its_url_exists(client, settings, monkeypatch):
    settings.DEMO = False
    settings.KOERS_PORTAAL_OIDC_ENABLED = False
    assert "Inloggen met DigiD" not in client.get("/mijn/inloggen/").content.decode()
    settings.KOERS_PORTAAL_OIDC_ENABLED = True
    if views.oidc_url() is None:  # koers.beveiliging has no DigiD login (yet)

        def met_digid(naam, **kwargs):
            if naam == "beveiliging:portaal_oidc_start":
                return "/digid/start/"
            return echte_reverse(naam, **kwargs)

        monkeypatch.setattr(views, "reverse", met_digid)
    pagina = client.get("/mijn/inloggen/").content.decode()
    assert "Inloggen met DigiD" in pagina


def test_oidc_url_is_none_when_the_url_is_missing(settings, monkeypatch):
    from django.urls import NoReverseMatch

    settings.KOERS_PORTAAL_OIDC_ENABLED = True

    def geen(naam, **kwargs):
        raise NoReverseMatch(naam)

    monkeypatch.setattr(views, "reverse", geen)
    assert views.oidc_url() is None
