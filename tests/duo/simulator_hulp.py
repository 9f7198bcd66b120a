"""The DUO simulator on a free port for the tests, with a small scenario of its own.

Three gemeenten with the OINs of the named cast (tests/conftest.py), three persons: Amira lives
in Weert (asielstatushouder), Mehmet in Nederweert (gezinsvormer), Semhar in a COA location
linked to Cranendonck.
"""

from __future__ import annotations

import uuid
from datetime import date

import httpx
import pytest
from django.conf import settings

from koers.duo import spec
from koers.duo.simulator import app, scenario
from koers.inburgeraars.rules import doelgroepindeling
from tests.factories import valid_bsn

WEERT_OIN = "00000001001234567890"
NEDERWEERT_OIN = "00000001009876543210"
CRANENDONCK_OIN = "00000001001111122222"
AMIRA, MEHMET, SEMHAR = valid_bsn(901), valid_bsn(902), valid_bsn(903)
ONBEKEND = valid_bsn(904)
BOW, TST = "1000000001", "1000000003"


def _persoon(bsn, naam, gemeente, doelgroep, **extra):
    return {
        "bsn": bsn, "naam": naam, "gemeente": gemeente, "vestigingsdatum": "vandaag-120d",
        "plicht": {"indicatorInburgeringsplicht": True, "begindatum": "vandaag-130d",
                   "datumKennisgevingInburgeringsplicht": "vandaag-130d"},
        "plichtHistorie": [{"indicatorInburgeringsplicht": True, "begindatum": "vandaag-130d"}],
        "doelgroep": {"gedetailleerdeDoelgroep": doelgroep, "begindatum": "vandaag-130d"},
        "doelgroepHistorie": [{"indeling": doelgroepindeling(doelgroep).value,
                               "begindatum": "vandaag-130d"}],
        **extra,
    }


SCENARIO = {
    "gemeenten": [{"code": "0988", "naam": "Weert", "oin": WEERT_OIN},
                  {"code": "0946", "naam": "Nederweert", "oin": NEDERWEERT_OIN},
                  {"code": "1706", "naam": "Cranendonck", "oin": CRANENDONCK_OIN}],
    "instellingen": [
        {"instellingsnummer": BOW, "naam": "Taalcentrum", "postcode": "6001AB", "huisnummer": 1,
         "plaatsnaam": "Weert", "indicatieBowKeurmerk": True, "indicatieTstKeurmerk": False},
        {"instellingsnummer": TST, "naam": "Vakcollege", "postcode": "6021EF", "huisnummer": 4,
         "plaatsnaam": "Budel", "brin": "12AB", "indicatieBowKeurmerk": False,
         "indicatieTstKeurmerk": True}],
    "verlengingsgronden": [{"code": "ZIEKTE", "omschrijving": "Ziekte of beperking"}],
    "personen": [
        _persoon(AMIRA, "Amira Al-Hassan", "0988", "Asielstatushouder", vNummer=9900000001,
                 lbtExamennummer="LBT000000001",
                 lbtResultaten=[{"resultaat": "B1-route haalbaar", "behaaldeScore": "31,00",
                                 "benodigdeScore": "28,00", "datumAfname": "vandaag-100d"}],
                 examenresultaten=[{"examendatum": "vandaag-20d", "resultaat": "Geslaagd",
                                    "onderdeel": "KNM"}],
                 gratispogingen=[{"onderdeel": "LE", "gratisPogingenTegoed": 2}],
                 vrijstellingen=[{"GedeeltelijkeVrijstelling": {
                     "reden": "GED", "oordeel": "Toekenning", "examenonderdeel": "LE",
                     "examenniveau": "B1", "datumOordeel": "vandaag-30d"}}],
                 ontheffingen=[{"GedeeltelijkeOntheffing": {
                     "oordeel": "Afwijzing", "datumOordeel": "vandaag-40d", "grond": "MED"}}],
                 boetes=[{"bedrag": 250, "datum": "vandaag-5d"}],
                 verlengingen=[{"beoordelingAanvraag": "InBehandeling",
                                "ontvangstdatum": "vandaag-3d"}]),
        _persoon(MEHMET, "Mehmet Yılmaz", "0946", "Gezinsvormer"),
        _persoon(SEMHAR, "Semhar Tekle", "1706", "Asielstatushouder", coa=True,
                 coaGemeente="1706"),
    ],
}

GET_PERSOON = ("getInburgeringsplichtByBsn", "getInburgeringsplichthistorieByBsn",
               "getDoelgroepByBsn", "getDoelgroephistorieByBsn", "getInburgeringstermijnByBsn",
               "getInburgeringstermijnhistorieByBsn", "getExamennummerByBsn",
               "getLbtResultatenByBsn", "getExamenresultatenByBsn",
               "getGratisPogingenTegoedByBsn", "getVrijstellingenByBsn", "getOntheffingenByBsn",
               "getBoetesByBsn", "getVerlengingenByBsn", "getPipByBsn", "getMapByBsn",
               "getPvtByBsn", "getGevolgdeUrenByBsn")


class Duo:
    """A client for the simulator under test, speaking as one gemeente."""

    def __init__(self, base_url: str, sim: app.Simulator):
        self.base_url = base_url
        self.beheer = app.beheer_url(base_url)
        self.sim = sim
        self.http = httpx.Client(timeout=10)

    def call(self, operation_id, *, bron=WEERT_OIN, doel=None, body=None, bericht_id=None,
             headers=None, **path_params):
        op = spec.operation(operation_id)
        kop = {"bron": bron, "doel": doel or settings.DUO_OIN,
               "berichtId": bericht_id or str(uuid.uuid4())}
        if headers is not None:
            kop = headers
        return self.http.request(op.method, self.base_url + spec.path_for(operation_id,
                                                                          **path_params),
                                 headers=kop, json=body)


def geldig(operation_id, antwoord) -> list[str]:
    """What is wrong with the simulator's answer according to DUO's file (empty = valid)."""
    body = antwoord.json() if antwoord.content else None
    return spec.validate_response(operation_id, antwoord.status_code, antwoord.headers, body)


@pytest.fixture(scope="session", name="duo_sim_server")
def duo_sim_server_fixture():
    data = scenario.normaliseer(SCENARIO, date.today(), settings.DUO_OIN)
    sim = app.Simulator(data, duo_oin=settings.DUO_OIN)
    server, base_url = app.start_in_thread(sim)
    yield sim, base_url
    server.shutdown()
    server.server_close()


@pytest.fixture(name="duo")
def duo_fixture(duo_sim_server):
    sim, base_url = duo_sim_server
    sim.reset()
    client = Duo(base_url, sim)
    yield client
    client.http.close()
