"""Logging in for the web tests: a session that passed the second factor."""

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def inloggen(client, user):
    """Log ``user`` in with a confirmed TOTP device marked as verified in the session, the
    state django_otp.login() leaves after a correct code."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or \
        TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def als(client):
    """``als(adviseur_weert)`` → the test client, logged in (both factors) as that user."""
    def _als(user):
        return inloggen(client, user)
    return _als


def volledige_intake_post(**extra) -> dict:
    """POST data of an intake form in which everything the rules need is filled in."""
    from koers.intake import rules

    data = {"datum": "2026-09-20", "plaats": "gemeente", "gesprek_zonder_partner_aangeboden": "on",
            "vve_informatie_gegeven": "on", "lbt_uitslag": "B1-route haalbaar", "lbt_score": "31",
            "lbt_datum": "2026-09-10"}
    for onderwerp in rules.ONDERWERPEN:
        data[f"onderwerpen-{onderwerp.sleutel}-toelichting"] = f"Over {onderwerp.titel.lower()}."
        for veld in onderwerp.velden:
            naam = f"onderwerpen-{onderwerp.sleutel}-{veld.naam}"
            if veld.soort == "keuze":
                data[naam] = veld.keuzes[-1][0]
            elif veld.soort == "getal":
                data[naam] = "1"
            elif veld.soort == "janee":
                data[naam] = "nee"
    for dimensie in rules.DIMENSIES:
        data[f"positieve_gezondheid-{dimensie.sleutel}-score"] = "6"
        data[f"positieve_gezondheid-{dimensie.sleutel}-toelichting"] = ""
    data.update(extra)
    return data


def volledige_intake(traject, door):
    """An afgeronde intake, made through the services (for tests that start after it)."""
    from koers.intake import rules, services

    onderwerpen = {}
    for onderwerp in rules.ONDERWERPEN:
        antwoord = {"toelichting": f"Over {onderwerp.titel.lower()}."}
        for veld in onderwerp.velden:
            antwoord[veld.naam] = {"keuze": veld.keuzes[-1][0] if veld.keuzes else "",
                                   "getal": 1, "janee": False}.get(veld.soort, "tekst")
        onderwerpen[onderwerp.sleutel] = antwoord
    onderwerpen["gezondheid"]["toelichting"] = "Slaapt slecht sinds de vlucht."
    services.bewaar(traject, door, {
        "plaats": "gemeente", "gesprek_zonder_partner_aangeboden": True,
        "vve_informatie_gegeven": True, "lbt_uitslag": "B1-route haalbaar", "lbt_score": 31,
        "onderwerpen": onderwerpen,
        "positieve_gezondheid": {d.sleutel: {"score": 7, "toelichting": ""}
                                 for d in rules.DIMENSIES},
    })
    return services.rond_af(traject, door)
