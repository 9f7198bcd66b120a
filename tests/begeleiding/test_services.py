"""The write paths: whole change or nothing, with a timeline entry."""

import datetime as dt
from decimal import Decimal

import pytest

from koers.begeleiding import services
from koers.begeleiding.models import (
    Begeleiding,
    Begeleidingsbeleid,
    Betaling,
    Bijstand,
    ChecklistItem,
    DuaalTraject,
    Ontzorgen,
    OntzorgenMaand,
)
from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars.models import Gebeurtenis
from tests.begeleiding.conftest import START, betaling
from tests.factories import InburgeraarFactory, TrajectFactory


def test_begeleiding_met_score_en_intensiteit(traject_weert, adviseur_weert):
    begeleiding = services.bewaar_begeleiding(
        traject_weert,
        adviseur_weert,
        {
            "vrijwilliger": "Anna",
            "zelfredzaamheid": 3,
            "zelfredzaamheid_datum": dt.date(2026, 11, 1),
            "contacten_per_maand": 2,
        },
    )
    assert services.voorgestelde_intensiteit(traject_weert, begeleiding.zelfredzaamheid) == 2
    assert traject_weert.gebeurtenissen.filter(
        soort=Gebeurtenis.Soort.BEGELEIDING, omschrijving__contains="3 van 4"
    ).exists()


@pytest.mark.parametrize(
    ("data", "veld"),
    [
        ({"zelfredzaamheid": 5, "zelfredzaamheid_datum": dt.date(2026, 11, 1)}, "zelfredzaamheid"),
        ({"zelfredzaamheid": 2, "zelfredzaamheid_datum": None}, "zelfredzaamheid_datum"),
        (
            {"zelfredzaamheid": 2, "zelfredzaamheid_datum": dt.date(2026, 12, 1)},
            "zelfredzaamheid_datum",
        ),
        ({"contacten_per_maand": 40}, "contacten_per_maand"),
        ({"vrijwilliger": "x" * 201}, "vrijwilliger"),
    ],
)
def test_begeleiding_foute_invoer(traject_weert, adviseur_weert, data, veld):
    with pytest.raises(Weigering) as fout:
        services.bewaar_begeleiding(traject_weert, adviseur_weert, data)
    assert veld in fout.value.fouten
    assert not Begeleiding.objects.exists()


def test_checklist_alles_of_niets(traject_weert, adviseur_weert):
    services.bewaar_checklist(
        traject_weert,
        adviseur_weert,
        [
            {
                "onderwerp": "huurcontract",
                "status": "klaar",
                "datum": dt.date(2026, 10, 2),
                "door": "VluchtelingenWerk",
            }
        ],
    )
    with pytest.raises(Weigering) as fout:
        services.bewaar_checklist(
            traject_weert,
            adviseur_weert,
            [
                {"onderwerp": "huurcontract", "status": "bezig", "datum": None, "door": ""},
                {"onderwerp": "huisarts", "status": "klaar", "datum": None, "door": ""},
            ],
        )
    assert "checklist.huisarts.datum" in fout.value.fouten
    assert ChecklistItem.objects.get().status == "klaar"  # nothing changed


def test_checklist_slaat_onaangeroerde_onderwerpen_niet_op(traject_weert, adviseur_weert):
    """The form sends a status for every item; a new one left on "nog doen" is no change."""
    services.bewaar_checklist(
        traject_weert,
        adviseur_weert,
        [
            {"onderwerp": "huurcontract", "status": "bezig", "datum": None, "door": ""},
            {"onderwerp": "huisarts", "status": "todo", "datum": None, "door": ""},
        ],
    )
    assert list(ChecklistItem.objects.values_list("onderwerp", flat=True)) == ["huurcontract"]
    toelichting = traject_weert.gebeurtenissen.get(soort="begeleiding").toelichting
    assert "Huisarts" not in toelichting


def test_checklist_onbekend_onderwerp(traject_weert, adviseur_weert):
    with pytest.raises(Weigering):
        services.bewaar_checklist(
            traject_weert,
            adviseur_weert,
            [{"onderwerp": "ruimtevaart", "status": "klaar", "datum": dt.date(2026, 10, 2)}],
        )


def test_afgerond_traject_verandert_niet(traject_weert, adviseur_weert):
    traject_weert.status = "afgerond"
    traject_weert.save()
    with pytest.raises(Weigering, match="afgerond"):
        services.voeg_voorlichting_toe(
            traject_weert, adviseur_weert, {"onderwerp": "zorg", "datum": dt.date(2026, 11, 1)}
        )


def test_ontzorgen_starten_maakt_zes_maanden(ontzorgen_weert):
    assert ontzorgen_weert.einddatum == dt.date(2027, 3, 31)
    assert list(ontzorgen_weert.maanden.values_list("maand", flat=True)) == [
        dt.date(2026, m, 1) for m in (10, 11, 12)
    ] + [dt.date(2027, m, 1) for m in (1, 2, 3)]
    assert ontzorgen_weert.traject.gebeurtenissen.filter(
        soort=Gebeurtenis.Soort.ONTZORGEN, omschrijving__startswith="Financieel ontzorgen gestart"
    ).exists()


def test_ontzorgen_alleen_voor_asielstatushouders(weert, adviseur_weert):
    traject = TrajectFactory(
        inburgeraar=InburgeraarFactory(gemeente=weert, doelgroep="Gezinsvormer")
    )
    with pytest.raises(Weigering, match="asielstatushouders"):
        services.bewaar_ontzorgen(traject, adviseur_weert, {"start_bijstand": START})
    assert not Ontzorgen.objects.exists()


def test_ontzorgen_stopt_eerder_als_de_bijstand_stopt(ontzorgen_weert, adviseur_weert):
    ontzorgen = services.bewaar_ontzorgen(
        ontzorgen_weert.traject, adviseur_weert, {"einde_bijstand": dt.date(2026, 11, 30)}
    )
    assert ontzorgen.einddatum == dt.date(2026, 11, 30) and ontzorgen.vroeg_beeindigd
    assert ontzorgen.maanden.count() == 2
    assert ontzorgen.traject.gebeurtenissen.filter(
        omschrijving__contains="omdat de bijstand stopt"
    ).exists()


def test_vroeg_einde_met_betalingen_erna_wordt_geweigerd(ontzorgen_weert, adviseur_weert):
    services.registreer_betalingen(
        ontzorgen_weert,
        adviseur_weert,
        [betaling(maand=dt.date(2026, 11, 1), betaald_op=dt.date(2026, 11, 1))],
    )
    with pytest.raises(Weigering) as fout:
        services.bewaar_ontzorgen(
            ontzorgen_weert.traject, adviseur_weert, {"einde_bijstand": dt.date(2026, 10, 31)}
        )
    assert "11-2026" in fout.value.fouten["einde_bijstand"]
    ontzorgen_weert.refresh_from_db()
    assert ontzorgen_weert.einde_bijstand is None


@pytest.mark.parametrize(
    ("data", "veld"),
    [
        ({"start_bijstand": dt.date(2020, 1, 1)}, "start_bijstand"),
        ({"start_bijstand": START, "einde_bijstand": dt.date(2026, 9, 1)}, "einde_bijstand"),
        (
            {
                "start_bijstand": START,
                "machtiging_datum": dt.date(2026, 12, 1),
                "machtiging_posten": ["huur"],
            },
            "machtiging_datum",
        ),
        (
            {
                "start_bijstand": START,
                "machtiging_datum": dt.date(2026, 10, 1),
                "machtiging_posten": [],
            },
            "machtiging_posten",
        ),
        ({"start_bijstand": START, "machtiging_posten": ["taxi"]}, "machtiging_posten"),
        (
            {
                "start_bijstand": START,
                "cursus_start": dt.date(2026, 12, 1),
                "cursus_eind": dt.date(2026, 11, 1),
            },
            "cursus_eind",
        ),
        ({}, "start_bijstand"),
    ],
)
def test_ontzorgen_foute_invoer(traject_weert, adviseur_weert, data, veld):
    with pytest.raises(Weigering) as fout:
        services.bewaar_ontzorgen(traject_weert, adviseur_weert, data)
    assert veld in fout.value.fouten
    assert not Ontzorgen.objects.exists()


def test_betalingen_maken_de_maand_compleet(ontzorgen_weert, uitkering_weert):
    services.registreer_betalingen(
        ontzorgen_weert,
        uitkering_weert,
        [
            betaling(post="huur"),
            betaling(post="energie_water", bedrag="145"),
            betaling(post="zorgverzekering", bedrag="138.20"),
        ],
    )
    oktober = OntzorgenMaand.objects.get(ontzorgen=ontzorgen_weert, maand=START)
    assert oktober.compleet
    assert not OntzorgenMaand.objects.get(
        ontzorgen=ontzorgen_weert, maand=dt.date(2026, 11, 1)
    ).compleet
    assert Betaling.objects.filter(ingevoerd_door=uitkering_weert).count() == 3


def test_machtiging_voor_minder_posten(ontzorgen_weert, adviseur_weert):
    services.bewaar_ontzorgen(
        ontzorgen_weert.traject, adviseur_weert, {"machtiging_posten": ["huur"]}
    )
    services.registreer_betalingen(ontzorgen_weert, adviseur_weert, [betaling()])
    assert OntzorgenMaand.objects.get(ontzorgen=ontzorgen_weert, maand=START).compleet


@pytest.mark.parametrize(
    ("rij", "veld"),
    [
        (betaling(maand=dt.date(2026, 9, 1)), "maand"),
        (betaling(maand=dt.date(2027, 4, 1)), "maand"),
        (betaling(post="taxi"), "post"),
        (betaling(bedrag="0"), "bedrag"),
        (betaling(bedrag="99999.99"), "bedrag"),
        (betaling(betaald_op=dt.date(2026, 11, 16)), "betaald_op"),
        (betaling(begunstigde="  "), "begunstigde"),
    ],
)
def test_betaling_foute_invoer(ontzorgen_weert, adviseur_weert, rij, veld):
    with pytest.raises(Weigering) as fout:
        services.registreer_betalingen(ontzorgen_weert, adviseur_weert, [rij])
    assert veld in fout.value.fouten
    assert not Betaling.objects.exists()


def test_batch_alles_of_niets_en_dubbel(ontzorgen_weert, adviseur_weert):
    with pytest.raises(Weigering) as fout:
        services.registreer_betalingen(
            ontzorgen_weert, adviseur_weert, [betaling(), betaling()], batch=True
        )
    assert "al in het register" in fout.value.fouten["1.post"]
    assert not Betaling.objects.exists()
    services.registreer_betalingen(ontzorgen_weert, adviseur_weert, [betaling()])
    with pytest.raises(Weigering):
        services.registreer_betalingen(ontzorgen_weert, adviseur_weert, [betaling()])
    assert Betaling.objects.count() == 1


def test_duaal_traject(traject_weert, adviseur_weert):
    duaal = services.bewaar_duaal(
        traject_weert,
        adviseur_weert,
        {
            "werkgever": "Bakkerij Weert",
            "start": dt.date(2026, 10, 1),
            "uren_per_week": 16,
            "beschikking_nummer": "PW-1",
            "beschikking_datum": dt.date(2026, 9, 20),
        },
    )
    duaal = services.bewaar_duaal(
        traject_weert, adviseur_weert, {"eind": dt.date(2027, 3, 1), "uren_gewerkt": 100}, duaal
    )
    assert DuaalTraject.objects.get().eind == dt.date(2027, 3, 1)
    assert duaal.werkgever == "Bakkerij Weert"


@pytest.mark.parametrize(
    ("data", "veld"),
    [
        ({"werkgever": "", "start": dt.date(2026, 10, 1), "uren_per_week": 16}, "werkgever"),
        ({"werkgever": "B", "start": dt.date(2026, 10, 1), "uren_per_week": 0}, "uren_per_week"),
        ({"werkgever": "B", "start": dt.date(2026, 10, 1), "uren_per_week": 41}, "uren_per_week"),
        (
            {
                "werkgever": "B",
                "start": dt.date(2026, 10, 1),
                "eind": dt.date(2026, 9, 1),
                "uren_per_week": 8,
            },
            "eind",
        ),
        (
            {
                "werkgever": "B",
                "start": dt.date(2026, 10, 1),
                "uren_per_week": 8,
                "beschikking_datum": dt.date(2027, 1, 1),
            },
            "beschikking_datum",
        ),
        ({"werkgever": "B", "uren_per_week": 8}, "start"),
    ],
)
def test_duaal_foute_invoer(traject_weert, adviseur_weert, data, veld):
    with pytest.raises(Weigering) as fout:
        services.bewaar_duaal(traject_weert, adviseur_weert, data)
    assert veld in fout.value.fouten
    assert not DuaalTraject.objects.exists()


def test_csv_bedragen_en_datums_in_nederlandse_notatie():
    assert services._bedrag("1.234,56") == Decimal("1234.56")
    assert services._bedrag("€ 612,50") == Decimal("612.50")
    assert services._bedrag("612.50") == Decimal("612.50")
    assert services._bedrag("NaN") is None and services._bedrag("abc") is None
    assert services._maand("11-2026") == dt.date(2026, 11, 1)
    assert services._maand("2026-11") == dt.date(2026, 11, 1)
    assert services._datum("01-11-2026") == dt.date(2026, 11, 1)
    assert services._datum("31-02-2026") is None


# --- bijstand en de groep van artikel 56a Participatiewet ---------------------------------


def test_bijstand_vastleggen_en_wijzigen_staat_op_de_tijdlijn(traject_weert, adviseur_weert):
    bijstand = services.bewaar_bijstand(
        traject_weert, adviseur_weert, {"start": dt.date(2026, 10, 1)}
    )
    assert bijstand.ontzorgtermijn_eind == dt.date(2027, 3, 31)
    services.bewaar_bijstand(traject_weert, adviseur_weert, {"einde": dt.date(2026, 12, 31)})
    bijstand = Bijstand.objects.get(traject=traject_weert)
    assert (bijstand.start, bijstand.einde) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert bijstand.ontzorgtermijn_eind == dt.date(2026, 12, 31)
    assert bijstand.gewijzigd_door == adviseur_weert
    teksten = list(
        Gebeurtenis.objects.filter(traject=traject_weert).values_list("omschrijving", flat=True)
    )
    assert "Bijstand vastgelegd: vanaf 1 oktober 2026" in teksten
    assert "Bijstand gewijzigd: vanaf 1 oktober 2026 tot en met 31 december 2026" in teksten


@pytest.mark.parametrize(
    ("data", "veld"),
    [
        ({}, "start"),
        ({"start": dt.date(2021, 6, 1)}, "start"),
        ({"start": dt.date(2027, 6, 1)}, "start"),
        ({"start": dt.date(2026, 10, 1), "einde": dt.date(2026, 9, 1)}, "einde"),
        ({"start": dt.date(2026, 10, 1), "einde": dt.date(2030, 1, 1)}, "einde"),
    ],
)
def test_bijstand_met_foute_datums_wordt_geweigerd(traject_weert, adviseur_weert, data, veld):
    with pytest.raises(Weigering) as fout:
        services.bewaar_bijstand(traject_weert, adviseur_weert, data)
    assert veld in fout.value.fouten
    assert not Bijstand.objects.filter(traject=traject_weert).exists()


def test_einde_van_de_bijstand_beeindigt_het_ontzorgen(ontzorgen_weert, adviseur_weert):
    services.bewaar_bijstand(
        ontzorgen_weert.traject, adviseur_weert, {"einde": dt.date(2026, 11, 30)}
    )
    ontzorgen_weert.refresh_from_db()
    assert ontzorgen_weert.einddatum == dt.date(2026, 11, 30)
    assert ontzorgen_weert.vroeg_beeindigd
    assert [m.maand for m in ontzorgen_weert.maanden.all()] == [
        dt.date(2026, 10, 1),
        dt.date(2026, 11, 1),
    ]


def test_ontzorgen_wijzigen_werkt_de_bijstand_bij(ontzorgen_weert, adviseur_weert):
    assert Bijstand.objects.get(traject=ontzorgen_weert.traject).start == dt.date(2026, 10, 1)
    services.bewaar_ontzorgen(
        ontzorgen_weert.traject, adviseur_weert, {"einde_bijstand": dt.date(2026, 12, 15)}
    )
    assert Bijstand.objects.get(traject=ontzorgen_weert.traject).einde == dt.date(2026, 12, 15)


def test_bijstand_stopt_niet_voor_betaalde_maanden(ontzorgen_weert, adviseur_weert):
    services.registreer_betalingen(
        ontzorgen_weert,
        adviseur_weert,
        [betaling(maand=dt.date(2026, 11, 1), betaald_op=dt.date(2026, 11, 2))],
    )
    with pytest.raises(Weigering) as fout:
        services.bewaar_bijstand(
            ontzorgen_weert.traject, adviseur_weert, {"einde": dt.date(2026, 10, 20)}
        )
    assert "11-2026" in fout.value.fouten["einde"]


@pytest.mark.parametrize(
    ("doelgroep", "groep", "mag"),
    [
        ("Asielstatushouder", "wet", True),
        ("Gezinsvormer met Asielstatushouder", "wet", False),
        ("Gezinsvormer met Asielstatushouder", "asielmigranten", True),
        ("Gezinshereniger met Asielstatushouder", "wet", False),
        ("Gezinsvormer", "asielmigranten", False),
    ],
)
def test_ontzorgen_volgt_artikel_56a_en_de_keuze_van_de_gemeente(
    weert, adviseur_weert, doelgroep, groep, mag
):
    Begeleidingsbeleid.objects.create(gemeente=weert, ontzorgen_groep=groep)
    traject = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert, doelgroep=doelgroep))
    data = {"start_bijstand": dt.date(2026, 10, 1)}
    if mag:
        assert services.bewaar_ontzorgen(traject, adviseur_weert, data).pk
    else:
        with pytest.raises(Weigering) as fout:
            services.bewaar_ontzorgen(traject, adviseur_weert, data)
        assert "ontzorgen" in fout.value.fouten["__all__"]
        assert not Ontzorgen.objects.filter(traject=traject).exists()
