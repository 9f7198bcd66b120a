"""The PVT and MAP forms (activity, signing, eindgesprek, correcting a date) show the errors
of their fields and of the modules' rules in one response, not the rules' only after a second
submit; nothing is saved."""

from datetime import date

import pytest
from django.urls import reverse

from koers.modules import services
from koers.modules.models import Activiteit, Afronding
from tests.foutsamenvatting import bevat_beide
from tests.modules.conftest import activiteit, pvt_klaar
from tests.modules.test_web import _post_activiteit, _url

pytestmark = pytest.mark.django_db


def test_new_activity(als, adviseur_weert, zaak):
    antwoord = als(adviseur_weert).post(
        _url(zaak), _post_activiteit(uren="drie", datum="2026-12-24")
    )
    bevat_beide(
        antwoord,
        "Vul bij 'Aantal uren' een getal in",
        "De datum mag niet in de toekomst liggen.",
    )
    assert not Activiteit.objects.exists()


def test_changed_activity(als, adviseur_weert, zaak):
    a = activiteit(zaak, adviseur_weert)
    antwoord = als(adviseur_weert).post(
        f"/inburgeraars/{zaak.inburgeraar_id}/modules/activiteiten/{a.pk}/",
        _post_activiteit(omschrijving="", datum="2026-12-24"),
    )
    bevat_beide(antwoord, "Vul 'Omschrijving' in.", "De datum mag niet in de toekomst liggen.")
    a.refresh_from_db()
    assert a.omschrijving != ""


def test_signing_the_pvt(als, adviseur_weert, zaak):
    activiteit(zaak, adviseur_weert)  # too few hours: the rule
    antwoord = als(adviseur_weert).post(
        _url(zaak, stap="afronden/"), {"datum": "2026-11-25", "verwijtbaar": "Soms"}
    )
    bevat_beide(antwoord, "Kies bij 'Verwijtbaar' een van", "minstens 12 uur PVT nodig")
    assert not Afronding.objects.exists()


def test_the_map_eindgesprek(als, adviseur_weert, zaak):
    antwoord = als(adviseur_weert).post(
        _url(zaak, "map", "afronden/"),
        {"datum": "2026-12-25", "uitvoerder": "Werk.Kom", "samenvatting": ""},
    )
    bevat_beide(
        antwoord, "Vul 'Samenvatting van het eindgesprek' in.", "mag niet in de toekomst liggen"
    )
    assert not Afronding.objects.exists()


def test_correcting_a_date(als, adviseur_weert, zaak):
    pvt_klaar(zaak, adviseur_weert)
    services.onderteken_pvt(zaak, adviseur_weert, datum=date(2026, 11, 25))
    antwoord = als(adviseur_weert).post(
        reverse("modules:corrigeren", args=[zaak.inburgeraar_id, "pvt"]),
        {"datum": "2026-12-24", "verwijtbaar": "Soms"},
    )
    bevat_beide(antwoord, "Kies bij 'Verwijtbaar' een van", "mag niet in de toekomst liggen")
    assert Afronding.objects.get().datum == date(2026, 11, 25)
