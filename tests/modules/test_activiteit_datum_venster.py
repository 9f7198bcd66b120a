"""Activity dates (PVT, MAP) outside the execution window are refused with a Dutch field
error, on the page and in the API."""

import pytest

from koers.modules.models import Activiteit
from tests.modules.test_api import ACT
from tests.modules.test_api import _url as api_url
from tests.modules.test_web import _post_activiteit
from tests.modules.test_web import _url as pagina


@pytest.mark.parametrize("datum", ["0001-01-01", "2019-06-01"])
def test_api_activity_before_the_window_is_a_400(api, adviseur_weert, zaak, datum):
    response = api(adviseur_weert).post(
        api_url(zaak, "pvt/activiteiten"), {**ACT, "datum": datum}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["fouten"]["datum"][0].startswith("Deze datum ligt te ver terug.")
    assert not Activiteit.objects.exists()


def test_page_activity_before_the_window_shows_the_error(als, adviseur_weert, zaak):
    response = als(adviseur_weert).post(pagina(zaak), _post_activiteit(datum="0001-01-01"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="foutsamenvatting"' in html and "Deze datum ligt te ver terug" in html
    assert not Activiteit.objects.exists()


def test_api_signing_date_at_the_calendars_end_is_a_400(api, adviseur_weert, zaak):
    response = api(adviseur_weert).post(
        api_url(zaak, "pvt/ondertekenen"), {"datum": "9999-12-31"}, format="json"
    )
    assert response.status_code == 400
    assert "datum" in response.json()["fouten"]
