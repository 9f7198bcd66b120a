"""Every ``KOERS_*`` variable, declared once.

Settings read their values through :func:`value`; ``.env.example`` and the operator guide are
generated from :data:`VARIABLES` (``koers env-example``), so documentation cannot drift from
what the code reads. A value may also come from a file named by ``<NAME>_FILE`` (for secrets
mounted by an orchestrator).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values


class ConfigError(ValueError):
    """A variable is present but cannot be understood."""


@dataclass(frozen=True)
class Variable:
    name: str
    help: str
    default: str = ""
    kind: str = "str"  # str | bool | int | url
    secret: bool = False


VARIABLES: tuple[Variable, ...] = (
    Variable(
        "DATABASE_URL",
        "Database. Leeg: ingebouwde SQLite in var/koers.sqlite3. "
        "PostgreSQL: postgres://user:wachtwoord@host:5432/naam",
        kind="url",
    ),
    Variable(
        "KOERS_SECRET_KEY",
        "Geheime sleutel voor sessies en tokens. Verplicht buiten demomodus; minstens 50 tekens.",
        secret=True,
    ),
    Variable(
        "KOERS_DEMO",
        "Demomodus: demo-accounts mogen zonder tweede factor inloggen. Nooit in productie.",
        default="false",
        kind="bool",
    ),
    Variable(
        "KOERS_DEBUG", "Django-debugmodus (alleen ontwikkeling).", default="false", kind="bool"
    ),
    Variable(
        "KOERS_ALLOWED_HOSTS",
        "Hostnamen van deze installatie, komma-gescheiden.",
        default="127.0.0.1,localhost",
    ),
    Variable(
        "KOERS_BASIS_URL",
        "Het adres waarop Koers zelf bereikbaar is, zonder pad, bijv. https://koers.gemeente.nl. "
        "Koers maakt er links mee die buiten Koers werken: de export naar het logboek wijst zo "
        "naar de verwerkingsactiviteit in de API. Leeg: het logboek krijgt alleen de code "
        "(urn:koers:verwerkingsactiviteit:…).",
        kind="url",
    ),
    Variable("KOERS_PORT", "Poort van de webserver bij `koers run`.", default="8000", kind="int"),
    Variable("KOERS_WEB_WORKERS", "Aantal webprocessen bij `koers run`.", default="2", kind="int"),
    Variable(
        "KOERS_WEB_THREADS",
        "Aantal threads per webproces bij `koers run`.",
        default="4",
        kind="int",
    ),
    Variable(
        "KOERS_BEHIND_TLS_PROXY",
        "Koers draait achter een reverse proxy die HTTPS "
        "afhandelt en X-Forwarded-Proto en X-Forwarded-For meestuurt (het laatste adres "
        "daarin telt voor de inlogblokkade).",
        default="false",
        kind="bool",
    ),
    Variable(
        "KOERS_DATA_DIR", "Map voor de SQLite-database en andere lokale bestanden.", default="var"
    ),
    Variable(
        "KOERS_DB_PREPARED_STATEMENTS",
        "PostgreSQL: Koers stuurt waarden apart van de query en laat PostgreSQL een query die "
        "een verbinding vaker stelt één keer voorbereiden (prepared statements). Zet op false "
        "achter een pooler in transaction mode die dat niet kan (PgBouncer ouder dan 1.21).",
        default="true",
        kind="bool",
    ),
    Variable(
        "KOERS_SESSION_IDLE_MINUTES",
        "Sessie verloopt na zoveel minuten zonder activiteit.",
        default="30",
        kind="int",
    ),
    Variable(
        "KOERS_STURING_VERVERSEN_MINUTEN",
        "De cijfers van de dashboards (sturing) "
        "worden opnieuw berekend als ze ouder zijn dan zoveel minuten (door de worker).",
        default="15",
        kind="int",
    ),
    Variable(
        "KOERS_SECURE_COOKIES",
        "Cookies alleen via HTTPS. Standaard aan buiten demomodus.",
        default="",
        kind="bool",
    ),
    Variable(
        "KOERS_HSTS_SECONDS",
        "HSTS: zoveel seconden onthoudt de browser dat Koers "
        "alleen via HTTPS werkt. Nooit in demomodus. 0 zet het uit.",
        default="31536000",
        kind="int",
    ),
    Variable("KOERS_LOG_LEVEL", "Logniveau (DEBUG, INFO, WARNING, ERROR).", default="INFO"),
    # Prometheus metrics (koers.config.metrieken; docs/beheer/operator.md, "Metrieken").
    Variable(
        "KOERS_METRICS_TOKEN",
        "Token voor /metrics (Prometheus): de scraper stuurt `Authorization: Bearer <token>`. "
        "Leeg: /metrics bestaat niet (404).",
        secret=True,
    ),
    Variable(
        "KOERS_LOG_FORMAT",
        "Opmaak van het logboek: `json` (een JSON-object per regel, voor een logverzamelaar) "
        "of `tekst` (leesbare regels). Leeg: `tekst` in demomodus, anders `json`.",
    ),
    # Error reports (koers.config.sentry; docs/beheer/operator.md, "Foutmeldingen naar Sentry").
    Variable(
        "KOERS_SENTRY_DSN",
        "Adres (DSN) van een Sentry-project voor foutmeldingen. Koers maskeert BSN's en laat "
        "formulieren, zoekvragen, cookies en variabelen weg voordat het iets verstuurt. "
        "Leeg: uit.",
        kind="url",
        secret=True,
    ),
    Variable(
        "KOERS_SENTRY_OMGEVING",
        "Naam van deze installatie in Sentry, bijv. productie of acceptatie. Leeg: demo in "
        "demomodus, anders productie.",
    ),
    Variable(
        "KOERS_SENTRY_SAMPLE_RATE",
        "Deel van de fouten dat naar Sentry gaat, van 0 tot 1 (1.0: alle).",
        default="1.0",
    ),
    # API limits (koers.bouwstenen.api_limieten): counted per web process in its own cache.
    Variable(
        "KOERS_API_RATE_GEBRUIKER",
        "Zoveel API-verzoeken per gebruiker (token); per `s`, `min`, `h` of `day`.",
        default="1200/min",
    ),
    Variable(
        "KOERS_API_RATE_IP",
        "Zoveel API-verzoeken zonder geldig token per IP-adres.",
        default="300/min",
    ),
    # Mail to users (e.g. the notice that a second factor was linked to their account).
    Variable(
        "KOERS_EMAIL_HOST", "Mailserver (SMTP) voor mail aan gebruikers.", default="localhost"
    ),
    Variable("KOERS_EMAIL_PORT", "Poort van de mailserver.", default="25", kind="int"),
    Variable("KOERS_EMAIL_HOST_USER", "Gebruikersnaam bij de mailserver (leeg: geen)."),
    Variable("KOERS_EMAIL_HOST_PASSWORD", "Wachtwoord bij de mailserver.", secret=True),
    Variable(
        "KOERS_EMAIL_USE_TLS",
        "Verbinding met de mailserver via STARTTLS.",
        default="false",
        kind="bool",
    ),
    Variable(
        "KOERS_EMAIL_FROM", "Afzender van mail van Koers.", default="Koers <noreply@localhost>"
    ),
    Variable(
        "KOERS_DUO_BASE_URL",
        "Basisadres van de DUO-API's, met versie, bijv. "
        "https://duo-host:443/v1. Leeg bij `make run`: de DUO-simulator op "
        "http://127.0.0.1:8601/v1 wordt gestart.",
        kind="url",
    ),
    Variable(
        "KOERS_DUO_OIN",
        "OIN van DUO (20 cijfers), voor de header `doel`.",
        default="00000001234567890000",
    ),
    Variable(
        "KOERS_DUO_CLIENT_CERT",
        "PKIoverheid-clientcertificaat (PEM-bestand) voor mutual TLS met DUO. Verplicht bij https.",
    ),
    Variable(
        "KOERS_DUO_CLIENT_KEY",
        "Private sleutel (PEM-bestand) bij het clientcertificaat.",
        secret=True,
    ),
    Variable(
        "KOERS_DUO_CA_BUNDLE",
        "CA-bundel (PEM) waarmee Koers het certificaat van DUO "
        "controleert (PKIoverheid private root).",
    ),
    Variable(
        "KOERS_DUO_TIMEOUT", "Seconden wachten op een antwoord van DUO.", default="10", kind="int"
    ),
    Variable(
        "KOERS_DUO_MAX_POGINGEN",
        "Na zoveel mislukte pogingen krijgt een notificatie van "
        "DUO de status fout (zichtbaar in het beheer) en wachten latere notificaties van "
        "dezelfde persoon er niet meer op. Koers blijft het daarna zelf proberen.",
        default="8",
        kind="int",
    ),
    Variable(
        "KOERS_DUO_BACKOFF_MAX",
        "Langste wachttijd tussen twee pogingen, in seconden (de wachttijd verdubbelt per poging).",
        default="3600",
        kind="int",
    ),
    Variable(
        "KOERS_DUO_LEASE_SECONDEN",
        "Zolang houdt een worker een bericht of notificatie "
        "vast. Stopt een worker onverwacht, dan pakt een andere het daarna op. Moet ruim "
        "langer zijn dan KOERS_DUO_TIMEOUT.",
        default="300",
        kind="int",
    ),
    Variable(
        "KOERS_DUO_HERSTEL_PER_MINUUT",
        "Zoveel open zaken per minuut vraagt de "
        "herstel-taak opnieuw op bij DUO (plicht en termijn).",
        default="60",
        kind="int",
    ),
    Variable(
        "KOERS_DUO_OPGEVEN_NA_UUR",
        "Zoveel uur blijft de worker het opnieuw proberen "
        "als DUO niet bereikbaar is of een 5xx geeft. Daarna krijgt een bericht de status "
        "mislukt en een notificatie de status fout, tot beheer op Opnieuw klikt.",
        default="72",
        kind="int",
    ),
    # Readiness check /gezondheid/klaar (koers.config.gezondheid; docs/beheer/operator.md).
    Variable(
        "KOERS_GEZONDHEID_WORKER_MAX_SECONDEN",
        "Zoveel seconden mag de laatste hartslag van de worker oud zijn; "
        "is hij ouder, dan meldt /gezondheid/klaar een fout. 0: deze controle staat uit.",
        default="300",
        kind="int",
    ),
    Variable(
        "KOERS_GEZONDHEID_DUO_MAX_MINUTEN",
        "Zoveel minuten mag het oudste bericht dat nog naar DUO moet, oud zijn; "
        "is het ouder, dan meldt /gezondheid/klaar een fout. 0: deze controle staat uit.",
        default="60",
        kind="int",
    ),
    Variable(
        "KOERS_GEZONDHEID_VERWERKINGEN_MAX_MINUTEN",
        "Zoveel minuten mag de oudste verwerking in de verwerkingenlogging op haar zegel "
        "wachten (de worker verzegelt binnen seconden); wacht ze langer, dan meldt "
        "/gezondheid/klaar een fout. 0: deze controle staat uit.",
        default="10",
        kind="int",
    ),
    Variable(
        "KOERS_GEZONDHEID_LDV_EXPORT_MAX_MINUTEN",
        "Staat de export naar een Logboek Dataverwerkingen aan (KOERS_LDV_OTLP_ENDPOINT), dan "
        "mag de oudste verzegelde verwerking zoveel minuten wachten tot het logboek haar "
        "bevestigt; wacht ze langer (het logboek is onbereikbaar of weigert), dan meldt "
        "/gezondheid/klaar een fout. 0: deze controle staat uit.",
        default="30",
        kind="int",
    ),
    Variable(
        "KOERS_DUO_REGISTRATIE_MAX_VOORUIT_MINUTEN",
        "Zoveel minuten mag de "
        "registratieDatumTijd van een notificatie van DUO in de toekomst liggen "
        "(verschil tussen de klokken). Een notificatie die verder vooruit ligt, weigert "
        "Koers met 400.",
        default="5",
        kind="int",
    ),
    # The BRP chain (koers.brp; docs/beheer/operator.md, "BRP").
    Variable(
        "KOERS_BRP_BASE_URL",
        "Basisadres van de BRP API Personen (Haal Centraal) bij de BRP-leverancier van de "
        "gemeente, bijv. https://brp-host/haalcentraal/api/brp. Leeg bij `make run`: de "
        "BRP-simulator op http://127.0.0.1:8602/haalcentraal/api/brp wordt gestart. Leeg "
        "buiten de demo: Koers haalt geen personalia uit de BRP.",
        kind="url",
    ),
    Variable(
        "KOERS_BRP_API_KEY",
        "API-sleutel voor de BRP API, als de leverancier daarom vraagt. Leeg: geen sleutel.",
        secret=True,
    ),
    Variable(
        "KOERS_BRP_API_KEY_HEADER",
        "Naam van de header waarin Koers de API-sleutel meestuurt.",
        default="X-API-KEY",
    ),
    Variable(
        "KOERS_BRP_CLIENT_CERT",
        "PKIoverheid-clientcertificaat (PEM-bestand) voor mutual TLS met de BRP API. Leeg: "
        "geen clientcertificaat (dan is een API-sleutel nodig).",
    ),
    Variable(
        "KOERS_BRP_CLIENT_KEY",
        "Private sleutel (PEM-bestand) bij het clientcertificaat voor de BRP API.",
        secret=True,
    ),
    Variable(
        "KOERS_BRP_CA_BUNDLE",
        "CA-bundel (PEM) waarmee Koers het certificaat van de BRP API controleert. Leeg: "
        "de vertrouwde certificaten van het systeem.",
    ),
    Variable(
        "KOERS_BRP_TIMEOUT",
        "Seconden wachten op een antwoord van de BRP API.",
        default="10",
        kind="int",
    ),
    Variable(
        "KOERS_BRP_MAX_POGINGEN",
        "Na zoveel mislukte pogingen om personalia op te halen stopt de worker ermee; de "
        "zaak toont dan de fout en de knop Ververs uit BRP.",
        default="8",
        kind="int",
    ),
    Variable(
        "KOERS_BRP_VERVERS_PER_MINUUT",
        "Zoveel open zaken per minuut vraagt de worker opnieuw op bij de BRP. 0: niet verversen.",
        default="30",
        kind="int",
    ),
    Variable(
        "KOERS_BRP_VERVERS_NA_DAGEN",
        "Personalia die langer dan zoveel dagen geleden uit de BRP kwamen, vraagt de worker "
        "opnieuw op.",
        default="30",
        kind="int",
    ),
    # Export of the verwerkingenlogging to a Logboek Dataverwerkingen (koers.verwerkingen.otlp;
    # docs/beheer/operator.md, "Een logboek aansluiten").
    Variable(
        "KOERS_LDV_OTLP_ENDPOINT",
        "Adres van de OpenTelemetry-collector (OTLP over HTTP) van een Logboek "
        "Dataverwerkingen, bijv. https://logboek.gemeente.nl:4318/v1/traces. De worker stuurt "
        "daar elke verzegelde verwerking heen; de eigen verwerkingenlogging blijft de bron. "
        "Leeg: uit.",
        kind="url",
    ),
    Variable(
        "KOERS_LDV_OTLP_HEADERS",
        "Extra headers voor de collector, komma-gescheiden naam=waarde, bijv. "
        "Authorization=Bearer%20abc (waarden URL-gecodeerd). Leeg: geen.",
        secret=True,
    ),
    Variable(
        "KOERS_LDV_OTLP_CA_BUNDLE",
        "CA-bundel (PEM) waarmee Koers het certificaat van de collector controleert. Leeg: "
        "de vertrouwde certificaten van het systeem.",
    ),
    Variable(
        "KOERS_LDV_OTLP_TIMEOUT",
        "Seconden wachten op de collector.",
        default="10",
        kind="int",
    ),
    Variable(
        "KOERS_LDV_PSEUDONIEM_SLEUTEL",
        "Geheime sleutel (minstens 32 tekens) waarmee Koers de betrokkene in het logboek "
        "pseudonimiseert (HMAC-SHA256): het logboek krijgt nooit een BSN of intern nummer. "
        "Verplicht als KOERS_LDV_OTLP_ENDPOINT is gezet; wijzig hem niet, anders horen oude en "
        "nieuwe regels van dezelfde persoon niet meer bij elkaar.",
        secret=True,
    ),
    # Staff SSO over OpenID Connect (koers.beveiliging.oidc; docs/beheer/inloggen-sso-digid.md).
    Variable(
        "KOERS_OIDC_ISSUER",
        "Inloggen voor medewerkers met het account van de "
        "organisatie (OpenID Connect). Issuer van de inlogdienst, precies zoals in het "
        "discovery-document, bijv. https://sso.gemeente.nl/realms/gemeente (Keycloak) of "
        "https://login.microsoftonline.com/TENANT-ID/v2.0 (Azure AD). Leeg: uit.",
        kind="url",
    ),
    Variable(
        "KOERS_OIDC_DISCOVERY_URL",
        "Adres van het discovery-document. Leeg: de "
        "issuer met /.well-known/openid-configuration erachter.",
        kind="url",
    ),
    Variable("KOERS_OIDC_CLIENT_ID", "Client-id van Koers bij de inlogdienst."),
    Variable(
        "KOERS_OIDC_CLIENT_SECRET", "Client-secret van Koers bij de inlogdienst.", secret=True
    ),
    Variable(
        "KOERS_OIDC_TOKEN_AUTH",
        "Hoe Koers het client-secret meestuurt: client_secret_basic of client_secret_post.",
        default="client_secret_basic",
    ),
    Variable(
        "KOERS_OIDC_SCOPES",
        "Scopes, gescheiden door spaties of komma's.",
        default="openid profile email",
    ),
    Variable(
        "KOERS_OIDC_CLAIM",
        "Claim in het ID-token met de gebruikersnaam of het "
        "e-mailadres, bijv. preferred_username, upn of email.",
        default="preferred_username",
    ),
    Variable(
        "KOERS_OIDC_KOPPELEN",
        "Waarmee Koers het claim koppelt aan een bestaand "
        "account: gebruikersnaam of email. Koers maakt nooit zelf accounts aan.",
        default="gebruikersnaam",
    ),
    Variable(
        "KOERS_OIDC_MFA_ACR",
        "acr-waarden (komma-gescheiden) die betekenen dat de "
        "inlogdienst een tweede factor heeft gecontroleerd. Dan vraagt Koers geen eigen "
        "code. Leeg: alleen KOERS_OIDC_MFA_AMR telt.",
    ),
    Variable(
        "KOERS_OIDC_MFA_AMR",
        "amr-waarden (komma-gescheiden) die betekenen dat de "
        "inlogdienst een tweede factor heeft gecontroleerd, bijv. mfa (Azure AD) of otp "
        "(Keycloak). Leeg en KOERS_OIDC_MFA_ACR leeg: Koers vraagt altijd zijn eigen "
        "code.",
    ),
    # DigiD for Mijn Inburgering, through an OIDC broker.
    Variable(
        "KOERS_PORTAAL_OIDC_ISSUER",
        "Inloggen met DigiD in Mijn Inburgering, via een "
        "OpenID Connect-makelaar. Issuer van die makelaar, precies zoals in het "
        "discovery-document. Leeg: uit.",
        kind="url",
    ),
    Variable(
        "KOERS_PORTAAL_OIDC_DISCOVERY_URL",
        "Adres van het discovery-document van de "
        "makelaar. Leeg: de issuer met /.well-known/openid-configuration erachter.",
        kind="url",
    ),
    Variable("KOERS_PORTAAL_OIDC_CLIENT_ID", "Client-id van Koers bij de makelaar."),
    Variable(
        "KOERS_PORTAAL_OIDC_CLIENT_SECRET", "Client-secret van Koers bij de makelaar.", secret=True
    ),
    Variable(
        "KOERS_PORTAAL_OIDC_TOKEN_AUTH",
        "Hoe Koers het client-secret meestuurt: client_secret_basic of client_secret_post.",
        default="client_secret_basic",
    ),
    Variable(
        "KOERS_PORTAAL_OIDC_SCOPES",
        "Scopes, gescheiden door spaties of komma's. Vraag "
        "bij de makelaar welke scope het BSN meegeeft.",
        default="openid",
    ),
    Variable("KOERS_PORTAAL_OIDC_BSN_CLAIM", "Claim in het ID-token met het BSN.", default="bsn"),
    Variable(
        "KOERS_PORTAAL_OIDC_ACR",
        "Vereist betrouwbaarheidsniveau: acr-waarden "
        "(komma-gescheiden) die Koers accepteert; Koers vraagt er ook om bij het "
        "inloggen. Leeg: elk niveau dat de makelaar geeft.",
    ),
)

_BY_NAME = {v.name: v for v in VARIABLES}
VARIABLE_NAMES = frozenset(_BY_NAME)
_TRUE = {"1", "true", "yes", "ja", "on"}
_FALSE = {"0", "false", "no", "nee", "off", ""}


# Written by `koers demo` (``make run``) into the data directory, so every later `koers`
# command in that checkout (a second terminal) finds the demo's settings without exports.
DEMO_SETTINGS_FILE = "demo.env"
_PROJECT_DIR = Path(__file__).resolve().parents[3]


def demo_settings_path() -> Path:
    """Where ``koers demo`` writes its settings: ``<KOERS_DATA_DIR>/demo.env``."""
    data_dir = Path(os.environ.get("KOERS_DATA_DIR") or _BY_NAME["KOERS_DATA_DIR"].default)
    if not data_dir.is_absolute():
        data_dir = _PROJECT_DIR / data_dir
    return data_dir / DEMO_SETTINGS_FILE


def demo_settings() -> dict[str, str]:
    """The settings of the demo in this data directory, or nothing.

    They are ignored for a process that is evidently another installation: one that has its
    own secret key, or whose ``DATABASE_URL`` is not the one the demo ran with. So a production
    installation, and a test that starts ``koers`` on a database of its own, still refuse to
    start without their real settings. A test run (pytest sets ``PYTEST_VERSION``) ignores
    them too: its settings must not depend on whether the developer ran ``make run`` before.
    """
    path = demo_settings_path()
    if not path.is_file():
        return {}
    if {"KOERS_SECRET_KEY", "KOERS_SECRET_KEY_FILE", "PYTEST_VERSION"} & os.environ.keys():
        return {}
    values = {
        name: (value or "").strip()
        for name, value in dotenv_values(path).items()
        if name in _BY_NAME
    }
    # Which database the demo ran on identifies the installation; it is never supplied from
    # here, so a file left by an earlier demo on another database changes nothing.
    if os.environ.get("DATABASE_URL", "").strip() != values.pop("DATABASE_URL", ""):
        return {}
    return values


def raw(name: str) -> str:
    """The text value of a declared variable: from the environment, from ``NAME_FILE``, from
    the demo's settings file (:func:`demo_settings`), or its default, in that order."""
    var = _BY_NAME[name]
    if name in os.environ:
        return os.environ[name].strip()
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return demo_settings().get(name, var.default)


def is_set(name: str) -> bool:
    return bool(raw(name))


def as_bool(name: str, *, default: bool = False) -> bool:
    text = raw(name).lower()
    if text == "":
        return default
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ConfigError(f"{name}: '{text}' is geen ja/nee-waarde (gebruik true of false)")


def as_int(name: str) -> int:
    text = raw(name)
    try:
        return int(text)
    except ValueError:
        raise ConfigError(f"{name}: '{text}' is geen geheel getal") from None


def as_list(name: str) -> list[str]:
    return [part.strip() for part in raw(name).split(",") if part.strip()]


def env_example() -> str:
    """The text of ``.env.example``."""
    lines = [
        "# Koers configuration. Generated by `koers env-example`; do not edit by hand.",
        "# Every variable may also be read from a file: NAME_FILE=/run/secrets/name.",
        "",
    ]
    for var in VARIABLES:
        lines.append(f"# {var.help}")
        lines.append(f"{var.name}={'' if var.secret else var.default}")
        lines.append("")
    return "\n".join(lines)
