"""Dates nobody can mean are refused with a Dutch field error, never a 500: the windows of
koers.inburgeraars.rules, in the services (so web and API alike) and at the calendar's edge."""

from datetime import date, timedelta

import pytest

from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars import rules
from koers.inburgeraars.models import Inburgeraar
from koers.inburgeraars.services import meld_aan, wijzig_gegevens
from tests.api.conftest import nieuwe_inburgeraar
from tests.factories import valid_bsn

VANDAAG = date(2026, 10, 1)


@pytest.mark.parametrize(
    "geboortedatum, fout",
    [
        (date(1988, 3, 2), None),
        (VANDAAG, None),
        (date(1906, 10, 1), None),  # exactly 120 years
        (date(1906, 9, 30), "meer dan 120 jaar geleden"),
        (date(1, 1, 1), "meer dan 120 jaar geleden"),
        (VANDAAG + timedelta(days=1), "kan niet in de toekomst liggen"),
        (date(9999, 12, 31), "kan niet in de toekomst liggen"),
    ],
)
def test_geboortedatum_window(geboortedatum, fout):
    uitkomst = rules.geboortedatum_fout(geboortedatum, VANDAAG)
    assert uitkomst is None if fout is None else fout in uitkomst


@pytest.mark.parametrize(
    "start, fout",
    [
        (date(2022, 1, 1), None),
        (date(2028, 10, 1), None),  # two years ahead
        (date(2021, 12, 31), "begint niet vóór 1 januari 2022"),
        (date(2028, 10, 2), "meer dan 2 jaar in de toekomst"),
        (date(9999, 12, 31), "meer dan 2 jaar in de toekomst"),
    ],
)
def test_plicht_start_window(start, fout):
    uitkomst = rules.plicht_start_fout(start, VANDAAG)
    assert uitkomst is None if fout is None else fout in uitkomst


@pytest.mark.parametrize(
    "dag, plicht_start, goed",
    [
        (date(2025, 3, 1), date(2026, 3, 1), True),  # one year before the plicht
        (date(2025, 2, 28), date(2026, 3, 1), False),
        (date(2021, 1, 1), None, True),  # without a start: the law's start
        (date(2020, 12, 31), None, False),
        (date(2028, 10, 1), date(2026, 3, 1), True),  # two years after today
        (date(2028, 10, 2), date(2026, 3, 1), False),
        (date(1, 1, 1), None, False),
        (date(9999, 12, 31), None, False),
    ],
)
def test_uitvoering_window(dag, plicht_start, goed):
    fout = rules.uitvoering_datum_fout(dag, VANDAAG, plicht_start)
    assert (fout is None) is goed
    if not goed:
        assert fout.startswith(
            (
                "Deze datum ligt te ver terug. Vul een datum in vanaf ",
                "Deze datum ligt te ver in de toekomst. Vul een datum in tot ",
            )
        )


def test_29_february_moves_to_the_28th():
    assert rules.jaren_verschoven(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert rules.jaren_verschoven(date(2024, 2, 29), -120) == date(1904, 2, 29)


def test_deadline_arithmetic_past_the_calendar_is_a_domain_error_not_an_overflow():
    with pytest.raises(rules.DatumBuitenBereik):
        rules.pip_uiterlijk(date(9999, 12, 31))
    with pytest.raises(rules.DatumBuitenBereik):
        rules.termijn_laatste_dag(date(1, 1, 1))
    with pytest.raises(ValueError):  # DatumBuitenBereik is a ValueError for callers
        rules.deadline_bereik(rules.Urgentie.OP_TIJD, date(9999, 12, 31))
    assert rules.pip_uiterlijk(rules.KALENDER_MAX) is not None


@pytest.fixture
def vandaag(time_machine):
    time_machine.move_to(VANDAAG, tick=False)
    return VANDAAG


def _gegevens(**extra):
    return {
        "bsn": valid_bsn(1),
        "voornamen": "Yusuf",
        "geslachtsnaam": "Karimi",
        "geboortedatum": date(1988, 3, 4),
        "doelgroep": "Asielstatushouder",
        "vestigingsdatum": date(2026, 6, 1),
        **extra,
    }


@pytest.mark.parametrize(
    "veld, waarde",
    [
        ("geboortedatum", date(9999, 12, 31)),
        ("geboortedatum", date(1, 1, 1)),
        ("vestigingsdatum", date(9999, 12, 31)),
        ("vestigingsdatum", date(1, 1, 1)),
        ("datum_start_plicht", date(2021, 6, 1)),
        ("datum_start_pip_termijn", date(9999, 12, 31)),
        ("derde_informatie_ontvangen", date(1, 1, 1)),
    ],
)
def test_meld_aan_refuses_an_implausible_date_per_field(
    vandaag, weert, adviseur_weert, veld, waarde
):
    with pytest.raises(Weigering) as weigering:
        meld_aan(gemeente=weert, door=adviseur_weert, **_gegevens(**{veld: waarde}))
    assert set(weigering.value.fouten) == {veld}
    assert not Inburgeraar.objects.exists()


def test_wijzigen_checks_only_the_dates_that_change(vandaag, weert, adviseur_weert):
    persoon = meld_aan(
        gemeente=weert, door=adviseur_weert, **_gegevens(datum_start_plicht=date(2026, 6, 1))
    )
    # An old value (e.g. from a former system) does not block correcting something else.
    Inburgeraar.objects.filter(pk=persoon.pk).update(geboortedatum=date(1890, 1, 1))
    persoon.refresh_from_db()
    wijzig_gegevens(persoon, adviseur_weert, geboortedatum=date(1890, 1, 1), voornamen="Yusuf Ali")
    with pytest.raises(Weigering) as weigering:
        wijzig_gegevens(persoon, adviseur_weert, datum_start_pip_termijn=date(9999, 12, 31))
    assert set(weigering.value.fouten) == {"datum_start_pip_termijn"}


def test_duos_own_dates_are_not_second_guessed(vandaag, weert, adviseur_weert):
    persoon = meld_aan(gemeente=weert, door=adviseur_weert, **_gegevens())
    wijzig_gegevens(persoon, None, datum_start_plicht=date(2021, 12, 1))
    persoon.refresh_from_db()
    assert persoon.huidig_traject.datum_start_plicht == date(2021, 12, 1)


@pytest.mark.parametrize(
    "veld, waarde, tekst",
    [
        ("geboortedatum", "9999-12-31", "De geboortedatum kan niet in de toekomst liggen."),
        ("geboortedatum", "1850-01-01", "meer dan 120 jaar geleden"),
        ("datum_start_plicht", "2019-01-01", "begint niet vóór 1 januari 2022"),
        ("datum_start_pip_termijn", "9999-12-31", "Deze datum ligt te ver in de toekomst"),
        ("vestigingsdatum", "0001-01-01", "Deze datum kan niet kloppen"),
    ],
)
def test_api_registration_gives_400_with_the_field(
    api, vandaag, adviseur_weert, veld, waarde, tekst
):
    response = api(adviseur_weert).post(
        "/api/v1/inburgeraars", nieuwe_inburgeraar(valid_bsn(2), **{veld: waarde}), format="json"
    )
    assert response.status_code == 400, response.content
    fouten = response.json()["fouten"]
    assert list(fouten) == [veld]
    assert tekst in fouten[veld][0]


def test_api_change_to_the_calendars_last_day_is_a_400_not_a_500(api, vandaag, adviseur_weert):
    client = api(adviseur_weert)
    pk = client.post(
        "/api/v1/inburgeraars", nieuwe_inburgeraar(valid_bsn(3)), format="json"
    ).json()["id"]
    datums = dict.fromkeys(
        (
            "geboortedatum",
            "vestigingsdatum",
            "datum_start_plicht",
            "datum_start_pip_termijn",
            "derde_informatie_ontvangen",
        ),
        "9999-12-31",
    )
    response = client.patch(f"/api/v1/inburgeraars/{pk}", datums, format="json")
    assert response.status_code == 400
    assert set(response.json()["fouten"]) == set(datums)


def test_web_registration_shows_the_error_on_the_form(als, vandaag, weert, adviseur_weert):
    response = als(adviseur_weert).post(
        "/inburgeraars/nieuw/",
        {
            "bsn": valid_bsn(4),
            "voornamen": "Yonas",
            "geslachtsnaam": "Tesfay",
            "geboortedatum": "1902-05-01",
            "doelgroep": "Asielstatushouder",
            "gemeente": weert.pk,
            "datum_start_pip_termijn": "2100-01-01",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="foutsamenvatting"' in html
    assert "meer dan 120 jaar geleden" in html
    assert "Deze datum ligt te ver in de toekomst" in html
    assert not Inburgeraar.objects.exists()


def test_web_registration_at_the_calendars_edge_is_a_form_error(
    als, vandaag, weert, adviseur_weert
):
    response = als(adviseur_weert).post(
        "/inburgeraars/nieuw/",
        {
            "bsn": valid_bsn(4),
            "voornamen": "Yonas",
            "geslachtsnaam": "Tesfay",
            "geboortedatum": "0001-01-01",
            "doelgroep": "Asielstatushouder",
            "gemeente": weert.pk,
            "datum_start_pip_termijn": "9999-12-31",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="foutsamenvatting"' in html
    assert html.count("Deze datum kan niet kloppen") >= 2
    assert not Inburgeraar.objects.exists()
