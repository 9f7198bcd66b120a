"""A tiny OpenID Connect provider for the tests, over real HTTP on a loopback port.

The identity provider is outside Koers, so the tests may fake it; Koers must still talk HTTP
to it (discovery, JWKS, token endpoint). The provider checks what a real one checks: the
client's secret (basic or post), the redirect URI, and the PKCE verifier against the challenge.
Test knobs: ``claims`` (who logs in next), ``knoeien`` (spoil the next ID token), ``fout``
(answer the authorize request with an error).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote_plus, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from koers.beveiliging.oidc import SECRET_BASIC

CLIENT_ID = "koers-test"
CLIENT_SECRET = "geheim-van-de-test"  # noqa: S105 - a test value


def rsa_sleutel():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class NepIdp:
    def __init__(self, *, pad: str = "/realms/gemeente", token_auth: str = SECRET_BASIC):
        self.sleutel = rsa_sleutel()
        self.kid = "sleutel-1"
        self.pad = pad
        self.token_auth = token_auth
        self.claims: dict[str, Any] = {}
        self.knoeien: dict[str, Any] = {}
        self.fout: str | None = None
        self.codes: dict[str, dict[str, Any]] = {}
        self.token_verzoeken: list[dict[str, Any]] = []
        self.autorisaties: list[dict[str, str]] = []
        self.jwks_verzoeken = 0
        self.discovery_verzoeken = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.basis = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.issuer = self.basis + pad
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    # --- what the provider serves ---

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": self.basis + "/auth",
            "token_endpoint": self.basis + "/token",
            "jwks_uri": self.basis + "/certs",
            "response_types_supported": ["code"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        }

    def jwks(self) -> dict[str, Any]:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.sleutel.public_key()))
        jwk.update(kid=self.kid, use="sig", alg="RS256")
        return {"keys": [jwk]}

    def autoriseer(self, query: dict[str, str]) -> str:
        """The redirect back to Koers, as after a successful login at the provider."""
        self.autorisaties.append(query)
        assert query["response_type"] == "code"
        assert query["client_id"] == CLIENT_ID
        assert query["code_challenge_method"] == "S256"
        assert "openid" in query["scope"].split()
        terug = query["redirect_uri"]
        if self.fout:
            return terug + "?" + urlencode({"error": self.fout, "state": query["state"]})
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "nonce": query["nonce"],
            "challenge": query["code_challenge"],
            "redirect_uri": terug,
            "claims": dict(self.claims),
        }
        return terug + "?" + urlencode({"code": code, "state": query["state"]})

    def id_token(self, nonce: str, claims: dict[str, Any]) -> str:
        nu = int(time.time())
        inhoud = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": "onderwerp-123",
            "iat": nu,
            "exp": nu + 300,
            "nonce": nonce,
            **claims,
        }
        knoeien = dict(self.knoeien)
        sleutel = knoeien.pop("sleutel", self.sleutel)
        kid = knoeien.pop("kid", self.kid)
        kop = {"kid": kid} if kid is not None else {}  # None: a token without a key id
        alg = knoeien.pop("alg", "RS256")
        inhoud.update(knoeien)
        if alg == "HS256":
            return jwt.encode(inhoud, CLIENT_SECRET + "x" * 32, algorithm="HS256", headers=kop)
        return jwt.encode(inhoud, sleutel, algorithm=alg, headers=kop)

    def token(self, headers, body: dict[str, str]) -> tuple[int, dict[str, Any]]:
        self.token_verzoeken.append({"headers": dict(headers), "body": body})
        if self.token_auth == SECRET_BASIC:
            kop = headers.get("Authorization", "")
            if not kop.startswith("Basic "):
                return 401, {"error": "invalid_client"}
            client_id, _, secret = base64.b64decode(kop[6:]).decode().partition(":")
            client_id, secret = unquote_plus(client_id), unquote_plus(secret)
        else:
            client_id, secret = body.get("client_id", ""), body.get("client_secret", "")
        if client_id != CLIENT_ID or secret != CLIENT_SECRET:
            return 401, {"error": "invalid_client"}
        gegevens = self.codes.pop(body.get("code", ""), None)
        if body.get("grant_type") != "authorization_code" or gegevens is None:
            return 400, {"error": "invalid_grant"}
        if body.get("redirect_uri") != gegevens["redirect_uri"]:
            return 400, {"error": "invalid_grant"}
        verifier = body.get("code_verifier", "")
        berekend = (
            base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            .rstrip(b"=")
            .decode()
        )
        if berekend != gegevens["challenge"]:
            return 400, {"error": "invalid_grant"}
        return 200, {
            "access_token": "at-" + secrets.token_urlsafe(8),
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": self.id_token(gegevens["nonce"], gegevens["claims"]),
        }

    def _handler(self):
        idp = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                return None

            def _json(self, status: int, data: dict[str, Any]) -> None:
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                deel = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(deel.query).items()}
                if deel.path == idp.pad + "/.well-known/openid-configuration":
                    idp.discovery_verzoeken += 1
                    self._json(200, idp.discovery())
                elif deel.path == "/certs":
                    idp.jwks_verzoeken += 1
                    self._json(200, idp.jwks())
                elif deel.path == "/auth":
                    self.send_response(302)
                    self.send_header("Location", idp.autoriseer(query))
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                else:
                    self._json(404, {"error": "not_found"})

            def do_POST(self):
                lengte = int(self.headers.get("Content-Length", "0"))
                tekst = self.rfile.read(lengte).decode()
                body = {k: v[0] for k, v in parse_qs(tekst).items()}
                if urlsplit(self.path).path == "/token":
                    self._json(*idp.token(self.headers, body))
                else:
                    self._json(404, {"error": "not_found"})

        return Handler
