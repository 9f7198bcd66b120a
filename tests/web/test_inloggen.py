"""Inloggen with password and TOTP; the demo skip only for demo accounts in demo mode."""

import re

import pytest
import time_machine
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.beveiliging import inschrijven
from koers.organisaties.tweede_factor import DEMO_SKIP_SESSION_KEY

WACHTWOORD = "geheim-wachtwoord-123"


def code(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def inloggen_met_wachtwoord(client, user, **extra):
    return client.post("/inloggen/", {"username": user.username, "password": WACHTWOORD, **extra})


@pytest.fixture
def met_app(adviseur_weert):
    return TOTPDevice.objects.create(user=adviseur_weert, name="telefoon", confirmed=True)


@pytest.fixture(autouse=True)
def bevroren_tijd():
    with time_machine.travel("2026-10-01 10:00:00+02:00", tick=False):
        yield


def test_login_page_has_labelled_fields(client, db):
    html = client.get("/inloggen/").content.decode()
    assert '<label class="utrecht-form-label" for="id_username">Gebruikersnaam' in html
    assert '<label class="utrecht-form-label" for="id_password">Wachtwoord' in html
    assert '<html lang="nl"' in html and 'href="#inhoud"' in html and '<main id="inhoud"' in html


def test_password_then_a_valid_code_opens_the_werkvoorraad(client, adviseur_weert, met_app):
    response = inloggen_met_wachtwoord(client, adviseur_weert)
    assert response.status_code == 302
    assert response.url.startswith("/tweede-factor/")

    # Without the code every page sends the user back to the second factor.
    assert client.get("/").url == "/tweede-factor/"

    response = client.post("/tweede-factor/", {"code": code(met_app), "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/").status_code == 200


def test_a_wrong_code_is_refused_in_dutch(client, adviseur_weert, met_app):
    inloggen_met_wachtwoord(client, adviseur_weert)
    goed = code(met_app)
    fout = f"{(int(goed) + 1) % 1000000:06d}"
    response = client.post("/tweede-factor/", {"code": fout})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get("/").status_code == 302


def test_a_code_that_is_not_six_digits_is_explained(client, adviseur_weert, met_app):
    inloggen_met_wachtwoord(client, adviseur_weert)
    html = client.post("/tweede-factor/", {"code": "abc"}).content.decode()
    assert "De code heeft 6 cijfers." in html
    assert 'href="#id_code"' in html


def test_without_a_device_the_user_links_an_app_first(client, adviseur_weert):
    inloggen_met_wachtwoord(client, adviseur_weert)
    client.post("/tweede-factor/", {"inschrijfcode": inschrijven.maak_code(adviseur_weert)})
    html = client.get("/tweede-factor/").content.decode()
    assert "<svg" in html and 'id="qr-code"' in html
    url = re.search(r'id="totp-url"[^>]*>([^<]+)<', html).group(1)
    assert url.startswith("otpauth://totp/")
    device = TOTPDevice.objects.get(user=adviseur_weert)
    assert not device.confirmed

    response = client.post("/tweede-factor/", {"code": code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200


def test_wrong_password_is_refused_in_dutch(client, adviseur_weert):
    response = client.post("/inloggen/", {"username": "alice", "password": "fout"})
    assert response.status_code == 200
    assert "De gebruikersnaam of het wachtwoord klopt niet" in response.content.decode()
    assert client.get("/").status_code == 302


def test_demo_account_in_demo_mode_skips_the_code(client, settings, adviseur_weert):
    settings.DEMO = True
    adviseur_weert.is_demo_account = True
    adviseur_weert.save()
    response = inloggen_met_wachtwoord(client, adviseur_weert)
    assert response.url == "/"
    assert client.session[DEMO_SKIP_SESSION_KEY] is True
    html = client.get("/").content.decode()
    assert 'id="demo-banner"' in html


def test_other_accounts_in_demo_mode_still_need_the_code(client, settings, adviseur_weert, met_app):
    settings.DEMO = True
    response = inloggen_met_wachtwoord(client, adviseur_weert)
    assert response.url.startswith("/tweede-factor/")
    assert client.get("/").status_code == 302


def test_demo_account_outside_demo_mode_needs_the_code(client, settings, adviseur_weert, met_app):
    settings.DEMO = False
    adviseur_weert.is_demo_account = True
    adviseur_weert.save()
    response = inloggen_met_wachtwoord(client, adviseur_weert)
    assert response.url.startswith("/tweede-factor/")


def test_next_only_leads_inside_koers(client, adviseur_weert, met_app):
    inloggen_met_wachtwoord(client, adviseur_weert, next="https://evil.example/")
    response = client.post(
        "/tweede-factor/", {"code": code(met_app), "next": "https://evil.example/"}
    )
    assert response.url == "/"


def test_logout_is_a_post(client, adviseur_weert, met_app, als):
    als(adviseur_weert)
    assert client.get("/uitloggen/").status_code == 405
    response = client.post("/uitloggen/")
    assert response.url == "/inloggen/"
    assert client.get("/").url.startswith("/inloggen/")
