"""A complete brede intake as plain data, for tests that need a finished intake."""

import datetime as dt

DOMAIN_ONDERWERPEN = (  # shared/DOMAIN.md, "Brede intake", keys used in code and API
    "leerbaarheid",
    "motivatie_interesses",
    "werknemersvaardigheden",
    "opleiding",
    "zelfredzaamheid",
    "praktische_competenties",
    "sociaal_netwerk",
    "digitale_vaardigheden",
    "gezondheid",
    "werkervaring",
    "gezinssituatie",
)
DOMAIN_DIMENSIES = (
    "lichaamsfuncties",
    "mentaal_welbevinden",
    "zingeving",
    "kwaliteit_van_leven",
    "meedoen",
    "dagelijks_functioneren",
)

VELDEN = {
    "opleiding": {"hoogste_niveau": "mbo", "jaren_onderwijs": 12},
    "zelfredzaamheid": {"niveau": "3"},
    "digitale_vaardigheden": {"niveau": "2"},
    "gezondheid": {"belemmeringen": False},
    "werkervaring": {"jaren_werkervaring": 5},
    "gezinssituatie": {"aantal_kinderen": 2, "kinderen_onder_6": 0},
}


def volledige_intake(**overrides) -> dict:
    """Every topic explained, every dimension scored, LBT, place, both confirmations and the
    day of the conversation (a fixed day in the past of every frozen test clock)."""
    data = {
        "datum": dt.date(2026, 1, 15),
        "onderwerpen": {
            s: {"toelichting": f"Toelichting bij {s}.", **VELDEN.get(s, {})}
            for s in DOMAIN_ONDERWERPEN
        },
        "positieve_gezondheid": {
            d: {"score": 6, "toelichting": "Gaat redelijk."} for d in DOMAIN_DIMENSIES
        },
        "lbt_uitslag": "B1-route haalbaar",
        "lbt_score": 31,
        "plaats": "gemeente",
        "gesprek_zonder_partner_aangeboden": True,
        "vve_informatie_gegeven": False,
    }
    data.update(overrides)
    return data
