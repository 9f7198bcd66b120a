"""Functioneel beheer sets the gemeente's default amount in the admin; the law's maximum
holds there too."""

import pytest

from koers.handhaving.models import Handhavingsbeleid

pytestmark = pytest.mark.django_db
URL = "/beheer/handhaving/handhavingsbeleid/add/"


@pytest.mark.parametrize(("bedrag", "opgeslagen"), [("300", True), ("900", False), ("0", False)])
def test_beheer_stelt_standaardbedrag_in(als, beheerder, weert, bedrag, opgeslagen):
    antwoord = als(beheerder).post(
        URL, {"gemeente": weert.pk, "standaard_boete": bedrag, "zienswijze_weken": "2"}
    )
    assert Handhavingsbeleid.objects.filter(gemeente=weert).exists() is opgeslagen
    if opgeslagen:
        assert antwoord.status_code == 302
        assert Handhavingsbeleid.objects.get().standaard_boete == 300
    else:
        assert antwoord.status_code == 200


def test_adviseur_komt_niet_in_het_beheer(als, adviseur_weert):
    assert als(adviseur_weert).get(URL).status_code in (302, 403)


def test_beheer_kiest_boetebeleid_voor_asielstatushouders(als, beheerder, weert):
    """Local policy (P): the gemeente switches "no boete for asielstatushouders" off where it
    edits its other handhaving settings."""
    antwoord = als(beheerder).post(
        URL, {"gemeente": weert.pk, "standaard_boete": "250", "zienswijze_weken": "3"}
    )
    assert antwoord.status_code == 302
    beleid = Handhavingsbeleid.objects.get(gemeente=weert)
    assert beleid.geen_boete_asielstatushouders is False  # unticked checkbox
    assert beleid.zienswijze_weken == 3
    assert "geen_boete_asielstatushouders" in als(beheerder).get(URL).content.decode()
