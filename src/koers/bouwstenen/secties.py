"""The dossier's tabs and the sections of the apps that declare a ``casus`` module
(koers.organisaties.koppelingen.KoersAppConfig), in INSTALLED_APPS order.

The dossier of a case is a set of tabs, each its own page (``/inburgeraars/<pk>/dossier/<tab>/``),
so a page reads only what it shows. Each ``casus`` module has:

- ``TAB``: the slug of its own tab, or ``None`` to be shown on the overview (keep that cheap);
- ``TITEL``: the tab's name; ``SECTIES``: the policy sections the tab shows; the tab is offered
  to whoever may see one of them (:func:`koers.toegang.policy.mag_zien`);
- ``PLAATS``: ``"boven"`` (its tab right after the overview) or ``"onder"`` (after the core's
  intake and PIP tabs); ``TEMPLATE``;
- optional ``nieuw(user, traject)``: how many new items wait for this user on the tab (shown
  beside the tab's name and in the header; one small query);
- ``casus_context(user, inburgeraar, traject, *, geladen=None)``, the section's context, or
  ``None`` when the user may not see the section. Each section loads its data in a fixed number
  of queries, so a page does not grow with the size of the case. ``geladen`` holds what the page
  itself already read (:class:`Geladen`), so a section does not read it again; ``None``: the
  section reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from koers.organisaties.koppelingen import koers_modules
from koers.toegang import policy

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


@dataclass(frozen=True)
class Tab:
    """A tab of the dossier: ``sleutel`` is its slug in the URL, ``secties`` the policy
    sections it shows (offered to whoever may see one of them)."""

    sleutel: str
    titel: str
    secties: tuple = ()
    plaats: str = "boven"  # "boven": right after the overview, "onder": after intake and PIP
    module: object = None  # the app's casus module; None for the core's own tabs
    aantal: int = 0  # new items waiting on this tab (the module's ``nieuw``)


def _zichtbaar(user, tab: Tab, traject) -> bool:
    if traject is None:
        return False
    return any(policy.mag_zien(user, sectie, traject) for sectie in tab.secties)


def app_tabs() -> list[Tab]:
    """The tabs of the apps' casus modules that have one, in INSTALLED_APPS order."""
    return [
        Tab(m.TAB, str(m.TITEL), tuple(m.SECTIES), m.PLAATS, m)
        for m in koers_modules("casus")
        if getattr(m, "TAB", None)
    ]


def dossier_tabs(user, traject, kern_voor: list[Tab], kern_na: list[Tab]) -> list[Tab]:
    """The tabs this user may open for this case, in order: the overview and the core's
    first tabs (``kern_voor``, the first of them always shown), the apps' "boven" tabs, then
    their "onder" tabs, then the core's last tabs (``kern_na``)."""
    apps = app_tabs()
    volgorde = [
        kern_voor[0],
        *[t for t in apps if t.plaats == "boven"],
        *kern_voor[1:],
        *[t for t in apps if t.plaats == "onder"],
        *kern_na,
    ]
    zichtbaar = [kern_voor[0], *(t for t in volgorde[1:] if _zichtbaar(user, t, traject))]
    return [_met_aantal(user, t, traject) for t in zichtbaar]


def _met_aantal(user, tab: Tab, traject) -> Tab:
    nieuw = getattr(tab.module, "nieuw", None)
    if nieuw is None or traject is None:
        return tab
    return replace(tab, aantal=nieuw(user, traject))


def overzicht_secties(
    user, inburgeraar, traject, geladen: Geladen | None = None
) -> list[CasusSectie]:
    """The apps' sections shown on the overview (casus modules without a tab of their own)."""
    return _secties(
        [m for m in koers_modules("casus") if not getattr(m, "TAB", None)],
        user,
        inburgeraar,
        traject,
        geladen,
    )


def tab_sectie(tab: Tab, user, inburgeraar, traject) -> CasusSectie | None:
    """The section of an app's tab, or None when the user may not see it."""
    gevonden = _secties([tab.module], user, inburgeraar, traject, None)
    return gevonden[0] if gevonden else None


def _secties(modules, user, inburgeraar, traject, geladen) -> list[CasusSectie]:
    secties = []
    for module in modules:
        context = module.casus_context(user, inburgeraar, traject, geladen=geladen)
        if context is not None:
            secties.append(CasusSectie(module.TEMPLATE, context))
    return secties
