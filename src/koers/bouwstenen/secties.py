"""The case page's sections of the apps that declare a ``casus`` module
(koers.organisaties.koppelingen.KoersAppConfig), in INSTALLED_APPS order.

Each ``casus`` module has ``PLAATS`` (``"boven"``: right after the traject, ``"onder"``: after
the PIP), ``TEMPLATE`` and ``casus_context(user, inburgeraar, traject)`` that returns the
section's context, or ``None`` when the user may not see the section. Each section loads its
data in a fixed number of queries, so the case page does not grow with the size of the case.
"""

from __future__ import annotations

from dataclasses import dataclass

from koers.organisaties.koppelingen import koers_modules


@dataclass(frozen=True)
class CasusSectie:
    template: str
    context: dict


def casus_secties(user, inburgeraar, traject) -> dict[str, list[CasusSectie]]:
    secties: dict[str, list[CasusSectie]] = {"boven": [], "onder": []}
    for module in koers_modules("casus"):
        context = module.casus_context(user, inburgeraar, traject)
        if context is not None:
            secties[module.PLAATS].append(CasusSectie(module.TEMPLATE, context))
    return secties
