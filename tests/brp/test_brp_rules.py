"""The BRP rules (koers.brp.rules), table-driven: dates, names, address, markers and the
situation of a person for a case of Weert."""

import datetime as dt

import pytest

from koers.brp import rules
from koers.brp.rules import Situatie

WEERT = "0988"


def _datum(iso):
    return {"type": "Datum", "datum": iso, "langFormaat": "x"}


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        (_datum("1990-05-17"), dt.date(1990, 5, 17)),
        ({"type": "JaarDatum", "jaar": 1990, "langFormaat": "1990"}, None),
        ({"type": "DatumOnbekend", "onbekend": True, "langFormaat": "onbekend"}, None),
        ({"type": "Datum", "datum": "1990-13-01", "langFormaat": "x"}, None),
        (None, None),
        ("1990-05-17", None),
    ],
)
def test_datum_leest_alleen_een_volledige_datum(waarde, verwacht):
    assert rules.datum(waarde) == verwacht


@pytest.mark.parametrize(
    ("persoon", "verwacht"),
    [
        (
            {
                "naam": {"voornamen": "Rania", "voorvoegsel": "el", "geslachtsnaam": "Haddad"},
                "geboorte": {"datum": _datum("1996-11-26")},
                "adressering": {"adresregel1": "Maaslandlaan 12", "adresregel2": "6001 AB  WEERT"},
            },
            {
                "voornamen": "Rania",
                "geslachtsnaam": "el Haddad",
                "geboortedatum": dt.date(1996, 11, 26),
                "adres": "Maaslandlaan 12",
                "postcode_plaats": "6001 AB  WEERT",
            },
        ),
        (
            {
                "naam": {"geslachtsnaam": "Nowak"},
                "adressering": {
                    "adresregel1": "Rue 1",
                    "adresregel2": "1000 Bruxelles",
                    "land": {"code": "5010", "omschrijving": "België"},
                },
            },
            {
                "geslachtsnaam": "Nowak",
                "adres": "Rue 1",
                "postcode_plaats": "1000 Bruxelles, België",
            },
        ),
        ({"naam": {}, "adressering": {"adresregel2": "6001 AB  WEERT"}}, {}),
        ({}, {}),
    ],
)
def test_persoonsgegevens_neemt_alleen_wat_de_brp_gaf(persoon, verwacht):
    assert rules.persoonsgegevens(persoon) == verwacht


def test_velden_in_onderzoek_per_veld():
    persoon = {
        "naam": {"voornamen": "Yosef", "inOnderzoek": {"geslachtsnaam": True, "voornamen": False}},
        "verblijfplaats": {"type": "Adres", "inOnderzoek": {"type": True}},
        "nationaliteiten": [{"type": "Nationaliteit", "inOnderzoek": {"nationaliteit": True}}],
        "inOnderzoek": {"gemeenteVanInschrijving": True},
    }
    assert rules.velden_in_onderzoek(persoon) == [
        "geslachtsnaam",
        "adres",
        "nationaliteiten",
        "gemeente",
    ]
    assert rules.velden_in_onderzoek({"naam": {"voornamen": "Rania"}}) == []


@pytest.mark.parametrize(
    ("waarde", "geheim"), [(True, True), (False, False), (7, True), (0, False), (None, False)]
)
def test_geheimhouding(waarde, geheim):
    assert rules.geheimhouding({"geheimhoudingPersoonsgegevens": waarde}) is geheim


def _w(code, omschrijving="x"):
    return {"code": code, "omschrijving": omschrijving}


@pytest.mark.parametrize(
    ("persoon", "situatie"),
    [
        ({"gemeenteVanInschrijving": _w(WEERT)}, Situatie.GEWOON),
        ({}, Situatie.GEWOON),
        (
            {"opschortingBijhouding": {"reden": _w("O"), "datum": _datum("2026-10-01")}},
            Situatie.OVERLEDEN,
        ),
        ({"opschortingBijhouding": {"reden": _w("E")}}, Situatie.GEEMIGREERD),
        ({"opschortingBijhouding": {"reden": _w("R")}}, Situatie.RNI),
        ({"gemeenteVanInschrijving": _w("1999")}, Situatie.RNI),
        ({"gemeenteVanInschrijving": _w(WEERT), "rni": [{"categorie": "Persoon"}]}, Situatie.RNI),
        ({"gemeenteVanInschrijving": _w("0946")}, Situatie.ANDERE_GEMEENTE),
        # A death wins over a registration elsewhere.
        (
            {"opschortingBijhouding": {"reden": _w("O")}, "gemeenteVanInschrijving": _w("0946")},
            Situatie.OVERLEDEN,
        ),
    ],
)
def test_situatie(persoon, situatie):
    assert rules.situatie(persoon, WEERT) is situatie


def test_opschorting_geeft_reden_en_datum():
    persoon = {"opschortingBijhouding": {"reden": _w("O"), "datum": _datum("2026-10-01")}}
    assert rules.opschorting(persoon) == ("O", dt.date(2026, 10, 1))
    assert rules.opschorting({}) == ("", None)


def test_gezin_noemt_een_kind_onder_6():
    vandaag = dt.date(2026, 12, 6)
    persoon = {
        "partners": [
            {
                "naam": {"voornamen": "Omar", "geslachtsnaam": "Haddad"},
                "soortVerbintenis": _w("H", "huwelijk"),
            }
        ],
        "kinderen": [
            {"naam": {"voornamen": "Lana"}, "geboorte": {"datum": _datum("2023-12-07")}},
            {"naam": {"voornamen": "Adam"}, "geboorte": {"datum": _datum("2016-12-06")}},
            {"naam": {"voornamen": "Noor"}},
        ],
    }
    gezin = rules.gezin(persoon, vandaag)
    assert gezin["partners"] == [{"naam": "Omar Haddad", "verbintenis": "huwelijk"}]
    assert [(k["naam"], k["leeftijd"], k["jong"]) for k in gezin["kinderen"]] == [
        ("Lana", 2, True),
        ("Adam", 10, False),
        ("Noor", None, False),
    ]


def test_verblijf():
    persoon = {
        "nationaliteiten": [
            {"type": "Nationaliteit", "nationaliteit": _w("0095", "Syrische")},
            {"type": "Staatloos"},
        ],
        "verblijfstitel": {
            "aanduiding": _w("27", "asiel bepaalde tijd"),
            "datumIngang": _datum("2026-02-09"),
        },
        "immigratie": {
            "datumVestigingInNederland": _datum("2026-02-09"),
            "landVanwaarIngeschreven": _w("5034", "Syrië"),
        },
    }
    assert rules.verblijf(persoon) == {
        "nationaliteiten": ["Syrische", "staatloos"],
        "verblijfstitel": "asiel bepaalde tijd",
        "verblijfstitel_ingang": dt.date(2026, 2, 9),
        "verblijfstitel_einde": None,
        "vestiging_in_nederland": dt.date(2026, 2, 9),
        "land_vanwaar_ingeschreven": "Syrië",
    }


@pytest.mark.parametrize(
    ("pogingen", "minuten"), [(1, 1), (2, 2), (3, 4), (6, 32), (7, 60), (30, 60)]
)
def test_wachttijd_verdubbelt_tot_een_uur(pogingen, minuten):
    assert rules.wachttijd(pogingen) == dt.timedelta(minutes=minuten)


def test_gewijzigde_velden_noemt_alleen_namen():
    oud = {"voornamen": "", "geslachtsnaam": "", "adres": "Oud 1", "geboortedatum": None}
    nieuw = {"voornamen": "Rania", "adres": "Oud 1", "geboortedatum": dt.date(1996, 1, 1)}
    assert rules.gewijzigde_velden(oud, nieuw) == ["voornamen", "geboortedatum"]


def test_de_gevraagde_velden_zijn_paden_van_de_spec_en_niet_automatisch():
    automatisch = {
        "inOnderzoek",
        "geheimhoudingPersoonsgegevens",
        "opschortingBijhouding",
        "rni",
        "verificatie",
    }
    assert not {f.split(".")[0] for f in rules.FIELDS} & automatisch
    assert len(rules.FIELDS) == len(set(rules.FIELDS))
