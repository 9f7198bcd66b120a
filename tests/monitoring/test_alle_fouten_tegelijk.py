"""The forms of the gesprekken and signals show the errors of their fields and of the
monitoring rules in one response, not the rules' only after a second submit; nothing is
saved."""

from datetime import date

from koers.monitoring import engine, services
from koers.monitoring.models import GeslotenGesprek, Signaal, Voortgangsgesprek
from tests.foutsamenvatting import bevat_beide
from tests.monitoring.test_web import gesprek_post, signaal_van, zaak


def test_gesprek_shows_a_field_error_and_a_rule_error_at_once(als, met_pip, adviseur_weert, op):
    with op("2027-01-05"):
        response = als(adviseur_weert).post(
            f"/inburgeraars/{met_pip.inburgeraar_id}/gesprekken/nieuw/",
            gesprek_post(
                **{
                    "gehouden_op": "2027-02-01",  # the rule: not in the future
                    "positieve_gezondheid-meedoen": "veel",  # the field: a whole number
                }
            ),
        )
    assert response.status_code == 400
    bevat_beide(
        response,
        "Score meedoen (0 tot en met 10)",
        "Het gesprek kan niet in de toekomst liggen.",
    )
    assert not Voortgangsgesprek.objects.filter(gehouden_op__isnull=False).exists()


def test_gesprek_before_the_first_pip_is_named_with_a_field_error(als, met_pip, adviseur_weert, op):
    with op("2027-01-05"):
        response = als(adviseur_weert).post(
            f"/inburgeraars/{met_pip.inburgeraar_id}/gesprekken/nieuw/",
            gesprek_post(**{"gehouden_op": "2026-09-01", "interventies-0-soort": "toverij"}),
        )
    assert response.status_code == 400
    bevat_beide(response, "Interventie 1: soort", "na het eerste PIP")
    assert not Voortgangsgesprek.objects.filter(gehouden_op__isnull=False).exists()


def test_snooze_shows_a_missing_reason_and_a_past_date_at_once(als, weert, adviseur_weert, op):
    with op("2026-10-01"):
        traject = zaak(weert, adviseur_weert, deadline=date(2026, 10, 1))
        engine.bereken_signalen()
        signaal = signaal_van(traject)
        response = als(adviseur_weert).post(
            f"/inburgeraars/{traject.inburgeraar_id}/signalen/{signaal.pk}/uitstellen/",
            {f"u{signaal.pk}-uitgesteld_tot": "2026-09-30", f"u{signaal.pk}-reden": ""},
        )
    assert response.status_code == 400
    bevat_beide(response, "Vul 'Waarom uitstellen?' in.", "Kies een datum na vandaag.")
    assert Signaal.objects.get(pk=signaal.pk).status == "open"


def test_closing_a_slot_not_yet_missed_without_reason_names_both(als, met_pip, adviseur_weert, op):
    services.plan_gesprekken([met_pip.pk])
    januari = Voortgangsgesprek.objects.get(traject=met_pip, gepland_op=date(2027, 1, 1))
    with op("2026-12-20"):
        response = als(adviseur_weert).post(
            f"/inburgeraars/{met_pip.inburgeraar_id}/gesprekken/{januari.pk}/sluiten/",
            {f"sluit{januari.pk}-reden": ""},
        )
    assert response.status_code == 400
    bevat_beide(
        response,
        "Vul 'Waarom is dit gesprek niet gevoerd?' in.",
        "Alleen een gepland gesprek dat te laat is, kunt u sluiten.",
    )
    assert not GeslotenGesprek.objects.exists()
