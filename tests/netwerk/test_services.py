"""The services of the netwerk part: each write in one transaction, refusals in Dutch,
nothing half saved, every step on the case timeline."""

import datetime as dt
from decimal import Decimal

import pytest

from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars.models import Gebeurtenis
from koers.netwerk import services
from koers.netwerk.models import (
    ErvaringsdeskundigeKoppeling,
    InstroomklasPlaatsing,
    InstroomklasWeek,
    Taalverwijzing,
    Tolk,
    Tolkboeking,
)

D = dt.date


def _netwerk_stappen(traject):
    return list(
        traject.gebeurtenissen.filter(soort=Gebeurtenis.Soort.NETWERK).values_list(
            "omschrijving", flat=True
        )
    )


def _plaats(traject, door, start=None, eind=None):
    start = start or D(2026, 10, 1)
    eind = eind or D(2026, 12, 1)
    return services.plaats_in_instroomklas(traject, door, startdatum=start, geplande_einddatum=eind)


def test_plaatsen_wijzigen_en_beeindigen(traject_weert, adviseur_weert):
    plaatsing = _plaats(traject_weert, adviseur_weert)
    assert plaatsing.gemeente_id == traject_weert.gemeente_id
    assert "In de instroomklas vanaf 1 oktober 2026" in _netwerk_stappen(traject_weert)[0]
    with pytest.raises(Weigering) as fout:
        _plaats(traject_weert, adviseur_weert)
    assert "zit al in de instroomklas" in fout.value.fouten["__all__"]
    services.wijzig_plaatsing(
        plaatsing, adviseur_weert, startdatum=D(2026, 10, 5), geplande_einddatum=D(2027, 1, 4)
    )
    plaatsing.refresh_from_db()
    assert plaatsing.geplande_einddatum == D(2027, 1, 4)
    with pytest.raises(Weigering) as fout:
        services.beeindig_plaatsing(traject_weert, adviseur_weert, einddatum=D(2026, 11, 5))
    assert "toekomst" in fout.value.fouten["einddatum"]
    services.beeindig_plaatsing(traject_weert, adviseur_weert, einddatum=D(2026, 11, 4))
    assert services.open_plaatsing(traject_weert) is None
    # A new stay can start after the old one ended.
    _plaats(traject_weert, adviseur_weert, start=D(2026, 11, 4), eind=D(2026, 12, 1))
    assert InstroomklasPlaatsing.objects.filter(traject=traject_weert).count() == 2


def test_plaatsen_weigert_einde_voor_start(traject_weert, adviseur_weert):
    with pytest.raises(Weigering) as fout:
        _plaats(traject_weert, adviseur_weert, start=D(2026, 10, 1), eind=D(2026, 9, 1))
    assert set(fout.value.fouten) == {"geplande_einddatum"}
    assert not InstroomklasPlaatsing.objects.exists()
    assert _netwerk_stappen(traject_weert) == []


def test_afgerond_traject_krijgt_niets_meer(traject_weert, adviseur_weert):
    traject_weert.status = "afgerond"
    traject_weert.save()
    with pytest.raises(Weigering) as fout:
        _plaats(traject_weert, adviseur_weert)
    assert "afgerond" in fout.value.fouten["__all__"]


def test_aanwezigheid_per_week_vervangt(traject_weert, adviseur_weert):
    _plaats(traject_weert, adviseur_weert)
    services.registreer_aanwezigheid(
        traject_weert, adviseur_weert, week=D(2026, 10, 14), dagdelen_gepland=4, dagdelen_aanwezig=3
    )
    regel = services.registreer_aanwezigheid(
        traject_weert, adviseur_weert, week=D(2026, 10, 16), dagdelen_gepland=4, dagdelen_aanwezig=4
    )
    assert regel.week == D(2026, 10, 12)  # the Monday
    assert InstroomklasWeek.objects.count() == 1
    assert regel.percentage == 100


@pytest.mark.parametrize(
    ("week", "gepland", "aanwezig", "veld"),
    [
        (D(2026, 9, 20), 4, 3, "week"),  # before the start
        (D(2026, 11, 10), 4, 3, "week"),  # next week: the future
        (D(2026, 10, 14), 4, 5, "dagdelen_aanwezig"),
        (D(2026, 10, 14), 11, 5, "dagdelen_gepland"),
        (None, 4, 3, "week"),
        (D(2026, 10, 14), None, 3, "dagdelen_gepland"),
    ],
)
def test_aanwezigheid_weigert(traject_weert, adviseur_weert, week, gepland, aanwezig, veld):
    _plaats(traject_weert, adviseur_weert)
    with pytest.raises(Weigering) as fout:
        services.registreer_aanwezigheid(
            traject_weert,
            adviseur_weert,
            week=week,
            dagdelen_gepland=gepland,
            dagdelen_aanwezig=aanwezig,
        )
    assert veld in fout.value.fouten
    assert not InstroomklasWeek.objects.exists()


def test_aanwezigheid_zonder_klas(traject_weert, adviseur_weert):
    with pytest.raises(Weigering) as fout:
        services.registreer_aanwezigheid(
            traject_weert,
            adviseur_weert,
            week=D(2026, 11, 2),
            dagdelen_gepland=4,
            dagdelen_aanwezig=4,
        )
    assert "niet in de instroomklas" in fout.value.fouten["__all__"]


def test_workshops(traject_weert, adviseur_weert):
    _plaats(traject_weert, adviseur_weert)
    deelname = services.registreer_workshop(
        traject_weert, adviseur_weert, workshop="leren_fietsen", datum=D(2026, 10, 20)
    )
    assert deelname.get_workshop_display() == "Leren fietsen"
    assert "Workshop gevolgd: Leren fietsen" in _netwerk_stappen(traject_weert)
    with pytest.raises(Weigering) as fout:
        services.registreer_workshop(
            traject_weert, adviseur_weert, workshop="leren_fietsen", datum=D(2026, 10, 21)
        )
    assert "al" in fout.value.fouten["workshop"]
    with pytest.raises(Weigering) as fout:
        services.registreer_workshop(
            traject_weert, adviseur_weert, workshop="zwemmen", datum=D(2026, 12, 1)
        )
    assert set(fout.value.fouten) == {"workshop", "datum"}


def test_tolk_boeken_rekent_kosten(traject_weert, adviseur_weert, tolk_weert):
    boeking = services.boek_tolk(
        traject_weert,
        adviseur_weert,
        tolk=tolk_weert,
        gesprek="brede_intake",
        datum=D(2026, 11, 10),
        duur_minuten=90,
    )
    assert boeking.kosten == Decimal("90.00")
    assert boeking.tarief_per_uur == Decimal("60.00")
    assert "Tolk Samira Haddou geboekt voor brede intake op 10 november 2026" in _netwerk_stappen(
        traject_weert
    )
    # A later tariff change does not change the booking.
    tolk_weert.tarief_per_uur = Decimal("80.00")
    tolk_weert.save()
    with pytest.raises(Weigering) as fout:
        services.wijzig_boeking(boeking, adviseur_weert, status="geweest")
    assert "toekomst" in fout.value.fouten["status"]
    boeking = services.wijzig_boeking(boeking, adviseur_weert, status="geannuleerd")
    assert boeking.kosten == Decimal("0.00")
    with pytest.raises(Weigering):
        services.wijzig_boeking(boeking, adviseur_weert, status="gepland")


def test_bevestigen_met_werkelijke_duur(traject_weert, adviseur_weert, tolk_weert):
    boeking = services.boek_tolk(
        traject_weert,
        adviseur_weert,
        tolk=tolk_weert,
        gesprek="voortgangsgesprek",
        voortgangsgesprek_id=12,
        datum=D(2026, 11, 2),
        duur_minuten=60,
    )
    boeking = services.wijzig_boeking(boeking, adviseur_weert, status="geweest", duur_minuten=75)
    assert (boeking.status, boeking.duur_minuten, boeking.kosten) == (
        "geweest",
        75,
        Decimal("75.00"),
    )
    assert boeking.voortgangsgesprek_id == 12


@pytest.mark.parametrize(
    ("extra", "veld"),
    [
        ({"gesprek": "koffie"}, "gesprek"),
        ({"gesprek": "overig"}, "gesprek_omschrijving"),
        ({"gesprek": "brede_intake", "voortgangsgesprek_id": 3}, "voortgangsgesprek_id"),
        ({"duur_minuten": 0}, "duur_minuten"),
        ({"duur_minuten": 481}, "duur_minuten"),
        ({"datum": None}, "datum"),
    ],
)
def test_boeken_weigert(traject_weert, adviseur_weert, tolk_weert, extra, veld):
    data = {
        "tolk": tolk_weert,
        "gesprek": "pip_gesprek",
        "datum": D(2026, 11, 10),
        "duur_minuten": 60,
        **extra,
    }
    with pytest.raises(Weigering) as fout:
        services.boek_tolk(traject_weert, adviseur_weert, **data)
    assert veld in fout.value.fouten
    assert not Tolkboeking.objects.exists()


def test_tolk_van_andere_gemeente_of_inactief(
    traject_weert, adviseur_weert, tolk_weert, tolk_cranendonck
):
    with pytest.raises(Weigering) as fout:
        services.boek_tolk(
            traject_weert,
            adviseur_weert,
            tolk=tolk_cranendonck,
            gesprek="pip_gesprek",
            datum=D(2026, 11, 10),
            duur_minuten=60,
        )
    assert "register" in fout.value.fouten["tolk"]
    tolk_weert.actief = False
    tolk_weert.save()
    with pytest.raises(Weigering) as fout:
        services.boek_tolk(
            traject_weert,
            adviseur_weert,
            tolk=tolk_weert,
            gesprek="pip_gesprek",
            datum=D(2026, 11, 10),
            duur_minuten=60,
        )
    assert "niet meer" in fout.value.fouten["tolk"]


def test_voorgestelde_tolken(tolk_weert, tolk_tigrinya):
    tolken = Tolk.objects.all()
    assert services.voorgestelde_tolken(tolken, "tigrinya") == [tolk_tigrinya]
    assert services.voorgestelde_tolken(tolken, "Somalisch") == []


def test_tolkregister(weert, adviseur_weert):
    tolk = services.bewaar_tolk(
        weert,
        adviseur_weert,
        {
            "naam": " Ayşe Korkmaz ",
            "talen": ["Turks", " turks", "Koerdisch"],
            "soort": "video",
            "tarief_per_uur": Decimal("49.50"),
        },
    )
    assert (tolk.naam, tolk.talen) == ("Ayşe Korkmaz", ["Turks", "Koerdisch"])
    services.bewaar_tolk(weert, adviseur_weert, {"tarief_per_uur": Decimal("52.00")}, tolk)
    tolk.refresh_from_db()
    assert tolk.tarief_per_uur == Decimal("52.00")
    with pytest.raises(Weigering) as fout:
        services.bewaar_tolk(
            weert,
            adviseur_weert,
            {"naam": "", "talen": [], "soort": "fax", "tarief_per_uur": Decimal("0")},
        )
    assert set(fout.value.fouten) == {"naam", "talen", "soort", "tarief_per_uur"}
    with pytest.raises(Weigering) as fout:
        services.bewaar_tolk(weert, adviseur_weert, {"talen": ["x" * 51]}, tolk)
    assert "talen" in fout.value.fouten
    assert Tolk.objects.count() == 1


def test_ervaringsdeskundige_koppelen(traject_weert, adviseur_weert, ed_weert, ed_cranendonck):
    koppeling = services.koppel_ervaringsdeskundige(
        traject_weert,
        adviseur_weert,
        ervaringsdeskundige=ed_weert,
        rol="bemiddelaar",
        sinds=D(2026, 10, 1),
    )
    assert "Ervaringsdeskundige Yohannes Mehari gekoppeld als bemiddelaar" in _netwerk_stappen(
        traject_weert
    )
    with pytest.raises(Weigering) as fout:
        services.koppel_ervaringsdeskundige(
            traject_weert,
            adviseur_weert,
            ervaringsdeskundige=ed_weert,
            rol="bemiddelaar",
            sinds=D(2026, 10, 2),
        )
    assert "al" in fout.value.fouten["rol"]
    with pytest.raises(Weigering) as fout:
        services.koppel_ervaringsdeskundige(
            traject_weert,
            adviseur_weert,
            ervaringsdeskundige=ed_weert,
            rol="adviseur",
            sinds=D(2026, 10, 2),
        )
    assert "rol" in fout.value.fouten
    with pytest.raises(Weigering) as fout:
        services.koppel_ervaringsdeskundige(
            traject_weert,
            adviseur_weert,
            ervaringsdeskundige=ed_cranendonck,
            rol="verkenner",
            sinds=D(2026, 10, 2),
        )
    assert "ervaringsdeskundige" in fout.value.fouten
    with pytest.raises(Weigering):
        services.beeindig_koppeling(koppeling, adviseur_weert, tot=D(2026, 9, 1))
    services.beeindig_koppeling(koppeling, adviseur_weert, tot=D(2026, 11, 4))
    assert ErvaringsdeskundigeKoppeling.objects.get().tot == D(2026, 11, 4)


def test_ervaringsdeskundigenregister(weert, adviseur_weert):
    persoon = services.bewaar_ervaringsdeskundige(
        weert,
        adviseur_weert,
        {"naam": "Rasha", "rollen": ["adviseur", "adviseur", "verkenner"], "talen": "Arabisch, "},
    )
    assert (persoon.rollen, persoon.talen) == (["adviseur", "verkenner"], ["Arabisch"])
    with pytest.raises(Weigering) as fout:
        services.bewaar_ervaringsdeskundige(weert, adviseur_weert, {"rollen": ["tolk"]}, persoon)
    assert "rollen" in fout.value.fouten


def test_taalverwijzing(traject_weert, adviseur_weert):
    verwijzing = services.bewaar_verwijzing(
        traject_weert,
        adviseur_weert,
        {
            "soort": "taalmaatje",
            "organisatie": "Taalmaatjes Weert",
            "datum": D(2026, 10, 1),
            "uren_per_week": Decimal("2"),
        },
    )
    assert verwijzing.status == "verwezen"
    services.bewaar_verwijzing(
        traject_weert,
        adviseur_weert,
        {"status": "gestart", "uren_totaal": Decimal("10.5")},
        verwijzing,
    )
    verwijzing.refresh_from_db()
    assert (verwijzing.status, verwijzing.uren_totaal) == ("gestart", Decimal("10.5"))
    assert any("bijgewerkt (gestart)" in s for s in _netwerk_stappen(traject_weert))


@pytest.mark.parametrize(
    ("data", "velden"),
    [
        ({"soort": "overig", "datum": D(2026, 10, 1)}, {"organisatie"}),
        ({"soort": "bibliotheek", "datum": D(2026, 12, 1)}, {"datum"}),
        ({"soort": "bibliotheek", "datum": None}, {"datum"}),
        ({"soort": "school", "datum": D(2026, 10, 1)}, {"soort"}),
        (
            {"soort": "taalmaatje", "datum": D(2026, 10, 1), "uren_per_week": Decimal("-1")},
            {"uren_per_week"},
        ),
        ({"soort": "taalmaatje", "datum": D(2026, 10, 1), "status": "weg"}, {"status"}),
    ],
)
def test_taalverwijzing_weigert(traject_weert, adviseur_weert, data, velden):
    with pytest.raises(Weigering) as fout:
        services.bewaar_verwijzing(traject_weert, adviseur_weert, data)
    assert set(fout.value.fouten) == velden
    assert not Taalverwijzing.objects.exists()
