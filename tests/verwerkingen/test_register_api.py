"""The register of processing activities in the API, read-only: one version of one entry of
one's own gemeente, for the privacy officer and the functioneel beheerder."""

import pytest

from koers.verwerkingen import register, rules
from tests.factories import GebruikerFactory

PAD = "/api/v1/verwerkingsactiviteiten"


@pytest.fixture
def regel(weert):
    return weert.verwerkingsactiviteiten.get(code=rules.REGISTER_DUO)


@pytest.fixture
def functioneel_beheer(weert):
    return GebruikerFactory(username="fabian", gemeente=weert, rollen=["beheerder"])


def _teksten(regel, **anders):
    regel.refresh_from_db()
    return dict({veld: getattr(regel, veld) for veld in regel.TEKSTVELDEN}, **anders)


@pytest.mark.parametrize("wie", ["privacy", "functioneel_beheer"])
def test_privacy_officer_and_beheer_read_every_version(api, request, wie, regel):
    oud_doel = regel.doel
    assert register.wijzig(regel, _teksten(regel, doel="Tweede doel"), "petra")
    client = api(request.getfixturevalue(wie))
    een = client.get(f"{PAD}/0988/{regel.code}/versies/1")
    twee = client.get(f"{PAD}/0988/{regel.code}/versies/2")
    assert een.status_code == twee.status_code == 200
    assert (een.json()["versie"], een.json()["doel"]) == (1, oud_doel)
    assert een.json()["geldig_tot"] == twee.json()["geldig_vanaf"]
    assert (twee.json()["doel"], twee.json()["geldig_tot"]) == ("Tweede doel", None)
    assert twee.json()["huidige_versie"] == een.json()["huidige_versie"] == 2
    assert (een.json()["gemeentecode"], een.json()["code"]) == ("0988", regel.code)


@pytest.mark.parametrize("wie", ["adviseur_weert", "teamleider_weert", "beleid"])
def test_other_roles_may_not(api, request, wie, regel):
    antwoord = api(request.getfixturevalue(wie)).get(f"{PAD}/0988/{regel.code}/versies/1")
    assert antwoord.status_code == 403
    assert antwoord.json() == {"detail": "U mag dit niet doen."}


def test_without_login_401(api, regel):
    assert api().get(f"{PAD}/0988/{regel.code}/versies/1").status_code == 401


@pytest.mark.parametrize(
    "pad",
    [
        "0946/inburgering-duo/versies/1",  # Nederweert's register
        "0988/inburgering-duo/versies/2",  # no such version
        "0988/bestaat-niet/versies/1",
        "0988/inburgering-duo/versies/0",
        "0988/inburgering-duo/versies/99999999999999999999999",
        "abcd/inburgering-duo/versies/1",
        "0988/inburgering-duo/versies/-1",
        "0988/inburgering-duo/versies/x",
    ],
)
def test_out_of_reach_or_nonsense_is_not_found(api, privacy, nederweert, pad):
    antwoord = api(privacy).get(f"{PAD}/{pad}")
    assert antwoord.status_code == 404
