"""OpenID Connect for staff SSO and DigiD for Mijn Inburgering, on mozilla-django-oidc.

One relying party, two configurations by prefix (see :mod:`koers.config.env`):

- ``KOERS_OIDC_*``: staff log in with the account of their organisation (Keycloak, Azure AD).
- ``KOERS_PORTAAL_OIDC_*``: the inburgeraar logs in with DigiD through an OIDC broker, which
  returns the BSN as a claim.

mozilla-django-oidc does the flow: the authorization code flow with PKCE (S256), ``state`` and
``nonce`` in the session (``oidc_states``, used once), the token request and the check of the
ID token's signature and nonce. The library reads one set of ``OIDC_*`` Django settings; here
each provider gets its own, built by :func:`instellingen` from the Koers settings and the
provider's discovery document. Koers adds what the library leaves out: the issuer, audience
and ``azp`` of the ID token, a minute of leeway on its times, only asymmetric algorithms, a
cached key set (PyJWT's ``PyJWKClient``), and an error that can be told to the person.

Errors are :class:`OidcFout`: a Dutch message for the person, a short reason for the log (never
a username, e-mail address or BSN), whether trying again can help, and whether the attempt
counts as a failed login for the lock-out (:mod:`koers.beveiliging.inlogpogingen`).
"""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, quote_plus, urlsplit

import jwt
import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.dispatch import Signal
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

logger = logging.getLogger("koers.beveiliging.oidc")

MEDEWERKERS = "medewerkers"
PORTAAL = "portaal"

# The settings dict per provider (filled in koers.config.settings from the env variables).
_SETTING = {MEDEWERKERS: "KOERS_OIDC", PORTAAL: "KOERS_PORTAAL_OIDC"}
_TERUG = {MEDEWERKERS: "beveiliging:oidc_callback", PORTAAL: "beveiliging:portaal_oidc_callback"}

# Sent after a DigiD login found the inburgeraar (arguments ``request``, ``inburgeraar``). The
# portal opens its session in the receiver, so this core app needs no import of the portal.
digid_ingelogd = Signal()

# Only asymmetric signatures. "none" carries no signature at all, and with HS256 the key is
# the client secret, which Koers holds too: a token "signed" that way proves nothing about the
# provider (RFC 8725 §3.1, §3.2).
ALGORITMEN: tuple[str, ...] = (
    "RS256",
    "RS384",
    "RS512",
    "PS256",
    "PS384",
    "PS512",
    "ES256",
    "ES384",
)
# P: clocks of Koers and the provider may differ a little; a minute is the usual margin.
LEEWAY_SECONDEN = 60
# P: an unfinished login (state, nonce, PKCE verifier) lasts ten minutes, enough to type a
# password and a code at the provider.
SESSIE_GELDIG_SECONDEN = 600
# P: the discovery document changes rarely; an hour keeps a changed endpoint from lingering.
DISCOVERY_CACHE_SECONDEN = 3600
# Keys rotate: an unknown key id fetches the JWKS again, but not more than once in this time,
# so a stream of bad tokens cannot make Koers hammer the provider.
JWKS_MIN_INTERVAL_SECONDEN = 30
JWKS_CACHE_SECONDEN = 3600
TIMEOUT_SECONDEN = 10.0

SECRET_BASIC = "client_secret_basic"  # noqa: S105 - a method name, no secret
SECRET_POST = "client_secret_post"  # noqa: S105
TOKEN_AUTH = (SECRET_BASIC, SECRET_POST)
KOPPELEN = ("gebruikersnaam", "email")

# Messages for the person, plain Dutch (B1).
NIET_BEREIKBAAR = _(
    "De inlogdienst is nu niet bereikbaar. Probeer het over een paar minuten opnieuw."
)
OPNIEUW_BEGINNEN = _(
    "Het inloggen is verlopen of in een ander venster gestart. Begin opnieuw met inloggen."
)
NIET_VERTROUWD = _(
    "Het antwoord van de inlogdienst klopt niet. Daarom kunt u nu niet "
    "inloggen. Neem contact op met de beheerder als dit blijft gebeuren."
)
VERKEERD_INGESTELD = _(
    "Inloggen via de inlogdienst is niet goed ingesteld. Neem contact op met de beheerder."
)
AFGEBROKEN = _("U hebt het inloggen afgebroken. U kunt opnieuw beginnen.")


class OidcFout(Exception):
    """A login through the provider that did not succeed.

    ``melding``: Dutch text for the person. ``reden``: a short, non-personal code for the log.
    ``opnieuw``: trying again can help (a timeout, an expired login) or not (a wrong setting,
    an untrusted token). ``telt``: counts as a failed login attempt for the lock-out.
    """

    def __init__(
        self, melding: str | Promise, reden: str, *, opnieuw: bool, telt: bool = False
    ) -> None:
        super().__init__(reden)
        self.melding = melding
        self.reden = reden
        self.opnieuw = opnieuw
        self.telt = telt

    @property
    def status(self) -> int:
        """HTTP status of the page that tells it: 503 while the provider is unreachable."""
        return 503 if self.melding is NIET_BEREIKBAAR else 400


@dataclass(frozen=True)
class Aanbieder:
    """The configuration of one provider."""

    naam: str
    issuer: str
    discovery_url: str
    client_id: str
    client_secret: str
    scopes: tuple[str, ...]
    token_auth: str
    claim: str
    koppelen: str = "gebruikersnaam"
    mfa_acr: tuple[str, ...] = ()
    mfa_amr: tuple[str, ...] = ()
    vereist_acr: tuple[str, ...] = ()


def _woorden(tekst: str) -> tuple[str, ...]:
    """Comma- or space-separated values ("openid profile" and "openid,profile" alike)."""
    return tuple(deel for deel in re.split(r"[\s,]+", tekst or "") if deel)


def is_aan(naam: str) -> bool:
    return bool(getattr(settings, f"{_SETTING[naam]}_ENABLED", False))


def aanbieder(naam: str) -> Aanbieder | None:
    """The provider's configuration, or ``None`` when it is not switched on."""
    if not is_aan(naam):
        return None
    waarden: dict[str, str] = getattr(settings, _SETTING[naam])
    issuer = waarden.get("ISSUER", "")
    standaard_scopes = "openid profile email" if naam == MEDEWERKERS else "openid"
    scopes = _woorden(waarden.get("SCOPES", "") or standaard_scopes)
    if "openid" not in scopes:
        scopes = ("openid", *scopes)
    if naam == MEDEWERKERS:
        claim = waarden.get("CLAIM", "") or "preferred_username"
    else:
        claim = waarden.get("BSN_CLAIM", "") or "bsn"
    return Aanbieder(
        naam=naam,
        issuer=issuer,
        discovery_url=(
            waarden.get("DISCOVERY_URL", "")
            or issuer.rstrip("/") + "/.well-known/openid-configuration"
        ),
        client_id=waarden.get("CLIENT_ID", ""),
        client_secret=waarden.get("CLIENT_SECRET", ""),
        scopes=scopes,
        token_auth=(waarden.get("TOKEN_AUTH", "") or SECRET_BASIC).lower(),
        claim=claim,
        koppelen=(waarden.get("KOPPELEN", "") or "gebruikersnaam").lower(),
        mfa_acr=_woorden(waarden.get("MFA_ACR", "")),
        mfa_amr=_woorden(waarden.get("MFA_AMR", "")),
        vereist_acr=_woorden(waarden.get("ACR", "")),
    )


# --- Discovery, keys and the library's settings -------------------------------------------

_lock = threading.Lock()
_discovery: dict[str, tuple[float, dict[str, Any]]] = {}
_jwks_clients: dict[str, jwt.PyJWKClient] = {}


def leeg_cache() -> None:
    """Forget discovery documents and keys (tests; after a provider changed its setup)."""
    with _lock:
        _discovery.clear()
        _jwks_clients.clear()


def discovery(aanbieder: Aanbieder) -> dict[str, Any]:
    """The provider's discovery document (cached for an hour). mozilla-django-oidc wants the
    endpoints themselves; a provider publishes them here."""
    nu = time.monotonic()
    with _lock:
        bewaard = _discovery.get(aanbieder.discovery_url)
    if bewaard and bewaard[0] > nu:
        return bewaard[1]
    try:
        antwoord = requests.get(
            aanbieder.discovery_url,
            timeout=TIMEOUT_SECONDEN,
            headers={"Accept": "application/json"},
            allow_redirects=False,
        )
    except requests.RequestException as error:
        logger.warning(
            "OIDC %s: discovery niet bereikbaar (%s)", aanbieder.naam, type(error).__name__
        )
        raise OidcFout(NIET_BEREIKBAAR, "discovery_onbereikbaar", opnieuw=True) from None
    if antwoord.status_code >= 500:
        logger.warning("OIDC %s: discovery antwoordt %d", aanbieder.naam, antwoord.status_code)
        raise OidcFout(NIET_BEREIKBAAR, f"discovery_{antwoord.status_code}", opnieuw=True)
    try:
        data = antwoord.json() if antwoord.status_code == 200 else None
    except ValueError:
        data = None
    if not isinstance(data, dict):
        logger.error(
            "OIDC %s: discovery geeft geen JSON-object (HTTP %d)",
            aanbieder.naam,
            antwoord.status_code,
        )
        raise OidcFout(VERKEERD_INGESTELD, "discovery_onleesbaar", opnieuw=False)
    # OpenID Connect Discovery §4.3: the issuer in the document must be the configured one,
    # otherwise tokens of another tenant or realm could pass.
    if data.get("issuer") != aanbieder.issuer:
        logger.error(
            "OIDC %s: de issuer in het discovery-document is niet de ingestelde issuer",
            aanbieder.naam,
        )
        raise OidcFout(VERKEERD_INGESTELD, "discovery_issuer", opnieuw=False)
    for sleutel in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(data.get(sleutel), str) or not data[sleutel]:
            logger.error("OIDC %s: %s ontbreekt in het discovery-document", aanbieder.naam, sleutel)
            raise OidcFout(VERKEERD_INGESTELD, f"discovery_{sleutel}", opnieuw=False)
    with _lock:
        _discovery[aanbieder.discovery_url] = (nu + DISCOVERY_CACHE_SECONDEN, data)
    return data


def _jwks_client(url: str) -> jwt.PyJWKClient:
    """One key-set client per JWKS address, kept between requests: it caches the set and
    fetches it again for an unknown key id at most once per cooldown."""
    with _lock:
        client = _jwks_clients.get(url)
        if client is None:
            client = _jwks_clients[url] = jwt.PyJWKClient(
                url,
                lifespan=JWKS_CACHE_SECONDEN,
                timeout=TIMEOUT_SECONDEN,
                cooldown_duration=JWKS_MIN_INTERVAL_SECONDEN,
            )
        return client


def instellingen(aanbieder: Aanbieder) -> dict[str, Any]:
    """The ``OIDC_*`` settings mozilla-django-oidc reads, for this provider."""
    meta = discovery(aanbieder)
    return {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": meta["authorization_endpoint"],
        "OIDC_OP_TOKEN_ENDPOINT": meta["token_endpoint"],
        "OIDC_OP_JWKS_ENDPOINT": meta["jwks_uri"],
        # Koers takes the claims from the ID token and never asks the userinfo endpoint.
        "OIDC_OP_USER_ENDPOINT": meta.get("userinfo_endpoint", ""),
        "OIDC_RP_CLIENT_ID": aanbieder.client_id,
        "OIDC_RP_CLIENT_SECRET": aanbieder.client_secret,
        # The library takes the key from the JWKS for an RS/ES value; which asymmetric
        # algorithm a token may use is checked per token against ALGORITMEN.
        "OIDC_RP_SIGN_ALGO": "RS256",
        "OIDC_RP_SCOPES": " ".join(aanbieder.scopes),
        "OIDC_AUTHENTICATION_CALLBACK_URL": _TERUG[aanbieder.naam],
        "OIDC_USE_NONCE": True,
        "OIDC_USE_PKCE": True,
        "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
        # 48 letters and digits, about 285 bits: not to be guessed.
        "OIDC_STATE_SIZE": 48,
        "OIDC_NONCE_SIZE": 48,
        "OIDC_TOKEN_USE_BASIC_AUTH": aanbieder.token_auth != SECRET_POST,
        "OIDC_TIMEOUT": TIMEOUT_SECONDEN,
        "OIDC_ALLOW_UNSECURED_JWT": False,
        "OIDC_AUTH_REQUEST_EXTRA_PARAMS": (
            {"acr_values": " ".join(aanbieder.vereist_acr)} if aanbieder.vereist_acr else {}
        ),
        # Koers matches an existing account and never makes one (see oidc_views).
        "OIDC_CREATE_USER": False,
    }


def _onbetrouwbaar(aanbieder: Aanbieder, reden: str) -> OidcFout:
    logger.warning("OIDC %s: ID-token afgewezen (%s)", aanbieder.naam, reden)
    return OidcFout(NIET_VERTROUWD, f"id_token_{reden}", opnieuw=False, telt=True)


def _familie(alg: str) -> str:
    return "EC" if alg.startswith("ES") else "RSA"


class _Instellingen:
    """Reads the library's settings from this provider's values, not from Django's."""

    waarden: dict[str, Any]

    def get_settings(self, attr, *args):
        if attr in self.waarden:
            return self.waarden[attr]
        if args:
            return args[0]
        raise ImproperlyConfigured(f"OIDC-instelling {attr} ontbreekt")


class _Start(_Instellingen, OIDCAuthenticationRequestView):
    """The library's authorization request, with this provider's settings."""

    def __init__(self, waarden: dict[str, Any]) -> None:
        self.waarden = waarden
        super().__init__()


class _Backend(_Instellingen, OIDCAuthenticationBackend):
    """The library's token request and ID-token check, stricter where Koers needs it. It is
    not in AUTHENTICATION_BACKENDS: the views decide who the claims belong to."""

    def __init__(self, aanbieder: Aanbieder, waarden: dict[str, Any]) -> None:
        self.aanbieder = aanbieder
        self.waarden = waarden
        super().__init__()

    def get_token(self, payload):
        if self.get_settings("OIDC_TOKEN_USE_BASIC_AUTH"):
            # RFC 6749 §2.3.1: the secret is form-encoded before it goes into the header.
            payload = {**payload, "client_secret": quote_plus(payload["client_secret"])}
        return super().get_token(payload)

    def retrieve_matching_jwk(self, token):
        """The key from the provider's key set (cached), after checking the algorithm."""
        try:
            kop = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise _onbetrouwbaar(self.aanbieder, "onleesbaar") from None
        alg = kop.get("alg")
        if alg not in ALGORITMEN:
            raise _onbetrouwbaar(self.aanbieder, "algoritme")
        kid = kop.get("kid")
        client = _jwks_client(self.OIDC_OP_JWKS_ENDPOINT)
        try:
            if isinstance(kid, str):
                sleutel = client.get_signing_key(kid)
            else:  # without a key id only an unambiguous key will do
                sleutels = [
                    s for s in client.get_jwk_set().keys if s.public_key_use in ("sig", None)
                ]
                sleutel = sleutels[0] if len(sleutels) == 1 else None
        except jwt.PyJWKClientConnectionError as error:
            logger.warning(
                "OIDC %s: jwks niet bereikbaar (%s)",
                self.aanbieder.naam,
                type(error.__cause__ or error).__name__,
            )
            raise OidcFout(NIET_BEREIKBAAR, "jwks_onbereikbaar", opnieuw=True) from None
        except jwt.PyJWTError:
            sleutel = None
        if sleutel is None or sleutel.key_type != _familie(alg):
            raise _onbetrouwbaar(self.aanbieder, "sleutel_onbekend")
        return sleutel

    def _verify_jws(self, payload, key):
        """Signature, issuer, audience and times (OpenID Connect Core 1.0 §3.1.3.7); the
        library checks the nonce afterwards."""
        alg = jwt.get_unverified_header(payload)["alg"]
        try:
            claims = jwt.decode(
                payload,
                key.key,
                algorithms=[alg],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=self.aanbieder.issuer,
                leeway=LEEWAY_SECONDEN,
                options={"require": ["iss", "aud", "exp", "iat", "sub"]},
            )
        except jwt.InvalidSignatureError:
            raise _onbetrouwbaar(self.aanbieder, "handtekening") from None
        except jwt.ExpiredSignatureError:
            raise _onbetrouwbaar(self.aanbieder, "verlopen") from None
        except jwt.InvalidAudienceError:
            raise _onbetrouwbaar(self.aanbieder, "audience") from None
        except jwt.InvalidIssuerError:
            raise _onbetrouwbaar(self.aanbieder, "issuer") from None
        except jwt.ImmatureSignatureError:
            raise _onbetrouwbaar(self.aanbieder, "toekomst") from None
        except jwt.PyJWTError:
            raise _onbetrouwbaar(self.aanbieder, "ongeldig") from None
        # Core §3.1.3.7 item 4-5: several audiences need an azp naming this client.
        aud = claims.get("aud")
        if isinstance(aud, list) and len(aud) > 1 and claims.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise _onbetrouwbaar(self.aanbieder, "azp")
        return claims


# --- The flow -----------------------------------------------------------------------------


def start(request, aanbieder: Aanbieder, volgende: str) -> str:
    """The provider's URL to send the browser to. The library keeps state, nonce and the
    PKCE verifier in the session; Koers adds to that entry which provider and which page."""
    waarden = instellingen(aanbieder)
    url = _Start(waarden).get(request).url
    state = parse_qs(urlsplit(url).query)["state"][0]
    request.session["oidc_states"][state].update(aanbieder=aanbieder.naam, volgende=volgende)
    request.session.modified = True
    # The library's own return page is not used: each provider keeps its page in the entry.
    request.session.pop("oidc_login_next", None)
    eindpunt = waarden["OIDC_OP_AUTHORIZATION_ENDPOINT"]
    if "?" in eindpunt:  # an endpoint with its own query (Azure AD B2C's ?p=): join with &
        url = eindpunt + "&" + url[len(eindpunt) + 1 :]
    return url


def vergeet(request, aanbieder: Aanbieder) -> None:
    """Drop the unfinished login this return belongs to (state, nonce, verifier)."""
    staten = request.session.get("oidc_states")
    if isinstance(staten, dict) and staten.pop(request.GET.get("state", ""), None):
        request.session.modified = True


@dataclass(frozen=True)
class Uitkomst:
    claims: dict[str, Any]
    volgende: str


def afronden(request, aanbieder: Aanbieder) -> Uitkomst:
    """Handle the provider's return: check state, exchange the code, verify the ID token.
    The remembered login is removed first, so a second use of the same return fails."""
    staten = request.session.get("oidc_states")
    state = request.GET.get("state", "")
    bewaard = staten.pop(state, None) if isinstance(staten, dict) and state else None
    if bewaard is not None:
        request.session.modified = True
    if not isinstance(bewaard, dict) or bewaard.get("aanbieder") != aanbieder.naam:
        logger.warning("OIDC %s: state ontbreekt of klopt niet", aanbieder.naam)
        raise OidcFout(OPNIEUW_BEGINNEN, "state", opnieuw=True, telt=True)
    if time.time() > float(bewaard.get("added_on", 0)) + SESSIE_GELDIG_SECONDEN:
        logger.info("OIDC %s: inloggen verlopen", aanbieder.naam)
        raise OidcFout(OPNIEUW_BEGINNEN, "verlopen", opnieuw=True)
    if fout := request.GET.get("error"):
        # The provider's own error codes (RFC 6749 §4.1.2.1), never personal data.
        code = re.sub(r"[^a-z_]", "", fout.lower())[:40]
        logger.info("OIDC %s: aanbieder meldt %s", aanbieder.naam, code)
        if code in ("access_denied", "login_required", "interaction_required"):
            raise OidcFout(AFGEBROKEN, f"aanbieder_{code}", opnieuw=True)
        if code in ("temporarily_unavailable", "server_error"):
            raise OidcFout(NIET_BEREIKBAAR, f"aanbieder_{code}", opnieuw=True)
        raise OidcFout(VERKEERD_INGESTELD, f"aanbieder_{code}", opnieuw=False)
    code = request.GET.get("code", "")
    if not code:
        raise OidcFout(OPNIEUW_BEGINNEN, "code_ontbreekt", opnieuw=True, telt=True)
    backend = _Backend(aanbieder, instellingen(aanbieder))
    tokens = _wissel_code(
        backend,
        {
            "client_id": aanbieder.client_id,
            "client_secret": aanbieder.client_secret,
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": request.build_absolute_uri(reverse(_TERUG[aanbieder.naam])),
            "code_verifier": bewaard.get("code_verifier"),
        },
    )
    try:
        claims = backend.verify_token(tokens["id_token"], nonce=bewaard.get("nonce"))
    except SuspiciousOperation:  # the one check left to the library: the nonce
        raise _onbetrouwbaar(aanbieder, "nonce") from None
    if aanbieder.vereist_acr and claims.get("acr") not in aanbieder.vereist_acr:
        logger.warning("OIDC %s: betrouwbaarheidsniveau (acr) te laag", aanbieder.naam)
        raise OidcFout(
            _(
                "U bent ingelogd op een te laag niveau. Log opnieuw in en kies de "
                "manier van inloggen die om een extra controle vraagt."
            ),
            "acr_te_laag",
            opnieuw=True,
        )
    return Uitkomst(claims=claims, volgende=str(bewaard.get("volgende", "")))


def _wissel_code(backend: _Backend, payload: dict[str, Any]) -> dict[str, Any]:
    """The library's token request, its failures told apart for the person and the log."""
    naam = backend.aanbieder.naam
    try:
        body = backend.get_token(payload)
    except requests.HTTPError as error:
        status = error.response.status_code if error.response is not None else 0
        if status >= 500:
            logger.warning("OIDC %s: token-eindpunt antwoordt %d", naam, status)
            raise OidcFout(NIET_BEREIKBAAR, f"token_{status}", opnieuw=True) from None
        try:
            fout = error.response.json().get("error", "")
        except (ValueError, AttributeError):
            fout = ""
        fout = re.sub(r"[^a-z_]", "", str(fout).lower())[:40] or "onbekend"
        if fout == "invalid_grant":  # the code expired or was already used: start again
            logger.info("OIDC %s: code geweigerd (invalid_grant)", naam)
            raise OidcFout(OPNIEUW_BEGINNEN, "token_invalid_grant", opnieuw=True) from None
        logger.error("OIDC %s: token-eindpunt weigert (HTTP %d, %s)", naam, status, fout)
        raise OidcFout(VERKEERD_INGESTELD, f"token_{fout}", opnieuw=False) from None
    except requests.JSONDecodeError:
        body = None
    except requests.RequestException as error:
        logger.warning("OIDC %s: token-eindpunt niet bereikbaar (%s)", naam, type(error).__name__)
        raise OidcFout(NIET_BEREIKBAAR, "token_onbereikbaar", opnieuw=True) from None
    if not isinstance(body, dict) or not isinstance(body.get("id_token"), str):
        logger.error("OIDC %s: token-antwoord zonder id_token", naam)
        raise OidcFout(VERKEERD_INGESTELD, "token_zonder_id_token", opnieuw=False)
    return body


def claim_waarde(claims: dict[str, Any], naam: str) -> str:
    """A claim as text, or ``""``."""
    waarde = claims.get(naam)
    return waarde.strip() if isinstance(waarde, str) else ""


def mfa_bevestigd(aanbieder: Aanbieder, claims: dict[str, Any]) -> bool:
    """True when the provider says it checked a second factor: its ``acr`` is one of
    KOERS_OIDC_MFA_ACR, or its ``amr`` holds one of KOERS_OIDC_MFA_AMR (RFC 8176)."""
    acr = claims.get("acr")
    if isinstance(acr, str) and acr in aanbieder.mfa_acr:
        return True
    amr = claims.get("amr")
    if isinstance(amr, str):
        amr = [amr]
    if isinstance(amr, list):
        return any(isinstance(waarde, str) and waarde in aanbieder.mfa_amr for waarde in amr)
    return False


def bsn_uit(claims: dict[str, Any], naam: str) -> str:
    """The BSN from the claim, or ``""``. Some brokers pass DigiD's SAML form
    ``s00000000:123456789``: the part after the last colon counts."""
    waarde = claims.get(naam)
    if isinstance(waarde, int) and not isinstance(waarde, bool):
        waarde = f"{waarde:09d}"
    if not isinstance(waarde, str):
        return ""
    waarde = waarde.strip().rsplit(":", 1)[-1]
    return waarde if re.fullmatch(r"[0-9]{9}", waarde) else ""
