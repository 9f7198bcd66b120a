"""The case page's sections, menu entries and demo data of the uitvoering apps
(:data:`koers.config.modules.UITVOERING_APPS`).

Each app has a ``casus`` module with ``PLAATS`` (``"boven"``: right after the traject,
``"onder"``: after the PIP), ``TEMPLATE`` and ``casus_context(user, inburgeraar, traject)``
that returns the section's context, or ``None`` when the user may not see the section. Each
section loads its data in a fixed number of queries, so the case page does not grow with the
size of the case.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from koers.config.modules import UITVOERING_APPS


@dataclass(frozen=True)
class CasusSectie:
    template: str
    context: dict


def casus_secties(user, inburgeraar, traject) -> dict[str, list[CasusSectie]]:
    secties: dict[str, list[CasusSectie]] = {"boven": [], "onder": []}
    for app in UITVOERING_APPS:
        module = import_module(f"{app}.casus")
        context = module.casus_context(user, inburgeraar, traject)
        if context is not None:
            secties[module.PLAATS].append(CasusSectie(module.TEMPLATE, context))
    return secties


def optionele_modules(naam: str):
    """The apps' modules called ``naam`` (``menu``, ``signalen``), for the apps that have one."""
    for app in UITVOERING_APPS:
        if find_spec(f"{app}.{naam}") is not None:
            yield import_module(f"{app}.{naam}")


@dataclass(frozen=True)
class MenuItem:
    """An entry of the main menu; ``mag(user)`` decides whether the user sees it."""

    label: str
    url_name: str
    mag: object  # Callable[[user], bool]
    id: str


def menu_items(user) -> list[MenuItem]:
    return [item for module in optionele_modules("menu") for item in module.MENU
            if item.mag(user)]
