"""The steps of a handhavingszaak are plain classes on one base, and read JSON only: a form
gets 415 and saves nothing."""

import pytest
from django.urls import reverse
from rest_framework.parsers import JSONParser

from koers.handhaving import api as handhaving_api
from koers.handhaving.models import Handhavingszaak

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "klasse",
    [
        "ZaakWaarschuwing",
        "ZaakVoornemen",
        "ZaakZienswijze",
        "ZaakOnwil",
        "ZaakBoete",
        "ZaakAfsluiten",
    ],
)
def test_handhavingsstappen_zijn_gewone_klassen(klasse):
    view = getattr(handhaving_api, klasse)
    assert view.__name__ == klasse
    assert view.__module__ == "koers.handhaving.api"
    assert issubclass(view, handhaving_api._ZaakStap)
    assert list(view.parser_classes) == [JSONParser]


def test_handhavingsstap_met_formulier_geeft_415(api, adviseur_weert, gezin_weert):
    client = api(adviseur_weert)
    zaken = reverse("api:handhaving-zaken", kwargs={"pk": gezin_weert.inburgeraar.pk})
    antwoord = client.post(
        zaken,
        {"verzuim": "lessen", "datum": "2026-11-01", "omschrijving": "Niet naar de les."},
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.json()
    zaak_id = antwoord.json()["id"]
    url = reverse(
        "api:handhaving-waarschuwing", kwargs={"pk": gezin_weert.inburgeraar.pk, "zaak_id": zaak_id}
    )

    antwoord = client.post(url, {"datum": "2026-11-02"})  # multipart, not JSON
    assert antwoord.status_code == 415
    assert set(antwoord.json()) == {"detail"}
    assert not Handhavingszaak.objects.get(pk=zaak_id).brieven.exists()

    antwoord = client.post(url, {"datum": "2026-11-02"}, format="json")
    assert antwoord.status_code == 200, antwoord.json()
    assert [b["soort"] for b in antwoord.json()["brieven"]] == ["waarschuwing"]
