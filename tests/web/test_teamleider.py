"""The teamleider's day: ticking several cases in the werkvoorraad and assigning them to one
adviseur at once (all or nothing, never a 500), and the caseload per adviseur with a fixed
number of queries whatever the number of cases."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.inburgeraars import rules
from koers.inburgeraars.models import Gebeurtenis, Traject
from koers.monitoring import engine
from tests.factories import GebruikerFactory, InburgeraarFactory, TrajectFactory

VANDAAG = dt.date(2026, 10, 1)


@pytest.fixture(autouse=True)
def bevroren_tijd():
    with time_machine.travel("2026-10-01 10:00:00+02:00", tick=False):
        yield


def zaak(gemeente, adviseur=None, *, pip_deadline=VANDAAG + dt.timedelta(days=30), **extra):
    return TrajectFactory(
        inburgeraar=InburgeraarFactory(gemeente=gemeente),
        adviseur=adviseur,
        datum_start_pip_termijn=pip_deadline - rules.PIP_TERMIJN,
        **extra,
    )


def meldingen(response) -> list[str]:
    return re.findall(r'class="utrecht-alert__message">([^<]*)<', response.content.decode())


# --- toewijzen vanuit de werkvoorraad ---------------------------------------------------------


def test_a_teamleider_assigns_five_cases_to_one_adviseur(
    als, weert, teamleider_weert, adviseur_weert, collega_weert
):
    zaken = [zaak(weert, adviseur_weert) for _ in range(5)]
    blijft = zaak(weert, adviseur_weert)
    client = als(teamleider_weert)
    html = client.get("/", {"adviseur": adviseur_weert.pk}).content.decode()
    assert 'id="toewijzen"' in html
    for traject in zaken:
        assert f'name="zaak" value="{traject.pk}"' in html
    antwoord = client.post(
        "/werkvoorraad/toewijzen/",
        {
            "zaak": [t.pk for t in zaken],
            "toewijzen-adviseur": collega_weert.pk,
            "terug": f"adviseur={adviseur_weert.pk}",
        },
        follow=True,
    )
    assert antwoord.redirect_chain[-1][0] == f"/?adviseur={adviseur_weert.pk}"
    assert meldingen(antwoord) == ["5 zaken zijn toegewezen aan Bob Collega."]
    assert set(Traject.objects.filter(adviseur=collega_weert)) == set(zaken)
    blijft.refresh_from_db()
    assert blijft.adviseur == adviseur_weert
    stappen = Gebeurtenis.objects.filter(soort="adviseur", omschrijving="Adviseur: Bob Collega")
    assert stappen.count() == 5  # one service call, one timeline entry, per case


def test_an_adviseur_gets_no_checkboxes_and_may_not_assign(
    als, weert, adviseur_weert, collega_weert
):
    traject = zaak(weert, adviseur_weert)
    client = als(adviseur_weert)
    html = client.get("/").content.decode()
    assert 'name="zaak"' not in html and 'id="toewijzen"' not in html
    antwoord = client.post(
        "/werkvoorraad/toewijzen/", {"zaak": [traject.pk], "toewijzen-adviseur": collega_weert.pk}
    )
    assert antwoord.status_code == 403
    traject.refresh_from_db()
    assert traject.adviseur == adviseur_weert


@pytest.mark.parametrize(
    ("geval", "melding"),
    [
        ("geen_zaken", "Kies eerst een of meer zaken in de lijst."),
        ("geen_getal", "Kies eerst een of meer zaken in de lijst."),
        ("geen_adviseur", "Kies bij 'Toewijzen aan' de adviseur die de zaken krijgt."),
        ("geen_adviseur_rol", "Kies bij 'Toewijzen aan' een van de mogelijkheden."),
        ("buiten_bereik", "Niet alle gekozen zaken zijn gevonden. Er is niets gewijzigd."),
        ("afgerond", "Er is niets gewijzigd: Een afgerond traject krijgt geen andere adviseur"),
    ],
)
def test_bad_input_changes_nothing_and_says_why_in_dutch(
    als,
    weert,
    cranendonck,
    teamleider_weert,
    adviseur_weert,
    collega_weert,
    adviseur_cranendonck,
    geval,
    melding,
):
    zaken = [zaak(weert, adviseur_weert) for _ in range(2)]
    data = {"zaak": [t.pk for t in zaken], "toewijzen-adviseur": collega_weert.pk}
    if geval == "geen_zaken":
        data["zaak"] = []
    elif geval == "geen_getal":
        data["zaak"] = [zaken[0].pk, "abc"]
    elif geval == "geen_adviseur":
        data["toewijzen-adviseur"] = ""
    elif geval == "geen_adviseur_rol":
        beleid = GebruikerFactory(gemeente=weert, rollen=["beleid"])
        data["toewijzen-adviseur"] = beleid.pk
    elif geval == "buiten_bereik":
        data["zaak"].append(zaak(cranendonck, adviseur_cranendonck).pk)
    elif geval == "afgerond":
        data["zaak"].append(zaak(weert, adviseur_weert, status=rules.Status.AFGEROND).pk)
    antwoord = als(teamleider_weert).post("/werkvoorraad/toewijzen/", data, follow=True)
    assert antwoord.status_code == 200
    assert any(m.startswith(melding.replace("'", "&#x27;")) for m in meldingen(antwoord)), (
        meldingen(antwoord)
    )
    assert not Traject.objects.filter(adviseur=collega_weert).exists()
    assert not Gebeurtenis.objects.filter(soort="adviseur").exists()


def test_no_cases_and_no_adviseur_are_both_said_at_once(als, weert, teamleider_weert):
    antwoord = als(teamleider_weert).post(
        "/werkvoorraad/toewijzen/", {"zaak": [], "toewijzen-adviseur": ""}, follow=True
    )
    assert meldingen(antwoord) == [
        "Kies eerst een of meer zaken in de lijst.",
        "Kies bij &#x27;Toewijzen aan&#x27; de adviseur die de zaken krijgt.",
    ]
    assert not Gebeurtenis.objects.filter(soort="adviseur").exists()


def test_the_way_back_keeps_only_a_query_string(als, weert, teamleider_weert, collega_weert):
    traject = zaak(weert)
    antwoord = als(teamleider_weert).post(
        "/werkvoorraad/toewijzen/",
        {
            "zaak": [traject.pk],
            "toewijzen-adviseur": collega_weert.pk,
            "terug": "https://evil.example/",
        },
    )
    assert antwoord.status_code == 302
    assert antwoord.url.startswith("/?")


# --- caseload per adviseur --------------------------------------------------------------------


def caseload_rij(html: str, sleutel) -> list[str]:
    rij = re.search(rf'<tr[^>]*id="caseload-{sleutel}">(.*?)</tr>', html, re.S)
    assert rij, sleutel
    return [
        re.sub(r"<[^>]+>", "", c).strip()
        for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", rij.group(1), re.S)
    ]


def test_the_caseload_counts_open_overdue_and_signals_per_adviseur(
    als, weert, cranendonck, teamleider_weert, adviseur_weert, collega_weert, adviseur_cranendonck
):
    zaak(weert, adviseur_weert, pip_deadline=VANDAAG - dt.timedelta(days=3))  # te laat
    zaak(weert, adviseur_weert, pip_deadline=VANDAAG + dt.timedelta(days=5))  # signal, on time
    zaak(weert, adviseur_weert)
    zaak(weert, adviseur_weert, status=rules.Status.AFGEROND)  # closed: not counted
    zaak(weert, None, pip_deadline=VANDAAG - dt.timedelta(days=1))
    zaak(cranendonck, adviseur_cranendonck, pip_deadline=VANDAAG - dt.timedelta(days=1))
    engine.bereken_signalen()
    client = als(teamleider_weert)
    html = client.get("/caseload/").content.decode()
    assert caseload_rij(html, adviseur_weert.pk) == ["Alice Adviseur", "3", "1", "2"]
    assert caseload_rij(html, collega_weert.pk) == ["Bob Collega", "0", "0", "0"]
    assert caseload_rij(html, "geen") == ["Nog geen adviseur", "1", "1", "1"]
    assert "Charlie" not in html  # another gemeente's adviseur and cases stay out
    assert f'href="/?adviseur={adviseur_weert.pk}&amp;deadline=te_laat"' in html
    assert 'id="caseload-totaal-open">4<' in html
    # The menu leads the teamleider there.
    assert 'id="menu-caseload"' in client.get("/").content.decode()


def test_only_who_assigns_cases_sees_the_caseload(als, adviseur_weert, beleid):
    client = als(adviseur_weert)
    assert client.get("/caseload/").status_code == 403
    assert 'id="menu-caseload"' not in client.get("/").content.decode()
    assert als(beleid).get("/caseload/").status_code == 403


def test_the_caseload_takes_the_same_queries_for_few_or_many_cases(
    als, weert, teamleider_weert, adviseur_weert, collega_weert, django_assert_num_queries
):
    zaak(weert, adviseur_weert, pip_deadline=VANDAAG - dt.timedelta(days=2))
    engine.bereken_signalen()
    client = als(teamleider_weert)
    client.get("/caseload/")  # warm up: session, device
    with CaptureQueriesContext(connection) as weinig:
        client.get("/caseload/")
    extra = [GebruikerFactory(gemeente=weert, rollen=["adviseur"]) for _ in range(4)]
    for i in range(40):
        zaak(
            weert,
            (extra + [adviseur_weert, collega_weert, None])[i % 7],
            pip_deadline=VANDAAG + dt.timedelta(days=i - 20),
        )
    engine.bereken_signalen()
    with django_assert_num_queries(len(weinig.captured_queries)):
        html = client.get("/caseload/").content.decode()
    assert 'id="caseload-totaal-open">41<' in html


def test_each_row_says_what_it_shows_in_words_and_escapes_names(
    als, weert, teamleider_weert, adviseur_weert
):
    """The rows are printed from ready text: the status in words, the checkbox named after
    the case, a name with markup printed as text, and the open signals as the first one with
    its date, its title and how many more there are."""
    from koers.monitoring.models import Signaal
    from koers.portaal.signalen import BERICHT, DOCUMENT

    traject = zaak(weert, adviseur_weert, status=rules.Status.BREDE_INTAKE)
    persoon = traject.inburgeraar
    persoon.voornamen, persoon.geslachtsnaam = "Zoë", "<b>Ünal & Co</b>"
    persoon.save()
    for soort, dagen in ((BERICHT, 2), (DOCUMENT, 5), ("pip_deadline", 9)):
        Signaal.objects.create(
            traject=traject, soort=soort, vervaldatum=VANDAAG + dt.timedelta(days=dagen)
        )

    def rij_van(gebruiker) -> str:
        html = als(gebruiker).get("/").content.decode()
        gevonden = re.search(
            rf'<tr class="utrecht-table__row" id="zaak-{persoon.pk}">(.*?)</tr>', html, re.S
        )
        assert gevonden, html
        return gevonden.group(1)

    rij = rij_van(teamleider_weert)
    assert "<b>" not in rij and "&lt;b&gt;Ünal &amp; Co&lt;/b&gt;, Zoë" in rij
    assert 'aria-label="Kies &lt;b&gt;Ünal &amp; Co&lt;/b&gt;, Zoë"' in rij
    assert f'href="/inburgeraars/{persoon.pk}/"' in rij
    assert ">Brede intake<" in rij
    # The adviseur also reads the portal's messages: those signals are his to see.
    rij = rij_van(adviseur_weert)
    assert 'type="checkbox"' not in rij
    assert "Nieuw bericht, Nieuw document" in rij
    signalen = re.search(r'id="signalen-\d+">(.*?)</td>', rij, re.S).group(1)
    assert "3 oktober 2026" in signalen  # the first open signal's date
    assert "Nieuw bericht van de inburgeraar" in signalen
    assert signalen.endswith("(en nog 2)")
