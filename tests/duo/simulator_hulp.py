"""The DUO simulator on a free port for the tests, with a small scenario of its own.

Three gemeenten with the OINs of the named cast (tests/conftest.py). The persons: Amira lives
in Weert (asielstatushouder), Mehmet in Nederweert (gezinsvormer), Semhar in a COA location
linked to Cranendonck. The others each carry one fact DUO can state and Koers must follow:
Yara (Weert) is a gezinsvormer whom DUO keeps in the asylum group; Dawit (Weert) is an
asielstatushouder with the rights of a gezinsmigrant; Nour moved to Weert with a PIP of
Nederweert (SS121) and has exam results with free attempts left; Hamid and Samira (Weert) have
a partial ontheffing with 0 and 400 hours of participation; Lina (Weert) has a temporary
exemption; Bilal and Rania (Weert) have a PIP of Weert whose termijn ends within two months,
or has ended.

The scenario states DUO's facts explicitly (indeling, asielrechtenWijzigingVerblijfsdoel,
doelgroepHistorie): this module imports nothing from Koers' rules, only the simulator.
"""

from __future__ import annotations

import uuid
from datetime import date

import httpx
import pytest
from django.conf import settings

from koers.bouwstenen.verbinding import standaard_ssl_context
from koers.duo import spec
from koers.duo.simulator import app, contract, scenario
from tests.factories import valid_bsn

WEERT_OIN = "00000001001234567890"
NEDERWEERT_OIN = "00000001009876543210"
CRANENDONCK_OIN = "00000001001111122222"
AMIRA, MEHMET, SEMHAR = valid_bsn(901), valid_bsn(902), valid_bsn(903)
ONBEKEND = valid_bsn(904)
YARA, DAWIT, NOUR = valid_bsn(905), valid_bsn(906), valid_bsn(907)
HAMID, SAMIRA, LINA = valid_bsn(908), valid_bsn(909), valid_bsn(910)
BILAL, RANIA = valid_bsn(911), valid_bsn(912)
BOW, TST = "1000000001", "1000000003"
ASIEL, GEZIN = "Asielstatushouder", "Gezinsmigrant en overige migrant"


def _persoon(bsn, naam, gemeente, doelgroep, indeling, **extra):
    """A person as DUO states them: detailed doelgroep AND DUO's indeling, both explicit."""
    return {
        "bsn": bsn,
        "naam": naam,
        "gemeente": gemeente,
        "vestigingsdatum": "vandaag-120d",
        "plicht": {
            "indicatorInburgeringsplicht": True,
            "begindatum": "vandaag-130d",
            "datumKennisgevingInburgeringsplicht": "vandaag-130d",
        },
        "plichtHistorie": [{"indicatorInburgeringsplicht": True, "begindatum": "vandaag-130d"}],
        "doelgroep": {
            "gedetailleerdeDoelgroep": doelgroep,
            "indeling": indeling,
            "begindatum": "vandaag-130d",
        },
        "doelgroepHistorie": [{"indeling": indeling, "begindatum": "vandaag-130d"}],
        **extra,
    }


def _pip_van_weert(dagtekening, termijn_eind):
    """A Z-route PIP of Weert that DUO registered, with the termijn DUO set."""
    return {
        "pips": [
            {
                "gemeentecode": "0988",
                "geregistreerd": dagtekening,
                "pip": {
                    "dagtekeningPip": dagtekening,
                    "leerroute": "Z",
                    "niveau": "A2",
                    "indicatorAlfabetiseringsonderwijs": "NVT",
                },
            }
        ],
        "termijn": {"startdatum": dagtekening, "einddatum": termijn_eind},
        "termijnHistorie": [{"einddatum": termijn_eind}],
    }


SCENARIO = {
    "gemeenten": [
        {"code": "0988", "naam": "Weert", "oin": WEERT_OIN},
        {"code": "0946", "naam": "Nederweert", "oin": NEDERWEERT_OIN},
        {"code": "1706", "naam": "Cranendonck", "oin": CRANENDONCK_OIN},
    ],
    "instellingen": [
        {
            "instellingsnummer": BOW,
            "naam": "Taalcentrum",
            "postcode": "6001AB",
            "huisnummer": 1,
            "plaatsnaam": "Weert",
            "indicatieBowKeurmerk": True,
            "indicatieTstKeurmerk": False,
        },
        {
            "instellingsnummer": TST,
            "naam": "Vakcollege",
            "postcode": "6021EF",
            "huisnummer": 4,
            "plaatsnaam": "Budel",
            "brin": "12AB",
            "indicatieBowKeurmerk": False,
            "indicatieTstKeurmerk": True,
        },
    ],
    "verlengingsgronden": [{"code": "ZIEKTE", "omschrijving": "Ziekte of beperking"}],
    "personen": [
        _persoon(
            AMIRA,
            "Amira Al-Hassan",
            "0988",
            "Asielstatushouder",
            ASIEL,
            vNummer=9900000001,
            lbtExamennummer="LBT000000001",
            lbtResultaten=[
                {
                    "resultaat": "B1-route haalbaar",
                    "behaaldeScore": "31,00",
                    "benodigdeScore": "28,00",
                    "datumAfname": "vandaag-100d",
                }
            ],
            examenresultaten=[
                {"examendatum": "vandaag-20d", "resultaat": "Geslaagd", "onderdeel": "KNM"}
            ],
            gratispogingen=[{"onderdeel": "LE", "gratisPogingenTegoed": 2}],
            vrijstellingen=[
                {
                    "GedeeltelijkeVrijstelling": {
                        "reden": "GED",
                        "oordeel": "Toekenning",
                        "examenonderdeel": "LE",
                        "examenniveau": "B1",
                        "datumOordeel": "vandaag-30d",
                    }
                }
            ],
            ontheffingen=[
                {
                    "GedeeltelijkeOntheffing": {
                        "oordeel": "Afwijzing",
                        "datumOordeel": "vandaag-40d",
                        "grond": "MED",
                    }
                }
            ],
            boetes=[{"bedrag": 250, "datum": "vandaag-5d"}],
            verlengingen=[{"beoordelingAanvraag": "InBehandeling", "ontvangstdatum": "vandaag-3d"}],
        ),
        _persoon(MEHMET, "Mehmet Yılmaz", "0946", "Gezinsvormer", GEZIN),
        _persoon(
            SEMHAR, "Semhar Tekle", "1706", "Asielstatushouder", ASIEL, coa=True, coaGemeente="1706"
        ),
        # DUO keeps the asylum rights of a gezinsvormer (indeling differs from the detail).
        {
            **_persoon(YARA, "Yara Haddad", "0988", "Gezinsvormer", ASIEL),
            "doelgroep": {
                "gedetailleerdeDoelgroep": "Gezinsvormer",
                "indeling": ASIEL,
                "asielrechtenWijzigingVerblijfsdoel": "Behoud asielrechten",
                "begindatum": "vandaag-40d",
            },
            "doelgroepHistorie": [
                {"indeling": ASIEL, "begindatum": "vandaag-130d", "einddatum": "vandaag-41d"},
                {"indeling": ASIEL, "begindatum": "vandaag-40d"},
            ],
        },
        # An asielstatushouder who asked for the rights of a gezinsmigrant.
        {
            **_persoon(DAWIT, "Dawit Haile", "0988", "Asielstatushouder", GEZIN),
            "doelgroep": {
                "gedetailleerdeDoelgroep": "Asielstatushouder",
                "indeling": GEZIN,
                "asielrechtenWijzigingVerblijfsdoel": (
                    "Op verzoek rechten van gezins- en overige migrant toegekend"
                ),
                "begindatum": "vandaag-130d",
            },
        },
        # Moved from Nederweert to Weert with Nederweert's PIP (SS121).
        _persoon(
            NOUR,
            "Nour Saleh",
            "0988",
            "Asielstatushouder",
            ASIEL,
            vNummer=9900000007,
            vestigingsdatum="vandaag-20d",
            plicht={
                "indicatorInburgeringsplicht": True,
                "begindatum": "vandaag-400d",
                "datumKennisgevingInburgeringsplicht": "vandaag-400d",
            },
            pips=[
                {
                    "gemeentecode": "0946",
                    "geregistreerd": "vandaag-300d",
                    "pip": {
                        "dagtekeningPip": "vandaag-300d",
                        "leerroute": "B",
                        "niveau": "B1",
                        "geschatteIntensiteitB1Route": 1000,
                        "indicatorAlfabetiseringsonderwijs": "NVT",
                    },
                }
            ],
            termijn={"startdatum": "vandaag-299d", "einddatum": "vandaag+796d"},
            termijnHistorie=[{"einddatum": "vandaag+796d"}],
            examenresultaten=[
                {
                    "examendatum": "vandaag-60d",
                    "resultaat": "Gezakt",
                    "onderdeel": "LE",
                    "niveau": "B1",
                },
                {
                    "examendatum": "vandaag-60d",
                    "resultaat": "Geen",
                    "onderdeel": "SP",
                    "niveau": "B1",
                    "redenGeenResultaat": "Nietverwijtbaar",
                },
            ],
            gratispogingen=[
                {"onderdeel": "LE", "gratisPogingenTegoed": 1},
                {"onderdeel": "SP", "gratisPogingenTegoed": 2},
            ],
        ),
        # Partial ontheffing (MED): no participation at all, or at most 400 hours.
        _persoon(
            HAMID,
            "Hamid Karimi",
            "0988",
            "Asielstatushouder",
            ASIEL,
            ontheffingen=[
                {
                    "GedeeltelijkeOntheffing": {
                        "oordeel": "Toekenning",
                        "datumOordeel": "vandaag-20d",
                        "grond": "MED",
                        "urenBelastbaarheidParticipatieactiviteit": 0,
                    }
                }
            ],
        ),
        _persoon(
            SAMIRA,
            "Samira Osman",
            "0988",
            "Asielstatushouder",
            ASIEL,
            ontheffingen=[
                {
                    "GedeeltelijkeOntheffing": {
                        "oordeel": "Toekenning",
                        "datumOordeel": "vandaag-20d",
                        "grond": "MED",
                        "urenBelastbaarheidParticipatieactiviteit": 400,
                    }
                }
            ],
        ),
        # A temporary exemption (INS) that runs: DUO's plicht says why it is paused.
        _persoon(
            LINA,
            "Lina Petrenko",
            "0988",
            "Overig",
            GEZIN,
            lbtExamennummer="LBT000000010",
            plicht={
                "indicatorInburgeringsplicht": False,
                "begindatum": "vandaag-130d",
                "einddatum": "vandaag-11d",
                "redenGeenInburgeringsplicht": "Tijdelijke vrijstelling",
            },
            vrijstellingen=[
                {
                    "TijdelijkeVrijstelling": {
                        "reden": "INS",
                        "oordeel": "Toekenning",
                        "datumOordeel": "vandaag-12d",
                        "startdatum": "vandaag-10d",
                        "einddatum": "vandaag+170d",
                    }
                }
            ],
        ),
        # A PIP of Weert whose termijn (einddatum EXCLUSIVE) ends within two months / ended.
        _persoon(
            BILAL,
            "Bilal Nasser",
            "0988",
            "Asielstatushouder",
            ASIEL,
            vestigingsdatum="vandaag-3j",
            vNummer=9900000011,
            plicht={
                "indicatorInburgeringsplicht": True,
                "begindatum": "vandaag-3j",
                "datumKennisgevingInburgeringsplicht": "vandaag-3j",
            },
            **_pip_van_weert("vandaag-1050d", "vandaag+40d"),
        ),
        _persoon(
            RANIA,
            "Rania Aziz",
            "0988",
            "Asielstatushouder",
            ASIEL,
            vestigingsdatum="vandaag-4j",
            vNummer=9900000012,
            plicht={
                "indicatorInburgeringsplicht": True,
                "begindatum": "vandaag-4j",
                "datumKennisgevingInburgeringsplicht": "vandaag-4j",
            },
            **_pip_van_weert("vandaag-1200d", "vandaag-10d"),
        ),
    ],
}

GET_PERSOON = (
    "getInburgeringsplichtByBsn",
    "getInburgeringsplichthistorieByBsn",
    "getDoelgroepByBsn",
    "getDoelgroephistorieByBsn",
    "getInburgeringstermijnByBsn",
    "getInburgeringstermijnhistorieByBsn",
    "getExamennummerByBsn",
    "getLbtResultatenByBsn",
    "getExamenresultatenByBsn",
    "getGratisPogingenTegoedByBsn",
    "getVrijstellingenByBsn",
    "getOntheffingenByBsn",
    "getBoetesByBsn",
    "getVerlengingenByBsn",
    "getPipByBsn",
    "getMapByBsn",
    "getPvtByBsn",
    "getGevolgdeUrenByBsn",
)


class Duo:
    """A client for the simulator under test, speaking as one gemeente."""

    def __init__(self, base_url: str, sim: app.Simulator):
        self.base_url = base_url
        self.beheer = app.beheer_url(base_url)
        self.sim = sim
        self.http = httpx.Client(timeout=10, verify=standaard_ssl_context())

    def call(
        self,
        operation_id,
        *,
        bron=WEERT_OIN,
        doel=None,
        body=None,
        bericht_id=None,
        headers=None,
        **path_params,
    ):
        op = contract.operatie(operation_id)
        kop = {
            "bron": bron,
            "doel": doel or settings.DUO_OIN,
            "berichtId": bericht_id or str(uuid.uuid4()),
        }
        if headers is not None:
            kop = headers
        return self.http.request(
            op.methode,
            self.base_url + contract.pad_voor(operation_id, **path_params),
            headers=kop,
            json=body,
        )


def geldig(operation_id, antwoord) -> list[str]:
    """What is wrong with the simulator's answer according to DUO's file (empty = valid).

    A second reading of the file: Koers' client-side validator (koers.duo.spec, not a rule
    module) checks what the simulator's own contract.py produced."""
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
