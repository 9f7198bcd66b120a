"""The Koers apps and what each plugs in: the flags on its AppConfig (KoersAppConfig), read
through Django's app registry. An app's apps.py imports this module, not the class, so that
Django still finds exactly one AppConfig there."""

from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig, apps
from django.core.checks import Error

# The modules an app can plug in, each switched on by the KoersAppConfig flag of that name.
KOPPELINGEN = (
    "casus",
    "dossier",
    "menu",
    "urls",
    "api_urls",
    "demo",
    "signalen",
    "anonimiseren",
)


@dataclass(frozen=True)
class MenuItem:
    """An entry of the main menu, offered by an app's ``menu`` module in ``MENU``;
    ``mag(user)`` decides whether the user sees it. ``query`` is added to the URL (a filter
    of the page); ``aantal(user)``, when given, is a number shown beside the label (one small
    query per page, so keep it on an index)."""

    label: str
    url_name: str
    mag: object  # Callable[[user], bool]
    id: str
    query: str = ""
    aantal: object = None  # Callable[[user], int] | None


class KoersAppConfig(AppConfig):
    """The AppConfig of every Koers app. Each flag below is named after a module of the app and
    says that the app has it, so the rest of Koers plugs it in; the apps' order in
    INSTALLED_APPS is the order of the case page's sections, the menu and the demo seed.

    - ``casus``: a section of the case page: ``PLAATS``, ``TEMPLATE`` and
      ``casus_context(user, inburgeraar, traject, *, geladen=None)`` (koers.bouwstenen.secties).
    - ``dossier``: what fills one of the core's own tabs of the case dossier (the brede intake,
      the PIP): ``TAB`` and ``tab_context(user, inburgeraar, context, **formulieren)``, which
      adds to the page's context (koers.inburgeraars.views).
    - ``menu``: entries of the main menu, ``MENU`` (koers.web.secties).
    - ``urls``: pages, included at the site root (koers.config.urls).
    - ``api_urls``: API routes, included under /api/v1/ (koers.api.urls).
    - ``demo``: ``seed(gemeenten, accounts)`` and optional ``ACCOUNTS`` for the demo
      (koers.demo.organisaties).
    - ``signalen``: ``BRONNEN`` of the signal engine (koers.monitoring.engine).
    - ``anonimiseren``: ``REGELS`` for anonymising closed cases
      (koers.avg.anonimisering).

    A declared module that cannot be imported is an error (check koers.E060), and so is an
    undeclared ``anonimiseren`` module (koers.E061).
    """

    casus = False
    dossier = False
    menu = False
    urls = False
    api_urls = False
    demo = False
    signalen = False
    anonimiseren = False


def koers_apps(naam: str) -> list[KoersAppConfig]:
    """The Koers apps that have the module ``naam``, in INSTALLED_APPS order."""
    return [
        config
        for config in apps.get_app_configs()
        if isinstance(config, KoersAppConfig) and getattr(config, naam)
    ]


def koers_modules(naam: str) -> list:
    """The modules ``naam`` of the apps that declare one. An import error is not swallowed:
    a declared module that cannot load is a bug, never an app that quietly drops out."""
    return [import_module(f"{config.name}.{naam}") for config in koers_apps(naam)]


def check_koers_apps(app_configs=None, **kwargs):
    """koers.E060: a module an app declares cannot be imported; koers.E061: an app has an
    ``anonimiseren`` module it does not declare, so its rules would be skipped and closed cases
    would keep personal data."""
    problemen = []
    for config in apps.get_app_configs():
        if not isinstance(config, KoersAppConfig):
            continue
        for naam in KOPPELINGEN:
            if not getattr(config, naam):
                continue
            try:
                import_module(f"{config.name}.{naam}")
            except ImportError as fout:
                problemen.append(
                    Error(
                        f"De module {config.name}.{naam} kan niet worden geladen: {fout}.",
                        hint=f"Herstel de module, of zet {naam} = False in {config.name}.apps.",
                        obj=config.name,
                        id="koers.E060",
                    )
                )
        if not config.anonimiseren and find_spec(f"{config.name}.anonimiseren") is not None:
            problemen.append(
                Error(
                    f"{config.name} heeft een module anonimiseren, maar die wordt niet gebruikt.",
                    hint=f"Zet anonimiseren = True in {config.name}.apps.",
                    obj=config.name,
                    id="koers.E061",
                )
            )
    return problemen
