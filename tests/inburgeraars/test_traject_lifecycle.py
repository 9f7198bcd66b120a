"""The traject's lifecycle (DOMAIN.md "The traject, step by step"):
aangemeld → brede intake → PIP vastgesteld → in uitvoering → afgerond; a case can be closed
from every open status (plicht can end at any moment), only with a reason; closed stays closed.
"""

import itertools

import pytest
import time_machine

from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars.models import Gebeurtenis, Traject
from koers.inburgeraars.rules import Afrondingsreden, transition_errors
from koers.inburgeraars.services import wijzig_status

LEVENSLOOP = ["aangemeld", "brede_intake", "pip_vastgesteld", "in_uitvoering", "afgerond"]


def _toegestaan(van: str, naar: str) -> bool:
    """One step forward, or closing an open case."""
    if van == "afgerond":
        return False
    if naar == "afgerond":
        return True
    return LEVENSLOOP.index(naar) == LEVENSLOOP.index(van) + 1


PAREN = list(itertools.product(LEVENSLOOP, LEVENSLOOP))


@pytest.mark.parametrize(("van", "naar"), PAREN, ids=[f"{a}->{b}" for a, b in PAREN])
def test_overgang_volgt_de_levensloop(van, naar):
    reden = "voldaan" if naar == "afgerond" else None
    fouten = transition_errors(van, naar, reden)
    assert (fouten == []) is _toegestaan(van, naar), fouten


@pytest.mark.parametrize("van", LEVENSLOOP[:-1])
def test_afronden_zonder_reden_wordt_geweigerd(van):
    fouten = transition_errors(van, "afgerond", None)
    assert len(fouten) == 1
    assert "reden" in fouten[0]


@pytest.mark.parametrize("van", LEVENSLOOP[:-1])
@pytest.mark.parametrize("reden", [r.value for r in Afrondingsreden])
def test_elke_afrondingsreden_is_geldig(van, reden):
    assert transition_errors(van, "afgerond", reden) == []


@pytest.mark.parametrize(
    ("van", "naar"),
    [
        ("aangemeld", "brede_intake"),
        ("brede_intake", "pip_vastgesteld"),
        ("pip_vastgesteld", "in_uitvoering"),
    ],
)
def test_reden_hoort_alleen_bij_afronden(van, naar):
    fouten = transition_errors(van, naar, "voldaan")
    assert fouten == ["Een reden hoort alleen bij afronden."]


def test_onbekende_reden_wordt_geweigerd():
    fouten = transition_errors("in_uitvoering", "afgerond", "met vakantie")
    assert any("Onbekende reden" in f for f in fouten)


@pytest.mark.parametrize("naar", LEVENSLOOP)
def test_afgerond_blijft_afgerond(naar):
    reden = "voldaan" if naar == "afgerond" else None
    assert transition_errors("afgerond", naar, reden) != []


def test_onbekende_doelstatus_wordt_geweigerd():
    assert transition_errors("aangemeld", "gepauzeerd", None) == ["Onbekende status: gepauzeerd."]


def test_onbekende_huidige_status_is_een_programmeerfout():
    with pytest.raises(ValueError):
        transition_errors("gepauzeerd", "afgerond", "voldaan")


# --- service: wijzig_status -------------------------------------------------------------


@time_machine.travel("2026-09-15 10:00 +02:00", tick=False)
def test_statuswijziging_legt_vast_wie_wanneer_en_waarom(traject_weert, adviseur_weert):
    wijzig_status(traject_weert, "brede_intake", adviseur_weert, toelichting="Eerste gesprek")

    traject_weert.refresh_from_db()
    assert traject_weert.status == "brede_intake"
    entry = traject_weert.gebeurtenissen.get(soort=Gebeurtenis.Soort.STATUS)
    assert entry.door == adviseur_weert
    assert entry.van_status == "aangemeld"
    assert entry.naar_status == "brede_intake"
    assert entry.toelichting == "Eerste gesprek"
    assert entry.op.isoformat() == "2026-09-15T08:00:00+00:00"


def test_afronden_bewaart_de_reden(traject_weert, adviseur_weert):
    wijzig_status(
        traject_weert,
        "afgerond",
        adviseur_weert,
        reden="verhuisd",
        toelichting="Verhuisd naar Roermond",
    )
    # The caller's instance is updated as well as the row.
    assert traject_weert.status == "afgerond"
    traject_weert.refresh_from_db()
    assert traject_weert.afrondingsreden == "verhuisd"
    assert not traject_weert.is_open
    entry = traject_weert.gebeurtenissen.get(soort=Gebeurtenis.Soort.STATUS)
    assert entry.van_status == "aangemeld"
    assert entry.naar_status == "afgerond"
    assert "Verhuisd" in entry.omschrijving


@pytest.mark.parametrize(
    ("naar", "reden"),
    [
        pytest.param("pip_vastgesteld", "", id="skip-intake"),
        pytest.param("afgerond", "", id="close-without-reason"),
        pytest.param("brede_intake", "voldaan", id="reason-without-close"),
        pytest.param("aangemeld", "", id="same-status"),
    ],
)
def test_geweigerde_overgang_verandert_niets(traject_weert, adviseur_weert, naar, reden):
    voor = traject_weert.gebeurtenissen.count()
    with pytest.raises(Weigering) as exc:
        wijzig_status(traject_weert, naar, adviseur_weert, reden=reden)
    assert "status" in exc.value.fouten
    assert traject_weert.status == "aangemeld"
    row = Traject.objects.get(pk=traject_weert.pk)
    assert row.status == "aangemeld"
    assert row.afrondingsreden == ""
    assert traject_weert.gebeurtenissen.count() == voor


def test_afgerond_traject_kan_niet_heropend_worden(traject_weert, adviseur_weert):
    wijzig_status(traject_weert, "afgerond", adviseur_weert, reden="vertrokken")
    for naar in ("aangemeld", "brede_intake", "pip_vastgesteld", "in_uitvoering"):
        with pytest.raises(Weigering):
            wijzig_status(traject_weert, naar, adviseur_weert)
    with pytest.raises(Weigering):
        wijzig_status(traject_weert, "afgerond", adviseur_weert, reden="voldaan")
    traject_weert.refresh_from_db()
    assert traject_weert.status == "afgerond"
    assert traject_weert.afrondingsreden == "vertrokken"


def test_onbekende_status_wordt_geweigerd_zonder_crash(traject_weert, adviseur_weert):
    with pytest.raises(Weigering) as exc:
        wijzig_status(traject_weert, "gepauzeerd", adviseur_weert)
    assert "status" in exc.value.fouten
    assert Traject.objects.get(pk=traject_weert.pk).status == "aangemeld"


def test_hele_levensloop_met_tijdlijn(traject_weert, adviseur_weert):
    for naar in LEVENSLOOP[1:-1]:
        wijzig_status(traject_weert, naar, adviseur_weert)
    wijzig_status(traject_weert, "afgerond", adviseur_weert, reden="voldaan")
    stappen = list(
        traject_weert.gebeurtenissen.filter(soort="status")
        .order_by("op", "id")
        .values_list("van_status", "naar_status")
    )
    assert stappen == list(zip(LEVENSLOOP, LEVENSLOOP[1:], strict=False))
