"""Every gebeurtenisId of RULES.md's event catalogue, handled by the worker against DUO
answers that follow DUO's OpenAPI files (a MockTransport stands in for DUO's real host)."""

from datetime import date, datetime

import pytest

from koers.duo import handlers, worker
from koers.duo.models import Notificatie
from koers.inburgeraars.models import Gebeurtenis, Inburgeraar, Traject
from koers.intake.models import BredeIntake
from tests.duo.keten_hulp import AMS, notificatie, standaard
from tests.duo.nep_duo import NepDuo
from tests.factories import valid_bsn


@pytest.fixture
def nep():
    return standaard(NepDuo())


def verwerk(nep):
    return worker.verwerk_notificaties(client=nep.client())


def duo_regels(traject):
    return list(
        traject.gebeurtenissen.filter(soort=Gebeurtenis.Soort.DUO).values_list(
            "omschrijving", flat=True
        )
    )


def momentopname(traject):
    traject.refresh_from_db()
    velden = {
        f.name: getattr(traject, f.name)
        for f in Traject._meta.fields
        if f.name not in ("gewijzigd_op",)
    }
    return velden, traject.gebeurtenissen.count()


# -- opening a case ---------------------------------------------------------------------------


@pytest.mark.parametrize("gid", ["SS101", "SS128", "SS139", "SS120", "SS121", "SS129", "SS130"])
def test_onbekende_persoon_krijgt_een_traject_zonder_verzonnen_naam(weert, nep, gid):
    bsn = valid_bsn(77)
    n = notificatie(weert, gid, bsn)
    assert verwerk(nep) == 1
    n.refresh_from_db()
    assert n.status == "verwerkt", n.fout
    persoon = Inburgeraar.objects.get(bsn=bsn)
    assert (persoon.voornamen, persoon.geslachtsnaam, persoon.geboortedatum) == ("", "", None)
    assert persoon.persoonsgegevens_aanvullen
    assert persoon.volledige_naam == "Naam nog onbekend"
    assert persoon.doelgroep == "Asielstatushouder"
    traject = persoon.huidig_traject
    assert n.traject == traject and traject.gemeente == weert and traject.is_open
    assert traject.datum_start_plicht == date(2026, 5, 1)
    aangemeld = traject.gebeurtenissen.get(soort=Gebeurtenis.Soort.AANGEMELD)
    assert aangemeld.omschrijving.startswith(f"DUO ({gid})")
    assert nep.aanroepen("getInburgeringsplichtByBsn") and nep.aanroepen("getDoelgroepByBsn")
    bron = {v[1] for v in nep.verzoeken}
    assert all(b for b in bron)  # every call carried a berichtId


def test_ss101_haalt_examenresultaten_op(traject_weert, nep):
    notificatie(traject_weert.gemeente, "SS101", traject_weert.inburgeraar.bsn)
    verwerk(nep)
    regel = traject_weert.gebeurtenissen.get(soort="duo", omschrijving__contains="examen")
    assert "KNM B1: Geslaagd (10-08-2026)" in regel.toelichting


def test_ss128_markeert_aow(traject_weert, nep):
    notificatie(traject_weert.gemeente, "SS128", traject_weert.inburgeraar.bsn)
    verwerk(nep)
    traject_weert.refresh_from_db()
    assert traject_weert.aow_binnen_6_maanden
    assert any("AOW" in r for r in duo_regels(traject_weert))


def test_ss139_start_pip_klok_op_de_nederlandse_datum(weert, nep):
    # 23:30 in Amsterdam on 1 September is 21:30 UTC: the clock starts on 1 September.
    notificatie(weert, "SS139", valid_bsn(5), op=datetime(2026, 9, 1, 23, 30, tzinfo=AMS))
    verwerk(nep)
    traject = Inburgeraar.objects.get(bsn=valid_bsn(5)).huidig_traject
    assert traject.datum_start_pip_termijn == date(2026, 9, 1)
    assert traject.pip_uiterlijk == date(2026, 11, 10)
    assert traject.volgende_deadline == date(2026, 11, 10)


def test_tweede_ss139_zelfde_datum_verandert_niets_andere_datum_verzet_de_klok(weert, nep):
    notificatie(weert, "SS139", valid_bsn(6), op=datetime(2026, 9, 1, 9, 0, tzinfo=AMS))
    verwerk(nep)
    traject = Inburgeraar.objects.get(bsn=valid_bsn(6)).huidig_traject
    voor = momentopname(traject)
    notificatie(weert, "SS139", valid_bsn(6), op=datetime(2026, 9, 1, 15, 0, tzinfo=AMS))
    verwerk(nep)
    assert momentopname(traject) == voor
    notificatie(weert, "SS139", valid_bsn(6), op=datetime(2026, 10, 5, 9, 0, tzinfo=AMS))
    verwerk(nep)
    traject.refresh_from_db()
    assert traject.datum_start_pip_termijn == date(2026, 10, 5)


def test_oudere_ss139_die_later_binnenkomt_zet_de_klok_niet_terug(weert, nep):
    notificatie(weert, "SS139", valid_bsn(7), op=datetime(2026, 10, 5, 9, 0, tzinfo=AMS))
    verwerk(nep)
    traject = Inburgeraar.objects.get(bsn=valid_bsn(7)).huidig_traject
    notificatie(weert, "SS139", valid_bsn(7), op=datetime(2026, 9, 1, 9, 0, tzinfo=AMS))
    verwerk(nep)
    traject.refresh_from_db()
    assert traject.datum_start_pip_termijn == date(2026, 10, 5)


def test_ss121_neemt_termijn_en_pip_van_vorige_gemeente_over(weert, nep):
    notificatie(weert, "SS121", valid_bsn(8))
    verwerk(nep)
    traject = Inburgeraar.objects.get(bsn=valid_bsn(8)).huidig_traject
    assert (traject.termijn_start, traject.termijn_eind, traject.termijn_bron) == (
        date(2026, 6, 1),
        date(2029, 6, 1),
        "duo",
    )
    pip = traject.gebeurtenissen.get(soort="duo", omschrijving__contains="PIP")
    assert "gemeente 0946" in pip.toelichting and "leerroute B" in pip.toelichting


def test_bekende_persoon_met_open_traject_krijgt_geen_tweede(traject_weert, nep):
    notificatie(traject_weert.gemeente, "SS101", traject_weert.inburgeraar.bsn)
    verwerk(nep)
    assert Traject.objects.filter(inburgeraar=traject_weert.inburgeraar).count() == 1
    traject_weert.refresh_from_db()
    assert traject_weert.datum_start_plicht == date(2026, 5, 1)  # DUO's date


def test_ss130_heropent_een_afgesloten_traject_en_hervat(traject_weert, nep):
    notificatie(traject_weert.gemeente, "SS106", traject_weert.inburgeraar.bsn)
    verwerk(nep)
    notificatie(
        traject_weert.gemeente,
        "SS130",
        traject_weert.inburgeraar.bsn,
        op=datetime(2026, 9, 2, 9, 0, tzinfo=AMS),
    )
    verwerk(nep)
    persoon = traject_weert.inburgeraar
    persoon.refresh_from_db()
    nieuw = persoon.huidig_traject
    assert nieuw.pk != traject_weert.pk and nieuw.is_open
    assert nieuw.termijn_bron == "duo"


def test_open_traject_bij_andere_gemeente_wordt_fout_voor_beheer(traject_cranendonck, weert, nep):
    n = notificatie(weert, "SS120", traject_cranendonck.inburgeraar.bsn)
    verwerk(nep)
    n.refresh_from_db()
    assert n.status == "fout" and "andere gemeente" in n.fout


# -- closing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gid", "reden"),
    [
        ("SS106", "voldaan"),
        ("SS107", "vrijgesteld"),
        ("SS108", "ontheven"),
        ("SS110", "ingetrokken"),
        ("SS111", "overleden"),
    ],
)
def test_sluiten(traject_weert, nep, gid, reden):
    if gid == "SS110":
        nep.zet(
            "getInburgeringsplichtByBsn",
            (
                200,
                {
                    "indicatorInburgeringsplicht": False,
                    "redenGeenInburgeringsplicht": "Verblijfsdoel gewijzigd",
                },
            ),
        )
    n = notificatie(traject_weert.gemeente, gid, traject_weert.inburgeraar.bsn)
    verwerk(nep)
    n.refresh_from_db()
    traject_weert.refresh_from_db()
    assert n.status == "verwerkt", n.fout
    assert (traject_weert.status, traject_weert.afrondingsreden) == ("afgerond", reden)
    status = traject_weert.gebeurtenissen.get(soort="status")
    assert f"Bericht van DUO ({gid})" in status.toelichting
    if gid == "SS110":
        assert "Verblijfsdoel gewijzigd" in status.toelichting
        assert "Stand bij afsluiten" in status.toelichting
    traject_weert.inburgeraar.refresh_from_db()
    assert traject_weert.inburgeraar.geen_contact is (gid == "SS111")


def test_sluiten_zonder_open_traject_doet_niets(weert, nep):
    n = notificatie(weert, "SS106", valid_bsn(9))
    verwerk(nep)
    n.refresh_from_db()
    assert n.status == "verwerkt" and not Inburgeraar.objects.exists()


# -- pause, resume, doelgroep, termijn ---------------------------------------------------------


def test_ss109_pauzeert_en_ss129_hervat(traject_weert, nep):
    bsn = traject_weert.inburgeraar.bsn
    notificatie(traject_weert.gemeente, "SS109", bsn)
    verwerk(nep)
    traject_weert.refresh_from_db()
    assert traject_weert.gepauzeerd_sinds == date(2026, 9, 1)
    pauze = traject_weert.gebeurtenissen.get(soort="duo", omschrijving__contains="stil")
    assert "Tijdelijke vrijstelling: Toekenning (INS)" in pauze.toelichting
    notificatie(traject_weert.gemeente, "SS129", bsn, op=datetime(2026, 10, 1, tzinfo=AMS))
    verwerk(nep)
    traject_weert.refresh_from_db()
    assert traject_weert.gepauzeerd_sinds is None
    assert any("loopt weer" in r for r in duo_regels(traject_weert))


@pytest.mark.parametrize(
    ("gid", "nieuw"), [("SS124", "Gezinsvormer"), ("SS125", "Gezinsvormer met Asielstatushouder")]
)
def test_doelgroep_gewijzigd(traject_weert, nep, gid, nieuw):
    nep.zet("getDoelgroepByBsn", (200, {"gedetailleerdeDoelgroep": nieuw}))
    notificatie(traject_weert.gemeente, gid, traject_weert.inburgeraar.bsn)
    verwerk(nep)
    traject_weert.inburgeraar.refresh_from_db()
    assert traject_weert.inburgeraar.doelgroep == nieuw
    assert any(nieuw in r for r in duo_regels(traject_weert))


@pytest.mark.parametrize("gid", ["SS102", "SS103", "SS104"])
def test_termijn_van_duo_wint(traject_weert, nep, gid):
    traject_weert.termijn_start, traject_weert.termijn_eind = date(2026, 1, 1), date(2029, 1, 1)
    traject_weert.termijn_bron = "afgeleid"
    traject_weert.save()
    nep.zet(
        "getInburgeringstermijnByBsn",
        (
            200,
            {
                "startdatum": "2026-06-01",
                "einddatum": "2029-12-01",
                "verlengingsgrondcode": "ZW",
                "verlengingsgrondomschrijving": "Zwangerschap",
            },
        ),
    )
    notificatie(traject_weert.gemeente, gid, traject_weert.inburgeraar.bsn)
    verwerk(nep)
    traject_weert.refresh_from_db()
    assert (
        traject_weert.termijn_start,
        traject_weert.termijn_eind,
        traject_weert.termijn_bron,
    ) == (date(2026, 6, 1), date(2029, 12, 1), "duo")
    regel = traject_weert.gebeurtenissen.get(soort="duo")
    # DUO's einddatum is exclusive: the timeline says the last day ("tot en met").
    assert "tot en met 30-11-2029" in regel.omschrijving
    assert regel.toelichting == "Zwangerschap"


# -- leerbaarheidstoets and exams --------------------------------------------------------------


def test_ss137_toont_lbt_als_gepland(traject_weert, nep):
    notificatie(traject_weert.gemeente, "SS137", traject_weert.inburgeraar.bsn)
    verwerk(nep)
    assert any("gepland" in r for r in duo_regels(traject_weert))


def test_ss131_zet_lbt_uitslag_in_de_concept_intake(traject_weert, nep):
    notificatie(traject_weert.gemeente, "SS131", traject_weert.inburgeraar.bsn)
    verwerk(nep)
    intake = BredeIntake.objects.get(traject=traject_weert)
    assert (intake.lbt_uitslag, intake.lbt_score, intake.lbt_datum, intake.lbt_bron) == (
        "B1-route haalbaar",
        31,
        date(2026, 8, 20),
        "duo",
    )
    assert any("B1-route haalbaar" in r for r in duo_regels(traject_weert))


def test_ss131_verandert_een_afgeronde_intake_niet(traject_weert, nep):
    BredeIntake.objects.create(traject=traject_weert, status="afgerond", lbt_uitslag="Onbekend")
    notificatie(traject_weert.gemeente, "SS131", traject_weert.inburgeraar.bsn)
    verwerk(nep)
    intake = BredeIntake.objects.get(traject=traject_weert)
    assert (intake.lbt_uitslag, intake.lbt_bron) == ("Onbekend", "hand")
    regel = traject_weert.gebeurtenissen.get(soort="duo")
    assert "B1-route haalbaar" in regel.omschrijving and "niet aangepast" in regel.toelichting


def test_ss199_examenresultaten_op_de_tijdlijn(traject_weert, nep):
    notificatie(traject_weert.gemeente, "SS199", traject_weert.inburgeraar.bsn)
    verwerk(nep)
    regel = traject_weert.gebeurtenissen.get(soort="duo")
    assert "KNM B1: Geslaagd" in regel.toelichting


@pytest.mark.parametrize(
    ("gid", "operatie", "tekst"),
    [
        ("SS113", "getVerlengingenByBsn", "Afgewezen op 15-08-2026"),
        ("SS114", "getVrijstellingenByBsn", "Tijdelijke vrijstelling: Toekenning"),
        ("SS115", "getVrijstellingenByBsn", "Tijdelijke vrijstelling"),
        ("SS116", "getVrijstellingenByBsn", "Tijdelijke vrijstelling"),
        ("SS117", "getVrijstellingenByBsn", "Tijdelijke vrijstelling"),
        # The ground (MED) is health data: the timeline leaves it out.
        ("SS118", "getOntheffingenByBsn", "Gedeeltelijke ontheffing: Toekenning (SP)"),
        ("SS119", "getOntheffingenByBsn", "Gedeeltelijke ontheffing"),
    ],
)
def test_besluiten_op_aanvragen(traject_weert, nep, gid, operatie, tekst):
    notificatie(traject_weert.gemeente, gid, traject_weert.inburgeraar.bsn)
    verwerk(nep)
    assert nep.aanroepen(operatie)
    regel = traject_weert.gebeurtenissen.get(soort="duo")
    assert tekst in regel.toelichting and "PIP" in regel.omschrijving
    assert "MED" not in regel.toelichting


# -- idempotence, unknown ids, no case, every id covered ---------------------------------------


@pytest.mark.parametrize("gid", sorted(handlers.HANDLERS))
def test_elke_gebeurtenis_twee_keer_behandelen_verandert_niets_meer(traject_weert, nep, gid):
    n = notificatie(traject_weert.gemeente, gid, traject_weert.inburgeraar.bsn)
    handlers.behandel(n, nep.client())
    persoon = traject_weert.inburgeraar
    persoon.refresh_from_db()
    traject = persoon.huidig_traject
    voor = momentopname(traject), persoon.doelgroep, persoon.geen_contact
    handlers.behandel(n, nep.client())
    persoon.refresh_from_db()
    assert (momentopname(traject), persoon.doelgroep, persoon.geen_contact) == voor
    assert persoon.huidig_traject == traject


def test_alle_gebeurtenissen_uit_de_catalogus_hebben_een_handler():
    catalogus = {
        "SS101",
        "SS128",
        "SS139",
        "SS129",
        "SS120",
        "SS121",
        "SS124",
        "SS125",
        "SS109",
        "SS110",
        "SS111",
        "SS106",
        "SS107",
        "SS108",
        "SS137",
        "SS131",
        "SS102",
        "SS103",
        "SS104",
        "SS130",
        "SS199",
        *(f"SS{i}" for i in range(113, 120)),
    }
    assert set(handlers.HANDLERS) == catalogus


def test_onbekende_gebeurtenis_blijft_bewaard_voor_beheer(weert, nep):
    n = notificatie(weert, "SS142", valid_bsn(3))
    verwerk(nep)
    n.refresh_from_db()
    assert n.status == "onbekend" and "SS142" in n.fout
    assert list(handlers.onbekende_notificaties()) == [n]
    assert nep.verzoeken == []


def test_gebeurtenis_zonder_open_traject_wordt_fout_voor_beheer(weert, nep):
    n = notificatie(weert, "SS102", valid_bsn(4))
    verwerk(nep)
    n.refresh_from_db()
    assert n.status == "fout"
    assert "zonder open traject" in n.fout


def test_notificaties_van_een_persoon_in_volgorde_van_duo(weert, nep):
    bsn = valid_bsn(11)
    later = notificatie(weert, "SS102", bsn, op=datetime(2026, 9, 3, tzinfo=AMS))
    eerst = notificatie(weert, "SS101", bsn, op=datetime(2026, 9, 2, tzinfo=AMS))
    verwerk(nep)
    later.refresh_from_db()
    assert later.status == "nieuw"  # waits for the earlier one of the same person
    verwerk(nep)
    for n in (eerst, later):
        n.refresh_from_db()
        assert n.status == "verwerkt", n.fout
    assert Inburgeraar.objects.get(bsn=bsn).huidig_traject.termijn_bron == "duo"


def test_tijdelijke_duo_fout_wordt_later_opnieuw_geprobeerd(traject_weert, nep, settings):
    nep.zet("getExamenresultatenByBsn", (503, None), (200, []))
    n = notificatie(traject_weert.gemeente, "SS199", traject_weert.inburgeraar.bsn)
    verwerk(nep)
    n.refresh_from_db()
    assert (n.status, n.pogingen) == ("nieuw", 1) and n.volgende_poging_op is not None
    Notificatie.objects.filter(pk=n.pk).update(volgende_poging_op=None)
    verwerk(nep)
    n.refresh_from_db()
    assert n.status == "verwerkt"


def test_blijvende_duo_fout_geeft_status_fout_met_melding(traject_weert, nep):
    nep.zet("getExamenresultatenByBsn", (403, [{"fouttekst": "Geen relatie met deze persoon"}]))
    n = notificatie(traject_weert.gemeente, "SS199", traject_weert.inburgeraar.bsn)
    verwerk(nep)
    n.refresh_from_db()
    assert n.status == "fout" and n.fout
    assert not traject_weert.gebeurtenissen.filter(soort="duo").exists()


def test_termijn_die_duo_nog_niet_heeft_verandert_niets(traject_weert, nep):
    nep.zet("getInburgeringstermijnByBsn", (404, None))
    n = notificatie(traject_weert.gemeente, "SS102", traject_weert.inburgeraar.bsn)
    verwerk(nep)
    n.refresh_from_db()
    traject_weert.refresh_from_db()
    assert n.status == "verwerkt" and traject_weert.termijn_bron == ""


def test_onverwachte_fout_stopt_de_worker_niet(traject_weert, nep, monkeypatch):
    def kapot(ctx):
        raise KeyError("onverwacht")

    monkeypatch.setitem(handlers.HANDLERS, "SS199", kapot)
    n = notificatie(traject_weert.gemeente, "SS199", traject_weert.inburgeraar.bsn)
    assert verwerk(nep) == 1
    n.refresh_from_db()
    assert (n.status, n.pogingen) == ("nieuw", 1) and "KeyError" in n.fout
    assert n.geclaimd_tot is None and n.volgende_poging_op is not None
