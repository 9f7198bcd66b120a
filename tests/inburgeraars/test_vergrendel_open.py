"""One guard for "the case is still open": ``vergrendel``, ``weiger_als_afgerond`` and
``vergrendel_open`` in koers.inburgeraars.services, used by every app that writes a case.
Each app keeps its own Dutch words for what can no longer change."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.begeleiding import services as begeleiding
from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars.models import Traject
from koers.inburgeraars.services import AFGEROND, vergrendel, vergrendel_open, weiger_als_afgerond
from koers.intake import services as intake
from koers.leerroute import services as leerroute
from koers.modules import services as modules
from koers.monitoring import services as monitoring
from koers.netwerk import services as netwerk
from koers.partners import services as partners
from koers.pip import services as pip

pytestmark = pytest.mark.django_db


def _sluit(traject: Traject) -> None:
    """Close the case in the database only: the caller's instance stays stale and open."""
    Traject.objects.filter(pk=traject.pk).update(status="afgerond")


def test_vergrendel_reads_the_row_again_with_a_lock(traject_weert):
    _sluit(traject_weert)
    with CaptureQueriesContext(connection) as queries:
        vers = vergrendel(traject_weert, "inburgeraar")
    assert vers is not traject_weert
    assert vers.status == "afgerond" and traject_weert.status != "afgerond"
    assert len(queries) == 1  # the inburgeraar comes along in the same query
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in queries[0]["sql"]
    assert vers.inburgeraar.pk == traject_weert.inburgeraar_id


def test_vergrendel_open_gives_the_fresh_open_traject(traject_weert):
    Traject.objects.filter(pk=traject_weert.pk).update(datum_start_plicht=dt.date(2026, 7, 1))
    vers = vergrendel_open(traject_weert)
    assert vers.pk == traject_weert.pk and vers.datum_start_plicht == dt.date(2026, 7, 1)


def test_vergrendel_open_refuses_a_case_closed_since_it_was_read(traject_weert):
    _sluit(traject_weert)
    with pytest.raises(Weigering) as fout:
        vergrendel_open(traject_weert)
    assert fout.value.fouten == {"__all__": "Dit traject is afgerond."}
    with pytest.raises(Weigering) as fout:
        vergrendel_open(traject_weert, "Eigen woorden.")
    assert fout.value.fouten == {"__all__": "Eigen woorden."}


def test_weiger_als_afgerond_looks_at_the_given_instance(traject_weert):
    weiger_als_afgerond(traject_weert)  # open: nothing happens
    traject_weert.status = "afgerond"
    with pytest.raises(Weigering) as fout:
        weiger_als_afgerond(traject_weert)
    assert fout.value.fouten == {"__all__": AFGEROND}


AANROEPEN = [
    pytest.param(
        lambda t, d: modules.voeg_activiteit_toe(t, d, {}),
        "Dit traject is afgerond. PVT en MAP veranderen niet meer.",
        id="modules",
    ),
    pytest.param(
        lambda t, d: netwerk.plaats_in_instroomklas(
            t, d, startdatum=dt.date(2026, 11, 2), geplande_einddatum=dt.date(2027, 2, 1)
        ),
        "Dit traject is afgerond. U kunt hier niets meer aan toevoegen.",
        id="netwerk",
    ),
    pytest.param(
        lambda t, d: begeleiding.voeg_voorlichting_toe(
            t, d, {"onderwerp": "zorg", "datum": dt.date(2026, 11, 1)}
        ),
        "Dit traject is afgerond. U kunt hier niets meer veranderen.",
        id="begeleiding",
    ),
    pytest.param(
        lambda t, d: leerroute.stel_afschaling_voor(t, d),
        "Dit traject is afgerond.",
        id="leerroute",
    ),
    pytest.param(
        lambda t, d: monitoring.leg_gesprek_vast(t, d, {}, met_gezondheid=False),
        "Dit traject is afgerond.",
        id="monitoring",
    ),
    pytest.param(
        lambda t, d: intake.bewaar(t, d, {}),
        "Dit traject is afgerond; de intake kan niet meer veranderen.",
        id="intake",
    ),
    pytest.param(
        lambda t, d: pip.bewaar_concept(
            t, d, {"leerroute": "B", "dagtekening": dt.date(2026, 10, 1)}
        ),
        "Dit traject is afgerond.",
        id="pip",
    ),
]


@pytest.mark.parametrize(("aanroep", "melding"), AANROEPEN)
def test_each_app_refuses_a_closed_case_in_its_own_words(
    traject_weert, adviseur_weert, aanroep, melding
):
    traject_weert.status = "afgerond"
    traject_weert.save()
    with pytest.raises(Weigering) as fout:
        aanroep(traject_weert, adviseur_weert)
    assert fout.value.fouten == {"__all__": melding}


def test_partners_refuse_a_closed_case(traject_weert, adviseur_weert):
    traject_weert.status = "afgerond"
    traject_weert.save()
    with pytest.raises(Weigering) as fout:
        partners.verwijs(traject_weert, adviseur_weert, taak="x", organisatie=None)
    assert fout.value.fouten == {"__all__": "Dit traject is afgerond. U kunt niet meer verwijzen."}
