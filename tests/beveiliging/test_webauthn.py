"""Security keys (WebAuthn) as second factor: a software authenticator (an EC P-256 key made
in the test, answering exactly as a browser would pass on a key's answer) adds a key after a
full login, and then logs in with it instead of the TOTP code. Wrong answers count in the
lock-out; a replayed or cloned answer is refused; a key belongs to one user."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re

import cbor2
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.beveiliging.models import MisluktePoging, WebAuthnSleutel

ORIGIN = "http://testserver"
RP_ID = "testserver"
WACHTWOORD = "geheim-wachtwoord-123"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_bytes(tekst: str) -> bytes:
    return base64.urlsafe_b64decode(tekst + "=" * (-len(tekst) % 4))


class SoftwareSleutel:
    """An authenticator in software: P-256, ES256, no attestation."""

    def __init__(self):
        self.sleutel = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.teller = 0

    def _cose(self) -> bytes:
        getallen = self.sleutel.public_key().public_numbers()
        return cbor2.dumps(
            {
                1: 2,
                3: -7,
                -1: 1,
                -2: getallen.x.to_bytes(32, "big"),
                -3: getallen.y.to_bytes(32, "big"),
            }
        )

    def _client_data(self, soort: str, challenge: str, origin: str) -> bytes:
        return json.dumps(
            {"type": soort, "challenge": challenge, "origin": origin, "crossOrigin": False}
        ).encode()

    def maak(self, opties: dict, *, origin: str = ORIGIN) -> str:
        client_data = self._client_data("webauthn.create", opties["challenge"], origin)
        auth_data = (
            hashlib.sha256(opties["rp"]["id"].encode()).digest()
            + bytes([0x41])
            + self.teller.to_bytes(4, "big")
            + bytes(16)
            + len(self.credential_id).to_bytes(2, "big")
            + self.credential_id
            + self._cose()
        )
        attestatie = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return json.dumps(
            {
                "id": b64url(self.credential_id),
                "rawId": b64url(self.credential_id),
                "type": "public-key",
                "clientExtensionResults": {},
                "response": {
                    "clientDataJSON": b64url(client_data),
                    "attestationObject": b64url(attestatie),
                },
            }
        )

    def teken(self, opties: dict, *, origin: str = ORIGIN, teller: int | None = None) -> str:
        self.teller = self.teller + 1 if teller is None else teller
        client_data = self._client_data("webauthn.get", opties["challenge"], origin)
        auth_data = (
            hashlib.sha256(opties["rpId"].encode()).digest()
            + bytes([0x01])
            + self.teller.to_bytes(4, "big")
        )
        handtekening = self.sleutel.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return json.dumps(
            {
                "id": b64url(self.credential_id),
                "rawId": b64url(self.credential_id),
                "type": "public-key",
                "clientExtensionResults": {},
                "response": {
                    "clientDataJSON": b64url(client_data),
                    "authenticatorData": b64url(auth_data),
                    "signature": b64url(handtekening),
                    "userHandle": None,
                },
            }
        )


def opties_uit(response, knop_id: str) -> dict:
    pagina = response.content.decode()
    knop = re.search(rf'<button[^>]*id="{knop_id}"[^>]*>', pagina)
    assert knop, f"knop {knop_id} ontbreekt"
    waarde = re.search(r'data-webauthn-opties="([^"]*)"', knop.group(0)).group(1)
    return json.loads(html.unescape(waarde))


def code(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture
def app_alice(adviseur_weert):
    return TOTPDevice.objects.create(user=adviseur_weert, name="telefoon", confirmed=True)


def volledig_inloggen(client, app):
    client.post("/inloggen/", {"username": "alice", "password": WACHTWOORD})
    response = client.post("/tweede-factor/", {"code": code(app), "next": "/"})
    assert response.status_code == 302 and response.url == "/"


def half_inloggen(client):
    response = client.post("/inloggen/", {"username": "alice", "password": WACHTWOORD})
    assert response.url.startswith("/tweede-factor/")


@pytest.fixture
def sleutel_alice(client, adviseur_weert, app_alice):
    """Alice adds a software key after a full login, then logs out."""
    sleutel = SoftwareSleutel()
    volledig_inloggen(client, app_alice)
    pagina = client.get("/beveiligingssleutels/")
    assert pagina.status_code == 200
    opties = opties_uit(pagina, "sleutel-koppelen")
    assert opties["rp"]["id"] == RP_ID and opties["attestation"] == "none"
    response = client.post(
        "/beveiligingssleutels/", {"credential": sleutel.maak(opties), "naam": "YubiKey blauw"}
    )
    assert response.status_code == 302
    assert "YubiKey blauw" in client.get("/beveiligingssleutels/").content.decode()
    client.post("/uitloggen/")
    return sleutel


def test_adding_a_key_needs_a_full_login(client, adviseur_weert, app_alice):
    assert client.get("/beveiligingssleutels/").url.startswith("/inloggen/")
    half_inloggen(client)
    assert client.get("/beveiligingssleutels/").url.startswith("/tweede-factor/")
    assert client.post("/beveiligingssleutels/", {"credential": "{}"}).url.startswith(
        "/tweede-factor/"
    )
    assert WebAuthnSleutel.objects.count() == 0


def test_add_a_key_and_log_in_with_it(client, adviseur_weert, sleutel_alice):
    opgeslagen = WebAuthnSleutel.objects.get()
    assert opgeslagen.user == adviseur_weert and opgeslagen.name == "YubiKey blauw"
    assert opgeslagen.credential_id == b64url(sleutel_alice.credential_id)

    half_inloggen(client)
    pagina = client.get("/tweede-factor/?next=/inburgeraars/")
    opties = opties_uit(pagina, "sleutel-gebruiken")
    assert [c["id"] for c in opties["allowCredentials"]] == [opgeslagen.credential_id]
    response = client.post(
        "/tweede-factor/sleutel/",
        {"credential": sleutel_alice.teken(opties), "next": "/inburgeraars/"},
    )
    assert response.status_code == 302 and response.url == "/inburgeraars/"
    assert client.get("/").status_code == 200
    opgeslagen.refresh_from_db()
    assert opgeslagen.sign_count == 1 and opgeslagen.laatst_gebruikt is not None


def test_no_key_no_button(client, adviseur_weert, app_alice):
    half_inloggen(client)
    assert 'id="sleutel-gebruiken"' not in client.get("/tweede-factor/").content.decode()


def test_an_answer_cannot_be_used_twice(client, adviseur_weert, sleutel_alice):
    half_inloggen(client)
    opties = opties_uit(client.get("/tweede-factor/"), "sleutel-gebruiken")
    antwoord = sleutel_alice.teken(opties)
    assert client.post("/tweede-factor/sleutel/", {"credential": antwoord}).url == "/"
    client.post("/uitloggen/")
    half_inloggen(client)
    client.get("/tweede-factor/")
    response = client.post("/tweede-factor/sleutel/", {"credential": antwoord})
    assert response.url.startswith("/tweede-factor/")
    assert client.get("/").url.startswith("/tweede-factor/")


def test_a_cloned_key_is_refused(client, adviseur_weert, sleutel_alice):
    half_inloggen(client)
    opties = opties_uit(client.get("/tweede-factor/"), "sleutel-gebruiken")
    assert (
        client.post(
            "/tweede-factor/sleutel/", {"credential": sleutel_alice.teken(opties, teller=5)}
        ).url
        == "/"
    )
    client.post("/uitloggen/")
    half_inloggen(client)
    opties = opties_uit(client.get("/tweede-factor/"), "sleutel-gebruiken")
    # The counter goes back: a copy of the key is in use somewhere.
    response = client.post(
        "/tweede-factor/sleutel/", {"credential": sleutel_alice.teken(opties, teller=3)}
    )
    assert response.url.startswith("/tweede-factor/")
    assert client.get("/").url.startswith("/tweede-factor/")


def test_wrong_origin_and_other_key_are_refused_and_count(client, adviseur_weert, sleutel_alice):
    half_inloggen(client)
    opties = opties_uit(client.get("/tweede-factor/"), "sleutel-gebruiken")
    response = client.post(
        "/tweede-factor/sleutel/",
        {"credential": sleutel_alice.teken(opties, origin="https://nep.example")},
    )
    assert response.url.startswith("/tweede-factor/")
    melding = client.get(response.url).content.decode()
    assert "Dat lukte niet met uw beveiligingssleutel" in melding

    opties = opties_uit(client.get("/tweede-factor/"), "sleutel-gebruiken")
    vreemde = SoftwareSleutel()
    vreemde.credential_id = sleutel_alice.credential_id  # same id, another private key
    client.post("/tweede-factor/sleutel/", {"credential": vreemde.teken(opties)})
    assert client.get("/").url.startswith("/tweede-factor/")
    assert MisluktePoging.objects.filter(soort="gebruikersnaam", sleutel="alice").count() == 2


def test_five_wrong_answers_block(client, adviseur_weert, sleutel_alice):
    half_inloggen(client)
    for _ in range(4):
        client.get("/tweede-factor/")
        client.post("/tweede-factor/sleutel/", {"credential": "geen json"})
    client.get("/tweede-factor/")
    response = client.post("/tweede-factor/sleutel/", {"credential": "geen json"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_key_of_another_user_does_not_work(client, adviseur_weert, collega_weert, sleutel_alice):
    WebAuthnSleutel.objects.update(user=collega_weert)
    half_inloggen(client)
    # Alice has no keys now; an answer from Bob's key is not hers.
    assert 'id="sleutel-gebruiken"' not in client.get("/tweede-factor/").content.decode()
    opties = {"challenge": b64url(os.urandom(32)), "rpId": RP_ID}
    response = client.post("/tweede-factor/sleutel/", {"credential": sleutel_alice.teken(opties)})
    assert response.url.startswith("/tweede-factor/")
    assert client.get("/").url.startswith("/tweede-factor/")


def test_remove_a_key(client, adviseur_weert, sleutel_alice):
    half_inloggen(client)
    opties = opties_uit(client.get("/tweede-factor/"), "sleutel-gebruiken")
    assert (
        client.post("/tweede-factor/sleutel/", {"credential": sleutel_alice.teken(opties)}).url
        == "/"
    )
    sleutel = WebAuthnSleutel.objects.get()
    assert client.post(f"/beveiligingssleutels/{sleutel.pk}/verwijderen/").status_code == 302
    assert WebAuthnSleutel.objects.count() == 0


def test_cannot_remove_the_key_of_another_user(
    client, collega_weert, adviseur_weert, sleutel_alice
):
    bob_app = TOTPDevice.objects.create(user=collega_weert, name="t", confirmed=True)
    client.post("/inloggen/", {"username": "bob", "password": WACHTWOORD})
    client.post("/tweede-factor/", {"code": code(bob_app), "next": "/"})
    sleutel = WebAuthnSleutel.objects.get()
    assert client.post(f"/beveiligingssleutels/{sleutel.pk}/verwijderen/").status_code == 404
    assert WebAuthnSleutel.objects.count() == 1


def test_a_bad_registration_is_refused(client, adviseur_weert, app_alice):
    volledig_inloggen(client, app_alice)
    opties = opties_uit(client.get("/beveiligingssleutels/"), "sleutel-koppelen")
    response = client.post(
        "/beveiligingssleutels/",
        {"credential": SoftwareSleutel().maak(opties, origin="https://nep.example")},
    )
    assert response.status_code == 400
    assert "Dat lukte niet" in response.content.decode()
    assert WebAuthnSleutel.objects.count() == 0


def test_beheerder_removes_a_lost_key_in_the_admin(
    client, als, beheerder, adviseur_weert, sleutel_alice
):
    als(beheerder)
    sleutel = WebAuthnSleutel.objects.get()
    lijst = client.get("/beheer/beveiliging/webauthnsleutel/")
    assert lijst.status_code == 200 and "YubiKey blauw" in lijst.content.decode()
    assert client.get("/beheer/beveiliging/webauthnsleutel/add/").status_code == 403
    response = client.post(
        f"/beheer/beveiliging/webauthnsleutel/{sleutel.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert WebAuthnSleutel.objects.count() == 0


def test_the_same_key_cannot_be_added_twice(client, adviseur_weert, sleutel_alice):
    half_inloggen(client)
    opties = opties_uit(client.get("/tweede-factor/"), "sleutel-gebruiken")
    client.post("/tweede-factor/sleutel/", {"credential": sleutel_alice.teken(opties)})
    opties = opties_uit(client.get("/beveiligingssleutels/"), "sleutel-koppelen")
    # The browser would refuse (excludeCredentials); a hand-made request gets a clear no.
    assert [c["id"] for c in opties["excludeCredentials"]] == [b64url(sleutel_alice.credential_id)]
    response = client.post("/beveiligingssleutels/", {"credential": sleutel_alice.maak(opties)})
    assert response.status_code == 400
    assert "Deze sleutel is al gekoppeld" in response.content.decode()
    assert WebAuthnSleutel.objects.count() == 1
