"""Wetcases: handhaving under the Awb (each boete its own voornemen, cautie, voorschrift, the
13 weeks of art. 5:51, asielstatushouders as local policy, the verlengingsgronden), the brede
intake's legal minimum and "niet verschenen", the gesprek rhythm from the start of the
traject, and DUO's tijdelijke vrijstelling (SS109). Each row runs through Koers' services,
API and signal engine; the pause goes through the DUO simulator over HTTP. The expected
outcomes are written from the sources named in each row."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta

import pypdf
import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from koers.bouwstenen.weigering import Weigering
from koers.duo import worker
from koers.duo.client import DuoClient
from koers.duo.simulator import scenario
from koers.handhaving import services as handhaving
from koers.handhaving.models import Boetebesluit, Handhavingsbeleid
from koers.inburgeraars.models import Inburgeraar
from koers.intake import services as intake
from koers.monitoring import engine
from koers.monitoring import services as monitoring
from koers.monitoring.models import Gespreksbeleid, Signaal, Voortgangsgesprek
from koers.pip.services import bewaar_concept, stel_vast
from tests.duo.keten_hulp import AMS, notificatie
from tests.duo.simulator_hulp import duo_fixture, duo_sim_server_fixture  # noqa: F401
from tests.factories import InburgeraarFactory, TrajectFactory, valid_bsn
from tests.intake.gegevens import volledige_intake
from tests.uitvoering import met_vastgesteld_pip
from tests.wetcases.wetcase import NIET_GEVERIFIEERD, Wetcase, ids

pytestmark = pytest.mark.django_db
D = date
VANDAAG = D(2026, 11, 20)  # the handhaving rows' fixed day

WETCASES = [
    # --- 10. handhaving under the Awb -----------------------------------------------------
    Wetcase(
        id="HANDHAVING-01",
        situatie="Waarschuwing gestuurd; de adviseur wil meteen een boete opleggen, zonder "
        "voornemen en zonder de inburgeraar te horen.",
        verwacht="Geweigerd: eerst een voornemen, en de inburgeraar krijgt de kans zijn "
        "zienswijze te geven (schriftelijk of mondeling).",
        bron="Awb art. 4:8 lid 1 (horen vóór een belastend besluit); Awb art. 5:53 lid 2 "
        "(boete boven €340: gelegenheid tot zienswijze)",
        status="wet",
        gegeven={"stap": "boete_zonder_voornemen"},
        uitkomst="eigen voornemen",
    ),
    Wetcase(
        id="HANDHAVING-02",
        situatie="Eerste boete is opgelegd na voornemen en hoorzitting; het verzuim gaat door "
        "en de adviseur wil in dezelfde zaak een tweede boete van €250.",
        verwacht="Geweigerd zonder nieuw voornemen: elke boete een eigen voornemen en "
        "zienswijze; met een nieuw voornemen en zienswijze wel mogelijk.",
        bron="Awb art. 4:8 lid 1 en art. 5:53 lid 2 (per boetebesluit); DOMAIN.md 'gemeente "
        "boete' (Divosa: waarschuwing → €250 → €250)",
        status="wet",
        gegeven={"stap": "tweede_boete"},
        uitkomst=2,
    ),
    Wetcase(
        id="HANDHAVING-03",
        situatie="Voornemen met hoorzitting; de adviseur legt het verslag vast maar heeft niet "
        "gezegd dat de inburgeraar geen antwoord hoeft te geven.",
        verwacht="Het verslag wordt geweigerd (cautie ontbreekt); met de cautie bevestigd wel "
        "vastgelegd. De voornemenbrief noemt de cautie.",
        bron="Awb art. 5:10a lid 1 en 2 (verhoor met het oog op een bestraffende sanctie: "
        "vooraf mededelen dat hij niet verplicht is tot antwoorden)",
        status="wet",
        gegeven={"route": "hoorzitting"},
        uitkomst="cautie_gegeven",
    ),
    Wetcase(
        id="HANDHAVING-04",
        situatie="Voornemen met schriftelijke zienswijze; de inburgeraar stuurt een brief.",
        verwacht="Vastgelegd zonder cautie: een schriftelijke zienswijze is geen verhoor.",
        bron="Awb art. 5:10a lid 1 (alleen bij verhoor); Awb art. 4:8 (schriftelijk of mondeling)",
        status="wet",
        gegeven={"route": "schriftelijk"},
        uitkomst=None,
    ),
    Wetcase(
        id="HANDHAVING-05",
        situatie="Boetebesluit na voornemen en zienswijze over 'niet naar de les'.",
        verwacht="Het besluit en de brief noemen het voorschrift dat niet is nageleefd; het "
        "bedrag is niet hoger dan in het voornemen.",
        bron="Awb art. 5:9 onder b (de beschikking vermeldt het overtreden voorschrift); "
        "Awb art. 4:8 (gehoord over het voornemen)",
        status="wet",
        gegeven={"voorschrift": "Wet inburgering 2021, artikel 16"},
        uitkomst={"boven_voornemen": "bedrag"},
    ),
    Wetcase(
        id="HANDHAVING-06",
        situatie="Voornemen (met rapport) gedagtekend 2 november 2026; nog geen besluit.",
        verwacht="Beslissen uiterlijk 1 februari 2027 (13 weken); een signaal vanaf twee weken "
        "daarvoor; ook daarna mag nog een boete (termijn van orde).",
        bron="Awb art. 5:51 lid 1 (binnen dertien weken na dagtekening van het rapport); "
        "ABRvS 4-10-2023, ECLI:NL:RVS:2023:3702 (termijn van orde)",
        status="wet",
        gegeven={"voornemen": D(2026, 11, 2)},
        uitkomst={"uiterlijk": "2027-02-01", "signaal_vanaf": D(2027, 1, 18)},
    ),
    Wetcase(
        id="HANDHAVING-07",
        situatie="Asielstatushouder verzuimt; de gemeente heeft de standaardinstelling "
        "'asielstatushouders in principe geen boete' aan.",
        verwacht="Geen boete zonder vastgelegde uitzonderlijke onwil. Dit is beleid van de "
        "gemeente, geen wet.",
        bron="DOMAIN.md 'DUO boete after overrun' (uitspraken 2025 over DUO-boetes aan "
        f"asielstatushouders); dat die lijn voor de gemeenteboete geldt: "
        f"{NIET_GEVERIFIEERD} — de uitspraken gaan over DUO's boete",
        status="beleid",
        instelling="Handhavingsbeleid.geen_boete_asielstatushouders (beheer: Handhavingsbeleid)",
        gegeven={"beleid": True},
        uitkomst="asielstatushouder",
    ),
    Wetcase(
        id="HANDHAVING-08",
        situatie="Dezelfde asielstatushouder in een gemeente die die instelling uit heeft gezet.",
        verwacht="Een boete kan na voornemen en zienswijze, zonder onwil vast te leggen.",
        bron="Wi2021 (boetebevoegdheid van het college, zonder uitzondering voor "
        f"asielstatushouders; artikelnummer: {NIET_GEVERIFIEERD})",
        status="beleid",
        instelling="Handhavingsbeleid.geen_boete_asielstatushouders",
        gegeven={"beleid": False},
        uitkomst=None,
    ),
    Wetcase(
        id="HANDHAVING-09",
        situatie="De adviseur kijkt welke gronden er zijn voor verlenging van de termijn.",
        verwacht="Alle gronden: ziekte, ziekte van een familielid, overlijden, geboorte, "
        "niet-vrijstellende opleiding (op aanvraag) en de ambtshalve verlenging door "
        "DUO.",
        bron="Regeling inburgering 2021 art. 4.1 en 4.2 (via rijksoverheid.nl); inburgeren.nl "
        "'Extra tijd'; RULES.md SS103 (ambtshalve verlengd)",
        status="wet",
        uitkomst={
            "ziekte": "aanvraag",
            "ziekte_familie": "aanvraag",
            "overlijden": "aanvraag",
            "bevalling": "aanvraag",
            "opleiding": "aanvraag",
            "ambtshalve": "ambtshalve",
        },
    ),
    # --- 13. brede intake vs. the 10-week clock -------------------------------------------
    Wetcase(
        id="INTAKE-01",
        situatie="Intake compleet op het wettelijke minimum; sociaal netwerk, "
        "werknemersvaardigheden en een Positieve Gezondheid-score ontbreken.",
        verwacht="De intake kan worden afgerond; de open onderwerpen staan op de tijdlijn.",
        bron="Wi2021 art. 14 (brede intake: leerbaarheidstoets, opleiding en werkervaring, "
        "persoonlijke omstandigheden met gezondheid; via nt2.nl 'De brede intake'); "
        "startnotitie §4.2.3 (extra onderwerpen, verwacht)",
        status="wet",
        uitkomst="afgerond",
    ),
    Wetcase(
        id="INTAKE-02",
        situatie="Intake zonder uitslag van de leerbaarheidstoets, verder compleet.",
        verwacht="Afronden geweigerd: de leerbaarheidstoets hoort bij het wettelijke minimum.",
        bron="Wi2021 art. 14 (leerbaarheidstoets als deel van de brede intake; via nt2.nl)",
        status="wet",
        uitkomst={"lbt_uitslag"},
    ),
    Wetcase(
        id="INTAKE-03",
        situatie="De inburgeraar komt niet op de intake-afspraak; er is bijna niets bekend.",
        verwacht="'Niet verschenen' wordt zo vastgelegd; de intake kan worden afgerond met wat "
        "bekend is (het PIP moet binnen 10 weken); de adviseur krijgt een "
        "handhavingssignaal.",
        bron=f"Wi2021 art. 15 (PIP binnen 10 weken; DOMAIN.md); dat de intake dan zonder het "
        f"minimum mag sluiten: {NIET_GEVERIFIEERD} — de wet dwingt meewerken af met een "
        "boete, niet met uitstel van het PIP",
        status="wet",
        uitkomst="handhaving_intake_niet_verschenen",
    ),
    # --- 14. gesprek rhythm -----------------------------------------------------------------
    Wetcase(
        id="GESPREK-01",
        situatie="Eerste PIP op 1 oktober 2026, gesprek gehouden op 4 januari; op 5 januari "
        "2027 een nieuwe PIP-versie.",
        verwacht="Het ritme van jaar 1 loopt door vanaf de start: volgende gesprekken 1 april "
        "en 1 juli 2027, niet 5 april en 5 juli.",
        bron="startnotitie §6.11.1 ('In het eerste jaar vindt elke drie maanden een "
        "uitgebreid voortgangsgesprek plaats')",
        status="beleid",
        instelling="Gespreksbeleid.maanden_jaar1 en maanden_daarna (beheer: Gespreksbeleid)",
        uitkomst=[D(2027, 4, 1), D(2027, 7, 1)],
    ),
    Wetcase(
        id="GESPREK-02",
        situatie="De gemeente koos: elke 2 maanden in jaar 1, daarna eens per jaar.",
        verwacht="De beschikking van het PIP zegt dat, niet de standaardtekst van de startnotitie.",
        bron="startnotitie §6.11.1 (ritme); de keuze van de gemeente in haar Gespreksbeleid",
        status="beleid",
        instelling="Gespreksbeleid.maanden_jaar1 en maanden_daarna",
        gegeven={"maanden_jaar1": 2, "maanden_daarna": 12},
        uitkomst=("elke twee maanden", "één keer per jaar"),
    ),
    # --- 9. tijdelijke vrijstelling ---------------------------------------------------------
    Wetcase(
        id="PAUZE-01",
        situatie="De 10-wekenklok voor het PIP loopt sinds 60 dagen geleden (SS139); na 20 "
        "dagen geeft DUO een tijdelijke vrijstelling (SS109), die 30 dagen later "
        "wordt ingetrokken (SS129).",
        verwacht="Tijdens de pauze geen PIP-signaal; daarna loopt de klok door met de 50 "
        "dagen die over waren.",
        bron=f"RULES.md event catalogue SS109 ('pause the case') en SS129; de resterende dagen: "
        f"{NIET_GEVERIFIEERD} — Koers leest 'pause' als stilstaan van de klok",
        status="duo",
        uitkomst=50,
    ),
    Wetcase(
        id="PAUZE-02",
        situatie="Tijdens een tijdelijke vrijstelling loopt een voornemen tot boete van meer "
        "dan 11 weken oud.",
        verwacht="Het signaal over de 13 weken van de Awb blijft; de andere "
        "handhavingssignalen staan stil.",
        bron=f"Awb art. 5:51 lid 1 (geen opschorting bij een vrijstelling van DUO); "
        f"RULES.md SS109; dat de Awb-termijn doorloopt: {NIET_GEVERIFIEERD} — de Awb "
        "noemt geen opschorting",
        status="wet",
        uitkomst={"handhaving_beslistermijn"},
    ),
]
CASES = {c.id: c for c in WETCASES}


def _case(naam):
    return CASES[naam]


# --- helpers ---------------------------------------------------------------------------------


@pytest.fixture
def klok():
    with time_machine.travel(datetime(2026, 11, 20, 10, 0, tzinfo=AMS), tick=False):
        yield VANDAAG


@pytest.fixture
def zaak_gezin(weert, adviseur_weert, klok):
    traject = TrajectFactory(
        inburgeraar=InburgeraarFactory(gemeente=weert, doelgroep="Gezinsvormer"),
        adviseur=adviseur_weert,
        status="in_uitvoering",
        termijn_start=D(2026, 1, 15),
        termijn_eind=D(2029, 1, 15),
    )
    return _zaak_met_waarschuwing(traject, adviseur_weert)


def _zaak_met_waarschuwing(traject, door):
    zaak = handhaving.open_zaak(
        traject,
        door,
        {
            "verzuim": "lessen",
            "datum": D(2026, 10, 1),
            "omschrijving": "Drie weken niet naar de les.",
        },
    )
    handhaving.stuur_waarschuwing(zaak, door, {"datum": D(2026, 10, 5)})
    return zaak


VOORNEMEN_DAG, HOORZITTING_DAG = D(2026, 11, 2), D(2026, 11, 18)


def _voornemen(zaak, door, *, route="hoorzitting", datum=VOORNEMEN_DAG, bedrag=250):
    extra = (
        {"hoorzitting_datum": D(2026, 11, 18), "hoorzitting_plaats": "Stadhuis"}
        if route == "hoorzitting"
        else {"zienswijze_tot": D(2026, 11, 16)}
    )
    return handhaving.maak_voornemen(
        zaak,
        door,
        {
            "datum": datum,
            "voorschrift": "Wet inburgering 2021, artikel 16",
            "bedrag": bedrag,
            "route": route,
            **extra,
        },
    )


def _hoor(zaak, door, *, datum=HOORZITTING_DAG):
    return handhaving.leg_zienswijze_vast(
        zaak,
        door,
        {
            "datum": datum,
            "cautie_gegeven": True,
            "aanwezig": "inburgeraar, adviseur",
            "zienswijze": "Had geen oppas.",
        },
    )


BOETE = {"datum": D(2026, 11, 20), "bedrag": 250, "motivering": "Geen goede reden."}


def _pdf(brief) -> str:
    reader = pypdf.PdfReader(io.BytesIO(bytes(brief.pdf)))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


# --- 10. handhaving --------------------------------------------------------------------------


def test_handhaving_01_geen_boete_zonder_voornemen(zaak_gezin, adviseur_weert, api):
    case = _case("HANDHAVING-01")
    url = reverse(
        "api:handhaving-boete",
        kwargs={"pk": zaak_gezin.traject.inburgeraar.pk, "zaak_id": zaak_gezin.pk},
    )
    antwoord = api(adviseur_weert).post(
        url, {"datum": "2026-11-20", "bedrag": 250, "motivering": "x"}, format="json"
    )
    assert antwoord.status_code == 400
    assert case.uitkomst in antwoord.json()["fouten"]["__all__"][0]
    assert not Boetebesluit.objects.exists()


def test_handhaving_02_tweede_boete_eigen_voornemen(zaak_gezin, adviseur_weert):
    case = _case("HANDHAVING-02")
    _voornemen(zaak_gezin, adviseur_weert, datum=D(2026, 10, 10))
    _hoor(zaak_gezin, adviseur_weert, datum=D(2026, 10, 20))
    handhaving.besluit_boete(zaak_gezin, adviseur_weert, {**BOETE, "datum": D(2026, 10, 22)})
    with pytest.raises(Weigering, match="eigen voornemen"):
        handhaving.besluit_boete(zaak_gezin, adviseur_weert, BOETE)
    _voornemen(zaak_gezin, adviseur_weert, route="schriftelijk")
    with pytest.raises(Weigering, match="zienswijze"):
        handhaving.besluit_boete(zaak_gezin, adviseur_weert, BOETE)
    handhaving.leg_zienswijze_vast(
        zaak_gezin, adviseur_weert, {"datum": D(2026, 11, 17), "niet_gereageerd": True}
    )
    handhaving.besluit_boete(zaak_gezin, adviseur_weert, BOETE)
    assert zaak_gezin.boetes.count() == case.uitkomst


def test_handhaving_03_cautie_bij_hoorzitting(zaak_gezin, adviseur_weert):
    case = _case("HANDHAVING-03")
    voornemen = _voornemen(zaak_gezin, adviseur_weert, route=case.gegeven["route"])
    brief = voornemen.brieven.get()
    assert "geen antwoord te geven" in _pdf(brief) and "5:10a" in _pdf(brief)
    with pytest.raises(Weigering) as fout:
        handhaving.leg_zienswijze_vast(
            zaak_gezin,
            adviseur_weert,
            {"datum": D(2026, 11, 18), "aanwezig": "x", "zienswijze": "y"},
        )
    assert case.uitkomst in fout.value.fouten
    _hoor(zaak_gezin, adviseur_weert)
    voornemen.refresh_from_db()
    assert voornemen.cautie_gegeven


def test_handhaving_04_schriftelijk_zonder_cautie(zaak_gezin, adviseur_weert):
    case = _case("HANDHAVING-04")
    _voornemen(zaak_gezin, adviseur_weert, route=case.gegeven["route"])
    voornemen = handhaving.leg_zienswijze_vast(
        zaak_gezin,
        adviseur_weert,
        {"datum": D(2026, 11, 12), "zienswijze": "Ik was ziek; briefje van de huisarts."},
    )
    assert voornemen.zienswijze_op == D(2026, 11, 12)
    assert voornemen.cautie_vereist is False
    assert case.uitkomst is None


def test_handhaving_05_voorschrift_in_besluit(zaak_gezin, adviseur_weert):
    case = _case("HANDHAVING-05")
    _voornemen(zaak_gezin, adviseur_weert)
    _hoor(zaak_gezin, adviseur_weert)
    with pytest.raises(Weigering) as fout:
        handhaving.besluit_boete(zaak_gezin, adviseur_weert, {**BOETE, "bedrag": 300})
    assert case.uitkomst["boven_voornemen"] in fout.value.fouten
    boete = handhaving.besluit_boete(zaak_gezin, adviseur_weert, BOETE)
    assert boete.voorschrift == case.gegeven["voorschrift"]
    assert case.gegeven["voorschrift"] in _pdf(boete.brief)


def test_handhaving_06_awb_13_weken(zaak_gezin, adviseur_weert, api):
    case = _case("HANDHAVING-06")
    _voornemen(zaak_gezin, adviseur_weert, datum=case.gegeven["voornemen"])
    url = reverse(
        "api:handhaving-zaak",
        kwargs={"pk": zaak_gezin.traject.inburgeraar.pk, "zaak_id": zaak_gezin.pk},
    )
    data = api(adviseur_weert).get(url).json()
    assert data["voornemens"][0]["beslissen_uiterlijk"] == case.uitkomst["uiterlijk"]
    vanaf = case.uitkomst["signaal_vanaf"]
    engine.bereken_signalen(vanaf - timedelta(days=1))
    assert not Signaal.objects.filter(soort="handhaving_beslistermijn").exists()
    engine.bereken_signalen(vanaf)
    signaal = Signaal.objects.get(soort="handhaving_beslistermijn")
    assert signaal.vervaldatum.isoformat() == case.uitkomst["uiterlijk"]
    # After the 13 weeks the power to fine stays (termijn van orde).
    _hoor(zaak_gezin, adviseur_weert)
    with time_machine.travel(datetime(2027, 3, 1, 10, tzinfo=AMS), tick=False):
        boete = handhaving.besluit_boete(
            zaak_gezin, adviseur_weert, {**BOETE, "datum": D(2027, 3, 1)}
        )
    assert (
        boete.pk and zaak_gezin.traject.gebeurtenissen.filter(toelichting__contains="5:51").exists()
    )


@pytest.mark.parametrize("naam", ["HANDHAVING-07", "HANDHAVING-08"])
def test_handhaving_asiel_is_beleid(naam, weert, adviseur_weert, klok):
    case = _case(naam)
    Handhavingsbeleid.objects.create(
        gemeente=weert, geen_boete_asielstatushouders=case.gegeven["beleid"]
    )
    traject = TrajectFactory(
        inburgeraar=InburgeraarFactory(gemeente=weert, doelgroep="Asielstatushouder"),
        adviseur=adviseur_weert,
        status="in_uitvoering",
    )
    assert traject.inburgeraar.is_asielmigrant
    zaak = _zaak_met_waarschuwing(traject, adviseur_weert)
    _voornemen(zaak, adviseur_weert)
    _hoor(zaak, adviseur_weert)
    if case.uitkomst is None:
        assert handhaving.besluit_boete(zaak, adviseur_weert, BOETE).bedrag == 250
    else:
        with pytest.raises(Weigering, match=case.uitkomst):
            handhaving.besluit_boete(zaak, adviseur_weert, BOETE)
        assert not Boetebesluit.objects.exists()


def test_handhaving_09_verlengingsgronden(zaak_gezin, adviseur_weert, api):
    case = _case("HANDHAVING-09")
    url = reverse(
        "api:handhaving-duo-verlengingen", kwargs={"pk": zaak_gezin.traject.inburgeraar.pk}
    )
    gronden = {g["code"]: g["route"] for g in api(adviseur_weert).get(url).json()["gronden"]}
    assert gronden == case.uitkomst


# --- 13. brede intake ------------------------------------------------------------------------


def test_intake_01_minimum_volstaat(traject_weert, adviseur_weert):
    case = _case("INTAKE-01")
    data = volledige_intake()
    del data["onderwerpen"]["sociaal_netwerk"]
    del data["onderwerpen"]["werknemersvaardigheden"]
    del data["positieve_gezondheid"]["meedoen"]
    intake.bewaar(traject_weert, adviseur_weert, data)
    assert intake.rond_af(traject_weert, adviseur_weert).status == case.uitkomst
    tijdlijn = traject_weert.gebeurtenissen.get(soort="intake_afgerond").toelichting
    assert "Sociaal netwerk" in tijdlijn and "Meedoen" in tijdlijn


def test_intake_02_lbt_hoort_bij_het_minimum(traject_weert, adviseur_weert, api):
    case = _case("INTAKE-02")
    intake.bewaar(traject_weert, adviseur_weert, volledige_intake(lbt_uitslag="", lbt_score=None))
    antwoord = api(adviseur_weert).post(
        reverse("api:brede-intake-afronden", kwargs={"pk": traject_weert.inburgeraar.pk}),
        format="json",
    )
    assert antwoord.status_code == 400
    assert set(antwoord.json()["fouten"]) == case.uitkomst


def test_intake_03_niet_verschenen(traject_weert, adviseur_weert, api):
    case = _case("INTAKE-03")
    client = api(adviseur_weert)
    pk = traject_weert.inburgeraar.pk
    afronden = reverse("api:brede-intake-afronden", kwargs={"pk": pk})
    assert client.post(afronden, format="json").status_code == 400
    vandaag = date.today()
    antwoord = client.post(
        reverse("api:brede-intake-afspraken", kwargs={"pk": pk}),
        {"datum": vandaag.isoformat(), "status": "niet_verschenen"},
        format="json",
    )
    assert antwoord.status_code == 201
    assert client.post(afronden, format="json").json()["status"] == "afgerond"
    engine.bereken_signalen(vandaag)
    assert Signaal.objects.filter(traject=traject_weert, soort=case.uitkomst).exists()


# --- 14. gesprek rhythm ----------------------------------------------------------------------


def _met_pip(traject, door):
    return met_vastgesteld_pip(traject, door, dagtekening=D(2026, 10, 1), op_de_dag=True)


def test_gesprek_01_ritme_vanaf_de_start(traject_weert, adviseur_weert):
    case = _case("GESPREK-01")
    _met_pip(traject_weert, adviseur_weert)
    with time_machine.travel("2027-01-05 10:00:00+01:00", tick=False):
        monitoring.leg_gesprek_vast(
            traject_weert, adviseur_weert, {"gehouden_op": "2027-01-04"}, met_gezondheid=True
        )
        concept = bewaar_concept(
            traject_weert,
            adviseur_weert,
            {"dagtekening": D(2027, 1, 5), "leerroute": "B", "niveau": "B1", "pvt_uren": 16},
        )
        stel_vast(traject_weert, concept.versie, adviseur_weert)
    open_data = list(
        Voortgangsgesprek.objects.filter(traject=traject_weert, gehouden_op__isnull=True)
        .order_by("gepland_op")
        .values_list("gepland_op", flat=True)
    )
    assert open_data[:2] == case.uitkomst


def test_gesprek_02_beschikking_volgt_gespreksbeleid(traject_weert, adviseur_weert, weert):
    case = _case("GESPREK-02")
    Gespreksbeleid.objects.create(gemeente=weert, **case.gegeven)
    pip = _met_pip(traject_weert, adviseur_weert)
    tekst = _pdf(pip.beschikking)
    assert all(deel in tekst for deel in case.uitkomst)
    assert "elke drie maanden" not in tekst


# --- 9. tijdelijke vrijstelling, through the DUO simulator -----------------------------------


def _dag(dagen: int) -> date:
    return date.today() + timedelta(days=dagen)


def _op(dagen: int) -> datetime:
    d = _dag(dagen)
    return datetime(d.year, d.month, d.day, 9, 0, tzinfo=AMS)


@pytest.fixture
def vrijgesteld(duo, weert):
    bsn = valid_bsn(1309)
    data = scenario.normaliseer(
        {
            "gemeenten": [{"code": "0988", "naam": "Weert", "oin": weert.oin}],
            "personen": [
                {
                    "bsn": bsn,
                    "naam": "Wetcase Pauze",
                    "gemeente": "0988",
                    "vestigingsdatum": _dag(-90).isoformat(),
                    "plicht": {
                        "indicatorInburgeringsplicht": True,
                        "begindatum": _dag(-90).isoformat(),
                        "datumKennisgevingInburgeringsplicht": _dag(-90).isoformat(),
                    },
                    "doelgroep": {
                        "gedetailleerdeDoelgroep": "Asielstatushouder",
                        "indeling": "Asielstatushouder",
                        "begindatum": _dag(-90).isoformat(),
                    },
                    "vrijstellingen": [
                        {
                            "TijdelijkeVrijstelling": {
                                "oordeel": "Toekenning",
                                "reden": "INS",
                                "datumOordeel": _dag(-40).isoformat(),
                                "startdatum": _dag(-40).isoformat(),
                            }
                        }
                    ],
                }
            ],
        },
        date.today(),
        settings.DUO_OIN,
    )
    duo.sim.state["personen"].update(data["personen"])
    client = DuoClient(base_url=duo.base_url)

    def stuur(gid, dagen):
        n = notificatie(weert, gid, bsn, op=_op(dagen))
        worker.verwerk_notificaties(client=client)
        n.refresh_from_db()
        assert n.status == "verwerkt", n.fout
        return Inburgeraar.objects.get(bsn=bsn).huidig_traject

    return stuur


def test_pauze_01_pip_klok_loopt_door(vrijgesteld, api, adviseur_weert):
    case = _case("PAUZE-01")
    traject = vrijgesteld("SS139", -60)
    assert traject.pip_uiterlijk == _dag(-60) + timedelta(weeks=10)
    traject = vrijgesteld("SS109", -40)
    assert traject.gepauzeerd_sinds == _dag(-40)
    engine.bereken_signalen(date.today())
    assert not Signaal.objects.filter(traject=traject, soort="pip_deadline").exists()
    traject = vrijgesteld("SS129", -10)
    assert traject.gepauzeerd_sinds is None
    assert traject.pip_uiterlijk == _dag(-10) + timedelta(days=case.uitkomst)
    traject.adviseur = adviseur_weert
    traject.save()
    data = api(adviseur_weert).get(reverse("api:inburgeraar", args=[traject.inburgeraar.pk])).json()
    assert data["pip_uiterlijk"] == (_dag(-10) + timedelta(days=case.uitkomst)).isoformat()


def test_pauze_02_awb_termijn_loopt_door(vrijgesteld, adviseur_weert):
    case = _case("PAUZE-02")
    traject = vrijgesteld("SS101", -100)
    traject.status, traject.adviseur = "in_uitvoering", adviseur_weert
    traject.save()
    start = _dag(-85)
    with time_machine.travel(
        datetime(start.year, start.month, start.day, 10, tzinfo=AMS), tick=False
    ):
        zaak = handhaving.open_zaak(
            traject, adviseur_weert, {"verzuim": "lessen", "datum": _dag(-90), "omschrijving": "x"}
        )
        handhaving.stuur_waarschuwing(zaak, adviseur_weert, {"datum": _dag(-88)})
        handhaving.maak_voornemen(
            zaak,
            adviseur_weert,
            {
                "datum": _dag(-85),
                "voorschrift": "Wi2021 art. 16",
                "bedrag": 250,
                "route": "schriftelijk",
                "zienswijze_tot": _dag(-70),
            },
        )
    vrijgesteld("SS109", -5)
    engine.bereken_signalen(date.today())
    soorten = set(Signaal.objects.filter(traject=traject).values_list("soort", flat=True))
    assert (
        soorten & {"handhaving_beslistermijn", "handhaving_waarschuwing_opvolgen"} == case.uitkomst
    )


def test_alle_rijen_worden_uitgevoerd():
    assert len(ids(WETCASES)) == len(CASES) == 16
