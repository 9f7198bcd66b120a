"""Changing a case's status: nothing is preselected, the required field is marked the way
every Koers form marks it, and a form sent without a choice is refused in Dutch."""

import re

import pytest
import time_machine

from koers.inburgeraars.forms import StatusForm

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def bevroren_tijd():
    with time_machine.travel("2026-10-01 10:00:00+02:00", tick=False):
        yield


def _statusveld(html: str) -> str:
    gevonden = re.search(r'<select name="status".*?</select>', html, re.S)
    assert gevonden, "the status form has no status select"
    return gevonden.group(0)


def test_the_first_choice_is_empty_and_nothing_is_selected():
    form = StatusForm(huidige_status="in_uitvoering")
    keuzes = form.fields["status"].choices
    assert keuzes[0] == ("", "Kies een status")
    assert "afgerond" in [waarde for waarde, _label in keuzes]
    assert form.fields["status"].required


def test_without_a_choice_the_form_says_what_to_do():
    form = StatusForm({"status": ""}, huidige_status="in_uitvoering")
    assert not form.is_valid()
    assert form.errors["status"] == ["Kies bij 'Nieuwe status' de status die het traject krijgt."]


def test_the_page_preselects_no_status_and_marks_only_optional_fields(
    als, adviseur_weert, traject_weert
):
    html = als(adviseur_weert).get(f"/inburgeraars/{traject_weert.inburgeraar_id}/").content
    html = html.decode()
    select = _statusveld(html)
    assert "selected" not in select.split("</option>", 1)[1]  # only the empty choice may be
    assert 'value="" selected' in select or 'value=""' in select.split("</option>", 1)[0]
    assert " required" in select  # the browser and assistive technology know it is required
    formulier = html[html.index('id="statusformulier"') :]
    formulier = formulier[: formulier.index("</form>")]
    # NL Design System: the optional fields say so; the required one carries no such note.
    label_status = re.search(r'<label[^>]*for="id_status"[^>]*>(.*?)</label>', formulier, re.S)
    assert label_status and "niet verplicht" not in label_status.group(1)
    label_reden = re.search(r'<label[^>]*for="id_reden"[^>]*>(.*?)</label>', formulier, re.S)
    assert label_reden and "(niet verplicht)" in label_reden.group(1)


def test_a_post_without_a_choice_changes_nothing_and_explains_in_dutch(
    als, adviseur_weert, traject_weert
):
    antwoord = als(adviseur_weert).post(
        f"/inburgeraars/{traject_weert.inburgeraar_id}/status/", {"status": "", "reden": ""}
    )
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Kies bij &#x27;Nieuwe status&#x27; de status die het traject krijgt." in html
    assert 'aria-invalid="true"' in _statusveld(html)
    traject_weert.refresh_from_db()
    assert traject_weert.status == "aangemeld"
