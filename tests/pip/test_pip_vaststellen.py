"""PIP versions: drafts, vaststellen (version + beschikking + status + termijn in one
transaction) and later versions. Rules: shared/duo-m2m/RULES.md (PIP), Wi2021 art. 11/15."""

import hashlib
from datetime import date

import pytest
import time_machine

from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars.models import Gebeurtenis
from koers.inburgeraars.services import wijzig_status
from koers.intake.services import bewaar
from koers.pip.models import Beschikking, PipVersie
from koers.pip.services import bewaar_concept, stel_vast
from tests.intake.gegevens import volledige_intake
from tests.uitvoering import met_afgeronde_intake

VANDAAG = "2026-10-15 12:00 +02:00"


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel(VANDAAG, tick=False):
        yield


@pytest.fixture
def traject(traject_weert, adviseur_weert):
    """Plicht and vestiging from 1 June 2026 (factory); intake afgerond."""
    met_afgeronde_intake(traject_weert, adviseur_weert)
    traject_weert.refresh_from_db()
    return traject_weert


def geldig(**kw):
    return {
        "dagtekening": date(2026, 10, 1),
        "leerroute": "B",
        "niveau": "B1",
        "geschatte_intensiteit_b1_route": 800,
        "alfabetisering": "NVT",
        "toelichting_leerroute": "De LBT wijst op de B1-route.",
        "doelen": {"meedoen": "Vrijwilligerswerk bij de voedselbank."},
        "pvt_uren": 16,
        "map_uren": 40,
        "ontzorgen": True,
        **kw,
    }


def assert_niets_vastgesteld(traject, pip):
    traject.refresh_from_db()
    pip.refresh_from_db()
    assert pip.status == "concept"
    assert pip.vastgesteld_op is None
    assert not Beschikking.objects.exists()
    assert traject.status == "brede_intake"
    assert traject.termijn_start is None and traject.termijn_eind is None
    assert not traject.gebeurtenissen.filter(soort=Gebeurtenis.Soort.PIP_VASTGESTELD).exists()


def test_concept_wordt_opgeslagen_met_tijdlijn(traject, adviseur_weert):
    pip = bewaar_concept(traject, adviseur_weert, geldig())
    pip.refresh_from_db()
    assert (pip.versie, pip.status, pip.leerroute) == (1, "concept", "B")
    assert pip.aangemaakt_door == adviseur_weert
    assert traject.gebeurtenissen.filter(soort=Gebeurtenis.Soort.PIP_CONCEPT).count() == 1


def test_concept_opnieuw_opslaan_wijzigt_hetzelfde_concept(traject, adviseur_weert):
    bewaar_concept(traject, adviseur_weert, geldig(leerroute="B"))
    pip = bewaar_concept(
        traject,
        adviseur_weert,
        {"leerroute": "Z", "niveau": "A2", "geschatte_intensiteit_b1_route": None},
        versie=1,
    )
    assert PipVersie.objects.count() == 1
    pip.refresh_from_db()
    assert (pip.versie, pip.leerroute, pip.niveau) == (1, "Z", "A2")
    assert pip.geschatte_intensiteit_b1_route is None


@pytest.mark.parametrize(
    ("data", "sleutel"),
    [
        pytest.param({"leerroute": "X"}, "leerroute", id="unknown-leerroute"),
        pytest.param(
            {"leerroute": "B", "doelen": {"geluk": "x"}}, "doelen.geluk", id="unknown-dimension"
        ),
    ],
)
def test_concept_met_ongeldige_vorm_wordt_geweigerd(traject, adviseur_weert, data, sleutel):
    with pytest.raises(Weigering) as exc:
        bewaar_concept(traject, adviseur_weert, data)
    assert sleutel in exc.value.fouten
    assert not PipVersie.objects.exists()


def test_vaststellen_geweigerd_zolang_intake_open_is(traject_weert, adviseur_weert):
    bewaar(traject_weert, adviseur_weert, volledige_intake())  # draft, not afgerond
    pip = bewaar_concept(traject_weert, adviseur_weert, geldig())
    with pytest.raises(Weigering) as exc:
        stel_vast(traject_weert, 1, adviseur_weert)
    assert set(exc.value.fouten) == {"intake"}
    assert_niets_vastgesteld(traject_weert, pip)


def test_vaststellen_geweigerd_zonder_intake(traject_weert, adviseur_weert):
    pip = bewaar_concept(traject_weert, adviseur_weert, geldig())
    with pytest.raises(Weigering) as exc:
        stel_vast(traject_weert, 1, adviseur_weert)
    assert "intake" in exc.value.fouten
    pip.refresh_from_db()
    assert pip.status == "concept"
    assert not Beschikking.objects.exists()


@pytest.mark.parametrize(
    ("data", "doelgroep", "sleutel"),
    [
        pytest.param({"dagtekening": None}, None, "dagtekening", id="no-dagtekening"),
        pytest.param(
            {"dagtekening": date(2026, 5, 31)}, None, "dagtekening", id="before-start-plicht"
        ),
        pytest.param({"dagtekening": date(2026, 10, 16)}, None, "dagtekening", id="in-future"),
        pytest.param(
            {
                "leerroute": "O",
                "niveau": "A2",
                "geschatte_intensiteit_b1_route": None,
                "map_uren": None,
            },
            None,
            "niveau",
            id="A2-onderwijsroute",
        ),
        pytest.param(
            {"leerroute": "Z", "niveau": "B1", "geschatte_intensiteit_b1_route": None},
            None,
            "niveau",
            id="B1-zroute",
        ),
        pytest.param({"niveau": "A2"}, None, "niveau", id="A2-b1route-first-pip"),
        pytest.param(
            {"leerroute": "Z", "niveau": "A2"},
            None,
            "geschatte_intensiteit_b1_route",
            id="intensity-with-zroute",
        ),
        pytest.param(
            {"geschatte_intensiteit_b1_route": 10000},
            None,
            "geschatte_intensiteit_b1_route",
            id="intensity-above-9999",
        ),
        pytest.param(
            {"ontzorgen": False},
            "Gezinshereniger",
            "geschatte_intensiteit_b1_route",
            id="intensity-for-gezinsmigrant",
        ),
        pytest.param(
            {"geschatte_intensiteit_b1_route": None},
            "Gezinshereniger",
            "ontzorgen",
            id="ontzorgen-for-gezinsmigrant",
        ),
        pytest.param(
            {"leerroute": "O", "geschatte_intensiteit_b1_route": None},
            None,
            "map_uren",
            id="map-in-onderwijsroute",
        ),
        pytest.param({"pvt_uren": 11}, None, "pvt_uren", id="pvt-under-12-hours"),
    ],
)
def test_regelovertreding_wordt_geweigerd_en_niets_opgeslagen(
    traject, adviseur_weert, data, doelgroep, sleutel
):
    if doelgroep:
        traject.inburgeraar.doelgroep = doelgroep
        traject.inburgeraar.save()
    pip = bewaar_concept(traject, adviseur_weert, geldig(**data))
    with pytest.raises(Weigering) as exc:
        stel_vast(traject, 1, adviseur_weert)
    assert sleutel in exc.value.fouten
    assert_niets_vastgesteld(traject, pip)


def test_vaststellen_slaat_alles_samen_op(traject, adviseur_weert):
    bewaar_concept(traject, adviseur_weert, geldig())
    pip = stel_vast(traject, 1, adviseur_weert)

    pip.refresh_from_db()
    assert pip.status == "vastgesteld"
    assert pip.vastgesteld_door == adviseur_weert
    assert pip.vastgesteld_op is not None
    traject.refresh_from_db()
    assert traject.status == "pip_vastgesteld"
    assert traject.volgende_deadline is None  # the PIP clock stops
    # Wi2021 art. 11: three years from the day after the dagtekening (1 Oct 2026).
    assert (traject.termijn_start, traject.termijn_eind) == (date(2026, 10, 2), date(2029, 10, 2))
    assert traject.termijn_bron == "afgeleid"
    beschikking = Beschikking.objects.get(pip=pip)
    pdf = bytes(beschikking.pdf)
    assert pdf.startswith(b"%PDF")
    assert beschikking.sha256 == hashlib.sha256(pdf).hexdigest()
    assert "0988" in beschikking.kenmerk  # Weert's gemeentecode
    assert (
        traject.gebeurtenissen.filter(
            soort=Gebeurtenis.Soort.STATUS,
            van_status="brede_intake",
            naar_status="pip_vastgesteld",
            door=adviseur_weert,
        ).count()
        == 1
    )
    vastgesteld = traject.gebeurtenissen.get(soort=Gebeurtenis.Soort.PIP_VASTGESTELD)
    assert vastgesteld.door == adviseur_weert
    assert beschikking.kenmerk in vastgesteld.omschrijving


def test_vastgesteld_pip_verandert_niet(traject, adviseur_weert):
    bewaar_concept(traject, adviseur_weert, geldig())
    stel_vast(traject, 1, adviseur_weert)
    with pytest.raises(Weigering):
        bewaar_concept(traject, adviseur_weert, geldig(leerroute="Z"), versie=1)
    with pytest.raises(Weigering):
        stel_vast(traject, 1, adviseur_weert)
    pip = PipVersie.objects.get(versie=1)
    assert pip.leerroute == "B"
    assert Beschikking.objects.count() == 1


def test_tweede_versie_pas_na_vaststellen_van_de_eerste(traject, adviseur_weert):
    bewaar_concept(traject, adviseur_weert, geldig())
    with pytest.raises(Weigering):
        bewaar_concept(traject, adviseur_weert, geldig(), versie=2)
    with pytest.raises(Weigering):
        stel_vast(traject, 2, adviseur_weert)
    assert list(PipVersie.objects.values_list("versie", flat=True)) == [1]

    stel_vast(traject, 1, adviseur_weert)
    tweede = bewaar_concept(traject, adviseur_weert, geldig(dagtekening=date(2026, 10, 14)))
    assert (tweede.versie, tweede.status) == (2, "concept")


def test_tweede_versie_verschuift_de_termijn_niet(traject, adviseur_weert):
    bewaar_concept(traject, adviseur_weert, geldig())
    stel_vast(traject, 1, adviseur_weert)
    wijzig_status(traject, "in_uitvoering", adviseur_weert)

    # A later PIP may scale the B1-route down to A2 (not on the first PIP).
    bewaar_concept(traject, adviseur_weert, geldig(dagtekening=date(2026, 10, 14), niveau="A2"))
    stel_vast(traject, 2, adviseur_weert)

    traject.refresh_from_db()
    assert (traject.termijn_start, traject.termijn_eind) == (date(2026, 10, 2), date(2029, 10, 2))
    assert traject.status == "in_uitvoering"
    assert Beschikking.objects.count() == 2
    assert PipVersie.objects.get(versie=2).is_vastgesteld


@pytest.mark.parametrize(
    ("dagtekening", "toegestaan"),
    [
        pytest.param(date(2026, 9, 30), False, id="before-first-pip"),
        pytest.param(date(2026, 10, 1), True, id="same-day-as-first-pip"),
    ],
)
def test_tweede_versie_getoetst_aan_dagtekening_van_de_eerste(
    traject, adviseur_weert, dagtekening, toegestaan
):
    bewaar_concept(traject, adviseur_weert, geldig())
    stel_vast(traject, 1, adviseur_weert)
    bewaar_concept(traject, adviseur_weert, geldig(dagtekening=dagtekening))
    if toegestaan:
        assert stel_vast(traject, 2, adviseur_weert).is_vastgesteld
    else:
        with pytest.raises(Weigering) as exc:
            stel_vast(traject, 2, adviseur_weert)
        assert "eerste PIP" in exc.value.fouten["dagtekening"]
        assert PipVersie.objects.get(versie=2).status == "concept"
        assert Beschikking.objects.count() == 1


def test_leerroute_wijzigen_na_18_maanden_geweigerd(traject, adviseur_weert):
    bewaar_concept(traject, adviseur_weert, geldig())
    stel_vast(traject, 1, adviseur_weert)  # termijn from 2 Oct 2026; 18 months: 2 Apr 2028
    with time_machine.travel("2028-04-03 12:00 +02:00", tick=False):
        bewaar_concept(
            traject,
            adviseur_weert,
            geldig(
                dagtekening=date(2028, 4, 3),
                leerroute="Z",
                niveau="A2",
                geschatte_intensiteit_b1_route=None,
            ),
        )
        with pytest.raises(Weigering) as exc:
            stel_vast(traject, 2, adviseur_weert)
    assert "leerroute" in exc.value.fouten


def test_termijn_van_duo_blijft_staan(traject, adviseur_weert):
    traject.termijn_start, traject.termijn_eind = date(2026, 9, 20), date(2029, 9, 20)
    traject.termijn_bron = "duo"
    traject.save()
    bewaar_concept(traject, adviseur_weert, geldig())
    stel_vast(traject, 1, adviseur_weert)
    traject.refresh_from_db()
    assert (traject.termijn_start, traject.termijn_eind) == (date(2026, 9, 20), date(2029, 9, 20))
    assert traject.termijn_bron == "duo"


def test_vaststellen_op_afgerond_traject_geweigerd(traject, adviseur_weert):
    pip = bewaar_concept(traject, adviseur_weert, geldig())
    wijzig_status(traject, "afgerond", adviseur_weert, reden="vertrokken")
    with pytest.raises(Weigering):
        stel_vast(traject, 1, adviseur_weert)
    pip.refresh_from_db()
    assert pip.status == "concept"
    assert not Beschikking.objects.exists()
