"""Correcting the date of a closed PVT or MAP: the closing rules apply to the new date, a
date DUO already holds is reported again, a refusal changes nothing (service, web, API)."""

from datetime import date

import pytest
from django.urls import reverse

from koers.bouwstenen.weigering import Weigering
from koers.duo.models import Bericht
from koers.modules import services
from koers.modules.models import Afronding
from tests.modules.conftest import pvt_klaar


def test_gemelde_datum_gaat_opnieuw_naar_duo(zaak, adviseur_weert):
    pvt_klaar(zaak, adviseur_weert)
    services.onderteken_pvt(zaak, adviseur_weert, datum=date(2026, 11, 25))
    afronding = services.corrigeer_datum(zaak, "pvt", adviseur_weert, datum=date(2026, 11, 24))
    assert afronding.datum == date(2026, 11, 24)
    meldingen = list(Bericht.objects.filter(soort="pvt").order_by("pk"))
    assert [b.body for b in meldingen] == [
        {"datumOndertekeningPvt": "2026-11-25"},
        {"datumOndertekeningPvt": "2026-11-24"},
    ]
    assert afronding.bericht == meldingen[-1]
    assert zaak.gebeurtenissen.filter(
        omschrijving__contains="25 november 2026 wordt 24 november 2026"
    ).exists()


def test_niet_gemelde_datum_blijft_ongemeld(zaak, adviseur_weert):
    pvt_klaar(zaak, adviseur_weert)
    services.onderteken_pvt(zaak, adviseur_weert, datum=date(2026, 11, 25), melden=False)
    services.corrigeer_datum(zaak, "pvt", adviseur_weert, datum=date(2026, 11, 24))
    assert not Bericht.objects.filter(soort="pvt").exists()


@pytest.mark.parametrize(
    ("datum", "veld"),
    [
        (date(2027, 1, 1), "datum"),  # in the future
        (None, "datum"),  # empty
        (date(2026, 11, 25), "datum"),  # the same date: nothing to correct
    ],
)
def test_foute_datum_verandert_niets(zaak, adviseur_weert, datum, veld):
    pvt_klaar(zaak, adviseur_weert)
    services.onderteken_pvt(zaak, adviseur_weert, datum=date(2026, 11, 25))
    with pytest.raises(Weigering) as fout:
        services.corrigeer_datum(zaak, "pvt", adviseur_weert, datum=datum)
    assert veld in fout.value.fouten
    assert Afronding.objects.get().datum == date(2026, 11, 25)
    assert Bericht.objects.filter(soort="pvt").count() == 1


def test_zonder_afronding_niets_te_corrigeren(zaak, adviseur_weert):
    with pytest.raises(Weigering, match="nog niet afgerond"):
        services.corrigeer_datum(zaak, "map", adviseur_weert, datum=date(2026, 11, 24))


def test_corrigeren_in_de_browser(als, adviseur_weert, zaak):
    pvt_klaar(zaak, adviseur_weert)
    services.onderteken_pvt(zaak, adviseur_weert, datum=date(2026, 11, 25))
    client = als(adviseur_weert)
    pagina = reverse("modules:module", args=[zaak.inburgeraar_id, "pvt"])
    assert 'id="corrigeerformulier"' in client.get(pagina).content.decode()
    url = reverse("modules:corrigeren", args=[zaak.inburgeraar_id, "pvt"])
    fout = client.post(url, {"datum": "2030-01-01"})
    assert fout.status_code == 200 and "toekomst" in fout.content.decode()
    goed = client.post(url, {"datum": "2026-11-24"})
    assert goed.status_code == 302
    assert Afronding.objects.get().datum == date(2026, 11, 24)


def test_corrigeren_via_de_api(api, adviseur_weert, teamleider_weert, zaak):
    pvt_klaar(zaak, adviseur_weert)
    services.onderteken_pvt(zaak, adviseur_weert, datum=date(2026, 11, 25))
    pad = f"/api/v1/inburgeraars/{zaak.inburgeraar_id}/pvt/corrigeren"
    assert (
        api(teamleider_weert).post(pad, {"datum": "2026-11-24"}, format="json").status_code == 403
    )
    fout = api(adviseur_weert).post(pad, {"datum": "morgen"}, format="json")
    assert fout.status_code == 400 and "datum" in fout.json()["fouten"]
    goed = api(adviseur_weert).post(pad, {"datum": "2026-11-24"}, format="json")
    assert goed.status_code == 200
    assert Afronding.objects.get().datum == date(2026, 11, 24)
