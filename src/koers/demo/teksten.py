"""The Dutch texts of the demo persons: intake answers and PIP content, written the way an
adviseur would write them. Plain functions of a :class:`~koers.demo.personen.
Persoon`; no database access."""

from __future__ import annotations

import random
from datetime import date

from koers.inburgeraars import rules as traject_rules
from koers.pip import rules as pip_rules

# Country → (spoken languages, interpreter language).
LANDEN: dict[str, tuple[list[str], str]] = {
    "Syrië": (["Arabisch"], "Arabisch"),
    "Eritrea": (["Tigrinya"], "Tigrinya"),
    "Turkije": (["Turks"], "Turks"),
    "Oekraïne": (["Oekraïens", "Russisch"], "Oekraïens"),
    "Afghanistan": (["Dari", "Pasjtoe"], "Dari"),
    "Marokko": (["Arabisch", "Tamazight"], "Tamazight"),
    "Jemen": (["Arabisch"], "Arabisch"),
    "Somalië": (["Somalisch"], "Somalisch"),
    "Iran": (["Farsi"], "Farsi"),
    "Irak": (["Arabisch", "Koerdisch"], "Koerdisch"),
}
DOELGROEPEN = {
    "A": traject_rules.Doelgroep.ASIELSTATUSHOUDER,
    "GB": traject_rules.Doelgroep.GEESTELIJK_BEDIENAAR,
    "GH": traject_rules.Doelgroep.GEZINSHERENIGER,
    "GHA": traject_rules.Doelgroep.GEZINSHERENIGER_MET_ASIELSTATUSHOUDER,
    "GV": traject_rules.Doelgroep.GEZINSVORMER,
    "GVA": traject_rules.Doelgroep.GEZINSVORMER_MET_ASIELSTATUSHOUDER,
    "O": traject_rules.Doelgroep.OVERIG,
}
NIET_LATIJNS_SCHRIFT = {"Syrië", "Eritrea", "Oekraïne", "Afghanistan", "Jemen", "Iran", "Irak"}

# Fictional street and postcode per gemeente.
ADRESSEN: dict[str, tuple[str, str]] = {
    "0988": ("Beekstraat", "6001 GJ Weert"),
    "0946": ("Kerkstraat", "6031 CG Nederweert"),
    "1706": ("Markt", "6021 CD Budel"),
}

AFRONDING = {
    "vertrokken": "Volgens de BRP vertrokken naar het buitenland.",
    "verhuisd": "Verhuisd naar een andere gemeente. Het dossier is overgedragen.",
    "vrijgesteld": "DUO heeft vrijstelling gegeven: Nederlands diploma op niveau B1.",
    "voldaan": "Alle examens gehaald, PVT en MAP afgerond. DUO heeft de plicht beëindigd.",
    "ontheven": "DUO heeft ontheffing gegeven op medische gronden (advies arts).",
}

_JAREN = {"geen": 0, "basis": 6, "voortgezet": 11, "mbo": 14, "hbo": 16, "wo": 18}
_OPLEIDING = {
    "geen": "Is niet naar school geweest. Kan nog niet lezen en schrijven.",
    "basis": "Heeft een paar jaar basisschool gevolgd in het land van herkomst.",
    "voortgezet": "Heeft de middelbare school afgemaakt.",
    "mbo": "Heeft een beroepsopleiding gevolgd. Het diploma is meegenomen.",
    "hbo": "Heeft een hbo-opleiding afgerond. Waardering van het diploma via IDW aangevraagd.",
    "wo": "Heeft aan de universiteit gestudeerd. Het diploma is gewaardeerd door IDW.",
}


def _voornaam(p) -> str:
    return p.voornamen.split()[0]


def intake(p, route: str, datum: date, rng: random.Random, *, volledig: bool) -> dict:
    """The answers of the brede intake. ``volledig=False`` gives a draft halfway."""
    naam = _voornaam(p)
    asiel = traject_rules.is_asielmigrant(traject_rules.doelgroepindeling(DOELGROEPEN[p.doelgroep]))
    haalbaar = route in ("B", "O")
    score = rng.randint(29, 38) if haalbaar else rng.randint(12, 26)
    werk = p.beroep
    onderwerpen = {
        "leerbaarheid": {
            "toelichting": (
                f"{naam} leert het best door te doen en te herhalen. Leerbaarheidstoets gemaakt, "
                f"score {score} van 40."
                + (
                    ""
                    if haalbaar
                    else " Leest en schrijft nog moeizaam; "
                    "kleine groep met veel herhaling past goed."
                )
            )
        },
        "motivatie_interesses": {
            "toelichting": (
                f"Wil graag weer aan het werk als {werk}."
                if werk
                else f"{naam} wil eerst goed Nederlands leren en daarna een opleiding kiezen."
            )
            + " Vindt contact met de buren belangrijk."
        },
        "werknemersvaardigheden": {
            "toelichting": (
                "Komt op tijd en houdt zich aan afspraken. Werkt graag samen."
                if werk
                else "Heeft nog niet in Nederland gewerkt. Komt op tijd naar afspraken."
            )
        },
        "opleiding": {
            "toelichting": _OPLEIDING[p.opleiding],
            "hoogste_niveau": p.opleiding,
            "jaren_onderwijs": _JAREN[p.opleiding],
            "diploma_in_bezit": p.opleiding in ("mbo", "hbo", "wo"),
        },
        "zelfredzaamheid": {
            "toelichting": (
                "Regelt post en afspraken grotendeels zelf."
                if haalbaar
                else "Heeft hulp nodig bij post, geldzaken en afspraken met instanties."
            ),
            "niveau": "3" if haalbaar else "2",
        },
    }
    data = {
        "datum": datum,
        "plaats": "azc" if asiel and rng.random() < 0.4 else "gemeente",
        "tolk_gebruikt": p.tolk,
        "tolk_taal": LANDEN[p.land][1] if p.tolk else "",
        "onderwerpen": onderwerpen,
    }
    if not volledig:
        return data
    onderwerpen.update(
        {
            "praktische_competenties": {
                "toelichting": (
                    f"Handig met de handen; ervaring als {werk}."
                    if werk
                    else "Kookt graag en zorgt voor het huishouden. Kan fietsen."
                )
            },
            "sociaal_netwerk": {
                "toelichting": (
                    "Heeft een paar landgenoten in de buurt. Nog weinig contact met Nederlanders."
                    if asiel
                    else "Woont met de partner, die al langer in Nederland woont. Kent de "
                    "familie van de partner."
                )
            },
            "digitale_vaardigheden": {
                "toelichting": (
                    "Gebruikt de smartphone voor WhatsApp en video. E-mail en DigiD nog met hulp."
                ),
                "niveau": "2" if p.opleiding in ("voortgezet", "mbo", "hbo", "wo") else "1",
            },
            "gezondheid": {
                "toelichting": (
                    "Slaapt slecht sinds de vlucht en heeft soms hoofdpijn. De huisarts is op de "
                    "hoogte."
                    if asiel and rng.random() < 0.5
                    else "Voelt zich gezond. Geen klachten die het leren of werken belemmeren."
                ),
                "belemmeringen": False,
            },
            "werkervaring": {
                "toelichting": (
                    f"Werkte ongeveer {3 + p.geboren % 9} jaar als {werk}."
                    if werk
                    else "Nog geen betaald werk. Hielp in het gezin en de buurt."
                ),
                "jaren_werkervaring": 3 + p.geboren % 9 if werk else 0,
                "vrijwilligerswerk": rng.random() < 0.3,
            },
            "gezinssituatie": {
                "toelichting": (f"{p.kinderen} kinderen." if p.kinderen else "Geen kinderen.")
                + (" Het jongste kind gaat naar de peuteropvang." if p.jong else ""),
                "aantal_kinderen": p.kinderen,
                "kinderen_onder_6": p.jong,
            },
        }
    )
    data.update(
        {
            "positieve_gezondheid": {
                "lichaamsfuncties": {"score": rng.randint(5, 8), "toelichting": "Redelijk fit."},
                "mentaal_welbevinden": {
                    "score": rng.randint(4, 8),
                    "toelichting": "Maakt zich zorgen om familie.",
                },
                "zingeving": {"score": rng.randint(6, 9), "toelichting": "Wil iets opbouwen."},
                "kwaliteit_van_leven": {
                    "score": rng.randint(5, 8),
                    "toelichting": "Blij met de woning.",
                },
                "meedoen": {
                    "score": rng.randint(3, 7),
                    "toelichting": "Wil meer mensen leren kennen.",
                },
                "dagelijks_functioneren": {
                    "score": rng.randint(5, 8),
                    "toelichting": "Regelt het dagelijks leven goed.",
                },
            },
            "vve_informatie_gegeven": p.jong > 0,
            "gesprek_zonder_partner_aangeboden": True,
            "lbt_uitslag": "B1-route haalbaar" if haalbaar else "B1-route niet haalbaar",
            "lbt_score": score,
            "lbt_datum": datum,
        }
    )
    return data


def pip(p, route: str, dagtekening: date, versie: int) -> dict:
    """The content of PIP version ``versie`` (2 = a change after the first months)."""
    naam = _voornaam(p)
    asiel = traject_rules.is_asielmigrant(traject_rules.doelgroepindeling(DOELGROEPEN[p.doelgroep]))
    if route == "Z":
        alfa = "A" if p.opleiding == "geen" else ("AA" if p.land in NIET_LATIJNS_SCHRIFT else "NVT")
    else:
        alfa = "NVT"
    toelichting = {
        "B": f"{naam} kan volgens de leerbaarheidstoets niveau B1 halen. Taalles bij "
        "Taalcentrum Maas en Kempen, vier dagdelen per week.",
        "O": f"{naam} is jong en wil doorstuderen. Taalschakeltraject als voorbereiding op "
        "een opleiding in het mbo of hbo.",
        "Z": f"{naam} leert Nederlands op niveau A2 in een kleine groep, met veel oefenen in "
        "de praktijk.",
    }[route]
    data = {
        "dagtekening": dagtekening,
        "leerroute": route,
        "niveau": {"B": "B1", "O": "", "Z": "A2"}[route],
        "geschatte_intensiteit_b1_route": 1200 if route == "B" and asiel else None,
        "alfabetisering": alfa,
        "toelichting_leerroute": toelichting,
        "doelen": {
            "meedoen": "Elke week een activiteit in de wijk of bij een vereniging.",
            "dagelijks_functioneren": "Zelf de post lezen en afspraken maken.",
            "zingeving": f"Een eerste stap zetten naar werk als {p.beroep}."
            if p.beroep
            else "Ontdekken welk werk of welke opleiding past.",
        },
        "begeleiding_ondersteuning": (
            "Maatschappelijke begeleiding door VluchtelingenWerk Zuid-Nederland in het eerste "
            "jaar. Taalmaatje via de Bibliotheek Midden-Limburg."
            if asiel
            else "Begeleiding door de adviseur. Taalmaatje via de Bibliotheek Midden-Limburg."
        ),
        "pvt_invulling": "PVT in een groep met excursie naar het gemeentehuis en gesprek over "
        "vrijheid en gelijkwaardigheid. Afsluiten met de participatieverklaring.",
        "pvt_uren": 16,
        "map_invulling": ""
        if route == "O"
        else "MAP bij Werk.Kom: kennismaken met werk in de regio, sollicitatietraining en "
        "eindgesprek.",
        "map_uren": None if route == "O" else 64,
        # The demo gemeenten keep the default: ontzorgen for the law's group (art. 56a).
        "ontzorgen": pip_rules.valt_onder_art_56a(DOELGROEPEN[p.doelgroep]),
        "ontzorgen_toelichting": "Huur, energie en zorgverzekering worden zes maanden "
        "betaald uit de bijstand. Training geldzaken bij AMW "
        "Midden-Limburg."
        if pip_rules.valt_onder_art_56a(DOELGROEPEN[p.doelgroep])
        else "",
        "voortgangsgesprekken": "Elke drie maanden in het eerste jaar, daarna twee keer per jaar.",
        "partners": "Taalcentrum Maas en Kempen, Werk.Kom, VluchtelingenWerk Zuid-Nederland",
    }
    if versie > 1:
        data["toelichting_leerroute"] += (
            " Wijziging: de lessen gaan nu samen met een werkervaringsplek (duaal traject)."
        )
        if route != "O":
            data["map_uren"] = 80
            data["map_invulling"] += " Aangevuld met een werkervaringsplek van 16 uur per week."
        data["doelen"]["meedoen"] = "Werkervaringsplek twee dagen per week, met jobcoach."
    return data
