"""Form data of the web tests. Logging in (``inloggen`` and the ``als(user)`` fixture, a
session that passed the second factor) lives in tests/conftest.py; both are imported here too
for the test modules that import them from here."""

from tests.conftest import als, inloggen  # noqa: F401
from tests.uitvoering import met_afgeronde_intake


def volledige_intake_post(**extra) -> dict:
    """POST data of an intake form in which everything the rules need is filled in."""
    from koers.intake import rules

    data = {
        "datum": "2026-09-20",
        "plaats": "gemeente",
        "gesprek_zonder_partner_aangeboden": "on",
        "vve_informatie_gegeven": "on",
        "lbt_uitslag": "B1-route haalbaar",
        "lbt_score": "31",
        "lbt_datum": "2026-09-10",
    }
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
    """An afgeronde intake through the services (for tests that start after it), with the
    last choice of every field and a health note the screens must guard."""
    from koers.intake import rules

    onderwerpen = {}
    for onderwerp in rules.ONDERWERPEN:
        antwoord = {"toelichting": f"Over {onderwerp.titel.lower()}."}
        for veld in onderwerp.velden:
            antwoord[veld.naam] = {
                "keuze": veld.keuzes[-1][0] if veld.keuzes else "",
                "getal": 1,
                "janee": False,
            }.get(veld.soort, "tekst")
        onderwerpen[onderwerp.sleutel] = antwoord
    onderwerpen["gezondheid"]["toelichting"] = "Slaapt slecht sinds de vlucht."
    return met_afgeronde_intake(
        traject,
        door,
        onderwerpen=onderwerpen,
        vve_informatie_gegeven=True,
        positieve_gezondheid={d.sleutel: {"score": 7, "toelichting": ""} for d in rules.DIMENSIES},
    )
