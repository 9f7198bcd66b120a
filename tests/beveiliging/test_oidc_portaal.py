"""DigiD for Mijn Inburgering through an OIDC broker (a fake one on a loopback port): the BSN
claim finds the inburgeraar and opens his portal session; an unknown BSN reveals nothing; the
BSN never reaches the log."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import httpx
import pytest

from koers.beveiliging import oidc
from tests.beveiliging.oidc_idp import CLIENT_ID, CLIENT_SECRET, NepIdp
from tests.factories import InburgeraarFactory

BSN = "999993653"
ONBEKEND_BSN = "999990019"


@pytest.fixture(autouse=True)
def lege_cache():
    oidc.leeg_cache()
    yield
    oidc.leeg_cache()


def configureer(settings, idp: NepIdp, **extra) -> None:
    settings.KOERS_PORTAAL_OIDC = {
        "ISSUER": idp.issuer,
        "DISCOVERY_URL": "",
        "CLIENT_ID": CLIENT_ID,
        "CLIENT_SECRET": CLIENT_SECRET,
        "TOKEN_AUTH": idp.token_auth,
        "SCOPES": "",
        "BSN_CLAIM": "bsn",
        "ACR": "",
        **extra,
    }
    settings.KOERS_PORTAAL_OIDC_ENABLED = True


@pytest.fixture
def idp(settings, db):
    with NepIdp(pad="/broker") as provider:
        configureer(settings, provider)
        yield provider


@pytest.fixture
def amina(weert):
    return InburgeraarFactory(bsn=BSN, gemeente=weert, voornamen="Amina")


def digid(client, idp, *, next_url: str = "", **claims):
    idp.claims = claims
    start = client.get("/inloggen/digid/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302, start.content
    assert start.url.startswith(idp.basis + "/auth?")
    terug = httpx.get(start.url, follow_redirects=False)
    deel = urlsplit(terug.headers["location"])
    assert deel.path == "/inloggen/digid/terug/"
    return client.get(deel.path + "?" + deel.query)


def test_the_url_names_exist():
    from django.urls import reverse

    assert reverse("beveiliging:portaal_oidc_start") == "/inloggen/digid/"
    assert reverse("beveiliging:portaal_oidc_callback") == "/inloggen/digid/terug/"


def test_digid_login_opens_the_portal_for_the_inburgeraar(client, idp, amina, caplog):
    from koers.portaal.sessie import SESSIE_SLEUTEL

    with caplog.at_level(logging.DEBUG, logger="koers.beveiliging.oidc"):
        response = digid(client, idp, bsn=BSN)
    assert response.status_code == 302 and response.url == "/mijn/"
    assert client.session[SESSIE_SLEUTEL] == amina.pk
    # No staff login came with it.
    assert "_auth_user_id" not in client.session
    assert BSN not in caplog.text
    # The broker was asked for openid only; the BSN came in the ID token.
    assert idp.autorisaties[-1]["scope"] == "openid"
    assert "acr_values" not in idp.autorisaties[-1]


def test_next_stays_inside_the_portal(client, idp, amina):
    assert digid(client, idp, next_url="/mijn/berichten/", bsn=BSN).url == "/mijn/berichten/"
    assert digid(client, idp, next_url="/", bsn=BSN).url == "/mijn/"
    assert digid(client, idp, next_url="https://elders.example/mijn/", bsn=BSN).url == "/mijn/"


def test_unknown_bsn_gets_a_plain_page(client, idp, amina, caplog):
    from koers.portaal.sessie import SESSIE_SLEUTEL

    with caplog.at_level(logging.DEBUG, logger="koers.beveiliging.oidc"):
        response = digid(client, idp, bsn=ONBEKEND_BSN)
    html = response.content.decode()
    assert response.status_code == 403
    assert "Wij kennen u (nog) niet" in html
    assert ONBEKEND_BSN not in html and "Amina" not in html
    assert SESSIE_SLEUTEL not in client.session
    assert ONBEKEND_BSN not in caplog.text


def test_configurable_claim_and_saml_style_value(client, settings, idp, amina):
    configureer(settings, idp, BSN_CLAIM="urn:nl:bsn")
    from koers.portaal.sessie import SESSIE_SLEUTEL

    response = digid(client, idp, **{"urn:nl:bsn": f"s00000000:{BSN}"})
    assert response.url == "/mijn/"
    assert client.session[SESSIE_SLEUTEL] == amina.pk


def test_missing_bsn_claim_is_a_configuration_error(client, idp, amina):
    response = digid(client, idp, sub_bsn=BSN)
    assert response.status_code == 400
    assert "niet goed ingesteld" in response.content.decode()


def test_required_level_is_asked_and_checked(client, settings, idp, amina):
    midden = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"
    configureer(settings, idp, ACR=midden)
    from koers.portaal.sessie import SESSIE_SLEUTEL

    laag = digid(
        client,
        idp,
        bsn=BSN,
        acr="urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
    )
    assert idp.autorisaties[-1]["acr_values"] == midden
    assert laag.status_code == 400
    html = laag.content.decode()
    assert "te laag niveau" in html
    assert 'id="opnieuw-inloggen"' in html  # trying again can help
    assert SESSIE_SLEUTEL not in client.session
    goed = digid(client, idp, bsn=BSN, acr=midden)
    assert goed.url == "/mijn/"


def test_a_forged_token_does_not_open_the_portal(client, idp, amina):
    from koers.portaal.sessie import SESSIE_SLEUTEL

    idp.knoeien = {"aud": "een-andere-dienst"}
    response = digid(client, idp, bsn=BSN)
    assert response.status_code == 400
    assert "klopt niet" in response.content.decode()
    assert SESSIE_SLEUTEL not in client.session


def test_digid_is_absent_when_not_configured(client, settings, db):
    settings.KOERS_PORTAAL_OIDC_ENABLED = False
    assert client.get("/inloggen/digid/").status_code == 404
    assert client.get("/inloggen/digid/terug/?code=x&state=y").status_code == 404


def test_a_staff_return_does_not_open_the_portal(client, settings, idp, amina):
    from koers.portaal.sessie import SESSIE_SLEUTEL
    from tests.beveiliging.test_oidc_medewerkers import configureer as configureer_sso

    configureer_sso(settings, idp)
    idp.claims = {"bsn": BSN}
    start = client.get("/inloggen/organisatie/")
    terug = urlsplit(httpx.get(start.url, follow_redirects=False).headers["location"])
    response = client.get("/inloggen/digid/terug/?" + terug.query)
    assert response.status_code == 400
    assert "Begin opnieuw" in response.content.decode()
    assert SESSIE_SLEUTEL not in client.session
    assert idp.token_verzoeken == []
