"""Every begeleiding service locks the case and reads it again before it writes: a case that
was closed after the page was loaded (the object in hand is stale) is not written to, and
nothing is half saved."""

import datetime as dt

import pytest

from koers.begeleiding import services
from koers.begeleiding.models import (
    Begeleiding,
    Bijstand,
    ChecklistItem,
    DuaalTraject,
    Ontzorgen,
    Voorlichting,
)
from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars.models import Gebeurtenis, Traject
from koers.inburgeraars.rules import Status

# A fixed day with the clock on it: the outcome never depends on the day the suite runs.
VANDAAG = dt.date(2026, 11, 4)
GISTEREN = VANDAAG - dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _op_vandaag(op):
    with op(VANDAAG.isoformat()):
        yield


SCHRIJVERS = [
    (
        "begeleiding",
        lambda t, u: services.bewaar_begeleiding(
            t, u, {"vrijwilliger": "Taalmaatje", "toelichting": ""}
        ),
        Begeleiding,
    ),
    (
        "checklist",
        lambda t, u: services.bewaar_checklist(
            t,
            u,
            [
                {
                    "onderwerp": services.rules.CHECKLIST_SLEUTELS[0],
                    "status": "bezig",
                    "datum": None,
                    "door": "",
                }
            ],
        ),
        ChecklistItem,
    ),
    (
        "voorlichting",
        lambda t, u: services.voeg_voorlichting_toe(
            t, u, {"onderwerp": services.rules.VOORLICHTING_SLEUTELS[0], "datum": GISTEREN}
        ),
        Voorlichting,
    ),
    ("bijstand", lambda t, u: services.bewaar_bijstand(t, u, {"start": GISTEREN}), Bijstand),
    ("ontzorgen", lambda t, u: services.bewaar_ontzorgen(t, u, {}), Ontzorgen),
    (
        "duaal",
        lambda t, u: services.bewaar_duaal(
            t, u, {"werkgever": "Bakkerij", "start": GISTEREN, "uren_per_week": 8}
        ),
        DuaalTraject,
    ),
]


@pytest.mark.parametrize(
    "schrijf, model", [(s, m) for _n, s, m in SCHRIJVERS], ids=[n for n, _s, _m in SCHRIJVERS]
)
def test_a_case_closed_meanwhile_is_not_written_to(traject_weert, adviseur_weert, schrijf, model):
    verouderd = Traject.objects.get(pk=traject_weert.pk)  # loaded while the case was open
    assert verouderd.is_open
    Traject.objects.filter(pk=traject_weert.pk).update(status=Status.AFGEROND)
    gebeurtenissen = Gebeurtenis.objects.count()
    with pytest.raises(Weigering) as weigering:
        schrijf(verouderd, adviseur_weert)
    assert "afgerond" in weigering.value.fouten["__all__"]
    assert model.objects.count() == 0
    assert Gebeurtenis.objects.count() == gebeurtenissen


def test_an_open_case_is_written_to(traject_weert, adviseur_weert):
    services.bewaar_begeleiding(
        traject_weert, adviseur_weert, {"vrijwilliger": "Taalmaatje", "toelichting": ""}
    )
    assert Begeleiding.objects.get(traject=traject_weert).vrijwilliger == "Taalmaatje"
