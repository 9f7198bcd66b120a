"""The signals of handhaving: each source one query over all cases."""

import datetime as dt

import pytest

from koers.handhaving import services
from koers.handhaving.signalen import BRONNEN
from koers.toegang.policy import Sectie
from tests.handhaving.conftest import hoor, zaak_tot_hoorzitting

pytestmark = pytest.mark.django_db
BRON = {b.soort: b for b in BRONNEN}
VANDAAG = dt.date(2026, 11, 20)


def _rijen(soort, vandaag=VANDAAG):
    return sorted(BRON[soort].rijen(vandaag))


def test_bronnen_voor_de_engine():
    assert set(BRON) == {
        "handhaving_hoorzitting_verslag",
        "handhaving_waarschuwing_opvolgen",
        "handhaving_beslistermijn",
        "handhaving_intake_niet_verschenen",
    }
    assert all(b.sectie == Sectie.HANDHAVING for b in BRONNEN)
    # The Awb period keeps running during a tijdelijke vrijstelling; the others pause.
    assert {b.soort for b in BRONNEN if not b.pauzeert} == {"handhaving_beslistermijn"}


def test_hoorzitting_in_het_verleden_zonder_verslag(
    gezin_weert, asiel_weert, adviseur_weert, django_assert_num_queries
):
    verleden = zaak_tot_hoorzitting(gezin_weert, adviseur_weert, hoorzitting=dt.date(2026, 11, 18))
    zaak_tot_hoorzitting(asiel_weert, adviseur_weert, hoorzitting=dt.date(2026, 11, 25))
    with django_assert_num_queries(1):
        rijen = _rijen("handhaving_hoorzitting_verslag")
    voornemen = verleden.voornemens.get()
    assert rijen == [(gezin_weert.pk, dt.date(2026, 11, 18), str(voornemen.pk))]
    hoor(verleden, adviseur_weert)
    assert _rijen("handhaving_hoorzitting_verslag") == []


def test_awb_beslistermijn_twee_weken_voor_het_einde(
    gezin_weert, adviseur_weert, django_assert_num_queries
):
    # Voornemen 2 November: decide by 1 February 2027 (Awb 5:51); signal from 18 January.
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    voornemen = zaak.voornemens.get()
    assert _rijen("handhaving_beslistermijn", dt.date(2027, 1, 17)) == []
    with django_assert_num_queries(1):
        rijen = _rijen("handhaving_beslistermijn", dt.date(2027, 1, 18))
    assert rijen == [(gezin_weert.pk, dt.date(2027, 2, 1), str(voornemen.pk))]
    # Passed: still a signal (a termijn van orde; the power to fine stays).
    assert len(_rijen("handhaving_beslistermijn", dt.date(2027, 3, 1))) == 1
    hoor(zaak, adviseur_weert)
    services.besluit_boete(
        zaak, adviseur_weert, {"datum": dt.date(2026, 11, 20), "bedrag": 250, "motivering": "x"}
    )
    assert _rijen("handhaving_beslistermijn", dt.date(2027, 1, 18)) == []


def test_waarschuwing_ouder_dan_4_weken_zonder_besluit(
    gezin_weert, asiel_weert, adviseur_weert, django_assert_num_queries
):
    oud = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)  # warning 5 October
    nieuw = services.open_zaak(
        asiel_weert,
        adviseur_weert,
        {"verzuim": "map", "datum": dt.date(2026, 11, 1), "omschrijving": "x"},
    )
    services.stuur_waarschuwing(nieuw, adviseur_weert, {"datum": dt.date(2026, 11, 10)})
    with django_assert_num_queries(1):
        rijen = _rijen("handhaving_waarschuwing_opvolgen")
    assert rijen == [(gezin_weert.pk, dt.date(2026, 11, 2), str(oud.pk))]
    # Four weeks after 10 November the second one is due too.
    assert len(_rijen("handhaving_waarschuwing_opvolgen", dt.date(2026, 12, 9))) == 2
    services.sluit_af(oud, adviseur_weert, {"toelichting": "Gaat weer naar de les."})
    assert _rijen("handhaving_waarschuwing_opvolgen") == []


def test_boete_is_opvolging(gezin_weert, adviseur_weert):
    zaak = zaak_tot_hoorzitting(gezin_weert, adviseur_weert)
    hoor(zaak, adviseur_weert)
    services.besluit_boete(
        zaak, adviseur_weert, {"datum": dt.date(2026, 11, 20), "bedrag": 250, "motivering": "x"}
    )
    assert _rijen("handhaving_waarschuwing_opvolgen") == []


def test_niet_verschenen_bij_intake_tot_er_een_zaak_is(
    gezin_weert, adviseur_weert, django_assert_num_queries
):
    from koers.intake.services import leg_afspraak_vast

    leg_afspraak_vast(
        gezin_weert, adviseur_weert, {"datum": dt.date(2026, 11, 10), "status": "verschenen"}
    )
    afspraak = leg_afspraak_vast(
        gezin_weert, adviseur_weert, {"datum": dt.date(2026, 11, 17), "status": "niet_verschenen"}
    )
    with django_assert_num_queries(1):
        rijen = _rijen("handhaving_intake_niet_verschenen")
    assert rijen == [(gezin_weert.pk, dt.date(2026, 11, 17), str(afspraak.pk))]
    # A zaak about the brede intake opened since: the signal has been acted on.
    services.open_zaak(
        gezin_weert,
        adviseur_weert,
        {"verzuim": "brede_intake", "datum": dt.date(2026, 11, 17), "omschrijving": "x"},
    )
    assert _rijen("handhaving_intake_niet_verschenen") == []
