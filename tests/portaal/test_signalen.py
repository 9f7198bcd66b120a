"""What the inburgeraar sends through Mijn Inburgering becomes a signal for his adviseur: on
the werkvoorraad (a marker), on the signals page, with its number in the menu and on the
case's tab; reading it clears marker and signal at once. The teamleider, who may not read
messages, sees none of it."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from koers.monitoring import lezen
from koers.monitoring.engine import bereken_signalen
from koers.monitoring.models import Signaal
from koers.portaal import services
from koers.portaal.models import Document
from koers.portaal.signalen import BERICHT, DOCUMENT
from tests.beveiliging.test_upload_structuur import echte_pdf
from tests.factories import InburgeraarFactory, TrajectFactory

pytestmark = pytest.mark.django_db

PDF = echte_pdf()


@pytest.fixture
def zaak(met_pip):
    """met_pip, with the on-commit work its setup left waiting done: a test never commits,
    and the signals "on change" gather on a waiting callback."""
    wachtend = list(connection.run_on_commit)
    connection.run_on_commit.clear()
    for _savepoints, callback, _robust in wachtend:
        callback()
    return met_pip


def _open(soort, traject):
    return Signaal.objects.filter(
        soort=soort, traject=traject, status=Signaal.Status.OPEN, actief=True
    )


def _casus(traject, tab="berichten"):
    return f"/inburgeraars/{traject.inburgeraar_id}/dossier/{tab}/"


def test_a_message_is_a_signal_at_once_and_reading_it_clears_it(
    zaak, als, adviseur_weert, django_capture_on_commit_callbacks, nu
):
    with django_capture_on_commit_callbacks(execute=True):
        services.stuur_bericht(zaak.inburgeraar, "Mag mijn les op donderdag?")
        services.stuur_bericht(zaak.inburgeraar, "En op vrijdag?")
    signaal = _open(BERICHT, zaak).get()  # one per case, however many messages
    assert signaal.vervaldatum == dt.date(2026, 11, 4)

    adviseur = als(adviseur_weert)
    werkvoorraad = adviseur.get("/").content.decode()
    marker = f'id="nieuw-{zaak.inburgeraar_id}">Nieuw bericht</span>'
    assert marker in werkvoorraad
    assert 'id="menu-portaal-aantal">1</span>' in werkvoorraad
    lijst = adviseur.get("/signalen/", {"soort": [BERICHT, DOCUMENT]}).content.decode()
    assert "Nieuw bericht van de inburgeraar" in lijst
    assert f'href="{_casus(zaak)}"' in lijst
    assert 'id="menu-portaal" aria-current="page"' in lijst
    casus = adviseur.get(_casus(zaak, "intake")).content.decode()
    assert 'id="tab-berichten-nieuw">2<' in casus and 'id="kop-nieuw-berichten"' in casus

    with django_capture_on_commit_callbacks(execute=True):
        adviseur.get(f"/inburgeraars/{zaak.inburgeraar_id}/mijn-inburgering/berichten/")
    signaal.refresh_from_db()
    assert signaal.status == Signaal.Status.VERVALLEN and not signaal.actief
    werkvoorraad = adviseur.get("/").content.decode()
    assert marker not in werkvoorraad and 'id="menu-portaal-aantal"' not in werkvoorraad
    casus = adviseur.get(_casus(zaak, "intake")).content.decode()
    assert 'id="tab-berichten-nieuw"' not in casus and 'id="kop-nieuw-berichten"' not in casus


def test_answering_clears_the_signal(zaak, adviseur_weert, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.stuur_bericht(zaak.inburgeraar, "Hallo")
    assert _open(BERICHT, zaak).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.beantwoord(adviseur_weert, zaak.inburgeraar, "Dag!")
    assert not _open(BERICHT, zaak).exists()


def test_a_document_is_a_signal_until_the_adviseur_opens_it(
    zaak, als, adviseur_weert, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        services.bewaar_document(
            zaak.inburgeraar,
            SimpleUploadedFile("diploma.pdf", PDF, content_type="application/pdf"),
            "diploma",
        )
    assert _open(DOCUMENT, zaak).exists()
    adviseur = als(adviseur_weert)
    assert (
        f'id="nieuw-{zaak.inburgeraar_id}">Nieuw document</span>'
        in adviseur.get("/").content.decode()
    )
    document = Document.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        pad = f"/inburgeraars/{zaak.inburgeraar_id}/mijn-inburgering/documenten/{document.pk}/"
        assert adviseur.get(pad).status_code == 200
    assert not _open(DOCUMENT, zaak).exists()


def test_the_daily_run_finds_the_same_and_skips_closed_cases(met_pip, weert, nu):
    services.stuur_bericht(met_pip.inburgeraar, "Hallo")  # no on-commit run in this test
    afgerond = TrajectFactory(inburgeraar=InburgeraarFactory(gemeente=weert), status="afgerond")
    services.stuur_bericht(afgerond.inburgeraar, "Nog een vraag")
    bereken_signalen(dt.date(2026, 11, 4))
    assert _open(BERICHT, met_pip).exists()
    assert not Signaal.objects.filter(traject=afgerond).exists()


def test_the_teamleider_sees_no_portal_signals(
    zaak, als, teamleider_weert, adviseur_weert, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.stuur_bericht(zaak.inburgeraar, "Hallo")
    assert BERICHT not in lezen.zichtbare_soorten(teamleider_weert)
    assert BERICHT in lezen.zichtbare_soorten(adviseur_weert)
    html = als(teamleider_weert).get("/").content.decode()
    assert "Nieuw bericht" not in html and 'id="menu-portaal"' not in html
    casus = als(teamleider_weert).get(_casus(zaak, "intake")).content.decode()
    assert 'id="tab-berichten-nieuw"' not in casus


def test_the_api_lists_the_portal_signal_for_the_adviseur_only(
    zaak, api, adviseur_weert, teamleider_weert, django_capture_on_commit_callbacks
):
    """Messages and documents have no API of their own; their unread state is there as
    signals."""
    with django_capture_on_commit_callbacks(execute=True):
        services.stuur_bericht(zaak.inburgeraar, "Hallo")
    antwoord = api(adviseur_weert).get("/api/v1/signalen", {"soort": BERICHT})
    assert antwoord.status_code == 200
    assert BERICHT in antwoord.content.decode()
    assert "Nieuw bericht van de inburgeraar" in antwoord.content.decode()
    teamleider = api(teamleider_weert).get("/api/v1/signalen", {"soort": BERICHT})
    assert teamleider.status_code == 200 and BERICHT not in teamleider.content.decode()


# --- the menu's number, whose SQL is built once per user, profile and day ------------------


def _menu_aantal(client) -> str | None:
    html = client.get("/").content.decode()
    begin = html.find('id="menu-portaal-aantal">')
    if begin < 0:
        return None
    return html[begin + len('id="menu-portaal-aantal">') :].split("<", 1)[0]


def test_the_menu_number_follows_the_data_the_user_and_the_day(
    zaak, als, client, adviseur_weert, nederweert, django_capture_on_commit_callbacks, op
):
    """The number's SQL is kept per user, profile and day; what it counts is read each time.
    A delegation that starts, a role that goes and a day that passes each change it."""
    from koers.organisaties.models import Delegatie

    with op("2026-11-04"):
        with django_capture_on_commit_callbacks(execute=True):
            services.stuur_bericht(zaak.inburgeraar, "Hallo")
        assert _menu_aantal(als(adviseur_weert)) == "1"

        # A case of Nederweert, his own, with a new message: out of reach, so not counted ...
        ander = TrajectFactory(
            gemeente=nederweert,
            adviseur=adviseur_weert,
            inburgeraar=InburgeraarFactory(gemeente=nederweert),
        )
        Signaal.objects.create(
            traject=ander, soort=BERICHT, sleutel="test", vervaldatum=dt.date(2026, 11, 6)
        )
        assert _menu_aantal(client) == "1"
        # ... until Nederweert delegates its work to Weert, as of today and until today.
        Delegatie.objects.create(
            van=nederweert,
            aan=adviseur_weert.gemeente,
            ingangsdatum=dt.date(2026, 11, 4),
            einddatum=dt.date(2026, 11, 4),
        )
        assert _menu_aantal(client) == "2"

    with op("2026-11-05"):  # the delegation has ended
        assert _menu_aantal(als(adviseur_weert)) == "1"

    with op("2026-11-04"):
        adviseur_weert.rollen = ["teamleider"]  # may not read messages
        adviseur_weert.save()
        assert _menu_aantal(als(adviseur_weert)) is None
