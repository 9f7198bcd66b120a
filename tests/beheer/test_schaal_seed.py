"""`koers seed --inburgeraars N`: many persons fast, with valid BSNs and linked trajecten."""

import pytest
from django.db.models import F

from koers.demo import organisaties as demo
from koers.demo.schaal import seed_schaal
from koers.inburgeraars import rules
from koers.inburgeraars.models import Gebeurtenis, Inburgeraar, Traject
from koers.intake.models import BredeIntake
from koers.pip.models import PipVersie

pytestmark = pytest.mark.slow


def _regio():
    gemeenten = demo.seed_organisaties()
    demo.seed_accounts(gemeenten)
    return gemeenten


def test_scale_seed_makes_linked_persons_and_trajecten_with_valid_unique_bsns(db):
    _regio()
    assert seed_schaal(300, batch=120) == 300

    assert Inburgeraar.objects.count() == Traject.objects.count() == 300
    assert Gebeurtenis.objects.count() == 300
    assert not Inburgeraar.objects.filter(huidig_traject=None).exists()
    assert not Inburgeraar.objects.exclude(huidig_traject__inburgeraar=F("pk")).exists()
    bsns = list(Inburgeraar.objects.values_list("bsn", flat=True))
    assert len(set(bsns)) == 300 and all(rules.is_valid_bsn(b) for b in bsns)
    assert not Inburgeraar.objects.exclude(zoeknaam__contains=" ").exists()

    for traject in Traject.objects.select_related("inburgeraar"):
        assert traject.inburgeraar.zoeknaam == (
            f"{traject.inburgeraar.geslachtsnaam} {traject.inburgeraar.voornamen}".lower()
        )
        assert traject.pip_uiterlijk == rules.pip_uiterlijk(traject.datum_start_pip_termijn)
        assert traject.volgende_deadline == rules.volgende_deadline(
            traject.status, traject.pip_uiterlijk
        )
    assert Traject.objects.values("gemeente").distinct().count() > 3
    assert Traject.objects.values("status").distinct().count() == 5
    assert Traject.objects.filter(adviseur__username="adviseur-weert").exists()
    # Cases past the intake have one; cases with a PIP have a vastgesteld version 1.
    assert BredeIntake.objects.count() == Traject.objects.exclude(status="aangemeld").count()
    met_pip = Traject.objects.filter(status__in=["pip_vastgesteld", "in_uitvoering"])
    assert (
        PipVersie.objects.filter(traject__in=met_pip, versie=1, status="vastgesteld").count()
        == met_pip.count()
    )


def test_a_second_scale_run_adds_new_bsns_in_one_gemeente(db):
    gemeenten = _regio()
    seed_schaal(50)
    seed_schaal(50, gemeentecode="0946")

    assert Inburgeraar.objects.values("bsn").distinct().count() == 100
    assert Inburgeraar.objects.filter(gemeente=gemeenten["0946"]).count() >= 50
    assert Traject.objects.filter(gemeente=F("inburgeraar__gemeente")).count() == 100


def test_demo_data_of_the_uitvoering_apps_stays_with_the_demo_persons(db, settings):
    """On a database seeded for scale, the demo seed adds hours, activities, checklists and
    gesprekken to the forty demo persons only, never to the scale cases (which would take
    hours at 1,000,000 and fill a benchmark database with noise)."""
    from koers.begeleiding.models import ChecklistItem
    from koers.demo.personen import demo_bsns
    from koers.leerroute.models import UrenPeriode
    from koers.modules.models import Activiteit
    from koers.monitoring.models import Voortgangsgesprek

    settings.DEMO = True
    _regio()
    seed_schaal(200, batch=100)
    demo.seed()
    demo_personen = set(demo_bsns())
    # (Planned gesprekken are the engine's planning for every PIP; held ones are demo data.)
    gehouden = Voortgangsgesprek.objects.filter(gehouden_op__isnull=False)
    for rijen in (UrenPeriode.objects, Activiteit.objects, ChecklistItem.objects, gehouden):
        bsns = set(rijen.values_list("traject__inburgeraar__bsn", flat=True))
        assert bsns and bsns <= demo_personen, rijen.model.__name__
