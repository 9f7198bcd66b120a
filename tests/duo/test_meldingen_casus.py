"""What the adviseur sees of the DUO chain on the case page: the traject's messages (a refused
one with DUO's fouttekst, prominently) and the notifications DUO sent about it."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from koers.duo.models import Bericht, ContactpersoonKoppeling, Notificatie
from tests.web.conftest import inloggen


def bericht(traject, **kw):
    waarden = {
        "soort": "pip",
        "operation_id": "postPipByBsn",
        "methode": "POST",
        "pad": f"/personen/{traject.inburgeraar.bsn}/PIP",
        "body": {"dagtekeningPip": "2026-10-01", "leerroute": "B"},
        "gemeente": traject.gemeente,
        "traject": traject,
        **kw,
    }
    return Bericht.objects.create(**waarden)


def notificatie(traject, **kw):
    return Notificatie.objects.create(
        **{
            "bericht_id": uuid.uuid4(),
            "bron": "00000001234567890000",
            "doel": traject.gemeente.oin,
            "gemeente": traject.gemeente,
            "gebeurtenis_id": "SS102",
            "bsn": traject.inburgeraar.bsn,
            "registratie_datum_tijd": timezone.now(),
            "traject": traject,
            "status": Notificatie.Status.VERWERKT,
            **kw,
        }
    )


def pagina(client, traject):
    return client.get(f"/inburgeraars/{traject.inburgeraar.pk}/dossier/duo/")


def test_geweigerde_melding_met_fouttekst_valt_op(client, traject_weert, adviseur_weert):
    bericht(
        traject_weert,
        status=Bericht.Status.GEWEIGERD,
        laatste_statuscode=400,
        foutteksten=["Dagtekening PIP ligt voor de vestiging in de gemeente."],
    )
    bericht(traject_weert, soort="map", status=Bericht.Status.AFGELEVERD)
    notificatie(traject_weert)
    html = pagina(inloggen(client, adviseur_weert), traject_weert).content.decode()
    assert 'id="duo"' in html
    alert = html[html.index('id="duo-actie-nodig"') : html.index('id="duo-berichten"')]
    assert "Dagtekening PIP ligt voor de vestiging in de gemeente." in alert
    assert "PIP" in alert
    tabel = html[html.index('id="duo-berichten"') :]
    assert "Geweigerd door DUO" in tabel and "Afgeleverd" in tabel
    assert "Eindgesprek MAP" in tabel
    assert "SS102" in html[html.index('id="duo-notificaties"') :]


def test_zonder_meldingen(client, traject_weert, adviseur_weert):
    html = pagina(inloggen(client, adviseur_weert), traject_weert).content.decode()
    assert "Er zijn nog geen meldingen aan DUO." in html
    assert 'id="duo-actie-nodig"' not in html


def test_contactpersoon_fout_zichtbaar(client, traject_weert, adviseur_weert):
    ContactpersoonKoppeling.objects.create(traject=traject_weert, fout="Vul het e-mailadres in.")
    html = pagina(inloggen(client, adviseur_weert), traject_weert).content.decode()
    assert "Vul het e-mailadres in." in html


def test_teamleider_ziet_duo_sectie(client, traject_weert, teamleider_weert):
    bericht(traject_weert, status=Bericht.Status.MISLUKT)
    html = pagina(inloggen(client, teamleider_weert), traject_weert).content.decode()
    assert 'id="duo-actie-nodig"' in html


def test_aantal_queries_blijft_gelijk(client, traject_weert, adviseur_weert):
    inloggen(client, adviseur_weert)
    bericht(traject_weert)
    notificatie(traject_weert)
    pagina(client, traject_weert)  # warm up (session, content types)
    with CaptureQueriesContext(connection) as een:
        assert pagina(client, traject_weert).status_code == 200
    for i in range(6):
        bericht(traject_weert, status=Bericht.Status.GEWEIGERD, foutteksten=[f"Fout {i}"])
        notificatie(traject_weert, gebeurtenis_id="SS199")
    with CaptureQueriesContext(connection) as veel:
        assert pagina(client, traject_weert).status_code == 200
    assert len(veel) == len(een)


@pytest.mark.parametrize("gebruiker", ["adviseur_cranendonck"])
def test_buiten_bereik_niets_te_zien(client, traject_weert, gebruiker, request):
    bericht(traject_weert, status=Bericht.Status.GEWEIGERD, foutteksten=["Geheim"])
    response = pagina(inloggen(client, request.getfixturevalue(gebruiker)), traject_weert)
    assert response.status_code == 404
