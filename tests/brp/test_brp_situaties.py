"""What the BRP reports about a person and what Koers does with it: a death is confirmed by
the adviseur (never closed by itself), emigratie, a registration in another gemeente and the
RNI become signals on the werkvoorraad, and the refresh job keeps open cases up to date at a
limited pace."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from koers.brp import rules, services
from koers.brp.client import BrpClient
from koers.brp.models import BrpGegevens
from koers.inburgeraars.models import Gebeurtenis
from koers.inburgeraars.rules import Afrondingsreden, Status
from koers.monitoring import engine
from koers.monitoring.models import Signaal
from tests.brp.simulator_hulp import (
    ALLEEN,
    GEEMIGREERD,
    GEWOON,
    OVERLEDEN,
    RNI,
    SCENARIO,
    VERHUISD,
)
from tests.factories import TrajectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def zaak(weert, adviseur_weert):
    def maak(bsn):
        return TrajectFactory(
            inburgeraar__bsn=bsn, inburgeraar__gemeente=weert, adviseur=adviseur_weert
        ).inburgeraar

    return maak


def _haal_op(brp_sim, inburgeraar):
    uitkomst = services.haal_op(
        inburgeraar.pk, BrpClient(base_url=brp_sim.base_url), alleen_als_aan_de_beurt=False
    )
    inburgeraar.refresh_from_db()
    return uitkomst


def _signalen(inburgeraar):
    engine.bereken_voor([inburgeraar.huidig_traject_id])
    return set(
        Signaal.objects.filter(
            traject_id=inburgeraar.huidig_traject_id, status=Signaal.Status.OPEN
        ).values_list("soort", flat=True)
    )


def test_overleden_sluit_de_zaak_niet_vanzelf(brp_sim, als, adviseur_weert, zaak):
    inburgeraar = zaak(OVERLEDEN)
    assert _haal_op(brp_sim, inburgeraar).gelukt
    gegevens = BrpGegevens.objects.get(pk=inburgeraar.pk)
    assert gegevens.situatie == rules.Situatie.OVERLEDEN
    assert gegevens.opschorting_reden == "O"
    assert gegevens.opschorting_datum == timezone.localdate() - dt.timedelta(days=30)
    traject = inburgeraar.huidig_traject
    traject.refresh_from_db()
    assert traject.is_open
    assert "brp_overleden" in _signalen(inburgeraar)

    html = als(adviseur_weert).get(f"/inburgeraars/{inburgeraar.pk}/").content.decode()
    datum = gegevens.opschorting_datum
    assert "De BRP meldt dat deze persoon is overleden op" in html
    assert "Traject afsluiten?" in html
    assert 'id="brp-overlijden-bevestigen"' in html
    assert str(datum.year) in html


def test_na_bevestiging_sluit_het_traject_met_reden_overleden(brp_sim, als, adviseur_weert, zaak):
    inburgeraar = zaak(OVERLEDEN)
    _haal_op(brp_sim, inburgeraar)
    antwoord = als(adviseur_weert).post(f"/inburgeraars/{inburgeraar.pk}/brp/overlijden/")
    assert antwoord.status_code == 302
    traject = inburgeraar.huidig_traject
    traject.refresh_from_db()
    assert traject.status == Status.AFGEROND
    assert traject.afrondingsreden == Afrondingsreden.OVERLEDEN
    inburgeraar.refresh_from_db()
    assert inburgeraar.geen_contact
    stap = traject.gebeurtenissen.get(soort=Gebeurtenis.Soort.STATUS)
    assert stap.door == adviseur_weert
    assert "brp_overleden" not in _signalen(inburgeraar)


def test_bevestigen_kan_alleen_als_de_brp_overlijden_meldt(brp_sim, als, adviseur_weert, zaak):
    inburgeraar = zaak(ALLEEN)
    _haal_op(brp_sim, inburgeraar)
    antwoord = als(adviseur_weert).post(
        f"/inburgeraars/{inburgeraar.pk}/brp/overlijden/", follow=True
    )
    assert "De BRP meldt niet dat deze persoon is overleden." in antwoord.content.decode()
    inburgeraar.huidig_traject.refresh_from_db()
    assert inburgeraar.huidig_traject.is_open


def test_bevestigen_vraagt_het_recht_om_de_status_te_wijzigen(brp_sim, als, beleid, zaak):
    inburgeraar = zaak(OVERLEDEN)
    _haal_op(brp_sim, inburgeraar)
    assert als(beleid).post(f"/inburgeraars/{inburgeraar.pk}/brp/overlijden/").status_code == 403


@pytest.mark.parametrize(
    ("bsn", "situatie", "signaal"),
    [
        (GEEMIGREERD, rules.Situatie.GEEMIGREERD, "brp_geemigreerd"),
        (VERHUISD, rules.Situatie.ANDERE_GEMEENTE, "brp_andere_gemeente"),
        (RNI, rules.Situatie.RNI, "brp_rni"),
    ],
)
def test_situaties_worden_signalen(brp_sim, zaak, bsn, situatie, signaal):
    inburgeraar = zaak(bsn)
    assert _haal_op(brp_sim, inburgeraar).gelukt
    gegevens = BrpGegevens.objects.get(pk=inburgeraar.pk)
    assert gegevens.situatie == situatie
    assert gegevens.rni is (situatie == rules.Situatie.RNI)
    assert _signalen(inburgeraar) & {
        b.soort for b in engine.alle_bronnen() if b.soort.startswith("brp_")
    } == {signaal}
    inburgeraar.huidig_traject.refresh_from_db()
    assert inburgeraar.huidig_traject.is_open  # DUO decides on the plicht, not the BRP
    stap = inburgeraar.huidig_traject.gebeurtenissen.get(soort=Gebeurtenis.Soort.BRP)
    assert "de BRP meldt" in stap.omschrijving


def test_een_gewone_persoon_geeft_geen_brp_signaal(brp_sim, zaak):
    inburgeraar = zaak(GEWOON)
    _haal_op(brp_sim, inburgeraar)
    assert not {s for s in _signalen(inburgeraar) if s.startswith("brp_")}


def test_de_signaalbronnen_van_de_brp_hebben_de_vorm_van_de_engine():
    from koers.monitoring.signaalbron import Bron

    bronnen = [b for b in engine.alle_bronnen() if b.soort.startswith("brp_")]
    assert {b.soort for b in bronnen} == {
        "brp_overleden",
        "brp_geemigreerd",
        "brp_andere_gemeente",
        "brp_rni",
    }
    velden = set(Bron.__dataclass_fields__)
    assert all(set(type(b).__dataclass_fields__) == velden for b in bronnen)


def _persoon(bsn):
    return next(p for p in SCENARIO["personen"] if p["burgerservicenummer"] == bsn)


def test_verversen_vraagt_oude_open_zaken_opnieuw_met_een_limiet(brp_sim, zaak, settings):
    settings.BRP_VERVERS_NA_DAGEN = 30
    client = BrpClient(base_url=brp_sim.base_url)
    zaken = [zaak(bsn) for bsn in (GEWOON, ALLEEN, GEEMIGREERD)]
    begin = timezone.now()
    with time_machine.travel(begin, tick=False) as reis:
        for inburgeraar in zaken:
            _haal_op(brp_sim, inburgeraar)
        # Closed cases are not refreshed.
        gesloten = zaken[2].huidig_traject
        gesloten.status = Status.AFGEROND
        gesloten.afrondingsreden = Afrondingsreden.VERTROKKEN
        gesloten.save()
        brp_sim.sim.reset()
        reis.shift(dt.timedelta(days=10))
        assert services.ververs(client, limiet=10) == 0  # nothing is old enough yet
        # Rania moved within Weert (her birth date fixed: the scenario's are relative to today).
        geboren = zaken[0].geboortedatum.isoformat()
        brp_sim.sim.zet_persoon(
            _persoon(GEWOON)
            | {"geboorte": {"datum": geboren}}
            | {
                "verblijfplaats": _persoon(GEWOON)["verblijfplaats"]
                | {
                    "verblijfadres": {
                        "officieleStraatnaam": "Beekstraat",
                        "korteStraatnaam": "Beekstraat",
                        "huisnummer": 3,
                        "postcode": "6001AC",
                        "woonplaats": "Weert",
                    }
                }
            }
        )
        reis.shift(dt.timedelta(days=21))
        assert services.ververs(client, limiet=1) == 1  # the limit per run
        assert services.ververs(client, limiet=10) == 1
        assert services.ververs(client, limiet=10) == 0
    assert len(brp_sim.sim.ontvangen) == 2
    rania = zaken[0]
    rania.refresh_from_db()
    assert rania.adres == "Beekstraat 3"
    stap = rania.huidig_traject.gebeurtenissen.filter(soort=Gebeurtenis.Soort.BRP).first()
    assert stap.omschrijving == "Gegevens uit de BRP bijgewerkt: adres, postcode_plaats"
    assert stap.door is None
    # Nothing changed for the other: no new timeline entry.
    assert zaken[1].huidig_traject.gebeurtenissen.filter(soort=Gebeurtenis.Soort.BRP).count() == 1


def test_verversen_stopt_als_de_brp_plat_ligt(brp_sim, zaak, settings):
    client = BrpClient(base_url=brp_sim.base_url)
    zaken = [zaak(bsn) for bsn in (GEWOON, ALLEEN)]
    with time_machine.travel(timezone.now(), tick=False) as reis:
        for inburgeraar in zaken:
            _haal_op(brp_sim, inburgeraar)
        reis.shift(dt.timedelta(days=settings.BRP_VERVERS_NA_DAGEN + 1))
        brp_sim.sim.storing(status=503, aantal=5)
        assert services.ververs(client, limiet=10) == 1
    gegevens = BrpGegevens.objects.get(pk=zaken[0].pk)
    assert gegevens.volgende_poging_op is not None  # queued for the fetch job
    assert gegevens.opgehaald_op is not None  # what the BRP said before stays
