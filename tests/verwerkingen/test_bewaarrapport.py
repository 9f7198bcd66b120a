"""The dry-run report of retention per gemeente (``--dry-run`` and the privacy officer's
page): which cases would be anonymised and which log records removed, changing nothing."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from koers.avg import bewaarrapport
from koers.inburgeraars.models import Inburgeraar, Traject
from koers.verwerkingen import keten, rules, services
from koers.verwerkingen.models import Geanonimiseerd, Kop, Verwerking, Weggehaald
from tests.factories import InburgeraarFactory, TrajectFactory
from tests.verwerkingen.test_bewaartermijn import _afgerond

VANDAAG = dt.date(2026, 11, 29)


def _op(dag):
    return time_machine.travel(dt.datetime.combine(dag, dt.time(12), dt.UTC), tick=False)


@pytest.fixture
def archief(weert, nederweert, adviseur_weert):
    """Weert: one case past its term, two old log records about a person anonymised in
    2021; Nederweert: one case past its term, no removable records; one record about no
    person from 2018 (past 5 + 2 years)."""
    # Written in time order, as a real log is (the retention walks the chain up to the last
    # record old enough).
    with _op(dt.date(2018, 1, 2)):
        services.log(user=adviseur_weert, handeling="lezen", activiteit=rules.ACTIVITEIT_INZAGE)
    oud_nederweert = _afgerond(nederweert, adviseur_weert, dt.date(2019, 6, 1))
    weg = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert)).inburgeraar
    for dag in (dt.date(2020, 3, 1), dt.date(2020, 4, 1)):
        with _op(dag):
            services.log_lezen(adviseur_weert, weg, ["naam"])
    oud_weert = _afgerond(weert, adviseur_weert, dt.date(2020, 6, 1))
    Geanonimiseerd.objects.create(inburgeraar=weg, op=dt.datetime(2021, 6, 1, 12, tzinfo=dt.UTC))
    keten.verzegel_alles()
    return {"weert": oud_weert, "nederweert": oud_nederweert}


def _stand():
    """Everything retention could change."""
    return (
        list(Verwerking.objects.order_by("id").values_list("id", "hash")),
        list(Weggehaald.objects.values_list("id", flat=True)),
        list(Geanonimiseerd.objects.values_list("pk", flat=True)),
        list(Inburgeraar.objects.order_by("pk").values_list("pk", "bsn", "geslachtsnaam")),
        list(Traject.objects.order_by("pk").values_list("pk", "status")),
        list(Kop.objects.values_list("laatste_hash", "laatste_volgnummer")),
    )


def test_the_report_per_gemeente(archief, weert):
    rapport = bewaarrapport.rapport(VANDAAG)
    per = {g.naam: g for g in rapport.gemeenten}
    assert [g.naam for g in rapport.gemeenten] == ["Nederweert", "Weert", ""]
    assert [z[0] for z in per["Weert"].zaken] == [archief["weert"].pk]
    assert [z[0] for z in per["Nederweert"].zaken] == [archief["nederweert"].pk]
    assert (per["Weert"].log.aantal, per["Weert"].log.oudste, per["Weert"].log.nieuwste) == (
        2,
        dt.date(2020, 3, 1),
        dt.date(2020, 4, 1),
    )
    assert per["Nederweert"].log.aantal == 0
    assert per[""].log.aantal == 1 and per[""].zaken == []
    assert (rapport.zaken, rapport.verwerkingen) == (2, 3)
    eigen = bewaarrapport.rapport(VANDAAG, gemeente=weert)
    assert [g.naam for g in eigen.gemeenten] == ["Weert"]


@pytest.mark.parametrize("dag", [VANDAAG, dt.date(2023, 6, 1), dt.date(2023, 4, 1)])
def test_the_page_counts_what_the_walk_over_the_chain_finds(archief, weert, nederweert, dag):
    """The privacy officer's count in one query agrees with the chain walk of the command,
    per gemeente (on 2023-06-01 the records of 2020 are two years past the anonymisation of
    2021-06-01, on 2023-04-01 not yet)."""
    per = {g.naam: g for g in bewaarrapport.rapport(dag).gemeenten}
    for gemeente in (weert, nederweert):
        eigen = bewaarrapport.voor_gemeente(dag, gemeente)
        verwacht = per.get(gemeente.naam)
        assert eigen.zaken == (verwacht.zaken if verwacht else [])
        assert (eigen.log.aantal, eigen.log.oudste, eigen.log.nieuwste) == (
            (verwacht.log.aantal, verwacht.log.oudste, verwacht.log.nieuwste)
            if verwacht
            else (0, None, None)
        )
    assert bewaarrapport.voor_gemeente(dag, weert).log.aantal == (
        0 if dag.year == 2023 and dag.month == 4 else 2
    )


def test_dry_run_command_reports_and_changes_nothing(archief, capsys):
    voor = _stand()
    with _op(VANDAAG):
        call_command("verwerkingen-bewaartermijn", "--dry-run")
    uit = capsys.readouterr().out
    assert "er wordt niets gewijzigd" in uit
    weert = uit[uit.index("Gemeente Weert:") :]
    assert f"traject {archief['weert'].pk}" in weert.splitlines()[2]
    assert "Weg te halen verwerkingen: 2 (geschreven van 2020-03-01 tot en met 2020-04-01)" in weert
    nederweert = uit[uit.index("Gemeente Nederweert:") : uit.index("Gemeente Weert:")]
    assert "Te anonimiseren: 1 zaken." in nederweert
    assert "Weg te halen verwerkingen: 0." in nederweert
    assert "Verwerkingen over niemand in het bijzonder:" in uit
    assert "Totaal: 2 zaken." in uit
    assert "Verwerkingenlogging: 3 verwerkingen over hun bewaartermijn (2 reeksen)." in uit
    assert _stand() == voor


def test_dry_run_and_uitvoeren_exclude_each_other(archief):
    from django.core.management.base import CommandError

    voor = _stand()
    with pytest.raises(CommandError):
        call_command("verwerkingen-bewaartermijn", "--dry-run", "--uitvoeren")
    assert _stand() == voor


def test_the_page_shows_the_same_report_for_the_own_gemeente(als, privacy, archief):
    voor = _stand()
    with _op(VANDAAG):
        antwoord = als(privacy).get("/verwerkingen/bewaartermijn/")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert f'id="bewaar-{archief["weert"].pk}"' in html
    assert f'id="bewaar-{archief["nederweert"].pk}"' not in html  # another gemeente's
    logging = html[html.index('id="bewaartermijn-logging"') :]
    assert "2 verwerkingen zijn over de bewaartermijn" in logging.split("</p>")[0]
    assert "1 maart 2020" in logging.split("</p>")[0]
    # The page reads; it neither logs nor changes anything.
    assert _stand() == voor


def test_the_page_costs_the_same_queries_however_large_the_log(
    als, privacy, archief, adviseur_weert, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = als(privacy)
    with _op(VANDAAG):
        client.get("/verwerkingen/bewaartermijn/")  # the session's first request
        with CaptureQueriesContext(connection) as eerst:
            client.get("/verwerkingen/bewaartermijn/")
    # Many more old records of an anonymised person: the page counts them, it does not read them.
    persoon = Geanonimiseerd.objects.get().inburgeraar
    with _op(dt.date(2020, 5, 1)):
        services.log_lezen_lijst(adviseur_weert, [(persoon.pk, None)] * 60, ["naam"])
    keten.verzegel_alles()
    with _op(VANDAAG), django_assert_num_queries(len(eerst)):
        antwoord = client.get("/verwerkingen/bewaartermijn/")
    logging = antwoord.content.decode().split('id="bewaartermijn-logging"')[1].split("</p>")[0]
    assert "62 verwerkingen zijn over de bewaartermijn" in logging
