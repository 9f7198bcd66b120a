"""In a real browser (Chromium): staff SSO through the fake identity provider, and a security
key (Chromium's virtual WebAuthn authenticator) added and then used for the second step.
The pages pass axe-core and the Content-Security-Policy."""

from __future__ import annotations

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.beveiliging import oidc
from koers.beveiliging.models import WebAuthnSleutel
from tests.beveiliging.oidc_idp import NepIdp
from tests.beveiliging.test_oidc_medewerkers import configureer
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

WACHTWOORD = "geheim-wachtwoord-123"


def code(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture(autouse=True)
def lege_cache():
    oidc.leeg_cache()
    yield
    oidc.leeg_cache()


def test_sso_in_the_browser(page, settings, adviseur_weert):  # noqa: F811
    with NepIdp() as idp:
        configureer(settings, idp)
        idp.claims = {"preferred_username": "alice", "amr": ["pwd", "mfa"]}
        page.goto("/inloggen/")
        assert_accessible(page)
        page.click("#inloggen-sso")
        page.wait_for_url("**/")
        assert page.locator("#ingelogd-als").is_visible()
        assert "/tweede-factor/" not in page.url


def test_add_and_use_a_security_key(page, adviseur_weert):  # noqa: F811
    app = TOTPDevice.objects.create(user=adviseur_weert, name="telefoon", confirmed=True)
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": False,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )

    page.goto("/inloggen/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", WACHTWOORD)
    page.click("#inloggen")
    page.fill("#id_code", code(app))
    with page.expect_navigation():
        page.click("#code-controleren")
    assert "/tweede-factor/" not in page.url
    page.goto("/beveiligingssleutels/")
    assert_accessible(page)
    page.fill("#sleutel-naam", "Virtuele sleutel")
    with page.expect_navigation():
        page.click("#sleutel-koppelen")
    page.wait_for_selector("#sleutels")
    assert "Virtuele sleutel" in page.locator("#sleutels").inner_text()
    assert WebAuthnSleutel.objects.filter(user=adviseur_weert).count() == 1

    page.click("#uitloggen")
    page.fill("#id_username", "alice")
    page.fill("#id_password", WACHTWOORD)
    page.click("#inloggen")
    page.wait_for_url("**/tweede-factor/**")
    assert_accessible(page)
    with page.expect_navigation():
        page.click("#sleutel-gebruiken")
    page.wait_for_selector("#ingelogd-als")
    assert "/tweede-factor/" not in page.url
    assert WebAuthnSleutel.objects.get().laatst_gebruikt is not None
