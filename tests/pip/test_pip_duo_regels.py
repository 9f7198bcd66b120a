"""The rules DUO applies to a PIP report (shared/duo-m2m/RULES.md, "Business rules DUO applies
to reports — PIP") and the 18-month leerroute change limit (DOMAIN.md, Wi2021 art. 16)."""

from dataclasses import replace
from datetime import date

import pytest

from koers.inburgeraars.rules import doelgroepindeling
from koers.pip.rules import (
    PipContext,
    PipVoorstel,
    inhoud_fouten,
    leerroute_wijziging_fouten,
    niveau_voor_duo,
    pip_duo_fouten,
    pip_fouten,
    pip_invoer_fouten,
)

START_PLICHT = date(2026, 6, 1)
VESTIGING = date(2026, 7, 1)
VANDAAG = date(2026, 10, 15)

EERSTE = PipContext(
    doelgroep="Asielstatushouder",
    datum_start_plicht=START_PLICHT,
    vestigingsdatum=VESTIGING,
    vandaag=VANDAAG,
)
# A later PIP: the first was dated 1 Aug 2026 (termijn from 2 Aug), the current one 1 Sep.
LATER = replace(
    EERSTE,
    eerste_pip_dagtekening=date(2026, 8, 1),
    huidige_pip_dagtekening=date(2026, 9, 1),
    huidige_leerroute="B",
    termijn_start=date(2026, 8, 2),
)


def pip(**kw):
    return PipVoorstel(**{"dagtekening": date(2026, 10, 1), "leerroute": "B", **kw})


def test_geldig_eerste_pip_heeft_geen_fouten():
    assert pip_fouten(pip(), EERSTE) == {}


@pytest.mark.parametrize(
    ("dagtekening", "ctx", "fout"),
    [
        pytest.param(
            date(2026, 5, 31),
            EERSTE,
            "start van de inburgeringsplicht",
            id="day-before-start-plicht",
        ),
        pytest.param(date(2026, 6, 30), EERSTE, "vestiging", id="day-before-vestiging"),
        pytest.param(VESTIGING, EERSTE, None, id="on-vestiging-day"),
        pytest.param(date(2026, 7, 31), LATER, "eerste PIP", id="changed-pip-before-first-pip"),
        pytest.param(date(2026, 8, 31), LATER, "huidige PIP", id="changed-pip-before-current-pip"),
        pytest.param(date(2026, 9, 1), LATER, None, id="changed-pip-same-day-as-current"),
        pytest.param(VANDAAG, EERSTE, None, id="today"),
        pytest.param(date(2026, 10, 16), EERSTE, "toekomst", id="tomorrow"),
    ],
)
def test_dagtekening(dagtekening, ctx, fout):
    fouten = pip_fouten(pip(dagtekening=dagtekening), ctx)
    if fout is None:
        assert "dagtekening" not in fouten
    else:
        assert fout in fouten["dagtekening"]


@pytest.mark.parametrize(
    ("leerroute", "niveau", "ctx", "toegestaan"),
    [
        pytest.param("O", "A2", EERSTE, False, id="A2-onderwijsroute"),
        pytest.param("O", "A2", LATER, False, id="A2-onderwijsroute-later-pip"),
        pytest.param("O", "B1", EERSTE, True, id="B1-onderwijsroute"),
        pytest.param("Z", "B1", EERSTE, False, id="B1-zroute"),
        pytest.param("Z", "A2", EERSTE, True, id="A2-zroute"),
        pytest.param("Z", None, EERSTE, True, id="no-niveau-zroute"),
        pytest.param("B", "B1", EERSTE, True, id="B1-b1route"),
        pytest.param("B", "A2", EERSTE, False, id="A2-b1route-first-pip"),
        pytest.param("B", "A2", LATER, True, id="A2-b1route-later-pip"),
        pytest.param("B", "C1", EERSTE, False, id="unknown-niveau"),
    ],
)
def test_niveau_bij_leerroute(leerroute, niveau, ctx, toegestaan):
    fouten = pip_fouten(pip(leerroute=leerroute, niveau=niveau), ctx)
    assert ("niveau" not in fouten) is toegestaan, fouten


@pytest.mark.parametrize(
    ("doelgroep", "leerroute", "uren", "toegestaan"),
    [
        pytest.param("Asielstatushouder", "B", 600, True, id="asiel-b1route"),
        pytest.param(
            "Gezinshereniger met Asielstatushouder", "B", 600, True, id="gezinshereniger-met-asiel"
        ),
        pytest.param(
            "Gezinsvormer met Asielstatushouder", "B", 600, True, id="gezinsvormer-met-asiel"
        ),
        pytest.param("Gezinshereniger", "B", 600, False, id="gezinsmigrant"),
        pytest.param("Overig", "B", 600, False, id="overig"),
        pytest.param("Asielstatushouder", "O", 600, False, id="onderwijsroute"),
        pytest.param("Asielstatushouder", "Z", 600, False, id="zroute"),
        pytest.param("Asielstatushouder", "B", 1, True, id="min-1"),
        pytest.param("Asielstatushouder", "B", 9999, True, id="max-9999"),
        pytest.param("Asielstatushouder", "B", 0, False, id="zero"),
        pytest.param("Asielstatushouder", "B", 10000, False, id="above-max"),
        pytest.param("Gezinshereniger", "Z", None, True, id="absent-always-fine"),
    ],
)
def test_geschatte_intensiteit(doelgroep, leerroute, uren, toegestaan):
    ctx = replace(EERSTE, doelgroep=doelgroepindeling(doelgroep).value)
    fouten = pip_fouten(pip(leerroute=leerroute, geschatte_intensiteit_b1_route=uren), ctx)
    assert ("geschatte_intensiteit_b1_route" not in fouten) is toegestaan, fouten


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [
        pytest.param("leerroute", "X", id="unknown-leerroute"),
        pytest.param("alfabetisering", "B", id="unknown-alfabetisering"),
    ],
)
def test_onbekende_waarden(veld, waarde):
    assert veld in pip_fouten(pip(**{veld: waarde}), EERSTE)


@pytest.mark.parametrize("alfa", ["A", "AA", "NVT", None])
def test_alfabetisering_waarden_van_duo(alfa):
    assert pip_fouten(pip(alfabetisering=alfa), EERSTE) == {}


# Termijn started 2 Aug 2026; 18 months later is 2 Feb 2028.
@pytest.mark.parametrize(
    ("vandaag", "leerroute", "toegestaan"),
    [
        pytest.param(date(2027, 6, 1), "Z", True, id="change-within-18-months"),
        pytest.param(date(2028, 2, 1), "Z", True, id="change-day-before-18-months"),
        pytest.param(date(2028, 2, 2), "Z", True, id="change-on-18-month-day"),
        pytest.param(date(2028, 2, 3), "Z", False, id="change-day-after-18-months"),
        pytest.param(date(2029, 1, 1), "Z", False, id="change-long-after"),
        pytest.param(date(2029, 1, 1), "B", True, id="same-leerroute-after-18-months"),
    ],
)
def test_leerroute_wijzigen_binnen_18_maanden(vandaag, leerroute, toegestaan):
    ctx = replace(LATER, vandaag=vandaag)
    fouten = pip_fouten(pip(leerroute=leerroute, dagtekening=vandaag), ctx)
    assert ("leerroute" not in fouten) is toegestaan, fouten


@pytest.mark.parametrize(
    ("leerroute", "niveau", "verwacht"),
    [
        ("B", None, "B1"),
        ("B", "", "B1"),
        ("O", None, "B1"),
        ("Z", None, None),
        ("B", "A2", "A2"),
        ("Z", "A2", "A2"),
        ("O", "B1", "B1"),
    ],
)
def test_niveau_voor_duo(leerroute, niveau, verwacht):
    assert niveau_voor_duo(leerroute, niveau) == verwacht


@pytest.mark.parametrize(
    ("kw", "fout_velden"),
    [
        pytest.param({}, set(), id="valid"),
        pytest.param({"ontzorgen": True}, set(), id="ontzorgen-asiel"),
        # Art. 56a Participatiewet: a regular permit is outside the law's group ...
        pytest.param(
            {"ontzorgen": True, "doelgroep": "Gezinsvormer met Asielstatushouder"},
            {"ontzorgen"},
            id="ontzorgen-gezinsvormer-met-asiel-wet",
        ),
        # ... unless the gemeente chose the wider group (P).
        pytest.param(
            {
                "ontzorgen": True,
                "doelgroep": "Gezinsvormer met Asielstatushouder",
                "ontzorgen_groep": "asielmigranten",
            },
            set(),
            id="ontzorgen-gezinsvormer-met-asiel-ruimer",
        ),
        # DUO's indeling decides the wider group: a holder given a gezinsmigrant's rights keeps
        # the permit (art. 56a), a gezinsvormer kept in asylum rights joins the wider group.
        pytest.param(
            {"ontzorgen": True, "indeling": "Gezinsmigrant en overige migrant"},
            set(),
            id="ontzorgen-asielvergunning-met-gezinsrechten",
        ),
        pytest.param(
            {
                "ontzorgen": True,
                "doelgroep": "Gezinsvormer",
                "indeling": "Asielstatushouder",
                "ontzorgen_groep": "asielmigranten",
            },
            set(),
            id="ontzorgen-gezinsvormer-asielrechten-ruimer",
        ),
        pytest.param(
            {"ontzorgen": True, "doelgroep": "Gezinsvormer"},
            {"ontzorgen"},
            id="ontzorgen-gezinsmigrant",
        ),
        pytest.param(
            {"ontzorgen": True, "doelgroep": "Gezinsvormer", "ontzorgen_groep": "asielmigranten"},
            {"ontzorgen"},
            id="ontzorgen-gezinsmigrant-ruimer",
        ),
        pytest.param(
            {"ontzorgen": True, "doelgroep": "Geestelijk bedienaar"},
            {"ontzorgen"},
            id="ontzorgen-geestelijk-bedienaar",
        ),
        pytest.param({"leerroute": "O", "map_uren": 40}, {"map_uren"}, id="map-in-onderwijsroute"),
        pytest.param({"leerroute": "O", "map_uren": None}, set(), id="onderwijsroute-without-map"),
        pytest.param({"leerroute": "Z", "map_uren": 40}, set(), id="map-in-zroute"),
        pytest.param({"pvt_uren": 11}, {"pvt_uren"}, id="pvt-11-hours"),
        pytest.param({"pvt_uren": 12}, set(), id="pvt-12-hours"),
        pytest.param({"pvt_uren": None}, set(), id="pvt-not-yet-planned"),
    ],
)
def test_inhoud_fouten(kw, fout_velden):
    """``doelgroep`` is DUO's detailed doelgroep; ``indeling`` DUO's indeling (derived when
    not given)."""
    args = {
        "doelgroep": "Asielstatushouder",
        "leerroute": "B",
        "ontzorgen": False,
        "map_uren": 40,
        "pvt_uren": 16,
        **kw,
    }
    detail = args.pop("doelgroep")
    indeling = args.pop("indeling", None) or doelgroepindeling(detail).value
    assert (
        set(inhoud_fouten(gedetailleerde_doelgroep=detail, doelgroep=indeling, **args))
        == fout_velden
    )


@pytest.mark.parametrize(
    ("dagtekening", "fout"), [(date(2026, 8, 1), False), (date(2026, 8, 2), True)]
)
def test_dagtekening_in_de_toekomst_is_een_invoerfout_van_koers(dagtekening, fout):
    """Koers' own input check, not DUO's: DUO's rules alone accept the future date."""
    ctx = replace(EERSTE, vandaag=date(2026, 8, 1))
    voorstel = pip(dagtekening=dagtekening)
    assert ("dagtekening" in pip_invoer_fouten(voorstel, ctx.vandaag)) is fout
    assert ("dagtekening" in pip_fouten(voorstel, ctx)) is fout
    assert "dagtekening" not in pip_duo_fouten(voorstel, ctx)


def test_leerroute_wijziging_is_geen_duo_regel():
    ctx = replace(LATER, vandaag=date(2029, 1, 1))
    voorstel = pip(leerroute="Z", dagtekening=date(2029, 1, 1))
    assert "leerroute" in leerroute_wijziging_fouten(voorstel, ctx)
    assert "leerroute" not in pip_duo_fouten(voorstel, ctx)
