"""The PIP through the screens: concept, vaststellen with confirmation, beschikking PDF."""

import pytest
import time_machine

from koers.begeleiding.models import Begeleidingsbeleid
from koers.pip.models import Beschikking, PipVersie
from tests.foutsamenvatting import bevat_beide
from tests.web.conftest import volledige_intake

PIP = {
    "dagtekening": "2026-10-01",
    "leerroute": "B",
    "niveau": "B1",
    "geschatte_intensiteit_b1_route": "600",
    "alfabetisering": "NVT",
    "mag_opleiding_afmaken": "nee",
    "doelen-meedoen": "Vrijwilligerswerk bij de voedselbank.",
    "begeleiding_ondersteuning": "Maatschappelijke begeleiding door VluchtelingenWerk.",
    "pvt_invulling": "Groep met excursie.",
    "pvt_uren": "12",
    "map_invulling": "Werk.Kom",
    "map_uren": "64",
    "voortgangsgesprekken": "Elke 3 maanden.",
    "partners": "Werk.Kom",
}


@pytest.fixture(autouse=True)
def bevroren_tijd():
    with time_machine.travel("2026-10-01 10:00:00+02:00", tick=False):
        yield


def url(traject, rest=""):
    return f"/inburgeraars/{traject.inburgeraar_id}/pip/{rest}"


def test_vaststellen_through_the_screens_makes_a_beschikking(als, adviseur_weert, traject_weert):
    volledige_intake(traject_weert, adviseur_weert)
    client = als(adviseur_weert)
    assert client.post(url(traject_weert), PIP).status_code == 302
    concept = PipVersie.objects.get(traject=traject_weert)
    html = client.get(url(traject_weert)).content.decode()
    assert 'id="pip-waarschuwingen"' not in html
    assert f'action="/inburgeraars/{traject_weert.inburgeraar_id}/pip/1/vaststellen/"' in html

    # Without the confirmation nothing happens.
    response = client.post(url(traject_weert, "1/vaststellen/"))
    assert "Bevestig dat u het PIP met de inburgeraar hebt besproken." in response.content.decode()
    concept.refresh_from_db()
    assert concept.status == "concept"

    response = client.post(url(traject_weert, "1/vaststellen/"), {"besproken": "on"})
    assert response.status_code == 302
    assert response.url == f"/inburgeraars/{traject_weert.inburgeraar_id}/dossier/pip/#pip"
    concept.refresh_from_db()
    assert concept.is_vastgesteld
    traject_weert.refresh_from_db()
    assert traject_weert.status == "pip_vastgesteld"

    html = client.get(response.url).content.decode()
    assert "PIP versie 1 is vastgesteld." in html
    assert 'id="beschikking-1"' in html

    pdf = client.get(url(traject_weert, "1/beschikking.pdf"))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment;")
    assert pdf.content.startswith(b"%PDF")
    assert pdf.content == bytes(Beschikking.objects.get().pdf)


def test_vaststellen_is_refused_before_the_intake_is_done(als, adviseur_weert, traject_weert):
    client = als(adviseur_weert)
    client.post(url(traject_weert), PIP)
    response = client.post(url(traject_weert, "1/vaststellen/"), {"besproken": "on"})
    html = response.content.decode()
    assert "Het PIP is niet vastgesteld." in html
    assert "Rond eerst de brede intake af." in html
    assert f'href="/inburgeraars/{traject_weert.inburgeraar_id}/intake/"' in html
    assert not Beschikking.objects.exists()
    assert PipVersie.objects.get().status == "concept"


def test_rule_violations_show_as_warnings_that_link_to_the_field(
    als, adviseur_weert, traject_weert
):
    volledige_intake(traject_weert, adviseur_weert)
    client = als(adviseur_weert)
    client.post(url(traject_weert), {**PIP, "leerroute": "Z", "niveau": "B1", "pvt_uren": "8"})
    html = client.get(url(traject_weert)).content.decode()
    assert 'id="pip-waarschuwingen"' in html
    assert 'href="#id_niveau">Niveau B1 kan niet bij de Z-route.' in html
    assert 'href="#id_pvt_uren">Het PVT duurt minstens 12 uur.' in html
    response = client.post(url(traject_weert, "1/vaststellen/"), {"besproken": "on"})
    assert "Niveau B1 kan niet bij de Z-route." in response.content.decode()
    assert not Beschikking.objects.exists()


@pytest.mark.parametrize(
    ("wijziging", "fout"),
    [
        ({"leerroute": ""}, "Kies een leerroute"),
        ({"pvt_uren": "-5"}, "kan niet kleiner zijn dan 0"),
        ({"map_uren": "99999999"}, "kan niet groter zijn dan 32767"),
        ({"dagtekening": "1-1"}, "een geldige datum"),
        ({"niveau": "C2"}, "een van de mogelijkheden"),
    ],
)
def test_bad_pip_input_shows_dutch_errors_and_saves_nothing(
    als, adviseur_weert, traject_weert, wijziging, fout
):
    response = als(adviseur_weert).post(url(traject_weert), {**PIP, **wijziging})
    assert response.status_code == 200
    assert fout in response.content.decode()
    assert not PipVersie.objects.exists()


def test_a_new_version_starts_from_the_vastgesteld_one(als, adviseur_weert, traject_weert):
    volledige_intake(traject_weert, adviseur_weert)
    client = als(adviseur_weert)
    client.post(url(traject_weert), PIP)
    client.post(url(traject_weert, "1/vaststellen/"), {"besproken": "on"})
    html = client.get(url(traject_weert)).content.decode()
    assert "Vrijwilligerswerk bij de voedselbank." in html
    assert 'id="vaststellen"' not in html  # nothing to vaststellen before saving
    client.post(url(traject_weert), {**PIP, "map_uren": "80"})
    assert list(PipVersie.objects.values_list("versie", "status").order_by("versie")) == [
        (1, "vastgesteld"),
        (2, "concept"),
    ]
    assert PipVersie.objects.get(versie=1).map_uren == 64


def test_no_download_outside_reach_or_without_a_beschikking(
    als, adviseur_weert, adviseur_cranendonck, traject_weert
):
    assert als(adviseur_weert).get(url(traject_weert, "1/beschikking.pdf")).status_code == 404
    assert als(adviseur_cranendonck).get(url(traject_weert, "1/beschikking.pdf")).status_code == 404


def test_teamleider_cannot_edit_or_vaststellen(als, teamleider_weert, traject_weert):
    client = als(teamleider_weert)
    assert client.get(url(traject_weert)).status_code == 403
    assert client.post(url(traject_weert, "1/vaststellen/"), {"besproken": "on"}).status_code == 403


@pytest.mark.parametrize(("groep", "gewaarschuwd"), [("wet", True), ("asielmigranten", False)])
def test_ontzorgen_on_the_pip_screen_follows_the_gemeente_setting(
    als, adviseur_weert, traject_weert, groep, gewaarschuwd
):
    """A gezinsvormer with a regular permit (DUO's indeling: asielstatushouder) is outside
    art. 56a Participatiewet: the screen warns and refuses, unless the gemeente chose the
    wider group (begeleiding.Begeleidingsbeleid.ontzorgen_groep)."""
    Begeleidingsbeleid.objects.update_or_create(
        gemeente=traject_weert.gemeente, defaults={"ontzorgen_groep": groep}
    )
    inburgeraar = traject_weert.inburgeraar
    inburgeraar.doelgroep = "Gezinsvormer met Asielstatushouder"
    inburgeraar.doelgroepindeling = "Asielstatushouder"
    inburgeraar.save()
    volledige_intake(traject_weert, adviseur_weert)
    client = als(adviseur_weert)
    assert client.post(url(traject_weert), {**PIP, "ontzorgen": "on"}).status_code == 302
    html = client.get(url(traject_weert)).content.decode()
    assert ("Deze inburgeraar heeft een reguliere verblijfsvergunning" in html) is gewaarschuwd
    client.post(url(traject_weert, "1/vaststellen/"), {"besproken": "on"})
    assert PipVersie.objects.get(traject=traject_weert).is_vastgesteld is not gewaarschuwd


def test_a_field_error_and_a_rule_error_are_shown_at_once(als, adviseur_weert, traject_weert):
    """The leerroute is a rule of the service (a draft needs one), the hours a field: both
    in one response, and no draft is saved."""
    data = {**PIP, "leerroute": "", "pvt_uren": "veel"}
    response = als(adviseur_weert).post(url(traject_weert), data)
    bevat_beide(response, "PVT: aantal uren", "Kies een leerroute")
    assert not PipVersie.objects.exists()
