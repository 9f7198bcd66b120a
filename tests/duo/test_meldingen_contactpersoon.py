"""The assigned adviseur becomes the person's contactpersoon at DUO (RULES.md
"Contactpersoon"; API Contactpersoon): created once per gemeente and adviseur, then linked."""

import json

import pytest

from koers.duo import meldingen
from koers.duo.models import Bericht, Contactpersoon, ContactpersoonKoppeling
from koers.inburgeraars.services import wijs_adviseur_toe
from tests.duo.meldingen_gegevens import DUO_OIN, assert_spec_geldig
from tests.factories import InburgeraarFactory, TrajectFactory


@pytest.fixture(autouse=True)
def _duo(settings, weert):
    settings.DUO_OIN = DUO_OIN
    weert.telefoon = "0495 575 000"
    weert.save()


@pytest.fixture
def alice(adviseur_weert):
    adviseur_weert.email = "alice@weert.nl"
    adviseur_weert.save()
    return adviseur_weert


@pytest.fixture
def traject(weert):
    return TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))


def lever_aanmaak_af(cp: Contactpersoon, duo_id: int):
    """What outbox.lever_af stores after DUO's 201 on createContactpersoon."""
    Bericht.objects.filter(pk=cp.aanmaakbericht_id).update(
        status=Bericht.Status.AFGELEVERD,
        laatste_statuscode=201,
        laatste_antwoord=json.dumps({"id": duo_id, "contactpersoongegevens": {}}),
    )


def test_toewijzen_maakt_contactpersoon_aan_en_koppelt_na_antwoord(
    traject, alice, teamleider_weert
):
    wijs_adviseur_toe(traject, alice, teamleider_weert)
    aanmaak = Bericht.objects.get()
    assert (aanmaak.operation_id, aanmaak.pad) == ("createContactpersoon", "/contactpersonen")
    assert aanmaak.body == {
        "naam": "Alice Adviseur",
        "email": "alice@weert.nl",
        "telefoonnummer": "0495 575 000",
    }
    assert_spec_geldig(aanmaak)
    koppeling = ContactpersoonKoppeling.objects.get(traject=traject)
    assert koppeling.bericht is None  # waits for DUO's id

    cp = Contactpersoon.objects.get()
    lever_aanmaak_af(cp, 4711)
    assert meldingen.verwerk_contactpersonen() == 1
    cp.refresh_from_db()
    assert cp.duo_id == 4711
    koppel = Bericht.objects.get(operation_id="postContactpersoonByBsn")
    assert koppel.pad == f"/contactpersonen/4711/personen/{traject.inburgeraar.bsn}"
    assert koppel.body is None
    assert_spec_geldig(koppel)
    assert meldingen.verwerk_contactpersonen() == 0  # nothing twice


def test_bekende_contactpersoon_wordt_meteen_gekoppeld(weert, alice, teamleider_weert):
    eerste = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))
    wijs_adviseur_toe(eerste, alice, teamleider_weert)
    lever_aanmaak_af(Contactpersoon.objects.get(), 12)
    meldingen.verwerk_contactpersonen()

    tweede = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))
    wijs_adviseur_toe(tweede, alice, teamleider_weert)
    assert Contactpersoon.objects.count() == 1
    assert Bericht.objects.filter(operation_id="createContactpersoon").count() == 1
    assert (
        Bericht.objects.filter(operation_id="postContactpersoonByBsn", traject=tweede).count() == 1
    )
    # assigning the same adviseur again sends nothing new
    wijs_adviseur_toe(tweede, alice, teamleider_weert)
    assert Bericht.objects.filter(traject=tweede).count() == 1


def test_gewijzigde_gegevens_worden_bijgewerkt(traject, alice, teamleider_weert):
    wijs_adviseur_toe(traject, alice, teamleider_weert)
    lever_aanmaak_af(Contactpersoon.objects.get(), 12)
    meldingen.verwerk_contactpersonen()
    alice.email = "a.adviseur@weert.nl"
    alice.save()
    wijs_adviseur_toe(traject, alice, teamleider_weert)
    update = Bericht.objects.get(operation_id="updateContactpersoonById")
    assert update.pad == "/contactpersonen/12"
    assert update.body["email"] == "a.adviseur@weert.nl"
    assert_spec_geldig(update)


def test_adviseur_weghalen_ontkoppelt(traject, alice, teamleider_weert):
    wijs_adviseur_toe(traject, alice, teamleider_weert)
    lever_aanmaak_af(Contactpersoon.objects.get(), 12)
    meldingen.verwerk_contactpersonen()
    wijs_adviseur_toe(traject, None, teamleider_weert)
    los = Bericht.objects.get(operation_id="deleteContactpersoonByBsn")
    assert los.pad == f"/contactpersonen/12/personen/{traject.inburgeraar.bsn}"
    assert not ContactpersoonKoppeling.objects.filter(traject=traject).exists()


def test_zonder_email_geen_melding_maar_wel_toegewezen(traject, adviseur_weert, teamleider_weert):
    """DUO requires an e-mail address: nothing is queued, the adviseur is still assigned and
    the reason is kept for the case page."""
    wijs_adviseur_toe(traject, adviseur_weert, teamleider_weert)
    traject.refresh_from_db()
    assert traject.adviseur == adviseur_weert
    assert not Bericht.objects.exists()
    assert not Contactpersoon.objects.exists()
    fout = ContactpersoonKoppeling.objects.get(traject=traject).fout
    assert "e-mailadres" in fout


def test_meld_contactpersoon_weigert_met_nederlandse_tekst(traject, adviseur_weert, weert):
    from django.db import transaction

    from koers.inburgeraars.services import Weigering

    weert.telefoon = ""
    weert.save()
    traject.adviseur = adviseur_weert
    with pytest.raises(Weigering) as e, transaction.atomic():
        meldingen.meld_contactpersoon(traject)
    assert "telefoonnummer" in e.value.fouten["adviseur"]
    assert not Bericht.objects.exists()
