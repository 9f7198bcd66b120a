"""How the client reads DUO's answers: parsed and checked against DUO's definitions, or a
DuoFout that says whether trying again can help (``permanent``)."""

import logging

import httpx
import pytest

from koers.duo.client import AFSPRAKEN, DuoFout
from tests.duo.duo_host import DuoHost
from tests.duo.voorbeelden import BSN, GEMEENTE_OIN

PIP = {"dagtekeningPip": "2026-03-01", "leerroute": "B"}
GEMEENTE_PIP = {"gemeentecode": "0988", "pip": PIP}


def _haal_pip(duo):
    return duo.client().call("getPipByBsn", bron=GEMEENTE_OIN, path_params={"bsn": BSN})


def _meld_pip(duo):
    return duo.client().call("postPipByBsn", bron=GEMEENTE_OIN, path_params={"bsn": BSN}, body=PIP)


def test_200_wordt_gelezen():
    antwoord = _haal_pip(DuoHost(body=GEMEENTE_PIP))
    assert antwoord.status == 200
    assert antwoord.body == GEMEENTE_PIP
    assert antwoord.api_version == "1.2.0"
    assert antwoord.operation_id == "getPipByBsn"


def test_201_zonder_body_is_een_bevestiging():
    antwoord = _meld_pip(DuoHost(status=201))
    assert (antwoord.status, antwoord.body) == (201, None)


def test_een_lijst_wordt_gelezen():
    boetes = [{"bedrag": 340, "datum": "2026-01-15"}]
    assert DuoHost(body=boetes).client().get_boetes(BSN, bron=GEMEENTE_OIN) == boetes


@pytest.mark.parametrize("status", [400, 403])
def test_foutmelding_van_duo_is_permanent_met_foutteksten(status):
    teksten = [
        "Dagtekening PIP ligt voor de start van de inburgeringsplicht.",
        "Niveau A2 is niet toegestaan bij leerroute O.",
    ]
    duo = DuoHost(status=status, body=[{"fouttekst": t} for t in teksten])

    with pytest.raises(DuoFout) as fout:
        _meld_pip(duo)

    assert fout.value.permanent is True
    assert fout.value.status == status
    assert fout.value.foutteksten == teksten
    assert teksten[0] in fout.value.melding


def test_weigering_zonder_toelichting_is_ook_permanent():
    with pytest.raises(DuoFout) as fout:
        _meld_pip(DuoHost(status=400))
    assert fout.value.permanent is True and fout.value.foutteksten == []
    assert "zonder toelichting" in fout.value.melding


def test_weigering_met_een_toelichting_buiten_de_afspraken_blijft_een_weigering():
    with pytest.raises(DuoFout) as fout:
        _meld_pip(DuoHost(status=400, body={"melding": "fout"}))
    assert fout.value.permanent is True and fout.value.foutteksten == []
    assert "voldoet niet aan de afspraken" in fout.value.melding


def test_404_is_niet_bekend_bij_duo():
    with pytest.raises(DuoFout) as fout:
        _haal_pip(DuoHost(status=404))
    assert fout.value.permanent is True
    assert fout.value.status == 404
    assert "niet bekend bij DUO" in fout.value.melding


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_storing_bij_duo_is_tijdelijk(status):
    with pytest.raises(DuoFout) as fout:
        _meld_pip(DuoHost(status=status, headers={}))  # a gateway sends no API-Version
    assert fout.value.permanent is False
    assert fout.value.status == status


@pytest.mark.parametrize(
    ("fout", "melding"),
    [
        (httpx.ReadTimeout("timed out"), "antwoordde niet binnen 10 seconden"),
        (httpx.ConnectTimeout("timed out"), "antwoordde niet binnen"),
        (httpx.ConnectError("Connection refused"), "niet bereikbaar (ConnectError)"),
        (httpx.RemoteProtocolError("Server disconnected"), "niet bereikbaar"),
    ],
)
def test_time_out_en_geen_verbinding_zijn_tijdelijk(settings, fout, melding):
    settings.DUO_TIMEOUT = 10

    def breek(request):
        raise fout

    with pytest.raises(DuoFout) as gevangen:
        _meld_pip(DuoHost(antwoord=breek))
    assert gevangen.value.permanent is False
    assert gevangen.value.status is None
    assert melding in gevangen.value.melding


def test_de_time_out_komt_uit_de_instellingen(settings):
    settings.DUO_TIMEOUT = 7
    duo = DuoHost(body=GEMEENTE_PIP)
    client = duo.client()
    _ = client.call("getPipByBsn", bron=GEMEENTE_OIN, path_params={"bsn": BSN})
    assert duo.laatste.extensions["timeout"] == {
        "connect": 7.0,
        "read": 7.0,
        "write": 7.0,
        "pool": 7.0,
    }


@pytest.mark.parametrize(
    ("duo", "reden"),
    [
        (DuoHost(body=GEMEENTE_PIP, headers={}), "header API-Version: verplicht, ontbreekt"),
        (
            DuoHost(body=GEMEENTE_PIP, headers={"API-Version": "1.2"}),
            "header API-Version: voldoet niet aan het patroon",
        ),
        (
            DuoHost(body={"gemeentecode": "0988", "pip": {"leerroute": "B"}}),
            "body.pip.dagtekeningPip: verplicht, ontbreekt",
        ),
        (
            DuoHost(body={"gemeentecode": "0988", "pip": {**PIP, "leerroute": "Q"}}),
            "body.pip.leerroute: moet een van B, O, Z zijn",
        ),
        (DuoHost(body=None), "body: verplicht, ontbreekt"),
        (
            DuoHost(
                body=b'{"gemeentecode": "0988", "gemeentecode": "0989", "pip": {}}',
                headers={"API-Version": "1.2.0", "Content-Type": "application/json"},
            ),
            "body: is geen geldige JSON",
        ),
        (
            DuoHost(
                body=b"<html>Storing</html>",
                headers={"API-Version": "1.2.0", "Content-Type": "text/html"},
            ),
            "body: is geen JSON (Content-Type text/html)",
        ),
        (DuoHost(status=201), "status 201 is niet gedocumenteerd voor getPipByBsn"),
        (DuoHost(status=418), "status 418 is niet gedocumenteerd"),
        (
            DuoHost(
                body=GEMEENTE_PIP,
                echo=False,
                headers={
                    "API-Version": "1.2.0",
                    "berichtId": "00000000-0000-4000-8000-000000000000",
                },
            ),
            "header berichtId: is niet het berichtId van het verzoek",
        ),
        # a 404 from a gateway (no API-Version) is not DUO saying it does not know the person
        (DuoHost(status=404, headers={}), "header API-Version: verplicht, ontbreekt"),
        # nor is a 403 from a gateway a refusal by DUO
        (DuoHost(status=403, headers={}), "header API-Version: verplicht, ontbreekt"),
    ],
)
def test_een_antwoord_buiten_de_afspraken_wordt_geweigerd(duo, reden):
    with pytest.raises(DuoFout) as fout:
        _haal_pip(duo)
    assert fout.value.permanent is False
    assert fout.value.melding.startswith(AFSPRAKEN)
    assert reden in fout.value.melding


def test_een_ontbrekend_bericht_id_in_het_antwoord_mag():
    antwoord = _haal_pip(DuoHost(body=GEMEENTE_PIP, echo=False))
    assert antwoord.body == GEMEENTE_PIP


def test_een_teruggegeven_bericht_id_in_hoofdletters_is_hetzelfde():
    def antwoord(request):
        return httpx.Response(
            200,
            json=GEMEENTE_PIP,
            headers={"API-Version": "1.2.0", "berichtId": request.headers["berichtId"].upper()},
        )

    assert _haal_pip(DuoHost(antwoord=antwoord)).body == GEMEENTE_PIP


def test_geen_bsn_in_de_logging(caplog):
    caplog.set_level(logging.DEBUG)
    _haal_pip(DuoHost(body=GEMEENTE_PIP))
    with pytest.raises(DuoFout):
        _haal_pip(DuoHost(body={"gemeentecode": BSN}))
    with pytest.raises(DuoFout):
        _haal_pip(
            DuoHost(
                antwoord=lambda r: (_ for _ in ()).throw(
                    httpx.ConnectError(f"cannot connect to /personen/{BSN}/PIP")
                )
            )
        )

    assert "getPipByBsn" in caplog.text
    assert BSN not in caplog.text
