"""Messages both ways: the inburgeraar writes in the portal, his adviseur reads and answers
on the case; the teamleider may not read them. Logged and on the timeline."""

import pytest

from koers.inburgeraars.models import Gebeurtenis
from koers.portaal import services
from koers.portaal.models import Bericht
from koers.verwerkingen.models import Verwerking
from tests.factories import InburgeraarFactory, TrajectFactory

pytestmark = pytest.mark.django_db


def _pad(traject):
    return f"/inburgeraars/{traject.inburgeraar_id}/mijn-inburgering/berichten/"


def test_inburgeraar_sends_a_message(ik, met_pip):
    antwoord = ik.post("/mijn/berichten/", {"tekst": "Mag mijn les op donderdag?"})
    assert antwoord.status_code == 302
    bericht = Bericht.objects.get()
    assert bericht.van_inburgeraar and bericht.inburgeraar == met_pip.inburgeraar
    assert bericht.traject == met_pip and bericht.gelezen_op is None
    log = Verwerking.objects.filter(kanaal="portaal", handeling="wijzigen").get()
    assert log.secties == ["berichten"] and log.inburgeraar_id == met_pip.inburgeraar_id
    assert "Mag mijn les op donderdag?" in ik.get("/mijn/berichten/").content.decode()


def test_empty_or_too_long_message_is_refused_in_dutch(ik):
    assert (
        "Schrijf eerst een bericht."
        in ik.post("/mijn/berichten/", {"tekst": "  "}).content.decode()
    )
    antwoord = ik.post("/mijn/berichten/", {"tekst": "x" * 2001})
    assert antwoord.status_code == 400 and "Uw bericht is te lang." in antwoord.content.decode()
    assert not Bericht.objects.exists()


def test_adviseur_reads_and_answers_on_the_case(ik, met_pip, als, adviseur_weert):
    services.stuur_bericht(met_pip.inburgeraar, "Mag mijn les op donderdag?")
    adviseur = als(adviseur_weert)
    casus = adviseur.get(
        f"/inburgeraars/{met_pip.inburgeraar_id}/dossier/berichten/"
    ).content.decode()
    assert 'id="portaal-ongelezen"' in casus and "1 ongelezen bericht" in casus
    assert "Mag mijn les op donderdag?" in casus
    pagina = adviseur.get(_pad(met_pip)).content.decode()
    assert "Mag mijn les op donderdag?" in pagina and 'id="antwoord-form"' in pagina
    assert Bericht.objects.get().gelezen_op is not None
    assert Verwerking.objects.filter(
        actor_id=adviseur_weert.pk, handeling="lezen", secties=["berichten"]
    ).exists()
    casus = adviseur.get(
        f"/inburgeraars/{met_pip.inburgeraar_id}/dossier/berichten/"
    ).content.decode()
    assert 'id="portaal-ongelezen"' not in casus

    antwoord = adviseur.post(_pad(met_pip), {"tekst": "Ja, dat kan. Ik regel het."})
    assert antwoord.status_code == 302
    terug = Bericht.objects.get(richting="van_gemeente")
    assert terug.door == adviseur_weert and terug.traject == met_pip
    stap = Gebeurtenis.objects.filter(traject=met_pip, soort="portaal").get()
    assert stap.door == adviseur_weert and "Ja, dat kan" not in stap.omschrijving
    assert Verwerking.objects.filter(
        actor_id=adviseur_weert.pk, handeling="wijzigen", secties=["berichten"]
    ).exists()

    adviseur.logout()
    from tests.portaal.conftest import portaal_login

    portaal_login(ik, met_pip.inburgeraar)
    overzicht = ik.get("/mijn/").content.decode()
    assert "U heeft 1 nieuw bericht." in overzicht
    html = ik.get("/mijn/berichten/").content.decode()
    assert "Ja, dat kan. Ik regel het." in html and "Nieuw" in html
    terug.refresh_from_db()
    assert terug.gelezen_op is not None


def test_empty_answer_is_refused(met_pip, als, adviseur_weert, nu):
    antwoord = als(adviseur_weert).post(_pad(met_pip), {"tekst": ""})
    assert antwoord.status_code == 400 and "Schrijf eerst een bericht." in antwoord.content.decode()
    assert not Bericht.objects.exists()


def test_teamleider_cannot_read_or_send(met_pip, als, teamleider_weert, nu):
    services.stuur_bericht(met_pip.inburgeraar, "Alleen voor mijn adviseur")
    teamleider = als(teamleider_weert)
    casus = teamleider.get(
        f"/inburgeraars/{met_pip.inburgeraar_id}/dossier/berichten/"
    ).content.decode()
    assert "Alleen voor mijn adviseur" not in casus and 'id="mijn-inburgering"' not in casus
    assert teamleider.get(_pad(met_pip)).status_code == 403
    assert teamleider.post(_pad(met_pip), {"tekst": "Hallo"}).status_code == 403
    assert Bericht.objects.count() == 1
    assert Bericht.objects.get().gelezen_op is None


def test_other_gemeente_gets_404(met_pip, als, adviseur_cranendonck, nu):
    assert als(adviseur_cranendonck).get(_pad(met_pip)).status_code == 404


def test_adviseur_sees_only_this_persons_messages(met_pip, als, adviseur_weert, weert, nu):
    ander = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert))
    services.stuur_bericht(ander.inburgeraar, "Bericht van iemand anders")
    html = als(adviseur_weert).get(_pad(met_pip)).content.decode()
    assert "Bericht van iemand anders" not in html
