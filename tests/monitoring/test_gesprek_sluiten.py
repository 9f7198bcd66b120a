"""A missed planned voortgangsgesprek is closed with a reason: on the gesprekken tab, by the
service (under the case lock, with a timeline entry) and through the API; it does not come
back when the planning is made again, and a slot still ahead cannot be closed."""

from datetime import date

import pytest

from koers.avg.anonimisering import anonimiseer_batch
from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars.models import Gebeurtenis
from koers.monitoring import services
from koers.monitoring.models import GeslotenGesprek, Gespreksplanning, Voortgangsgesprek
from tests.dossier import tab

JANUARI = date(2027, 1, 1)


def open_data(traject):
    return list(
        Voortgangsgesprek.objects.filter(traject=traject, gehouden_op__isnull=True)
        .order_by("gepland_op")
        .values_list("gepland_op", flat=True)
    )


@pytest.fixture
def gemist(met_pip):
    """January's gesprek of ``met_pip``, not held; today is 10 February 2027."""
    services.plan_gesprekken([met_pip.pk])
    return Voortgangsgesprek.objects.get(traject=met_pip, gepland_op=JANUARI)


def test_the_service_closes_a_missed_slot_with_a_timeline_entry(
    met_pip, gemist, adviseur_weert, op
):
    with op("2027-02-10"):
        gesloten = services.sluit_gesprek(met_pip, gemist, adviseur_weert, "  Niet gekomen.  ")
    assert (gesloten.gepland_op, gesloten.reden, gesloten.door) == (
        JANUARI,
        "Niet gekomen.",
        adviseur_weert,
    )
    assert JANUARI not in open_data(met_pip)
    stap = Gebeurtenis.objects.filter(traject=met_pip, soort="gesprek").get()
    assert stap.omschrijving == "Gepland voortgangsgesprek van 1 januari 2027 gesloten"
    assert stap.toelichting == "Niet gekomen."
    # A new planning (a new PIP version, another gespreksbeleid) leaves it closed.
    Gespreksplanning.objects.filter(traject=met_pip).delete()
    services.plan_gesprekken([met_pip.pk])
    assert JANUARI not in open_data(met_pip)
    assert date(2027, 4, 1) in open_data(met_pip)


@pytest.mark.parametrize(
    ("dag", "reden", "veld"),
    [
        ("2027-02-10", "   ", "reden"),  # a reason is needed
        ("2026-12-20", "Niet gekomen.", "__all__"),  # not overdue yet: hold it instead
        ("2027-01-01", "Niet gekomen.", "__all__"),  # due today is not missed
    ],
)
def test_closing_is_refused_without_reason_or_before_it_is_missed(
    met_pip, gemist, adviseur_weert, op, dag, reden, veld
):
    with op(dag), pytest.raises(Weigering) as weigering:
        services.sluit_gesprek(met_pip, gemist, adviseur_weert, reden)
    assert veld in weigering.value.fouten
    assert JANUARI in open_data(met_pip)
    assert not GeslotenGesprek.objects.exists()


def test_a_held_gesprek_cannot_be_closed(met_pip, gemist, adviseur_weert, op):
    with op("2027-01-05"):
        gehouden = services.leg_gesprek_vast(
            met_pip, adviseur_weert, {"gehouden_op": "2027-01-05"}, met_gezondheid=True
        )
    assert gehouden.pk == gemist.pk
    with op("2027-02-10"), pytest.raises(Weigering) as weigering:
        services.sluit_gesprek(met_pip, gehouden, adviseur_weert, "Niet gekomen.")
    assert weigering.value.fouten == {"__all__": "Dit gesprek is al gevoerd of gesloten."}


def test_the_gesprekken_tab_offers_the_form_only_for_a_missed_slot(
    als, met_pip, gemist, adviseur_weert, op
):
    pk = met_pip.inburgeraar_id
    with op("2026-12-20"):
        assert "gesprek-sluiten-" not in tab(als(adviseur_weert), pk, "gesprekken")
    with op("2027-02-10"):
        client = als(adviseur_weert)  # logged in on the day: sessions expire
        html = tab(client, pk, "gesprekken")
        assert f'id="gesprek-sluiten-{gemist.pk}"' in html
        assert "Gesprek van 1 januari 2027 is niet gevoerd" in html
        url = f"/inburgeraars/{pk}/gesprekken/{gemist.pk}/sluiten/"
        fout = client.post(url, {f"sluit{gemist.pk}-reden": ""})
        assert fout.status_code == 400
        assert "Vul &#x27;Waarom is dit gesprek niet gevoerd?&#x27; in." in fout.content.decode()
        antwoord = client.post(url, {f"sluit{gemist.pk}-reden": "Verhuisd, niet bereikbaar."})
        assert antwoord.status_code == 302
        assert antwoord.url.endswith(f"/inburgeraars/{pk}/dossier/gesprekken/#gesprekken")
        assert "gesprek-sluiten-" not in tab(client, pk, "gesprekken")
    assert GeslotenGesprek.objects.get().reden == "Verhuisd, niet bereikbaar."


def test_only_who_may_hold_gesprekken_closes_one_and_an_outsider_finds_nothing(
    als, met_pip, gemist, adviseur_cranendonck, beleid, op
):
    url = f"/inburgeraars/{met_pip.inburgeraar_id}/gesprekken/{gemist.pk}/sluiten/"
    with op("2027-02-10"):
        assert als(adviseur_cranendonck).post(url, {"sluit-reden": "x"}).status_code == 404
        assert als(beleid).post(url, {f"sluit{gemist.pk}-reden": "x"}).status_code in (403, 404)
    assert JANUARI in open_data(met_pip)


def test_the_api_closes_a_missed_slot(api, met_pip, gemist, adviseur_weert, op):
    url = f"/api/v1/inburgeraars/{met_pip.inburgeraar_id}/gesprekken/{gemist.pk}/sluiten"
    client = api(adviseur_weert)
    with op("2027-02-10"):
        fout = client.post(url, {"reden": ""}, format="json")
        assert fout.status_code == 400
        antwoord = client.post(url, {"reden": "Niet gekomen."}, format="json")
        assert antwoord.status_code == 200, antwoord.content
        assert antwoord.json()["gepland_op"] == "2027-01-01"
        assert antwoord.json()["reden"] == "Niet gekomen."
        assert client.post(url, {"reden": "Nog eens."}, format="json").status_code == 404
    assert JANUARI not in open_data(met_pip)


def test_anonymising_empties_the_reason_and_keeps_that_it_was_closed(
    met_pip, gemist, adviseur_weert, op
):
    with op("2027-02-10"):
        services.sluit_gesprek(met_pip, gemist, adviseur_weert, "Was ziek, zei de buurvrouw.")
    assert anonimiseer_batch([met_pip.inburgeraar_id], traject_ids=[met_pip.pk]) == 1
    gesloten = GeslotenGesprek.objects.get(traject=met_pip)
    assert (gesloten.reden, gesloten.gepland_op) == ("", JANUARI)
