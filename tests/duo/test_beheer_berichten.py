"""The DUO message monitor for functioneel beheer (/beheer-duo/): only the beheerder; lists,
exchange details with the BSN masked, sending again, and notifications that need attention."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from koers.duo import views
from koers.duo.models import Bericht, Notificatie
from tests.web.conftest import inloggen


def bericht(traject, **kw):
    return Bericht.objects.create(
        **{
            "soort": "pip",
            "operation_id": "postPipByBsn",
            "methode": "POST",
            "pad": f"/personen/{traject.inburgeraar.bsn}/PIP",
            "body": {"dagtekeningPip": "2026-10-01", "leerroute": "B"},
            "gemeente": traject.gemeente,
            "traject": traject,
            **kw,
        }
    )


@pytest.mark.parametrize("gebruiker", ["adviseur_weert", "teamleider_weert", "beleid", "financien"])
def test_alleen_beheerder(client, gebruiker, request, traject_weert):
    item = bericht(traject_weert, status=Bericht.Status.GEWEIGERD)
    inloggen(client, request.getfixturevalue(gebruiker))
    for url in ("/beheer-duo/", f"/beheer-duo/berichten/{item.pk}/", "/beheer-duo/notificaties/"):
        assert client.get(url).status_code in (403, 404), url
    assert client.post(f"/beheer-duo/berichten/{item.pk}/opnieuw/").status_code in (403, 404)
    item.refresh_from_db()
    assert item.status == Bericht.Status.GEWEIGERD


def test_niet_ingelogd_naar_inloggen(client):
    response = client.get("/beheer-duo/")
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_lijst_filtert_op_status_en_verbergt_bsn(client, beheerder, traject_weert):
    bsn = traject_weert.inburgeraar.bsn
    bericht(traject_weert, status=Bericht.Status.AFGELEVERD)
    bericht(
        traject_weert,
        status=Bericht.Status.GEWEIGERD,
        soort="map",
        operation_id="updateMapByBsn",
        methode="PUT",
        pad=f"/personen/{bsn}/map",
    )
    inloggen(client, beheerder)
    html = client.get("/beheer-duo/").content.decode()
    assert "Eindgesprek MAP" in html and "PIP" in html
    assert bsn not in html
    assert f"/personen/******{bsn[-3:]}/map" in html
    assert html.index("Eindgesprek MAP") < html.index(">PIP<")  # newest first
    alleen = client.get("/beheer-duo/?status=geweigerd").content.decode()
    assert "Eindgesprek MAP" in alleen and ">PIP<" not in alleen


def test_bladeren_zonder_count(client, beheerder, traject_weert, monkeypatch):
    monkeypatch.setattr(views, "PAGINA", 3)
    for _ in range(7):
        bericht(traject_weert)
    inloggen(client, beheerder)
    html = client.get("/beheer-duo/").content.decode()
    assert html.count('href="/beheer-duo/berichten/') == 3
    assert 'id="volgende-pagina"' in html
    volgende = html.split('id="volgende-pagina" href="')[1].split('"')[0].replace("&amp;", "&")
    pagina2 = client.get("/beheer-duo/" + volgende).content.decode()
    assert pagina2.count('href="/beheer-duo/berichten/') == 3
    with CaptureQueriesContext(connection) as queries:
        client.get("/beheer-duo/")
    assert not any("COUNT(" in q["sql"].upper() for q in queries)


def test_details_en_opnieuw_versturen(client, beheerder, traject_weert):
    bsn = traject_weert.inburgeraar.bsn
    item = bericht(
        traject_weert,
        status=Bericht.Status.GEWEIGERD,
        pogingen=1,
        laatste_statuscode=400,
        laatste_antwoord=f'[{{"fouttekst": "Persoon {bsn} heeft geen plicht."}}]',
        foutteksten=["Dagtekening ligt voor de start van de plicht."],
    )
    inloggen(client, beheerder)
    html = client.get(f"/beheer-duo/berichten/{item.pk}/").content.decode()
    for tekst in (
        "postPipByBsn",
        str(item.bericht_id),
        "400",
        "Dagtekening ligt voor de start van de plicht.",
        "Opnieuw versturen",
        f"/personen/******{bsn[-3:]}/PIP",
    ):
        assert tekst in html, tekst
    assert bsn not in html
    response = client.post(f"/beheer-duo/berichten/{item.pk}/opnieuw/", follow=True)
    assert "weer klaar om te versturen" in response.content.decode()
    item.refresh_from_db()
    assert item.status == Bericht.Status.WACHTEND and item.bericht_id == item.bericht_id
    assert item.foutteksten == []


def test_afgeleverd_bericht_niet_opnieuw(client, beheerder, traject_weert):
    item = bericht(traject_weert, status=Bericht.Status.AFGELEVERD)
    inloggen(client, beheerder)
    assert (
        "Opnieuw versturen" not in client.get(f"/beheer-duo/berichten/{item.pk}/").content.decode()
    )
    client.post(f"/beheer-duo/berichten/{item.pk}/opnieuw/")
    item.refresh_from_db()
    assert item.status == Bericht.Status.AFGELEVERD


def test_notificaties_die_aandacht_nodig_hebben(client, beheerder, weert):
    def maak(gebeurtenis, status):
        return Notificatie.objects.create(
            bericht_id=uuid.uuid4(),
            bron="00000001234567890000",
            doel=weert.oin,
            gemeente=weert,
            gebeurtenis_id=gebeurtenis,
            bsn="123456782",
            registratie_datum_tijd=timezone.now(),
            status=status,
            fout="",
        )

    maak("SS999", Notificatie.Status.ONBEKEND)
    maak("SS131", Notificatie.Status.FOUT)
    maak("SS102", Notificatie.Status.VERWERKT)
    inloggen(client, beheerder)
    html = client.get("/beheer-duo/notificaties/").content.decode()
    assert "SS999" in html and "SS131" in html and "SS102" not in html
    assert "123456782" not in html and "******782" in html
