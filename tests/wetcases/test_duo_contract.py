"""Wetcases: DUO's contract for the reports a gemeente sends (RULES.md + the OpenAPI files).

Each row is run as it happens in practice: DUO (the simulator, which shares no code with
Koers) notifies Koers, Koers' worker opens the case from DUO's answers, the adviseur works in
Koers' services, Koers queues the report and its outbox delivers it over HTTP. The row then
checks DUO's answer (accepted, or refused with DUO's fouttekst) and Koers' resulting state.

The expected outcome is written from RULES.md and the OpenAPI files, not from Koers' code.
When DUO refuses, Koers may already refuse before sending (a ``Weigering``): then nothing
reaches DUO, which is the same outcome for the inburgeraar.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.conf import settings

from koers.bouwstenen.weigering import Weigering
from koers.duo import meldingen, outbox, worker
from koers.duo.client import DuoClient
from koers.duo.models import Bericht
from koers.inburgeraars.models import Inburgeraar
from tests.duo.keten_hulp import notificatie
from tests.duo.meldingen_gegevens import intake_af, vastgesteld
from tests.duo.simulator_hulp import (  # noqa: F401  (fixtures)
    AMIRA,
    BILAL,
    DAWIT,
    MEHMET,
    NOUR,
    RANIA,
    YARA,
    duo_fixture,
    duo_sim_server_fixture,
)
from tests.wetcases.wetcase import Wetcase, ids

ECHTE_TIJD = True  # the simulator's scenario is dated from the real today
pytestmark = pytest.mark.django_db
RULES_PIP = 'DUO RULES.md "Business rules DUO applies to reports", PIP'
RULES_MAP_PVT = 'DUO RULES.md "Business rules DUO applies to reports", MAP and PVT'
TERMIJN_EXCL = "DUO OpenAPI Inburgeringstermijn/Inburgeringstermijn.einddatum (exclusief)"

WETCASES = [
    Wetcase(
        id="DUOCONTRACT-01",
        situatie="Het PIP is gedagtekend voor de vestiging in de gemeente, die alleen DUO "
        "kent (Koers heeft geen vestigingsdatum).",
        verwacht="DUO weigert het PIP; Koers zet de melding op geweigerd met DUO's fouttekst.",
        bron=RULES_PIP + " (dagtekening niet voor de vestiging)",
        status="duo",
        gegeven={"bsn": AMIRA, "pip": {"dagtekening": -125}},
        uitkomst={"duo": "geweigerd", "fouttekst": "vestiging"},
    ),
    Wetcase(
        id="DUOCONTRACT-02",
        situatie="PIP met de B1-route zonder niveau.",
        verwacht="DUO aanvaardt het en registreert niveau B1.",
        bron=RULES_PIP + " (no niveau with B or O → DUO records B1)",
        status="duo",
        gegeven={"bsn": AMIRA, "pip": {"niveau": ""}},
        uitkomst={"duo": "aanvaard", "pip_bij_duo": {"leerroute": "B", "niveau": "B1"}},
    ),
    Wetcase(
        id="DUOCONTRACT-03",
        situatie="Gezinsvormer bij wie DUO de asielrechten behoudt (indeling "
        "Asielstatushouder); PIP B1-route met geschatte intensiteit.",
        verwacht="DUO aanvaardt de intensiteit: DUO's indeling telt, niet de gedetailleerde "
        "doelgroep.",
        bron=RULES_PIP + " (geschatteIntensiteitB1Route only for asielstatushouders); DUO "
        "OpenAPI Inburgeringsplicht/Doelgroep.indeling",
        status="duo",
        # No ontzorgen: a gezinsvormer's regular permit is outside art. 56a Participatiewet.
        gegeven={"bsn": YARA, "pip": {"geschatte_intensiteit_b1_route": 900, "ontzorgen": False}},
        uitkomst={"duo": "aanvaard", "pip_bij_duo": {"geschatteIntensiteitB1Route": 900}},
    ),
    Wetcase(
        id="DUOCONTRACT-04",
        situatie="Asielstatushouder met op verzoek de rechten van een gezinsmigrant (indeling "
        "Gezinsmigrant); PIP B1-route met geschatte intensiteit.",
        verwacht="De intensiteit komt niet bij DUO: Koers weigert vooraf of DUO weigert.",
        bron=RULES_PIP + " (geschatteIntensiteitB1Route only for asielstatushouders); DUO "
        "OpenAPI Inburgeringsplicht/AsielrechtenWijzigingVerblijfsdoel",
        status="duo",
        gegeven={"bsn": DAWIT, "pip": {"geschatte_intensiteit_b1_route": 900, "ontzorgen": False}},
        uitkomst={"duo": "geweigerd", "fouttekst": "alleen voor asielstatushouders"},
    ),
    Wetcase(
        id="DUOCONTRACT-05",
        situatie="Eerste PIP ooit (bij geen enkele gemeente een PIP), B1-route op niveau A2.",
        verwacht="Geweigerd: A2 in de B1-route kan niet in het eerste PIP.",
        bron=RULES_PIP + " (A2 with B not on the first PIP at any gemeente)",
        status="duo",
        gegeven={"bsn": AMIRA, "pip": {"niveau": "A2"}},
        uitkomst={"duo": "geweigerd", "fouttekst": "eerste PIP"},
    ),
    Wetcase(
        id="DUOCONTRACT-06",
        situatie="Verhuisd naar Weert met een PIP (B1-route) van Nederweert (SS121); Weert "
        "stelt een PIP B1-route op niveau A2 vast.",
        verwacht="DUO aanvaardt: het is niet het eerste PIP bij welke gemeente ook. Het "
        "huidige PIP bij DUO is dat van Weert, op A2.",
        bron=RULES_PIP + " (first PIP at any gemeente); DUO OpenAPI PIP/getPipByBsn ('ook een "
        "PIP van een voorgaande gemeente')",
        status="duo",
        gegeven={"bsn": NOUR, "gid": "SS121", "pip": {"niveau": "A2"}},
        uitkomst={"duo": "aanvaard", "pip_bij_duo": {"leerroute": "B", "niveau": "A2"}},
    ),
    Wetcase(
        id="DUOCONTRACT-07",
        situatie="De termijn eindigt over 40 dagen; het MAP is niet af. De gemeente meldt "
        "verwijtbaar 'Nee' zonder datum.",
        verwacht="DUO aanvaardt een lege datum met verwijtbaar 'Nee' in de laatste twee maanden.",
        bron=RULES_MAP_PVT + " ('Nee' only when the termijn ends within two months)",
        status="duo",
        gegeven={"bsn": BILAL, "melding": ("map", None, "Nee")},
        uitkomst={"duo": "aanvaard", "bij_duo": ("map", {"verwijtbaar": "Nee"})},
    ),
    Wetcase(
        id="DUOCONTRACT-08",
        situatie="De termijn eindigt over 40 dagen; de gemeente meldt voor het PVT "
        "verwijtbaar 'Ja' zonder datum.",
        verwacht="Geweigerd: 'Ja' kan pas als de termijn is overschreden.",
        bron=RULES_MAP_PVT + " ('Ja' only when the termijn has been exceeded)",
        status="duo",
        gegeven={"bsn": BILAL, "melding": ("pvt", None, "Ja")},
        uitkomst={"duo": "geweigerd", "fouttekst": "overschreden"},
    ),
    Wetcase(
        id="DUOCONTRACT-09",
        situatie="De termijn is tien dagen geleden verstreken; het PVT is niet ondertekend. "
        "De gemeente meldt verwijtbaar 'Ja' zonder datum.",
        verwacht="DUO aanvaardt een lege datum met verwijtbaar 'Ja' na de termijn.",
        bron=RULES_MAP_PVT + " (empty date with verwijtbaar)",
        status="duo",
        gegeven={"bsn": RANIA, "melding": ("pvt", None, "Ja")},
        uitkomst={"duo": "aanvaard", "bij_duo": ("pvt", {"verwijtbaar": "Ja"})},
    ),
    Wetcase(
        id="DUOCONTRACT-10",
        situatie="PVT ondertekend op de laatste dag van de termijn (DUO's einddatum − 1), "
        "zonder verwijtbaar.",
        verwacht="DUO aanvaardt: de einddatum van DUO is exclusief, de laatste dag valt nog "
        "binnen de termijn.",
        bron=TERMIJN_EXCL + "; " + RULES_MAP_PVT,
        status="duo",
        gegeven={"bsn": BILAL, "termijn_eind": 1, "melding": ("pvt", 0, None)},
        uitkomst={"duo": "aanvaard", "bij_duo": ("pvt", {"datumOndertekeningPvt": 0})},
    ),
    Wetcase(
        id="DUOCONTRACT-11",
        situatie="PVT ondertekend op DUO's einddatum van de termijn zelf, zonder verwijtbaar.",
        verwacht="Geweigerd: op de (exclusieve) einddatum is de termijn overschreden, dus "
        "verwijtbaar moet mee.",
        bron=TERMIJN_EXCL + "; " + RULES_MAP_PVT + " (without verwijtbaar no overschrijding)",
        status="duo",
        gegeven={"bsn": BILAL, "termijn_eind": 0, "melding": ("pvt", 0, None)},
        uitkomst={"duo": "geweigerd", "fouttekst": "overschreden"},
    ),
    Wetcase(
        id="DUOCONTRACT-12",
        situatie="DUO heeft de afronding van de Z-route al geregistreerd (twee dagen "
        "geleden); de gemeente meldt daarna een PVT-datum van gisteren.",
        verwacht="DUO weigert: de datum ligt na de afronding van de Z-route. Koers toont de "
        "weigering met DUO's fouttekst.",
        bron=RULES_MAP_PVT + " (date not after the Z-route completion date)",
        status="duo",
        gegeven={"bsn": BILAL, "zroute_bij_duo": -2, "melding": ("pvt", -1, None)},
        uitkomst={"duo": "geweigerd", "fouttekst": "Z-route"},
    ),
    Wetcase(
        id="DUOCONTRACT-13",
        situatie="Gezinsvormer (DUO: gezinsmigrant) volgt taalles bij een cursusinstelling; "
        "de gemeente meldt 120 uur participatie als taalles.",
        verwacht="DUO aanvaardt: het contract beperkt ParticipatieAlsTaalles niet tot een "
        "doelgroep. DUO toont het totaal bij de gemeente.",
        bron='DUO OpenAPI GevolgdeUren/ParticipatieAlsTaalles; DUO RULES.md "Gevolgde uren"',
        status="duo",
        gegeven={
            "bsn": MEHMET,
            "gemeente": "nederweert",
            "uren": ("participatie_als_taalles", 120),
        },
        uitkomst={"duo": "aanvaard", "uren_bij_duo": {"ParticipatieAlsTaalles": {"uren": 120}}},
    ),
    Wetcase(
        id="DUOCONTRACT-14",
        situatie="Gezinsvormer bij wie DUO de asielrechten behoudt; de gemeente meldt 80 uur "
        "participatieactiviteiten.",
        verwacht="DUO aanvaardt: participatieactiviteiten gelden voor de asielstatushouder "
        "volgens DUO's indeling.",
        bron="DUO OpenAPI GevolgdeUren/ParticipatieactiviteitenBredeIntake (Z-Route van de "
        "Asielstatushouder); DUO OpenAPI Inburgeringsplicht/Doelgroep.indeling",
        status="duo",
        gegeven={"bsn": YARA, "uren": ("participatieactiviteiten", 80)},
        uitkomst={
            "duo": "aanvaard",
            "uren_bij_duo": {"ParticipatieactiviteitenBredeIntake": {"uren": 80}},
        },
    ),
]
CASES = {c.id: c for c in WETCASES}


def _dag(dagen: int) -> date:
    return date.today() + timedelta(days=dagen)


@pytest.fixture
def client_duo(duo):
    return DuoClient(base_url=duo.base_url, doel=settings.DUO_OIN)


def _open_via_duo(gemeente, bsn: str, gid: str, client) -> Inburgeraar:
    """DUO notifies, Koers' worker opens (or updates) the case from DUO's answers."""
    n = notificatie(gemeente, gid, bsn)
    worker.verwerk_notificaties(client=client)
    n.refresh_from_db()
    assert n.status == "verwerkt", n.fout
    return Inburgeraar.objects.get(bsn=bsn)


def _met_pip(traject, adviseur, client, **pip):
    """Intake done and a PIP vastgesteld; returns the queued PIP message (None: refused)."""
    intake_af(traject, adviseur)
    pip.setdefault("dagtekening", -1)
    pip["dagtekening"] = _dag(pip["dagtekening"])
    vastgesteld(traject, adviseur, **pip)
    return Bericht.objects.filter(soort="pip", traject=traject).order_by("-pk").first()


def _afleveren(bericht, client) -> tuple[str, list[str]]:
    outbox.lever_af(client=client)
    bericht.refresh_from_db()
    if bericht.status == Bericht.Status.AFGELEVERD:
        return "aanvaard", []
    assert bericht.status == Bericht.Status.GEWEIGERD, (bericht.status, bericht.foutteksten)
    return "geweigerd", list(bericht.foutteksten)


def _pip_case(case, traject, adviseur, client) -> tuple[str, list[str]]:
    pip = dict(case.gegeven["pip"])
    if "geschatte_intensiteit_b1_route" not in pip:
        pip["geschatte_intensiteit_b1_route"] = None
    try:
        bericht = _met_pip(traject, adviseur, client, **pip)
    except Weigering as weigering:
        return "geweigerd door Koers", list(weigering.fouten.values())
    assert bericht is not None
    return _afleveren(bericht, client)


def _melding_case(case, traject, adviseur, client, duo) -> tuple[str, list[str]]:
    bsn = case.gegeven["bsn"]
    persoon = duo.sim.state["personen"][bsn]
    pip_bericht = _met_pip(
        traject,
        adviseur,
        client,
        leerroute="Z",
        niveau="A2",
        geschatte_intensiteit_b1_route=None,
        alfabetisering="NVT",
    )
    assert _afleveren(pip_bericht, client) == ("aanvaard", [])
    if "termijn_eind" in case.gegeven:
        persoon["termijn"]["einddatum"] = _dag(case.gegeven["termijn_eind"]).isoformat()
    if "zroute_bij_duo" in case.gegeven:
        persoon["zroute"] = {
            "datumAfrondingZroute": _dag(case.gegeven["zroute_bij_duo"]).isoformat(),
            "gemeentecode": "0988",
        }
    # DUO's termijn reaches Koers the way it does in practice: SS102, then Koers fetches it.
    _open_via_duo(traject.gemeente, bsn, "SS102", client)
    traject.refresh_from_db()
    assert traject.termijn_eind == date.fromisoformat(persoon["termijn"]["einddatum"])
    soort, dagen, verwijtbaar = case.gegeven["melding"]
    melden = meldingen.meld_map if soort == "map" else meldingen.meld_pvt
    try:
        bericht = melden(traject, None if dagen is None else _dag(dagen), verwijtbaar)
    except Weigering as weigering:
        return "geweigerd door Koers", list(weigering.fouten.values())
    return _afleveren(bericht, client)


def _uren_case(case, traject, adviseur, client) -> tuple[str, list[str]]:
    soort, uren = case.gegeven["uren"]
    try:
        bericht = meldingen.meld_uren(traject, soort, uren)
    except Weigering as weigering:
        return "geweigerd door Koers", list(weigering.fouten.values())
    return _afleveren(bericht, client)


@pytest.mark.parametrize("case", WETCASES, ids=ids(WETCASES))
def test_duo_contract(case, duo, client_duo, weert, nederweert, adviseur_weert):
    bsn = case.gegeven["bsn"]
    gemeente = nederweert if case.gegeven.get("gemeente") == "nederweert" else weert
    adviseur = adviseur_weert  # only rows of Weert need an adviseur (PIP, MAP, PVT)
    inburgeraar = _open_via_duo(gemeente, bsn, case.gegeven.get("gid", "SS101"), client_duo)
    traject = inburgeraar.huidig_traject
    persoon = duo.sim.state["personen"][bsn]
    pips_voor = len(persoon["pips"])

    if "pip" in case.gegeven:
        uitslag, teksten = _pip_case(case, traject, adviseur, client_duo)
    elif "melding" in case.gegeven:
        uitslag, teksten = _melding_case(case, traject, adviseur, client_duo, duo)
    else:
        uitslag, teksten = _uren_case(case, traject, adviseur, client_duo)

    verwacht = case.uitkomst
    if verwacht["duo"] == "aanvaard":
        assert uitslag == "aanvaard", teksten
    else:
        assert uitslag in ("geweigerd", "geweigerd door Koers"), uitslag
        if uitslag == "geweigerd":  # DUO's own words reach Koers' message
            assert any(verwacht["fouttekst"] in t for t in teksten), teksten
    if "pip_bij_duo" in verwacht:
        huidig = duo.call("getPipByBsn", bsn=bsn).json()
        assert huidig["gemeentecode"] == gemeente.gemeentecode
        assert {k: huidig["pip"].get(k) for k in verwacht["pip_bij_duo"]} == (
            verwacht["pip_bij_duo"]
        )
    if "pip" in case.gegeven and verwacht["duo"] == "geweigerd":
        assert len(persoon["pips"]) == pips_voor  # DUO registered nothing
    if "bij_duo" in verwacht:
        soort, velden = verwacht["bij_duo"]
        bij_duo = {k: (_dag(v).isoformat() if isinstance(v, int) else v) for k, v in velden.items()}
        assert {k: persoon[soort].get(k) for k in bij_duo} == bij_duo
    if "uren_bij_duo" in verwacht:
        uren = next(
            u
            for u in duo.call("getGevolgdeUrenByBsn", bsn=bsn, bron=gemeente.oin).json()
            if u["gemeentecode"] == gemeente.gemeentecode
        )
        assert {k: uren.get(k) for k in verwacht["uren_bij_duo"]} == verwacht["uren_bij_duo"]
