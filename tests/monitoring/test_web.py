"""Browser paths: the case page (signals and gesprekken), handling a signal, the page
"Signalen", the werkvoorraad column and filter, and the gesprek form."""

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.inburgeraars import rules as traject_rules
from koers.inburgeraars.models import Gebeurtenis
from koers.monitoring import engine, services
from koers.monitoring.models import Signaal, Voortgangsgesprek
from tests.factories import InburgeraarFactory, TrajectFactory

VANDAAG = date(2026, 10, 1)


@pytest.fixture(autouse=True)
def _vandaag(op):
    with op("2026-10-01"):
        yield


def zaak(gemeente, adviseur, deadline=VANDAAG, naam="Haddad"):
    traject = TrajectFactory(
        inburgeraar=InburgeraarFactory(gemeente=gemeente, geslachtsnaam=naam),
        adviseur=adviseur,
        datum_start_pip_termijn=deadline - traject_rules.PIP_TERMIJN,
    )
    traject.herbereken_deadlines()
    traject.save()
    return traject


def signaal_van(traject, soort="pip_deadline"):
    return Signaal.objects.get(traject=traject, soort=soort, actief=True)


def test_case_page_shows_open_signals_with_forms(als, weert, adviseur_weert):
    traject = zaak(weert, adviseur_weert, VANDAAG - timedelta(days=2))
    engine.bereken_signalen()
    html = (
        als(adviseur_weert)
        .get(f"/inburgeraars/{traject.inburgeraar_id}/dossier/gesprekken/")
        .content.decode()
    )
    assert 'id="signalen-tabel"' in html
    assert "PIP moet bijna of al vastgesteld zijn" in html
    assert '<strong class="koers-te-laat">Te laat</strong>' in html
    assert f'id="afhandelen-{signaal_van(traject).pk}"' in html


def test_handle_a_signal_from_the_case_page(als, weert, adviseur_weert):
    traject = zaak(weert, adviseur_weert)
    engine.bereken_signalen()
    signaal = signaal_van(traject)
    client = als(adviseur_weert)
    url = f"/inburgeraars/{traject.inburgeraar_id}/signalen/{signaal.pk}/afhandelen/"
    response = client.post(url, {f"a{signaal.pk}-reden": ""})
    assert response.status_code == 400
    assert (
        "utrecht-form-field--invalid" in response.content.decode()
        or "Dit veld is verplicht" in response.content.decode()
    )
    signaal.refresh_from_db()
    assert signaal.status == "open"
    response = client.post(url, {f"a{signaal.pk}-reden": "PIP-gesprek gepland"})
    assert response.status_code == 302
    signaal.refresh_from_db()
    assert (signaal.status, signaal.reden, signaal.door) == (
        "afgehandeld",
        "PIP-gesprek gepland",
        adviseur_weert,
    )
    assert Gebeurtenis.objects.filter(traject=traject, soort="signaal").exists()
    html = client.get(
        f"/inburgeraars/{traject.inburgeraar_id}/dossier/gesprekken/"
    ).content.decode()
    assert 'id="geen-signalen"' in html


@pytest.mark.parametrize(
    ("tot", "reden", "fout"),
    [
        ("2026-09-30", "Wacht op tolk", "Kies een datum na vandaag."),
        ("2028-01-01", "Wacht op tolk", "hooguit een jaar"),
        ("morgen", "Wacht op tolk", "datum"),
        ("2026-10-20", "", "Vul 'Waarom uitstellen?' in"),
    ],
)
def test_snooze_refuses_bad_input(als, weert, adviseur_weert, tot, reden, fout):
    traject = zaak(weert, adviseur_weert)
    engine.bereken_signalen()
    signaal = signaal_van(traject)
    response = als(adviseur_weert).post(
        f"/inburgeraars/{traject.inburgeraar_id}/signalen/{signaal.pk}/uitstellen/",
        {f"u{signaal.pk}-uitgesteld_tot": tot, f"u{signaal.pk}-reden": reden},
    )
    assert response.status_code == 400
    assert fout.lower() in unescape(response.content.decode()).lower()
    signaal.refresh_from_db()
    assert signaal.status == "open"


def test_snooze(als, weert, adviseur_weert):
    traject = zaak(weert, adviseur_weert)
    engine.bereken_signalen()
    signaal = signaal_van(traject)
    response = als(adviseur_weert).post(
        f"/inburgeraars/{traject.inburgeraar_id}/signalen/{signaal.pk}/uitstellen/",
        {f"u{signaal.pk}-uitgesteld_tot": "2026-10-20", f"u{signaal.pk}-reden": "Wacht op tolk"},
    )
    assert response.status_code == 302
    signaal.refresh_from_db()
    assert (signaal.status, signaal.uitgesteld_tot) == ("uitgesteld", date(2026, 10, 20))


def test_signals_of_another_gemeente_are_not_found(
    als, weert, cranendonck, adviseur_weert, adviseur_cranendonck
):
    traject = zaak(cranendonck, adviseur_cranendonck)
    engine.bereken_signalen()
    signaal = signaal_van(traject)
    response = als(adviseur_weert).post(
        f"/inburgeraars/{traject.inburgeraar_id}/signalen/{signaal.pk}/afhandelen/",
        {f"a{signaal.pk}-reden": "Klaar"},
    )
    assert response.status_code == 404
    assert (
        als(adviseur_weert)
        .get("/signalen/", {"alle": "on"})
        .content.decode()
        .count(f'id="signaal-{signaal.pk}"')
        == 0
    )


def test_teamleider_sees_no_ontzorgen_signals(
    als, weert, adviseur_weert, teamleider_weert, monkeypatch
):
    from koers.monitoring.signaalbron import Bron
    from koers.toegang.policy import Sectie

    traject = zaak(weert, adviseur_weert, VANDAAG + timedelta(days=100))
    bron = Bron(
        "nep_ontzorgen", "Ontzorgen loopt af", Sectie.ONTZORGEN, lambda v: [(traject.pk, v, "")]
    )
    monkeypatch.setattr(engine, "alle_bronnen", lambda: (bron,))
    monkeypatch.setattr("koers.monitoring.lezen.alle_bronnen", lambda: (bron,))
    engine.bereken_signalen()
    signaal = signaal_van(traject, "nep_ontzorgen")
    case = f"/inburgeraars/{traject.inburgeraar_id}/dossier/gesprekken/"
    assert "Ontzorgen loopt af" in als(adviseur_weert).get(case).content.decode()
    client = als(teamleider_weert)
    assert "Ontzorgen loopt af" not in client.get(case).content.decode()
    assert "Ontzorgen loopt af" not in client.get("/signalen/").content.decode()
    html = client.get("/").content.decode()
    assert f'id="signalen-{traject.inburgeraar_id}"' not in html
    response = client.post(
        f"{case}signalen/{signaal.pk}/afhandelen/", {f"a{signaal.pk}-reden": "Klaar"}
    )
    assert response.status_code == 404


def test_signal_page_lists_own_open_signals_keyset_paged(
    als, weert, adviseur_weert, collega_weert, monkeypatch
):
    monkeypatch.setattr("koers.monitoring.views.PER_PAGINA", 2)
    eigen = [zaak(weert, adviseur_weert, VANDAAG + timedelta(days=i)) for i in range(3)]
    van_bob = zaak(weert, collega_weert)
    engine.bereken_signalen()
    client = als(adviseur_weert)
    response = client.get("/signalen/", {"soort": "pip_deadline"})
    html = response.content.decode()
    ids = [int(i) for i in re.findall(r'id="signaal-(\d+)"', html)]
    assert ids == [signaal_van(t).pk for t in eigen[:2]]
    volgende = re.search(r'href="([^"]+)" rel="next"', html).group(1).replace("&amp;", "&")
    html2 = client.get("/signalen/" + volgende).content.decode()
    assert [int(i) for i in re.findall(r'id="signaal-(\d+)"', html2)] == [signaal_van(eigen[2]).pk]
    alle = client.get("/signalen/", {"alle": "on", "soort": "pip_deadline"}).content.decode()
    assert f'id="signaal-{signaal_van(van_bob).pk}"' in alle or 'rel="next"' in alle
    for params in ({"na": "onzin"}, {"na": "2026-13-01.5"}, {"soort": "bestaat-niet"}):
        assert client.get("/signalen/", params).status_code == 200
    assert 'id="menu-signalen"' in html


def test_signal_page_is_not_for_beleid(als, beleid):
    assert als(beleid).get("/signalen/").status_code == 404


def test_werkvoorraad_column_and_filter(als, weert, adviseur_weert):
    met = zaak(weert, adviseur_weert, VANDAAG - timedelta(days=1))
    zonder = zaak(weert, adviseur_weert, VANDAAG + timedelta(days=40))
    engine.bereken_signalen()
    client = als(adviseur_weert)
    html = client.get("/").content.decode()
    cel = html[html.index(f'id="signalen-{met.inburgeraar_id}"') :]
    cel = cel[: cel.index("</td>")]
    assert "Te laat" in cel and "PIP moet bijna" in cel
    gefilterd = client.get("/", {"signalen": "on"}).content.decode()
    ids = [int(i) for i in re.findall(r'id="zaak-(\d+)"', gefilterd)]
    assert ids == [met.inburgeraar_id] and zonder.inburgeraar_id not in ids
    assert 'id="id_signalen" checked' in gefilterd


def test_werkvoorraad_queries_stay_constant_with_signals(als, weert, adviseur_weert):
    from koers.portaal.models import Bericht, Document

    for i in range(30):
        traject = zaak(weert, adviseur_weert, VANDAAG + timedelta(days=i % 20))
        if i % 2:  # a message and a document from the portal, not read yet: a marker
            Bericht.objects.create(
                inburgeraar=traject.inburgeraar, richting="van_inburgeraar", tekst="Vraag"
            )
            Document.objects.create(
                inburgeraar=traject.inburgeraar,
                soort="diploma",
                bestand="portaal/x.pdf",
                naam="diploma.pdf",
                grootte=1,
                extensie="pdf",
            )
    engine.bereken_signalen()
    client = als(adviseur_weert)
    for params in ({}, {"signalen": "on"}):
        client.get("/", {**params, "per": 3})
        with CaptureQueriesContext(connection) as klein:
            client.get("/", {**params, "per": 3})
        with CaptureQueriesContext(connection) as groot:
            response = client.get("/", {**params, "per": 30})
        assert len(groot.captured_queries) == len(klein.captured_queries)
        # 25 of the 30 have a deadline within 2 weeks; 3 of the other 5 a message.
        verwacht = 28 if params else 30
        html = response.content.decode()
        assert len(re.findall(r'id="signalen-\d+"', html)) == verwacht
        markers = re.findall(r'id="nieuw-\d+">([^<]+)<', html)
        assert len(markers) == 15
        assert set(markers) == {"Nieuw bericht, Nieuw document"}
        assert 'id="menu-portaal-aantal">30<' in html  # 15 messages and 15 documents


# --- gesprekken ----------------------------------------------------------------------------


def gesprek_post(**extra):
    data = {
        "gehouden_op": "2027-01-04",
        "verslag": "Goed gesprek.",
        "voortgang-meedoen-voortgang": "op_schema",
        "voortgang-meedoen-toelichting": "Traint elke week.",
        "subdoelen-meedoen": "Vrijwilligerswerk bij de club.",
        "interventies-0-soort": "taal",
        "interventies-0-omschrijving": "Taalmaatje",
    }
    data.update(
        {
            f"positieve_gezondheid-{d}": "7"
            for d in (
                "lichaamsfuncties",
                "mentaal_welbevinden",
                "zingeving",
                "kwaliteit_van_leven",
                "meedoen",
                "dagelijks_functioneren",
            )
        }
    )
    data.update(extra)
    return data


def test_record_a_gesprek_and_see_it_over_time(als, met_pip, adviseur_weert, op):
    url = f"/inburgeraars/{met_pip.inburgeraar_id}/gesprekken/nieuw/"
    with op("2027-01-05"):
        client = als(adviseur_weert)
        html = client.get(url).content.decode()
        assert "Lid worden van een sportclub." in html  # the PIP goal
        assert 'id="id_positieve_gezondheid-meedoen"' in html
        response = client.post(url, gesprek_post())
        assert response.status_code == 302
        gesprek = Voortgangsgesprek.objects.get(traject=met_pip, gehouden_op__isnull=False)
        assert gesprek.gepland_op == date(2027, 1, 1)
        assert gesprek.positieve_gezondheid["meedoen"] == 7
    with op("2027-04-03"):
        client = als(adviseur_weert)
        tweede = gesprek_post(
            **{
                "gehouden_op": "2027-04-02",
                "interventies-0-soort": "",
                "interventies-0-omschrijving": "",
                "positieve_gezondheid-meedoen": "9",
            }
        )
        assert client.post(url, tweede).status_code == 302
        case = client.get(
            f"/inburgeraars/{met_pip.inburgeraar_id}/dossier/gesprekken/"
        ).content.decode()
    assert 'id="gesprekken-gehouden"' in case
    assert 'id="spinnenweb-reeks"' in case
    # The intervention "taal" of January: meedoen went from 7 to 9 at the next gesprek.
    effect = case[case.index('id="effect-interventies"') :]
    effect = effect[: effect.index("</table>")]
    assert "Extra taalondersteuning" in effect and "+2" in effect
    metingen = case[case.index('id="metingen-tabel"') :]
    metingen = metingen[: metingen.index("</table>")]
    assert metingen.count("<td") == 18  # six dimensions, three measurements (intake + 2)


@pytest.mark.parametrize(
    ("veld", "waarde", "fout"),
    [
        ("gehouden_op", "", "vul 'datum van het gesprek' in"),
        ("gehouden_op", "2027-02-01", "toekomst"),
        ("positieve_gezondheid-meedoen", "11", "10"),
        ("positieve_gezondheid-meedoen", "veel", "getal"),
        ("interventies-0-soort", "toverij", "mogelijkheden"),
    ],
)
def test_gesprek_form_refuses_bad_input(als, met_pip, adviseur_weert, op, veld, waarde, fout):
    with op("2027-01-05"):
        response = als(adviseur_weert).post(
            f"/inburgeraars/{met_pip.inburgeraar_id}/gesprekken/nieuw/",
            gesprek_post(**{veld: waarde}),
        )
    assert response.status_code == 400
    html = unescape(response.content.decode()).lower()
    assert fout in html
    assert (
        "utrecht-form-field--invalid" in html
        or "foutsamenvatting" in html
        or 'role="alert"' in html
    )
    assert not Voortgangsgesprek.objects.filter(gehouden_op__isnull=False).exists()


def test_teamleider_sees_gesprekken_without_scores_and_cannot_record(
    als, met_pip, adviseur_weert, teamleider_weert, op
):
    with op("2027-01-05"):
        gesprek = services.leg_gesprek_vast(
            met_pip,
            adviseur_weert,
            {
                "gehouden_op": "2027-01-04",
                "positieve_gezondheid": {"meedoen": 9},
                "interventies": [{"soort": "werk", "omschrijving": "Werk.Kom"}],
            },
            met_gezondheid=True,
        )
        client = als(teamleider_weert)
        case = client.get(
            f"/inburgeraars/{met_pip.inburgeraar_id}/dossier/gesprekken/"
        ).content.decode()
        assert 'id="gesprekken-gehouden"' in case
        assert 'id="spinnenweb-reeks"' not in case and 'id="effect-interventies"' not in case
        detail = client.get(f"/inburgeraars/{met_pip.inburgeraar_id}/gesprekken/{gesprek.pk}/")
        assert detail.status_code == 200
        assert "positieve_gezondheid" not in detail.content.decode()
        assert 'id="gesprek-opslaan"' not in detail.content.decode()
        assert (
            client.get(f"/inburgeraars/{met_pip.inburgeraar_id}/gesprekken/nieuw/").status_code
            == 403
        )
        assert (
            client.post(
                f"/inburgeraars/{met_pip.inburgeraar_id}/gesprekken/{gesprek.pk}/", gesprek_post()
            ).status_code
            == 403
        )


def test_gesprek_of_another_gemeente_is_not_found(als, met_pip, adviseur_cranendonck, op):
    with op("2027-01-05"):
        response = als(adviseur_cranendonck).get(
            f"/inburgeraars/{met_pip.inburgeraar_id}/gesprekken/nieuw/"
        )
    assert response.status_code == 404
