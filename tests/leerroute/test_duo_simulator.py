"""End to end over real HTTP to the DUO simulator: the instellingen come from DUO, the
aanbod, the Z-route completion and the hours are delivered by the outbox and DUO (the
simulator, applying the same rules) registers them."""

from datetime import date, timedelta

import pytest

from koers.bouwstenen.weigering import Weigering
from koers.duo import meldingen, outbox
from koers.duo.client import DuoClient
from koers.duo.models import Bericht
from koers.leerroute import services
from tests.duo.meldingen_gegevens import intake_af, vastgesteld
from tests.duo.simulator_hulp import (  # noqa: F401
    AMIRA,
    BOW,
    duo_fixture,
    duo_sim_server_fixture,
)
from tests.factories import InburgeraarFactory, TrajectFactory

ECHTE_TIJD = True  # the simulator's scenario is dated from the real today (see conftest)
pytestmark = pytest.mark.django_db


@pytest.fixture
def client_duo(duo, settings):
    settings.DUO_BASE_URL = duo.base_url  # for services.instellingen_van_duo
    return DuoClient(base_url=duo.base_url, doel=settings.DUO_OIN)


@pytest.fixture
def amira(weert, adviseur_weert, client_duo):
    """Amira (asielstatushouder, Weert at DUO) with a vastgesteld Z-route PIP that DUO has."""
    vandaag = date.today()
    traject = TrajectFactory(
        inburgeraar=InburgeraarFactory(gemeente=weert, bsn=AMIRA, vestigingsdatum=None),
        adviseur=adviseur_weert,
        datum_start_plicht=vandaag - timedelta(days=130),
        datum_start_pip_termijn=vandaag - timedelta(days=30),
    )
    intake_af(traject, adviseur_weert)
    vastgesteld(
        traject,
        adviseur_weert,
        leerroute="Z",
        niveau="A2",
        geschatte_intensiteit_b1_route=None,
        alfabetisering="A",
        dagtekening=vandaag - timedelta(days=1),
    )
    assert outbox.lever_af(client=client_duo) == 1
    assert Bericht.objects.get(soort="pip").status == Bericht.Status.AFGELEVERD
    traject.refresh_from_db()
    return traject


def _uren(traject, door, soort, gevolgd, intake=False):
    vandaag = date.today()
    services.bewaar_uren(
        traject,
        door,
        {
            "soort": soort,
            "periode_start": vandaag - timedelta(days=20),
            "periode_eind": vandaag,
            "uren_gepland": gevolgd,
            "uren_gevolgd": gevolgd,
            "tijdens_brede_intake": intake,
        },
    )


def test_zroute_completion_and_hours_reach_duo(amira, adviseur_weert, client_duo, duo):
    vandaag = date.today()
    instellingen = services.instellingen_van_duo(amira.gemeente)
    assert BOW in {i["instellingsnummer"] for i in instellingen}
    services.bewaar_aanbod(
        amira,
        adviseur_weert,
        {
            "instellingsnummer": BOW,
            "datum_aanbod": vandaag,
            "startdatum": vandaag,
            "einddatum": vandaag + timedelta(days=300),
            "alfabetisering": "A",
        },
        instellingen=instellingen,
    )
    _uren(amira, adviseur_weert, "taal", "12", intake=True)
    _uren(amira, adviseur_weert, "taal", "700")
    _uren(amira, adviseur_weert, "knm", "100")
    _uren(amira, adviseur_weert, "participatie", "800")
    services.bewaar_eindgesprek(
        amira,
        adviseur_weert,
        {"datum": vandaag, "afspraken_nagekomen": True, "conclusie": "Alles nagekomen."},
    )
    # The plicht is leerroute + PVT + MAP. Completing the Z-route first would make DUO refuse
    # the PVT and MAP dates afterwards (RULES.md "MAP and PVT"), so Koers waits for them.
    with pytest.raises(Weigering):
        services.meld_zroute_afgerond(amira, adviseur_weert, vandaag)
    meldingen.meld_pvt(amira, vandaag)  # koers.modules reports these dates
    meldingen.meld_map(amira, vandaag)
    with pytest.raises(Weigering):  # queued is not enough: DUO must have accepted them
        services.meld_zroute_afgerond(amira, adviseur_weert, vandaag)
    assert outbox.lever_af(client=client_duo) == 3  # aanbod, PVT, MAP
    services.meld_zroute_afgerond(amira, adviseur_weert, vandaag)
    services.meld_uren_aan_duo(amira, adviseur_weert)

    assert outbox.lever_af(client=client_duo) == 4
    for bericht in Bericht.objects.exclude(soort="pip"):
        assert bericht.status == Bericht.Status.AFGELEVERD, (
            bericht.soort,
            bericht.laatste_antwoord,
        )
    persoon = duo.sim.state["personen"][AMIRA]
    assert persoon["zroute"]["datumAfrondingZroute"] == vandaag.isoformat()
    assert duo.call("getPvtByBsn", bsn=AMIRA).json()["datumOndertekeningPvt"] == vandaag.isoformat()
    assert BOW in persoon["aanbod"]
    uren = duo.call("getGevolgdeUrenByBsn", bsn=AMIRA).json()
    weert = next(u for u in uren if u["gemeentecode"] == amira.gemeente.gemeentecode)
    assert weert["TaallesEnKnmBredeIntake"] == {"uren": 12}
    assert weert["ParticipatieactiviteitenBredeIntake"] == {"uren": 800}
    assert weert["ParticipatieAlsTaalles"] == {"uren": 800}  # 700 taal + 100 KNM
