"""Building blocks: the spinnenweb geometry, the deadline ranges, labels on every field and
the error pages."""

import datetime as dt
import re

import pytest
import time_machine

from koers.inburgeraars import rules
from koers.intake.spinnenweb import MIDDEN_X, MIDDEN_Y, STRAAL, spinnenweb


def test_spinnenweb_points_follow_the_scores():
    web = spinnenweb([("A", 10), ("B", 5), ("C", 0), ("D", None), ("E", 10), ("F", 10)])
    punten = [tuple(map(float, p.split(","))) for p in web["vorm"].split()]
    assert punten[0] == (MIDDEN_X, MIDDEN_Y - STRAAL)  # 10 at the top: the full radius
    afstand = ((punten[1][0] - MIDDEN_X) ** 2 + (punten[1][1] - MIDDEN_Y) ** 2) ** 0.5
    assert afstand == pytest.approx(STRAAL / 2, abs=0.2)
    assert punten[2] == punten[3] == (MIDDEN_X, MIDDEN_Y)  # 0 and missing: the centre
    assert [a.score for a in web["assen"]] == [10, 5, 0, None, 10, 10]
    assert len(web["ringen"]) == 5


def test_spinnenweb_ignores_impossible_scores():
    web = spinnenweb([("A", 11), ("B", "7"), ("C", True)])
    assert [a.score for a in web["assen"]] == [None, None, None]


@pytest.mark.parametrize("urgentie", ["te_laat", "bijna", "op_tijd"])
def test_deadline_bereik_agrees_with_deadline_urgentie(urgentie):
    vandaag = dt.date(2026, 10, 1)
    van, tot = rules.deadline_bereik(urgentie, vandaag)
    for dagen in range(-40, 41):
        deadline = vandaag + dt.timedelta(days=dagen)
        binnen = (van is None or deadline >= van) and (tot is None or deadline <= tot)
        assert binnen == (rules.deadline_urgentie(deadline, vandaag) == urgentie), deadline


def _velden_zonder_label(html: str) -> list[str]:
    ids = re.findall(
        r'<(?:input|select|textarea)(?![^>]*type="(?:hidden|submit)")[^>]*'
        r'\sid="([^"]+)"',
        html,
    )
    return [i for i in ids if f'for="{i}"' not in html]


@pytest.fixture
def met_intake(adviseur_weert, traject_weert):
    from tests.web.conftest import volledige_intake

    with time_machine.travel("2026-10-01 10:00:00+02:00", tick=False):
        volledige_intake(traject_weert, adviseur_weert)
    return traject_weert


@pytest.mark.parametrize("pad", ["/", "/inburgeraars/nieuw/", "{pk}", "{pk}gegevens/", "{pk}pip/"])
def test_every_field_has_a_label(als, adviseur_weert, met_intake, pad):
    pk = f"/inburgeraars/{met_intake.inburgeraar_id}/"
    html = als(adviseur_weert).get(pad.format(pk=pk)).content.decode()
    assert _velden_zonder_label(html) == []


def test_every_intake_field_has_a_label(als, adviseur_weert, traject_weert):
    html = (
        als(adviseur_weert)
        .get(f"/inburgeraars/{traject_weert.inburgeraar_id}/intake/")
        .content.decode()
    )
    assert _velden_zonder_label(html) == []


def test_the_teamleider_case_page_has_labels(als, teamleider_weert, traject_weert):
    html = (
        als(teamleider_weert).get(f"/inburgeraars/{traject_weert.inburgeraar_id}/").content.decode()
    )
    assert 'id="adviseurformulier"' in html
    assert _velden_zonder_label(html) == []


def test_404_page_is_friendly_and_without_personal_data(als, adviseur_weert, traject_cranendonck):
    response = als(adviseur_weert).get(f"/inburgeraars/{traject_cranendonck.inburgeraar_id}/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in html
    assert traject_cranendonck.inburgeraar.geslachtsnaam not in html


def test_500_page_renders_without_a_request():
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "Er ging iets mis" in html and 'lang="nl"' in html


@pytest.mark.parametrize(
    ("dagen", "tekst", "soort"),
    [(-1, "Te laat", "te_laat"), (0, "Vandaag", "bijna"), (1, "Binnen 2 weken", "bijna")],
)
def test_deadline_says_today_on_the_day_itself(dagen, tekst, soort):
    from koers.web.templatetags.koers_web import deadline

    vandaag = dt.date(2026, 12, 7)
    html = str(deadline(vandaag + dt.timedelta(days=dagen), vandaag))
    assert f"koers-deadline--{soort}" in html
    assert re.search(rf"<strong[^>]*>{tekst}</strong>", html), html
