"""Rules of the brede intake (Wi2021 art. 14, Bi art. 2.2-2.5; Positieve Gezondheid 0-10;
DUO LBT results; shared/DOMAIN.md)."""

import copy

import pytest

from koers.intake import rules
from tests.intake.gegevens import DOMAIN_DIMENSIES, DOMAIN_ONDERWERPEN, volledige_intake


def _ontbrekend(data):
    return rules.ontbrekend(
        data["onderwerpen"],
        data["positieve_gezondheid"],
        lbt_uitslag=data["lbt_uitslag"],
        plaats=data["plaats"],
        vve_informatie_gegeven=data["vve_informatie_gegeven"],
        gesprek_zonder_partner_aangeboden=data["gesprek_zonder_partner_aangeboden"],
    )


def test_onderwerpen_en_dimensies_volgen_domain_md():
    assert rules.ONDERWERP_SLEUTELS == DOMAIN_ONDERWERPEN
    assert rules.DIMENSIE_SLEUTELS == DOMAIN_DIMENSIES
    assert [o.sleutel for o in rules.ONDERWERPEN if o.bijzonder] == ["gezondheid"]


def test_lege_intake_mist_alles():
    missing = rules.ontbrekend(
        {},
        {},
        lbt_uitslag="",
        plaats="",
        vve_informatie_gegeven=False,
        gesprek_zonder_partner_aangeboden=False,
    )
    verwacht = {f"onderwerpen.{s}.toelichting" for s in DOMAIN_ONDERWERPEN}
    verwacht |= {
        f"onderwerpen.{o.sleutel}.{v.naam}"
        for o in rules.ONDERWERPEN
        for v in o.velden
        if v.verplicht
    }
    verwacht |= {f"positieve_gezondheid.{d}.score" for d in DOMAIN_DIMENSIES}
    verwacht |= {"lbt_uitslag", "plaats", "gesprek_zonder_partner_aangeboden"}
    assert set(missing) == verwacht
    # No children recorded: the VVE duty does not apply.
    assert "vve_informatie_gegeven" not in missing
    assert all(isinstance(t, str) and t for t in missing.values())


def test_volledige_intake_mist_niets():
    assert _ontbrekend(volledige_intake()) == {}


@pytest.mark.parametrize(
    ("kinderen_onder_6", "vve", "vve_nodig"),
    [
        pytest.param(0, False, False, id="no-young-children"),
        pytest.param(1, False, True, id="young-child-no-vve-info"),
        pytest.param(3, True, False, id="young-children-vve-info-given"),
    ],
)
def test_vve_informatie_alleen_bij_kinderen_onder_6(kinderen_onder_6, vve, vve_nodig):
    data = volledige_intake(vve_informatie_gegeven=vve)
    data["onderwerpen"]["gezinssituatie"]["kinderen_onder_6"] = kinderen_onder_6
    missing = _ontbrekend(data)
    assert ("vve_informatie_gegeven" in missing) is vve_nodig
    assert set(missing) <= {"vve_informatie_gegeven"}


@pytest.mark.parametrize(
    ("wijziging", "sleutel"),
    [
        pytest.param(
            lambda d: d["onderwerpen"]["sociaal_netwerk"].update(toelichting="  "),
            "onderwerpen.sociaal_netwerk.toelichting",
            id="blank-explanation",
        ),
        pytest.param(
            lambda d: d["onderwerpen"]["gezondheid"].pop("toelichting"),
            "onderwerpen.gezondheid.toelichting",
            id="health-explanation-missing",
        ),
        pytest.param(
            lambda d: d["onderwerpen"]["opleiding"].pop("hoogste_niveau"),
            "onderwerpen.opleiding.hoogste_niveau",
            id="required-field-missing",
        ),
        pytest.param(
            lambda d: d["positieve_gezondheid"]["zingeving"].update(score=None),
            "positieve_gezondheid.zingeving.score",
            id="score-missing",
        ),
        pytest.param(lambda d: d.update(lbt_uitslag=""), "lbt_uitslag", id="lbt-missing"),
        pytest.param(lambda d: d.update(plaats=""), "plaats", id="place-missing"),
        pytest.param(
            lambda d: d.update(gesprek_zonder_partner_aangeboden=False),
            "gesprek_zonder_partner_aangeboden",
            id="partner-offer-not-confirmed",
        ),
    ],
)
def test_een_ontbrekend_onderdeel_wordt_precies_genoemd(wijziging, sleutel):
    data = copy.deepcopy(volledige_intake())
    wijziging(data)
    assert list(_ontbrekend(data)) == [sleutel]


def test_heel_onderwerp_ontbreekt_noemt_toelichting_en_verplichte_velden():
    data = volledige_intake()
    del data["onderwerpen"]["gezondheid"]
    assert set(_ontbrekend(data)) == {
        "onderwerpen.gezondheid.toelichting",
        "onderwerpen.gezondheid.belemmeringen",
    }


def test_nee_en_nul_zijn_antwoorden():
    data = volledige_intake()
    data["onderwerpen"]["gezondheid"]["belemmeringen"] = False
    data["onderwerpen"]["gezinssituatie"].update(aantal_kinderen=0, kinderen_onder_6=0)
    data["onderwerpen"]["werkervaring"]["jaren_werkervaring"] = 0
    data["positieve_gezondheid"]["meedoen"]["score"] = 0
    data["lbt_uitslag"] = "Onbekend"
    assert _ontbrekend(data) == {}


OPLEIDING = rules.ONDERWERPEN_BY_KEY["opleiding"]
GEZIN = rules.ONDERWERPEN_BY_KEY["gezinssituatie"]
GEZONDHEID = rules.ONDERWERPEN_BY_KEY["gezondheid"]
DIGITAAL = rules.ONDERWERPEN_BY_KEY["digitale_vaardigheden"]


@pytest.mark.parametrize(
    ("onderwerp", "waarden", "fout_velden"),
    [
        pytest.param(
            OPLEIDING,
            {"hoogste_niveau": "hbo", "jaren_onderwijs": 16, "diploma_in_bezit": True},
            set(),
            id="valid",
        ),
        pytest.param(OPLEIDING, {}, set(), id="empty-draft-is-no-error"),
        pytest.param(
            OPLEIDING,
            {"hoogste_niveau": "", "jaren_onderwijs": None},
            set(),
            id="blank-values-no-error",
        ),
        pytest.param(
            OPLEIDING, {"hoogste_niveau": "promotie"}, {"hoogste_niveau"}, id="unknown-choice"
        ),
        pytest.param(
            OPLEIDING, {"jaren_onderwijs": "12"}, {"jaren_onderwijs"}, id="number-as-string"
        ),
        pytest.param(OPLEIDING, {"jaren_onderwijs": 12.5}, {"jaren_onderwijs"}, id="float"),
        pytest.param(OPLEIDING, {"jaren_onderwijs": True}, {"jaren_onderwijs"}, id="bool-number"),
        pytest.param(OPLEIDING, {"jaren_onderwijs": -1}, {"jaren_onderwijs"}, id="below-min"),
        pytest.param(OPLEIDING, {"jaren_onderwijs": 0}, set(), id="min"),
        pytest.param(OPLEIDING, {"jaren_onderwijs": 30}, set(), id="max"),
        pytest.param(OPLEIDING, {"jaren_onderwijs": 31}, {"jaren_onderwijs"}, id="above-max"),
        pytest.param(
            OPLEIDING, {"diploma_in_bezit": "ja"}, {"diploma_in_bezit"}, id="yes-no-as-string"
        ),
        pytest.param(GEZIN, {"kinderen_onder_6": 21}, {"kinderen_onder_6"}, id="children-max"),
        pytest.param(GEZONDHEID, {"belemmeringen": 1}, {"belemmeringen"}, id="yes-no-as-int"),
        pytest.param(DIGITAAL, {"niveau": 3}, set(), id="choice-as-int-matches"),
        pytest.param(DIGITAAL, {"niveau": "4"}, {"niveau"}, id="choice-out-of-scale"),
    ],
)
def test_veld_fouten(onderwerp, waarden, fout_velden):
    assert set(rules.veld_fouten(onderwerp, waarden)) == fout_velden


@pytest.mark.parametrize(
    ("score", "fout"),
    [
        pytest.param(None, False, id="none"),
        pytest.param("", False, id="empty"),
        pytest.param(0, False, id="zero"),
        pytest.param(10, False, id="ten"),
        pytest.param(-1, True, id="negative"),
        pytest.param(11, True, id="eleven"),
        pytest.param(5.5, True, id="float"),
        pytest.param("7", True, id="string"),
        pytest.param(True, True, id="bool"),
    ],
)
def test_score_fout(score, fout):
    assert (rules.score_fout(score) is not None) is fout


@pytest.mark.parametrize(
    ("uitslag", "score", "fout_velden"),
    [
        pytest.param("B1-route haalbaar", 28, set(), id="haalbaar"),
        pytest.param("B1-route niet haalbaar", 12, set(), id="niet-haalbaar"),
        pytest.param("Onbekend", None, set(), id="onbekend"),
        pytest.param("", None, set(), id="not-yet"),
        pytest.param("Geslaagd", None, {"lbt_uitslag"}, id="unknown-result"),
        pytest.param("Onbekend", 0, set(), id="score-zero"),
        pytest.param("Onbekend", 40, set(), id="score-max"),
        pytest.param("Onbekend", 41, {"lbt_score"}, id="score-above-max"),
        pytest.param("Onbekend", -1, {"lbt_score"}, id="score-negative"),
        pytest.param("Onbekend", "30", {"lbt_score"}, id="score-string"),
        pytest.param("Onbekend", True, {"lbt_score"}, id="score-bool"),
    ],
)
def test_lbt_fouten(uitslag, score, fout_velden):
    assert set(rules.lbt_fouten(uitslag, score)) == fout_velden
