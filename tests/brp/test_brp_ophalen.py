"""Fetching personalia from the BRP: queued with the new person in one transaction, fetched
by the worker over real HTTP (the BRP simulator), applied to the person, retried with
backoff, never a retry storm for someone the BRP does not know."""

import datetime as dt
import threading

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from koers.brp import rules, services, taken
from koers.brp.client import BrpClient
from koers.brp.models import BrpGegevens
from koers.inburgeraars import services as inburgeraar_services
from koers.inburgeraars.models import Gebeurtenis, Inburgeraar
from koers.taken import planner
from koers.verwerkingen.models import Verwerking
from tests.brp.simulator_hulp import ALLEEN, GEWOON, NIET_GEVONDEN
from tests.factories import TrajectFactory

pytestmark = pytest.mark.django_db


def _door_duo(bsn, gemeente):
    """A person as DUO announces him (SS139): no name, a case opened in the same go."""
    with transaction.atomic():
        inburgeraar = inburgeraar_services.meld_aan_door_duo(
            bsn=bsn, vnummer="", gemeente=gemeente, doelgroep="Asielstatushouder"
        )
        inburgeraar_services.open_traject(
            inburgeraar, gemeente=gemeente, door=None, omschrijving="DUO meldt de plicht (SS139)"
        )
    return Inburgeraar.objects.get(pk=inburgeraar.pk)


def _worker(brp_sim):
    """One round of the BRP jobs of ``koers worker``."""
    planner.draai(eenmalig=True, taken=taken.TAKEN, brp_client=BrpClient(base_url=brp_sim.base_url))


def test_een_nieuwe_persoon_staat_meteen_in_de_wachtrij(weert, adviseur_weert):
    inburgeraar = inburgeraar_services.meld_aan(
        gemeente=weert,
        door=adviseur_weert,
        bsn=ALLEEN,
        voornamen="Hiwet",
        geslachtsnaam="Gebremedhin",
        geboortedatum=dt.date(1990, 1, 1),
        doelgroep="Asielstatushouder",
    )
    gegevens = BrpGegevens.objects.get(pk=inburgeraar.pk)
    assert gegevens.status == BrpGegevens.Status.WACHTEND
    assert gegevens.volgende_poging_op <= timezone.now()
    assert services.aan_de_beurt() == [inburgeraar.pk]


def test_wachtrij_en_persoon_in_een_transactie(weert):
    with pytest.raises(RuntimeError), transaction.atomic():
        inburgeraar_services.meld_aan_door_duo(
            bsn=GEWOON, vnummer="", gemeente=weert, doelgroep="Asielstatushouder"
        )
        raise RuntimeError("de zaak komt er niet")
    assert not BrpGegevens.objects.exists()


def test_worker_haalt_op_en_vult_de_persoon_aan(brp_sim, weert):
    inburgeraar = _door_duo(GEWOON, weert)
    assert inburgeraar.persoonsgegevens_aanvullen
    assert inburgeraar.volledige_naam == Inburgeraar.NAAM_ONBEKEND

    _worker(brp_sim)

    inburgeraar.refresh_from_db()
    assert inburgeraar.voornamen == "Rania"
    assert inburgeraar.geslachtsnaam == "Haddad"
    assert inburgeraar.adres == "Maaslandlaan 12"
    assert "WEERT" in inburgeraar.postcode_plaats
    assert inburgeraar.geboortedatum is not None
    assert not inburgeraar.persoonsgegevens_aanvullen
    assert inburgeraar.zoeknaam == "haddad rania"
    gegevens = BrpGegevens.objects.get(pk=inburgeraar.pk)
    assert gegevens.status == BrpGegevens.Status.OPGEHAALD
    assert gegevens.opgehaald_op is not None and gegevens.volgende_poging_op is None
    assert gegevens.gemeente_van_inschrijving == "0988"
    assert gegevens.situatie == ""
    # The timeline names the fields, never their values.
    gebeurtenis = inburgeraar.huidig_traject.gebeurtenissen.get(soort=Gebeurtenis.Soort.BRP)
    assert gebeurtenis.omschrijving.startswith("Persoonsgegevens opgehaald uit de BRP: voornamen")
    assert (
        "Rania" not in gebeurtenis.omschrijving and "Maaslandlaan" not in gebeurtenis.omschrijving
    )


def test_de_bevraging_staat_in_de_verwerkingenlogging(brp_sim, weert):
    inburgeraar = _door_duo(GEWOON, weert)
    _worker(brp_sim)
    bevraging = Verwerking.objects.get(
        inburgeraar_id=inburgeraar.pk, activiteit=rules.ACTIVITEIT_BRP
    )
    assert bevraging.doel == rules.DOEL_BRP
    assert bevraging.kanaal == Verwerking.Kanaal.JOB
    assert bevraging.handeling == Verwerking.Handeling.LEZEN
    assert bevraging.traject_id == inburgeraar.huidig_traject_id
    assert "verblijf" in bevraging.secties


def test_de_brp_wint_maar_niet_van_telefoon_en_email(brp_sim, weert):
    traject = TrajectFactory(
        inburgeraar__bsn=GEWOON,
        inburgeraar__gemeente=weert,
        inburgeraar__voornamen="Ranja",
        inburgeraar__geslachtsnaam="Hadad",
        inburgeraar__telefoon="0612345678",
        inburgeraar__email="rania@example.org",
        inburgeraar__adres="Oude Straat 1",
    )
    uitkomst = services.haal_op(traject.inburgeraar_id, BrpClient(base_url=brp_sim.base_url))
    assert uitkomst.gelukt
    inburgeraar = Inburgeraar.objects.get(pk=traject.inburgeraar_id)
    assert (inburgeraar.voornamen, inburgeraar.geslachtsnaam) == ("Rania", "Haddad")
    assert inburgeraar.adres == "Maaslandlaan 12"
    assert (inburgeraar.telefoon, inburgeraar.email) == ("0612345678", "rania@example.org")
    assert uitkomst.gewijzigd == [
        "voornamen",
        "geslachtsnaam",
        "geboortedatum",
        "adres",
        "postcode_plaats",
    ]


def test_een_storing_wordt_later_opnieuw_geprobeerd(brp_sim, weert):
    inburgeraar = _door_duo(GEWOON, weert)
    brp_sim.sim.storing(status=503, aantal=2)
    with time_machine.travel(timezone.now(), tick=False) as reis:
        _worker(brp_sim)
        gegevens = BrpGegevens.objects.get(pk=inburgeraar.pk)
        assert gegevens.status == BrpGegevens.Status.FOUT
        assert gegevens.pogingen == 1
        assert "tijdelijk niet beschikbaar" in gegevens.fout
        assert gegevens.volgende_poging_op == timezone.now() + dt.timedelta(minutes=1)
        _worker(brp_sim)  # not due yet: the BRP is not asked again
        assert len(brp_sim.sim.ontvangen) == 1
        reis.shift(dt.timedelta(minutes=1))
        _worker(brp_sim)
        gegevens.refresh_from_db()
        assert (gegevens.pogingen, gegevens.volgende_poging_op) == (
            2,
            timezone.now() + dt.timedelta(minutes=2),
        )
        reis.shift(dt.timedelta(minutes=2))
        _worker(brp_sim)
    gegevens.refresh_from_db()
    assert gegevens.status == BrpGegevens.Status.OPGEHAALD
    assert (gegevens.pogingen, gegevens.fout, gegevens.volgende_poging_op) == (0, "", None)
    assert len(brp_sim.sim.ontvangen) == 3


def test_na_de_laatste_poging_stopt_de_worker(brp_sim, weert, settings):
    settings.BRP_MAX_POGINGEN = 2
    inburgeraar = _door_duo(GEWOON, weert)
    brp_sim.sim.storing(status=500, aantal=10)
    with time_machine.travel(timezone.now(), tick=False) as reis:
        for _ in range(4):
            _worker(brp_sim)
            reis.shift(dt.timedelta(hours=1))
    gegevens = BrpGegevens.objects.get(pk=inburgeraar.pk)
    assert gegevens.status == BrpGegevens.Status.FOUT
    assert gegevens.pogingen == 2
    assert gegevens.volgende_poging_op is None
    assert len(brp_sim.sim.ontvangen) == 2


def test_niet_gevonden_geeft_geen_stortvloed_aan_vragen(brp_sim, weert):
    inburgeraar = _door_duo(NIET_GEVONDEN, weert)
    with time_machine.travel(timezone.now(), tick=False) as reis:
        for _ in range(3):
            _worker(brp_sim)
            reis.shift(dt.timedelta(hours=2))
    gegevens = BrpGegevens.objects.get(pk=inburgeraar.pk)
    assert gegevens.status == BrpGegevens.Status.NIET_GEVONDEN
    assert gegevens.volgende_poging_op is None
    assert len(brp_sim.sim.ontvangen) == 1
    inburgeraar.refresh_from_db()
    assert inburgeraar.persoonsgegevens_aanvullen  # still to be completed, by hand then


def test_een_rij_die_een_ander_vasthoudt_blijft_liggen(brp_sim, weert):
    inburgeraar = _door_duo(GEWOON, weert)
    BrpGegevens.objects.filter(pk=inburgeraar.pk).update(
        geclaimd_tot=timezone.now() + dt.timedelta(minutes=5)
    )
    uitkomst = services.haal_op(inburgeraar.pk, BrpClient(base_url=brp_sim.base_url))
    assert uitkomst.bezet
    assert brp_sim.sim.ontvangen == []


def test_zonder_brp_adres_staan_de_taken_uit(settings, weert):
    settings.BRP_BASE_URL = ""
    _door_duo(GEWOON, weert)
    omgeving = planner.Omgeving(stop=threading.Event())
    assert [t.interval_in(omgeving) for t in taken.TAKEN] == [None, None]
    settings.BRP_BASE_URL = "http://127.0.0.1:1/haalcentraal/api/brp"
    assert [t.interval_in(omgeving) for t in taken.TAKEN] == [0.0, 60.0]


def test_de_worker_vindt_de_brp_taken():
    namen = [t.naam for t in planner.gevonden_taken()]
    assert {"brp-ophalen", "brp-verversen"} <= set(namen)
