"""DUO's tijdelijke vrijstelling (SS109 until SS129/SS130): the PIP, termijn, gesprek and
handhaving signals stand still, the Awb beslistermijn does not; afterwards the PIP clock runs
on with the days that were left and the planned gesprekken move by the pause."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from koers.duo import worker
from koers.handhaving import services as handhaving
from koers.inburgeraars import rules as traject_rules
from koers.monitoring import engine
from koers.monitoring.bronnen import BRONNEN
from koers.monitoring.models import Gesprekspauze, Signaal, Voortgangsgesprek
from tests.duo.keten_hulp import AMS, notificatie, standaard
from tests.duo.nep_duo import NepDuo

pytestmark = pytest.mark.django_db


@pytest.fixture
def nep():
    return standaard(NepDuo())


def _verwerk(nep):
    return worker.verwerk_notificaties(client=nep.client())


def _open_data(traject):
    return list(
        Voortgangsgesprek.objects.filter(traject=traject, gehouden_op__isnull=True)
        .order_by("gepland_op")
        .values_list("gepland_op", flat=True)
    )


@pytest.mark.parametrize(
    ("dag", "verwacht"),
    [
        (date(2026, 8, 1), date(2026, 8, 31)),  # before the pause: moves by its 30 days
        (date(2026, 9, 10), date(2026, 10, 1)),  # during the pause: starts when it ends
        (date(2026, 10, 5), date(2026, 10, 5)),  # after it: unchanged
        (None, None),
    ],
)
def test_klok_na_pauze(dag, verwacht):
    assert traject_rules.klok_na_pauze(dag, date(2026, 9, 1), date(2026, 10, 1)) == verwacht


def test_bronnen_die_stilstaan():
    stil = {b.soort for b in engine.alle_bronnen() if b.pauzeert}
    assert {
        "pip_deadline",
        "gesprek",
        "termijn_6m",
        "termijn_2m",
        "handhaving_waarschuwing_opvolgen",
        "handhaving_hoorzitting_verslag",
        "handhaving_intake_niet_verschenen",
    } <= stil
    assert "handhaving_beslistermijn" not in stil
    assert not any(b.pauzeert for b in BRONNEN if b.soort == "duo_geweigerd")


def test_pip_klok_loopt_door_met_de_resterende_dagen(traject_weert, nep):
    traject_weert.datum_start_pip_termijn = date(2026, 8, 1)
    traject_weert.herbereken_deadlines()
    traject_weert.save()
    assert traject_weert.pip_uiterlijk == date(2026, 10, 10)
    bsn = traject_weert.inburgeraar.bsn
    notificatie(traject_weert.gemeente, "SS109", bsn)  # 1 September
    _verwerk(nep)
    # While paused: no PIP signal, even past the old deadline.
    engine.bereken_signalen(date(2026, 10, 12))
    assert not Signaal.objects.filter(traject=traject_weert, soort="pip_deadline").exists()
    notificatie(traject_weert.gemeente, "SS129", bsn, op=datetime(2026, 10, 1, 9, tzinfo=AMS))
    _verwerk(nep)
    traject_weert.refresh_from_db()
    # 39 days were left on 1 September; they run on from 1 October.
    assert traject_weert.pip_uiterlijk == date(2026, 11, 9)
    assert traject_weert.volgende_deadline == date(2026, 11, 9)
    engine.bereken_signalen(date(2026, 10, 27))
    signaal = Signaal.objects.get(traject=traject_weert, soort="pip_deadline")
    assert signaal.vervaldatum == date(2026, 11, 9)


def test_gesprekken_schuiven_op_met_de_pauze(met_pip, nep):
    assert _open_data(met_pip)[:2] == [date(2027, 1, 1), date(2027, 4, 1)]
    bsn = met_pip.inburgeraar.bsn
    notificatie(met_pip.gemeente, "SS109", bsn, op=datetime(2026, 11, 1, 9, tzinfo=AMS))
    _verwerk(nep)
    engine.bereken_signalen(date(2026, 12, 20))
    assert not Signaal.objects.filter(traject=met_pip, soort="gesprek").exists()
    notificatie(met_pip.gemeente, "SS129", bsn, op=datetime(2026, 12, 1, 9, tzinfo=AMS))
    _verwerk(nep)
    assert Gesprekspauze.objects.get(traject=met_pip).tot == date(2026, 12, 1)
    # 30 days of pause: 1 January → 31 January, 1 April → 1 May.
    assert _open_data(met_pip)[:2] == [date(2027, 1, 31), date(2027, 5, 1)]


def test_awb_beslistermijn_loopt_door_tijdens_pauze(traject_weert, adviseur_weert, nep):
    traject_weert.status = "in_uitvoering"
    traject_weert.save()
    with time_machine.travel("2026-08-20 10:00:00+02:00", tick=False):
        zaak = handhaving.open_zaak(
            traject_weert,
            adviseur_weert,
            {"verzuim": "lessen", "datum": date(2026, 8, 1), "omschrijving": "x"},
        )
        handhaving.stuur_waarschuwing(zaak, adviseur_weert, {"datum": date(2026, 8, 3)})
        handhaving.maak_voornemen(
            zaak,
            adviseur_weert,
            {
                "datum": date(2026, 8, 5),
                "voorschrift": "Wi2021 art. 16",
                "bedrag": 250,
                "route": "schriftelijk",
                "zienswijze_tot": date(2026, 8, 19),
            },
        )
    notificatie(traject_weert.gemeente, "SS109", traject_weert.inburgeraar.bsn)
    _verwerk(nep)
    # 13 weeks after 5 August: 4 November; the signal from 21 October, pause or not.
    engine.bereken_signalen(date(2026, 10, 21))
    soorten = set(Signaal.objects.filter(traject=traject_weert).values_list("soort", flat=True))
    assert "handhaving_beslistermijn" in soorten
    assert "handhaving_waarschuwing_opvolgen" not in soorten


def test_casuspagina_zegt_dat_het_traject_stilstaat(als, adviseur_weert, traject_weert):
    traject_weert.gepauzeerd_sinds = date(2026, 9, 1)
    traject_weert.save()
    html = (
        als(adviseur_weert)
        .get(reverse("web:casus_tab", args=[traject_weert.inburgeraar.pk, "gesprekken"]))
        .content.decode()
    )
    assert 'id="signalen-pauze"' in html and "1 september 2026" in html
    traject_weert.gepauzeerd_sinds = None
    traject_weert.save()
    html = (
        als(adviseur_weert)
        .get(reverse("web:casus_tab", args=[traject_weert.inburgeraar.pk, "gesprekken"]))
        .content.decode()
    )
    assert 'id="signalen-pauze"' not in html
