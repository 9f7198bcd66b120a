"""Koers settings: every value comes from the environment through :mod:`koers.config.env`.

Invalid values do not crash the import; they are collected in ``CONFIG_ERRORS`` and reported
by the system checks in :mod:`koers.config.checks` (``koers check-config``), with a hint.
"""

import contextlib
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from koers.config import env, logformat, sentry

BASE_DIR = Path(__file__).resolve().parent.parent  # src/koers
PROJECT_DIR = BASE_DIR.parent.parent
CONFIG_ERRORS: list[str] = []


def _safe(reader, name, fallback, **kwargs):
    try:
        return reader(name, **kwargs)
    except env.ConfigError as error:
        CONFIG_ERRORS.append(str(error))
        return fallback


DEMO = _safe(env.as_bool, "KOERS_DEMO", False)
DEBUG = _safe(env.as_bool, "KOERS_DEBUG", False)
DATA_DIR = Path(env.raw("KOERS_DATA_DIR"))
if not DATA_DIR.is_absolute():
    DATA_DIR = PROJECT_DIR / DATA_DIR

SECRET_KEY = env.raw("KOERS_SECRET_KEY")
if not SECRET_KEY:
    # Only acceptable in demo mode and tests; check koers.E001 refuses it elsewhere.
    SECRET_KEY = "koers-demo-only-not-secret-" + "x" * 40  # noqa: S105
    SECRET_KEY_IS_DEFAULT = True
else:
    SECRET_KEY_IS_DEFAULT = False

ALLOWED_HOSTS = env.as_list("KOERS_ALLOWED_HOSTS")
PORT = _safe(env.as_int, "KOERS_PORT", 8000)
WEB_WORKERS = _safe(env.as_int, "KOERS_WEB_WORKERS", 2)
WEB_THREADS = _safe(env.as_int, "KOERS_WEB_THREADS", 4)
BEVEILIGING_ACHTER_PROXY = _safe(env.as_bool, "KOERS_BEHIND_TLS_PROXY", False)
if BEVEILIGING_ACHTER_PROXY:
    # The proxy terminates TLS; trust its X-Forwarded-Proto so CSRF and secure cookies work,
    # and its last X-Forwarded-For entry as the client address (login throttling).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "koers.organisaties",
    "koers.toegang",
    "koers.beveiliging",
    "koers.inburgeraars",
    "koers.intake",
    "koers.pip",
    "koers.taken",  # koers worker: the periodic jobs of every app
    "koers.duo",
    "koers.brp",  # BRP personalia (Haal Centraal BRP API Personen)
    "koers.demo",  # demo and scale data, koers seed
    # The uitvoering apps and the others that plug into the case page, menu, API, demo and
    # signal engine (koers.organisaties.koppelingen.KoersAppConfig); this order is the order
    # of the case page's sections, the menu entries and the demo seed.
    "koers.monitoring",  # voortgangsgesprekken and the signal engine
    "koers.leerroute",  # inburgeringsaanbod, uren, examens, afschalen, Z-route
    "koers.modules",  # PVT and MAP
    "koers.begeleiding",  # maatschappelijke begeleiding, ontzorgen, duale trajecten
    "koers.netwerk",  # instroomklas, tolken, ervaringsdeskundigen, informele taal
    "koers.handhaving",  # handhaving by the gemeente, DUO boetes and verlengingen
    "koers.verwerkingen",  # verwerkingenlogging
    "koers.avg",  # the privacy officer's pages, inzage, bewaartermijn, anonimiseren
    "koers.sturing",  # dashboards: aantallen, procesindicatoren
    "koers.portaal",  # Mijn Inburgering, the portal of the inburgeraar
    "koers.partners",  # ketenpartners: taakverdeling and verwijzingen
    "koers.web",
    "koers.api",
    "koers.config",  # system checks and the configuration commands (the top layer)
]

MIDDLEWARE = [
    "koers.config.metrieken.MetriekenMiddleware",  # first: times the whole request
    "django.middleware.security.SecurityMiddleware",
    "koers.beveiliging.middleware.BeveiligingsheadersMiddleware",  # CSP, Permissions-Policy
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "koers.organisaties.middleware.SessieVerlengenMiddleware",
    # Instead of Django's LocaleMiddleware: other languages only in /mijn/, Dutch elsewhere.
    "koers.portaal.middleware.PortaalTaalMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Request id, user id and roles on every log line of the request; X-Request-ID back.
    "koers.config.logformat.VerzoekLogMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "koers.organisaties.middleware.TweedeFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "koers.config.urls"
WSGI_APPLICATION = "koers.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "koers.web.context.koers",
            ],
            "builtins": ["koers.bouwstenen.sjabloonfilters"],
        },
    },
]

_db_url = env.raw("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'koers.sqlite3'}"
try:
    DATABASES = {"default": dj_database_url.parse(_db_url, conn_max_age=60)}
except ValueError as error:
    CONFIG_ERRORS.append(f"DATABASE_URL: {error}")
    DATABASES = {"default": dj_database_url.parse(f"sqlite:///{DATA_DIR / 'koers.sqlite3'}")}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the web server and a worker read and write the embedded file side by side.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if _safe(env.as_bool, "KOERS_DB_PREPARED_STATEMENTS", True):
        # Parameters bound by the server, and a query a connection repeats prepared once
        # (psycopg, from its second run): PostgreSQL then no longer parses and plans the
        # same queries for every request, and psycopg no longer merges the values into the
        # text in Python. Per werkvoorraad page this halved PostgreSQL's CPU (docs/performance.md).
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=2
        )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organisaties.Gebruiker"
AUTHENTICATION_BACKENDS = ["koers.organisaties.auth.KoersBackend"]
# Form widgets rendered by Jinja2 (Django's own widget templates, compiled): several times
# faster than the Django template engine for the werkvoorraad's filters.
FORM_RENDERER = "koers.web.renderers.KoersRenderer"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:werkvoorraad"
LOGOUT_REDIRECT_URL = "web:login"

# Password rules (NCSC "Wachtwoorden": length over complexity, refuse known and guessable
# passwords). Django's messages are Dutch through its own nl catalogue.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "koers.beveiliging.wachtwoorden.MinimaleLengte",  # Dutch message
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
# Staff pages are Dutch. More languages (the portal) are added here together with
# their gettext catalogues; listing one before its catalogue exists would mix languages.
# Only Mijn Inburgering (/mijn/) uses the others: koers.portaal.middleware switches every other
# page back to Dutch. Tigrinya's name is added to Django's LANG_INFO by koers.portaal.apps.
LANGUAGES = [
    ("nl", _("Nederlands")),
    ("en", "English"),
    ("ar", "العربية"),
    ("ti", "ትግርኛ"),
    ("tr", "Türkçe"),
    ("uk", "Українська"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"  # filled by collectstatic in production
with contextlib.suppress(OSError):  # WhiteNoise warns on every start without it
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Only the built files of the front-end packages, not all of node_modules: WhiteNoise scans
# these folders when it starts.
_NPM_DIST = ("@utrecht/component-library-css/dist", "@utrecht/design-tokens/dist", "htmx.org/dist")
STATICFILES_DIRS = [
    (f"npm/{folder}", PROJECT_DIR / "node_modules" / folder)
    for folder in _NPM_DIST
    if (PROJECT_DIR / "node_modules" / folder).exists()
]
# Uploads (the documents of Mijn Inburgering). Never served directly: the views check access.
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # `make run` needs no collectstatic step

SESSION_ENGINE = "django.contrib.sessions.backends.db"  # stateless web processes
SESSION_COOKIE_AGE = 60 * _safe(env.as_int, "KOERS_SESSION_IDLE_MINUTES", 30)
KOERS_STURING_VERVERSEN_MINUTEN = _safe(env.as_int, "KOERS_STURING_VERVERSEN_MINUTEN", 15)
# Idle expiry: the age counts from the last save, which SessieVerlengenMiddleware makes at
# most once a minute (not on every request, which would write on every click).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
_secure = _safe(env.as_bool, "KOERS_SECURE_COOKIES", not DEMO, default=not DEMO)
SESSION_COOKIE_SECURE = _secure
CSRF_COOKIE_SECURE = _secure
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# HSTS: browsers remember to use only HTTPS. Never in demo mode (it runs on plain http on a
# laptop); sent by SecurityMiddleware on HTTPS responses only. includeSubDomains covers only
# names below Koers' own host (e.g. *.koers.gemeente.nl), not the gemeente's other sites.
# Preloading is a decision of the domain's owner (a submission to the browsers' list), so
# Koers does not ask for it and its check (security.W021) is silenced. Content-Security-Policy
# and Permissions-Policy come from koers.beveiliging.middleware.
SECURE_HSTS_SECONDS = 0 if DEMO else _safe(env.as_int, "KOERS_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SILENCED_SYSTEM_CHECKS = ["security.W021"]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "koers.organisaties.auth.KoersTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # The API speaks JSON only; a view that needs uploads sets its own parsers.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "koers.bouwstenen.api_fouten.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # Rates come from KOERS_API_RATE_* below, read per request (koers.bouwstenen.api_limieten).
    "DEFAULT_THROTTLE_CLASSES": [
        "koers.bouwstenen.api_limieten.PerGebruiker",
        "koers.bouwstenen.api_limieten.PerAdres",
    ],
}


def _api_rate(naam: str, standaard: str) -> str:
    """An API rate like '1200/min'; a wrong one is reported by check-config and the default
    stays in force (a typo must not turn the limit off or break every call)."""
    tekst = env.raw(naam)
    aantal, _streep, periode = tekst.partition("/")
    if not (aantal.isdigit() and periode[:1] in ("s", "m", "h", "d")):
        CONFIG_ERRORS.append(f"{naam}: '{tekst}' is geen aantal per tijd (bijv. 300/min)")
        return standaard
    return tekst


# P: an integration that pages through a large werkvoorraad makes a few requests a second;
# 1200 a minute per user leaves room for that. 300 a minute per address without a login
# only slows down guessing of tokens.
KOERS_API_RATE_GEBRUIKER = _api_rate("KOERS_API_RATE_GEBRUIKER", "1200/min")
KOERS_API_RATE_IP = _api_rate("KOERS_API_RATE_IP", "300/min")

# Mail: the notice to a medewerker that a second factor was linked to his account. Without
# KOERS_EMAIL_HOST Django's default applies: an SMTP server on localhost:25.
EMAIL_HOST = env.raw("KOERS_EMAIL_HOST")
EMAIL_PORT = _safe(env.as_int, "KOERS_EMAIL_PORT", 25)
EMAIL_HOST_USER = env.raw("KOERS_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = _safe(env.raw, "KOERS_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _safe(env.as_bool, "KOERS_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env.raw("KOERS_EMAIL_FROM")
SPECTACULAR_SETTINGS = {
    "TITLE": "Koers API",
    "DESCRIPTION": "API van Koers, het regiesysteem voor de Wet inburgering 2021. "
    "Authenticatie: `Authorization: Token <token>` (maak een token met "
    "`koers api-token GEBRUIKERSNAAM`).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "koers.bouwstenen.api_schema.velden_alleen_met_toegang",
    ],
    "ENUM_NAME_OVERRIDES": {
        # Several value sets share a field name; name them after what they belong to.
        "TrajectStatusEnum": "koers.inburgeraars.models.STATUS_CHOICES",
        "AfrondingsredenEnum": "koers.inburgeraars.models.REDEN_CHOICES",
        "IntakeStatusEnum": "koers.intake.models.BredeIntake.Status",
        "PipStatusEnum": "koers.pip.models.PipVersie.Status",
        "TolkSoortEnum": "koers.netwerk.models.TOLK_SOORT_CHOICES",
        "TaalondersteuningSoortEnum": "koers.netwerk.models.TAAL_SOORT_CHOICES",
        "TolkboekingStatusEnum": "koers.netwerk.models.BOEKING_STATUS_CHOICES",
        "TaalverwijzingStatusEnum": "koers.netwerk.models.VERWIJZING_STATUS_CHOICES",
        "ErvaringsdeskundigeRolEnum": "koers.netwerk.models.ROL_CHOICES",
        # Two "route" fields in handhaving: how the person gives his view on a voornemen, and
        # how a verlenging comes about.
        "ZienswijzeRouteEnum": "koers.handhaving.models.Boetevoornemen.Route",
        "VerlengingRouteEnum": [("aanvraag", "aanvraag"), ("ambtshalve", "ambtshalve")],
        "LbtOverslaanGrondEnum": "koers.inburgeraars.serializers.LBT_GRONDEN",
    },
    # The documentation page serves Swagger UI from our own static files (no CDN).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

OTP_TOTP_ISSUER = "Koers"

# Prometheus metrics at /metrics (koers.config.metrieken): off (404) while empty.
METRICS_TOKEN = env.raw("KOERS_METRICS_TOKEN")

# The DUO chain (koers.duo). Checked by koers.config.checks.
DUO_BASE_URL = env.raw("KOERS_DUO_BASE_URL").rstrip("/")
DUO_OIN = env.raw("KOERS_DUO_OIN")
DUO_CLIENT_CERT = env.raw("KOERS_DUO_CLIENT_CERT")
DUO_CLIENT_KEY = env.raw("KOERS_DUO_CLIENT_KEY")
DUO_CA_BUNDLE = env.raw("KOERS_DUO_CA_BUNDLE")
DUO_TIMEOUT = _safe(env.as_int, "KOERS_DUO_TIMEOUT", 10)
DUO_MAX_POGINGEN = _safe(env.as_int, "KOERS_DUO_MAX_POGINGEN", 8)
DUO_BACKOFF_MAX = _safe(env.as_int, "KOERS_DUO_BACKOFF_MAX", 3600)
DUO_HERSTEL_PER_MINUUT = _safe(env.as_int, "KOERS_DUO_HERSTEL_PER_MINUUT", 60)
DUO_LEASE_SECONDEN = _safe(env.as_int, "KOERS_DUO_LEASE_SECONDEN", 300)
DUO_OPGEVEN_NA_UUR = _safe(env.as_int, "KOERS_DUO_OPGEVEN_NA_UUR", 72)
DUO_REGISTRATIE_MAX_VOORUIT_MINUTEN = _safe(
    env.as_int, "KOERS_DUO_REGISTRATIE_MAX_VOORUIT_MINUTEN", 5
)

# The BRP chain (koers.brp): BRP API Personen (Haal Centraal). Checked by koers.config.checks.
BRP_BASE_URL = env.raw("KOERS_BRP_BASE_URL").rstrip("/")
BRP_API_KEY = env.raw("KOERS_BRP_API_KEY")
BRP_API_KEY_HEADER = env.raw("KOERS_BRP_API_KEY_HEADER") or "X-API-KEY"
BRP_CLIENT_CERT = env.raw("KOERS_BRP_CLIENT_CERT")
BRP_CLIENT_KEY = env.raw("KOERS_BRP_CLIENT_KEY")
BRP_CA_BUNDLE = env.raw("KOERS_BRP_CA_BUNDLE")
BRP_TIMEOUT = _safe(env.as_int, "KOERS_BRP_TIMEOUT", 10)
BRP_MAX_POGINGEN = _safe(env.as_int, "KOERS_BRP_MAX_POGINGEN", 8)
BRP_VERVERS_PER_MINUUT = _safe(env.as_int, "KOERS_BRP_VERVERS_PER_MINUUT", 30)
BRP_VERVERS_NA_DAGEN = _safe(env.as_int, "KOERS_BRP_VERVERS_NA_DAGEN", 30)

# Export of the verwerkingenlogging to a Logboek Dataverwerkingen over OTLP
# (koers.verwerkingen.otlp), off while the endpoint is empty; checked by
# koers.verwerkingen.checks.
LDV_OTLP_ENDPOINT = env.raw("KOERS_LDV_OTLP_ENDPOINT")
LDV_OTLP_HEADERS = env.raw("KOERS_LDV_OTLP_HEADERS")
LDV_OTLP_CA_BUNDLE = env.raw("KOERS_LDV_OTLP_CA_BUNDLE")
LDV_OTLP_TIMEOUT = _safe(env.as_int, "KOERS_LDV_OTLP_TIMEOUT", 10)
LDV_PSEUDONIEM_SLEUTEL = env.raw("KOERS_LDV_PSEUDONIEM_SLEUTEL")
# Koers' own address for links that leave Koers (the register entry of an exported record).
BASIS_URL = env.raw("KOERS_BASIS_URL").rstrip("/")

# Readiness limits of /gezondheid/klaar (koers.config.gezondheid); 0 switches a check off.
GEZONDHEID_WORKER_MAX_SECONDEN = _safe(env.as_int, "KOERS_GEZONDHEID_WORKER_MAX_SECONDEN", 300)
GEZONDHEID_DUO_MAX_MINUTEN = _safe(env.as_int, "KOERS_GEZONDHEID_DUO_MAX_MINUTEN", 60)
GEZONDHEID_VERWERKINGEN_MAX_MINUTEN = _safe(
    env.as_int, "KOERS_GEZONDHEID_VERWERKINGEN_MAX_MINUTEN", 10
)
GEZONDHEID_LDV_EXPORT_MAX_MINUTEN = _safe(env.as_int, "KOERS_GEZONDHEID_LDV_EXPORT_MAX_MINUTEN", 30)

# OpenID Connect (koers.beveiliging.oidc): staff SSO (KOERS_OIDC_*) and DigiD for the portal
# (KOERS_PORTAAL_OIDC_*), one client with two configurations. On when issuer and client id are
# set; half a configuration is reported by check koers.E020.
_OIDC_SLEUTELS = (
    "ISSUER",
    "DISCOVERY_URL",
    "CLIENT_ID",
    "CLIENT_SECRET",
    "TOKEN_AUTH",
    "SCOPES",
    "CLAIM",
    "KOPPELEN",
    "MFA_ACR",
    "MFA_AMR",
    "BSN_CLAIM",
    "ACR",
)


def _oidc(prefix: str) -> dict[str, str]:
    waarden = {}
    for sleutel in _OIDC_SLEUTELS:
        naam = f"{prefix}_{sleutel}"
        if naam not in env.VARIABLE_NAMES:
            continue
        try:
            waarden[sleutel] = env.raw(naam)
        except OSError as error:  # a *_FILE that cannot be read
            CONFIG_ERRORS.append(f"{naam}_FILE: {error}")
            waarden[sleutel] = ""
    return waarden


KOERS_OIDC = _oidc("KOERS_OIDC")
KOERS_OIDC_ENABLED = bool(KOERS_OIDC["ISSUER"] and KOERS_OIDC["CLIENT_ID"])
KOERS_PORTAAL_OIDC = _oidc("KOERS_PORTAAL_OIDC")
KOERS_PORTAAL_OIDC_ENABLED = bool(KOERS_PORTAAL_OIDC["ISSUER"] and KOERS_PORTAAL_OIDC["CLIENT_ID"])

# Plain text in demo mode (read by a person at a terminal), one JSON object per line
# elsewhere (read by a log collector). Both mask BSNs and carry no personal data.
LOG_FORMAT = env.raw("KOERS_LOG_FORMAT").lower() or ("tekst" if DEMO else "json")
if LOG_FORMAT not in logformat.FORMATEN:
    CONFIG_ERRORS.append(f"KOERS_LOG_FORMAT: '{LOG_FORMAT}' is geen json of tekst")
    LOG_FORMAT = "tekst"
LOGGING = logformat.logging_instellingen(LOG_FORMAT, env.raw("KOERS_LOG_LEVEL") or "INFO")
# django-structlog's request middleware (tamed in koers.config.logformat): never the IP
# address; the request's start only at DEBUG, its end at INFO. The middleware replaces an
# X-Request-ID that is not a plain token before the library reads it.
DJANGO_STRUCTLOG_IP_LOGGING_ENABLED = False
DJANGO_STRUCTLOG_TRUST_UPSTREAM_REQUEST_ID = True
DJANGO_STRUCTLOG_TRUST_UPSTREAM_CORRELATION_ID = False
DJANGO_STRUCTLOG_STATUS_START_LOG_LEVEL = 10  # logging.DEBUG

# Error reports to Sentry (koers.config.sentry), off while KOERS_SENTRY_DSN is empty. Each
# event passes the log's own scrubbing; request bodies, query strings and local variables
# never leave the process.
SENTRY_DSN = env.raw("KOERS_SENTRY_DSN")
SENTRY_OMGEVING = env.raw("KOERS_SENTRY_OMGEVING") or ("demo" if DEMO else "productie")
SENTRY_SAMPLE_RATE = _safe(sentry.sample_rate, "KOERS_SENTRY_SAMPLE_RATE", 1.0)
if SENTRY_DSN:
    try:
        sentry.start(
            SENTRY_DSN,
            omgeving=SENTRY_OMGEVING,
            sample_rate=SENTRY_SAMPLE_RATE,
            release=sentry.versie(),
        )
    except env.ConfigError as error:
        CONFIG_ERRORS.append(str(error))
