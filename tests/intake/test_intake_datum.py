"""The date of the brede intake: a draft may be saved without it, afronden needs it (unless
the person never came), and it never lies in the future. Through the rules, the service,
the API and the page."""

import datetime as dt

import pytest
import time_machine

from koers.bouwstenen.weigering import Weigering
from koers.intake import rules
from koers.intake.models import BredeIntake
from koers.intake.services import bewaar, leg_afspraak_vast, rond_af
from tests.intake.gegevens import volledige_intake
from tests.web.conftest import volledige_intake_post

VANDAAG = dt.date(2026, 10, 15)


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel("2026-10-15 12:00 +02:00", tick=False):
        yield


@pytest.mark.parametrize(
    ("datum", "niet_verschenen", "fouten"),
    [
        (None, 0, {"datum": "Vul de datum van de intake in."}),
        (dt.date(2026, 10, 1), 0, {}),
        (None, 1, {}),  # never came: closed without a conversation, so without its date
    ],
)
def test_afronden_needs_the_date(datum, niet_verschenen, fouten):
    assert rules.afronden_datum_fouten(datum, niet_verschenen=niet_verschenen) == fouten


@pytest.mark.parametrize(
    ("datum", "fout"),
    [
        (VANDAAG, False),
        (VANDAAG - dt.timedelta(days=30), False),
        (VANDAAG + dt.timedelta(days=1), True),
        (None, False),
    ],
)
def test_the_date_is_not_in_the_future(datum, fout):
    assert bool(rules.datum_fout(datum, vandaag=VANDAAG)) is fout


def test_a_draft_without_date_is_saved_but_not_afgerond(traject_weert, adviseur_weert):
    data = volledige_intake()
    del data["datum"]
    intake = bewaar(traject_weert, adviseur_weert, data)
    assert intake.datum is None and intake.status == "concept"

    with pytest.raises(Weigering) as exc:
        rond_af(traject_weert, adviseur_weert)
    assert exc.value.fouten == {"datum": "Vul de datum van de intake in."}
    assert BredeIntake.objects.get(traject=traject_weert).status == "concept"

    bewaar(traject_weert, adviseur_weert, {"datum": dt.date(2026, 10, 14)})
    assert rond_af(traject_weert, adviseur_weert).is_afgerond


def test_a_date_in_the_future_is_refused_and_nothing_saved(traject_weert, adviseur_weert):
    with pytest.raises(Weigering) as exc:
        bewaar(traject_weert, adviseur_weert, volledige_intake(datum=dt.date(2026, 10, 16)))
    assert set(exc.value.fouten) == {"datum"}
    assert "toekomst" in exc.value.fouten["datum"]
    assert not BredeIntake.objects.exists()


def test_never_came_is_afgerond_without_date(traject_weert, adviseur_weert):
    leg_afspraak_vast(
        traject_weert,
        adviseur_weert,
        {"datum": dt.date(2026, 10, 1), "status": "niet_verschenen"},
    )
    intake = rond_af(traject_weert, adviseur_weert)
    assert intake.is_afgerond and intake.datum is None


def _url(traject, deel=""):
    return f"/api/v1/inburgeraars/{traject.inburgeraar_id}/brede-intake{deel}"


def _json(data: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in data.items()}


def test_api_afronden_without_date_is_a_400_on_the_field(api, traject_weert, adviseur_weert):
    client = api(adviseur_weert)
    data = _json(volledige_intake())
    del data["datum"]
    assert client.put(_url(traject_weert), data, format="json").status_code == 200

    response = client.post(_url(traject_weert, "/afronden"), format="json")
    assert response.status_code == 400
    assert response.json()["fouten"] == {"datum": ["Vul de datum van de intake in."]}
    assert BredeIntake.objects.get(traject=traject_weert).status == "concept"

    client.put(_url(traject_weert), {"datum": "2026-10-14"}, format="json")
    response = client.post(_url(traject_weert, "/afronden"), format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "afgerond"


def test_api_refuses_a_date_in_the_future(api, traject_weert, adviseur_weert):
    response = api(adviseur_weert).put(_url(traject_weert), {"datum": "2026-10-16"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["fouten"]) == ["datum"]


def _pagina(traject):
    return f"/inburgeraars/{traject.inburgeraar_id}/intake/"


def test_the_page_marks_the_date_as_needed_to_afronden(als, adviseur_weert, traject_weert):
    html = als(adviseur_weert).get(_pagina(traject_weert)).content.decode()
    label = html.split('for="id_datum"')[1].split("</label>")[0]
    assert "Datum van de intake" in label
    assert "(nodig om af te ronden)" in label
    plaats = html.split('for="id_plaats"')[1].split("</label>")[0]
    assert "nodig om af te ronden" not in plaats  # expected by the startnotitie, not needed


def test_the_page_refuses_afronden_without_date(als, adviseur_weert, traject_weert):
    data = volledige_intake_post(datum="")
    response = als(adviseur_weert).post(_pagina(traject_weert), {**data, "actie": "afronden"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#id_datum">Vul de datum van de intake in.</a>' in html
    intake = BredeIntake.objects.get(traject=traject_weert)
    assert intake.status == "concept" and intake.datum is None


def test_the_page_refuses_a_date_in_the_future(als, adviseur_weert, traject_weert):
    data = volledige_intake_post(datum="2026-10-16")
    response = als(adviseur_weert).post(_pagina(traject_weert), {**data, "actie": "opslaan"})
    assert response.status_code == 200
    assert "De datum van de intake ligt in de toekomst." in response.content.decode()
    assert not BredeIntake.objects.exists()
