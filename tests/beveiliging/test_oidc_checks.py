"""Configuration of the OIDC logins: half a configuration is a system check error with a
stable id; the settings switch on only with issuer and client id; the variables are declared
once in koers.config.env; the client's small pure functions."""

from __future__ import annotations

import pytest

from koers.beveiliging import oidc
from koers.config import env
from koers.config.checks import check_oidc

LEEG = {
    "ISSUER": "",
    "DISCOVERY_URL": "",
    "CLIENT_ID": "",
    "CLIENT_SECRET": "",
    "TOKEN_AUTH": "client_secret_basic",
    "SCOPES": "openid profile email",
    "CLAIM": "preferred_username",
    "KOPPELEN": "gebruikersnaam",
    "MFA_ACR": "",
    "MFA_AMR": "",
}
PORTAAL_LEEG = {
    "ISSUER": "",
    "DISCOVERY_URL": "",
    "CLIENT_ID": "",
    "CLIENT_SECRET": "",
    "TOKEN_AUTH": "client_secret_basic",
    "SCOPES": "openid",
    "BSN_CLAIM": "bsn",
    "ACR": "",
}
COMPLEET = {
    **LEEG,
    "ISSUER": "https://sso.weert.nl/realms/weert",
    "CLIENT_ID": "koers",
    "CLIENT_SECRET": "s3cr3t",
}


def ids(settings, staff=None, portaal=None):
    settings.KOERS_OIDC = staff or LEEG
    settings.KOERS_PORTAAL_OIDC = portaal or PORTAAL_LEEG
    return [problem.id for problem in check_oidc()]


def test_nothing_set_is_fine(settings):
    assert ids(settings) == []


def test_complete_configuration_is_fine(settings):
    settings.DEMO = False
    assert ids(settings, COMPLEET) == []


@pytest.mark.parametrize("ontbreekt", ["ISSUER", "CLIENT_ID", "CLIENT_SECRET"])
def test_half_configuration_is_an_error(settings, ontbreekt):
    problems_ids = ids(settings, {**COMPLEET, ontbreekt: ""})
    assert problems_ids == ["koers.E020"]
    settings.KOERS_OIDC = {**COMPLEET, ontbreekt: ""}
    assert f"KOERS_OIDC_{ontbreekt}" in check_oidc()[0].msg


def test_half_portal_configuration_is_an_error(settings):
    portaal = {**PORTAAL_LEEG, "ISSUER": "https://broker.example/digid"}
    assert ids(settings, portaal=portaal) == ["koers.E020"]
    settings.KOERS_PORTAAL_OIDC = portaal
    assert "KOERS_PORTAAL_OIDC_CLIENT_ID" in check_oidc()[0].msg


def test_bad_values(settings):
    settings.DEMO = False
    assert ids(settings, {**COMPLEET, "ISSUER": "sso.weert.nl"}) == ["koers.E021"]
    assert ids(settings, {**COMPLEET, "ISSUER": "http://sso.weert.nl/realms/weert"}) == [
        "koers.W020"
    ]
    assert ids(settings, {**COMPLEET, "TOKEN_AUTH": "private_key_jwt"}) == ["koers.E022"]
    assert ids(settings, {**COMPLEET, "KOPPELEN": "sub"}) == ["koers.E022"]


def test_every_variable_is_declared_once_and_read_by_the_settings():
    from django.conf import settings as django_settings

    namen = [v.name for v in env.VARIABLES]
    assert len(namen) == len(set(namen))
    for prefix, setting in (
        ("KOERS_OIDC", "KOERS_OIDC"),
        ("KOERS_PORTAAL_OIDC", "KOERS_PORTAAL_OIDC"),
    ):
        gedeclareerd = {n.removeprefix(prefix + "_") for n in namen if n.startswith(prefix + "_")}
        assert gedeclareerd == set(getattr(django_settings, setting))
        assert isinstance(getattr(django_settings, f"{setting}_ENABLED"), bool)
    secrets = {v.name for v in env.VARIABLES if v.secret}
    assert {"KOERS_OIDC_CLIENT_SECRET", "KOERS_PORTAAL_OIDC_CLIENT_SECRET"} <= secrets


def test_client_secret_can_come_from_a_file(tmp_path, monkeypatch):
    bestand = tmp_path / "secret"
    bestand.write_text("uit-een-bestand\n", encoding="utf-8")
    monkeypatch.delenv("KOERS_OIDC_CLIENT_SECRET", raising=False)
    monkeypatch.setenv("KOERS_OIDC_CLIENT_SECRET_FILE", str(bestand))
    assert env.raw("KOERS_OIDC_CLIENT_SECRET") == "uit-een-bestand"


def test_provider_settings(settings):
    settings.KOERS_OIDC = {**COMPLEET, "SCOPES": "profile,email", "MFA_AMR": "mfa, otp"}
    settings.KOERS_OIDC_ENABLED = True
    aanbieder = oidc.aanbieder(oidc.MEDEWERKERS)
    assert aanbieder is not None
    assert aanbieder.scopes == ("openid", "profile", "email")
    assert aanbieder.mfa_amr == ("mfa", "otp")
    assert aanbieder.discovery_url == (
        "https://sso.weert.nl/realms/weert/.well-known/openid-configuration"
    )
    settings.KOERS_OIDC_ENABLED = False
    assert oidc.aanbieder(oidc.MEDEWERKERS) is None


@pytest.mark.parametrize(
    ("claims", "verwacht"),
    [
        ({"amr": ["pwd", "mfa"]}, True),
        ({"amr": "mfa"}, True),
        ({"amr": ["pwd"]}, False),
        ({"acr": "gold"}, True),
        ({"acr": "1"}, False),
        ({}, False),
        ({"amr": [{"mfa": True}]}, False),
    ],
)
def test_mfa_bevestigd(claims, verwacht):
    aanbieder = oidc.Aanbieder(
        naam="medewerkers",
        issuer="https://x",
        discovery_url="https://x/d",
        client_id="c",
        client_secret="s",
        scopes=("openid",),
        token_auth="client_secret_basic",
        claim="preferred_username",
        mfa_acr=("gold",),
        mfa_amr=("mfa", "otp"),
    )
    assert oidc.mfa_bevestigd(aanbieder, claims) is verwacht


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        ("999993653", "999993653"),
        (" 999993653 ", "999993653"),
        ("s00000000:999993653", "999993653"),
        (999993653, "999993653"),
        (12345678, "012345678"),
        ("12345", ""),
        ("９９９９９３６５３", ""),
        (None, ""),
        (True, ""),
    ],
)
def test_bsn_uit(waarde, verwacht):
    assert oidc.bsn_uit({"bsn": waarde}, "bsn") == verwacht
