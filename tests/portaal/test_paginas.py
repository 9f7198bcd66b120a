"""The portal's pages: only his own data, every read logged, constant query counts."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.monitoring.models import Voortgangsgesprek
from koers.portaal.models import Bericht
from koers.verwerkingen.models import Verwerking
from koers.verwerkingen.rules import ACTIVITEIT_LIJST
from koers.verwerkingen.services import log_lezen
from tests.factories import InburgeraarFactory, TrajectFactory
from tests.portaal.conftest import portaal_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def gesprek(met_pip):
    return Voortgangsgesprek.objects.create(traject=met_pip, gepland_op=date(2026, 12, 3))


def test_overview_shows_next_appointment_steps_and_contact(
    ik, met_pip, gesprek, weert, adviseur_weert
):
    weert.telefoon = "14 0495"
    weert.save()
    adviseur_weert.email = "alice@weert.nl"
    adviseur_weert.save()
    html = ik.get("/mijn/").content.decode()
    assert 'lang="nl" dir="ltr"' in html
    assert "Welkom, Amina" in html
    assert "3 december 2026" in html and "Gesprek over hoe het gaat" in html
    assert "Alice Adviseur" in html and "alice@weert.nl" in html and "14 0495" in html
    assert "Doe mee aan de PVT" in html
    assert f'href="/mijn/afspraken/gesprek-{gesprek.pk}.ics"' in html


def test_plan_shows_his_vastgesteld_pip_in_plain_words(ik):
    html = ik.get("/mijn/plan/").content.decode()
    assert "B1-route" in html and "niveau B1" in html
    assert "U leert Nederlands tot niveau B1" in html
    assert "Meedoen" in html and "Lid worden van een sportclub." in html
    assert "Dagelijks leven" in html
    assert "1 oktober 2026" in html


def test_plan_without_pip(client, traject_weert, nu):
    portaal_login(client, traject_weert.inburgeraar)
    assert "Uw plan is nog niet klaar" in client.get("/mijn/plan/").content.decode()


def test_every_page_is_logged_as_his_own_read(ik, met_pip):
    inburgeraar = met_pip.inburgeraar
    for pad in (
        "/mijn/",
        "/mijn/plan/",
        "/mijn/afspraken/",
        "/mijn/voortgang/",
        "/mijn/documenten/",
        "/mijn/berichten/",
        "/mijn/wie-bekeek-mijn-dossier/",
    ):
        voor = Verwerking.objects.count()
        assert ik.get(pad).status_code == 200, pad
        nieuw = Verwerking.objects.order_by("-id").first()
        assert Verwerking.objects.count() == voor + 1, pad
        assert nieuw.kanaal == "portaal" and nieuw.handeling == "lezen"
        assert nieuw.inburgeraar_id == inburgeraar.pk and nieuw.actor_id is None
        assert nieuw.rollen == ["inburgeraar"]


def test_another_persons_appointment_is_404(ik, weert):
    ander = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))
    gesprek = Voortgangsgesprek.objects.create(traject=ander, gepland_op=date(2026, 12, 1))
    assert ik.get(f"/mijn/afspraken/gesprek-{gesprek.pk}.ics").status_code == 404
    assert ik.get("/mijn/afspraken/onzin-1.ics").status_code == 404


def test_another_persons_messages_are_not_shown(ik, weert):
    ander = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))
    Bericht.objects.create(
        inburgeraar=ander.inburgeraar,
        traject=ander,
        richting="van_gemeente",
        tekst="Geheim voor een ander",
    )
    assert "Geheim voor een ander" not in ik.get("/mijn/berichten/").content.decode()
    assert "Geheim voor een ander" not in ik.get("/mijn/").content.decode()


def test_who_viewed_shows_a_staff_read_via_the_case_page(ik, met_pip, als, adviseur_weert, client):
    inburgeraar = met_pip.inburgeraar
    als(adviseur_weert).get(f"/inburgeraars/{inburgeraar.pk}/")
    client.logout()
    portaal_login(client, inburgeraar)
    html = client.get("/mijn/wie-bekeek-mijn-dossier/").content.decode()
    assert "Weert" in html
    assert "Adviseur" in html and "Dossier bekeken" in html
    assert "Uitvoeren van de Wet inburgering" in html
    # Organisation and role, never the staff member's name.
    assert "alice" not in html.lower()
    assert "Alice Adviseur" not in html


def test_who_viewed_leaves_out_other_persons(ik, met_pip, weert, adviseur_weert):
    ander = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))
    log_lezen(adviseur_weert, ander.inburgeraar, ["naam"], activiteit="zoeken op BSN")
    html = ik.get("/mijn/wie-bekeek-mijn-dossier/").content.decode()
    assert "Gezocht op BSN" not in html


def _queries(client, pad) -> int:
    client.get(pad)  # warm: the session's first save is not the page's
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(pad).status_code == 200
    return len(ctx.captured_queries)


def _gelogd_op(dag: date, user, inburgeraar, aantal=1, **kwargs):
    with time_machine.travel(f"{dag.isoformat()} 11:00:00+01:00", tick=False):
        for _ in range(aantal):
            log_lezen(user, inburgeraar, ["naam"], **kwargs)


def test_who_viewed_pages_per_day_in_constant_queries(ik, met_pip, adviseur_weert):
    inburgeraar = met_pip.inburgeraar
    _gelogd_op(date(2026, 11, 3), adviseur_weert, inburgeraar)
    weinig = _queries(ik, "/mijn/wie-bekeek-mijn-dossier/")
    for dag in range(1, 15):
        _gelogd_op(date(2026, 10, dag), adviseur_weert, inburgeraar, aantal=3)
    html = ik.get("/mijn/wie-bekeek-mijn-dossier/").content.decode()
    assert _queries(ik, "/mijn/wie-bekeek-mijn-dossier/") == weinig
    # Ten days on the first page, newest first; the rest after "Oudere".
    assert html.count("<h2 ") == 10
    assert "3 november 2026" in html and "14 oktober 2026" in html and "6 oktober 2026" in html
    assert "5 oktober 2026" not in html
    volgende = html.split('id="ouder"')[0].rsplit("?voor=", 1)[1].split('"')[0]
    assert volgende == "2026-10-06"
    tweede = ik.get(f"/mijn/wie-bekeek-mijn-dossier/?voor={volgende}").content.decode()
    assert tweede.count("<h2 ") == 5 and 'id="ouder"' not in tweede
    assert "1 oktober 2026" in tweede and "6 oktober 2026" not in tweede
    assert ik.get("/mijn/wie-bekeek-mijn-dossier/?voor=onzin").status_code == 200


def test_who_viewed_groups_a_day_per_organisation_and_counts_list_views(
    ik, met_pip, adviseur_weert
):
    inburgeraar = met_pip.inburgeraar
    _gelogd_op(
        date(2026, 11, 2), adviseur_weert, inburgeraar, aantal=40, activiteit=ACTIVITEIT_LIJST
    )
    _gelogd_op(date(2026, 11, 2), adviseur_weert, inburgeraar, aantal=2)
    html = ik.get("/mijn/wie-bekeek-mijn-dossier/").content.decode()
    dag = html.split(">2 november 2026</h2>", 1)[1].split("</section>", 1)[0]
    assert dag.count("<h3>Gemeente Weert</h3>") == 1
    assert dag.count('class="portaal-kaart portaal-inzage"') == 2
    assert "In een lijst getoond</strong> · Aantal keer: 40" in dag
    assert "Dossier bekeken</strong> · Aantal keer: 2" in dag


@pytest.mark.parametrize(
    "pad",
    ["/mijn/", "/mijn/afspraken/", "/mijn/berichten/", "/mijn/documenten/", "/mijn/voortgang/"],
)
def test_pages_in_constant_queries(ik, met_pip, pad):
    weinig = _queries(ik, pad)
    for i in range(15):
        Voortgangsgesprek.objects.create(traject=met_pip, gepland_op=date(2027, 1, 1 + i))
        Bericht.objects.create(
            inburgeraar=met_pip.inburgeraar,
            traject=met_pip,
            richting="van_gemeente",
            tekst=f"Bericht {i}",
        )
    assert _queries(ik, pad) <= weinig + 1  # +1: marking the new messages read


def test_every_page_works_without_a_traject(client, weert, nu):
    portaal_login(client, InburgeraarFactory(gemeente=weert))
    for pad in (
        "/mijn/",
        "/mijn/plan/",
        "/mijn/afspraken/",
        "/mijn/voortgang/",
        "/mijn/documenten/",
        "/mijn/berichten/",
        "/mijn/wie-bekeek-mijn-dossier/",
        "/mijn/afspraken/afspraken.ics",
    ):
        assert client.get(pad).status_code == 200, pad
    assert "U krijgt snel een adviseur." in client.get("/mijn/").content.decode()


def test_plan_says_ontzorgen_is_paid_from_his_own_bijstand(ik, met_pip):
    """Art. 56a Participatiewet: the fixed costs are paid FROM the bijstand, not by the
    gemeente on top of it."""
    from koers.pip.models import PipVersie

    PipVersie.objects.filter(traject=met_pip).update(ontzorgen=True)
    html = ik.get("/mijn/plan/").content.decode()
    assert "Dat geld komt uit uw eigen bijstand." in html
    assert "voor u." not in html.split("Hulp met geld")[1].split("</p>")[0]
    ik.post("/mijn/taal/", {"taal": "en", "next": "/mijn/plan/"})
    html = ik.get("/mijn/plan/").content.decode()
    assert "This money comes from your own social assistance benefit" in html
