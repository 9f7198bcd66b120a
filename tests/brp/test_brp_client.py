"""Koers' BRP client against the BRP simulator over real HTTP: what it asks, what it reads,
and every way the BRP can fail — always one BrpFout with a Dutch message that quotes no
personal data."""

import socket

import pytest
from prometheus_client import REGISTRY

from koers.brp import rules
from koers.brp.client import BrpClient, BrpFout
from koers.brp.simulator import app, scenario
from tests.brp.simulator_hulp import GEHEIM, GEWOON, NIET_GEVONDEN, SCENARIO, schema_fouten

pytestmark = pytest.mark.django_db


def _client(brp_sim, **opties):
    return BrpClient(base_url=brp_sim.base_url, **opties)


def _metriek(naam, **labels):
    return REGISTRY.get_sample_value(naam, labels) or 0.0


def _geen_persoonsgegevens(tekst):
    for persoon in SCENARIO["personen"]:
        assert persoon["burgerservicenummer"] not in tekst
        assert persoon["naam"]["geslachtsnaam"] not in tekst


def test_vraagt_alleen_de_velden_van_koers_en_leest_de_persoon(brp_sim):
    persoon = _client(brp_sim).raadpleeg_een(GEWOON)
    assert persoon["naam"]["voornamen"] == "Rania"
    vraag = brp_sim.sim.ontvangen[-1]
    assert vraag == {
        "type": "RaadpleegMetBurgerservicenummer",
        "fields": list(rules.FIELDS),
        "burgerservicenummer": [GEWOON],
    }
    # Only what was asked (and what the BRP adds by itself) came back.
    gevraagd = {f.split(".")[0] for f in rules.FIELDS}
    assert set(persoon) <= gevraagd | {"geheimhoudingPersoonsgegevens", "inOnderzoek"}
    assert "ouders" not in persoon and "aNummer" not in persoon
    assert schema_fouten("Persoon", persoon) == []


def test_een_onbekend_bsn_is_geen_fout_maar_niemand(brp_sim):
    assert _client(brp_sim).raadpleeg_een(NIET_GEVONDEN) is None
    assert _client(brp_sim).raadpleeg([NIET_GEVONDEN, GEHEIM])[0]["burgerservicenummer"] == GEHEIM


def test_een_ongeldige_vraag_wordt_niet_verstuurd(brp_sim):
    with pytest.raises(BrpFout) as fout:
        _client(brp_sim).raadpleeg(["12345678X"])
    assert fout.value.permanent
    assert "burgerservicenummer[0]: pattern" in fout.value.melding
    assert "12345678X" not in fout.value.melding
    assert brp_sim.sim.ontvangen == []


@pytest.mark.parametrize("status", [500, 503])
def test_serverfout_is_tijdelijk(brp_sim, status):
    voor = _metriek("koers_brp_request_errors_total", operation="Personen", outcome="server_error")
    brp_sim.sim.storing(status=status, aantal=1)
    with pytest.raises(BrpFout) as fout:
        _client(brp_sim).raadpleeg_een(GEWOON)
    assert not fout.value.permanent
    assert fout.value.status == status
    assert "tijdelijk niet beschikbaar" in fout.value.melding
    assert (
        _metriek("koers_brp_request_errors_total", operation="Personen", outcome="server_error")
        == voor + 1
    )
    # The fault is over: the next request succeeds.
    assert _client(brp_sim).raadpleeg_een(GEWOON)["burgerservicenummer"] == GEWOON


def test_een_probleem_met_persoonsgegevens_komt_niet_in_de_melding(brp_sim):
    brp_sim.sim.storing(
        status=500,
        body={
            "type": "https://example.org/fout",
            "title": f"Fout bij {GEWOON} Haddad",
            "status": 500,
            "detail": f"Persoon Rania Haddad {GEWOON} niet te verwerken",
            "code": "serverError",
        },
    )
    with pytest.raises(BrpFout) as fout:
        _client(brp_sim).raadpleeg_een(GEWOON)
    assert "code serverError" in fout.value.melding
    _geen_persoonsgegevens(fout.value.melding)
    _geen_persoonsgegevens(repr(fout.value))


def test_400_is_blijvend_en_noemt_de_parameter(brp_sim):
    with pytest.raises(BrpFout) as fout:
        _client(brp_sim).raadpleeg([GEWOON], fields=["naam.bestaatNiet"])
    assert fout.value.permanent
    assert fout.value.status == 400
    assert "HTTP 400" in fout.value.melding
    assert fout.value.code


@pytest.mark.parametrize("status", [401, 403, 429])
def test_toegang_en_drukte_zijn_tijdelijk(brp_sim, status):
    brp_sim.sim.storing(status=status)
    with pytest.raises(BrpFout) as fout:
        _client(brp_sim).raadpleeg_een(GEWOON)
    assert not fout.value.permanent
    assert f"HTTP {status}" in fout.value.melding


def test_time_out(brp_sim):
    brp_sim.sim.storing(status=None, vertraging=1.5)
    voor = _metriek("koers_brp_request_errors_total", operation="Personen", outcome="timeout")
    with pytest.raises(BrpFout) as fout:
        _client(brp_sim, timeout=0.3).raadpleeg_een(GEWOON)
    assert not fout.value.permanent
    assert "niet binnen 0.3 seconden" in fout.value.melding
    assert (
        _metriek("koers_brp_request_errors_total", operation="Personen", outcome="timeout")
        == voor + 1
    )


def test_geen_verbinding(db):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]  # closed again: nobody listens there
    with pytest.raises(BrpFout) as fout:
        BrpClient(base_url=f"http://127.0.0.1:{poort}/haalcentraal/api/brp").raadpleeg_een(GEWOON)
    assert not fout.value.permanent
    assert "niet bereikbaar" in fout.value.melding


def test_niet_ingesteld(settings):
    settings.BRP_BASE_URL = ""
    with pytest.raises(BrpFout) as fout:
        BrpClient().raadpleeg_een(GEWOON)
    assert "KOERS_BRP_BASE_URL" in fout.value.melding
    assert not fout.value.permanent


def test_een_antwoord_buiten_de_afspraken_is_een_fout(brp_sim):
    # A gateway answers 200 with a body that breaks RvIG's file.
    brp_sim.sim.storing(
        status=200,
        body={
            "type": "RaadpleegMetBurgerservicenummer",
            "personen": [{"burgerservicenummer": GEWOON, "naam": {"voornamen": "Rania<script>"}}],
        },
    )
    with pytest.raises(BrpFout) as fout:
        _client(brp_sim).raadpleeg_een(GEWOON)
    assert not fout.value.permanent
    assert "niet aan de afspraken voldoet" in fout.value.melding
    assert "naam.voornamen: pattern" in fout.value.melding
    assert "<script>" not in fout.value.melding
    _geen_persoonsgegevens(fout.value.melding)


def test_api_sleutel_in_de_header(settings):
    sim = app.Simulator(scenario.laad(SCENARIO), api_key="geheim-123")
    server, base_url = app.start_in_thread(sim)
    try:
        with pytest.raises(BrpFout) as fout:
            BrpClient(base_url=base_url, api_key="").raadpleeg_een(GEWOON)
        assert fout.value.status == 401
        assert "geheim-123" not in fout.value.melding
        settings.BRP_API_KEY = "geheim-123"
        assert BrpClient(base_url=base_url).raadpleeg_een(GEWOON)["burgerservicenummer"] == GEWOON
        settings.BRP_API_KEY_HEADER = "X-Andere-Header"
        with pytest.raises(BrpFout):
            BrpClient(base_url=base_url).raadpleeg_een(GEWOON)
    finally:
        server.shutdown()
        server.server_close()


def test_geslaagde_aanroep_wordt_gemeten(brp_sim):
    voor = _metriek("koers_brp_request_duration_seconds_count", operation="Personen", outcome="ok")
    _client(brp_sim).raadpleeg_een(GEWOON)
    assert (
        _metriek("koers_brp_request_duration_seconds_count", operation="Personen", outcome="ok")
        == voor + 1
    )


def test_mutual_tls_zonder_leesbare_bestanden(tmp_path):
    client = BrpClient(
        base_url="https://brp.example.org/haalcentraal/api/brp",
        client_cert=str(tmp_path / "bestaat-niet.pem"),
        client_key=str(tmp_path / "ook-niet.pem"),
    )
    with pytest.raises(BrpFout) as fout:
        client.raadpleeg_een(GEWOON)
    assert "certificaat" in fout.value.melding
    assert not fout.value.permanent
