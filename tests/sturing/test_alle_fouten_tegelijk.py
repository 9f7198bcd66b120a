"""The contract and cost forms of financiën show the errors of their fields and of the
services' checks in one response, not the checks' only after a second submit; nothing is
saved."""

import pytest
from django.urls import reverse

from koers.sturing.models import Contract, Kostenpost
from tests.foutsamenvatting import bevat_beide

pytestmark = pytest.mark.django_db


def test_contract(financien, als):
    antwoord = als(financien).post(
        reverse("sturing:contract_nieuw"),
        {
            "aanbieder_naam": "Taalschool",
            "voorziening": "map",
            "eenheid": "per_dag",  # the field: a choice
            "tarief": "1250,00",
            "geldig_van": "2026-06-01",
            "geldig_tot": "2026-01-01",  # the check: not before the start
        },
    )
    bevat_beide(
        antwoord,
        "Kies bij 'Eenheid' een van de mogelijkheden.",
        "De einddatum ligt voor de begindatum.",
    )
    assert not Contract.objects.exists()


def test_kostenpost(adviseur_weert, als, traject_weert):
    antwoord = als(adviseur_weert).post(
        reverse("sturing:kosten", args=[traject_weert.inburgeraar.pk]),
        {"voorziening": "tolken", "datum": "31-02-2026", "bedrag": ""},
    )
    bevat_beide(antwoord, "geldige datum", "Vul een bedrag in.")
    assert not Kostenpost.objects.exists()
