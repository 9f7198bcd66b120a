"""Every read and write of a case is logged, centrally: the UI case page, the API, and
every change through koers.inburgeraars.services.registreer."""

import pytest
from django.db import transaction

from koers.inburgeraars import services as inburgeraar_services
from koers.toegang.policy import Sectie
from koers.verwerkingen.models import Verwerking


def pagina(traject):
    return f"/inburgeraars/{traject.inburgeraar_id}/"


def test_case_page_read_is_logged_once(als, adviseur_weert, traject_weert):
    assert als(adviseur_weert).get(pagina(traject_weert)).status_code == 200
    v = Verwerking.objects.get()
    assert (v.actor_id, v.actor_naam, v.kanaal, v.handeling) == (
        adviseur_weert.pk,
        "alice",
        "ui",
        "lezen",
    )
    assert v.inburgeraar_id == traject_weert.inburgeraar_id
    assert v.traject_id == traject_weert.pk
    assert set(v.secties) == {s.value for s in Sectie}  # the adviseur sees every section


def test_teamleider_read_lists_only_his_sections(als, teamleider_weert, traject_weert):
    als(teamleider_weert).get(pagina(traject_weert))
    secties = set(Verwerking.objects.get().secties)
    assert Sectie.GEZONDHEID not in secties and Sectie.ONTZORGEN not in secties
    assert Sectie.PIP in secties


def test_case_outside_reach_logs_nothing(als, adviseur_cranendonck, traject_weert):
    assert als(adviseur_cranendonck).get(pagina(traject_weert)).status_code == 404
    assert not Verwerking.objects.exists()


def test_api_read_is_logged_with_channel_api(api, adviseur_weert, traject_weert):
    pk = traject_weert.inburgeraar_id
    assert api(adviseur_weert).get(f"/api/v1/inburgeraars/{pk}").status_code == 200
    v = Verwerking.objects.get()
    assert (v.kanaal, v.handeling, v.secties) == ("api", "lezen", [Sectie.PERSONALIA.value])
    assert v.inburgeraar_id == pk and v.actor_naam == "alice"


def test_api_change_is_logged_as_api_write(api, adviseur_weert, traject_weert):
    pk = traject_weert.inburgeraar_id
    response = api(adviseur_weert).patch(
        f"/api/v1/inburgeraars/{pk}", {"telefoon": "0612345678"}, format="json"
    )
    assert response.status_code == 200, response.content
    schrijf = Verwerking.objects.get(handeling="wijzigen")
    assert (schrijf.kanaal, schrijf.secties) == ("api", [Sectie.PERSONALIA.value])


def test_ui_change_is_logged_as_ui_write(als, adviseur_weert, traject_weert):
    client = als(adviseur_weert)
    response = client.post(pagina(traject_weert) + "status/", {"status": "afgerond"})
    assert response.status_code == 200  # refused: no reason given, so no change logged
    assert not Verwerking.objects.filter(handeling="wijzigen").exists()
    response = client.post(
        pagina(traject_weert) + "status/",
        {"status": "afgerond", "reden": "verhuisd", "toelichting": "Verhuisd."},
    )
    assert response.status_code == 302
    schrijf = Verwerking.objects.get(handeling="wijzigen")
    assert (schrijf.kanaal, schrijf.actor_naam, schrijf.secties) == (
        "ui",
        "alice",
        [Sectie.TRAJECT.value],
    )


def test_service_write_is_logged(adviseur_weert, traject_weert):
    inburgeraar_services.wijzig_gegevens(
        traject_weert.inburgeraar, adviseur_weert, telefoon="0687654321"
    )
    v = Verwerking.objects.get()
    assert (v.handeling, v.kanaal, v.actor_naam) == ("wijzigen", "job", "alice")
    assert v.traject_id == traject_weert.pk and v.secties == [Sectie.PERSONALIA.value]


def test_section_follows_the_timeline_soort(adviseur_weert, traject_weert):
    inburgeraar_services.registreer(traject_weert, "handhaving", "Waarschuwing", adviseur_weert)
    assert Verwerking.objects.get().secties == [Sectie.HANDHAVING.value]


def test_duo_message_without_user_is_a_job(traject_weert):
    inburgeraar_services.registreer(traject_weert, "duo", "Bericht van DUO")
    v = Verwerking.objects.get()
    assert (v.actor_id, v.kanaal, v.activiteit) == (None, "job", "DUO-bericht")


def test_rolled_back_write_leaves_no_record(adviseur_weert, traject_weert):
    class Terug(Exception):
        """Raised to roll the change back."""

    with pytest.raises(Terug), transaction.atomic():
        inburgeraar_services.wijzig_gegevens(
            traject_weert.inburgeraar, adviseur_weert, telefoon="0611111111"
        )
        assert Verwerking.objects.count() == 1
        raise Terug
    assert not Verwerking.objects.exists()
    from koers.verwerkingen.services import verifieer

    assert verifieer() is None


def test_api_registration_is_logged_with_channel_api(api, adviseur_weert, weert):
    from tests.factories import valid_bsn

    response = api(adviseur_weert).post(
        "/api/v1/inburgeraars",
        {
            "bsn": valid_bsn(4242),
            "voornamen": "Test",
            "geslachtsnaam": "Persoon",
            "geboortedatum": "1990-01-01",
            "doelgroep": "Asielstatushouder",
            "gemeentecode": "0988",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    v = Verwerking.objects.get()
    assert (v.handeling, v.kanaal, v.secties) == ("wijzigen", "api", [Sectie.PERSONALIA.value])
    assert v.inburgeraar_id == response.json()["id"]


def test_channel_is_job_again_after_a_request(als, adviseur_weert, traject_weert):
    als(adviseur_weert).get(pagina(traject_weert))
    inburgeraar_services.registreer(traject_weert, "duo", "Bericht van DUO")
    assert Verwerking.objects.get(handeling="wijzigen").kanaal == "job"
