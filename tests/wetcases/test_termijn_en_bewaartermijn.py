"""Wetcases: the end of the inburgeringstermijn as people read it (DUO's einddatum is
exclusive; every text shows the last day) and the bewaartermijnen of cases and of the
verwerkingenlogging. Rows run through DUO's notifications against the simulator over HTTP,
the services, the pages, the portal, the API, the beschikking PDF, the AVG inzage and the
retention command. The expected dates are counted from the sources, not from Koers."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from koers.duo import worker
from koers.duo.client import DuoClient
from koers.duo.simulator import scenario
from koers.inburgeraars import services as inburgeraar_services
from koers.inburgeraars.models import Inburgeraar
from koers.monitoring import engine
from koers.monitoring.models import Signaal
from koers.portaal.sessie import SESSIE_SLEUTEL
from koers.verwerkingen import services as log_services
from koers.verwerkingen.models import Bewaartermijn, Geanonimiseerd, Verwerking
from tests.conftest import inloggen
from tests.duo.keten_hulp import notificatie
from tests.duo.simulator_hulp import duo_fixture, duo_sim_server_fixture  # noqa: F401
from tests.factories import InburgeraarFactory, TrajectFactory, valid_bsn
from tests.uitvoering import met_vastgesteld_pip
from tests.wetcases.wetcase import Wetcase, ids

DUO_EXCLUSIEF = (
    "DUO API Inburgeringstermijn, schema Inburgeringstermijn.einddatum: "
    "'De datum die het einde van de periode aangeeft (exclusief)'"
)
WI_ART_11 = "Wi2021 art. 11 lid 1-2 (drie jaar vanaf de dag na de dagtekening van het eerste PIP)"
LOG_EXTRA = "Bewaartermijn.log_extra_jaren (beheer: Bewaartermijnen), standaard 2"


def _duo_persoon(bsn: str, termijn: dict) -> dict:
    return {
        "bsn": bsn,
        "naam": "Wetcase",
        "gemeente": "0988",
        "vestigingsdatum": "2025-12-01",
        "plicht": {
            "indicatorInburgeringsplicht": True,
            "begindatum": "2025-12-01",
            "datumKennisgevingInburgeringsplicht": "2025-12-01",
        },
        "doelgroep": {
            "gedetailleerdeDoelgroep": "Asielstatushouder",
            "indeling": "Asielstatushouder",
            "begindatum": "2025-12-01",
        },
        "termijn": termijn,
    }


WETCASES = [
    Wetcase(
        id="TERMIJN-01",
        situatie="DUO meldt de inburgeringstermijn (SS102): start 2 maart 2026, einddatum "
        "2 maart 2029.",
        verwacht="De API geeft DUO's einddatum 2029-03-02 en als laatste dag 2029-03-01; het "
        "dossier toont 'tot en met 1 maart 2029'.",
        bron=DUO_EXCLUSIEF + "; RULES.md SS102 (termijn ophalen)",
        status="duo",
        gegeven={
            "bsn": valid_bsn(1701),
            "gid": "SS102",
            "termijn": {"startdatum": "2026-03-02", "einddatum": "2029-03-02"},
        },
        uitkomst={
            "termijn_eind": "2029-03-02",
            "termijn_laatste_dag": "2029-03-01",
            "tekst": "tot en met 1 maart 2029",
        },
    ),
    Wetcase(
        id="TERMIJN-02",
        situatie="DUO verlengt de termijn ambtshalve (SS103) tot einddatum 2 september 2029.",
        verwacht="Koers neemt DUO's nieuwe datum over; laatste dag 1 september 2029.",
        bron=DUO_EXCLUSIEF + "; RULES.md SS103/SS104 (nieuwe einddatum ophalen)",
        status="duo",
        gegeven={
            "bsn": valid_bsn(1702),
            "gid": "SS103",
            "termijn": {
                "startdatum": "2026-03-02",
                "einddatum": "2029-09-02",
                "verlengingsgrondcode": "ZIEK",
            },
        },
        uitkomst={
            "termijn_eind": "2029-09-02",
            "termijn_laatste_dag": "2029-09-01",
            "tekst": "tot en met 1 september 2029",
        },
    ),
    Wetcase(
        id="TERMIJN-03",
        situatie="Nog geen termijn van DUO; het eerste PIP heeft dagtekening 1 oktober 2026.",
        verwacht="De termijn begint op 2 oktober 2026; de laatste dag is 1 oktober 2029 (drie "
        "jaar); de einddatum in DUO's vorm is 2 oktober 2029.",
        bron=WI_ART_11 + "; " + DUO_EXCLUSIEF,
        status="wet",
        gegeven={"dagtekening": dt.date(2026, 10, 1)},
        uitkomst={
            "termijn_start": "2026-10-02",
            "termijn_eind": "2029-10-02",
            "termijn_laatste_dag": "2029-10-01",
        },
    ),
    Wetcase(
        id="TERMIJN-04",
        situatie="Het eerste PIP heeft dagtekening 28 februari 2027 (geen schrikkeljaar).",
        verwacht="De termijn begint op 1 maart 2027; de laatste dag is 28 februari 2030.",
        bron=WI_ART_11 + "; " + DUO_EXCLUSIEF,
        status="wet",
        gegeven={"dagtekening": dt.date(2027, 2, 28)},
        uitkomst={
            "termijn_start": "2027-03-01",
            "termijn_eind": "2030-03-01",
            "termijn_laatste_dag": "2030-02-28",
        },
    ),
    Wetcase(
        id="TERMIJN-05",
        situatie="De inburgeraar kijkt in Mijn Inburgering bij 'Uw inburgering moet klaar zijn "
        "op' (PIP van 1 oktober 2026), in elke taal.",
        verwacht="Het portaal toont 1 oktober 2029 (voluit, in de taal van de pagina), de laatste "
        "dag, niet DUO's einddatum.",
        bron=DUO_EXCLUSIEF + "; " + WI_ART_11,
        status="duo",
        gegeven={"talen": ["nl", "en", "ar", "ti", "tr", "uk"]},
        uitkomst={
            "nl": "1 oktober 2029",
            "en": "1 October 2029",
            "ar": "1 أكتوبر 2029",
            "ti": "1 ጥቅምቲ 2029",
            "tr": "1 Ekim 2029",
            "uk": "1 жовтня 2029",
        },
    ),
    Wetcase(
        id="TERMIJN-06",
        situatie="De beschikking van het eerste PIP (dagtekening 1 oktober 2026) noemt de termijn.",
        verwacht="De brief zegt: 'Uw inburgering moet klaar zijn op 1 oktober 2029'.",
        bron=WI_ART_11 + "; " + DUO_EXCLUSIEF,
        status="wet",
        uitkomst="Uw inburgering moet klaar zijn op 1 oktober 2029",
    ),
    Wetcase(
        id="TERMIJN-07",
        situatie="De adviseur opent het PVT van een traject met PIP van 1 oktober 2026, scherm "
        "en API.",
        verwacht="Het scherm toont 'Laatste dag inburgeringstermijn: 1 oktober 2029'; de API "
        "geeft termijn_eind 2029-10-02 (DUO, exclusief) en termijn_laatste_dag "
        "2029-10-01.",
        bron=DUO_EXCLUSIEF,
        status="duo",
        uitkomst={
            "termijn_eind": "2029-10-02",
            "termijn_laatste_dag": "2029-10-01",
            "tekst": "1 oktober 2029",
        },
    ),
    Wetcase(
        id="TERMIJN-08",
        situatie="De inburgeraar vraagt inzage (AVG art. 15); zijn PIP is van 1 oktober 2026.",
        verwacht="De inzage geeft DUO's einddatum 2029-10-02 en de laatste dag 2029-10-01.",
        bron="AVG art. 15; " + DUO_EXCLUSIEF,
        status="wet",
        uitkomst={"termijn_eind": "2029-10-02", "termijn_laatste_dag": "2029-10-01"},
    ),
    Wetcase(
        id="TERMIJN-09",
        situatie="DUO's einddatum is 2 november 2026; op 1 oktober 2026 draait de signaalmotor.",
        verwacht="De signalen 'termijn eindigt binnen 2 maanden' en 'PVT nog niet af' zijn "
        "uiterlijk 1 november 2026, de laatste dag; de lijst toont die datum.",
        bron=DUO_EXCLUSIEF + '; RULES.md "MAP and PVT" (de laatste twee maanden)',
        status="duo",
        gegeven={"einddatum": dt.date(2026, 11, 2)},
        uitkomst={"termijn_2m": dt.date(2026, 11, 1), "pvt_niet_af": dt.date(2026, 11, 1)},
    ),
    Wetcase(
        id="BEWAAR-01",
        situatie="Een zaak is op 1 juni 2023 anoniem gemaakt; op 1 januari 2026 draait de "
        "bewaartermijn-opdracht.",
        verwacht="De regels van de verwerkingenlogging over die persoon worden weggehaald "
        "(2 jaar na het anonimiseren); de hashketen blijft in orde.",
        bron="AVG art. 5 lid 1 sub e (opslagbeperking); AVG art. 32 lid 1 (integriteit); "
        "BIO 12.4.1",
        status="beleid",
        instelling=LOG_EXTRA,
        gegeven={"anoniem": dt.date(2023, 6, 1), "extra": None},
        uitkomst=0,
    ),
    Wetcase(
        id="BEWAAR-02",
        situatie="De gemeente bewaart de logging 5 jaar na het anonimiseren; zaak anoniem sinds "
        "1 juni 2023, opdracht op 1 januari 2026.",
        verwacht="De regels over die persoon blijven bewaard.",
        bron="AVG art. 5 lid 1 sub e; AVG art. 15 (de persoon kan vragen wie zijn gegevens zag)",
        status="beleid",
        instelling=LOG_EXTRA,
        gegeven={"anoniem": dt.date(2023, 6, 1), "extra": 5},
        uitkomst=2,
    ),
    Wetcase(
        id="BEWAAR-03",
        situatie="Een persoon met een lopende zaak, gelezen in 2020; opdracht op 1 januari 2026.",
        verwacht="De regels over hem blijven: zijn zaak is niet anoniem gemaakt.",
        bron="AVG art. 15 (recht op inzage, ook wie de gegevens zag); AVG art. 5 lid 1 sub e",
        status="wet",
        gegeven={"anoniem": None, "extra": None},
        uitkomst=2,
    ),
    Wetcase(
        id="BEWAAR-04",
        situatie="Een traject is afgerond op 1 juni 2020; proefrapport op 1 januari 2026.",
        verwacht="Het proefrapport noemt de zaak: de bewaartermijn van 5 jaar is voorbij "
        "(anonimiseren vanaf 1 juni 2025). Er verandert niets.",
        bron="AVG art. 5 lid 1 sub e; Awb art. 5:45 lid 1 (boete vervalt na 5 jaar)",
        status="beleid",
        instelling="Bewaartermijn.jaren (beheer: Bewaartermijnen), standaard 5",
        gegeven={"afgerond": dt.date(2020, 6, 1)},
        uitkomst="anonimiseren vanaf 2025-06-01",
    ),
]
CASES = {c.id: c for c in WETCASES}


def test_alle_rijen_worden_uitgevoerd():
    assert len(ids(WETCASES)) == len(CASES) == 13


# -- the termijn through DUO ------------------------------------------------------------------


@pytest.fixture
def sim(duo, weert):
    def zet(persoon):
        data = scenario.normaliseer(
            {
                "gemeenten": [{"code": "0988", "naam": "Weert", "oin": weert.oin}],
                "personen": [persoon],
            },
            dt.date.today(),
            settings.DUO_OIN,
        )
        duo.sim.state["personen"].update(data["personen"])

    return zet


@pytest.mark.parametrize(
    "case", [CASES["TERMIJN-01"], CASES["TERMIJN-02"]], ids=["TERMIJN-01", "TERMIJN-02"]
)
def test_termijn_van_duo(case, sim, duo, weert, api, adviseur_weert):
    bsn = case.gegeven["bsn"]
    sim(_duo_persoon(bsn, case.gegeven["termijn"]))
    client = DuoClient(base_url=duo.base_url)
    notificatie(weert, "SS101", bsn)
    worker.verwerk_notificaties(client=client)
    n = notificatie(weert, case.gegeven["gid"], bsn)
    worker.verwerk_notificaties(client=client)
    n.refresh_from_db()
    assert n.status == "verwerkt", n.fout
    persoon = Inburgeraar.objects.get(bsn=bsn)
    data = api(adviseur_weert).get(reverse("api:inburgeraar", args=[persoon.pk])).json()
    assert data["termijn_eind"] == case.uitkomst["termijn_eind"]
    assert data["termijn_laatste_dag"] == case.uitkomst["termijn_laatste_dag"]
    pagina = inloggen(Client(), adviseur_weert).get(reverse("web:inburgeraar", args=[persoon.pk]))
    assert case.uitkomst["tekst"] in pagina.content.decode()


# -- the termijn derived from the first PIP -----------------------------------------------------


@pytest.fixture
def met_pip(traject_weert, adviseur_weert):
    """The shared ``met_pip`` without the goals: the PIP of 1 October 2026, nothing more."""
    met_vastgesteld_pip(
        traject_weert, adviseur_weert, dagtekening=dt.date(2026, 10, 1), op_de_dag=True
    )
    return traject_weert


@pytest.mark.parametrize(
    "case", [CASES["TERMIJN-03"], CASES["TERMIJN-04"]], ids=["TERMIJN-03", "TERMIJN-04"]
)
def test_termijn_uit_het_eerste_pip(case, traject_weert, adviseur_weert, api):
    dag = case.gegeven["dagtekening"]
    with time_machine.travel(dt.datetime.combine(dag, dt.time(10), dt.UTC), tick=False):
        met_vastgesteld_pip(traject_weert, adviseur_weert, dagtekening=dag)
    data = (
        api(adviseur_weert)
        .get(reverse("api:inburgeraar", args=[traject_weert.inburgeraar_id]))
        .json()
    )
    assert {k: data[k] for k in case.uitkomst} == case.uitkomst


@pytest.mark.parametrize("taal", CASES["TERMIJN-05"].gegeven["talen"])
def test_portaal_toont_de_laatste_dag(taal, client, met_pip):
    case = CASES["TERMIJN-05"]
    sessie = client.session
    sessie[SESSIE_SLEUTEL] = met_pip.inburgeraar_id
    sessie.save()
    with time_machine.travel("2026-11-04 10:00:00+01:00", tick=False):
        client.post("/mijn/taal/", {"taal": taal, "next": "/mijn/plan/"})
        html = client.get("/mijn/plan/").content.decode()
    blok = re.search(r'id="termijn-laatste-dag">([^<]*)<', html)
    assert blok and blok.group(1) == case.uitkomst[taal]
    assert "2 " not in blok.group(1)  # not DUO's exclusive einddatum


def test_beschikking_noemt_de_laatste_dag(met_pip):
    pip = met_pip.pips.get(versie=1)
    lezer = pypdf.PdfReader(io.BytesIO(bytes(pip.beschikking.pdf)))
    tekst = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in lezer.pages))
    assert CASES["TERMIJN-06"].uitkomst in tekst


def test_pvt_scherm_en_api(met_pip, adviseur_weert, api):
    case = CASES["TERMIJN-07"]
    with time_machine.travel("2026-11-04 10:00:00+01:00", tick=False):
        data = api(adviseur_weert).get(f"/api/v1/inburgeraars/{met_pip.inburgeraar_id}/pvt")
        html = (
            inloggen(Client(), adviseur_weert)
            .get(reverse("modules:module", args=[met_pip.inburgeraar_id, "pvt"]))
            .content.decode()
        )
    assert data.status_code == 200
    assert {k: data.json()[k] for k in ("termijn_eind", "termijn_laatste_dag")} == {
        k: case.uitkomst[k] for k in ("termijn_eind", "termijn_laatste_dag")
    }
    blok = re.search(r'id="termijn-laatste-dag">([^<]*)<', html)
    assert blok and blok.group(1) == case.uitkomst["tekst"]


def test_avg_inzage(met_pip, privacy):
    case = CASES["TERMIJN-08"]
    antwoord = inloggen(Client(), privacy).get(
        reverse("verwerkingen:inzage-json"), {"bsn": met_pip.inburgeraar.bsn}
    )
    assert antwoord.status_code == 200
    trajecten = next(
        o for o in antwoord.json()["onderdelen"] if o["model"] == "inburgeraars.Traject"
    )["rijen"]
    assert {k: trajecten[0][k] for k in case.uitkomst} == case.uitkomst


def test_signalen_op_de_laatste_dag(traject_weert, adviseur_weert):
    case = CASES["TERMIJN-09"]
    traject_weert.status = "in_uitvoering"
    traject_weert.termijn_start = dt.date(2023, 12, 2)
    traject_weert.termijn_eind = case.gegeven["einddatum"]
    traject_weert.save()
    with time_machine.travel("2026-10-01 10:00:00+02:00", tick=False):
        engine.bereken_signalen(dt.date(2026, 10, 1))
        html = (
            inloggen(Client(), adviseur_weert).get(reverse("monitoring:signalen")).content.decode()
        )
    datums = dict(
        Signaal.objects.filter(traject=traject_weert, soort__in=case.uitkomst).values_list(
            "soort", "vervaldatum"
        )
    )
    assert datums == case.uitkomst
    assert "1 november 2026" in html and "2 november 2026" not in html


# -- bewaartermijnen ----------------------------------------------------------------------------


def _op(dag: dt.date):
    return time_machine.travel(dt.datetime.combine(dag, dt.time(12), dt.UTC), tick=False)


@pytest.mark.parametrize(
    "case",
    [CASES["BEWAAR-01"], CASES["BEWAAR-02"], CASES["BEWAAR-03"]],
    ids=["BEWAAR-01", "BEWAAR-02", "BEWAAR-03"],
)
def test_bewaartermijn_van_de_logging(case, weert, adviseur_weert, capsys):
    persoon = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert)).inburgeraar
    for dag in (dt.date(2020, 3, 1), dt.date(2020, 3, 2)):
        with _op(dag):
            log_services.log_lezen(adviseur_weert, persoon, ["naam"])
    if case.gegeven["anoniem"]:
        Geanonimiseerd.objects.create(
            inburgeraar=persoon,
            op=dt.datetime.combine(case.gegeven["anoniem"], dt.time(12), dt.UTC),
        )
    if case.gegeven["extra"]:
        Bewaartermijn.objects.create(gemeente=weert, log_extra_jaren=case.gegeven["extra"])
    with _op(dt.date(2026, 1, 1)):
        call_command("verwerkingen-bewaartermijn", "--uitvoeren")
    assert (
        Verwerking.objects.filter(inburgeraar_id=persoon.pk, activiteit="dossier inzien").count()
        == case.uitkomst
    )
    assert log_services.verifieer() is None
    call_command("verwerkingen-controleren")
    assert "De keten is in orde" in capsys.readouterr().out


def test_bewaartermijn_van_de_zaak(weert, adviseur_weert, capsys):
    case = CASES["BEWAAR-04"]
    traject = TrajectFactory(
        inburgeraar=InburgeraarFactory(gemeente=weert), adviseur=adviseur_weert
    )
    with _op(case.gegeven["afgerond"]):
        inburgeraar_services.wijzig_status(
            traject, "afgerond", adviseur_weert, reden="verhuisd", toelichting="Verhuisd."
        )
    with _op(dt.date(2026, 1, 1)):
        call_command("verwerkingen-bewaartermijn")
    uit = capsys.readouterr().out
    assert f"traject {traject.pk} " in uit and case.uitkomst in uit
    traject.inburgeraar.refresh_from_db()
    assert traject.inburgeraar.bsn and not Geanonimiseerd.objects.exists()
