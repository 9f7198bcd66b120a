"""The leerroute services: aanbod with the DUO report, hours, afschalen, exams, Z-route."""

from datetime import date
from decimal import Decimal as D

import pytest

from koers.bouwstenen.weigering import Weigering
from koers.duo import meldingen
from koers.duo.models import Bericht
from koers.inburgeraars.models import Gebeurtenis
from koers.leerroute import services
from koers.leerroute.models import (
    Aanbod,
    Afschalingsvoorstel,
    Examenresultaat,
    UrenPeriode,
    Zroute,
)
from koers.pip.models import PipVersie
from koers.pip.services import stel_vast
from tests.factories import TrajectFactory
from tests.leerroute.conftest import BOW, BOW2, GEEN, TST, aanbod, uren

pytestmark = pytest.mark.django_db


# -- Aanbod ------------------------------------------------------------------------------------


def test_aanbod_for_an_asielstatushouder_goes_to_duo(b1, adviseur_weert):
    a = aanbod(b1, adviseur_weert)
    assert (a.instelling_naam, a.keurmerk) == ("Taalcentrum", "bow")
    bericht = Bericht.objects.get(soort="inburgeringsaanbod")
    assert a.bericht == bericht
    assert bericht.pad.endswith(f"/Inburgeringsaanbod/{BOW}")
    assert bericht.body == {
        "indicatorAlfabetiseringsonderwijs": "NVT",
        "datumInburgeringsaanbod": "2026-10-05",
        "verwachteStartdatumOpleiding": "2026-11-01",
        # the last lesson day is 1 October; DUO's end is exclusive
        "verwachteEinddatumOpleiding": "2027-10-02",
    }
    assert a.einddatum == date(2027, 10, 1)
    assert b1.gebeurtenissen.filter(
        soort=Gebeurtenis.Soort.LEERROUTE,
        omschrijving__contains="gemeld bij DUO",
        omschrijving__endswith="tot en met 1 oktober 2027)",
    ).exists()


def test_aanbod_of_a_gezinsmigrant_stays_in_koers(zroute_gezin, adviseur_weert):
    a = aanbod(zroute_gezin, adviseur_weert)
    assert a.bericht is None and not Bericht.objects.filter(soort="inburgeringsaanbod").exists()


def test_a_new_aanbod_at_the_same_instelling_replaces_the_old(b1, adviseur_weert):
    aanbod(b1, adviseur_weert, melden=False)
    aanbod(b1, adviseur_weert, einddatum=date(2028, 1, 1), melden=False)
    aanbod(b1, adviseur_weert, nummer=BOW2, melden=False)
    assert Aanbod.objects.filter(traject=b1).count() == 2
    assert Aanbod.objects.get(traject=b1, instellingsnummer=BOW).einddatum == date(2028, 1, 1)


@pytest.mark.parametrize(
    ("nummer", "extra", "veld"),
    [
        (GEEN, {}, "instellingsnummer"),  # no keurmerk
        (TST, {}, "instellingsnummer"),  # a TST is only for the onderwijsroute
        ("1234567890", {}, "instellingsnummer"),  # not in DUO's list
        ("", {}, "instellingsnummer"),
        (BOW, {"einddatum": date(2026, 10, 1)}, "einddatum"),
        (BOW, {"startdatum": date(2026, 10, 1)}, "startdatum"),  # before the termijn (DUO)
        (BOW, {"alfabetisering": "X"}, "alfabetisering"),
        (BOW, {"datum_aanbod": None}, "datum_aanbod"),
    ],
)
def test_bad_aanbod_is_refused_and_nothing_saved(b1, adviseur_weert, nummer, extra, veld):
    with pytest.raises(Weigering) as e:
        aanbod(b1, adviseur_weert, nummer=nummer, **extra)
    assert veld in e.value.fouten
    assert not Aanbod.objects.exists()
    assert not Bericht.objects.filter(soort="inburgeringsaanbod").exists()


def test_the_onderwijsroute_may_choose_a_tst(onderwijs, adviseur_weert):
    assert aanbod(onderwijs, adviseur_weert, nummer=TST).keurmerk == "tst"
    keuzes = services.instelling_keuzes(services.instellingen_van_duo(None), "O")
    assert {i["instellingsnummer"] for i in keuzes} == {BOW, BOW2, TST}
    keuzes = services.instelling_keuzes(services.instellingen_van_duo(None), "B")
    assert {i["instellingsnummer"] for i in keuzes} == {BOW, BOW2}


def test_duo_rules_refuse_an_aanbod_after_the_termijn(b1, adviseur_weert):
    with pytest.raises(Weigering) as e:
        aanbod(b1, adviseur_weert, einddatum=date(2030, 1, 1))
    assert "einddatum" in e.value.fouten  # DUO's rule, shown on Koers' own field
    assert not Aanbod.objects.exists()


def test_a_course_may_start_before_the_offer_date(b1, adviseur_weert):
    """DUO only keeps a taalschakeltraject from starting before the offer date."""
    a = aanbod(b1, adviseur_weert, datum_aanbod=date(2026, 11, 10), startdatum=date(2026, 11, 1))
    assert a.bericht is not None and a.startdatum == date(2026, 11, 1)


def test_the_b1_offer_date_lies_in_the_termijn(b1, onderwijs, adviseur_weert):
    """B1- and Z-route: datumInburgeringsaanbod is the start of the lessons, a course date."""
    with pytest.raises(Weigering) as e:  # the PIP's day, the termijn starts the day after
        aanbod(b1, adviseur_weert, datum_aanbod=date(2026, 10, 1))
    assert (
        "datum_aanbod" in e.value.fouten and "inburgeringstermijn" in e.value.fouten["datum_aanbod"]
    )
    assert not Aanbod.objects.filter(traject=b1).exists()
    # In the onderwijsroute it is only the inschrijfdatum.
    assert aanbod(onderwijs, adviseur_weert, datum_aanbod=date(2026, 10, 1)).bericht


def test_a_taalschakeltraject_starts_after_the_course(onderwijs, adviseur_weert):
    cursus = aanbod(onderwijs, adviseur_weert, nummer=BOW)  # last lesson day 1 October 2027
    for start in (date(2027, 9, 1), date(2027, 10, 1)):  # on its last day it still runs
        with pytest.raises(Weigering) as e:
            aanbod(
                onderwijs,
                adviseur_weert,
                nummer=TST,
                datum_aanbod=date(2027, 6, 1),
                startdatum=start,
                einddatum=date(2028, 6, 1),
            )
        assert "startdatum" in e.value.fouten and "2 oktober 2027" in e.value.fouten["startdatum"]
    with pytest.raises(Weigering) as e:  # nor before its own offer date
        aanbod(
            onderwijs,
            adviseur_weert,
            nummer=TST,
            datum_aanbod=date(2027, 10, 5),
            startdatum=date(2027, 10, 1),
            einddatum=date(2028, 6, 1),
        )
    assert "startdatum" in e.value.fouten
    assert list(Aanbod.objects.filter(traject=onderwijs)) == [cursus]
    schakel = aanbod(
        onderwijs,
        adviseur_weert,
        nummer=TST,
        datum_aanbod=date(2027, 6, 1),
        startdatum=date(2027, 10, 2),
        einddatum=date(2028, 6, 1),
    )
    assert schakel.keurmerk == "tst" and schakel.bericht is not None


def test_no_aanbod_without_pip(traject_weert, adviseur_weert):
    with pytest.raises(Weigering):
        aanbod(traject_weert, adviseur_weert)


# -- Hours -------------------------------------------------------------------------------------


def test_hours_are_stored_per_period(b1, adviseur_weert):
    a = aanbod(b1, adviseur_weert, melden=False)
    rij = uren(b1, adviseur_weert, gevolgd="80,5", aanbod=a.pk)
    assert (rij.uren_gevolgd, rij.aanbieder, rij.aanbod) == (D("80.5"), "Taalcentrum", a)
    t = services.totalen(b1.pk)
    assert (t.taal, t.lesuren_keurmerk, t.gevolgd) == (D("80.5"), D("80.5"), D("80.5"))


@pytest.mark.parametrize(
    ("extra", "veld"),
    [
        ({"uren_gevolgd": "-1"}, "uren_gevolgd"),
        ({"uren_gevolgd": "veel"}, "uren_gevolgd"),
        ({"uren_gepland": None}, "uren_gepland"),
        ({"soort": "zwemmen"}, "soort"),
        ({"periode_eind": date(2026, 1, 1)}, "periode_eind"),
        ({"aanwezigheid": 140}, "aanwezigheid"),
        ({"aanwezigheid": "veel"}, "aanwezigheid"),
        ({"aanbod": 999999}, "aanbod"),
        ({"opmerking": "x" * 501}, "opmerking"),
    ],
)
def test_bad_hours_are_refused(b1, adviseur_weert, extra, veld):
    with pytest.raises(Weigering) as e:
        uren(b1, adviseur_weert, **extra)
    assert veld in e.value.fouten
    assert not UrenPeriode.objects.exists()


def test_hours_can_be_corrected(b1, adviseur_weert, b1_cranendonck):
    rij = uren(b1, adviseur_weert)
    services.bewaar_uren(
        b1,
        adviseur_weert,
        {
            "soort": "taal",
            "periode_start": date(2027, 1, 1),
            "periode_eind": date(2027, 1, 31),
            "uren_gepland": "50",
            "uren_gevolgd": "45",
        },
        rij_id=rij.pk,
    )
    rij.refresh_from_db()
    assert rij.uren_gevolgd == D(45) and UrenPeriode.objects.count() == 1
    with pytest.raises(Weigering):  # a row of another case
        services.bewaar_uren(b1_cranendonck, adviseur_weert, {}, rij_id=rij.pk)


def test_another_cases_aanbod_cannot_be_used(
    b1, b1_cranendonck, adviseur_weert, adviseur_cranendonck
):
    a = aanbod(b1_cranendonck, adviseur_cranendonck, melden=False)
    with pytest.raises(Weigering) as e:
        uren(b1, adviseur_weert, aanbod=a.pk)
    assert "aanbod" in e.value.fouten


# -- Afschalen ---------------------------------------------------------------------------------


def test_600_hours_at_a_keurmerk_provider_make_koers_propose(b1, adviseur_weert):
    a = aanbod(b1, adviseur_weert, melden=False)
    uren(b1, adviseur_weert, gevolgd="500", gepland="550", aanbod=a.pk)
    uren(b1, adviseur_weert, gevolgd="200", gepland="200")  # without keurmerk: no count
    assert not Afschalingsvoorstel.objects.exists()
    uren(b1, adviseur_weert, gevolgd="100", gepland="110", aanbod=a.pk)
    voorstel = Afschalingsvoorstel.objects.get()
    assert (voorstel.status, voorstel.lesuren) == ("open", D(600))
    uren(b1, adviseur_weert, gevolgd="10", gepland="10", aanbod=a.pk)
    assert Afschalingsvoorstel.objects.count() == 1  # one proposal, not one per row


def test_too_little_effort_makes_no_proposal(b1, adviseur_weert):
    a = aanbod(b1, adviseur_weert, melden=False)
    uren(b1, adviseur_weert, gevolgd="650", gepland="900", aanbod=a.pk)
    assert not Afschalingsvoorstel.objects.exists()
    with pytest.raises(Weigering) as e:
        services.stel_afschaling_voor(b1, adviseur_weert)
    assert "inzet" in e.value.fouten["__all__"]


def test_no_proposal_in_the_zroute(zroute, adviseur_weert):
    a = aanbod(zroute, adviseur_weert, melden=False)
    uren(zroute, adviseur_weert, gevolgd="700", gepland="700", aanbod=a.pk)
    assert not Afschalingsvoorstel.objects.exists()


@pytest.fixture
def voorstel(b1, adviseur_weert):
    a = aanbod(b1, adviseur_weert, melden=False)
    uren(b1, adviseur_weert, gevolgd="620", gepland="650", aanbod=a.pk)
    return Afschalingsvoorstel.objects.get()


def test_accepting_makes_a_pip_concept_with_a2(b1, adviseur_weert, voorstel):
    services.besluit_afschaling(b1, voorstel.pk, adviseur_weert, aanvaard=True)
    voorstel.refresh_from_db()
    concept = voorstel.pip
    assert (voorstel.status, concept.status, concept.niveau, concept.leerroute, concept.versie) == (
        "aanvaard",
        PipVersie.Status.CONCEPT,
        "A2",
        "B",
        2,
    )
    assert "Afgeschaald naar A2" in concept.toelichting_leerroute
    stel_vast(b1, concept.versie, adviseur_weert)  # the adviseur vaststelt it as usual
    assert services.huidige_pip(b1).niveau == "A2"
    with pytest.raises(Weigering):
        services.besluit_afschaling(
            b1, voorstel.pk, adviseur_weert, aanvaard=False, reden="Toch niet"
        )


def test_rejecting_needs_a_reason(b1, adviseur_weert, voorstel):
    with pytest.raises(Weigering) as e:
        services.besluit_afschaling(b1, voorstel.pk, adviseur_weert, aanvaard=False)
    assert "reden" in e.value.fouten
    services.besluit_afschaling(
        b1,
        voorstel.pk,
        adviseur_weert,
        aanvaard=False,
        reden="Ze gaat hard vooruit; B1 blijft haalbaar.",
    )
    voorstel.refresh_from_db()
    assert voorstel.status == "afgewezen" and voorstel.pip is None
    assert b1.pips.count() == 1
    # No new proposal by itself after a rejection; the adviseur may ask again.
    uren(b1, adviseur_weert, gevolgd="10", gepland="10", aanbod=voorstel.traject.aanbod.get().pk)
    assert Afschalingsvoorstel.objects.count() == 1
    services.stel_afschaling_voor(b1, adviseur_weert)
    assert Afschalingsvoorstel.objects.filter(status="open").count() == 1


def test_accepting_does_not_overwrite_an_existing_concept(b1, adviseur_weert, voorstel):
    from koers.pip.services import bewaar_concept

    bewaar_concept(
        b1, adviseur_weert, {"leerroute": "B", "niveau": "B1", "dagtekening": date(2027, 5, 1)}
    )
    with pytest.raises(Weigering):
        services.besluit_afschaling(b1, voorstel.pk, adviseur_weert, aanvaard=True)
    voorstel.refresh_from_db()
    assert voorstel.status == "open"


# -- Exams -------------------------------------------------------------------------------------

DUO_UITSLAGEN = [
    {"examendatum": "2027-03-01", "resultaat": "Geslaagd", "onderdeel": "KNM"},
    {"examendatum": "2027-04-01", "resultaat": "Gezakt", "onderdeel": "LE", "niveau": "B1"},
    {
        "examendatum": "2027-04-02",
        "resultaat": "Geen",
        "onderdeel": "SP",
        "niveau": "B1",
        "redenGeenResultaat": "Absent",
    },
    {"examendatum": "niet-een-datum", "resultaat": "Geslaagd", "onderdeel": "LU"},
]


def test_duo_exam_results_become_rows_idempotently(b1):
    assert services.bewaar_duo_examens(b1, DUO_UITSLAGEN) == 3
    assert services.bewaar_duo_examens(b1, DUO_UITSLAGEN) == 0
    veranderd = [{**DUO_UITSLAGEN[1], "resultaat": "Geslaagd"}]
    assert services.bewaar_duo_examens(b1, veranderd) == 1
    rijen = {
        (e.onderdeel, e.niveau, e.resultaat, e.reden_geen_resultaat, e.bron)
        for e in Examenresultaat.objects.all()
    }
    assert rijen == {
        ("KNM", "", "Geslaagd", "", "duo"),
        ("LE", "B1", "Geslaagd", "", "duo"),
        ("SP", "B1", "Geen", "Absent", "duo"),
    }


def test_an_exam_result_by_hand(b1, adviseur_weert):
    services.bewaar_examen(
        b1,
        adviseur_weert,
        {"onderdeel": "ONA", "examendatum": date(2027, 2, 1), "resultaat": "Geslaagd"},
    )
    assert Examenresultaat.objects.get().bron == "handmatig"
    for fout in (
        {"onderdeel": "XX"},
        {"examendatum": date(2027, 7, 1)},
        {"resultaat": "Goed"},
        {"niveau": "C1"},
        {"reden_geen_resultaat": "Absent"},
    ):
        with pytest.raises(Weigering):
            services.bewaar_examen(
                b1,
                adviseur_weert,
                {
                    "onderdeel": "KNM",
                    "examendatum": date(2027, 2, 1),
                    "resultaat": "Geslaagd",
                    **fout,
                },
            )
    assert Examenresultaat.objects.count() == 1


def test_duo_exam_results_are_stored_once(b1):
    """What the SS199 handler hands over (DUO's Examenresultaat list) becomes rows; twice the
    same list adds nothing (the handler itself is tested with the DUO chain in tests/duo)."""
    assert services.bewaar_duo_examens(b1, DUO_UITSLAGEN[:3]) == 3
    assert services.bewaar_duo_examens(b1, DUO_UITSLAGEN[:3]) == 0
    assert Examenresultaat.objects.filter(traject=b1).count() == 3


# -- Z-route -----------------------------------------------------------------------------------


def test_zroute_hours_against_the_plan(zroute, adviseur_weert):
    uren(zroute, adviseur_weert, soort="taal", gevolgd="30", tijdens_brede_intake=True)
    uren(zroute, adviseur_weert, soort="participatie", gevolgd="20", tijdens_brede_intake=True)
    uren(zroute, adviseur_weert, soort="taal", gevolgd="100")
    uren(zroute, adviseur_weert, soort="knm", gevolgd="20")
    z = Zroute.objects.get(traject=zroute)
    assert (z.norm_cursus, z.norm_participatie) == (D(800), D(800))
    assert (z.cursus_uren, z.participatie_uren) == (D(120), D(20))  # intake taal not counted
    # 20 participation hours: behind the linear plan from early on.
    assert z.achter_vanaf is not None and z.achter_vanaf < date(2027, 1, 1)


def test_zroute_of_a_gezinsmigrant_has_no_participation_norm(zroute_gezin, adviseur_weert):
    uren(zroute_gezin, adviseur_weert, soort="taal", gevolgd="200")
    z = Zroute.objects.get(traject=zroute_gezin)
    assert z.norm_participatie == 0
    # 200 course hours after 8 of 36 months (plan ≈ 177): on track.
    assert z.achter_vanaf > date(2027, 6, 1)


@pytest.fixture
def modules_uren(monkeypatch):
    """The PVT and MAP hours of koers.modules.selectors.participatie_uren, set by the test."""
    waarden: dict = {}
    monkeypatch.setattr(
        services, "module_uren", lambda ids: {i: waarden[i] for i in ids if i in waarden}
    )
    return waarden


def test_pvt_and_map_hours_count_as_participation(zroute, adviseur_weert, modules_uren):
    modules_uren[zroute.pk] = D(30)
    uren(zroute, adviseur_weert, soort="participatie", gevolgd="100")
    z = Zroute.objects.get(traject=zroute)
    assert (z.participatie_uren, z.participatie_modules) == (D(130), D(30))


def _eindgesprek(traject, door, **kw):
    return services.bewaar_eindgesprek(
        traject,
        door,
        {
            "datum": date(2027, 5, 20),
            "afspraken_nagekomen": True,
            "conclusie": "Alle afspraken zijn nagekomen.",
            **kw,
        },
    )


def test_eindgesprek_and_completion_to_duo(zroute, adviseur_weert):
    uren(zroute, adviseur_weert, soort="taal", gevolgd="800", gepland="800")
    uren(zroute, adviseur_weert, soort="participatie", gevolgd="800", gepland="800")
    with pytest.raises(Weigering) as e:  # no eindgesprek yet
        services.meld_zroute_afgerond(zroute, adviseur_weert)
    assert "__all__" in e.value.fouten
    _eindgesprek(zroute, adviseur_weert)
    # The plicht is leerroute + PVT + MAP: the completion waits until DUO accepted the PVT
    # and MAP dates, otherwise DUO refuses them afterwards (RULES.md "MAP and PVT").
    meldingen.meld_map(zroute, date(2027, 5, 20))
    with pytest.raises(Weigering) as e:
        services.meld_zroute_afgerond(zroute, adviseur_weert, date(2027, 5, 25))
    assert "participatieverklaring" in e.value.fouten["__all__"]
    meldingen.meld_pvt(zroute, date(2027, 5, 22))
    with pytest.raises(Weigering) as e:  # queued, but DUO has not accepted them yet
        services.meld_zroute_afgerond(zroute, adviseur_weert, date(2027, 5, 25))
    assert "MAP" in e.value.fouten["__all__"]
    Bericht.objects.filter(soort__in=("map", "pvt")).update(status=Bericht.Status.AFGELEVERD)
    with pytest.raises(Weigering) as e:  # not before the PVT date DUO holds
        services.meld_zroute_afgerond(zroute, adviseur_weert, date(2027, 5, 21))
    assert "22 mei 2027" in e.value.fouten["datum"]
    assert not Bericht.objects.filter(soort="zroute").exists()
    assert Zroute.objects.get().afgerond_op is None
    z = services.meld_zroute_afgerond(zroute, adviseur_weert, date(2027, 5, 25))
    bericht = Bericht.objects.get(soort="zroute")
    assert bericht.body == {"datumAfrondingZroute": "2027-05-25"}
    assert (z.afgerond_op, z.afronding_bericht) == (date(2027, 5, 25), bericht)
    with pytest.raises(Weigering):  # once
        services.meld_zroute_afgerond(zroute, adviseur_weert)
    with pytest.raises(Weigering):  # the eindgesprek is fixed now
        _eindgesprek(zroute, adviseur_weert)


def test_completion_refused_when_agreements_not_met_or_hours_short(zroute, adviseur_weert):
    uren(zroute, adviseur_weert, soort="taal", gevolgd="500", gepland="800")
    _eindgesprek(zroute, adviseur_weert, afspraken_nagekomen=False)
    with pytest.raises(Weigering) as e:
        services.meld_zroute_afgerond(zroute, adviseur_weert)
    assert {"__all__", "cursus_uren", "participatie_uren"} <= set(e.value.fouten)
    assert not Bericht.objects.filter(soort="zroute").exists()


def test_duo_refuses_a_completion_before_the_eindgesprek(zroute_gezin, adviseur_weert):
    uren(zroute_gezin, adviseur_weert, soort="taal", gevolgd="800", gepland="800")
    _eindgesprek(zroute_gezin, adviseur_weert)
    with pytest.raises(Weigering) as e:
        services.meld_zroute_afgerond(zroute_gezin, adviseur_weert, date(2027, 5, 1))
    assert "datum" in e.value.fouten
    assert Zroute.objects.get().afgerond_op is None


@pytest.mark.parametrize(
    ("data", "veld"),
    [
        ({"datum": None}, "datum"),
        ({"datum": date(2027, 7, 1)}, "datum"),
        ({"afspraken_nagekomen": None}, "afspraken_nagekomen"),
        ({"conclusie": "  "}, "conclusie"),
    ],
)
def test_bad_eindgesprek(zroute, adviseur_weert, data, veld):
    with pytest.raises(Weigering) as e:
        _eindgesprek(zroute, adviseur_weert, **data)
    assert veld in e.value.fouten
    assert not Zroute.objects.filter(eindgesprek_op__isnull=False).exists()


def test_eindgesprek_only_in_the_zroute(b1, adviseur_weert):
    with pytest.raises(Weigering):
        _eindgesprek(b1, adviseur_weert)


def test_hours_reported_to_duo(zroute, zroute_gezin, adviseur_weert, modules_uren):
    modules_uren[zroute.pk] = D("10.5")
    uren(zroute, adviseur_weert, soort="taal", gevolgd="12.5", tijdens_brede_intake=True)
    uren(zroute, adviseur_weert, soort="participatie", gevolgd="40.7")
    berichten = services.meld_uren_aan_duo(zroute, adviseur_weert)
    uren(zroute, adviseur_weert, soort="taal", gevolgd="30.9")
    uren(zroute, adviseur_weert, soort="knm", gevolgd="8")
    berichten = services.meld_uren_aan_duo(zroute, adviseur_weert)
    assert [(b.operation_id, b.body) for b in berichten] == [
        ("updateUrenTaallesEnKnmByBSN", {"uren": 12}),
        ("updateUrenParticipatieactiviteiten", {"uren": 51}),
        # lesson hours of the leerroute, without those of the brede intake: 30.9 + 8
        ("updateUrenParticipatieAlsTaallesByBsn", {"uren": 38}),
    ]
    # Gezins- en overige migranten: no participation total (DUO would refuse it).
    berichten = services.meld_uren_aan_duo(zroute_gezin, adviseur_weert)
    assert [b.operation_id for b in berichten] == [
        "updateUrenTaallesEnKnmByBSN",
        "updateUrenParticipatieAlsTaallesByBsn",
    ]


def test_a_closed_traject_refuses_changes(b1, adviseur_weert):
    b1.status = "afgerond"
    b1.afrondingsreden = "verhuisd"
    b1.save()
    with pytest.raises(Weigering):
        uren(b1, adviseur_weert)


def test_without_traject_pip_nothing_shows(adviseur_weert, weert):
    traject = TrajectFactory()
    assert services.huidige_pip(traject) is None
    assert services.zroute_bijwerken(traject) is None


# -- DUO's partial ontheffing (GedeeltelijkeOntheffing.urenBelastbaarheidParticipatieactiviteit)


def _ontheffing(traject, uren_belastbaarheid):
    ib = traject.inburgeraar
    ib.uren_belastbaarheid_participatie = uren_belastbaarheid
    ib.save(update_fields=["uren_belastbaarheid_participatie"])
    services.zroute_bijwerken(traject)


def test_partial_ontheffing_sets_the_participation_norm(zroute, adviseur_weert):
    uren(zroute, adviseur_weert, soort="taal", gevolgd="300")  # course on track
    uren(zroute, adviseur_weert, soort="participatie", gevolgd="20")
    assert Zroute.objects.get().achter_vanaf is not None  # 20 of 800: behind
    _ontheffing(zroute, 0)  # cannot take part at all
    z = Zroute.objects.get()
    assert z.norm_participatie == 0
    assert z.achter_vanaf is None or z.achter_vanaf > date(2027, 8, 1)  # only the course
    _ontheffing(zroute, 200)
    assert Zroute.objects.get().norm_participatie == 200
    _ontheffing(zroute, 2000)  # a ceiling on the burden, never more than the standard
    assert Zroute.objects.get().norm_participatie == 800


def test_completion_without_participation_when_duo_says_zero(zroute, adviseur_weert):
    _ontheffing(zroute, 0)
    uren(zroute, adviseur_weert, soort="taal", gevolgd="800", gepland="800")
    _eindgesprek(zroute, adviseur_weert)
    meldingen.meld_pvt(zroute, date(2027, 5, 20))
    meldingen.meld_map(zroute, date(2027, 5, 20))
    Bericht.objects.filter(soort__in=("map", "pvt")).update(status=Bericht.Status.AFGELEVERD)
    z = services.meld_zroute_afgerond(zroute, adviseur_weert, date(2027, 5, 25))
    assert z.afgerond_op == date(2027, 5, 25)


def test_pvt_and_map_activities_recalculate_the_zroute(zroute, adviseur_weert):
    from koers.modules import services as modules

    uren(zroute, adviseur_weert, soort="taal", gevolgd="800")  # participation decides
    uren(zroute, adviseur_weert, soort="participatie", gevolgd="100")
    voor = Zroute.objects.get()
    modules.voeg_activiteit_toe(
        zroute,
        adviseur_weert,
        {
            "module": "pvt",
            "datum": date(2027, 5, 1),
            "uren": D(6),
            "soort": "workshop",
            "omschrijving": "Workshop",
            "kernwaarden": [],
        },
    )
    na = Zroute.objects.get()
    assert (na.participatie_uren, na.participatie_modules) == (D(106), D(6))
    assert na.achter_vanaf > voor.achter_vanaf  # the plan moved with the hours
    activiteit = zroute.module_activiteiten.get()
    modules.verwijder_activiteit(activiteit, adviseur_weert)
    assert Zroute.objects.get().participatie_uren == D(100)


def test_begeleiding_and_partner_hours_count_as_participation(zroute, adviseur_weert):
    from koers.begeleiding.models import DuaalTraject
    from koers.organisaties.models import Organisatie
    from koers.partners.models import Verwijzing, Voortgang

    partner = Organisatie.objects.create(naam="Vluchtelingenwerk")
    for taak, uren_partner in (
        ("maatschappelijke_begeleiding", "12.5"),
        ("begeleiding_naar_werk", "7"),
        ("map", "50"),
    ):
        verwijzing = Verwijzing.objects.create(traject=zroute, organisatie=partner, taak=taak)
        Voortgang.objects.create(
            verwijzing=verwijzing, datum=date(2027, 5, 1), uren=D(uren_partner)
        )
    DuaalTraject.objects.create(
        traject=zroute,
        werkgever="Bakkerij",
        start=date(2027, 1, 1),
        uren_per_week=8,
        uren_gewerkt=30,
    )
    # MAP referral hours are left out: the MAP's hours are its activities in koers.modules.
    assert services.participatie_uren_extern([zroute.pk]) == {zroute.pk: D("49.5")}
    services.zroute_bijwerken(zroute)
    assert Zroute.objects.get().participatie_uren == D("49.5")
    assert services.duo_uren(zroute).participatieactiviteiten == 49
