"""Every vastgesteld PIP version goes to DUO: one Bericht, queued in the transaction of
vaststellen (RULES.md "PIP"; API PIP, operation postPipByBsn)."""

from datetime import date

import pytest

from koers.bouwstenen.weigering import Weigering
from koers.duo import meldingen
from koers.duo.models import Bericht
from koers.pip.models import PipVersie
from koers.pip.services import bewaar_concept, stel_vast
from tests.duo.meldingen_gegevens import (  # noqa: F401  (meldingen_dag is a fixture)
    assert_spec_geldig,
    geldig_pip,
    intake_af,
    meldingen_dag,
    vastgesteld,
)

pytestmark = pytest.mark.usefixtures("meldingen_dag")


@pytest.fixture
def traject(traject_weert, adviseur_weert):
    return intake_af(traject_weert, adviseur_weert)


def test_vaststellen_zet_precies_een_pip_melding_klaar(traject, adviseur_weert):
    pip = vastgesteld(traject, adviseur_weert)
    bericht = Bericht.objects.get()
    assert (bericht.soort, bericht.operation_id, bericht.methode) == ("pip", "postPipByBsn", "POST")
    assert bericht.pad == f"/personen/{traject.inburgeraar.bsn}/PIP"
    assert bericht.gemeente == traject.gemeente and bericht.traject == traject
    assert bericht.status == Bericht.Status.WACHTEND
    assert bericht.body == {
        "dagtekeningPip": "2026-10-01",
        "leerroute": "B",
        "niveau": "B1",
        "geschatteIntensiteitB1Route": 800,
        "indicatorMagOpleidingAfmaken": False,
        "indicatorAlfabetiseringsonderwijs": "NVT",
    }
    assert pip.is_vastgesteld
    assert_spec_geldig(bericht)


def test_zonder_niveau_stuurt_koers_geen_niveau(traject, adviseur_weert):
    """RULES.md: no niveau with B or O → DUO records B1. Koers sends what the adviseur chose."""
    vastgesteld(
        traject,
        adviseur_weert,
        niveau="",
        geschatte_intensiteit_b1_route=None,
        alfabetisering="",
        mag_opleiding_afmaken=None,
    )
    bericht = Bericht.objects.get()
    assert bericht.body == {"dagtekeningPip": "2026-10-01", "leerroute": "B"}
    assert_spec_geldig(bericht)


def test_elke_nieuwe_versie_gaat_naar_duo(traject, adviseur_weert):
    vastgesteld(traject, adviseur_weert)
    vastgesteld(
        traject,
        adviseur_weert,
        dagtekening=date(2026, 10, 10),
        leerroute="Z",
        niveau="A2",
        geschatte_intensiteit_b1_route=None,
    )
    bodies = list(Bericht.objects.order_by("pk").values_list("body", flat=True))
    assert [b["leerroute"] for b in bodies] == ["B", "Z"]
    assert bodies[1]["dagtekeningPip"] == "2026-10-10" and bodies[1]["niveau"] == "A2"


def test_weigering_door_pip_regels_zet_niets_klaar(traject, adviseur_weert):
    pip = bewaar_concept(traject, adviseur_weert, geldig_pip(leerroute="O", niveau="A2"))
    with pytest.raises(Weigering):
        stel_vast(traject, pip.versie, adviseur_weert)
    assert not Bericht.objects.exists()


def test_melding_en_vaststellen_samen_teruggedraaid(traject, adviseur_weert, monkeypatch):
    """The melding is queued, then vaststellen fails: neither stays."""
    echt = meldingen._plaats

    def plaats_en_faal(**kw):
        echt(**kw)
        assert Bericht.objects.count() == 1
        raise RuntimeError("storing na het klaarzetten")

    monkeypatch.setattr(meldingen, "_plaats", plaats_en_faal)
    pip = bewaar_concept(traject, adviseur_weert, geldig_pip())
    with pytest.raises(RuntimeError):
        stel_vast(traject, pip.versie, adviseur_weert)
    assert not Bericht.objects.exists()
    pip.refresh_from_db()
    assert pip.status == PipVersie.Status.CONCEPT


def test_meld_pip_alleen_voor_vastgesteld_pip(traject, adviseur_weert):
    pip = bewaar_concept(traject, adviseur_weert, geldig_pip())
    with pytest.raises(Weigering):
        meldingen.meld_pip(pip)
    assert not Bericht.objects.exists()
