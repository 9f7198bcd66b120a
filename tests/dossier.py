"""Reading a case's dossier in tests as a user does: the overview and every tab its menu
offers (koers.bouwstenen.secties). ``dossier`` returns all of it as one text, so a test can
ask whether something is shown to this user anywhere in the dossier; ``tab`` reads one tab."""

from __future__ import annotations

import re

_TAB_LINK = re.compile(r'id="tab-([a-z-]+)" href="([^"]+)"')


def overzicht_url(pk) -> str:
    return f"/inburgeraars/{pk}/"


def tab_url(pk, tab: str) -> str:
    return overzicht_url(pk) if tab == "overzicht" else f"/inburgeraars/{pk}/dossier/{tab}/"


def tabs(html: str) -> dict[str, str]:
    """The tabs a dossier page offers: slug → URL."""
    return dict(_TAB_LINK.findall(html))


def tab(client, pk, sleutel: str) -> str:
    antwoord = client.get(tab_url(pk, sleutel))
    assert antwoord.status_code == 200, (sleutel, antwoord.status_code)
    return antwoord.content.decode()


def dossier(client, pk) -> str:
    """The overview and every tab it offers, as one text (the overview first)."""
    overzicht = tab(client, pk, "overzicht")
    aangeboden = tabs(overzicht)
    assert "overzicht" in aangeboden, "the dossier has no tab menu"
    delen = [overzicht]
    for sleutel, url in aangeboden.items():
        if sleutel != "overzicht":
            antwoord = client.get(url)
            assert antwoord.status_code == 200, (sleutel, antwoord.status_code)
            delen.append(antwoord.content.decode())
    return "\n".join(delen)


ALLE_TABS = (
    "intake",
    "pip",
    "gesprekken",
    "leerroute",
    "modules",
    "begeleiding",
    "netwerk",
    "handhaving",
    "verwijzingen",
    "berichten",
    "kosten",
    "duo",
    "tijdlijn",
)
