"""The main menu's entries of the apps that declare a ``menu`` module
(koers.organisaties.koppelingen.KoersAppConfig), in INSTALLED_APPS order. The case page's
sections are gathered in koers.bouwstenen.secties."""

from __future__ import annotations

from koers.organisaties.koppelingen import MenuItem, koers_modules


def menu_items(user) -> list[MenuItem]:
    return [item for module in koers_modules("menu") for item in module.MENU if item.mag(user)]
