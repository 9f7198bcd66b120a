"""What the handlers fetch besides plicht and doelgroep when a case opens or changes: DUO's
doelgroep with its history, the partial ontheffing, DUO's current PIP, exam results with the
free attempts, and the LBT examennummer. DUO's errors on these (404, 500, a timeout, an
answer outside the contract) never keep a case from opening: Koers keeps what it has and
notes what is missing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import httpx
import pytest

from koers.duo import herstel, spec, worker
from koers.inburgeraars.models import Doelgroepperiode, Inburgeraar
from koers.leerroute.models import Examenresultaat
from koers.pip.models import DuoPip
from tests.duo.keten_hulp import notificatie, standaard
from tests.duo.nep_duo import NepDuo
from tests.factories import valid_bsn

ASIEL, GEZIN = "Asielstatushouder", "Gezinsmigrant en overige migrant"
HISTORIE = [
    {"indeling": GEZIN, "begindatum": "2025-01-01", "einddatum": "2026-04-30"},
    {"indeling": ASIEL, "begindatum": "2026-05-01"},
]
ONTHEFFING_400 = [
    {
        "GedeeltelijkeOntheffing": {
            "oordeel": "Toekenning",
            "datumOordeel": "2026-08-01",
            "grond": "MED",
            "urenBelastbaarheidParticipatieactiviteit": 400,
        }
    }
]
POGINGEN = [
    {"onderdeel": "SP", "gratisPogingenTegoed": 2},
    {"onderdeel": "LE", "gratisPogingenTegoed": 1},
]


@dataclass
class TraagDuo(NepDuo):
    """NepDuo that does not answer (a read timeout) for the operations in ``traag``."""

    traag: set = field(default_factory=set)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        operatie, _ = spec.find_operation(request.method, request.url.path.removeprefix("/v1"))
        if operatie.operation_id in self.traag:
            raise httpx.ReadTimeout("DUO antwoordt niet", request=request)
        return super().__call__(request)


@pytest.fixture
def nep():
    duo = standaard(TraagDuo())
    duo.zet("getDoelgroephistorieByBsn", (200, HISTORIE))
    duo.zet("getGratisPogingenTegoedByBsn", (200, POGINGEN))
    duo.zet("getExamennummerByBsn", (200, {"examennummer": "LBT000000077"}))
    return duo


def verwerk(nep, weert, gid, bsn):
    n = notificatie(weert, gid, bsn)
    worker.verwerk_notificaties(client=nep.client())
    n.refresh_from_db()
    return n


def persoon(bsn) -> Inburgeraar:
    return Inburgeraar.objects.select_related("huidig_traject").get(bsn=bsn)


def duo_regels(traject) -> list[str]:
    return list(traject.gebeurtenissen.filter(soort="duo").values_list("omschrijving", flat=True))


# -- doelgroep and its history ---------------------------------------------------------------


def test_indeling_en_historie_van_duo_winnen(weert, nep):
    # DUO keeps asylum rights for a gezinsvormer: Koers' own derivation would say "gezin".
    nep.zet(
        "getDoelgroepByBsn",
        (
            200,
            {
                "indeling": ASIEL,
                "begindatum": "2026-05-01",
                "gedetailleerdeDoelgroep": "Gezinsvormer",
                "asielrechtenWijzigingVerblijfsdoel": "Behoud asielrechten",
            },
        ),
    )
    bsn = valid_bsn(301)
    assert verwerk(nep, weert, "SS101", bsn).status == "verwerkt"
    p = persoon(bsn)
    assert (p.doelgroep, p.doelgroepindeling, p.doelgroepindeling_van_duo) == (
        "Gezinsvormer",
        ASIEL,
        True,
    )
    assert p.asielrechten_wijziging_verblijfsdoel == "Behoud asielrechten"
    assert list(p.doelgroepperioden.values_list("indeling", "begindatum", "einddatum")) == [
        (GEZIN, date(2025, 1, 1), date(2026, 4, 30)),
        (ASIEL, date(2026, 5, 1), None),
    ]


@pytest.mark.parametrize("fout", ["500", "timeout"])
def test_historie_die_niet_komt_houdt_het_traject_niet_tegen(weert, nep, fout):
    bsn = valid_bsn(302)
    assert verwerk(nep, weert, "SS101", bsn).status == "verwerkt"
    if fout == "500":
        nep.zet("getDoelgroephistorieByBsn", (500, None))
    else:
        nep.traag.add("getDoelgroephistorieByBsn")
    n = verwerk(nep, weert, "SS124", bsn)
    assert n.status == "verwerkt", n.fout
    p = persoon(bsn)
    assert p.doelgroepperioden.count() == 2  # kept, not wiped
    assert any("getDoelgroephistorieByBsn" in r for r in duo_regels(p.huidig_traject))


def test_geen_historie_bij_duo_404_laat_de_perioden_staan(weert, nep):
    nep.zet("getDoelgroephistorieByBsn", (404, None))
    bsn = valid_bsn(303)
    assert verwerk(nep, weert, "SS101", bsn).status == "verwerkt"
    assert not Doelgroepperiode.objects.filter(inburgeraar__bsn=bsn).exists()
    assert persoon(bsn).doelgroepindeling_van_duo


# -- partial ontheffing ----------------------------------------------------------------------


def test_ontheffing_met_uren_wordt_bewaard(weert, nep):
    nep.zet("getOntheffingenByBsn", (200, ONTHEFFING_400))
    bsn = valid_bsn(304)
    verwerk(nep, weert, "SS101", bsn)
    assert persoon(bsn).uren_belastbaarheid_participatie == 400


def test_ontheffing_500_laat_de_uren_staan_404_haalt_ze_weg(weert, nep):
    nep.zet("getOntheffingenByBsn", (200, ONTHEFFING_400))
    bsn = valid_bsn(305)
    verwerk(nep, weert, "SS101", bsn)
    nep.zet("getOntheffingenByBsn", (500, None))
    assert verwerk(nep, weert, "SS120", bsn).status == "verwerkt"
    assert persoon(bsn).uren_belastbaarheid_participatie == 400
    nep.zet("getOntheffingenByBsn", (404, None))  # DUO: no ontheffingen (any more)
    assert verwerk(nep, weert, "SS120", bsn).status == "verwerkt"
    assert persoon(bsn).uren_belastbaarheid_participatie is None


# -- DUO's current PIP (verhuizing) ----------------------------------------------------------


def test_pip_van_de_vorige_gemeente_wordt_bewaard(weert, nep):
    bsn = valid_bsn(306)
    verwerk(nep, weert, "SS101", bsn)
    duo_pip = DuoPip.objects.get(traject=persoon(bsn).huidig_traject)
    assert (duo_pip.gemeentecode, duo_pip.dagtekening, duo_pip.leerroute, duo_pip.niveau) == (
        "0946",
        date(2026, 7, 1),
        "B",
        "B1",
    )


def test_pip_timeout_opent_het_traject_toch(weert, nep):
    nep.traag.add("getPipByBsn")
    bsn = valid_bsn(307)
    n = verwerk(nep, weert, "SS101", bsn)
    assert n.status == "verwerkt", n.fout
    traject = persoon(bsn).huidig_traject
    assert traject.is_open and not DuoPip.objects.filter(traject=traject).exists()
    assert any("getPipByBsn" in r and "later opnieuw" in r for r in duo_regels(traject))


def test_ss121_wacht_wel_op_het_pip(weert, nep):
    # A move WITH a PIP: the earlier PIP decides the PIP rules, so the notification is
    # retried rather than opening a case that would look like a first PIP.
    nep.zet("getPipByBsn", (500, None))
    n = verwerk(nep, weert, "SS121", valid_bsn(308))
    assert n.status != "verwerkt"
    assert not Inburgeraar.objects.filter(bsn=valid_bsn(308)).exists()


# -- exams and free attempts -----------------------------------------------------------------


def test_ss199_bewaart_uitslagen_en_gratis_pogingen(traject_weert, nep):
    n = verwerk(nep, traject_weert.gemeente, "SS199", traject_weert.inburgeraar.bsn)
    assert n.status == "verwerkt", n.fout
    rij = Examenresultaat.objects.get(traject=traject_weert)
    assert (rij.onderdeel, rij.niveau, rij.resultaat, rij.bron) == ("KNM", "B1", "Geslaagd", "duo")
    traject_weert.inburgeraar.refresh_from_db()
    assert traject_weert.inburgeraar.gratis_examenpogingen == [
        {"onderdeel": "LE", "gratisPogingenTegoed": 1},
        {"onderdeel": "SP", "gratisPogingenTegoed": 2},
    ]


def test_gratis_pogingen_timeout_houdt_de_uitslagen_niet_tegen(traject_weert, nep):
    nep.traag.add("getGratisPogingenTegoedByBsn")
    n = verwerk(nep, traject_weert.gemeente, "SS199", traject_weert.inburgeraar.bsn)
    assert n.status == "verwerkt", n.fout
    assert Examenresultaat.objects.filter(traject=traject_weert).count() == 1
    traject_weert.inburgeraar.refresh_from_db()
    assert traject_weert.inburgeraar.gratis_examenpogingen == []


# -- leerbaarheidstoets ----------------------------------------------------------------------


def test_ss137_bewaart_het_examennummer(traject_weert, nep):
    verwerk(nep, traject_weert.gemeente, "SS137", traject_weert.inburgeraar.bsn)
    traject_weert.refresh_from_db()
    assert traject_weert.lbt_examennummer == "LBT000000077"


@pytest.mark.parametrize("antwoord", [(404, None), (500, None), "timeout"])
def test_ss137_zonder_examennummer_gaat_door(traject_weert, nep, antwoord):
    traject_weert.lbt_examennummer = "LBT000000001"
    traject_weert.save(update_fields=["lbt_examennummer"])
    if antwoord == "timeout":
        nep.traag.add("getExamennummerByBsn")
    else:
        nep.zet("getExamennummerByBsn", antwoord)
    n = verwerk(nep, traject_weert.gemeente, "SS137", traject_weert.inburgeraar.bsn)
    assert n.status == "verwerkt", n.fout
    traject_weert.refresh_from_db()
    assert traject_weert.lbt_examennummer == "LBT000000001"  # not wiped by a failure
    assert any("leerbaarheidstoets" in r for r in duo_regels(traject_weert))


# -- everything failing at once --------------------------------------------------------------


def test_alle_aanvullingen_falen_en_het_traject_opent_toch(weert, nep):
    nep.traag.update({"getDoelgroephistorieByBsn", "getOntheffingenByBsn", "getPipByBsn"})
    nep.zet("getGratisPogingenTegoedByBsn", (503, None))
    nep.zet("getExamennummerByBsn", (500, None))
    bsn = valid_bsn(309)
    n = verwerk(nep, weert, "SS101", bsn)
    assert n.status == "verwerkt", n.fout
    p = persoon(bsn)
    assert p.huidig_traject.is_open and p.doelgroepindeling == ASIEL
    [regel] = [r for r in duo_regels(p.huidig_traject) if "later opnieuw" in r]
    for operatie in (
        "getDoelgroephistorieByBsn",
        "getOntheffingenByBsn",
        "getPipByBsn",
        "getGratisPogingenTegoedByBsn",
        "getExamennummerByBsn",
    ):
        assert operatie in regel


def test_plicht_zelf_blijft_nodig(weert, nep):
    nep.zet("getInburgeringsplichtByBsn", (500, None))
    n = verwerk(nep, weert, "SS101", valid_bsn(310))
    assert n.status != "verwerkt"
    assert not Inburgeraar.objects.filter(bsn=valid_bsn(310)).exists()


# -- herstel (the periodic check) ------------------------------------------------------------


def test_herstel_gaat_door_als_historie_of_ontheffing_faalt(traject_weert, nep):
    traject_weert.inburgeraar.uren_belastbaarheid_participatie = 0
    traject_weert.inburgeraar.save(update_fields=["uren_belastbaarheid_participatie"])
    nep.zet("getDoelgroephistorieByBsn", (500, None))
    nep.traag.add("getOntheffingenByBsn")
    nep.zet(
        "getInburgeringstermijnByBsn",
        (200, {"startdatum": "2026-06-01", "einddatum": "2029-12-01"}),
    )
    assert herstel.herstel(client=nep.client(), limiet=5) == 1
    traject_weert.refresh_from_db()
    assert traject_weert.termijn_eind == date(2029, 12, 1)  # the rest of the check ran
    assert traject_weert.duo_gecontroleerd_op is not None  # the next run moves on
    traject_weert.inburgeraar.refresh_from_db()
    assert traject_weert.inburgeraar.uren_belastbaarheid_participatie == 0  # kept


def test_weigering_van_een_aanvulling_zegt_dat_opnieuw_vragen_niet_helpt(weert, nep):
    nep.zet("getPipByBsn", (403, [{"fouttekst": "Deze persoon hoort niet bij uw gemeente."}]))
    bsn = valid_bsn(318)
    n = verwerk(nep, weert, "SS101", bsn)
    assert n.status == "verwerkt", n.fout  # an aanvulling never keeps the case from opening
    regels = duo_regels(persoon(bsn).huidig_traject)
    [regel] = [r for r in regels if "getPipByBsn" in r]
    assert "Deze persoon hoort niet bij uw gemeente." in regel
    assert "helpt niet" in regel and "later opnieuw" not in regel
