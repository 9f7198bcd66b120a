"""System checks of Mijn Inburgering (id koers.E050)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register


def demo_login_aan() -> bool:
    """The development login (a BSN without DigiD) exists only in demo mode. The setting
    KOERS_PORTAAL_DEMO_LOGIN can switch it off in demo mode; it can never switch it on
    outside it (see check_portaal)."""
    return bool(settings.DEMO) and getattr(settings, "KOERS_PORTAAL_DEMO_LOGIN", True) is not False


def oidc_aan() -> bool:
    return bool(getattr(settings, "KOERS_PORTAAL_OIDC_ENABLED", False))


@register(Tags.security, deploy=False)
def check_portaal(app_configs=None, **kwargs):
    problems = []
    if not settings.DEMO and getattr(settings, "KOERS_PORTAAL_DEMO_LOGIN", None) is True:
        problems.append(
            Error(
                "De demo-inlog van Mijn Inburgering staat aan buiten demomodus.",
                hint="Met de demo-inlog kan iedereen met een BSN in een dossier kijken. Hij werkt "
                "alleen met KOERS_DEMO=true; haal KOERS_PORTAAL_DEMO_LOGIN weg.",
                id="koers.E050",
            )
        )
    return problems
