"""Long outages and stuck rows: a notification that keeps failing goes to a visible ``fout``
and stops holding back the person's later ones; transient failures are retried for
KOERS_DUO_OPGEVEN_NA_UUR hours (not minutes); DUO being back makes waiting rows due at once;
a refusal that will not change is final at once, with DUO's own words; beheer can retry."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from koers.duo import handlers, herhaling, outbox, worker
from koers.duo.client import DuoFout
from koers.duo.models import Bericht, Notificatie
from tests.duo.keten_hulp import notificatie, standaard
from tests.duo.nep_duo import NepDuo
from tests.web.conftest import inloggen

AMS = ZoneInfo("Europe/Amsterdam")
UREN = "updateUrenTaallesEnKnmByBSN"


@pytest.fixture(autouse=True)
def _schone_herhaling():
    herhaling.vergeet()
    yield
    herhaling.vergeet()


def _uren(traject, uren=10):
    with transaction.atomic():
        return outbox.plaats(
            soort="uren",
            operation_id=UREN,
            gemeente=traject.gemeente,
            traject=traject,
            path_params={"bsn": traject.inburgeraar.bsn},
            body={"uren": uren},
        )


def _rondes(reis, client, aantal, stap):
    for _ in range(aantal):
        worker.verwerk_notificaties(client=client)
        reis.shift(stap)


# -- a stuck notification never blocks the queue ----------------------------------------------


def test_vastgelopen_notificatie_houdt_latere_van_dezelfde_persoon_niet_tegen(
    traject_weert, settings, monkeypatch
):
    settings.DUO_MAX_POGINGEN = 3
    bsn = traject_weert.inburgeraar.bsn
    eerste = notificatie(
        traject_weert.gemeente, "SS102", bsn, op=datetime(2026, 9, 1, 10, 0, tzinfo=AMS)
    )
    tweede = notificatie(
        traject_weert.gemeente, "SS102", bsn, op=datetime(2026, 9, 1, 11, 0, tzinfo=AMS)
    )
    echt = handlers.behandel

    def gifpil(n, client):
        if n.pk == eerste.pk:
            raise KeyError("kapot")
        return echt(n, client)

    monkeypatch.setattr(handlers, "behandel", gifpil)
    client = standaard(NepDuo()).client()
    with time_machine.travel(timezone.now(), tick=False) as reis:
        worker.verwerk_notificaties(client=client)
        tweede.refresh_from_db()
        assert tweede.status == "nieuw"  # DUO's order: the earlier one goes first ...
        reis.shift(timedelta(seconds=settings.DUO_BACKOFF_MAX))
        _rondes(reis, client, 4, timedelta(seconds=settings.DUO_BACKOFF_MAX))
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    # ... until it has had its DUO_MAX_POGINGEN chances: then it is visible, not blocking.
    assert eerste.status == "fout" and eerste.pogingen >= 3  # and Koers keeps trying
    assert "KeyError" in eerste.fout and "zelf opnieuw" in eerste.fout
    assert eerste.volgende_poging_op is not None
    assert tweede.status == "verwerkt"


def test_fout_notificatie_wordt_vanzelf_opnieuw_geprobeerd_en_lukt_later(traject_weert, settings):
    settings.DUO_MAX_POGINGEN = 2
    n = notificatie(traject_weert.gemeente, "SS102", traject_weert.inburgeraar.bsn)
    plat = NepDuo()
    plat.zet("getInburgeringstermijnByBsn", (503, None))
    with time_machine.travel(timezone.now(), tick=False) as reis:
        _rondes(reis, plat.client(), 2, timedelta(seconds=settings.DUO_BACKOFF_MAX))
        n.refresh_from_db()
        assert n.status == "fout" and n.volgende_poging_op is not None
        worker.verwerk_notificaties(client=standaard(NepDuo()).client())
    n.refresh_from_db()
    assert (n.status, n.fout, n.mislukt_sinds, n.volgende_poging_op) == ("verwerkt", "", None, None)


# -- retries outlast a real outage ------------------------------------------------------------


def test_notificatie_wordt_72_uur_geprobeerd_dan_fout_voor_beheer(traject_weert, settings):
    n = notificatie(traject_weert.gemeente, "SS102", traject_weert.inburgeraar.bsn)
    plat = NepDuo()
    plat.zet("getInburgeringstermijnByBsn", (503, None))
    begin = timezone.now()
    with time_machine.travel(begin, tick=False) as reis:
        while timezone.now() - begin < timedelta(hours=71):
            Notificatie.objects.filter(pk=n.pk).update(volgende_poging_op=timezone.now())
            worker.verwerk_notificaties(client=plat.client())
            n.refresh_from_db()
            assert n.volgende_poging_op is not None  # still Koers' own job
            reis.shift(timedelta(hours=6))
        reis.move_to(begin + timedelta(hours=72, minutes=1))
        Notificatie.objects.filter(pk=n.pk).update(volgende_poging_op=timezone.now())
        worker.verwerk_notificaties(client=plat.client())
    n.refresh_from_db()
    assert n.status == "fout" and n.volgende_poging_op is None
    assert "72 uur" in n.fout and "Opnieuw verwerken" in n.fout
    assert worker._te_doen(10) == []  # given up: waits for beheer


def test_bericht_na_storing_van_een_uur_nog_niet_mislukt(traject_weert, settings):
    """The old limit (8 attempts, about 4 minutes) would have given up here."""
    bericht = _uren(traject_weert)
    plat = NepDuo()
    plat.zet(UREN, (503, None))
    with time_machine.travel(timezone.now(), tick=False) as reis:
        for _ in range(12):
            outbox.lever_af(client=plat.client())
            reis.shift(timedelta(seconds=settings.DUO_BACKOFF_MAX))
        bericht.refresh_from_db()
        assert (bericht.status, bericht.pogingen) == ("wachtend", 12)
        # The wait stays capped at DUO_BACKOFF_MAX.
        assert bericht.volgende_poging_op - timezone.now() <= timedelta(
            seconds=settings.DUO_BACKOFF_MAX
        )
        ok = NepDuo()
        ok.zet(UREN, (200, None))
        outbox.lever_af(client=ok.client())
    bericht.refresh_from_db()
    assert (bericht.status, bericht.mislukt_sinds) == ("afgeleverd", None)


def test_duo_weer_terug_maakt_wachtende_rijen_meteen_aan_de_beurt(traject_weert, settings):
    eerste, tweede = _uren(traject_weert, 1), _uren(traject_weert, 2)
    n = notificatie(traject_weert.gemeente, "SS102", traject_weert.inburgeraar.bsn)
    plat = NepDuo()
    plat.zet(UREN, (503, None))
    plat.zet("getInburgeringstermijnByBsn", (503, None))
    worker.ronde(client=plat.client())
    nu = timezone.now()
    for rij in (eerste, tweede, n):
        rij.refresh_from_db()
        assert rij.volgende_poging_op > nu
    # DUO is back: the first message, which failed before, now arrives ...
    Bericht.objects.filter(pk=eerste.pk).update(volgende_poging_op=None)
    ok = standaard(NepDuo())
    ok.zet(UREN, (200, None))
    outbox.lever_af(client=ok.client(), max_aantal=1)
    # ... so the others do not wait out their backoff.
    assert Bericht.objects.get(pk=eerste.pk).status == "afgeleverd"
    assert outbox._te_doen(10) == [tweede.pk]
    assert worker._te_doen(10) == [n.pk]
    worker.ronde(client=ok.client())
    tweede.refresh_from_db()
    n.refresh_from_db()
    assert (tweede.status, n.status) == ("afgeleverd", "verwerkt")


# -- a refusal that will not change -----------------------------------------------------------


def test_weigering_van_duo_is_meteen_definitief_met_de_fouttekst(traject_weert):
    n = notificatie(traject_weert.gemeente, "SS102", traject_weert.inburgeraar.bsn)
    nep = NepDuo()
    nep.zet(
        "getInburgeringstermijnByBsn",
        (403, [{"fouttekst": "Deze persoon hoort niet bij uw gemeente."}]),
    )
    worker.verwerk_notificaties(client=nep.client())
    n.refresh_from_db()
    assert (n.status, n.pogingen, n.volgende_poging_op) == ("fout", 1, None)
    assert "Deze persoon hoort niet bij uw gemeente." in n.fout
    assert "niet opnieuw" in n.fout and "later" not in n.fout
    assert worker.verwerk_notificaties(client=nep.client()) == 0
    assert len(nep.aanroepen("getInburgeringstermijnByBsn")) == 1


@pytest.mark.parametrize("status", [409, 410, 422])
def test_niet_gedocumenteerde_4xx_met_fouttekst_is_definitief(traject_weert, status):
    import httpx

    from koers.duo.client import DuoClient

    def antwoord(request):
        return httpx.Response(
            status, json=[{"fouttekst": "Persoon is verhuisd."}], headers={"API-Version": "1.2.0"}
        )

    client = DuoClient(base_url="https://duo.test/v1", transport=httpx.MockTransport(antwoord))
    with pytest.raises(DuoFout) as fout:
        client.get_pip(traject_weert.inburgeraar.bsn, bron=traject_weert.gemeente.oin)
    assert fout.value.permanent is True
    assert fout.value.foutteksten == ["Persoon is verhuisd."]
    assert "Persoon is verhuisd." in fout.value.melding


# -- beheer: see it, retry it -----------------------------------------------------------------


def test_beheer_ziet_de_fout_en_kan_opnieuw_verwerken(client, beheerder, traject_weert):
    n = notificatie(traject_weert.gemeente, "SS102", traject_weert.inburgeraar.bsn)
    Notificatie.objects.filter(pk=n.pk).update(
        status="fout",
        pogingen=8,
        fout="DUO is tijdelijk niet beschikbaar (HTTP 503).",
        mislukt_sinds=timezone.now(),
    )
    inloggen(client, beheerder)
    html = client.get("/beheer-duo/notificaties/").content.decode()
    assert "DUO is tijdelijk niet beschikbaar (HTTP 503)." in html
    assert f'action="/beheer-duo/notificaties/{n.pk}/opnieuw/"' in html
    assert traject_weert.inburgeraar.bsn not in html
    assert client.get(f"/beheer-duo/notificaties/{n.pk}/opnieuw/").status_code == 405
    antwoord = client.post(f"/beheer-duo/notificaties/{n.pk}/opnieuw/")
    assert antwoord.status_code == 302
    n.refresh_from_db()
    assert (n.status, n.pogingen, n.mislukt_sinds) == ("nieuw", 0, None)
    worker.verwerk_notificaties(client=standaard(NepDuo()).client())
    n.refresh_from_db()
    assert n.status == "verwerkt"


def test_beheer_verwerkt_alle_fouten_opnieuw(client, beheerder, traject_weert):
    bsn = traject_weert.inburgeraar.bsn
    fout = [notificatie(traject_weert.gemeente, "SS102", bsn) for _ in range(3)]
    verwerkt = notificatie(traject_weert.gemeente, "SS102", bsn)
    Notificatie.objects.filter(pk__in=[f.pk for f in fout]).update(status="fout", pogingen=8)
    Notificatie.objects.filter(pk=verwerkt.pk).update(status="verwerkt")
    inloggen(client, beheerder)
    assert 'id="fouten-opnieuw"' in client.get("/beheer-duo/notificaties/").content.decode()
    assert client.post("/beheer-duo/notificaties/fout-opnieuw/").status_code == 302
    assert sorted(Notificatie.objects.values_list("status", flat=True)) == [
        "nieuw",
        "nieuw",
        "nieuw",
        "verwerkt",
    ]


def test_beheer_verstuurt_alle_mislukte_berichten_opnieuw(client, beheerder, traject_weert):
    mislukt = [_uren(traject_weert, i) for i in range(3)]
    geweigerd = _uren(traject_weert, 9)
    Bericht.objects.filter(pk__in=[b.pk for b in mislukt]).update(
        status="mislukt", pogingen=80, mislukt_sinds=timezone.now()
    )
    Bericht.objects.filter(pk=geweigerd.pk).update(status="geweigerd")
    inloggen(client, beheerder)
    assert 'id="mislukte-opnieuw"' in client.get("/beheer-duo/").content.decode()
    assert client.get("/beheer-duo/berichten/mislukt-opnieuw/").status_code == 405
    assert client.post("/beheer-duo/berichten/mislukt-opnieuw/").status_code == 302
    for b in mislukt:
        b.refresh_from_db()
        assert (b.status, b.pogingen, b.mislukt_sinds) == ("wachtend", 0, None)
    geweigerd.refresh_from_db()
    assert geweigerd.status == "geweigerd"  # DUO refused its content: resending cannot help
    ids = {str(b.bericht_id) for b in mislukt}
    nep = NepDuo()
    nep.zet(UREN, (200, None))
    outbox.lever_af(client=nep.client())
    assert {v[1] for v in nep.verzoeken} == ids  # the same berichtIds


@pytest.mark.parametrize("gebruiker", ["adviseur_weert", "teamleider_weert"])
def test_opnieuw_knoppen_alleen_voor_beheer(client, request, gebruiker, traject_weert):
    n = notificatie(traject_weert.gemeente, "SS102", traject_weert.inburgeraar.bsn)
    Notificatie.objects.filter(pk=n.pk).update(status="fout")
    b = _uren(traject_weert)
    Bericht.objects.filter(pk=b.pk).update(status="mislukt")
    inloggen(client, request.getfixturevalue(gebruiker))
    for url in (
        f"/beheer-duo/notificaties/{n.pk}/opnieuw/",
        "/beheer-duo/notificaties/fout-opnieuw/",
        "/beheer-duo/berichten/mislukt-opnieuw/",
    ):
        assert client.post(url).status_code in (403, 404), url
    n.refresh_from_db()
    b.refresh_from_db()
    assert (n.status, b.status) == ("fout", "mislukt")


def test_opnieuw_knoppen_vragen_een_csrf_token(beheerder, traject_weert):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    n = notificatie(traject_weert.gemeente, "SS102", traject_weert.inburgeraar.bsn)
    Notificatie.objects.filter(pk=n.pk).update(status="fout")
    inloggen(csrf_client, beheerder)
    assert csrf_client.post(f"/beheer-duo/notificaties/{n.pk}/opnieuw/").status_code == 403
    assert csrf_client.post("/beheer-duo/berichten/mislukt-opnieuw/").status_code == 403
    n.refresh_from_db()
    assert n.status == "fout"
