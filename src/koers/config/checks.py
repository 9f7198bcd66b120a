"""Configuration mistakes as Django system checks (ids koers.E0xx / koers.W0xx), so that
``koers check-config`` explains what is wrong and how to fix it."""

import os
import re
import ssl
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=False)
def check_configuratie(app_configs=None, **kwargs):
    problems = [
        Error(message, hint="Zie .env.example voor de toegestane waarden.", id="koers.E000")
        for message in settings.CONFIG_ERRORS
    ]
    if not settings.DEMO:
        if settings.SECRET_KEY_IS_DEFAULT:
            problems.append(
                Error(
                    "KOERS_SECRET_KEY ontbreekt.",
                    hint="Zet een willekeurige geheime waarde van minstens 50 tekens, bijv. "
                    "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`.",
                    id="koers.E001",
                )
            )
        elif len(settings.SECRET_KEY) < 50:
            problems.append(
                Error(
                    "KOERS_SECRET_KEY is te kort.",
                    hint="Gebruik minstens 50 tekens.",
                    id="koers.E002",
                )
            )
        if settings.DEBUG:
            problems.append(
                Error(
                    "KOERS_DEBUG staat aan buiten demomodus.",
                    hint="Debugmodus toont interne gegevens bij fouten. Zet KOERS_DEBUG=false.",
                    id="koers.E003",
                )
            )
        if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
            problems.append(
                Warning(
                    "Koers gebruikt de ingebouwde SQLite-database.",
                    hint="Gebruik in productie PostgreSQL: DATABASE_URL=postgres://...",
                    id="koers.W001",
                )
            )
        if settings.SECURE_HSTS_SECONDS < 0:
            problems.append(
                Error(
                    "KOERS_HSTS_SECONDS is negatief.",
                    hint="Gebruik 31536000 (een jaar), of 0 om HSTS uit te zetten.",
                    id="koers.E004",
                )
            )
        elif settings.SECURE_HSTS_SECONDS == 0:
            problems.append(
                Warning(
                    "HSTS staat uit: browsers mogen Koers ook via http openen.",
                    hint="Zet KOERS_HSTS_SECONDS=31536000 als Koers alleen via "
                    "HTTPS bereikbaar is.",
                    id="koers.W003",
                )
            )
        if not settings.SESSION_COOKIE_SECURE:
            problems.append(
                Warning(
                    "Cookies worden ook zonder HTTPS verstuurd.",
                    hint="Zet KOERS_SECURE_COOKIES=true achter HTTPS.",
                    id="koers.W002",
                )
            )
    return problems


_DUO_BESTANDEN = (
    ("KOERS_DUO_CLIENT_CERT", "DUO_CLIENT_CERT", "het PKIoverheid-clientcertificaat (PEM)"),
    ("KOERS_DUO_CLIENT_KEY", "DUO_CLIENT_KEY", "de private sleutel bij dat certificaat (PEM)"),
    (
        "KOERS_DUO_CA_BUNDLE",
        "DUO_CA_BUNDLE",
        "de CA-bundel van DUO (PKIoverheid private root, PEM)",
    ),
)


def _leesbare_bestanden(bestanden, check_id: str, problems: list) -> list[str]:
    """The names of the configured certificate files (variable, setting, what it is) that
    exist and can be read; an error in ``problems`` for each that cannot."""
    leesbaar = []
    for naam, setting, wat in bestanden:
        pad = getattr(settings, setting)
        if not pad:
            continue
        if not Path(pad).is_file():
            fout, hint = f"het bestand {pad} bestaat niet.", f"Zet {naam} op het pad naar {wat}."
        elif not os.access(pad, os.R_OK):
            fout = f"Koers mag het bestand {pad} niet lezen."
            hint = f"Geef de gebruiker waaronder Koers draait leesrecht op {wat}."
        else:
            leesbaar.append(naam)
            continue
        problems.append(Error(f"{naam}: {fout}", hint=hint, id=check_id))
    return leesbaar


@register(Tags.security, deploy=False)
def check_duo(app_configs=None, **kwargs):
    """The connection to DUO (koers.duo.client): ids koers.E010-E015 and koers.W010."""
    problems = []
    base_url = settings.DUO_BASE_URL
    if not base_url:
        if not settings.DEMO:
            problems.append(
                Error(
                    "KOERS_DUO_BASE_URL ontbreekt: Koers weet niet waar DUO is.",
                    hint="Zet het basisadres van DUO's API's, met versie, bijv. "
                    "KOERS_DUO_BASE_URL=https://duo-host:443/v1 (zie shared/duo-m2m/RULES.md, "
                    "Transport). Alleen in demomodus start `koers demo` zelf een simulator.",
                    id="koers.E010",
                )
            )
    else:
        deel = urlsplit(base_url)
        if deel.scheme not in ("http", "https") or not deel.hostname:
            problems.append(
                Error(
                    "KOERS_DUO_BASE_URL is geen http(s)-adres.",
                    hint="Gebruik de vorm https://duo-host:443/v1.",
                    id="koers.E011",
                )
            )
        elif deel.scheme == "https":
            ontbreekt = [
                naam for naam, setting, _ in _DUO_BESTANDEN if not getattr(settings, setting)
            ]
            for naam, _setting, wat in _DUO_BESTANDEN:
                if naam in ontbreekt:
                    problems.append(
                        Error(
                            f"{naam} ontbreekt: DUO vraagt mutual TLS bij https.",
                            hint=f"Zet {naam} op het pad naar {wat}.",
                            id="koers.E012",
                        )
                    )
        elif not settings.DEMO:
            problems.append(
                Warning(
                    "KOERS_DUO_BASE_URL gebruikt http: het verkeer met DUO is onversleuteld en "
                    "zonder PKIoverheid-certificaat.",
                    hint="DUO is alleen via https met mutual TLS bereikbaar; gebruik http alleen "
                    "voor de simulator.",
                    id="koers.W010",
                )
            )
    leesbaar = _leesbare_bestanden(_DUO_BESTANDEN, "koers.E013", problems)
    if len(leesbaar) == len(_DUO_BESTANDEN):
        try:
            context = ssl.create_default_context(cafile=settings.DUO_CA_BUNDLE)
            context.load_cert_chain(settings.DUO_CLIENT_CERT, settings.DUO_CLIENT_KEY)
        except (OSError, ssl.SSLError) as error:
            problems.append(
                Error(
                    f"De bestanden voor mutual TLS met DUO zijn onbruikbaar ({error}).",
                    hint="KOERS_DUO_CLIENT_CERT en KOERS_DUO_CLIENT_KEY moeten een PEM-certificaat "
                    "en de bijbehorende sleutel zijn, KOERS_DUO_CA_BUNDLE een of meer "
                    "PEM-CA-certificaten.",
                    id="koers.E015",
                )
            )
    if not re.fullmatch(r"[0-9]{20}", settings.DUO_OIN or ""):
        problems.append(
            Error(
                "KOERS_DUO_OIN is geen OIN van 20 cijfers.",
                hint="Zet het OIN van DUO (20 cijfers, voor de header `doel`), zoals DUO het "
                "heeft opgegeven.",
                id="koers.E014",
            )
        )
    return problems


_BRP_BESTANDEN = (
    ("KOERS_BRP_CLIENT_CERT", "BRP_CLIENT_CERT", "het PKIoverheid-clientcertificaat (PEM)"),
    ("KOERS_BRP_CLIENT_KEY", "BRP_CLIENT_KEY", "de private sleutel bij dat certificaat (PEM)"),
    ("KOERS_BRP_CA_BUNDLE", "BRP_CA_BUNDLE", "de CA-bundel van de BRP-leverancier (PEM)"),
)


@register(Tags.security, deploy=False)
def check_brp(app_configs=None, **kwargs):
    """The connection to the BRP API Personen (koers.brp.client): ids koers.E030-E036 and
    koers.W030-W031."""
    problems = []
    base_url = settings.BRP_BASE_URL
    if not base_url:
        if not settings.DEMO:
            problems.append(
                Warning(
                    "KOERS_BRP_BASE_URL ontbreekt: Koers haalt geen naam en adres uit de BRP. "
                    "Zaken die DUO aankondigt blijven 'Naam nog onbekend' tot iemand ze invult.",
                    hint="Zet het adres van de BRP API Personen bij uw BRP-leverancier, bijv. "
                    "KOERS_BRP_BASE_URL=https://brp-host/haalcentraal/api/brp.",
                    id="koers.W030",
                )
            )
        return problems
    deel = urlsplit(base_url)
    if deel.scheme not in ("http", "https") or not deel.hostname:
        problems.append(
            Error(
                "KOERS_BRP_BASE_URL is geen http(s)-adres.",
                hint="Gebruik de vorm https://brp-host/haalcentraal/api/brp.",
                id="koers.E030",
            )
        )
    elif deel.scheme == "http" and not settings.DEMO:
        problems.append(
            Warning(
                "KOERS_BRP_BASE_URL gebruikt http: persoonsgegevens uit de BRP gaan onversleuteld "
                "over het netwerk.",
                hint="Gebruik https; http alleen voor de BRP-simulator.",
                id="koers.W031",
            )
        )
    elif deel.scheme == "https" and not settings.BRP_API_KEY and not settings.BRP_CLIENT_CERT:
        problems.append(
            Error(
                "De BRP API vraagt een API-sleutel of een clientcertificaat, en Koers heeft geen "
                "van beide.",
                hint="Zet KOERS_BRP_API_KEY, of KOERS_BRP_CLIENT_CERT en KOERS_BRP_CLIENT_KEY, "
                "zoals uw BRP-leverancier het vraagt.",
                id="koers.E031",
            )
        )
    if bool(settings.BRP_CLIENT_CERT) != bool(settings.BRP_CLIENT_KEY):
        problems.append(
            Error(
                "KOERS_BRP_CLIENT_CERT en KOERS_BRP_CLIENT_KEY horen bij elkaar: er is er maar een "
                "ingesteld.",
                hint="Zet beide, of geen van beide.",
                id="koers.E032",
            )
        )
    leesbaar = _leesbare_bestanden(_BRP_BESTANDEN, "koers.E033", problems)
    if settings.BRP_CLIENT_CERT and "KOERS_BRP_CLIENT_CERT" in leesbaar:
        try:
            context = ssl.create_default_context(cafile=settings.BRP_CA_BUNDLE or None)
            context.load_cert_chain(settings.BRP_CLIENT_CERT, settings.BRP_CLIENT_KEY or None)
        except (OSError, ssl.SSLError) as error:
            problems.append(
                Error(
                    f"De bestanden voor mutual TLS met de BRP zijn onbruikbaar ({error}).",
                    hint="KOERS_BRP_CLIENT_CERT en KOERS_BRP_CLIENT_KEY moeten een "
                    "PEM-certificaat en de bijbehorende sleutel zijn, KOERS_BRP_CA_BUNDLE een of "
                    "meer PEM-CA-certificaten.",
                    id="koers.E034",
                )
            )
    if settings.BRP_TIMEOUT <= 0:
        problems.append(
            Error(
                "KOERS_BRP_TIMEOUT moet groter zijn dan 0.",
                hint="Gebruik bijv. 10 (seconden).",
                id="koers.E035",
            )
        )
    if not re.fullmatch(r"[A-Za-z0-9-]{1,100}", settings.BRP_API_KEY_HEADER or ""):
        problems.append(
            Error(
                "KOERS_BRP_API_KEY_HEADER is geen geldige naam van een HTTP-header.",
                hint="Gebruik letters, cijfers en streepjes, bijv. X-API-KEY.",
                id="koers.E036",
            )
        )
    return problems


_OIDC_AANBIEDERS = (
    ("KOERS_OIDC", "KOERS_OIDC", "het inloggen van medewerkers met het organisatie-account"),
    ("KOERS_PORTAAL_OIDC", "KOERS_PORTAAL_OIDC", "het inloggen met DigiD in Mijn Inburgering"),
)
_OIDC_NODIG = ("ISSUER", "CLIENT_ID", "CLIENT_SECRET")


@register(Tags.security, deploy=False)
def check_oidc(app_configs=None, **kwargs):
    """OpenID Connect (koers.beveiliging.oidc): ids koers.E020-E022 and koers.W020."""
    problems = []
    for prefix, setting, wat in _OIDC_AANBIEDERS:
        waarden = getattr(settings, setting)
        # The other variables have defaults; these four say someone meant to switch it on.
        if not any(waarden[sleutel] for sleutel in (*_OIDC_NODIG, "DISCOVERY_URL")):
            continue
        ontbreekt = [f"{prefix}_{sleutel}" for sleutel in _OIDC_NODIG if not waarden[sleutel]]
        if ontbreekt:
            problems.append(
                Error(
                    f"Half ingesteld: {', '.join(ontbreekt)} ontbreekt voor {wat}.",
                    hint=f"Zet {prefix}_ISSUER, {prefix}_CLIENT_ID en {prefix}_CLIENT_SECRET "
                    f"samen, of laat alle {prefix}_*-variabelen leeg om het uit te zetten. "
                    "Zie docs/beheer/inloggen-sso-digid.md.",
                    id="koers.E020",
                )
            )
        for sleutel in ("ISSUER", "DISCOVERY_URL"):
            adres = waarden[sleutel]
            if not adres:
                continue
            deel = urlsplit(adres)
            if deel.scheme not in ("http", "https") or not deel.hostname:
                problems.append(
                    Error(
                        f"{prefix}_{sleutel} is geen http(s)-adres.",
                        hint="Gebruik het adres zoals de inlogdienst het opgeeft, bijv. "
                        "https://sso.gemeente.nl/realms/gemeente.",
                        id="koers.E021",
                    )
                )
            elif deel.scheme == "http" and not settings.DEMO:
                problems.append(
                    Warning(
                        f"{prefix}_{sleutel} gebruikt http: het verkeer met de inlogdienst is "
                        "onversleuteld.",
                        hint="Gebruik https.",
                        id="koers.W020",
                    )
                )
        keuzes = [("TOKEN_AUTH", ("client_secret_basic", "client_secret_post"))]
        if "KOPPELEN" in waarden:
            keuzes.append(("KOPPELEN", ("gebruikersnaam", "email")))
        for sleutel, toegestaan in keuzes:
            waarde = waarden.get(sleutel, "")
            if waarde and waarde.lower() not in toegestaan:
                problems.append(
                    Error(
                        f"{prefix}_{sleutel}: '{waarde}' is geen geldige waarde.",
                        hint=f"Gebruik {' of '.join(toegestaan)}.",
                        id="koers.E022",
                    )
                )
    return problems
