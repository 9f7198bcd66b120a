"""Wetcases: the Z-route norm and DUO's partial ontheffing, the order of Z-route completion
with PVT and MAP, 'verwijtbaar' without a date, the hours DUO keeps, and the dates of an
inburgeringsaanbod.

Every row runs through Koers' services or API; where DUO is involved, DUO is the simulator over
HTTP (it shares no code with Koers): DUO notifies, Koers' worker opens the case, the adviseur
works in Koers, the outbox delivers, and the row checks what DUO then holds or refused. The
expected outcome is written from RULES.md, the OpenAPI files, DOMAIN.md and the startnotitie.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.conf import settings

from koers.begeleiding.models import DuaalTraject
from koers.bouwstenen.weigering import Weigering
from koers.duo import outbox, worker
from koers.duo.client import DuoClient
from koers.duo.models import Bericht
from koers.inburgeraars.models import Inburgeraar
from koers.leerroute import services as leerroute
from koers.leerroute.models import Zroute
from koers.modules import services as modules
from koers.monitoring import engine
from koers.monitoring.models import Signaal
from koers.organisaties.models import Organisatie
from koers.partners.models import Verwijzing, Voortgang
from koers.pip.rules import add_months
from tests.duo.keten_hulp import notificatie
from tests.duo.meldingen_gegevens import intake_af, vastgesteld
from tests.duo.simulator_hulp import (  # noqa: F401  (fixtures)
    AMIRA,
    BILAL,
    DAWIT,
    RANIA,
    SAMIRA,
    duo_fixture,
    duo_sim_server_fixture,
)
from tests.factories import InburgeraarFactory, TrajectFactory
from tests.wetcases.wetcase import NIET_GEVERIFIEERD, Wetcase, ids

ECHTE_TIJD = True  # the simulator's scenario is dated from the real today
pytestmark = pytest.mark.django_db

RULES_MAP_PVT = 'DUO RULES.md "Business rules DUO applies to reports", MAP and PVT'
ONTHEFFING = (
    "DUO OpenAPI Ontheffing/GedeeltelijkeOntheffing.urenBelastbaarheidParticipatieactiviteit"
)
UREN = "DUO OpenAPI GevolgdeUren"
AANBOD = "DUO OpenAPI Inburgeringsaanbod/Inburgeringsaanbod"
RULES_AANBOD = 'DUO RULES.md "Business rules DUO applies to reports", Inburgeringsaanbod'
TERMIJN_EXCL = "DUO OpenAPI Inburgeringstermijn/Inburgeringstermijn.einddatum (exclusief)"

WETCASES = [
    # -- Partial ontheffing ----------------------------------------------------------------------
    Wetcase(
        id="ZROUTE-01",
        situatie="Asielstatushouder in de Z-route; DUO gaf een gedeeltelijke ontheffing met 0 "
        "uur belastbaarheid voor participatie.",
        verwacht="De Z-route heeft geen participatiedeel: geen participatienorm, geen "
        "achterstand op participatie, en de afronding vraagt geen participatie-uren.",
        bron=ONTHEFFING + " (0 = kan niet deelnemen aan participatie-activiteiten)",
        status="duo",
        gegeven={"ontheffing": 0, "cursus": 800},
        uitkomst={"participatie_norm": None, "afronding": True},
    ),
    Wetcase(
        id="ZROUTE-02",
        situatie="Asielstatushouder in de Z-route; gedeeltelijke ontheffing met 400 uur.",
        verwacht="De participatienorm is 400 uur in plaats van 800.",
        bron=ONTHEFFING + " (> 0 = maximale belasting in uren)",
        status="duo",
        gegeven={"ontheffing": 400, "cursus": 800},
        uitkomst={"participatie_norm": 400, "afronding": False},
    ),
    Wetcase(
        id="ZROUTE-03",
        situatie="Gezinsmigrant in de Z-route, zonder ontheffing.",
        verwacht="800 cursusuren en een eindgesprek; geen 800 participatie-uren (de "
        "startnotitie §6.10.3 noemt 800 + 800 voor iedereen).",
        bron='DOMAIN.md "Rules with numbers", Z-route gezins- en overige migrant; Besluit '
        f"inburgering 2021: {NIET_GEVERIFIEERD} — de besluittekst kon hier niet worden "
        "gelezen; DOMAIN.md geeft het als secundaire bron (S)",
        status="wet",
        gegeven={"doelgroep": "Gezinsvormer", "ontheffing": None, "cursus": 800},
        uitkomst={"participatie_norm": None, "afronding": True},
    ),
    Wetcase(
        id="ZROUTE-19",
        situatie="Asielstatushouder in de Z-route met een gedeeltelijke ontheffing van 400 uur. "
        "DUO wijzigt het besluit twee keer (SS119): eerst 0 uur, later 200 uur.",
        verwacht="Na elk bericht van DUO volgt het plan van de Z-route de uren van DUO: geen "
        "participatienorm, daarna 200 uur.",
        bron=ONTHEFFING + '; DUO RULES.md "Notifications" SS113–SS119 (fetch and show; '
        "adjust when needed)",
        status="duo",
        gegeven={"bsn": SAMIRA, "wijzigingen": [0, 200]},
        uitkomst={"normen": [Decimal(400), None, Decimal(200)]},
    ),
    Wetcase(
        id="ZROUTE-23",
        situatie="Asielstatushouder in de Z-route. DUO wijzigt de indeling drie keer (SS124, "
        "SS125, SS124): naar gezinsmigrant, terug naar asielstatushouder en weer naar "
        "gezinsmigrant.",
        verwacht="Elke wijziging staat op de tijdlijn en het plan van de Z-route volgt DUO's "
        "indeling elke keer: 800 participatie-uren alleen bij de indeling "
        "asielstatushouder.",
        bron='DUO RULES.md "Notifications" SS124/SS125 (update doelgroep); DUO OpenAPI '
        'Inburgeringsplicht/Doelgroep.indeling; DOMAIN.md "Rules with numbers" '
        "(Z-route participatie voor asielstatushouders)",
        status="duo",
        gegeven={
            "bsn": AMIRA,
            "wijzigingen": [
                ("SS124", "Gezinsvormer", "gezin"),
                ("SS125", "Asielstatushouder", "asiel"),
                ("SS124", "Gezinsvormer", "gezin"),
            ],
        },
        uitkomst={"normen": [Decimal(800), None, Decimal(800), None], "tijdlijn": 3},
    ),
    # -- Z-route completion, PVT and MAP ---------------------------------------------------------
    Wetcase(
        id="ZROUTE-04",
        situatie="Eindgesprek Z-route gevoerd, uren gehaald, maar PVT en MAP zijn nog niet bij "
        "DUO.",
        verwacht="Koers meldt de afronding niet en legt haar niet vast: anders weigert DUO "
        "later de datum van PVT en MAP (datum niet na de afronding; plicht al voldaan).",
        bron=RULES_MAP_PVT + " (date not after the Z-route completion; the plicht not already "
        "met via Z-route)",
        status="duo",
        gegeven={"pvt_map": None},
        uitkomst={"koers": "geweigerd", "zroute_bij_duo": False},
    ),
    Wetcase(
        id="ZROUTE-05",
        situatie="PVT ondertekend en MAP-eindgesprek gevoerd; DUO heeft beide datums verwerkt. "
        "Daarna de afronding van de Z-route.",
        verwacht="DUO registreert de afronding; de datums van PVT en MAP blijven bij DUO.",
        bron=RULES_MAP_PVT + '; DUO RULES.md "Z-route"',
        status="duo",
        gegeven={"pvt_map": 0, "afronding": 0},
        uitkomst={"koers": "aanvaard", "zroute_bij_duo": True},
    ),
    Wetcase(
        id="ZROUTE-06",
        situatie="PVT en MAP bij DUO met de datum van vandaag; de gemeente wil de afronding "
        "van de Z-route op gisteren melden.",
        verwacht="Geweigerd: de datum van PVT en MAP mag niet na de afronding liggen.",
        bron=RULES_MAP_PVT + " (date not after the Z-route completion date)",
        status="duo",
        gegeven={"pvt_map": 0, "afronding": -1},
        uitkomst={"koers": "geweigerd", "zroute_bij_duo": False},
    ),
    Wetcase(
        id="ZROUTE-07",
        situatie="Asielstatushouder in de Z-route krijgt een PVT-activiteit van 6 uur.",
        verwacht="De participatie-uren van de Z-route (en het plan) tellen de 6 uur meteen mee.",
        bron="Startnotitie §6.10.3 (800 uur participatie, waaronder PVT en MAP); DOMAIN.md "
        '"Rules with numbers", Z-route',
        status="startnotitie",
        gegeven={"activiteit": 6, "participatie": 100},
        uitkomst={"participatie_uren": 106},
    ),
    # -- Verwijtbaar without a date --------------------------------------------------------------
    Wetcase(
        id="ZROUTE-08",
        situatie="PVT nog niet af; DUO's einddatum van de termijn is over 40 dagen.",
        verwacht="Een signaal vraagt de adviseur 'verwijtbaar' door te geven (uiterlijk de "
        "laatste dag, de dag voor DUO's einddatum); 'Nee' zonder datum komt bij DUO.",
        bron=RULES_MAP_PVT + " ('Nee' only when the termijn ends within two months; empty "
        "date with verwijtbaar); " + TERMIJN_EXCL,
        status="duo",
        gegeven={"bsn": BILAL, "module": "pvt", "verwijtbaar": "Nee"},
        uitkomst={"duo": "aanvaard", "signaal_voor": "laatste_dag"},
    ),
    Wetcase(
        id="ZROUTE-09",
        situatie="PVT nog niet af; de termijn eindigt over 40 dagen. De gemeente wil "
        "'verwijtbaar: Ja' doorgeven.",
        verwacht="Geweigerd: 'Ja' kan pas als de termijn is overschreden. Niets naar DUO.",
        bron=RULES_MAP_PVT + " ('Ja' only when the termijn has been exceeded)",
        status="duo",
        gegeven={"bsn": BILAL, "module": "pvt", "verwijtbaar": "Ja"},
        uitkomst={"duo": "geweigerd"},
    ),
    Wetcase(
        id="ZROUTE-10",
        situatie="MAP nog niet af; de termijn is 10 dagen geleden verstreken.",
        verwacht="Een signaal (vervaldatum: DUO's einddatum); 'Ja' zonder datum komt bij DUO, "
        "zonder te wachten tot de MAP af is; daarna is het signaal weg.",
        bron=RULES_MAP_PVT + " ('Ja' only when the termijn has been exceeded; empty date with "
        "verwijtbaar)",
        status="duo",
        gegeven={"bsn": RANIA, "module": "map", "verwijtbaar": "Ja"},
        uitkomst={"duo": "aanvaard", "signaal_voor": "einddatum"},
    ),
    Wetcase(
        id="ZROUTE-11",
        situatie="PVT nog niet af; DUO's einddatum van de termijn is precies twee maanden na "
        "vandaag (de laatste dag is de dag ervoor).",
        verwacht="'Nee' zonder datum kan: vandaag valt in de laatste twee maanden van de "
        "termijn [einddatum − 2 maanden, einddatum).",
        bron=TERMIJN_EXCL + "; " + RULES_MAP_PVT + " ('Nee' only when the termijn ends within "
        "two months)",
        status="duo",
        gegeven={
            "bsn": BILAL,
            "module": "pvt",
            "verwijtbaar": "Nee",
            "termijn_eind": "over_2_maanden",
        },
        uitkomst={"duo": "aanvaard", "signaal_voor": "laatste_dag"},
    ),
    # -- Hours -----------------------------------------------------------------------------------
    Wetcase(
        id="ZROUTE-12",
        situatie="Asielstatushouder in de Z-route: 12 uur taal tijdens de brede intake, 20 uur "
        "participatie tijdens de intake, daarna 300 uur taal, 40 uur KNM, 6 uur PVT. "
        "De gemeente meldt de uren twee keer.",
        verwacht="DUO houdt drie lopende totalen: TaallesEnKnmBredeIntake 12, "
        "ParticipatieactiviteitenBredeIntake 26 (intake-uren tellen mee), "
        "ParticipatieAlsTaalles 340 (zonder de intake); de tweede melding vervangt de "
        "eerste, ze telt niet op.",
        bron=UREN + " (schemas TaallesEnKnmBredeIntake, ParticipatieactiviteitenBredeIntake: "
        '"De uren uit Brede Intake tellen mee", ParticipatieAlsTaalles: "De uren '
        'uit Brede Intake tellen niet mee"); DUO RULES.md "Gevolgde uren" '
        "(running totals)",
        status="duo",
        gegeven={"bsn": AMIRA},
        uitkomst={
            "TaallesEnKnmBredeIntake": {"uren": 12},
            "ParticipatieactiviteitenBredeIntake": {"uren": 26},
            "ParticipatieAlsTaalles": {"uren": 340},
        },
    ),
    Wetcase(
        id="ZROUTE-13",
        situatie="Asielstatushouder in de Z-route: 12,5 uur maatschappelijke begeleiding en 7 uur "
        "begeleiding naar werk (verwijzingen), 30 uur gewerkt in een duaal traject "
        "(Participatiewet), en 50 uur op een MAP-verwijzing.",
        verwacht="ParticipatieactiviteitenBredeIntake 49: maatschappelijke begeleiding en "
        "Participatiewet tellen mee; de MAP telt via haar activiteiten, niet dubbel. "
        f"Of gewerkte uren volledig tellen: {NIET_GEVERIFIEERD}.",
        bron=UREN + ' (schema ParticipatieactiviteitenBredeIntake: "waaronder activiteiten '
        'voor maatschappelijke begeleiding en de Participatiewet")',
        status="duo",
        gegeven={"bsn": AMIRA},
        uitkomst={"ParticipatieactiviteitenBredeIntake": {"uren": 49}},
    ),
    Wetcase(
        id="ZROUTE-14",
        situatie="Asielstatushouder aan wie DUO de rechten van een gezinsmigrant gaf (indeling "
        "Gezinsmigrant), met participatie-uren.",
        verwacht="Geen totaal participatieactiviteiten naar DUO (dat is voor de Z-route van de "
        "asielstatushouder); de lesuren wel.",
        bron=UREN + ' (schema ParticipatieactiviteitenBredeIntake: "... van de '
        'Asielstatushouder"); DUO OpenAPI Inburgeringsplicht/Doelgroep.indeling',
        status="duo",
        gegeven={"bsn": DAWIT},
        uitkomst={"soorten": ["uren_taalles_knm_brede_intake", "uren_participatie_als_taalles"]},
    ),
    # -- Inburgeringsaanbod dates ----------------------------------------------------------------
    Wetcase(
        id="ZROUTE-15",
        situatie="Asielstatushouder in de Z-route; het inburgeringsaanbod (taal en KNM bij een "
        "instelling met keurmerk) krijgt als datum de dag voor de start van DUO's "
        "inburgeringstermijn.",
        verwacht="Geweigerd: in de B1- en Z-route is de datum van het aanbod ook de start van "
        "taal en KNM, en de datums van de cursus liggen in de termijn.",
        bron=AANBOD + ' (datumInburgeringsaanbod: "Voor B1- en Z-route ... tevens de '
        'startdatum voor het taalonderwijs en KNM"); '
        + RULES_AANBOD
        + " (course dates within the inburgeringstermijn)",
        status="duo",
        gegeven={"leerroute": "Z", "aanbod": -1, "start": 0, "eind": 300},
        uitkomst={"koers": "geweigerd", "veld": "datum_aanbod", "duo": 400},
    ),
    Wetcase(
        id="ZROUTE-16",
        situatie="Asielstatushouder in de Z-route; de cursus start op de eerste dag van de "
        "termijn, de inschrijving (datum aanbod) is een week later vastgelegd.",
        verwacht="DUO neemt het aanbod aan: alleen een taalschakeltraject mag niet voor de "
        "datum van het aanbod starten.",
        bron=RULES_AANBOD + " (taalschakeltraject start not before course end or offer date)",
        status="duo",
        gegeven={"leerroute": "Z", "aanbod": 7, "start": 0, "eind": 300},
        uitkomst={"koers": "aanvaard", "duo": 201},
    ),
    Wetcase(
        id="ZROUTE-17",
        situatie="Asielstatushouder in de onderwijsroute; de cursus bij een instelling met "
        "keurmerk Blik op Werk heeft als laatste lesdag dag 199 (Koers vraagt de "
        "laatste lesdag; DUO krijgt dag 200 als exclusieve einddatum). Het "
        "taalschakeltraject zou op dag 150 starten.",
        verwacht="Geweigerd: het taalschakeltraject start niet voor het einde van de cursus.",
        bron=RULES_AANBOD + " (taalschakeltraject start not before course end)",
        status="duo",
        gegeven={"leerroute": "O", "cursus_eind": 199, "aanbod": 100, "start": 150, "eind": 600},
        uitkomst={"koers": "geweigerd", "veld": "startdatum", "duo": 400},
    ),
    Wetcase(
        id="ZROUTE-18",
        situatie="Als ZROUTE-17, maar het taalschakeltraject start op dag 200, de dag na de "
        "laatste lesdag van de cursus.",
        verwacht="DUO neemt het aan: de einddatum van de cursus bij DUO is dag 200 en "
        "exclusief, de cursus is dan al voorbij.",
        bron=AANBOD
        + ' (verwachteEinddatumOpleiding: "einde van de periode (exclusief)"); '
        + RULES_AANBOD,
        status="duo",
        gegeven={"leerroute": "O", "cursus_eind": 199, "aanbod": 100, "start": 200, "eind": 600},
        uitkomst={"koers": "aanvaard", "duo": 201},
    ),
    Wetcase(
        id="ZROUTE-20",
        situatie="Als ZROUTE-17, maar het taalschakeltraject start op dag 199, de laatste "
        "lesdag van de cursus.",
        verwacht="Geweigerd: op zijn laatste lesdag loopt de cursus nog; DUO's einddatum van "
        "de cursus is dag 200.",
        bron=AANBOD + " (verwachteEinddatumOpleiding exclusief); " + RULES_AANBOD,
        status="duo",
        gegeven={"leerroute": "O", "cursus_eind": 199, "aanbod": 100, "start": 199, "eind": 600},
        uitkomst={"koers": "geweigerd", "veld": "startdatum", "duo": 400},
    ),
    Wetcase(
        id="ZROUTE-21",
        situatie="Asielstatushouder in de B1-route; de laatste lesdag van de cursus is de "
        "laatste dag van de inburgeringstermijn (de dag voor DUO's exclusieve "
        "einddatum van de termijn).",
        verwacht="DUO neemt het aan en houdt als verwachte einddatum de einddatum van de "
        "termijn: beide einddatums zijn exclusief.",
        bron=AANBOD
        + " (verwachteEinddatumOpleiding exclusief); "
        + TERMIJN_EXCL
        + "; "
        + RULES_AANBOD
        + " (course dates within the inburgeringstermijn)",
        status="duo",
        gegeven={"leerroute": "B", "aanbod": 0, "start": 0, "eind_na_termijn": -1},
        uitkomst={"koers": "aanvaard", "duo": 201},
    ),
    Wetcase(
        id="ZROUTE-22",
        situatie="Als ZROUTE-21, maar de laatste lesdag is DUO's einddatum van de termijn: "
        "de eerste dag na de termijn.",
        verwacht="Geweigerd: de cursus loopt dan tot na de inburgeringstermijn.",
        bron=AANBOD
        + " (verwachteEinddatumOpleiding exclusief); "
        + TERMIJN_EXCL
        + "; "
        + RULES_AANBOD
        + " (course dates within the inburgeringstermijn)",
        status="duo",
        gegeven={"leerroute": "B", "aanbod": 0, "start": 0, "eind_na_termijn": 0},
        uitkomst={"koers": "geweigerd", "veld": "einddatum", "duo": 400},
    ),
]
CASES = {c.id: c for c in WETCASES}


def _rijen(*case_ids):
    return [CASES[i] for i in case_ids]


def _dag(dagen: int) -> date:
    return date.today() + timedelta(days=dagen)


def _uren(traject, door, soort, gevolgd, *, intake=False):
    leerroute.bewaar_uren(
        traject,
        door,
        {
            "soort": soort,
            "periode_start": _dag(-20),
            "periode_eind": _dag(0),
            "uren_gepland": gevolgd,
            "uren_gevolgd": gevolgd,
            "tijdens_brede_intake": intake,
        },
    )


def _pvt(traject, door, uren=Decimal(6)):
    return modules.voeg_activiteit_toe(
        traject,
        door,
        {
            "module": "pvt",
            "datum": _dag(0),
            "uren": uren,
            "soort": "excursie",
            "omschrijving": "Excursie naar de gemeenteraad",
            "kernwaarden": ["participatie"],
        },
    )


def _eindgesprek(traject, door):
    leerroute.bewaar_eindgesprek(
        traject,
        door,
        {"datum": _dag(0), "afspraken_nagekomen": True, "conclusie": "Afspraken nagekomen."},
    )


# -- Koers-only rows (no DUO message): the norm and the recalculation ---------------------------


def _zaak_koers(weert, adviseur, *, doelgroep="Asielstatushouder", ontheffing=None):
    traject = TrajectFactory(
        inburgeraar=InburgeraarFactory(
            gemeente=weert,
            doelgroep=doelgroep,
            vestigingsdatum=None,
            uren_belastbaarheid_participatie=ontheffing,
        ),
        adviseur=adviseur,
        datum_start_plicht=_dag(-130),
        datum_start_pip_termijn=_dag(-30),
    )
    intake_af(traject, adviseur)
    vastgesteld(
        traject,
        adviseur,
        leerroute="Z",
        niveau="A2",
        geschatte_intensiteit_b1_route=None,
        alfabetisering="NVT",
        dagtekening=_dag(-1),
        ontzorgen=False,
    )
    traject.refresh_from_db()
    return traject


@pytest.mark.parametrize(
    "case",
    _rijen("ZROUTE-01", "ZROUTE-02", "ZROUTE-03"),
    ids=ids(_rijen("ZROUTE-01", "ZROUTE-02", "ZROUTE-03")),
)
def test_norm_en_ontheffing(case, api, weert, adviseur_weert):
    traject = _zaak_koers(
        weert,
        adviseur_weert,
        doelgroep=case.gegeven.get("doelgroep", "Asielstatushouder"),
        ontheffing=case.gegeven["ontheffing"],
    )
    _uren(traject, adviseur_weert, "taal", str(case.gegeven["cursus"]))
    url = f"/api/v1/inburgeraars/{traject.inburgeraar_id}/zroute"
    data = api(adviseur_weert).get(url).json()
    participatie = [v for v in data["voortgang"] if v["label"].startswith("Participatie")]
    verwacht = case.uitkomst["participatie_norm"]
    if verwacht is None:
        assert participatie == []
    else:
        assert [Decimal(str(v["norm"])) for v in participatie] == [Decimal(verwacht)]
    assert data["ontheffing_participatie"] == case.gegeven["ontheffing"]
    # The completion check follows the same norm (Koers' side: no DUO message needed to see
    # it refuse on hours; a refusal for missing PVT/MAP is about the order, not the hours).
    _eindgesprek(traject, adviseur_weert)
    antwoord = api(adviseur_weert).post(url + "/afronding", {}, format="json")
    assert antwoord.status_code == 400
    fouten = str(antwoord.json())
    assert ("participatie-uren" in fouten.lower()) is (not case.uitkomst["afronding"]), fouten


@pytest.mark.parametrize("case", _rijen("ZROUTE-07"), ids=["ZROUTE-07"])
def test_pvt_herberekent_de_zroute(case, api, weert, adviseur_weert):
    traject = _zaak_koers(weert, adviseur_weert)
    _uren(traject, adviseur_weert, "participatie", str(case.gegeven["participatie"]))
    api(adviseur_weert).post(
        f"/api/v1/inburgeraars/{traject.inburgeraar_id}/pvt/activiteiten",
        {
            "datum": _dag(0).isoformat(),
            "uren": case.gegeven["activiteit"],
            "soort": "workshop",
            "omschrijving": "Workshop vrijheid",
        },
        format="json",
    )
    data = api(adviseur_weert).get(f"/api/v1/inburgeraars/{traject.inburgeraar_id}/zroute")
    participatie = next(
        v for v in data.json()["voortgang"] if v["label"].startswith("Participatie")
    )
    assert Decimal(str(participatie["uren"])) == case.uitkomst["participatie_uren"]
    assert traject.zroute.participatie_uren == case.uitkomst["participatie_uren"]


# -- Rows through the DUO simulator ---------------------------------------------------------------


@pytest.fixture
def client_duo(duo):
    return DuoClient(base_url=duo.base_url, doel=settings.DUO_OIN)


def _open_via_duo(gemeente, bsn, gid, client) -> Inburgeraar:
    """DUO notifies; Koers' worker opens (or updates) the case from DUO's answers."""
    n = notificatie(gemeente, gid, bsn)
    worker.verwerk_notificaties(client=client)
    n.refresh_from_db()
    assert n.status == "verwerkt", n.fout
    return Inburgeraar.objects.get(bsn=bsn)


def _afleveren(client) -> None:
    outbox.lever_af(client=client)


def _zaak_duo(
    bsn, gemeente, adviseur, client, duo, *, termijn_eind: date | None = None, leerroute="Z"
):
    """The case as in practice: DUO's notification, intake, a PIP (Z-route unless told) that
    DUO accepts, then DUO's termijn (SS102) — optionally with another einddatum at DUO first."""
    traject = _open_via_duo(gemeente, bsn, "SS101", client).huidig_traject
    traject.adviseur = adviseur
    traject.save(update_fields=["adviseur"])
    intake_af(traject, adviseur)
    extra = {"map_uren": None} if leerroute == "O" else {}  # the onderwijsroute has no MAP
    vastgesteld(
        traject,
        adviseur,
        leerroute=leerroute,
        niveau="A2" if leerroute == "Z" else "",
        geschatte_intensiteit_b1_route=None,
        alfabetisering="NVT",
        dagtekening=_dag(-1),
        ontzorgen=False,
        **extra,
    )
    _afleveren(client)
    assert Bericht.objects.get(soort="pip", traject=traject).status == "afgeleverd"
    persoon = duo.sim.state["personen"][bsn]
    if termijn_eind is not None:
        persoon["termijn"]["einddatum"] = termijn_eind.isoformat()
    if persoon.get("termijn"):
        _open_via_duo(gemeente, bsn, "SS102", client)
    traject.refresh_from_db()
    return traject


@pytest.mark.parametrize(
    "case",
    _rijen("ZROUTE-04", "ZROUTE-05", "ZROUTE-06"),
    ids=ids(_rijen("ZROUTE-04", "ZROUTE-05", "ZROUTE-06")),
)
def test_zroute_afronding_na_pvt_en_map(case, duo, client_duo, weert, adviseur_weert):
    traject = _zaak_duo(AMIRA, weert, adviseur_weert, client_duo, duo)
    _uren(traject, adviseur_weert, "taal", "800")
    _uren(traject, adviseur_weert, "participatie", "800")
    _eindgesprek(traject, adviseur_weert)
    if case.gegeven["pvt_map"] is not None:
        _pvt(traject, adviseur_weert, Decimal(12))
        modules.onderteken_pvt(traject, adviseur_weert, datum=_dag(case.gegeven["pvt_map"]))
        modules.voeg_activiteit_toe(
            traject,
            adviseur_weert,
            {
                "module": "map",
                "datum": _dag(0),
                "uren": Decimal(4),
                "soort": "werkbezoek",
                "omschrijving": "Werkbezoek",
                "uitvoerder": "Werk.Kom",
            },
        )
        modules.houd_map_eindgesprek(
            traject,
            adviseur_weert,
            datum=_dag(case.gegeven["pvt_map"]),
            samenvatting="Wil in de zorg werken.",
        )
        _afleveren(client_duo)
        assert set(
            Bericht.objects.filter(soort__in=("pvt", "map")).values_list("status", flat=True)
        ) == {"afgeleverd"}
    try:
        leerroute.meld_zroute_afgerond(
            traject, adviseur_weert, _dag(case.gegeven.get("afronding", 0))
        )
        uitslag = "aanvaard"
    except Weigering:
        uitslag = "geweigerd"
        traject.zroute.refresh_from_db()
        assert traject.zroute.afgerond_op is None  # nothing registered
    _afleveren(client_duo)
    assert uitslag == case.uitkomst["koers"]
    persoon = duo.sim.state["personen"][AMIRA]
    assert bool(persoon.get("zroute")) is case.uitkomst["zroute_bij_duo"]
    if case.uitkomst["zroute_bij_duo"]:
        assert Bericht.objects.get(soort="zroute").status == "afgeleverd"
        assert (
            duo.call("getPvtByBsn", bsn=AMIRA).json()["datumOndertekeningPvt"]
            == _dag(0).isoformat()
        )
        assert (
            duo.call("getMapByBsn", bsn=AMIRA).json()["datumEindgesprekMap"] == _dag(0).isoformat()
        )


VERWIJTBAAR = ("ZROUTE-08", "ZROUTE-09", "ZROUTE-10", "ZROUTE-11")


@pytest.mark.parametrize("case", _rijen(*VERWIJTBAAR), ids=list(VERWIJTBAAR))
def test_verwijtbaar_zonder_datum(case, api, duo, client_duo, weert, adviseur_weert):
    g = case.gegeven
    termijn_eind = None
    if g.get("termijn_eind") == "over_2_maanden":
        termijn_eind = add_months(date.today(), 2)
    traject = _zaak_duo(g["bsn"], weert, adviseur_weert, client_duo, duo, termijn_eind=termijn_eind)
    eind = traject.termijn_eind
    soort = f"{g['module']}_verwijtbaar"

    engine.bereken_voor([traject.pk])
    signaal = Signaal.objects.filter(traject=traject, soort=soort, actief=True).first()
    if "signaal_voor" in case.uitkomst:
        verwacht = (
            eind if case.uitkomst["signaal_voor"] == "einddatum" else eind - timedelta(days=1)
        )
        assert signaal is not None and signaal.vervaldatum == verwacht

    url = f"/api/v1/inburgeraars/{traject.inburgeraar_id}/{g['module']}/verwijtbaar"
    antwoord = api(adviseur_weert).post(url, {"verwijtbaar": g["verwijtbaar"]}, format="json")
    if case.uitkomst["duo"] == "geweigerd":
        assert antwoord.status_code == 400
        assert not Bericht.objects.filter(soort=g["module"]).exists()
        return
    assert antwoord.status_code == 200, antwoord.json()
    _afleveren(client_duo)
    bericht = Bericht.objects.get(soort=g["module"])
    assert bericht.status == "afgeleverd", bericht.foutteksten
    assert duo.sim.state["personen"][g["bsn"]][g["module"]].get("verwijtbaar") == g["verwijtbaar"]
    engine.bereken_voor([traject.pk])
    assert not Signaal.objects.filter(
        traject=traject, soort=soort, actief=True, status=Signaal.Status.OPEN
    ).exists()


def _uren_bij_duo(duo, bsn, gemeente):
    return next(
        u
        for u in duo.call("getGevolgdeUrenByBsn", bsn=bsn, bron=gemeente.oin).json()
        if u["gemeentecode"] == gemeente.gemeentecode
    )


@pytest.mark.parametrize("case", _rijen("ZROUTE-12"), ids=["ZROUTE-12"])
def test_drie_lopende_totalen(case, duo, client_duo, weert, adviseur_weert):
    traject = _zaak_duo(AMIRA, weert, adviseur_weert, client_duo, duo)
    _uren(traject, adviseur_weert, "taal", "12", intake=True)
    _uren(traject, adviseur_weert, "participatie", "20", intake=True)
    _uren(traject, adviseur_weert, "taal", "150")
    leerroute.meld_uren_aan_duo(traject, adviseur_weert)  # a first report
    _afleveren(client_duo)
    _uren(traject, adviseur_weert, "taal", "150")
    _uren(traject, adviseur_weert, "knm", "40")
    _pvt(traject, adviseur_weert)
    leerroute.meld_uren_aan_duo(traject, adviseur_weert)  # the new totals replace the old
    _afleveren(client_duo)
    assert set(
        Bericht.objects.filter(soort__startswith="uren_").values_list("status", flat=True)
    ) == {"afgeleverd"}
    bij_duo = _uren_bij_duo(duo, AMIRA, weert)
    assert {k: bij_duo.get(k) for k in case.uitkomst} == case.uitkomst


@pytest.mark.parametrize("case", _rijen("ZROUTE-13"), ids=["ZROUTE-13"])
def test_begeleiding_en_participatiewet_tellen_mee(case, duo, client_duo, weert, adviseur_weert):
    traject = _zaak_duo(AMIRA, weert, adviseur_weert, client_duo, duo)
    partner = Organisatie.objects.create(naam="Vluchtelingenwerk Weert")
    for taak, uren in (
        ("maatschappelijke_begeleiding", "12.5"),
        ("begeleiding_naar_werk", "7"),
        ("map", "50"),
    ):
        verwijzing = Verwijzing.objects.create(traject=traject, organisatie=partner, taak=taak)
        Voortgang.objects.create(verwijzing=verwijzing, datum=_dag(0), uren=Decimal(uren))
    DuaalTraject.objects.create(
        traject=traject, werkgever="Bakkerij", start=_dag(-60), uren_per_week=8, uren_gewerkt=30
    )
    leerroute.meld_uren_aan_duo(traject, adviseur_weert)
    _afleveren(client_duo)
    bij_duo = _uren_bij_duo(duo, AMIRA, weert)
    assert {k: bij_duo.get(k) for k in case.uitkomst} == case.uitkomst


@pytest.mark.parametrize("case", _rijen("ZROUTE-14"), ids=["ZROUTE-14"])
def test_geen_participatietotaal_buiten_de_asielgroep(case, duo, client_duo, weert, adviseur_weert):
    traject = _zaak_duo(DAWIT, weert, adviseur_weert, client_duo, duo)
    assert not traject.inburgeraar.is_asielmigrant  # DUO's indeling, not the detail
    _uren(traject, adviseur_weert, "participatie", "30")
    berichten = leerroute.meld_uren_aan_duo(traject, adviseur_weert)
    assert sorted(b.soort for b in berichten) == sorted(case.uitkomst["soorten"])
    _afleveren(client_duo)
    assert {b.status for b in Bericht.objects.filter(soort__startswith="uren_")} == {"afgeleverd"}


# -- The dates of an inburgeringsaanbod ---------------------------------------------------------

AANBOD_ROWS = (
    "ZROUTE-15",
    "ZROUTE-16",
    "ZROUTE-17",
    "ZROUTE-18",
    "ZROUTE-20",
    "ZROUTE-21",
    "ZROUTE-22",
)
SIM_BOW, SIM_TST = "1000000001", "1000000003"  # the simulator's scenario (simulator_hulp)


def _aanbod_body(
    start: date, dag: dict, sleutels=("aanbod", "start", "eind"), termijn_eind: date | None = None
) -> dict:
    """Koers' API fields; ``einddatum`` is the last lesson day (inclusive), counted from the
    termijn's start, or with ``eind_na_termijn`` from DUO's (exclusive) termijn einddatum."""
    datums = {k: (start + timedelta(days=dag[k])).isoformat() for k in sleutels if k in dag}
    if "eind_na_termijn" in dag:
        datums[sleutels[2]] = (termijn_eind + timedelta(days=dag["eind_na_termijn"])).isoformat()
    return {
        "datum_aanbod": datums[sleutels[0]],
        "startdatum": datums[sleutels[1]],
        "einddatum": datums[sleutels[2]],
        "alfabetisering": "NVT",
    }


def _duo_eind(laatste_lesdag: str) -> str:
    """What DUO should hold for a last lesson day: the day after (its end is exclusive)."""
    return (date.fromisoformat(laatste_lesdag) + timedelta(days=1)).isoformat()


@pytest.mark.parametrize("case", _rijen(*AANBOD_ROWS), ids=list(AANBOD_ROWS))
def test_datums_van_het_aanbod(case, api, duo, client_duo, weert, adviseur_weert, settings):
    settings.DUO_BASE_URL = duo.base_url  # GET /instellingen from the simulator
    g = case.gegeven
    traject = _zaak_duo(AMIRA, weert, adviseur_weert, client_duo, duo, leerroute=g["leerroute"])
    start = traject.termijn_start
    assert start is not None  # DUO's termijn (SS102)
    url = f"/api/v1/inburgeraars/{traject.inburgeraar_id}/aanbod"
    nummer = SIM_BOW
    if "cursus_eind" in g:  # the course at a Blik op Werk instelling comes first
        cursus = {
            "instellingsnummer": SIM_BOW,
            **_aanbod_body(start, {"a": 0, "s": 0, "e": g["cursus_eind"]}, ("a", "s", "e")),
        }
        assert api(adviseur_weert).post(url, cursus, format="json").status_code == 201
        _afleveren(client_duo)
        nummer = SIM_TST
    body = {
        "instellingsnummer": nummer,
        **_aanbod_body(start, g, termijn_eind=traject.termijn_eind),
    }
    antwoord = api(adviseur_weert).post(url, body, format="json")
    if case.uitkomst["koers"] == "geweigerd":
        assert antwoord.status_code == 400
        assert case.uitkomst["veld"] in antwoord.json()["fouten"], antwoord.json()
        assert not traject.aanbod.filter(instellingsnummer=nummer).exists()
        assert nummer not in duo.sim.state["personen"][AMIRA].get("aanbod", {})
        # DUO itself refuses the very same report (its own reading of its rules).
        direct = duo.call(
            "postInburgeringsaanbodByBsnAndInstellingsnummer",
            bsn=AMIRA,
            instellingsnummer=nummer,
            body={
                "indicatorAlfabetiseringsonderwijs": "NVT",
                "datumInburgeringsaanbod": body["datum_aanbod"],
                "verwachteStartdatumOpleiding": body["startdatum"],
                "verwachteEinddatumOpleiding": _duo_eind(body["einddatum"]),
            },
        )
        assert direct.status_code == case.uitkomst["duo"], direct.text
        return
    assert antwoord.status_code == 201, antwoord.json()
    _afleveren(client_duo)
    bericht = traject.aanbod.get(instellingsnummer=nummer).bericht
    bericht.refresh_from_db()
    assert bericht.status == "afgeleverd", bericht.foutteksten
    bij_duo = duo.sim.state["personen"][AMIRA]["aanbod"][nummer]
    assert bij_duo["verwachteStartdatumOpleiding"] == body["startdatum"]
    assert bij_duo["verwachteEinddatumOpleiding"] == _duo_eind(body["einddatum"])
    if "eind_na_termijn" in g:  # both ends exclusive: they meet
        assert bij_duo["verwachteEinddatumOpleiding"] == traject.termijn_eind.isoformat()
    # Koers shows and returns the last lesson day itself.
    lijst = api(adviseur_weert).get(url).json()
    assert body["einddatum"] in {a["einddatum"] for a in lijst}, lijst


def _participatie_norm(api, adviseur, traject):
    """The stored plan (what the signals read) and the API must say the same."""
    opgeslagen = Zroute.objects.get(traject=traject).norm_participatie
    data = api(adviseur).get(f"/api/v1/inburgeraars/{traject.inburgeraar_id}/zroute").json()
    normen = [
        Decimal(str(v["norm"])) for v in data["voortgang"] if v["label"].startswith("Participatie")
    ]
    assert normen == ([Decimal(opgeslagen)] if opgeslagen else []), (normen, opgeslagen)
    return Decimal(opgeslagen) if opgeslagen else None


@pytest.mark.parametrize("case", _rijen("ZROUTE-19"), ids=["ZROUTE-19"])
def test_ontheffing_van_duo_herberekent_de_zroute(
    case, api, duo, client_duo, weert, adviseur_weert
):
    g = case.gegeven
    traject = _zaak_duo(g["bsn"], weert, adviseur_weert, client_duo, duo)
    normen = [_participatie_norm(api, adviseur_weert, traject)]
    for uren in g["wijzigingen"]:
        besluit = duo.sim.state["personen"][g["bsn"]]["ontheffingen"][0]
        besluit["GedeeltelijkeOntheffing"]["urenBelastbaarheidParticipatieactiviteit"] = uren
        _open_via_duo(weert, g["bsn"], "SS119", client_duo)
        normen.append(_participatie_norm(api, adviseur_weert, traject))
    assert normen == case.uitkomst["normen"]


@pytest.mark.parametrize("case", _rijen("ZROUTE-23"), ids=["ZROUTE-23"])
def test_elke_doelgroepwijziging_van_duo_telt(case, api, duo, client_duo, weert, adviseur_weert):
    g = case.gegeven
    traject = _zaak_duo(g["bsn"], weert, adviseur_weert, client_duo, duo)
    indelingen = {"asiel": "Asielstatushouder", "gezin": "Gezinsmigrant en overige migrant"}
    normen = [_participatie_norm(api, adviseur_weert, traject)]
    persoon = duo.sim.state["personen"][g["bsn"]]
    for gid, detail, indeling in g["wijzigingen"]:
        persoon["doelgroep"] = {
            **persoon["doelgroep"],
            "gedetailleerdeDoelgroep": detail,
            "indeling": indelingen[indeling],
        }
        inburgeraar = _open_via_duo(weert, g["bsn"], gid, client_duo)
        assert inburgeraar.doelgroepindeling == indelingen[indeling]
        normen.append(_participatie_norm(api, adviseur_weert, traject))
    assert normen == case.uitkomst["normen"]
    tijdlijn = traject.gebeurtenissen.filter(
        soort="duo", omschrijving__contains="doelgroep van DUO: "
    )
    assert (
        tijdlijn.filter(omschrijving__regex=r"indeling [^;]+ → ").count()
        == case.uitkomst["tijdlijn"]
    )
