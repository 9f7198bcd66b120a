"""Every date in Mijn Inburgering is written out in the page's language, through the one
formatter of Koers (koers.bouwstenen.weergave): "1 October 2026" in English, never Django's
short English style ("Oct. 1, 2026") and never an ISO date. Fixed days: the PIP's dagtekening
1 October 2026, the intake 15 January 2026, a message on 4 November 2026 at 10:00 (the
portal tests' clock)."""

import re

import pytest

from koers.portaal import services

pytestmark = pytest.mark.django_db

PAGINAS = ("/mijn/", "/mijn/plan/", "/mijn/afspraken/", "/mijn/berichten/")
ENGELS_KORT = re.compile(
    r"\b(Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)\.? \d{1,2}, \d{4}"
)
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _tekst(html: str) -> str:
    """What the reader sees: the page without its tags (links carry ISO dates in their URLs)."""
    body = html.split("<body", 1)[1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def _paginas(ik, taal: str) -> str:
    ik.post("/mijn/taal/", {"taal": taal})
    teksten = []
    for pagina in PAGINAS:
        response = ik.get(pagina)
        assert response.status_code == 200, pagina
        teksten.append(_tekst(response.content.decode()))
    return " ".join(teksten)


@pytest.fixture
def met_bericht(met_pip):
    services.stuur_bericht(met_pip.inburgeraar, "Hallo")
    return met_pip


def test_english_dates_are_written_out(ik, met_bericht):
    tekst = _paginas(ik, "en")
    assert "1 October 2026" in tekst  # the PIP's dagtekening (Mijn plan)
    assert "15 January 2026" in tekst  # the intake (Afspraken)
    assert "4 November 2026, 10:00" in tekst  # the message (Berichten)
    assert not ENGELS_KORT.search(tekst), ENGELS_KORT.search(tekst)
    assert not ISO.search(tekst), ISO.search(tekst)


@pytest.mark.parametrize(
    ("taal", "verwacht"),
    [
        ("ar", ("1 أكتوبر 2026", "15 يناير 2026")),
        ("ti", ("1 ጥቅምቲ 2026", "15 ጥሪ 2026")),
        ("uk", ("1 жовтня 2026", "15 січня 2026")),
        ("nl", ("1 oktober 2026", "15 januari 2026")),
    ],
)
def test_dates_are_written_out_in_other_languages(ik, met_bericht, taal, verwacht):
    tekst = _paginas(ik, taal)
    for datum in verwacht:
        assert datum in tekst, (taal, datum)
    assert "10:00" in tekst  # the message's moment, with its time
    assert not ENGELS_KORT.search(tekst), (taal, ENGELS_KORT.search(tekst))
    assert not ISO.search(tekst), (taal, ISO.search(tekst))
