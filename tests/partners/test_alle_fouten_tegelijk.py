"""Referring a case, the partner's progress report and the taakverdeling show the errors of
their fields and of the rules in one response, not the rules' only after a second submit;
nothing is saved."""

import pytest

from koers.partners.models import Taakverdeling, Verwijzing, Voortgang
from tests.foutsamenvatting import bevat_beide

pytestmark = pytest.mark.django_db


def test_verwijzen(zaak, adviseur_weert, werkkom, als):
    antwoord = als(adviseur_weert).post(
        f"/inburgeraars/{zaak.inburgeraar_id}/verwijzen/",
        {
            "taak": "b1_route",  # the rule: Werk.Kom does not do this task
            "organisatie": werkkom.pk,
            "startdatum": "morgen",  # the field: a date
        },
    )
    assert antwoord.status_code == 400
    bevat_beide(antwoord, "geldige datum", "Deze organisatie voert deze taak niet uit")
    assert not Verwijzing.objects.exists()


def test_voortgang(zaak, werkkom, wim, verwijs, als):
    v = verwijs(zaak, werkkom)
    client = als(wim)
    assert client.post(f"/verwijzingen/{v.pk}/accepteren/").status_code == 302
    antwoord = client.post(
        f"/verwijzingen/{v.pk}/voortgang/",
        {
            "voortgang-datum": "2026-11-10",
            "voortgang-uren": "veel",  # the field: a number
            "voortgang-afspraken_gepland": "2",
            "voortgang-afspraken_aanwezig": "3",  # the rule: not more than planned
        },
    )
    assert antwoord.status_code == 400
    bevat_beide(antwoord, "'Uren'", "Er kunnen niet meer afspraken bijgewoond zijn")
    assert not Voortgang.objects.exists()


def test_taakverdeling(weert, werkkom, teamleider_weert, als):
    antwoord = als(teamleider_weert).post(
        "/taakverdeling/",
        {
            "taak": "pip",
            "pip-schaal": "landelijk",  # the field: a choice
            "pip-uitvoerder": werkkom.pk,  # the rule: the gemeente makes the PIP itself
        },
    )
    assert antwoord.status_code == 400
    bevat_beide(
        antwoord,
        "Kies bij 'Schaal' een van de mogelijkheden.",
        "Deze taak voert de gemeente zelf uit.",
    )
    assert not Taakverdeling.objects.filter(taak="pip").exists()
