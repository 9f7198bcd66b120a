"""Lead times are never negative: they count from the aanmeldingsdatum (DUO's clock start, or
the day Koers registered the case when that came first), in the rule, in the SQL of the
dashboards, and over the demo data."""

import datetime as dt

import pytest
from django.utils import timezone

from koers.demo import organisaties as organisatie_demo
from koers.demo import personen as demo_personen
from koers.inburgeraars.models import Traject
from koers.intake.models import BredeIntake
from koers.pip.models import PipVersie
from koers.sturing import cijfers, rules
from koers.sturing.rules import Periode
from tests.sturing.conftest import VANDAAG, maak
from tests.sturing.test_dashboards import tabel

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("klok", "geregistreerd", "verwacht"),
    [
        ("2026-03-01", "2026-03-01", "2026-03-01"),  # DUO's notice opened the case
        ("2026-02-01", "2026-03-05", "2026-02-01"),  # a case registered late in Koers
        ("2026-11-01", "2026-06-30", "2026-06-30"),  # clock started later (BRP, COA, pause)
        (None, "2026-05-01", "2026-05-01"),  # no clock from DUO
    ],
)
def test_aanmeldingsdatum_is_the_earlier_of_duos_clock_and_the_registration(
    klok, geregistreerd, verwacht
):
    assert rules.aanmeldingsdatum(klok and D(klok), D(geregistreerd)) == D(verwacht)


@pytest.mark.parametrize(
    ("aanmelding", "stap", "dagen"),
    [
        ("2026-02-01", "2026-02-21", 20),
        ("2026-02-01", "2026-02-01", 0),
        ("2026-02-21", "2026-02-01", 0),  # intake held before the aanmelding: did not wait
        ("2025-12-31", "2026-01-01", 1),
    ],
)
def test_doorlooptijd_is_never_negative(aanmelding, stap, dagen):
    assert rules.doorlooptijd_dagen(D(aanmelding), D(stap)) == dagen


def _verwacht(trajecten) -> dict:
    """The lead-time sums of the dashboards, computed case by case with the rules."""
    uit = {"intake_n": 0, "intake_duur": 0, "pip_n": 0, "pip_duur": 0}
    for t in trajecten:
        t.refresh_from_db()
        aanmelding = rules.aanmeldingsdatum(
            t.datum_start_pip_termijn, timezone.localdate(t.aangemeld_op)
        )
        intake = BredeIntake.objects.filter(traject=t, datum__isnull=False).first()
        if intake:
            uit["intake_n"] += 1
            uit["intake_duur"] += rules.doorlooptijd_dagen(aanmelding, intake.datum)
        pip = PipVersie.objects.filter(traject=t, status="vastgesteld").order_by("versie").first()
        if pip:
            uit["pip_n"] += 1
            uit["pip_duur"] += rules.doorlooptijd_dagen(aanmelding, pip.dagtekening)
    return uit


def test_worked_cases_match_the_rule_and_are_never_negative(regio):
    weert = regio["weert"]
    trajecten = [
        # Ordinary: intake after 20 days, PIP after 40.
        maak(
            weert,
            aangemeld="2026-02-01",
            klok="2026-02-01",
            intake="2026-02-21",
            pip="2026-03-13",
            naam="Gewoon",
        ),
        # Registered in Koers on 5 March, DUO's clock from 1 February: counts from DUO.
        maak(
            weert,
            aangemeld="2026-03-05",
            klok="2026-02-01",
            intake="2026-02-11",
            pip="2026-04-02",
            naam="Laatgeregistreerd",
        ),
        # A pause moved DUO's clock start past the intake and PIP already done.
        maak(
            weert,
            aangemeld="2026-01-10",
            klok="2026-04-01",
            intake="2026-01-31",
            pip="2026-03-07",
            naam="Gepauzeerd",
        ),
        # Intake held at the COA before the case existed anywhere: 0 days, not negative.
        maak(
            weert,
            aangemeld="2026-03-10",
            klok="2026-03-10",
            intake="2026-02-20",
            naam="Coa",
        ),
        # No clock from DUO: from the registration.
        maak(weert, aangemeld="2026-04-01", intake="2026-04-15", naam="Zonderklok"),
    ]
    rijen = cijfers.doorlooptijden_rijen([weert.pk], Periode(2026), VANDAAG)
    figuren = cijfers.per_gemeente(rijen, None, Periode(2026))[weert.pk]
    verwacht = _verwacht(trajecten)
    assert {k: figuren.get(k, 0) for k in verwacht} == verwacht
    # By hand: intake 20 + 10 + 21 + 0 + 14, PIP 40 + 60 + 56.
    assert verwacht == {"intake_n": 5, "intake_duur": 65, "pip_n": 3, "pip_duur": 156}
    for vak in rijen.values():
        assert vak.get("intake_duur", 0) >= 0 and vak.get("pip_duur", 0) >= 0


def test_the_page_shows_no_negative_lead_time(als, teamleider_weert, regio):
    # Before the fix this case gave −19 days (the intake before Koers' registration).
    maak(
        regio["weert"],
        aangemeld="2026-03-10",
        klok="2026-02-01",
        intake="2026-02-20",
        pip="2026-03-01",
        naam="Negatief",
    )
    html = als(teamleider_weert).get("/sturing/procesindicatoren/", {"periode": "2026"})
    # From DUO's 1 February: 19 days to the intake, 28 to the PIP.
    assert tabel(html.content.decode(), "doorlooptijden") == {
        "Brede intake": ["19,0", "1"],
        "PIP vastgesteld": ["28,0", "1"],
    }


@pytest.fixture
def demo():
    gemeenten = organisatie_demo.seed_organisaties()
    accounts = organisatie_demo.seed_accounts(gemeenten)
    demo_personen.seed_personen(gemeenten, accounts)
    return gemeenten


@pytest.mark.slow
def test_the_demo_dates_need_no_clamping(demo):
    """Every intake and first PIP of the demo lies on or after its aanmeldingsdatum, and the
    cohort date (aangemeld_op) is DUO's date, not the day the demo was loaded."""
    gemeten = 0
    for traject in Traject.objects.all():
        aanmelding = rules.aanmeldingsdatum(
            traject.datum_start_pip_termijn, timezone.localdate(traject.aangemeld_op)
        )
        stappen = list(
            BredeIntake.objects.filter(traject=traject, datum__isnull=False).values_list(
                "datum", flat=True
            )
        ) + list(
            PipVersie.objects.filter(traject=traject, dagtekening__isnull=False).values_list(
                "dagtekening", flat=True
            )
        )
        for stap in stappen:
            assert (stap - aanmelding).days >= 0, (traject.inburgeraar.geslachtsnaam, stap)
            gemeten += 1
    assert gemeten > 20
    jaren = {t.year for t in Traject.objects.values_list("aangemeld_op", flat=True)}
    assert len(jaren) > 1  # spread over the years, as DUO's notices were


@pytest.mark.slow
def test_the_dashboards_over_the_demo_show_no_negative_lead_time(demo):
    ids = [g.pk for g in demo.values()]
    rijen = cijfers.doorlooptijden_rijen(ids, None, timezone.localdate())
    sommen = [v.get(k, 0) for v in rijen.values() for k in ("intake_duur", "pip_duur")]
    assert any(s > 0 for s in sommen)
    assert all(s >= 0 for s in sommen)
