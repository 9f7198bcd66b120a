"""Staff SSO over OpenID Connect against a real (fake) identity provider on a loopback port:
an existing active account logs in; Koers' own code is skipped only when the provider says it
checked a second factor; a token that is not exactly right is refused; failures count in the
lock-out; switched off, the URLs do not exist and the button is not shown."""

from __future__ import annotations

import json
import logging
import time
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.beveiliging import inlogpogingen, oidc
from koers.beveiliging.models import MisluktePoging
from tests.beveiliging.oidc_idp import CLIENT_ID, CLIENT_SECRET, NepIdp, rsa_sleutel

KNOP = "Inloggen met uw organisatie-account"
NIET_VERTROUWD = "Het antwoord van de inlogdienst klopt niet"
GEEN_ACCOUNT = "U kunt met dit account niet inloggen in Koers"


def configureer(settings, idp: NepIdp, **extra) -> None:
    settings.KOERS_OIDC = {
        "ISSUER": idp.issuer,
        "DISCOVERY_URL": "",
        "CLIENT_ID": CLIENT_ID,
        "CLIENT_SECRET": CLIENT_SECRET,
        "TOKEN_AUTH": idp.token_auth,
        "SCOPES": "",
        "CLAIM": "preferred_username",
        "KOPPELEN": "gebruikersnaam",
        "MFA_ACR": "",
        "MFA_AMR": "mfa,otp",
        **extra,
    }
    settings.KOERS_OIDC_ENABLED = True


@pytest.fixture(autouse=True)
def lege_cache():
    oidc.leeg_cache()
    yield
    oidc.leeg_cache()


@pytest.fixture
def idp(settings, db):
    with NepIdp() as provider:
        configureer(settings, provider)
        yield provider


def sso(client, idp, *, next_url: str = "", **claims):
    """Start at Koers, let the provider answer, come back: Koers' answer to the return."""
    idp.claims = claims
    start = client.get("/inloggen/organisatie/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302, start.content
    assert start.url.startswith(idp.basis + "/auth?")
    terug = httpx.get(start.url, follow_redirects=False)
    assert terug.status_code == 302
    deel = urlsplit(terug.headers["location"])
    assert deel.path == "/inloggen/organisatie/terug/"
    return client.get(deel.path + "?" + deel.query)


def test_login_page_shows_the_button_when_sso_is_on(client, idp):
    html = client.get("/inloggen/").content.decode()
    assert KNOP in html
    assert 'href="/inloggen/organisatie/"' in html


def test_sso_is_absent_when_not_configured(client, settings, adviseur_weert):
    settings.KOERS_OIDC_ENABLED = False
    assert KNOP not in client.get("/inloggen/").content.decode()
    assert client.get("/inloggen/organisatie/").status_code == 404
    assert client.get("/inloggen/organisatie/terug/?code=x&state=y").status_code == 404


def test_the_authorize_request_uses_pkce_state_and_nonce(client, idp):
    start = client.get("/inloggen/organisatie/")
    query = {k: v[0] for k, v in parse_qs(urlsplit(start.url).query).items()}
    assert query["client_id"] == CLIENT_ID
    assert query["redirect_uri"] == "http://testserver/inloggen/organisatie/terug/"
    assert query["scope"] == "openid profile email"
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) == 43
    assert len(query["state"]) >= 40 and len(query["nonce"]) >= 40
    # The verifier stays in Koers' session; the browser only sees its hash.
    assert "code_verifier" not in query


def test_mfa_at_the_provider_logs_in_without_koers_code(client, idp, adviseur_weert):
    response = sso(
        client, idp, next_url="/inburgeraars/", preferred_username="alice", amr=["pwd", "mfa"]
    )
    assert response.status_code == 302 and response.url == "/inburgeraars/"
    werkvoorraad = client.get("/")
    assert werkvoorraad.status_code == 200
    assert int(client.session["_auth_user_id"]) == adviseur_weert.pk
    # The token was fetched with PKCE and the client secret in the Basic header.
    verzoek = idp.token_verzoeken[-1]
    assert verzoek["body"]["code_verifier"] and "client_secret" not in verzoek["body"]
    assert verzoek["headers"]["Authorization"].startswith("Basic ")


def test_without_mfa_at_the_provider_koers_asks_its_own_code(client, idp, adviseur_weert):
    TOTPDevice.objects.create(user=adviseur_weert, name="telefoon", confirmed=True)
    response = sso(client, idp, preferred_username="alice", amr=["pwd"])
    assert response.status_code == 302 and response.url.startswith("/tweede-factor/")
    # Logged in, but every page sends to the code until it is given.
    assert client.get("/").url.startswith("/tweede-factor/")
    pagina = client.get(response.url)
    assert pagina.status_code == 200
    assert "code" in pagina.content.decode().lower()


def test_mfa_by_acr_value(client, settings, idp, adviseur_weert):
    configureer(settings, idp, MFA_AMR="", MFA_ACR="urn:gemeente:mfa")
    response = sso(client, idp, preferred_username="alice", acr="urn:gemeente:mfa")
    assert response.url == "/"
    assert client.get("/").status_code == 200


def test_mfa_values_are_not_trusted_unless_configured(client, settings, idp, adviseur_weert):
    configureer(settings, idp, MFA_AMR="", MFA_ACR="")
    response = sso(client, idp, preferred_username="alice", amr=["mfa"])
    assert response.url.startswith("/tweede-factor/")


def test_match_by_email_and_client_secret_post(client, settings, adviseur_weert):
    adviseur_weert.email = "Alice@Weert.nl"
    adviseur_weert.save(update_fields=["email"])
    with NepIdp(token_auth="client_secret_post") as idp:
        configureer(settings, idp, CLAIM="email", KOPPELEN="email")
        response = sso(client, idp, email="alice@weert.nl", amr="mfa")
        assert response.url == "/"
        assert int(client.session["_auth_user_id"]) == adviseur_weert.pk
        assert idp.token_verzoeken[-1]["body"]["client_secret"] == CLIENT_SECRET


def test_unknown_user_is_refused_and_counts(client, idp, adviseur_weert):
    response = sso(client, idp, preferred_username="mallory", amr=["mfa"])
    assert response.status_code == 403
    assert GEEN_ACCOUNT in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert MisluktePoging.objects.filter(sleutel="mallory").count() == 1


def test_inactive_user_is_refused_like_an_unknown_one(client, idp, adviseur_weert):
    adviseur_weert.is_active = False
    adviseur_weert.save(update_fields=["is_active"])
    response = sso(client, idp, preferred_username="alice", amr=["mfa"])
    assert response.status_code == 403
    assert GEEN_ACCOUNT in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_no_account_is_created(client, idp, adviseur_weert):
    from koers.organisaties.models import Gebruiker

    aantal = Gebruiker.objects.count()
    sso(client, idp, preferred_username="nieuwkomer", amr=["mfa"])
    assert Gebruiker.objects.count() == aantal


def test_five_failures_lock_the_username(client, idp, adviseur_weert):
    for _ in range(4):
        assert sso(client, idp, preferred_username="mallory").status_code == 403
    response = sso(client, idp, preferred_username="mallory")
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert inlogpogingen.is_geblokkeerd("mallory", "")


def test_a_blocked_username_cannot_log_in_through_sso_either(client, idp, adviseur_weert):
    for _ in range(5):
        client.post("/inloggen/", {"username": "alice", "password": "fout"})
    response = sso(client, idp, preferred_username="alice", amr=["mfa"])
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("knoeien", "reden"),
    [
        ({"sleutel": "ander"}, "sleutel"),
        ({"aud": "een-andere-applicatie"}, "audience"),
        ({"iss": "http://127.0.0.1:1/realms/nep"}, "issuer"),
        ({"nonce": "verkeerde-nonce"}, "nonce"),
        ({"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}, "verlopen"),
        ({"alg": "HS256"}, "algoritme"),
        ({"kid": "onbekende-sleutel"}, "sleutel_onbekend"),
    ],
)
def test_a_token_that_is_not_right_is_refused(client, idp, adviseur_weert, caplog, knoeien, reden):
    if knoeien.get("sleutel") == "ander":
        knoeien = {"sleutel": rsa_sleutel()}  # same key id, another key: a bad signature
        reden = "handtekening"
    idp.knoeien = knoeien
    with caplog.at_level(logging.WARNING, logger="koers.beveiliging.oidc"):
        response = sso(client, idp, preferred_username="alice", amr=["mfa"])
    assert response.status_code == 400
    assert NIET_VERTROUWD in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert reden in caplog.text
    # The log names no one.
    assert "alice" not in caplog.text
    # A refused token counts for the client address.
    assert MisluktePoging.objects.filter(soort="ip").count() == 1


def test_expiry_has_a_small_leeway(client, idp, adviseur_weert):
    idp.knoeien = {"exp": int(time.time()) - 30}
    assert sso(client, idp, preferred_username="alice", amr=["mfa"]).url == "/"


def test_wrong_state_is_refused(client, idp, adviseur_weert):
    idp.claims = {"preferred_username": "alice", "amr": ["mfa"]}
    start = client.get("/inloggen/organisatie/")
    terug = urlsplit(httpx.get(start.url, follow_redirects=False).headers["location"])
    query = parse_qs(terug.query)
    response = client.get(terug.path, {"code": query["code"][0], "state": "nagemaakt"})
    assert response.status_code == 400
    assert "Begin opnieuw" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The code was never exchanged.
    assert idp.token_verzoeken == []


def test_a_return_cannot_be_used_twice(client, idp, adviseur_weert):
    idp.claims = {"preferred_username": "alice", "amr": ["mfa"]}
    start = client.get("/inloggen/organisatie/")
    terug = httpx.get(start.url, follow_redirects=False).headers["location"]
    deel = urlsplit(terug)
    assert client.get(deel.path + "?" + deel.query).url == "/"
    client.post("/uitloggen/")
    tweede = client.get(deel.path + "?" + deel.query)
    assert tweede.status_code == 400
    assert "_auth_user_id" not in client.session


def test_return_from_another_browser_is_refused(client, idp, adviseur_weert):
    from django.test import Client

    idp.claims = {"preferred_username": "alice", "amr": ["mfa"]}
    start = client.get("/inloggen/organisatie/")
    terug = urlsplit(httpx.get(start.url, follow_redirects=False).headers["location"])
    ander = Client()
    response = ander.get(terug.path + "?" + terug.query)
    assert response.status_code == 400
    assert "_auth_user_id" not in ander.session


def test_cancel_at_the_provider_says_so_and_does_not_count(client, idp, adviseur_weert):
    idp.fout = "access_denied"
    response = sso(client, idp)
    assert response.status_code == 400
    assert "U hebt het inloggen afgebroken" in response.content.decode()
    assert MisluktePoging.objects.count() == 0


def test_unreachable_provider_says_try_again_later(client, settings, adviseur_weert):
    with NepIdp() as idp:
        configureer(settings, idp)
    # The provider is gone now: nothing listens on that port.
    response = client.get("/inloggen/organisatie/")
    assert response.status_code == 503
    assert "Probeer het over een paar minuten opnieuw" in response.content.decode()


def test_wrong_client_secret_is_a_configuration_error(
    client, settings, idp, adviseur_weert, caplog
):
    configureer(settings, idp, CLIENT_SECRET="verkeerd")
    with caplog.at_level(logging.ERROR, logger="koers.beveiliging.oidc"):
        response = sso(client, idp, preferred_username="alice")
    assert response.status_code == 400
    assert "niet goed ingesteld" in response.content.decode()
    assert "invalid_client" in caplog.text


def test_discovery_document_and_keys_are_cached(client, idp, adviseur_weert):
    sso(client, idp, preferred_username="alice", amr=["mfa"])
    client.post("/uitloggen/")
    sso(client, idp, preferred_username="alice", amr=["mfa"])
    assert idp.discovery_verzoeken == 1
    assert idp.jwks_verzoeken == 1


def test_a_rotated_key_is_fetched_again(client, idp, adviseur_weert):
    sso(client, idp, preferred_username="alice", amr=["mfa"])
    client.post("/uitloggen/")
    idp.sleutel, idp.kid = rsa_sleutel(), "sleutel-2"
    # As if the cooldown after the last fetch of the key set has passed.
    for jwks in oidc._jwks_clients.values():
        jwks._last_successful_fetch -= oidc.JWKS_MIN_INTERVAL_SECONDEN
    assert sso(client, idp, preferred_username="alice", amr=["mfa"]).url == "/"
    assert idp.jwks_verzoeken == 2


def test_next_outside_koers_is_ignored(client, idp, adviseur_weert):
    response = sso(
        client, idp, next_url="https://elders.example/", preferred_username="alice", amr=["mfa"]
    )
    assert response.url == "/"


def test_a_client_secret_is_form_encoded_in_the_basic_header(
    client, settings, monkeypatch, idp, adviseur_weert
):
    from tests.beveiliging import oidc_idp

    # RFC 6749 §2.3.1: "+", "/", "=", ":" and "%" in a secret survive the Basic header.
    monkeypatch.setattr(oidc_idp, "CLIENT_SECRET", "a+b/c=d:e%f")
    configureer(settings, idp, CLIENT_SECRET="a+b/c=d:e%f")
    assert sso(client, idp, preferred_username="alice", amr=["mfa"]).url == "/"


def test_an_authorization_endpoint_with_its_own_query(client, monkeypatch, idp, adviseur_weert):
    document = {**idp.discovery(), "authorization_endpoint": idp.basis + "/auth?p=beleid"}
    monkeypatch.setattr(idp, "discovery", lambda: document)
    start = client.get("/inloggen/organisatie/")
    assert start.url.startswith(idp.basis + "/auth?p=beleid&")
    assert parse_qs(urlsplit(start.url).query)["p"] == ["beleid"]


def test_a_token_without_key_id_needs_an_unambiguous_key(client, idp, adviseur_weert):
    idp.knoeien = {"kid": None}
    assert sso(client, idp, preferred_username="alice", amr=["mfa"]).url == "/"
    client.post("/uitloggen/")
    tweede = rsa_sleutel()
    jwks = idp.jwks()
    extra = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(tweede.public_key()))
    idp.jwks = lambda: {"keys": [*jwks["keys"], {**extra, "kid": "sleutel-2", "use": "sig"}]}
    oidc.leeg_cache()
    response = sso(client, idp, preferred_username="alice", amr=["mfa"])
    assert response.status_code == 400
    assert NIET_VERTROUWD in response.content.decode()
