"""The /_sim/ tools of the BRP simulator: fault injection, reset, received requests,
changing a person, the page, and the Python interface the product's tests use."""

import httpx
import pytest

from koers.brp.simulator import app
from tests.brp.simulator_hulp import ALLEEN, GEWOON, NIET_GEVONDEN, persoon, vraag


def post(brp_sim, body, **kwargs):
    return httpx.post(f"{brp_sim.base_url}/personen", json=body, timeout=5, **kwargs)


def beheer(brp_sim, pad):
    return app.beheer_url(brp_sim.base_url) + pad


def test_a_503_for_as_many_requests_as_asked(brp_sim):
    brp_sim.sim.storing(status=503, aantal=2)
    eerste, tweede = (
        post(brp_sim, vraag([GEWOON], ["naam"])),
        post(brp_sim, vraag([GEWOON], ["naam"])),
    )
    assert [eerste.status_code, tweede.status_code] == [503, 503]
    assert eerste.json()["code"] == "notAvailable"
    assert eerste.headers["content-type"].startswith("application/problem+json")
    assert post(brp_sim, vraag([GEWOON], ["naam"])).status_code == 200


def test_a_500_with_a_body_over_http(brp_sim):
    body = {"type": "about:blank", "title": "Kapot", "status": 500, "code": "serverError"}
    antwoord = httpx.post(beheer(brp_sim, "/storing"), json={"status": 500, "body": body})
    assert antwoord.status_code == 200
    fout = post(brp_sim, vraag([GEWOON], ["naam"]))
    assert (fout.status_code, fout.json()) == (500, body)


@pytest.mark.parametrize("status", [401, 403, 429])
def test_other_statuses_carry_rvigs_problem(brp_sim, status):
    brp_sim.sim.storing(status=status)
    antwoord = post(brp_sim, vraag([GEWOON], ["naam"]))
    assert (antwoord.status_code, antwoord.json()["status"]) == (status, status)


def test_a_delay_makes_the_client_time_out(brp_sim):
    brp_sim.sim.storing(status=None, vertraging=1.0)
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(f"{brp_sim.base_url}/personen", json=vraag([GEWOON], ["naam"]), timeout=0.2)
    assert post(brp_sim, vraag([GEWOON], ["naam"])).status_code == 200


def test_received_bodies_newest_last_and_reset(brp_sim):
    post(brp_sim, vraag([GEWOON], ["naam"]))
    post(brp_sim, vraag([ALLEEN], ["naam"]))
    ontvangen = httpx.get(beheer(brp_sim, "/ontvangen")).json()
    assert [b["burgerservicenummer"] for b in ontvangen] == [[GEWOON], [ALLEEN]]
    assert brp_sim.sim.ontvangen == ontvangen
    brp_sim.sim.storing(status=503, aantal=5)
    brp_sim.sim.zet_persoon(persoon(NIET_GEVONDEN, "Nieuw", "Persoon"))
    assert httpx.post(beheer(brp_sim, "/reset")).status_code == 200
    assert brp_sim.sim.ontvangen == []
    antwoord = post(brp_sim, vraag([NIET_GEVONDEN], ["naam"]))
    assert antwoord.status_code == 200
    assert antwoord.json()["personen"] == []


def test_a_changed_address_is_seen_on_the_next_request(brp_sim):
    verhuisd = persoon(GEWOON, "Rania", "Haddad")
    verhuisd["verblijfplaats"]["verblijfadres"]["postcode"] = "6002CD"
    assert brp_sim.sim.zet_persoon(verhuisd) is False
    adres = post(brp_sim, vraag([GEWOON], ["verblijfplaats.verblijfadres.postcode"])).json()
    assert adres["personen"][0]["verblijfplaats"]["verblijfadres"]["postcode"] == "6002CD"


def test_put_a_person_over_http(brp_sim):
    url = beheer(brp_sim, f"/_sim/personen/{NIET_GEVONDEN}".replace("/_sim", "", 1))
    nieuw = httpx.put(url, json=persoon(NIET_GEVONDEN, "Nieuw", "Persoon"))
    assert nieuw.status_code == 201
    assert post(brp_sim, vraag([NIET_GEVONDEN], ["naam"])).json()["personen"]
    fout = httpx.put(url, json={"burgerservicenummer": NIET_GEVONDEN, "leeftijd": "oud"})
    assert fout.status_code == 400
    assert "Persoon" in fout.json()["fout"]
    anders = httpx.put(url, json=persoon(GEWOON, "Rania", "Haddad"))
    assert anders.status_code == 400


def test_the_page_lists_the_persons_escaped(brp_sim):
    pagina = httpx.get(beheer(brp_sim, "/"))
    assert pagina.status_code == 200
    assert GEWOON in pagina.text
    assert "gewoon &lt;gezin&gt;" in pagina.text
    assert "<gezin>" not in pagina.text


def test_an_invalid_storing_is_refused(brp_sim):
    assert httpx.post(beheer(brp_sim, "/storing"), json={"status": 299}).status_code == 400


def test_an_answer_outside_the_contract_for_a_client_test(brp_sim):
    brp_sim.sim.storing(status=200, body={"type": "RaadpleegMetBurgerservicenummer", "x": 1})
    antwoord = post(brp_sim, vraag([GEWOON], ["naam"]))
    assert antwoord.status_code == 200
    assert antwoord.headers["content-type"].startswith("application/json")
    assert antwoord.json() == {"type": "RaadpleegMetBurgerservicenummer", "x": 1}
