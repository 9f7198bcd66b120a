"""``Cache-Control: no-store`` on every answer but a static file: pages after login, the API,
PDFs, exports and Mijn Inburgering hold personal data that a shared computer's browser cache
or a proxy must not keep."""

import datetime as dt

import pytest
from django.utils.cache import get_max_age

from koers.portaal.sessie import SESSIE_SLEUTEL
from tests.conftest import inloggen
from tests.uitvoering import met_vastgesteld_pip

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vandaag(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 15, 10, 0, tzinfo=dt.UTC), tick=False)


def niet_bewaard(response) -> bool:
    delen = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= delen and get_max_age(response) == 0


@pytest.fixture
def zaak(traject_weert, adviseur_weert):
    met_vastgesteld_pip(traject_weert, adviseur_weert)
    return traject_weert.inburgeraar


def test_casuspagina(client, adviseur_weert, zaak):
    inloggen(client, adviseur_weert)
    antwoord = client.get(f"/inburgeraars/{zaak.pk}/")
    assert antwoord.status_code == 200
    assert zaak.bsn in antwoord.content.decode()
    assert niet_bewaard(antwoord)


def test_api_lijst_en_api_fout(api, adviseur_weert, zaak):
    antwoord = api(adviseur_weert).get("/api/v1/inburgeraars")
    assert antwoord.status_code == 200 and antwoord.json()["results"]
    assert niet_bewaard(antwoord)
    assert niet_bewaard(api().get("/api/v1/inburgeraars"))  # 401/403 too


def test_pdf_beschikking(client, adviseur_weert, zaak):
    inloggen(client, adviseur_weert)
    antwoord = client.get(f"/inburgeraars/{zaak.pk}/pip/1/beschikking.pdf")
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    assert niet_bewaard(antwoord)


def test_export_van_de_verwerkingen(client, privacy, zaak):
    inloggen(client, privacy)
    antwoord = client.get("/verwerkingen/export.json", {"bsn": zaak.bsn})
    assert antwoord.status_code == 200
    assert zaak.bsn in antwoord.content.decode()
    assert niet_bewaard(antwoord)


def test_mijn_inburgering(client, zaak):
    sessie = client.session
    sessie[SESSIE_SLEUTEL] = zaak.pk
    sessie.save()
    for pagina in ("/mijn/", "/mijn/plan/"):
        antwoord = client.get(pagina)
        assert antwoord.status_code == 200, pagina
        assert niet_bewaard(antwoord), pagina


def test_inlogpagina_en_redirect(client):
    assert niet_bewaard(client.get("/inloggen/"))
    assert niet_bewaard(client.get("/inburgeraars/1/"))  # the redirect to the login


def test_statische_bestanden_mogen_bewaard_worden(client):
    antwoord = client.get("/static/web/koers.css")
    assert antwoord.status_code == 200
    assert "no-store" not in antwoord.get("Cache-Control", "")
