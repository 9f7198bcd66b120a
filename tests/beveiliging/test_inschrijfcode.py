"""Linking a first second factor needs an inschrijfcode from beheer (outside demo mode): a
password alone is not enough. Every link is logged and mailed; the demo, the SSO with its own
second factor and a medewerker who already has a factor keep their way."""

import re

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.beveiliging import inschrijven
from koers.beveiliging.models import Inschrijfcode, WebAuthnSleutel
from koers.organisaties.tweede_factor import SSO_MFA_SESSION_KEY
from koers.verwerkingen.models import Verwerking
from tests.beveiliging.test_webauthn import SoftwareSleutel, opties_uit, volledig_inloggen

WACHTWOORD = "geheim-wachtwoord-123"
START = "2026-10-01 10:00:00+02:00"
FOUT = "Deze inschrijfcode klopt niet, is verlopen of is al gebruikt."


def code(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture(autouse=True)
def buiten_demo(settings):
    settings.DEMO = False


@pytest.fixture
def klok():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def alice(adviseur_weert):
    adviseur_weert.email = "alice@weert.nl"
    adviseur_weert.save(update_fields=["email"])
    return adviseur_weert


def met_wachtwoord(client):
    response = client.post("/inloggen/", {"username": "alice", "password": WACHTWOORD})
    assert response.status_code == 302 and response.url.startswith("/tweede-factor/")


def inschrijfcode_invullen(client, tekst):
    return client.post("/tweede-factor/", {"inschrijfcode": tekst, "next": "/"})


@pytest.fixture
def na_commit(django_capture_on_commit_callbacks):
    """The mail goes after the commit; the test's transaction never commits."""

    def post(client, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(*args, **kwargs)

    return post


def koppel_app(client, na_commit):
    """After a right inschrijfcode: the QR page, then the first code from the new app."""
    pagina = client.get("/tweede-factor/").content.decode()
    assert 'id="qr-code"' in pagina
    device = TOTPDevice.objects.get(user__username="alice", confirmed=False)
    return na_commit(client, "/tweede-factor/", {"code": code(device), "next": "/"})


def test_without_inschrijfcode_no_secret_is_shown_and_nothing_is_linked(client, alice):
    met_wachtwoord(client)
    pagina = client.get("/tweede-factor/")
    html = pagina.content.decode()
    assert pagina.status_code == 200
    assert "Inschrijfcode" in html and 'name="inschrijfcode"' in html
    assert 'id="qr-code"' not in html and "otpauth://" not in html
    assert not TOTPDevice.objects.filter(user=alice).exists()

    # Posting an app code straight away links nothing.
    response = client.post("/tweede-factor/", {"code": "123456"})
    assert response.status_code == 400
    assert "Vul de inschrijfcode in." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert client.get("/").status_code == 302  # still only half logged in
    # Nor can a security key be linked.
    assert client.get("/beveiligingssleutels/").url.startswith("/tweede-factor/")


def test_an_empty_inschrijfcode_is_explained_at_the_field(client, alice):
    met_wachtwoord(client)
    response = inschrijfcode_invullen(client, "")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vul de inschrijfcode in." in html and 'href="#id_inschrijfcode"' in html


@pytest.mark.parametrize("geval", ["fout", "verlopen", "gebruikt", "van een ander"])
def test_a_code_that_does_not_work_gives_a_form_error(client, alice, collega_weert, klok, geval):
    tekst = inschrijven.maak_code(collega_weert if geval == "van een ander" else alice)
    if geval == "fout":
        tekst = "ABCD-EFGH-JKMN-PQRS"
    elif geval == "verlopen":
        klok.shift(72 * 3600 + 1)
    elif geval == "gebruikt":
        Inschrijfcode.objects.update(gebruikt_op="2026-10-01T08:00Z")
    met_wachtwoord(client)
    response = inschrijfcode_invullen(client, tekst)
    html = response.content.decode()
    assert response.status_code == 400
    assert FOUT in html and 'href="#id_inschrijfcode"' in html
    assert 'id="qr-code"' not in html
    assert not TOTPDevice.objects.filter(user=alice).exists()


def test_a_valid_code_links_the_app_once_logs_it_and_mails_alice(client, alice, klok, na_commit):
    tekst = inschrijven.maak_code(alice)
    met_wachtwoord(client)
    # Typed in small letters and without dashes, it is the same code.
    response = inschrijfcode_invullen(client, tekst.replace("-", " ").lower())
    assert response.status_code == 302 and response.url.startswith("/tweede-factor/")

    response = koppel_app(client, na_commit)
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/").status_code == 200
    assert TOTPDevice.objects.get(user=alice).confirmed
    assert Inschrijfcode.objects.get(gebruiker=alice).gebruikt_op is not None

    verwerking = Verwerking.objects.get(
        actor_id=alice.pk, activiteit="tweede factor gekoppeld (authenticator-app)"
    )
    assert verwerking.handeling == "wijzigen" and verwerking.kanaal == "ui"

    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["alice@weert.nl"]
    assert "nieuwe authenticator-app gekoppeld" in bericht.body
    assert "Neem dan meteen contact op met functioneel beheer" in bericht.body
    geheim = TOTPDevice.objects.get(user=alice).key
    assert tekst not in bericht.body and normal(tekst) not in bericht.body
    assert geheim not in bericht.body.lower()

    # The code is used up: after logging out, with a second app, it does not work again.
    client.post("/uitloggen/")
    TOTPDevice.objects.filter(user=alice).delete()
    met_wachtwoord(client)
    assert FOUT in inschrijfcode_invullen(client, tekst).content.decode()


def normal(tekst: str) -> str:
    return inschrijven.normaliseer(tekst)


def test_only_the_hash_of_the_code_is_stored(alice):
    tekst = inschrijven.maak_code(alice)
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}", tekst)
    bewaard = Inschrijfcode.objects.get()
    assert normal(tekst) not in bewaard.code_hash and len(bewaard.code_hash) == 64
    assert inschrijven.maak_code(alice) != tekst


def test_a_code_used_up_in_another_tab_does_not_link_a_second_app(client, alice):
    tekst = inschrijven.maak_code(alice)
    met_wachtwoord(client)
    inschrijfcode_invullen(client, tekst)
    Inschrijfcode.objects.update(gebruikt_op="2026-10-01T08:00Z")
    pagina = client.get("/tweede-factor/").content.decode()
    assert 'name="inschrijfcode"' in pagina  # back to the first step
    assert not TOTPDevice.objects.filter(user=alice, confirmed=True).exists()


def test_the_code_is_used_up_by_the_link_itself(client, alice, na_commit):
    """Between the QR page and the first app code the code may be withdrawn: then nothing
    is linked."""
    tekst = inschrijven.maak_code(alice)
    met_wachtwoord(client)
    inschrijfcode_invullen(client, tekst)
    client.get("/tweede-factor/")
    device = TOTPDevice.objects.get(user=alice, confirmed=False)
    Inschrijfcode.objects.all().delete()
    response = na_commit(client, "/tweede-factor/", {"code": code(device)})
    assert response.status_code in (200, 400)
    assert not TOTPDevice.objects.filter(user=alice, confirmed=True).exists()
    assert len(mail.outbox) == 0


def test_wrong_inschrijfcodes_count_in_the_lock_out(client, alice, klok):
    met_wachtwoord(client)
    for _ in range(4):
        assert inschrijfcode_invullen(client, "ABCD-EFGH-JKMN-PQRS").status_code == 400
    response = inschrijfcode_invullen(client, "ABCD-EFGH-JKMN-PQRS")
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_demo_mode_keeps_the_easy_path(client, settings, alice, na_commit):
    settings.DEMO = True
    met_wachtwoord(client)
    assert 'id="qr-code"' in client.get("/tweede-factor/").content.decode()
    response = koppel_app(client, na_commit)
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=alice).confirmed
    assert len(mail.outbox) == 1  # still logged and mailed


def test_sso_with_its_own_second_factor_needs_no_code(client, alice, na_commit):
    client.force_login(alice)
    session = client.session
    session[SSO_MFA_SESSION_KEY] = alice.pk
    session.save()
    pagina = client.get("/beveiligingssleutels/")
    assert pagina.status_code == 200
    sleutel = SoftwareSleutel()
    response = na_commit(
        client,
        "/beveiligingssleutels/",
        {"credential": sleutel.maak(opties_uit(pagina, "sleutel-koppelen")), "naam": "Sleutel"},
    )
    assert response.status_code == 302
    assert WebAuthnSleutel.objects.filter(user=alice).count() == 1
    assert len(mail.outbox) == 1 and "beveiligingssleutel" in mail.outbox[0].body


def test_with_an_app_alice_adds_a_key_which_is_logged_and_mailed(client, alice, na_commit):
    app = TOTPDevice.objects.create(user=alice, name="telefoon", confirmed=True)
    volledig_inloggen(client, app)
    pagina = client.get("/beveiligingssleutels/")
    sleutel = SoftwareSleutel()
    response = na_commit(
        client,
        "/beveiligingssleutels/",
        {
            "credential": sleutel.maak(opties_uit(pagina, "sleutel-koppelen")),
            "naam": "YubiKey blauw",
        },
    )
    assert response.status_code == 302
    assert WebAuthnSleutel.objects.filter(user=alice).count() == 1
    assert Verwerking.objects.filter(
        actor_id=alice.pk, activiteit="tweede factor gekoppeld (beveiligingssleutel)"
    ).exists()
    assert len(mail.outbox) == 1
    assert "YubiKey blauw" in mail.outbox[0].body


def test_a_refused_key_is_not_logged_or_mailed(client, alice, na_commit):
    app = TOTPDevice.objects.create(user=alice, name="telefoon", confirmed=True)
    volledig_inloggen(client, app)
    client.get("/beveiligingssleutels/")
    response = na_commit(client, "/beveiligingssleutels/", {"credential": "{}", "naam": "x"})
    assert response.status_code == 400
    assert len(mail.outbox) == 0
    assert not Verwerking.objects.filter(activiteit__startswith="tweede factor").exists()


def test_beheerder_makes_a_code_in_the_admin_and_sees_it_once(client, als, beheerder, alice):
    als(beheerder)
    response = client.post("/beheer/beveiliging/inschrijfcode/add/", {"gebruiker": alice.pk})
    assert response.status_code == 200
    html = response.content.decode()
    tekst = re.search(r'id="inschrijfcode">([^<]+)<', html).group(1).strip()
    bewaard = Inschrijfcode.objects.get()
    assert bewaard.gebruiker == alice and bewaard.aangemaakt_door == beheerder
    assert bewaard.code_hash == inschrijven._hash(tekst)
    lijst = client.get("/beheer/beveiliging/inschrijfcode/").content.decode()
    detail = client.get(f"/beheer/beveiliging/inschrijfcode/{bewaard.pk}/change/")
    assert tekst not in lijst and tekst not in detail.content.decode()

    client.post("/uitloggen/")
    met_wachtwoord(client)
    assert inschrijfcode_invullen(client, tekst).status_code == 302


def test_a_medewerker_cannot_make_codes(client, als, adviseur_weert):
    als(adviseur_weert)
    response = client.get("/beheer/beveiliging/inschrijfcode/add/")
    assert response.status_code in (302, 403)
    assert not Inschrijfcode.objects.exists()


def test_command_prints_a_working_code(client, alice, capsys):
    call_command("inschrijfcode", "alice")
    tekst = capsys.readouterr().out.strip()
    met_wachtwoord(client)
    assert inschrijfcode_invullen(client, tekst).status_code == 302


def test_a_code_used_up_between_the_qr_page_and_the_app_code_links_nothing(
    client, alice, monkeypatch, na_commit
):
    """The check on the QR page and the use of the code are two moments; the link itself
    uses the code up conditionally, so a code used elsewhere in between links nothing."""
    tekst = inschrijven.maak_code(alice)
    met_wachtwoord(client)
    inschrijfcode_invullen(client, tekst)
    client.get("/tweede-factor/")
    device = TOTPDevice.objects.get(user=alice, confirmed=False)
    Inschrijfcode.objects.update(gebruikt_op="2026-10-01T08:00Z")
    monkeypatch.setattr(inschrijven, "toegelaten", lambda request: True)
    response = na_commit(client, "/tweede-factor/", {"code": code(device)})
    assert response.status_code == 200
    assert "Uw inschrijfcode is intussen gebruikt of verlopen." in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/").status_code == 302
    assert len(mail.outbox) == 0
