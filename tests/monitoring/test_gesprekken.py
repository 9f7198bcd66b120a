"""Voortgangsgesprekken: planning from the PIP (and again after a new PIP), the gemeente's
setting, recording a gesprek, and refusals."""

from datetime import date

import pytest
from django.db import transaction

from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars.models import Gebeurtenis
from koers.monitoring import services
from koers.monitoring.models import Gespreksbeleid, Gespreksplanning, Voortgangsgesprek
from koers.pip.services import bewaar_concept, stel_vast


def geplande_data(traject):
    return list(
        Voortgangsgesprek.objects.filter(traject=traject, gehouden_op__isnull=True)
        .order_by("gepland_op")
        .values_list("gepland_op", flat=True)
    )


def test_planning_follows_the_pip(met_pip):
    # Planned when the PIP was vastgesteld (in the fixture).
    assert geplande_data(met_pip)[:5] == [
        date(2027, 1, 1),
        date(2027, 4, 1),
        date(2027, 7, 1),
        date(2027, 10, 1),
        date(2028, 4, 1),
    ]
    assert geplande_data(met_pip)[-1] == date(2029, 10, 1)  # before the termijn end
    # Idempotent: a second call changes nothing.
    assert services.plan_gesprekken([met_pip.pk]) == 0
    assert services.plan_gesprekken() == 0
    assert len(geplande_data(met_pip)) == 8


def test_the_gemeente_setting(met_pip, weert):
    Gespreksbeleid.objects.create(gemeente=weert, maanden_jaar1=6, maanden_daarna=12)
    assert services.plan_gesprekken([met_pip.pk]) == 1  # the new setting: planned again
    assert geplande_data(met_pip) == [
        date(2027, 4, 1),
        date(2027, 10, 1),
        date(2028, 10, 1),
        date(2029, 10, 1),
    ]


def test_no_planning_without_a_vastgesteld_pip(traject_weert):
    assert services.plan_gesprekken([traject_weert.pk]) == 0
    assert geplande_data(traject_weert) == []


def test_a_new_pip_replans_open_gesprekken_and_keeps_held_ones(met_pip, adviseur_weert, op):
    services.plan_gesprekken([met_pip.pk])
    with op("2027-01-05"):
        gehouden = services.leg_gesprek_vast(
            met_pip, adviseur_weert, {"gehouden_op": "2027-01-04"}, met_gezondheid=True
        )
        concept = bewaar_concept(
            met_pip,
            adviseur_weert,
            {"dagtekening": date(2027, 1, 5), "leerroute": "B", "niveau": "B1", "pvt_uren": 16},
        )
        stel_vast(met_pip, concept.versie, adviseur_weert)
        # Planned again in vaststellen's transaction (signal traject_gewijzigd).
        assert services.plan_gesprekken([met_pip.pk]) == 0
    assert Gespreksplanning.objects.get(traject=met_pip).pip_id == concept.pk
    # The rhythm of year 1 runs from the first PIP (1 October 2026), not from the new
    # version: the held gesprek of 1 January is not planned again, April and July stay.
    assert geplande_data(met_pip)[:3] == [date(2027, 4, 1), date(2027, 7, 1), date(2027, 10, 1)]
    assert Voortgangsgesprek.objects.filter(
        pk=gehouden.pk, gehouden_op=date(2027, 1, 4), gepland_op=date(2027, 1, 1)
    ).exists()
    assert not Voortgangsgesprek.objects.filter(
        traject=met_pip, gehouden_op__isnull=True, gepland_op=date(2027, 1, 1)
    ).exists()


def test_vaststellen_plans_and_computes_signals_after_commit(
    traject_weert, adviseur_weert, django_capture_on_commit_callbacks, op
):
    from koers.monitoring.models import Signaal
    from tests.uitvoering import met_vastgesteld_pip

    with op("2026-10-01"), django_capture_on_commit_callbacks(execute=True) as callbacks:
        met_vastgesteld_pip(traject_weert, adviseur_weert)
    assert geplande_data(traject_weert)[0] == date(2027, 1, 1)
    assert callbacks  # bereken_voor ran for the case
    assert not Signaal.objects.filter(
        traject=traject_weert, soort="pip_deadline", status="open"
    ).exists()


def test_new_termijn_dates_from_duo_replan(met_pip):
    from koers.inburgeraars import signals

    met_pip.termijn_eind = date(2027, 6, 1)
    met_pip.save(update_fields=["termijn_eind"])
    signals.traject_gewijzigd.send(sender=None, traject=met_pip, wat=signals.TERMIJN)
    assert geplande_data(met_pip) == [date(2027, 1, 1), date(2027, 4, 1)]


GOED = {
    "gehouden_op": "2027-01-04",
    "voortgang": {"meedoen": {"voortgang": "op_schema", "toelichting": "Traint elke week."}},
    "subdoelen": {"meedoen": "Vrijwilligerswerk bij de club."},
    "positieve_gezondheid": {"meedoen": 7, "zingeving": 6},
    "interventies": [{"soort": "taal", "omschrijving": "Taalmaatje via de bibliotheek"}],
    "verslag": "Goed gesprek.",
}


def test_recording_fills_the_first_open_planned_gesprek(met_pip, adviseur_weert, op):
    services.plan_gesprekken([met_pip.pk])
    eerste = Voortgangsgesprek.objects.filter(traject=met_pip).order_by("gepland_op").first()
    with op("2027-01-05"):
        gesprek = services.leg_gesprek_vast(met_pip, adviseur_weert, GOED, met_gezondheid=True)
    assert gesprek.pk == eerste.pk and gesprek.gepland_op == date(2027, 1, 1)
    assert gesprek.positieve_gezondheid == {"meedoen": 7, "zingeving": 6}
    assert gesprek.interventies == [
        {"soort": "taal", "omschrijving": "Taalmaatje via de bibliotheek"}
    ]
    omschrijving = Gebeurtenis.objects.filter(traject=met_pip, soort="gesprek").get().omschrijving
    assert "4 januari 2027" in omschrijving and "extra taalondersteuning" in omschrijving


def test_without_health_access_scores_are_refused_and_kept(met_pip, adviseur_weert, op):
    with op("2027-01-05"):
        gesprek = services.leg_gesprek_vast(met_pip, adviseur_weert, GOED, met_gezondheid=True)
        with pytest.raises(Weigering) as fout:
            services.leg_gesprek_vast(
                met_pip, adviseur_weert, GOED, met_gezondheid=False, gesprek=gesprek
            )
        assert "positieve_gezondheid" in fout.value.fouten
        zonder = {k: v for k, v in GOED.items() if k != "positieve_gezondheid"}
        services.leg_gesprek_vast(
            met_pip,
            adviseur_weert,
            {**zonder, "verslag": "Anders."},
            met_gezondheid=False,
            gesprek=gesprek,
        )
    gesprek.refresh_from_db()
    assert (gesprek.verslag, gesprek.positieve_gezondheid) == (
        "Anders.",
        {"meedoen": 7, "zingeving": 6},
    )


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"gehouden_op": None}, "gehouden_op"),
        ({"gehouden_op": "gisteren"}, "gehouden_op"),
        ({"gehouden_op": "2027-02-01"}, "gehouden_op"),  # in the future
        ({"gehouden_op": "2026-09-01"}, "gehouden_op"),  # before the PIP
        ({"voortgang": {"meedoen": {"voortgang": "super"}}}, "voortgang.meedoen.voortgang"),
        ({"voortgang": {"hobby": {"voortgang": "bereikt"}}}, "voortgang.hobby"),
        ({"subdoelen": {"meedoen": "x" * 1001}}, "subdoelen.meedoen"),
        ({"positieve_gezondheid": {"meedoen": 11}}, "positieve_gezondheid.meedoen"),
        ({"positieve_gezondheid": {"meedoen": -1}}, "positieve_gezondheid.meedoen"),
        ({"positieve_gezondheid": {"geluk": 5}}, "positieve_gezondheid.geluk"),
        ({"interventies": [{"soort": "toverij"}]}, "interventies.0.soort"),
        ({"interventies": "taal"}, "interventies"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(met_pip, adviseur_weert, op, wijziging, veld):
    with op("2027-01-05"), pytest.raises(Weigering) as fout, transaction.atomic():
        services.leg_gesprek_vast(
            met_pip, adviseur_weert, {**GOED, **wijziging}, met_gezondheid=True
        )
    assert veld in fout.value.fouten
    assert not Voortgangsgesprek.objects.filter(traject=met_pip, gehouden_op__isnull=False).exists()
    assert not Gebeurtenis.objects.filter(traject=met_pip, soort="gesprek").exists()


def test_no_gesprek_before_the_pip(traject_weert, adviseur_weert):
    with pytest.raises(Weigering) as fout:
        services.leg_gesprek_vast(traject_weert, adviseur_weert, GOED, met_gezondheid=True)
    assert "PIP" in fout.value.fouten["__all__"]


def test_gespreksbeleid_validation(weert):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Gespreksbeleid(gemeente=weert, maanden_jaar1=0, maanden_daarna=6).full_clean()
    Gespreksbeleid(gemeente=weert).full_clean()


def test_a_gesprek_long_before_the_planned_one_is_extra(met_pip, adviseur_weert, op):
    with op("2026-11-02"):
        gesprek = services.leg_gesprek_vast(
            met_pip, adviseur_weert, {"gehouden_op": "2026-11-01"}, met_gezondheid=True
        )
    assert gesprek.gepland_op is None
    assert geplande_data(met_pip)[0] == date(2027, 1, 1)  # still to be held


def test_a_gesprek_held_today_fills_todays_slot_not_the_missed_one(met_pip, adviseur_weert, op):
    """January was missed; the gesprek of 2 April is April's, and January stays overdue."""
    services.plan_gesprekken([met_pip.pk])
    with op("2027-04-02"):
        gesprek = services.leg_gesprek_vast(
            met_pip, adviseur_weert, {"gehouden_op": "2027-04-02"}, met_gezondheid=True
        )
    assert gesprek.gepland_op == date(2027, 4, 1)
    open_data = geplande_data(met_pip)
    assert open_data[0] == date(2027, 1, 1)
    assert date(2027, 4, 1) not in open_data
    # Replanning after a new PIP version agrees with what recording did.
    Gespreksplanning.objects.filter(traject=met_pip).delete()
    services.plan_gesprekken([met_pip.pk])
    assert geplande_data(met_pip) == open_data
