"""Health reaches a reader through text too: in a voortgangsgesprek, notes and subgoals under
a health dimension of Positieve Gezondheid and interventions of soort gezondheid ("Zorg:
huisarts, GGZ of AMW") are for who may see the health section (AVG art. 9), on the case
page, the gesprek page and in the API."""

import pytest
import time_machine

from koers.inburgeraars.models import Gebeurtenis
from koers.monitoring import rules, services
from tests.monitoring.conftest import DAGTEKENING
from tests.uitvoering import met_vastgesteld_pip

ZORG = rules.INTERVENTIES["gezondheid"]
GESPREK = {
    "gehouden_op": "2027-01-05",
    "verslag": "Goed gesprek.",
    "voortgang": {
        "mentaal_welbevinden": {"voortgang": "achter", "toelichting": "Nachtmerries na de vlucht"},
        "meedoen": {"voortgang": "op_schema", "toelichting": "Gaat naar de club"},
    },
    "subdoelen": {
        "mentaal_welbevinden": "Intake bij de GGZ-praktijk",
        "meedoen": "Twee keer per week sporten",
    },
    "interventies": [
        {"soort": "gezondheid", "omschrijving": "Verwijzing naar de POH-GGZ"},
        {"soort": "taal", "omschrijving": "Extra lesuur"},
    ],
}
GEHEIM = ("Nachtmerries", "GGZ-praktijk", "POH-GGZ", ZORG)


@pytest.fixture
def gesprek(traject_weert, adviseur_weert, op):
    with time_machine.travel("2026-10-01 10:00:00+02:00", tick=False):
        met_vastgesteld_pip(
            traject_weert,
            adviseur_weert,
            dagtekening=DAGTEKENING,
            doelen={"mentaal_welbevinden": "Beter slapen", "meedoen": "Lid van een sportclub."},
        )
    with op("2027-01-05"):
        return services.leg_gesprek_vast(
            traject_weert, adviseur_weert, dict(GESPREK), met_gezondheid=True
        )


def test_rule_drops_health_dimensions_and_care():
    voortgang, subdoelen, interventies = rules.gesprek_zonder_gezondheid(
        GESPREK["voortgang"], GESPREK["subdoelen"], GESPREK["interventies"]
    )
    assert set(voortgang) == set(subdoelen) == {"meedoen"}
    assert [iv["soort"] for iv in interventies] == ["taal"]


def test_api_teamleider_gets_no_health_text(api, gesprek, adviseur_weert, teamleider_weert, op):
    url = f"/api/v1/inburgeraars/{gesprek.traject.inburgeraar_id}/gesprekken"
    with op("2027-01-06"):
        for response in (
            api(teamleider_weert).get(url),
            api(teamleider_weert).get(f"{url}/{gesprek.pk}"),
        ):
            assert response.status_code == 200
            tekst = response.content.decode()
            assert "Gaat naar de club" in tekst and "Extra lesuur" in tekst
            for woord in GEHEIM:
                assert woord not in tekst
        detail = api(teamleider_weert).get(f"{url}/{gesprek.pk}").json()
        assert set(detail["voortgang"]) == set(detail["subdoelen"]) == {"meedoen"}
        assert [iv["soort"] for iv in detail["interventies"]] == ["taal"]

        adviseur = api(adviseur_weert).get(f"{url}/{gesprek.pk}").json()
        assert adviseur["voortgang"] == GESPREK["voortgang"]
        assert adviseur["subdoelen"] == GESPREK["subdoelen"]
        assert len(adviseur["interventies"]) == 2


def test_pages_teamleider_get_no_health_text(als, gesprek, adviseur_weert, teamleider_weert, op):
    pk = gesprek.traject.inburgeraar_id
    with op("2027-01-06"):
        client = als(teamleider_weert)
        casus = client.get(f"/inburgeraars/{pk}/dossier/gesprekken/")
        assert casus.status_code == 200
        assert "Extra taalondersteuning" in casus.content.decode()
        assert ZORG not in casus.content.decode()
        assert ZORG.lower() not in casus.content.decode()  # nor in the timeline
        pagina = client.get(f"/inburgeraars/{pk}/gesprekken/{gesprek.pk}/")
        assert pagina.status_code == 200
        tekst = pagina.content.decode()
        assert "Gaat naar de club" in tekst and "Lid van een sportclub" in tekst
        for woord in (*GEHEIM, "Beter slapen", "Mentaal welbevinden"):
            assert woord not in tekst

        client = als(adviseur_weert)
        assert ZORG in client.get(f"/inburgeraars/{pk}/dossier/gesprekken/").content.decode()
        tekst = client.get(f"/inburgeraars/{pk}/gesprekken/{gesprek.pk}/").content.decode()
        assert "Nachtmerries" in tekst and "POH-GGZ" in tekst and "Beter slapen" in tekst


def test_timeline_names_no_care_intervention(gesprek):
    regel = Gebeurtenis.objects.filter(
        traject=gesprek.traject, soort=Gebeurtenis.Soort.GESPREK
    ).latest("id")
    assert "extra taalondersteuning" in regel.omschrijving
    assert "huisarts" not in regel.omschrijving.lower()


def test_without_health_access_health_text_is_refused_and_kept(gesprek, adviseur_weert, op):
    with op("2027-01-06"):
        with pytest.raises(services.Weigering) as fout:
            services.leg_gesprek_vast(
                gesprek.traject,
                adviseur_weert,
                dict(GESPREK),
                met_gezondheid=False,
                gesprek=gesprek,
            )
        assert set(fout.value.fouten) == {"voortgang", "subdoelen", "interventies"}
        zonder = {
            **GESPREK,
            "voortgang": {"meedoen": GESPREK["voortgang"]["meedoen"]},
            "subdoelen": {"meedoen": "Drie keer per week sporten"},
            "interventies": [{"soort": "taal", "omschrijving": "Extra lesuur"}],
        }
        services.leg_gesprek_vast(
            gesprek.traject, adviseur_weert, zonder, met_gezondheid=False, gesprek=gesprek
        )
    gesprek.refresh_from_db()
    assert gesprek.voortgang == GESPREK["voortgang"]
    assert gesprek.subdoelen == {
        "mentaal_welbevinden": "Intake bij de GGZ-praktijk",
        "meedoen": "Drie keer per week sporten",
    }
    assert sorted(iv["soort"] for iv in gesprek.interventies) == ["gezondheid", "taal"]
