"""'Verwijtbaar' without a date for a PVT or MAP that is not done (RULES.md "MAP and PVT"):
'Nee' in the last two months of the termijn, 'Ja' or 'Nee' after it, and a signal when it is
due. Today is 1 December 2026; DUO's einddatum is exclusive (the last day is the day before)."""

from datetime import date

import pytest

from koers.bouwstenen.weigering import Weigering
from koers.duo.models import Bericht
from koers.modules import services, signalen
from koers.modules.models import Verwijtbaarheid
from tests.modules.conftest import map_activiteit, pvt_klaar

pytestmark = pytest.mark.django_db


def _termijn(traject, eind):
    traject.termijn_eind = eind
    traject.save(update_fields=["termijn_eind"])


def _signaal(soort, vandaag):
    return sorted(next(b for b in signalen.BRONNEN if b.soort == soort).rijen(vandaag))


def test_nee_in_de_laatste_twee_maanden_met_exclusieve_einddatum(zaak, adviseur_weert, vandaag):
    # Einddatum 2 February 2027 (last day 1 February): today, 1 December, is not yet in the
    # last two months [2 December, 2 February) — nothing yet.
    _termijn(zaak, date(2027, 2, 2))
    assert services.stand(zaak).verwijtbaar_keuzes == ()
    assert _signaal("pvt_verwijtbaar", vandaag) == []
    with pytest.raises(Weigering) as e:
        services.meld_verwijtbaar(zaak, "pvt", adviseur_weert, verwijtbaar="Nee")
    assert "laatste 2 maanden" in e.value.fouten["verwijtbaar"]
    # Einddatum 1 February 2027: the last two months are [1 December, 1 February) — 'Nee' now.
    _termijn(zaak, date(2027, 2, 1))
    assert services.stand(zaak).verwijtbaar_keuzes == ("Nee",)
    assert _signaal("pvt_verwijtbaar", vandaag) == [(zaak.pk, date(2027, 1, 31), "")]
    assert _signaal("map_verwijtbaar", vandaag) == [(zaak.pk, date(2027, 1, 31), "")]
    with pytest.raises(Weigering) as e:  # 'Ja' only after the termijn
        services.meld_verwijtbaar(zaak, "pvt", adviseur_weert, verwijtbaar="Ja")
    assert "'Ja' kan pas" in e.value.fouten["verwijtbaar"]

    v = services.meld_verwijtbaar(
        zaak,
        "pvt",
        adviseur_weert,
        verwijtbaar="Nee",
        toelichting="De gemeente kon het PVT niet eerder bieden.",
    )
    assert v.bericht.operation_id == "updatePvtByBsn"
    assert v.bericht.body == {"verwijtbaar": "Nee"}  # no date: the module is not done
    assert _signaal("pvt_verwijtbaar", vandaag) == []
    assert [r[0] for r in _signaal("map_verwijtbaar", vandaag)] == [zaak.pk]


def test_na_het_einde_ja_of_nee_en_opnieuw_een_signaal(zaak, adviseur_weert, vandaag, time_machine):
    _termijn(zaak, date(2026, 12, 2))  # last day is today: not exceeded yet
    services.meld_verwijtbaar(zaak, "map", adviseur_weert, verwijtbaar="Nee")
    assert _signaal("map_verwijtbaar", vandaag) == []
    with pytest.raises(Weigering):
        services.meld_verwijtbaar(zaak, "map", adviseur_weert, verwijtbaar="Ja")

    time_machine.move_to(date(2026, 12, 2))  # DUO's einddatum: the termijn is exceeded
    assert services.stand(zaak).verwijtbaar_keuzes == ("Ja", "Nee")
    # The earlier 'Nee' was about the last two months: DUO needs a judgement now.
    assert _signaal("map_verwijtbaar", date(2026, 12, 2)) == [(zaak.pk, date(2026, 12, 2), "")]
    v = services.meld_verwijtbaar(zaak, "map", adviseur_weert, verwijtbaar="Ja")
    assert v.bericht.body == {"verwijtbaar": "Ja"}
    assert _signaal("map_verwijtbaar", date(2026, 12, 2)) == []
    # A report DUO refused does not count.
    Bericht.objects.filter(pk=v.bericht_id).update(status=Bericht.Status.GEWEIGERD)
    assert [r[0] for r in _signaal("map_verwijtbaar", date(2026, 12, 2))] == [zaak.pk]


def test_een_afgeronde_module_meldt_de_datum(zaak, adviseur_weert, vandaag):
    _termijn(zaak, date(2027, 1, 15))
    pvt_klaar(zaak, adviseur_weert)
    services.onderteken_pvt(zaak, adviseur_weert, datum=date(2026, 11, 25))
    with pytest.raises(Weigering) as e:
        services.meld_verwijtbaar(zaak, "pvt", adviseur_weert, verwijtbaar="Nee")
    assert "al afgerond" in e.value.fouten["__all__"]
    assert _signaal("pvt_verwijtbaar", vandaag) == []  # done: no signal
    assert not Verwijtbaarheid.objects.exists()
    assert [r[0] for r in _signaal("map_verwijtbaar", vandaag)] == [zaak.pk]
    map_activiteit(zaak, adviseur_weert)
    services.houd_map_eindgesprek(
        zaak, adviseur_weert, datum=date(2026, 11, 26), samenvatting="Klaar.", melden=False
    )
    assert _signaal("map_verwijtbaar", vandaag) == []


def test_map_zonder_map_route_en_foute_invoer(zaak_o, adviseur_weert, vandaag):
    _termijn(zaak_o, date(2027, 1, 15))
    assert _signaal("map_verwijtbaar", vandaag) == []
    with pytest.raises(Weigering) as e:
        services.meld_verwijtbaar(zaak_o, "map", adviseur_weert, verwijtbaar="Nee")
    assert "B1-route" in e.value.fouten["__all__"]
    with pytest.raises(Weigering) as e:
        services.meld_verwijtbaar(
            zaak_o, "pvt", adviseur_weert, verwijtbaar="Misschien", toelichting="x" * 1001
        )
    assert set(e.value.fouten) == {"verwijtbaar", "toelichting"}
    assert not Bericht.objects.filter(soort__in=("pvt", "map")).exists()


def test_api_en_pagina(api, als, adviseur_weert, zaak, vandaag):
    _termijn(zaak, date(2027, 1, 15))
    url = f"/api/v1/inburgeraars/{zaak.inburgeraar_id}/pvt"
    data = api(adviseur_weert).get(url).json()
    assert data["verwijtbaar_zonder_datum_mogelijk"] == ["Nee"]
    fout = api(adviseur_weert).post(url + "/verwijtbaar", {"verwijtbaar": "Ja"}, format="json")
    assert fout.status_code == 400 and "verwijtbaar" in str(fout.json())
    assert not Verwijtbaarheid.objects.exists()
    goed = api(adviseur_weert).post(url + "/verwijtbaar", {"verwijtbaar": "Nee"}, format="json")
    assert goed.status_code == 200
    assert goed.json()["verwijtbaar_meldingen"][0]["verwijtbaar"] == "Nee"

    pagina = f"/inburgeraars/{zaak.inburgeraar_id}/modules/map/"
    html = als(adviseur_weert).get(pagina).content.decode()
    assert 'id="verwijtbaarformulier"' in html
    antwoord = als(adviseur_weert).post(pagina + "verwijtbaar/", {"verwijtbaar": "Nee"})
    assert antwoord.status_code == 302
    assert Verwijtbaarheid.objects.filter(module="map", verwijtbaar="Nee").exists()
