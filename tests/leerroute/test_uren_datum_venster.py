"""Hours periods and exam dates outside the execution window (koers.inburgeraars.rules
.uitvoering_venster) are refused with a Dutch field error, on the page and in the API."""

import pytest

from koers.leerroute.models import UrenPeriode
from tests.leerroute.test_api import UREN, url
from tests.leerroute.test_web import UREN_POST, pagina


@pytest.mark.parametrize(
    "veld, waarde",
    [
        ("periode_start", "0001-01-01"),
        ("periode_eind", "9999-12-31"),
        ("periode_start", "2020-12-31"),
        ("periode_eind", "2029-06-02"),  # today is 1 June 2027
    ],
)
def test_api_uren_outside_the_window_is_a_400(api, adviseur_weert, b1, veld, waarde):
    response = api(adviseur_weert).post(url(b1, "uren"), {**UREN, veld: waarde}, format="json")
    assert response.status_code == 400
    fouten = response.json()["fouten"]
    assert fouten[veld][0].startswith("Deze datum ligt te ver")
    assert not UrenPeriode.objects.exists()


def test_page_uren_outside_the_window_shows_the_error(als, adviseur_weert, b1):
    response = als(adviseur_weert).post(
        pagina(b1, "uren/"), {**UREN_POST, "periode_start": "0001-01-01"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="foutsamenvatting"' in html and "Deze datum ligt te ver terug" in html
    assert not UrenPeriode.objects.exists()


def test_api_exam_date_at_the_calendars_end_is_a_400(api, adviseur_weert, b1):
    response = api(adviseur_weert).post(
        url(b1, "examens"),
        {"onderdeel": "KNM", "examendatum": "9999-12-31", "resultaat": "Geslaagd"},
        format="json",
    )
    assert response.status_code == 400
    assert "examendatum" in response.json()["fouten"]
