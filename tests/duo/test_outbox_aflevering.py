"""The outbox: queued in the caller's transaction, delivered with a stable berichtId, retried
with backoff, refused without retry, claimed with a lease."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, transaction
from django.utils import timezone

from koers.bouwstenen.weigering import Weigering
from koers.duo import outbox
from koers.duo.models import Bericht
from tests.duo.nep_duo import NepDuo

PIP = {"dagtekeningPip": "2026-07-01", "leerroute": "B", "niveau": "B1"}


def plaats(traject, body=PIP):
    with transaction.atomic():
        return outbox.plaats(
            soort="pip",
            operation_id="postPipByBsn",
            gemeente=traject.gemeente,
            traject=traject,
            path_params={"bsn": traject.inburgeraar.bsn},
            body=body,
        )


@pytest.mark.django_db(transaction=True)
def test_plaats_buiten_een_transactie_is_een_programmeerfout(traject_weert):
    with pytest.raises(RuntimeError):
        outbox.plaats(
            soort="pip",
            operation_id="postPipByBsn",
            gemeente=traject_weert.gemeente,
            path_params={"bsn": traject_weert.inburgeraar.bsn},
            body=PIP,
        )


def test_plaats_in_teruggedraaide_transactie_laat_niets_achter(traject_weert):
    class Terug(Exception):
        """Rolls the surrounding transaction back."""

    with pytest.raises(Terug), transaction.atomic():
        outbox.plaats(
            soort="pip",
            operation_id="postPipByBsn",
            gemeente=traject_weert.gemeente,
            traject=traject_weert,
            path_params={"bsn": traject_weert.inburgeraar.bsn},
            body=PIP,
        )
        raise Terug
    assert not Bericht.objects.exists()


def test_plaats_weigert_wat_niet_bij_de_spec_past(traject_weert):
    with pytest.raises(Weigering) as fout:
        plaats(traject_weert, body={"leerroute": "X"})
    assert "DUO zou dit bericht weigeren" in str(fout.value)
    assert not Bericht.objects.exists()


def test_plaats_bewaart_pad_en_methode(traject_weert):
    bericht = plaats(traject_weert)
    assert (bericht.methode, bericht.pad, bericht.status) == (
        "POST",
        f"/personen/{traject_weert.inburgeraar.bsn}/PIP",
        "wachtend",
    )


def test_aflevering_gelukt(traject_weert):
    nep = NepDuo()
    nep.zet("postPipByBsn", (201, None))
    bericht = plaats(traject_weert)
    assert outbox.lever_af(client=nep.client()) == 1
    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen, bericht.laatste_statuscode) == ("afgeleverd", 1, 201)
    assert bericht.afgeleverd_op is not None and bericht.geclaimd_tot is None
    assert nep.verzoeken == [("postPipByBsn", str(bericht.bericht_id), PIP)]
    assert outbox.lever_af(client=nep.client()) == 0


def test_503_twee_keer_dan_201_met_hetzelfde_berichtid(traject_weert, settings):
    settings.DUO_BACKOFF_MAX = 3600
    nep = NepDuo()
    nep.zet("postPipByBsn", (503, None), (503, None), (201, None))
    bericht = plaats(traject_weert)
    start = timezone.now()
    for poging, wacht in ((1, 2), (2, 4)):
        outbox.lever_af(client=nep.client())
        bericht.refresh_from_db()
        assert (bericht.status, bericht.pogingen) == ("wachtend", poging)
        verschil = (bericht.volgende_poging_op - start).total_seconds()
        assert wacht <= verschil < wacht + 5
        assert outbox.lever_af(client=nep.client()) == 0  # not due yet
        Bericht.objects.filter(pk=bericht.pk).update(volgende_poging_op=timezone.now())
    outbox.lever_af(client=nep.client())
    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen) == ("afgeleverd", 3)
    assert {v[1] for v in nep.verzoeken} == {str(bericht.bericht_id)}
    assert len(nep.verzoeken) == 3


def test_backoff_heeft_een_plafond():
    assert outbox.wachttijd(1) == timedelta(seconds=2)
    assert outbox.wachttijd(5) == timedelta(seconds=32)
    assert outbox.wachttijd(40) == timedelta(seconds=3600)


def test_na_het_venster_van_opgeven_mislukt(traject_weert, settings):
    settings.DUO_MAX_POGINGEN = 2
    settings.DUO_OPGEVEN_NA_UUR = 72
    nep = NepDuo()
    nep.zet("postPipByBsn", (500, None))
    bericht = plaats(traject_weert)
    begin = timezone.now()
    with time_machine.travel(begin, tick=False) as reis:
        for uur in (0, 1, 71):  # far past DUO_MAX_POGINGEN, still inside the window
            reis.move_to(begin + timedelta(hours=uur))
            Bericht.objects.filter(pk=bericht.pk).update(volgende_poging_op=None)
            outbox.lever_af(client=nep.client())
            bericht.refresh_from_db()
            assert bericht.status == "wachtend", uur
        reis.move_to(begin + timedelta(hours=72))
        Bericht.objects.filter(pk=bericht.pk).update(volgende_poging_op=None)
        outbox.lever_af(client=nep.client())
    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen) == ("mislukt", 4)
    assert bericht.mislukt_sinds == begin
    assert traject_weert.gebeurtenissen.filter(
        soort="duo", omschrijving__contains="4 pogingen in 72 uur"
    ).exists()


def test_400_geweigerd_met_foutteksten_zonder_nieuwe_poging(traject_weert):
    nep = NepDuo()
    nep.zet(
        "postPipByBsn",
        (403, [{"fouttekst": "De dagtekening ligt voor de start van de inburgeringsplicht."}]),
    )
    bericht = plaats(traject_weert)
    outbox.lever_af(client=nep.client())
    bericht.refresh_from_db()
    assert (bericht.status, bericht.laatste_statuscode) == ("geweigerd", 403)
    assert bericht.foutteksten == ["De dagtekening ligt voor de start van de inburgeringsplicht."]
    assert outbox.lever_af(client=nep.client()) == 0
    assert len(nep.verzoeken) == 1
    regel = traject_weert.gebeurtenissen.get(soort="duo")
    assert "weigerde" in regel.omschrijving and "dagtekening" in regel.toelichting


def test_opnieuw_versturen_met_hetzelfde_berichtid(traject_weert, beheerder):
    nep = NepDuo()
    nep.zet("postPipByBsn", (403, [{"fouttekst": "Fout."}]), (201, None))
    bericht = plaats(traject_weert)
    outbox.lever_af(client=nep.client())
    outbox.opnieuw_versturen(bericht, beheerder)
    outbox.lever_af(client=nep.client())
    bericht.refresh_from_db()
    assert bericht.status == "afgeleverd" and bericht.foutteksten == []
    assert [v[1] for v in nep.verzoeken] == [str(bericht.bericht_id)] * 2
    with pytest.raises(Weigering):
        outbox.opnieuw_versturen(bericht, beheerder)


def test_verlopen_lease_na_crash_levert_af_met_hetzelfde_berichtid(traject_weert):
    nep = NepDuo()
    nep.zet("postPipByBsn", (201, None))
    bericht = plaats(traject_weert)
    # A worker claimed it and died: its lease is still running, so nobody touches it ...
    Bericht.objects.filter(pk=bericht.pk).update(geclaimd_tot=timezone.now() + timedelta(minutes=4))
    assert outbox.lever_af(client=nep.client()) == 0
    # ... until the lease has run out.
    Bericht.objects.filter(pk=bericht.pk).update(geclaimd_tot=timezone.now() - timedelta(seconds=1))
    assert outbox.lever_af(client=nep.client()) == 1
    bericht.refresh_from_db()
    assert bericht.status == "afgeleverd"
    assert nep.verzoeken[0][1] == str(bericht.bericht_id)


@pytest.mark.django_db(transaction=True)
def test_gelijktijdige_workers_leveren_een_bericht_nooit_twee_keer_af(traject_weert):
    if connection.vendor != "postgresql":
        pytest.skip("threads with their own connections: PostgreSQL only")
    berichten = [plaats(traject_weert) for _ in range(30)]
    nep = NepDuo()
    nep.zet("postPipByBsn", (201, None))
    start = threading.Barrier(4)

    def werk():
        try:
            start.wait()
            for _ in range(3):
                outbox.lever_af(max_aantal=50, client=nep.client())
        finally:
            connection.close()

    draden = [threading.Thread(target=werk) for _ in range(4)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    verstuurd = [v[1] for v in nep.verzoeken]
    assert sorted(verstuurd) == sorted(str(b.bericht_id) for b in berichten)
    assert Bericht.objects.filter(status="afgeleverd").count() == 30
