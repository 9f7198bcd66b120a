"""The case page's sections of the apps that declare a ``casus`` module
(koers.organisaties.koppelingen.KoersAppConfig), in INSTALLED_APPS order.

Each ``casus`` module has ``PLAATS`` (``"boven"``: right after the traject, ``"onder"``: after
the PIP), ``TEMPLATE`` and ``casus_context(user, inburgeraar, traject, *, geladen=None)`` that
returns the section's context, or ``None`` when the user may not see the section. Each section
loads its data in a fixed number of queries, so the case page does not grow with the size of
the case. ``geladen`` holds what the case page itself already read (:class:`Geladen`), so a
section does not read it again; a section called from elsewhere gets ``None`` and reads it.
"""

from __future__ import annotations

from dataclasses import dataclass

from koers.organisaties.koppelingen import koers_modules

NIET_GELADEN = object()  # the page did not read it (the user may not see it)


@dataclass(frozen=True)
class Geladen:
    """What the case page read before its sections: the brede intake (``None``: the case has
    none; NIET_GELADEN: not read) and the PIP versions, newest first (``None``: not read).
    ``met_gezondheid`` says whether the intake's health fields were loaded."""

    intake: object = NIET_GELADEN
    met_gezondheid: bool = False
    pips: list | None = None


@dataclass(frozen=True)
class CasusSectie:
    template: str
    context: dict


def casus_secties(
    user, inburgeraar, traject, geladen: Geladen | None = None
) -> dict[str, list[CasusSectie]]:
    secties: dict[str, list[CasusSectie]] = {"boven": [], "onder": []}
    for module in koers_modules("casus"):
        context = module.casus_context(user, inburgeraar, traject, geladen=geladen)
        if context is not None:
            secties[module.PLAATS].append(CasusSectie(module.TEMPLATE, context))
    return secties
