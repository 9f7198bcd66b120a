"""Saving the brede intake as a draft, and afronden when the law's minimum is complete (or
the person did not come)."""

import datetime as dt

import pytest

from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars.models import Gebeurtenis
from koers.inburgeraars.services import wijzig_status
from koers.intake.models import BredeIntake, IntakeAfspraak
from koers.intake.services import bewaar, leg_afspraak_vast, open_punten, rond_af
from tests.intake.gegevens import volledige_intake


def test_concept_bewaart_gedeeltelijke_gegevens(traject_weert, adviseur_weert):
    intake = bewaar(
        traject_weert,
        adviseur_weert,
        {
            "plaats": "azc",
            "onderwerpen": {
                "opleiding": {
                    "toelichting": "Middelbare school in Aleppo.",
                    "hoogste_niveau": "voortgezet",
                }
            },
            "positieve_gezondheid": {"meedoen": {"score": 4}},
        },
    )
    intake.refresh_from_db()
    assert intake.status == "concept"
    assert intake.plaats == "azc"
    assert intake.onderwerpen == {
        "opleiding": {"toelichting": "Middelbare school in Aleppo.", "hoogste_niveau": "voortgezet"}
    }
    assert intake.positieve_gezondheid == {"meedoen": {"score": 4}}


def test_tweede_concept_laat_andere_onderwerpen_staan(traject_weert, adviseur_weert):
    bewaar(
        traject_weert,
        adviseur_weert,
        {
            "onderwerpen": {"opleiding": {"toelichting": "A"}},
            "positieve_gezondheid": {"meedoen": {"score": 4}},
        },
    )
    intake = bewaar(
        traject_weert,
        adviseur_weert,
        {
            "onderwerpen": {"sociaal_netwerk": {"toelichting": "B"}},
            "positieve_gezondheid": {"zingeving": {"score": 7}},
        },
    )
    intake.refresh_from_db()
    assert intake.onderwerpen == {
        "opleiding": {"toelichting": "A"},
        "sociaal_netwerk": {"toelichting": "B"},
    }
    assert intake.positieve_gezondheid == {"meedoen": {"score": 4}, "zingeving": {"score": 7}}
    assert BredeIntake.objects.count() == 1


def test_eerste_opslag_zet_traject_op_brede_intake(traject_weert, adviseur_weert):
    assert traject_weert.status == "aangemeld"
    bewaar(traject_weert, adviseur_weert, {"plaats": "gemeente"})
    traject_weert.refresh_from_db()
    assert traject_weert.status == "brede_intake"
    assert (
        traject_weert.gebeurtenissen.filter(
            soort=Gebeurtenis.Soort.STATUS,
            van_status="aangemeld",
            naar_status="brede_intake",
            door=adviseur_weert,
        ).count()
        == 1
    )
    assert (
        traject_weert.gebeurtenissen.filter(soort=Gebeurtenis.Soort.INTAKE_OPGESLAGEN).count() == 1
    )
    # A second save does not move the status again.
    bewaar(traject_weert, adviseur_weert, {"plaats": "elders"})
    assert traject_weert.gebeurtenissen.filter(soort=Gebeurtenis.Soort.STATUS).count() == 1


def test_gezondheid_staat_in_eigen_kolom(traject_weert, adviseur_weert):
    bewaar(
        traject_weert,
        adviseur_weert,
        {
            "onderwerpen": {
                "gezondheid": {"toelichting": "Rugklachten.", "belemmeringen": True},
                "opleiding": {"toelichting": "Geen."},
            }
        },
    )
    intake = BredeIntake.objects.get(traject=traject_weert)
    assert intake.gezondheid == {"toelichting": "Rugklachten.", "belemmeringen": True}
    assert "gezondheid" not in intake.onderwerpen
    assert "Rugklachten" not in str(intake.onderwerpen)
    assert intake.alle_onderwerpen()["gezondheid"]["belemmeringen"] is True


@pytest.mark.parametrize(
    ("data", "sleutel"),
    [
        pytest.param(
            {"onderwerpen": {"hobby": {"toelichting": "x"}}},
            "onderwerpen.hobby",
            id="unknown-topic",
        ),
        pytest.param(
            {"onderwerpen": {"opleiding": {"toelichting": "x", "cijferlijst": "8"}}},
            "onderwerpen.opleiding.cijferlijst",
            id="unknown-field",
        ),
        pytest.param(
            {"onderwerpen": {"opleiding": "mbo"}}, "onderwerpen.opleiding", id="topic-not-an-object"
        ),
        pytest.param(
            {"onderwerpen": {"opleiding": {"jaren_onderwijs": 99}}},
            "onderwerpen.opleiding.jaren_onderwijs",
            id="field-out-of-range",
        ),
        pytest.param(
            {"positieve_gezondheid": {"geluk": {"score": 5}}},
            "positieve_gezondheid.geluk",
            id="unknown-dimension",
        ),
        pytest.param(
            {"positieve_gezondheid": {"meedoen": {"score": 11}}},
            "positieve_gezondheid.meedoen.score",
            id="score-out-of-range",
        ),
        pytest.param({"lbt_uitslag": "Geslaagd"}, "lbt_uitslag", id="unknown-lbt-result"),
        pytest.param({"lbt_score": 41}, "lbt_score", id="lbt-score-out-of-range"),
        pytest.param({"plaats": "thuis"}, "plaats", id="unknown-place"),
    ],
)
def test_ongeldige_intake_wordt_geweigerd_en_niets_opgeslagen(
    traject_weert, adviseur_weert, data, sleutel
):
    with pytest.raises(Weigering) as exc:
        bewaar(traject_weert, adviseur_weert, data)
    assert sleutel in exc.value.fouten
    assert not BredeIntake.objects.exists()
    traject_weert.refresh_from_db()
    assert traject_weert.status == "aangemeld"
    assert not traject_weert.gebeurtenissen.exists()


def test_afronden_zonder_intake_wordt_geweigerd(traject_weert, adviseur_weert):
    with pytest.raises(Weigering):
        rond_af(traject_weert, adviseur_weert)


def test_afronden_onvolledig_noemt_precies_wat_ontbreekt(traject_weert, adviseur_weert):
    """Only the law's minimum blocks afronden (Wi2021 art. 14: LBT, education and work,
    personal circumstances incl. health, and the two information duties)."""
    data = volledige_intake(gesprek_zonder_partner_aangeboden=False)
    del data["onderwerpen"]["werkervaring"]
    data["onderwerpen"]["gezinssituatie"]["kinderen_onder_6"] = 1
    bewaar(traject_weert, adviseur_weert, data)

    with pytest.raises(Weigering) as exc:
        rond_af(traject_weert, adviseur_weert)
    assert set(exc.value.fouten) == {
        "onderwerpen.werkervaring.toelichting",
        "onderwerpen.werkervaring.jaren_werkervaring",
        "gesprek_zonder_partner_aangeboden",
        "vve_informatie_gegeven",
    }
    intake = BredeIntake.objects.get(traject=traject_weert)
    assert intake.status == "concept"
    assert intake.afgerond_op is None


@pytest.mark.parametrize(
    "onderwerp", ["leerbaarheid", "opleiding", "werkervaring", "gezondheid", "gezinssituatie"]
)
def test_elk_wettelijk_onderwerp_blokkeert(traject_weert, adviseur_weert, onderwerp):
    data = volledige_intake()
    del data["onderwerpen"][onderwerp]
    bewaar(traject_weert, adviseur_weert, data)
    with pytest.raises(Weigering) as exc:
        rond_af(traject_weert, adviseur_weert)
    assert f"onderwerpen.{onderwerp}.toelichting" in exc.value.fouten


def test_geen_lbt_uitslag_blokkeert(traject_weert, adviseur_weert):
    bewaar(traject_weert, adviseur_weert, volledige_intake(lbt_uitslag="", lbt_score=None))
    with pytest.raises(Weigering) as exc:
        rond_af(traject_weert, adviseur_weert)
    assert set(exc.value.fouten) == {"lbt_uitslag"}


def test_onderwerpen_van_de_startnotitie_blokkeren_niet(traject_weert, adviseur_weert):
    """The startnotitie's extra topics and Positieve Gezondheid are expected, not required:
    they stay open on the timeline and never make the 10-week PIP deadline impossible."""
    data = volledige_intake(plaats="")
    del data["onderwerpen"]["werknemersvaardigheden"]
    del data["positieve_gezondheid"]["zingeving"]
    bewaar(traject_weert, adviseur_weert, data)
    intake = rond_af(traject_weert, adviseur_weert)
    assert intake.is_afgerond
    gebeurtenis = traject_weert.gebeurtenissen.get(soort=Gebeurtenis.Soort.INTAKE_AFGEROND)
    assert gebeurtenis.toelichting.startswith("Nog open (startnotitie):")
    assert "Werknemersvaardigheden" in gebeurtenis.toelichting
    assert "Zingeving" in gebeurtenis.toelichting


def test_niet_verschenen_dan_afronden_met_wat_bekend_is(traject_weert, adviseur_weert):
    intake = bewaar(
        traject_weert,
        adviseur_weert,
        {
            "plaats": "gemeente",
            "onderwerpen": {
                "opleiding": {
                    "toelichting": "Uit het dossier: mbo.",
                    "hoogste_niveau": "mbo",
                    "jaren_onderwijs": 12,
                }
            },
        },
    )
    assert "lbt_uitslag" in open_punten(intake)["minimum"]
    with pytest.raises(Weigering):
        rond_af(traject_weert, adviseur_weert)
    # An appointment that is still ahead does not count.
    leg_afspraak_vast(
        traject_weert, adviseur_weert, {"datum": dt.date.today(), "status": "gepland"}
    )
    with pytest.raises(Weigering):
        rond_af(traject_weert, adviseur_weert)
    leg_afspraak_vast(
        traject_weert,
        adviseur_weert,
        {
            "datum": dt.date.today(),
            "status": "niet_verschenen",
            "toelichting": "Niet gekomen, geen bericht.",
        },
    )
    assert IntakeAfspraak.objects.filter(status="niet_verschenen").count() == 1
    intake = rond_af(traject_weert, adviseur_weert)
    assert intake.is_afgerond
    gebeurtenis = traject_weert.gebeurtenissen.get(soort=Gebeurtenis.Soort.INTAKE_AFGEROND)
    assert "niet verschenen" in gebeurtenis.toelichting
    assert "leerbaarheidstoets" in gebeurtenis.toelichting


@pytest.mark.parametrize(
    ("data", "veld"),
    [
        ({"datum": None, "status": "gepland"}, "datum"),
        ({"datum": "morgen", "status": "gepland"}, "datum"),
        ({"status": "vergeten"}, "status"),
        ({"status": "verschenen", "toelichting": "x" * 2001}, "toelichting"),
    ],
)
def test_afspraak_foute_invoer_slaat_niets_op(traject_weert, adviseur_weert, data, veld):
    with pytest.raises(Weigering) as exc:
        leg_afspraak_vast(traject_weert, adviseur_weert, {"datum": dt.date.today(), **data})
    assert veld in exc.value.fouten
    assert not IntakeAfspraak.objects.exists()


def test_niet_verschenen_niet_vooruit(traject_weert, adviseur_weert):
    morgen = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(Weigering) as exc:
        leg_afspraak_vast(
            traject_weert, adviseur_weert, {"datum": morgen, "status": "niet_verschenen"}
        )
    assert "datum" in exc.value.fouten
    assert (
        leg_afspraak_vast(
            traject_weert, adviseur_weert, {"datum": morgen, "status": "gepland"}
        ).status
        == "gepland"
    )


def test_volledige_intake_wordt_afgerond(traject_weert, adviseur_weert):
    bewaar(traject_weert, adviseur_weert, volledige_intake())
    intake = rond_af(traject_weert, adviseur_weert)
    intake.refresh_from_db()
    assert intake.is_afgerond
    assert intake.afgerond_door == adviseur_weert
    assert intake.afgerond_op is not None
    traject_weert.refresh_from_db()
    assert traject_weert.status == "brede_intake"
    assert (
        traject_weert.gebeurtenissen.filter(
            soort=Gebeurtenis.Soort.INTAKE_AFGEROND, door=adviseur_weert
        ).count()
        == 1
    )


def test_afgeronde_intake_verandert_niet_meer(traject_weert, adviseur_weert):
    bewaar(traject_weert, adviseur_weert, volledige_intake())
    rond_af(traject_weert, adviseur_weert)
    with pytest.raises(Weigering):
        bewaar(traject_weert, adviseur_weert, {"plaats": "azc"})
    with pytest.raises(Weigering):
        rond_af(traject_weert, adviseur_weert)
    intake = BredeIntake.objects.get(traject=traject_weert)
    assert intake.plaats == "gemeente"


def test_intake_van_afgerond_traject_verandert_niet(traject_weert, adviseur_weert):
    bewaar(traject_weert, adviseur_weert, volledige_intake())
    wijzig_status(traject_weert, "afgerond", adviseur_weert, reden="vertrokken")
    with pytest.raises(Weigering):
        bewaar(traject_weert, adviseur_weert, {"plaats": "azc"})
    with pytest.raises(Weigering):
        rond_af(traject_weert, adviseur_weert)
    intake = BredeIntake.objects.get(traject=traject_weert)
    assert intake.status == "concept"
    assert intake.plaats == "gemeente"


def test_intake_van_traject_dat_elders_is_afgerond_verandert_niet(traject_weert, adviseur_weert):
    """The caller's traject instance may be stale (closed in another request meanwhile)."""
    bewaar(traject_weert, adviseur_weert, volledige_intake())
    elders = type(traject_weert).objects.get(pk=traject_weert.pk)
    wijzig_status(elders, "afgerond", adviseur_weert, reden="overleden")
    assert traject_weert.status == "brede_intake"  # stale on purpose
    with pytest.raises(Weigering):
        bewaar(traject_weert, adviseur_weert, {"plaats": "azc"})
    assert BredeIntake.objects.get(traject=traject_weert).plaats == "gemeente"
