"""A small OpenID Connect relying party: staff SSO and DigiD for Mijn Inburgering.

One client, two configurations by prefix (see :mod:`koers.config.env`):

- ``KOERS_OIDC_*``: staff log in with the account of their organisation (Keycloak, Azure AD).
- ``KOERS_PORTAAL_OIDC_*``: the inburgeraar logs in with DigiD through an OIDC broker, which
  returns the BSN as a claim.

The flow is the authorization code flow with PKCE (S256, RFC 7636); ``state`` and ``nonce``
live in the session and are used once. The ID token is verified here (signature against the
provider's JWKS, issuer, audience, expiry with a small leeway, nonce); Koers trusts nothing in
the browser's return trip except the one-time code, which it exchanges itself over the back
channel (OpenID Connect Core 1.0 §3.1.3.7).

Errors are :class:`OidcFout`: a Dutch message for the person, a short reason for the log (never
a username, e-mail address or BSN), whether trying again can help, and whether the attempt
counts as a failed login for the lock-out (:mod:`koers.beveiliging.inlogpogingen`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import re
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus, urlencode

import httpx
import jwt
from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("koers.beveiliging.oidc")

MEDEWERKERS = "medewerkers"
PORTAAL = "portaal"

# The settings dict per provider (filled in koers.config.settings from the env variables).
_SETTING = {MEDEWERKERS: "KOERS_OIDC", PORTAAL: "KOERS_PORTAAL_OIDC"}

# Only asymmetric signatures. "none" carries no signature at all, and with HS256 the key is
# the client secret, which Koers holds too: a token "signed" that way proves nothing about the
# provider (RFC 8725 §3.1, §3.2).
ALGORITMEN: tuple[str, ...] = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
                               "ES256", "ES384")
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
_SESSIE_PREFIX = "koers_oidc_"

# Messages for the person, plain Dutch (B1).
NIET_BEREIKBAAR = _("De inlogdienst is nu niet bereikbaar. Probeer het over een paar minuten "
                    "opnieuw.")
OPNIEUW_BEGINNEN = _("Het inloggen is verlopen of in een ander venster gestart. Begin opnieuw "
                     "met inloggen.")
NIET_VERTROUWD = _("Het antwoord van de inlogdienst klopt niet. Daarom kunt u nu niet "
                   "inloggen. Neem contact op met de beheerder als dit blijft gebeuren.")
VERKEERD_INGESTELD = _("Inloggen via de inlogdienst is niet goed ingesteld. Neem contact op "
                       "met de beheerder.")
AFGEBROKEN = _("U hebt het inloggen afgebroken. U kunt opnieuw beginnen.")


class OidcFout(Exception):
    """A login through the provider that did not succeed.

    ``melding``: Dutch text for the person. ``reden``: a short, non-personal code for the log.
    ``opnieuw``: trying again can help (a timeout, an expired login) or not (a wrong setting,
    an untrusted token). ``telt``: counts as a failed login attempt for the lock-out.
    """

    def __init__(self, melding: str | Promise, reden: str, *, opnieuw: bool,
                 telt: bool = False) -> None:
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
        discovery_url=(waarden.get("DISCOVERY_URL", "")
                       or issuer.rstrip("/") + "/.well-known/openid-configuration"),
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


# --- Discovery and keys -------------------------------------------------------------------

_lock = threading.Lock()
_discovery: dict[str, tuple[float, dict[str, Any]]] = {}
_jwks: dict[str, tuple[float, dict[str, Any]]] = {}


def leeg_cache() -> None:
    """Forget discovery documents and keys (tests; after a provider changed its setup)."""
    with _lock:
        _discovery.clear()
        _jwks.clear()


def _get_json(aanbieder: Aanbieder, url: str, wat: str) -> dict[str, Any]:
    try:
        antwoord = httpx.get(url, timeout=TIMEOUT_SECONDEN, headers={"Accept": "application/json"})
    except httpx.HTTPError as error:
        logger.warning("OIDC %s: %s niet bereikbaar (%s)", aanbieder.naam, wat,
                       type(error).__name__)
        raise OidcFout(NIET_BEREIKBAAR, f"{wat}_onbereikbaar", opnieuw=True) from None
    if antwoord.status_code >= 500:
        logger.warning("OIDC %s: %s antwoordt %d", aanbieder.naam, wat, antwoord.status_code)
        raise OidcFout(NIET_BEREIKBAAR, f"{wat}_{antwoord.status_code}", opnieuw=True)
    try:
        data = antwoord.json() if antwoord.status_code == 200 else None
    except ValueError:
        data = None
    if not isinstance(data, dict):
        logger.error("OIDC %s: %s geeft geen JSON-object (HTTP %d)", aanbieder.naam, wat,
                     antwoord.status_code)
        raise OidcFout(VERKEERD_INGESTELD, f"{wat}_onleesbaar", opnieuw=False)
    return data


def discovery(aanbieder: Aanbieder) -> dict[str, Any]:
    """The provider's discovery document (cached for an hour)."""
    nu = time.monotonic()
    with _lock:
        bewaard = _discovery.get(aanbieder.discovery_url)
    if bewaard and bewaard[0] > nu:
        return bewaard[1]
    data = _get_json(aanbieder, aanbieder.discovery_url, "discovery")
    # OpenID Connect Discovery §4.3: the issuer in the document must be the configured one,
    # otherwise tokens of another tenant or realm could pass.
    if data.get("issuer") != aanbieder.issuer:
        logger.error("OIDC %s: de issuer in het discovery-document is niet de ingestelde "
                     "issuer", aanbieder.naam)
        raise OidcFout(VERKEERD_INGESTELD, "discovery_issuer", opnieuw=False)
    for sleutel in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(data.get(sleutel), str) or not data[sleutel]:
            logger.error("OIDC %s: %s ontbreekt in het discovery-document", aanbieder.naam,
                         sleutel)
            raise OidcFout(VERKEERD_INGESTELD, f"discovery_{sleutel}", opnieuw=False)
    with _lock:
        _discovery[aanbieder.discovery_url] = (nu + DISCOVERY_CACHE_SECONDEN, data)
    return data


def _familie(alg: str) -> str:
    return "EC" if alg.startswith("ES") else "RSA"


def _kies_sleutel(jwks: dict[str, Any], kid: str | None, alg: str) -> dict[str, Any] | None:
    sleutels = [s for s in jwks.get("keys", []) if isinstance(s, dict)
                and s.get("kty") == _familie(alg) and s.get("use", "sig") == "sig"
                and s.get("alg", alg) == alg]
    if kid is not None:
        sleutels = [s for s in sleutels if s.get("kid") == kid]
    elif len(sleutels) != 1:  # without a key id only an unambiguous key will do
        return None
    return sleutels[0] if sleutels else None


def _sleutel(aanbieder: Aanbieder, meta: dict[str, Any], kid: str | None, alg: str):
    url = meta["jwks_uri"]
    nu = time.monotonic()
    with _lock:
        bewaard = _jwks.get(url)
    jwk = None
    if bewaard and nu - bewaard[0] < JWKS_CACHE_SECONDEN:
        jwk = _kies_sleutel(bewaard[1], kid, alg)
    if jwk is None and (bewaard is None or nu - bewaard[0] >= JWKS_MIN_INTERVAL_SECONDEN):
        data = _get_json(aanbieder, url, "jwks")
        with _lock:
            _jwks[url] = (nu, data)
        jwk = _kies_sleutel(data, kid, alg)
    if jwk is None:
        logger.warning("OIDC %s: ID-token afgewezen (sleutel_onbekend)", aanbieder.naam)
        raise OidcFout(NIET_VERTROUWD, "sleutel_onbekend", opnieuw=False, telt=True)
    try:
        return jwt.PyJWK(jwk, algorithm=alg).key
    except jwt.PyJWTError:
        logger.error("OIDC %s: een sleutel in de JWKS is onbruikbaar", aanbieder.naam)
        raise OidcFout(VERKEERD_INGESTELD, "sleutel_onbruikbaar", opnieuw=False) from None


# --- The flow -----------------------------------------------------------------------------

def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _sessie_sleutel(aanbieder: Aanbieder) -> str:
    return _SESSIE_PREFIX + aanbieder.naam


def start(request, aanbieder: Aanbieder, redirect_uri: str, volgende: str) -> str:
    """Remember state, nonce and the PKCE verifier in the session; the provider's URL to
    send the browser to."""
    meta = discovery(aanbieder)
    state = secrets.token_urlsafe(32)
    nonce = secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)  # 86 characters: RFC 7636 asks 43 to 128
    request.session[_sessie_sleutel(aanbieder)] = {
        "state": state, "nonce": nonce, "verifier": verifier, "redirect_uri": redirect_uri,
        "volgende": volgende, "tot": time.time() + SESSIE_GELDIG_SECONDEN,
    }
    parameters = {
        "response_type": "code",
        "client_id": aanbieder.client_id,
        "redirect_uri": redirect_uri,
        "scope": " ".join(aanbieder.scopes),
        "state": state,
        "nonce": nonce,
        "code_challenge": _b64url(hashlib.sha256(verifier.encode("ascii")).digest()),
        "code_challenge_method": "S256",
    }
    if aanbieder.vereist_acr:
        parameters["acr_values"] = " ".join(aanbieder.vereist_acr)
    eindpunt = meta["authorization_endpoint"]
    return eindpunt + ("&" if "?" in eindpunt else "?") + urlencode(parameters)


def vergeet(request, aanbieder: Aanbieder) -> None:
    """Drop an unfinished login (state, nonce, verifier) from the session."""
    request.session.pop(_sessie_sleutel(aanbieder), None)


@dataclass(frozen=True)
class Uitkomst:
    claims: dict[str, Any]
    volgende: str


def afronden(request, aanbieder: Aanbieder) -> Uitkomst:
    """Handle the provider's return: check state, exchange the code, verify the ID token.
    The remembered login is removed first, so a second use of the same return fails."""
    bewaard = request.session.pop(_sessie_sleutel(aanbieder), None)
    state = request.GET.get("state", "")
    if not isinstance(bewaard, dict) or not state or not hmac.compare_digest(
            state.encode(), str(bewaard.get("state", "")).encode()):
        logger.warning("OIDC %s: state ontbreekt of klopt niet", aanbieder.naam)
        raise OidcFout(OPNIEUW_BEGINNEN, "state", opnieuw=True, telt=True)
    if time.time() > float(bewaard.get("tot", 0)):
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
    meta = discovery(aanbieder)
    tokens = _wissel_code(aanbieder, meta, code, bewaard["redirect_uri"], bewaard["verifier"])
    claims = verifieer_id_token(aanbieder, meta, tokens.get("id_token"), bewaard["nonce"])
    return Uitkomst(claims=claims, volgende=str(bewaard.get("volgende", "")))


def _wissel_code(aanbieder: Aanbieder, meta: dict[str, Any], code: str, redirect_uri: str,
                 verifier: str) -> dict[str, Any]:
    """The token request (RFC 6749 §4.1.3) with the client secret, post or basic."""
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
            "code_verifier": verifier}
    headers = {"Accept": "application/json"}
    if aanbieder.token_auth == SECRET_POST:
        data.update(client_id=aanbieder.client_id, client_secret=aanbieder.client_secret)
    else:
        # RFC 6749 §2.3.1: id and secret form-encoded before they are joined.
        paar = f"{quote_plus(aanbieder.client_id)}:{quote_plus(aanbieder.client_secret)}"
        headers["Authorization"] = "Basic " + base64.b64encode(paar.encode()).decode("ascii")
    try:
        antwoord = httpx.post(meta["token_endpoint"], data=data, headers=headers,
                              timeout=TIMEOUT_SECONDEN)
    except httpx.HTTPError as error:
        logger.warning("OIDC %s: token-eindpunt niet bereikbaar (%s)", aanbieder.naam,
                       type(error).__name__)
        raise OidcFout(NIET_BEREIKBAAR, "token_onbereikbaar", opnieuw=True) from None
    if antwoord.status_code >= 500:
        logger.warning("OIDC %s: token-eindpunt antwoordt %d", aanbieder.naam,
                       antwoord.status_code)
        raise OidcFout(NIET_BEREIKBAAR, f"token_{antwoord.status_code}", opnieuw=True)
    try:
        body = antwoord.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        body = {}
    if antwoord.status_code != 200:
        fout = re.sub(r"[^a-z_]", "", str(body.get("error", "")).lower())[:40] or "onbekend"
        if fout == "invalid_grant":  # the code expired or was already used: start again
            logger.info("OIDC %s: code geweigerd (invalid_grant)", aanbieder.naam)
            raise OidcFout(OPNIEUW_BEGINNEN, "token_invalid_grant", opnieuw=True)
        logger.error("OIDC %s: token-eindpunt weigert (HTTP %d, %s)", aanbieder.naam,
                     antwoord.status_code, fout)
        raise OidcFout(VERKEERD_INGESTELD, f"token_{fout}", opnieuw=False)
    if not isinstance(body.get("id_token"), str):
        logger.error("OIDC %s: token-antwoord zonder id_token", aanbieder.naam)
        raise OidcFout(VERKEERD_INGESTELD, "token_zonder_id_token", opnieuw=False)
    return body


def verifieer_id_token(aanbieder: Aanbieder, meta: dict[str, Any], id_token: Any,
                       nonce: str) -> dict[str, Any]:
    """The ID token's claims, after checking signature, issuer, audience, time and nonce
    (OpenID Connect Core 1.0 §3.1.3.7)."""
    def onbetrouwbaar(reden: str) -> OidcFout:
        logger.warning("OIDC %s: ID-token afgewezen (%s)", aanbieder.naam, reden)
        return OidcFout(NIET_VERTROUWD, f"id_token_{reden}", opnieuw=False, telt=True)

    if not isinstance(id_token, str):
        raise onbetrouwbaar("ontbreekt")
    try:
        kop = jwt.get_unverified_header(id_token)
    except jwt.PyJWTError:
        raise onbetrouwbaar("onleesbaar") from None
    alg = kop.get("alg")
    if alg not in ALGORITMEN:
        raise onbetrouwbaar("algoritme")
    kid = kop.get("kid")
    sleutel = _sleutel(aanbieder, meta, kid if isinstance(kid, str) else None, alg)
    try:
        claims = jwt.decode(
            id_token, sleutel, algorithms=[alg], audience=aanbieder.client_id,
            issuer=aanbieder.issuer, leeway=LEEWAY_SECONDEN,
            options={"require": ["iss", "aud", "exp", "iat", "sub"]})
    except jwt.InvalidSignatureError:
        raise onbetrouwbaar("handtekening") from None
    except jwt.ExpiredSignatureError:
        raise onbetrouwbaar("verlopen") from None
    except jwt.InvalidAudienceError:
        raise onbetrouwbaar("audience") from None
    except jwt.InvalidIssuerError:
        raise onbetrouwbaar("issuer") from None
    except jwt.ImmatureSignatureError:
        raise onbetrouwbaar("toekomst") from None
    except jwt.PyJWTError:
        raise onbetrouwbaar("ongeldig") from None
    # Core §3.1.3.7 item 4-5: several audiences need an azp naming this client.
    aud = claims.get("aud")
    if isinstance(aud, list) and len(aud) > 1 and claims.get("azp") != aanbieder.client_id:
        raise onbetrouwbaar("azp")
    if not hmac.compare_digest(str(claims.get("nonce", "")).encode(), nonce.encode()):
        raise onbetrouwbaar("nonce")
    if aanbieder.vereist_acr and claims.get("acr") not in aanbieder.vereist_acr:
        logger.warning("OIDC %s: betrouwbaarheidsniveau (acr) te laag", aanbieder.naam)
        raise OidcFout(_("U bent ingelogd op een te laag niveau. Log opnieuw in en kies de "
                         "manier van inloggen die om een extra controle vraagt."),
                       "acr_te_laag", opnieuw=True)
    return claims


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
