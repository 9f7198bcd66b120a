"""Wetcases of financieel ontzorgen (art. 56a Participatiewet: who, how long, from whose money)
and of finance by doelgroep (what the SPUK pays). Each row runs through the API, the services
or the portal, never through a rules.py.

Art. 56a Participatiewet itself could not be read while writing these rows: its group and
period come from two Schulinck commentaries and the startnotitie §6.5, so the rows that rest
on the wording say "niet geverifieerd".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from koers.begeleiding import signalen
from koers.begeleiding.models import Begeleidingsbeleid
from koers.organisaties.models import Budget
from koers.sturing import financien
from koers.sturing.models import Kostenpost
from tests.factories import InburgeraarFactory, TrajectFactory
from tests.portaal.conftest import portaal_login
from tests.wetcases.wetcase import NIET_GEVERIFIEERD, Wetcase, ids

VANDAAG = dt.date(2026, 11, 15)

ART_56A = (
    "art. 56a Participatiewet — " + NIET_GEVERIFIEERD + ": de wettekst is niet gelezen; "
    "de uitleg volgt Schulinck, 'Ontzorgen van inburgeringsplichtige asielstatushouders "
    "met recht op bijstand' en 'Het nieuwe inburgeringsstelsel'"
)
ART_56A_PERIODE = ART_56A + "; startnotitie §6.5 (6 maanden vanaf het recht op bijstand)"
GEZIN = "Gezinsmigrant en overige migrant"

WETCASES: list[Wetcase] = [
    Wetcase(
        id="ontzorgen-asielvergunning-met-bijstand",
        situatie="Asielstatushouder met een verblijfsvergunning asiel krijgt bijstand vanaf "
        "1 oktober 2026",
        verwacht="ontzorgen moet: 6 maanden, tot en met 31 maart 2027",
        bron=ART_56A_PERIODE,
        status="wet",
        gegeven={"doelgroep": "Asielstatushouder", "groep": "wet", "start": "2026-10-01"},
        uitkomst={"status": 201, "einddatum": "2027-03-31"},
    ),
    Wetcase(
        id="ontzorgen-gezinslid-reguliere-vergunning-wet",
        situatie="Gezinshereniger met asielstatushouder (reguliere verblijfsvergunning; voor "
        "de Wi2021 wel asielstatushouder) krijgt bijstand; de gemeente volgt de wet",
        verwacht="artikel 56a geldt niet: Koers weigert ontzorgen (400)",
        bron=ART_56A + " (gezinsleden met een reguliere vergunning vallen er niet onder)",
        status="wet",
        gegeven={
            "doelgroep": "Gezinshereniger met Asielstatushouder",
            "groep": "wet",
            "start": "2026-10-01",
        },
        uitkomst={"status": 400},
    ),
    Wetcase(
        id="ontzorgen-gezinslid-reguliere-vergunning-beleid",
        situatie="Gezinsvormer met asielstatushouder (reguliere vergunning) met bijstand; de "
        "gemeente koos ervoor ook deze groep te ontzorgen",
        verwacht="ontzorgen kan starten, 6 maanden",
        bron="beleid van de gemeente (bijvoorbeeld budgetbeheer, art. 57 Participatiewet — "
        + NIET_GEVERIFIEERD
        + "); startnotitie §6.5",
        status="beleid",
        instelling="Begeleidingsbeleid.ontzorgen_groep (Beheer)",
        gegeven={
            "doelgroep": "Gezinsvormer met Asielstatushouder",
            "groep": "asielmigranten",
            "start": "2026-10-01",
        },
        uitkomst={"status": 201, "einddatum": "2027-03-31"},
    ),
    Wetcase(
        id="ontzorgen-gezinsmigrant-nooit",
        situatie="Gezinsvormer (gezinsmigrant) met bijstand, ook als de gemeente de ruime "
        "groep koos",
        verwacht="geen ontzorgen: Koers weigert (400)",
        bron=ART_56A + "; startnotitie §6.5 ('alleen voor de doelgroep asielstatushouders')",
        status="wet",
        gegeven={"doelgroep": "Gezinsvormer", "groep": "asielmigranten", "start": "2026-10-01"},
        uitkomst={"status": 400},
    ),
    Wetcase(
        id="ontzorgen-stopt-met-de-bijstand",
        situatie="Asielstatushouder ontzorgd vanaf 1 oktober 2026; de bijstand stopt op "
        "30 november 2026",
        verwacht="ontzorgen stopt ook op 30 november 2026",
        bron=ART_56A + " (ontzorgen eindigt eerder als het recht op bijstand eindigt)",
        status="wet",
        gegeven={"start": "2026-10-01", "einde": "2026-11-30"},
        uitkomst="2026-11-30",
    ),
    Wetcase(
        id="ontzorgen-ontbreekt-signaal",
        situatie="Asielstatushouder krijgt bijstand sinds 1 oktober 2026; er is geen "
        "ontzorgen vastgelegd (15 november 2026)",
        verwacht="signaal voor de adviseur: ontzorgen ontbreekt",
        bron=ART_56A,
        status="wet",
        gegeven={"doelgroep": "Asielstatushouder", "start": "2026-10-01"},
        uitkomst=True,
    ),
    Wetcase(
        id="ontzorgen-na-zes-maanden-geen-plicht-meer",
        situatie="Asielstatushouder krijgt bijstand sinds 1 maart 2026, zonder ontzorgen "
        "(15 november 2026)",
        verwacht="de 6 maanden zijn voorbij: geen plicht meer en geen signaal",
        bron=ART_56A_PERIODE,
        status="wet",
        gegeven={"doelgroep": "Asielstatushouder", "start": "2026-03-01"},
        uitkomst=False,
    ),
    Wetcase(
        id="ontzorgen-portaal-uit-eigen-bijstand",
        situatie="Het PIP van een asielstatushouder noemt financieel ontzorgen; hij leest "
        "zijn plan in Mijn Inburgering",
        verwacht="de tekst zegt dat de vaste lasten uit zijn eigen bijstand worden betaald, "
        "niet dat de gemeente ze voor hem betaalt",
        bron=ART_56A + "; startnotitie §6.5 ('het vanuit de bijstandsuitkering betalen van "
        "de huur, gas, water, stroom en de verplichte zorgverzekering')",
        status="wet",
        uitkomst="Dat geld komt uit uw eigen bijstand.",
    ),
    Wetcase(
        id="financien-leerroute-asielstatushouder-spuk",
        situatie="De gemeente boekt 10 uur leerroute voor een asielstatushouder",
        verwacht="geboekt, ten laste van de SPUK",
        bron="startnotitie §8.1.3 (de SPUK betaalt de leerroutes)",
        status="startnotitie",
        gegeven={"doelgroep": "Asielstatushouder", "voorziening": "leerroute"},
        uitkomst={"status": 201, "ten_laste_van": "spuk"},
    ),
    Wetcase(
        id="financien-leerroute-gezinsmigrant-niet",
        situatie="De gemeente wil de leerroute van een gezinsmigrant (gezinsvormer) als kosten "
        "boeken",
        verwacht="geweigerd (400): hij betaalt zijn leerroute zelf, zo nodig met een lening "
        "van DUO; het komt niet ten laste van de gemeente of de SPUK",
        bron=NIET_GEVERIFIEERD + " — Wi2021 (aanbod van de gemeente alleen voor "
        "asielstatushouders) en de SPUK-regeling zijn niet gelezen; Rijksbegroting SZW "
        "2022, memorie van toelichting §2.5 (leenstelsel blijft voor gezins- en overige "
        "migranten); startnotitie §8.1.3",
        status="wet",
        gegeven={"doelgroep": "Gezinsvormer", "voorziening": "leerroute"},
        uitkomst={"status": 400},
    ),
    Wetcase(
        id="financien-begeleiding-gezinsmigrant-niet",
        situatie="De gemeente wil maatschappelijke begeleiding van een gezinsmigrant uit de "
        "SPUK boeken",
        verwacht="geweigerd (400): de SPUK betaalt maatschappelijke begeleiding alleen voor "
        "asielstatushouders",
        bron="startnotitie §8.1.3 ('de maatschappelijke begeleiding van asielstatushouders')",
        status="startnotitie",
        gegeven={"doelgroep": "Gezinsvormer", "voorziening": "begeleiding"},
        uitkomst={"status": 400},
    ),
    Wetcase(
        id="financien-pvt-gezinsmigrant-wel",
        situatie="De gemeente boekt het participatieverklaringstraject van een gezinsmigrant",
        verwacht="geboekt, ten laste van de SPUK: de gemeente biedt PVT en MAP aan iedere "
        "inburgeringsplichtige",
        bron=NIET_GEVERIFIEERD + " — het Wi2021-artikel over het aanbod van PVT en MAP is "
        "niet gelezen; startnotitie §8.1.3 (de SPUK betaalt MAP en PVT)",
        status="wet",
        gegeven={"doelgroep": "Gezinsvormer", "voorziening": "pvt"},
        uitkomst={"status": 201, "ten_laste_van": "spuk"},
    ),
    Wetcase(
        id="financien-dashboard-spuk-per-doelgroep",
        situatie="In 2026: € 600 leerroute van een asielstatushouder, € 500 MAP van een "
        "gezinsmigrant en een oude boeking van € 900 voor de eigen leerroute van die "
        "gezinsmigrant",
        verwacht="SPUK gerealiseerd € 1.100; de € 900 staat apart als kosten zonder budget; "
        "per doelgroep € 600 asiel en € 1.400 gezin",
        bron="startnotitie §8.1.3 (SPUK voor de inburgeringsvoorzieningen) en §8.1.2",
        status="startnotitie",
        uitkomst={
            "spuk": Decimal("1100.00"),
            "buiten": Decimal("900.00"),
            "asiel": Decimal("600.00"),
            "gezin": Decimal("1400.00"),
        },
    ),
]

RIJEN = {c.id: c for c in WETCASES}


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel(dt.datetime(2026, 11, 15, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def _traject(gemeente, adviseur, doelgroep, **traits):
    return TrajectFactory(
        inburgeraar=InburgeraarFactory(gemeente=gemeente, doelgroep=doelgroep),
        adviseur=adviseur,
        **traits,
    )


def _cases(prefix: str) -> list[Wetcase]:
    return [c for c in WETCASES if c.id in _GROEPEN[prefix]]


_GROEPEN = {
    "start": {
        "ontzorgen-asielvergunning-met-bijstand",
        "ontzorgen-gezinslid-reguliere-vergunning-wet",
        "ontzorgen-gezinslid-reguliere-vergunning-beleid",
        "ontzorgen-gezinsmigrant-nooit",
    },
    "signaal": {"ontzorgen-ontbreekt-signaal", "ontzorgen-na-zes-maanden-geen-plicht-meer"},
    "kosten": {
        "financien-leerroute-asielstatushouder-spuk",
        "financien-leerroute-gezinsmigrant-niet",
        "financien-begeleiding-gezinsmigrant-niet",
        "financien-pvt-gezinsmigrant-wel",
    },
}


@pytest.mark.parametrize("case", _cases("start"), ids=ids(_cases("start")))
def test_wie_wordt_ontzorgd(case, weert, adviseur_weert, api):
    Begeleidingsbeleid.objects.create(gemeente=weert, ontzorgen_groep=case.gegeven["groep"])
    traject = _traject(weert, adviseur_weert, case.gegeven["doelgroep"])
    client = api(adviseur_weert)
    basis = f"/api/v1/inburgeraars/{traject.inburgeraar_id}"
    bijstand = client.put(f"{basis}/bijstand", {"start": case.gegeven["start"]}, format="json")
    assert bijstand.status_code == 200, bijstand.json()
    assert bijstand.json()["ontzorgen_in_aanmerking"] is (case.uitkomst["status"] == 201)
    antwoord = client.put(f"{basis}/ontzorgen", {}, format="json")
    assert antwoord.status_code == case.uitkomst["status"], antwoord.json()
    if "einddatum" in case.uitkomst:
        assert antwoord.json()["einddatum"] == case.uitkomst["einddatum"]


def test_ontzorgen_stopt_met_de_bijstand(weert, adviseur_weert, api):
    case = RIJEN["ontzorgen-stopt-met-de-bijstand"]
    traject = _traject(weert, adviseur_weert, "Asielstatushouder")
    client = api(adviseur_weert)
    basis = f"/api/v1/inburgeraars/{traject.inburgeraar_id}"
    assert (
        client.put(
            f"{basis}/ontzorgen", {"start_bijstand": case.gegeven["start"]}, format="json"
        ).status_code
        == 201
    )
    assert (
        client.put(f"{basis}/bijstand", {"einde": case.gegeven["einde"]}, format="json").status_code
        == 200
    )
    ontzorgen = client.get(f"{basis}/ontzorgen").json()
    assert ontzorgen["einddatum"] == case.uitkomst and ontzorgen["vroeg_beeindigd"]


@pytest.mark.parametrize("case", _cases("signaal"), ids=ids(_cases("signaal")))
def test_signaal_bij_bijstand_zonder_ontzorgen(case, weert, adviseur_weert, api):
    traject = _traject(weert, adviseur_weert, case.gegeven["doelgroep"])
    client = api(adviseur_weert)
    antwoord = client.put(
        f"/api/v1/inburgeraars/{traject.inburgeraar_id}/bijstand",
        {"start": case.gegeven["start"]},
        format="json",
    )
    assert antwoord.status_code == 200, antwoord.json()
    assert antwoord.json()["ontzorgen_ontbreekt"] is case.uitkomst
    bron = next(b for b in signalen.BRONNEN if b.soort == "ontzorgen_ontbreekt")
    assert (traject.pk in {r[0] for r in bron.rijen(VANDAAG)}) is case.uitkomst


def test_portaal_zegt_uit_eigen_bijstand(client, weert, adviseur_weert):
    case = RIJEN["ontzorgen-portaal-uit-eigen-bijstand"]
    traject = _traject(
        weert,
        adviseur_weert,
        "Asielstatushouder",
        pip_vastgesteld__ontzorgen=True,
        pip_vastgesteld__op_de_dag=True,
    )
    html = portaal_login(client, traject.inburgeraar).get("/mijn/plan/").content.decode()
    hulp = html.split("Hulp met geld")[1].split("</p>")[0]
    assert case.uitkomst in hulp
    assert "voor u." not in hulp


@pytest.mark.parametrize("case", _cases("kosten"), ids=ids(_cases("kosten")))
def test_wat_de_spuk_betaalt(case, weert, adviseur_weert, api):
    traject = _traject(weert, adviseur_weert, case.gegeven["doelgroep"])
    antwoord = api(adviseur_weert).post(
        f"/api/v1/inburgeraars/{traject.inburgeraar_id}/kosten",
        {"voorziening": case.gegeven["voorziening"], "datum": "2026-10-01", "bedrag": "600"},
        format="json",
    )
    assert antwoord.status_code == case.uitkomst["status"], antwoord.json()
    if antwoord.status_code == 201:
        assert antwoord.json()["ten_laste_van"] == case.uitkomst["ten_laste_van"]
    else:
        assert antwoord.json()["fouten"]["voorziening"]
        assert not Kostenpost.objects.filter(traject=traject).exists()


def test_dashboard_rekent_de_spuk_per_doelgroep(weert, adviseur_weert, api):
    case = RIJEN["financien-dashboard-spuk-per-doelgroep"]
    Budget.objects.create(gemeente=weert, jaar=2026, stroom="spuk", bedrag=Decimal("10000"))
    asiel = _traject(weert, adviseur_weert, "Asielstatushouder")
    gezin = _traject(weert, adviseur_weert, "Gezinsvormer")
    client = api(adviseur_weert)
    for traject, voorziening, bedrag in ((asiel, "leerroute", "600"), (gezin, "map", "500")):
        assert (
            client.post(
                f"/api/v1/inburgeraars/{traject.inburgeraar_id}/kosten",
                {"voorziening": voorziening, "datum": "2026-09-01", "bedrag": bedrag},
                format="json",
            ).status_code
            == 201
        )
    # Booked before Koers refused it.
    Kostenpost.objects.create(
        traject=gezin,
        gemeente=weert,
        voorziening="leerroute",
        datum=dt.date(2026, 9, 2),
        bedrag=Decimal("900"),
        doelgroepindeling=GEZIN,
    )
    cijfers = financien.bereken(weert.pk, 2026, VANDAAG)
    assert cijfers.per_stroom("spuk") == case.uitkomst["spuk"]
    assert cijfers.per_stroom(None) == case.uitkomst["buiten"]
    assert cijfers.van_doelgroep(None, True) == case.uitkomst["asiel"]
    assert cijfers.van_doelgroep(None, False) == case.uitkomst["gezin"]
