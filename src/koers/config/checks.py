"""Configuration mistakes as Django system checks (ids koers.E0xx / koers.W0xx), so that
``koers check-config`` explains what is wrong and how to fix it."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=False)
def check_configuratie(app_configs=None, **kwargs):
    problems = [Error(message, hint="Zie .env.example voor de toegestane waarden.",
                      id="koers.E000") for message in settings.CONFIG_ERRORS]
    if not settings.DEMO:
        if settings.SECRET_KEY_IS_DEFAULT:
            problems.append(Error(
                "KOERS_SECRET_KEY ontbreekt.",
                hint="Zet een willekeurige geheime waarde van minstens 50 tekens, bijv. "
                     "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`.",
                id="koers.E001"))
        elif len(settings.SECRET_KEY) < 50:
            problems.append(Error("KOERS_SECRET_KEY is te kort.",
                                  hint="Gebruik minstens 50 tekens.", id="koers.E002"))
        if settings.DEBUG:
            problems.append(Error("KOERS_DEBUG staat aan buiten demomodus.",
                                  hint="Debugmodus toont interne gegevens bij fouten. "
                                       "Zet KOERS_DEBUG=false.", id="koers.E003"))
        if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
            problems.append(Warning(
                "Koers gebruikt de ingebouwde SQLite-database.",
                hint="Gebruik in productie PostgreSQL: DATABASE_URL=postgres://...",
                id="koers.W001"))
        if not settings.SESSION_COOKIE_SECURE:
            problems.append(Warning("Cookies worden ook zonder HTTPS verstuurd.",
                                    hint="Zet KOERS_SECURE_COOKIES=true achter HTTPS.",
                                    id="koers.W002"))
    return problems
