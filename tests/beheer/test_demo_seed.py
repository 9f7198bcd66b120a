"""`koers seed`: the demo region with the startnotitie's figures, made through the services,
and a second run changes nothing."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from koers.demo import organisaties as demo
from koers.demo import personen as demo_personen
from koers.inburgeraars.models import Gebeurtenis, Inburgeraar, Traject
from koers.inburgeraars.rules import Urgentie, is_valid_bsn
from koers.intake.models import BredeIntake
from koers.organisaties.models import (
    Budget,
    Delegatie,
    Gebruiker,
    Gemeente,
    Organisatie,
    Taakstelling,
)
from koers.pip.models import Beschikking, PipVersie

pytestmark = pytest.mark.slow

MODELLEN = (
    Organisatie,
    Gemeente,
    Gebruiker,
    Taakstelling,
    Budget,
    Inburgeraar,
    Traject,
    Gebeurtenis,
    BredeIntake,
    PipVersie,
    Beschikking,
    Delegatie,
)


def _tellingen():
    return {m.__name__: m.objects.count() for m in MODELLEN}


@pytest.mark.django_db(transaction=False)
def test_seeding_twice_gives_the_same_rows_and_the_figures_of_the_startnotitie(settings):
    settings.DEMO = True
    call_command("seed", stdout=io.StringIO())
    eerste = _tellingen()
    call_command("seed", stdout=io.StringIO())
    assert _tellingen() == eerste

    # Region: eight gemeenten, three in the subregio.
    codes = set(Gemeente.objects.values_list("gemeentecode", flat=True))
    assert codes == {"1706", "0946", "0988", "1711", "1640", "1641", "1669", "0957"}
    assert set(
        Gemeente.objects.filter(subregio__naam="Cranendonck-Nederweert-Weert").values_list(
            "organisatie__naam", flat=True
        )
    ) == {"Cranendonck", "Nederweert", "Weert"}
    assert all(
        len(oin) == 20 and oin.isdigit() for oin in Gemeente.objects.values_list("oin", flat=True)
    )
    assert eerste["Delegatie"] == 0

    # Taakstelling per half year, the 2nd half of 2021 an estimate: the startnotitie's figures.
    # The current year's (sturing.demo.seed_dit_jaar) is tested in tests/sturing.
    def taak(code):
        return [
            (t.aantal, t.is_schatting)
            for t in Taakstelling.objects.filter(
                gemeente__gemeentecode=code, jaar__lte=2023
            ).order_by("jaar", "halfjaar")
        ]

    assert taak("1706") == [(7, False), (8, False), (17, False), (17, True)]
    assert taak("0946") == [(6, False), (7, False), (14, False), (14, True)]
    assert taak("0988") == [(16, False), (19, False), (39, False), (39, True)]

    def budget(code):
        return {
            (b.jaar, b.stroom): b.bedrag
            for b in Budget.objects.filter(gemeente__gemeentecode=code, jaar__lte=2023)
        }

    assert budget("1706") == {
        (2020, "invoering"): Decimal("40692"),
        (2021, "uitvoering"): Decimal("27198"),
        (2022, "uitvoering"): Decimal("60448"),
        (2023, "uitvoering"): Decimal("66500"),
    }
    assert budget("0946") == {
        (2020, "invoering"): Decimal("33845"),
        (2021, "uitvoering"): Decimal("21623"),
        (2022, "uitvoering"): Decimal("48058"),
        (2023, "uitvoering"): Decimal("52870"),
    }
    assert budget("0988") == {
        (2020, "invoering"): Decimal("99225"),
        (2021, "uitvoering"): Decimal("74416"),
        (2022, "uitvoering"): Decimal("165390"),
        (2023, "uitvoering"): Decimal("181950"),
    }

    # Demo accounts log in with the published password.
    for account in demo.ACCOUNTS:
        user = Gebruiker.objects.get(username=account.username)
        assert user.is_demo_account and user.check_password(demo.DEMO_WACHTWOORD)
        assert user.rollen == [account.rol]
    beheer = Gebruiker.objects.get(username="beheer")
    assert beheer.is_staff and beheer.is_superuser
    assert beheer.organisatie.naam == "Koers functioneel beheer"
    assert Gebruiker.objects.get(username="adviseur-nederweert").gemeente.gemeentecode == "0946"

    # About forty persons, valid BSNs, every doelgroep, every status, mixed deadlines.
    assert eerste["Inburgeraar"] == len(demo_personen.PERSONEN) >= 40
    assert all(is_valid_bsn(b) for b in Inburgeraar.objects.values_list("bsn", flat=True))
    assert Inburgeraar.objects.values("doelgroep").distinct().count() == 7
    assert (
        Inburgeraar.objects.filter(turkse_nieuwkomer=True, gemeente__gemeentecode="0946").count()
        == 2
    )
    assert set(Traject.objects.values_list("status", flat=True)) == {
        "aangemeld",
        "brede_intake",
        "pip_vastgesteld",
        "in_uitvoering",
        "afgerond",
    }
    vandaag = timezone.localdate()
    urgenties = {t.urgentie(vandaag) for t in Traject.objects.exclude(volgende_deadline=None)}
    assert urgenties == {Urgentie.TE_LAAT, Urgentie.BIJNA, Urgentie.OP_TIJD}
    assert Traject.objects.filter(pips__versie=2).count() >= 2
    assert eerste["Beschikking"] == PipVersie.objects.filter(status="vastgesteld").count()
    assert BredeIntake.objects.filter(status="concept").exists()
    assert set(
        Traject.objects.filter(status="afgerond").values_list("afrondingsreden", flat=True)
    ) >= {"vertrokken", "verhuisd", "voldaan"}


def test_seed_refuses_outside_demo_mode(db, settings):
    settings.DEMO = False
    with pytest.raises(CommandError, match="KOERS_DEMO=true"):
        call_command("seed", stdout=io.StringIO())
    assert not Gebruiker.objects.exists()
