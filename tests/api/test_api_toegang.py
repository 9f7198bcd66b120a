"""Who reaches what through the API: the same policy as the pages (koers.toegang.policy)."""

import pytest
from rest_framework.authtoken.models import Token

from koers.intake import services as intake_services
from koers.intake.models import BredeIntake
from tests.api.conftest import volledige_intake
from tests.factories import DelegatieFactory

pytestmark = pytest.mark.django_db

CASE_URLS = (
    "/api/v1/inburgeraars/{pk}",
    "/api/v1/inburgeraars/{pk}/brede-intake",
    "/api/v1/inburgeraars/{pk}/pips",
    "/api/v1/inburgeraars/{pk}/pips/1",
    "/api/v1/inburgeraars/{pk}/pips/1/beschikking",
)


@pytest.mark.parametrize("url", CASE_URLS)
def test_adviseur_ziet_geen_zaak_van_andere_gemeente(api, adviseur_weert, traject_cranendonck, url):
    response = api(adviseur_weert).get(url.format(pk=traject_cranendonck.inburgeraar_id))
    assert response.status_code == 404
    assert response.json() == {"detail": "Niet gevonden."}


def test_schrijven_buiten_bereik_is_404_en_verandert_niets(
    api, adviseur_weert, traject_cranendonck
):
    pk = traject_cranendonck.inburgeraar_id
    client = api(adviseur_weert)
    voornamen = traject_cranendonck.inburgeraar.voornamen
    assert (
        client.patch(f"/api/v1/inburgeraars/{pk}", {"voornamen": "X"}, format="json").status_code
        == 404
    )
    assert (
        client.put(
            f"/api/v1/inburgeraars/{pk}/brede-intake", {"plaats": "azc"}, format="json"
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/api/v1/inburgeraars/{pk}/pips", {"leerroute": "B"}, format="json"
        ).status_code
        == 404
    )
    traject_cranendonck.inburgeraar.refresh_from_db()
    assert traject_cranendonck.inburgeraar.voornamen == voornamen
    assert not traject_cranendonck.pips.exists()


def test_delegatie_geeft_bereik(api, adviseur_weert, weert, cranendonck, traject_cranendonck):
    pk = traject_cranendonck.inburgeraar_id
    client = api(adviseur_weert)
    assert client.get(f"/api/v1/inburgeraars/{pk}").status_code == 404
    assert client.get("/api/v1/inburgeraars").json()["results"] == []

    DelegatieFactory(van=cranendonck, aan=weert)

    response = client.get(f"/api/v1/inburgeraars/{pk}")
    assert response.status_code == 200
    assert response.json()["gemeentecode"] == "1706"
    assert [i["id"] for i in client.get("/api/v1/inburgeraars").json()["results"]] == [pk]
    # Aanmelden for the delegating gemeente is allowed now too.
    response = client.post(
        "/api/v1/inburgeraars",
        {
            "bsn": "111222333",
            "voornamen": "Sara",
            "geslachtsnaam": "Ali",
            "geboortedatum": "1995-01-01",
            "gemeentecode": "1706",
            "doelgroep": "Overig",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()


def test_aanmelden_bij_gemeente_buiten_bereik_geweigerd(api, adviseur_weert, cranendonck):
    response = api(adviseur_weert).post(
        "/api/v1/inburgeraars",
        {
            "bsn": "111222333",
            "voornamen": "Sara",
            "geslachtsnaam": "Ali",
            "geboortedatum": "1995-01-01",
            "gemeentecode": "1706",
            "doelgroep": "Overig",
        },
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["fouten"]) == ["gemeentecode"]
    assert "1706" in response.json()["fouten"]["gemeentecode"][0]


def test_teamleider_ziet_geen_gezondheid(api, adviseur_weert, teamleider_weert, traject_weert):
    intake_services.bewaar(traject_weert, adviseur_weert, volledige_intake())
    pk = traject_weert.inburgeraar_id

    adviseur = api(adviseur_weert).get(f"/api/v1/inburgeraars/{pk}/brede-intake").json()
    assert "gezondheid" in adviseur["onderwerpen"]
    assert len(adviseur["positieve_gezondheid"]) == 6

    response = api(teamleider_weert).get(f"/api/v1/inburgeraars/{pk}/brede-intake")
    assert response.status_code == 200
    teamleider = response.json()
    assert "gezondheid" not in teamleider["onderwerpen"]
    assert "positieve_gezondheid" not in teamleider
    assert "opleiding" in teamleider["onderwerpen"]
    assert b"Gaat redelijk" not in response.content


def test_teamleider_ziet_geen_ontbrekende_gezondheidsvelden(api, teamleider_weert, traject_weert):
    pk = traject_weert.inburgeraar_id
    ontbrekend = (
        api(teamleider_weert).get(f"/api/v1/inburgeraars/{pk}/brede-intake").json()["ontbrekend"]
    )
    assert "onderwerpen.opleiding.toelichting" in ontbrekend
    assert not [
        k for k in ontbrekend if k.startswith(("onderwerpen.gezondheid", "positieve_gezondheid"))
    ]


def test_teamleider_mag_intake_en_pip_niet_bewerken(api, teamleider_weert, traject_weert):
    pk = traject_weert.inburgeraar_id
    client = api(teamleider_weert)
    assert (
        client.put(
            f"/api/v1/inburgeraars/{pk}/brede-intake", {"plaats": "azc"}, format="json"
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/api/v1/inburgeraars/{pk}/pips", {"leerroute": "B"}, format="json"
        ).status_code
        == 403
    )
    assert not BredeIntake.objects.filter(traject=traject_weert).exists()


@pytest.mark.parametrize("wie", ["beleid", "financien", "beheerder"])
def test_geen_dossiertoegang(api, request, traject_weert, wie):
    user = request.getfixturevalue(wie)
    client = api(user)
    pk = traject_weert.inburgeraar_id
    response = client.get("/api/v1/inburgeraars")
    assert response.status_code == 200 and response.json()["results"] == []
    for url in CASE_URLS:
        assert client.get(url.format(pk=pk)).status_code == 404
    assert (
        client.patch(f"/api/v1/inburgeraars/{pk}", {"voornamen": "X"}, format="json").status_code
        == 404
    )
    response = client.post("/api/v1/inburgeraars", {"bsn": "111222333"}, format="json")
    assert response.status_code == 403


def test_token_authenticatie(api, adviseur_weert, traject_weert):
    token = Token.objects.create(user=adviseur_weert)
    client = api()
    assert client.get("/api/v1/inburgeraars").status_code == 401
    client.credentials(HTTP_AUTHORIZATION="Token ongeldig")
    response = client.get("/api/v1/inburgeraars")
    assert response.status_code == 401
    assert set(response.json()) == {"detail"}
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.get("/api/v1/inburgeraars")
    assert response.status_code == 200
    assert [i["id"] for i in response.json()["results"]] == [traject_weert.inburgeraar_id]


def test_a_token_brings_its_user_with_organisation_and_gemeente_in_one_query(
    api, adviseur_weert, django_assert_num_queries
):
    """Every API call asks the policy about the user's organisation and gemeente: the token's
    query loads them, and an inactive user's token still opens nothing."""
    from rest_framework.exceptions import AuthenticationFailed

    from koers.organisaties.auth import KoersTokenAuthentication

    token = Token.objects.create(user=adviseur_weert)
    with django_assert_num_queries(1):
        user, gevonden = KoersTokenAuthentication().authenticate_credentials(token.key)
        assert user.organisatie.naam and user.gemeente.pk == adviseur_weert.gemeente.pk
    assert gevonden == token
    adviseur_weert.is_active = False
    adviseur_weert.save()
    with pytest.raises(AuthenticationFailed):
        KoersTokenAuthentication().authenticate_credentials(token.key)


def test_inactieve_gebruiker_komt_er_niet_in(api, adviseur_weert, traject_weert):
    client = api(adviseur_weert)
    adviseur_weert.is_active = False
    adviseur_weert.save()
    assert client.get("/api/v1/inburgeraars").status_code == 401


def test_sessie_zonder_tweede_factor_geweigerd(adviseur_weert, traject_weert, client):
    client.force_login(adviseur_weert)
    response = client.get("/api/v1/inburgeraars")
    assert response.status_code == 403
