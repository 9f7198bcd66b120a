"""The intake form: drafts, afronden with the list of what is missing, bad input."""

import re

import pytest
import time_machine

from koers.intake import rules
from koers.intake.models import BredeIntake
from tests.web.conftest import volledige_intake_post


@pytest.fixture(autouse=True)
def bevroren_tijd():
    with time_machine.travel("2026-10-01 10:00:00+02:00", tick=False):
        yield


def url(traject):
    return f"/inburgeraars/{traject.inburgeraar_id}/intake/"


def test_the_form_follows_the_spec(als, adviseur_weert, traject_weert):
    html = als(adviseur_weert).get(url(traject_weert)).content.decode()
    for onderwerp in rules.ONDERWERPEN:
        assert f'for="id_onderwerpen-{onderwerp.sleutel}-toelichting"' in html
        for veld in onderwerp.velden:
            assert f'id="id_onderwerpen-{onderwerp.sleutel}-{veld.naam}' in html
    for dimensie in rules.DIMENSIES:
        assert f'for="id_positieve_gezondheid-{dimensie.sleutel}-score"' in html
    assert 'id="onderwerp-gezondheid"' in html and "Bijzonder persoonsgegeven" in html
    assert 'id="intake-opslaan"' in html and 'id="intake-afronden"' in html


def test_afronden_too_early_lists_exactly_what_is_missing(als, adviseur_weert, traject_weert):
    data = volledige_intake_post()
    del data["onderwerpen-opleiding-toelichting"]
    del data["positieve_gezondheid-zingeving-score"]
    del data["lbt_uitslag"]
    response = als(adviseur_weert).post(url(traject_weert), {**data, "actie": "afronden"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "De intake is opgeslagen, maar nog niet af." in html
    begin = html.index('id="foutsamenvatting"')
    samenvatting = html[begin : html.index("</ul>", begin)]
    links = re.findall(r'<a class="utrecht-link" href="#([^"]+)">', samenvatting)
    # Only the law's minimum blocks (Wi2021 art. 14); a Positieve Gezondheid score is expected
    # (startnotitie) and listed as open, not as an error.
    assert links == ["id_lbt_uitslag", "id_onderwerpen-opleiding-toelichting"]
    assert "Zingeving" in html.split('id="intake-open-verwacht"')[1].split("</ul>")[0]
    for link in links:
        assert f'id="{link}"' in html  # every link lands on a field
    assert 'aria-invalid="true"' in html

    intake = BredeIntake.objects.get(traject=traject_weert)
    assert intake.status == "concept"  # the draft was kept
    assert intake.onderwerpen["motivatie_interesses"]["toelichting"] == (
        "Over motivatie en interesses."
    )
    traject_weert.refresh_from_db()
    assert traject_weert.status == "brede_intake"


def test_a_complete_intake_is_afgerond(als, adviseur_weert, traject_weert):
    client = als(adviseur_weert)
    response = client.post(url(traject_weert), {**volledige_intake_post(), "actie": "afronden"})
    assert response.status_code == 302
    intake = BredeIntake.objects.get(traject=traject_weert)
    assert intake.is_afgerond
    assert intake.gezondheid["belemmeringen"] is False
    assert intake.positieve_gezondheid["zingeving"]["score"] == 6
    # An afgeronde intake is shown on the case page, not edited.
    assert client.get(url(traject_weert)).status_code == 302
    html = client.get(
        f"/inburgeraars/{traject_weert.inburgeraar_id}/dossier/intake/"
    ).content.decode()
    assert "Afgerond op" in html and "Spinnenweb Positieve Gezondheid" in html


def test_a_draft_is_saved_and_shown_again(als, adviseur_weert, traject_weert):
    client = als(adviseur_weert)
    response = client.post(
        url(traject_weert),
        {
            "actie": "concept",
            "onderwerpen-opleiding-toelichting": "Zes jaar school in Syrië.",
            "onderwerpen-gezondheid-belemmeringen": "ja",
            "positieve_gezondheid-meedoen-score": "4",
        },
    )
    assert response.status_code == 302
    html = client.get(url(traject_weert)).content.decode()
    assert "Zes jaar school in Syrië." in html
    assert re.search(r'value="ja"[^>]*checked', html)
    assert re.search(r'name="positieve_gezondheid-meedoen-score" value="4"', html)
    assert "<svg" in html  # the spinnenweb of the saved scores


@pytest.mark.parametrize(
    ("veld", "waarde", "fout"),
    [
        (
            "positieve_gezondheid-zingeving-score",
            "11",
            "Vul bij &#x27;Zingeving&#x27; een score in van 0 tot en met 10",
        ),
        ("positieve_gezondheid-zingeving-score", "zeven", "een heel getal in"),
        ("onderwerpen-opleiding-jaren_onderwijs", "99", "een getal in van 0 tot en met 30"),
        ("onderwerpen-opleiding-hoogste_niveau", "phd", "een van de mogelijkheden"),
        ("lbt_score", "41", "leerbaarheidstoets&#x27; een getal in van 0 tot en met 40."),
        ("lbt_uitslag", "Geslaagd", "een van de mogelijkheden"),
        ("datum", "gisteren", "een geldige datum"),
        ("onderwerpen-gezondheid-belemmeringen", "misschien", "een van de mogelijkheden"),
    ],
)
def test_bad_input_shows_dutch_errors_and_saves_nothing(
    als, adviseur_weert, traject_weert, veld, waarde, fout
):
    response = als(adviseur_weert).post(
        url(traject_weert), {**volledige_intake_post(), veld: waarde, "actie": "afronden"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert fout in html
    assert f'href="#id_{veld}"' in html
    assert not BredeIntake.objects.exists()
    traject_weert.refresh_from_db()
    assert traject_weert.status == "aangemeld"
