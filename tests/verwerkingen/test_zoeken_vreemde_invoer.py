"""The log search with input the calendar or int() cannot hold: a Dutch error, never a 500."""

import pytest

ZOEKEN = "/verwerkingen/"


@pytest.mark.parametrize(
    "params, veld",
    [
        ({"tot": "9999-12-31"}, "tot"),  # + 1 day overflows
        ({"van": "0001-01-01"}, "van"),  # to UTC overflows
        ({"van": "99999-01-01"}, "van"),  # not an ISO date at all
    ],
)
def test_a_date_at_the_calendars_edge_is_a_field_error(als, privacy, params, veld):
    response = als(privacy).get(ZOEKEN, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'href="#id_{veld}"' in html
    assert "Vul een datum in" in html


@pytest.mark.parametrize("na", ["²", "١٢", "9" * 30])
def test_a_page_number_int_cannot_read_is_refused(als, privacy, na):
    response = als(privacy).get(ZOEKEN, {"na": na})
    assert response.status_code == 400
    assert "Deze pagina bestaat niet" in response.content.decode()
    assert response.context["rijen"] == []


def test_a_plain_page_number_still_pages(als, privacy):
    assert als(privacy).get(ZOEKEN, {"na": "12"}).status_code == 200
