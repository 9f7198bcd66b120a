"""The leerroute forms (aanbod, exam, the Z-route's eindgesprek) show the errors of their
fields and of the slice's rules in one response, not the rules' only after a second submit;
nothing is saved. Today is 1 June 2027 (tests/leerroute/conftest.py)."""

import pytest

from koers.leerroute.models import Aanbod, Examenresultaat, Zroute
from tests.foutsamenvatting import bevat_beide
from tests.leerroute.test_web import AANBOD_POST, pagina

pytestmark = pytest.mark.django_db


def test_aanbod(als, adviseur_weert, b1):
    antwoord = als(adviseur_weert).post(
        pagina(b1, "aanbod/"),
        {**AANBOD_POST, "einddatum": "2026-10-31", "alfabetisering": "X"},
    )
    bevat_beide(
        antwoord,
        "Kies bij 'Alfabetisering' een van de mogelijkheden.",
        "Kies als laatste lesdag de startdatum of een dag daarna.",
    )
    assert not Aanbod.objects.exists()


def test_examen(als, adviseur_weert, b1):
    antwoord = als(adviseur_weert).post(
        pagina(b1, "examens/"),
        {
            "onderdeel": "SP",
            "niveau": "C2",  # the field: a choice
            "examendatum": "2027-05-02",
            "resultaat": "Gezakt",
            "reden_geen_resultaat": "Absent",  # the rule: only with 'geen resultaat'
        },
    )
    bevat_beide(antwoord, "Kies bij 'Niveau' een van de mogelijkheden.", "Een reden hoort alleen")
    assert not Examenresultaat.objects.exists()


def test_zroute_eindgesprek(als, adviseur_weert, zroute):
    antwoord = als(adviseur_weert).post(
        pagina(zroute, "zroute/"),
        {"datum": "2027-06-15", "afspraken_nagekomen": "ja", "conclusie": ""},
    )
    bevat_beide(antwoord, "Vul 'Conclusie' in.", "niet in de toekomst ligt")
    assert Zroute.objects.filter(eindgesprek_op__isnull=False).count() == 0
