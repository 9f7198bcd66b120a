"""The referral flow through the services: who may do which step, the timeline, refusals
that save nothing."""

import datetime as dt
from decimal import Decimal

import pytest

from koers.bouwstenen.weigering import Weigering
from koers.partners import services
from koers.partners.models import Verwijzing, Voortgang
from koers.verwerkingen.models import Verwerking

pytestmark = pytest.mark.django_db


def test_adviseur_verwijst_partner_accepteert_meldt_en_sluit_af(
    zaak, werkkom, wim, verwijs, adviseur_weert
):
    v = verwijs(zaak, werkkom, "map", vraag="Graag de MAP, hij wil monteur worden.")
    assert v.status == "aangeboden" and v.verwezen_door == adviseur_weert
    services.accepteer(v, wim)
    v.refresh_from_db()
    assert v.status == "geaccepteerd" and v.gereageerd_op is not None
    services.rapporteer(
        v,
        wim,
        datum=dt.date(2026, 11, 10),
        uren=Decimal("6.5"),
        afspraken_gepland=4,
        afspraken_aanwezig=3,
        resultaten="Cv gemaakt.",
    )
    v.refresh_from_db()
    assert v.status == "lopend"
    services.rapporteer(v, wim, datum=dt.date(2026, 11, 14), toelichting="Werkbezoek.")
    services.sluit_af(v, wim, resultaat="behaald", eindverslag="MAP afgerond.")
    v.refresh_from_db()
    assert (v.status, v.resultaat, v.eindverslag) == ("afgesloten", "behaald", "MAP afgerond.")
    assert v.rapportages.count() == 2
    tijdlijn = list(
        zaak.gebeurtenissen.filter(soort="verwijzing")
        .order_by("op", "id")
        .values_list("omschrijving", flat=True)
    )
    assert tijdlijn[0] == "Verwezen naar Werk.Kom: Module Arbeidsmarkt en Participatie (MAP)"
    assert "accepteert" in tijdlijn[1]
    assert tijdlijn[2].endswith("6.5 uur, aanwezig 3 van 4 afspraken")
    assert tijdlijn[-1].endswith("doel behaald")
    # Every step of the partner is in the verwerkingenlogging, under his organisation.
    stappen = Verwerking.objects.filter(actor_id=wim.pk, handeling="wijzigen")
    assert stappen.count() == 4
    assert set(stappen.values_list("organisatie", flat=True)) == {"Werk.Kom"}
    assert all(s == ["verwijzingen"] for s in stappen.values_list("secties", flat=True))


def test_afwijzen_vraagt_een_reden(zaak, werkkom, wim, verwijs):
    v = verwijs(zaak, werkkom)
    with pytest.raises(Weigering) as fout:
        services.wijs_af(v, wim, reden="  ")
    assert "reden" in fout.value.fouten
    services.wijs_af(v, wim, reden="Geen plek tot maart.")
    v.refresh_from_db()
    assert (v.status, v.afwijsreden) == ("afgewezen", "Geen plek tot maart.")
    with pytest.raises(Weigering) as fout:
        services.accepteer(v, wim)
    assert "afgewezen" in fout.value.fouten["__all__"]


def test_een_andere_partner_of_de_adviseur_antwoordt_niet(
    zaak, werkkom, wim, tineke, verwijs, adviseur_weert
):
    v = verwijs(zaak, werkkom)
    for wie in (tineke, adviseur_weert):
        with pytest.raises(Weigering) as fout:
            services.accepteer(v, wie)
        assert fout.value.fouten == {"__all__": services.NIET_UW_ORGANISATIE}
    v.refresh_from_db()
    assert v.status == "aangeboden"


def test_partner_verwijst_niet(zaak, werkkom, wim):
    with pytest.raises(Weigering):
        services.verwijs(zaak, wim, taak="map", organisatie=werkkom)
    assert not Verwijzing.objects.exists()


def test_verwijzen_volgt_de_regels(zaak, werkkom, taalcentrum, taalschool_zonder_keurmerk, verwijs):
    with pytest.raises(Weigering) as fout:
        verwijs(zaak, werkkom, "pip")
    assert "taak" in fout.value.fouten
    with pytest.raises(Weigering) as fout:
        verwijs(zaak, taalschool_zonder_keurmerk, "b1_route")
    assert "Keurmerk" in fout.value.fouten["organisatie"]
    with pytest.raises(Weigering) as fout:
        verwijs(zaak, taalcentrum, "map")
    assert "organisatie" in fout.value.fouten
    with pytest.raises(Weigering) as fout:
        verwijs(zaak, zaak.gemeente.organisatie, "map")
    assert fout.value.fouten == {"organisatie": "Kies een ketenpartner."}
    verwijs(zaak, taalcentrum, "b1_route")
    verwijs(zaak, werkkom, "map")
    with pytest.raises(Weigering) as fout:
        verwijs(zaak, werkkom, "map")
    assert "loopt al" in fout.value.fouten["taak"]
    assert Verwijzing.objects.count() == 2


def test_verlopen_keurmerk_telt_niet(zaak, taalcentrum, verwijs):
    taalcentrum.partnerprofiel.keurmerk_geldig_tot = dt.date(2026, 11, 1)
    taalcentrum.partnerprofiel.save()
    with pytest.raises(Weigering):
        verwijs(zaak, taalcentrum, "b1_route")


def test_voortgang_weigert_onzin_en_bewaart_niets(zaak, werkkom, wim, verwijs):
    v = verwijs(zaak, werkkom)
    with pytest.raises(Weigering) as fout:
        services.rapporteer(v, wim, datum=dt.date(2026, 11, 10), uren=Decimal("1"))
    assert "Accepteer" in fout.value.fouten["__all__"]
    services.accepteer(v, wim)
    for kwargs, veld in [
        ({"uren": Decimal("500")}, "uren"),
        ({"afspraken_gepland": 2, "afspraken_aanwezig": 3}, "afspraken_aanwezig"),
        ({"datum": dt.date(2026, 12, 1), "uren": Decimal("1")}, "datum"),
        ({}, "__all__"),
    ]:
        with pytest.raises(Weigering) as fout:
            services.rapporteer(v, wim, **{"datum": dt.date(2026, 11, 10), **kwargs})
        assert veld in fout.value.fouten
    assert not Voortgang.objects.exists()
    v.refresh_from_db()
    assert v.status == "geaccepteerd"


def test_afsluiten_kan_niet_voor_accepteren_en_niet_twee_keer(zaak, werkkom, wim, verwijs):
    v = verwijs(zaak, werkkom)
    with pytest.raises(Weigering):
        services.sluit_af(v, wim, resultaat="behaald")
    services.accepteer(v, wim)
    with pytest.raises(Weigering) as fout:
        services.sluit_af(v, wim, resultaat="ingetrokken")
    assert "resultaat" in fout.value.fouten
    services.sluit_af(v, wim, resultaat="gestopt")
    with pytest.raises(Weigering) as fout:
        services.rapporteer(v, wim, datum=dt.date(2026, 11, 10), uren=Decimal("1"))
    assert "afgesloten" in fout.value.fouten["__all__"]


def test_adviseur_trekt_in(zaak, werkkom, wim, verwijs, adviseur_weert, teamleider_weert):
    v = verwijs(zaak, werkkom)
    services.accepteer(v, wim)
    with pytest.raises(Weigering):
        services.trek_in(v, wim)
    with pytest.raises(Weigering):
        services.trek_in(v, teamleider_weert)
    services.trek_in(v, adviseur_weert, toelichting="Hij heeft werk gevonden.")
    v.refresh_from_db()
    assert (v.status, v.resultaat) == ("afgesloten", "ingetrokken")


def test_taakverdeling_alleen_door_teamleider_van_de_eigen_gemeente(
    weert, cranendonck, werkkom, teamleider_weert, adviseur_weert
):
    with pytest.raises(Weigering):
        services.bewaar_taakverdeling(
            weert, adviseur_weert, "map", schaal="subregionaal", uitvoerder=werkkom
        )
    with pytest.raises(Weigering):
        services.bewaar_taakverdeling(
            cranendonck, teamleider_weert, "map", schaal="subregionaal", uitvoerder=werkkom
        )
    with pytest.raises(Weigering) as fout:
        services.bewaar_taakverdeling(
            weert, teamleider_weert, "pip", schaal="lokaal", uitvoerder=werkkom
        )
    assert "uitvoerder" in fout.value.fouten
    rij = services.bewaar_taakverdeling(
        weert, teamleider_weert, "map", schaal="subregionaal", uitvoerder=werkkom
    )
    assert (rij.taak, rij.uitvoerder) == ("map", werkkom)
