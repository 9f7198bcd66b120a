"""No personal data in the application logs. A person with a name, address and BSN found
nowhere else goes through the flows that log — registering the case (API and page), bad
input, intake and PIP with its beschikking letter, a handhaving letter, DUO notifications
through the worker (also when DUO fails), an unexpected error — with the root logger at
DEBUG, as ``KOERS_LOG_LEVEL=DEBUG`` sets it. No record holds the name, the address or the
BSN: log calls carry ids. As a last line of defence the console formatter masks BSNs
(koers.config.logformat), and xhtml2pdf, which quotes the letter's HTML, is kept quiet.
Each check runs in both formats of ``KOERS_LOG_FORMAT``: plain text and JSON."""

from __future__ import annotations

import datetime as dt
import io
import logging
import logging.config
import sys

import pytest
from django.conf import settings
from xhtml2pdf import pisa

from koers.config.logformat import (
    GEMASKEERD,
    GeenBsnFormatter,
    JsonFormatter,
    logging_instellingen,
    maskeer_bsns,
)
from koers.duo import worker
from koers.handhaving import services as handhaving
from koers.inburgeraars.models import Inburgeraar
from koers.inburgeraars.rules import is_valid_bsn
from tests.conftest import inloggen
from tests.duo.keten_hulp import notificatie, standaard
from tests.duo.nep_duo import NepDuo
from tests.uitvoering import met_vastgesteld_pip

pytestmark = pytest.mark.django_db

VOORNAAM = "Zebulonia"
ACHTERNAAM = "Quaxwerthington"
STRAAT = "Quaxwerthsteeg 77"
BSN = "739142604"  # passes the elfproef; no factory makes it
BSN_DUO = "827193506"  # a person DUO announces
GEHEIMEN = (VOORNAAM, ACHTERNAAM, STRAAT, BSN, BSN_DUO)
RUW = logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s")


@pytest.fixture(autouse=True)
def _vandaag(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 15, 10, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture(params=["tekst", "json"])
def logformaat(request):
    """settings.LOGGING as ``KOERS_LOG_FORMAT`` sets it, for the test; then back."""
    logging.config.dictConfig(logging_instellingen(request.param, "INFO"))
    yield request.param
    niveau = settings.LOGGING["root"]["level"]
    logging.config.dictConfig(logging_instellingen(settings.LOG_FORMAT, niveau))


@pytest.fixture
def alles_op_debug(logformaat, caplog):
    """The root logger at DEBUG, as ``KOERS_LOG_LEVEL=DEBUG`` sets it: every logger without
    a level of its own in settings.LOGGING (Koers' own and most libraries) logs everything."""
    caplog.set_level(logging.DEBUG)
    return caplog


def lekken(records, opmaak: logging.Formatter = RUW) -> list[str]:
    """Each secret found in a record as ``opmaak`` writes it (message and traceback)."""
    gevonden = []
    for record in records:
        tekst = opmaak.format(record)
        gevonden += [
            f"{geheim!r} in {record.name}: {tekst[:300]}" for geheim in GEHEIMEN if geheim in tekst
        ]
    return gevonden


def console_formatter() -> logging.Formatter:
    """The formatter of the console handler settings.LOGGING puts on the root logger."""
    gevonden = [
        h.formatter
        for h in logging.getLogger().handlers
        if isinstance(h.formatter, GeenBsnFormatter | JsonFormatter)
    ]
    assert gevonden, "settings.LOGGING formats the console with a masking formatter"
    return gevonden[0]


@pytest.fixture
def persoon(api, adviseur_weert, weert):
    antwoord = api(adviseur_weert).post(
        "/api/v1/inburgeraars",
        {
            "bsn": BSN,
            "voornamen": VOORNAAM,
            "geslachtsnaam": ACHTERNAAM,
            "geboortedatum": "1990-03-04",
            "gemeentecode": weert.gemeentecode,
            "doelgroep": "Gezinsvormer",
            "adres": STRAAT,
            "postcode_plaats": "6001 AA Weert",
        },
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.content
    return Inburgeraar.objects.get(bsn=BSN)


def test_de_bsns_zijn_geldig():
    assert is_valid_bsn(BSN) and is_valid_bsn(BSN_DUO)


def test_geen_naam_adres_of_bsn_in_de_logs(alles_op_debug, api, client, adviseur_weert, weert):
    caplog = alles_op_debug
    # Registering the case through the API, then reading it on its page and in the API.
    antwoord = api(adviseur_weert).post(
        "/api/v1/inburgeraars",
        {
            "bsn": BSN,
            "voornamen": VOORNAAM,
            "geslachtsnaam": ACHTERNAAM,
            "geboortedatum": "1990-03-04",
            "gemeentecode": weert.gemeentecode,
            "doelgroep": "Gezinsvormer",
            "adres": STRAAT,
            "postcode_plaats": "6001 AA Weert",
        },
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.content
    persoon = Inburgeraar.objects.get(bsn=BSN)
    traject = persoon.huidig_traject
    inloggen(client, adviseur_weert)
    assert BSN in client.get(f"/inburgeraars/{persoon.pk}/").content.decode()
    assert api(adviseur_weert).get(f"/api/v1/inburgeraars/{persoon.pk}").status_code == 200
    # Bad input and unknown addresses with the BSN in them: Dutch 400s and 404s.
    dubbel = api(adviseur_weert).post(
        "/api/v1/inburgeraars",
        {
            "bsn": BSN,
            "voornamen": VOORNAAM,
            "geslachtsnaam": ACHTERNAAM,
            "geboortedatum": "1990-03-04",
            "gemeentecode": weert.gemeentecode,
            "doelgroep": "Gezinsvormer",
        },
        format="json",
    )
    assert dubbel.status_code == 400
    assert client.get(f"/inburgeraars/{BSN}/").status_code == 404
    assert api(adviseur_weert).get(f"/api/v1/inburgeraars?bsn={BSN}").status_code in (200, 400)

    # Intake, PIP and its beschikking letter (rendered to PDF).
    versie = met_vastgesteld_pip(traject, adviseur_weert, dagtekening=dt.date(2026, 10, 1))
    assert versie.beschikking.pdf
    assert client.get(f"/inburgeraars/{persoon.pk}/pip/1/beschikking.pdf").status_code == 200

    # A handhaving letter.
    zaak = handhaving.open_zaak(
        traject,
        adviseur_weert,
        {
            "verzuim": "lessen",
            "datum": dt.date(2026, 10, 1),
            "omschrijving": f"{VOORNAAM} kwam drie weken niet naar de les.",
        },
    )
    brief = handhaving.stuur_waarschuwing(zaak, adviseur_weert, {"datum": dt.date(2026, 11, 2)})
    assert brief.pdf

    # DUO notifications through the worker: one that works, a person DUO announces, one
    # Koers does not know, and one while DUO fails on a question the step needs.
    nep = standaard(NepDuo())
    notificatie(weert, "SS102", BSN)
    assert worker.ronde(client=nep.client()) >= 1
    opening = notificatie(weert, "SS101", BSN_DUO)
    onbekend = notificatie(weert, "SS999", BSN)
    worker.ronde(client=nep.client())
    opening.refresh_from_db()
    onbekend.refresh_from_db()
    assert (opening.status, onbekend.status) == ("verwerkt", "onbekend")
    nep.zet("getInburgeringstermijnByBsn", (500, None))
    later = notificatie(weert, "SS102", BSN)
    worker.ronde(client=nep.client())
    later.refresh_from_db()
    assert later.status != "verwerkt" and later.pogingen == 1

    koers = {r.name for r in caplog.records if r.name.startswith("koers.")}
    assert {"koers.duo.client", "koers.duo.worker"} <= koers, "the check below can fail"
    assert lekken(caplog.records) == []
    assert lekken(caplog.records, console_formatter()) == []


def _duo_weigert_met_bsn(weert):
    """DUO refuses a question that may fail (the traject goes on), quoting the BSN."""
    nep = standaard(NepDuo())
    nep.zet("getOntheffingenByBsn", (400, [{"fouttekst": f"BSN {BSN_DUO} is onbekend."}]))
    opening = notificatie(weert, "SS101", BSN_DUO)
    worker.ronde(client=nep.client())
    opening.refresh_from_db()
    assert opening.status == "verwerkt"


def test_duo_fouttekst_met_bsn_staat_niet_in_het_log(alles_op_debug, weert):
    _duo_weigert_met_bsn(weert)
    assert any(r.name == "koers.duo.handlers" for r in alles_op_debug.records)
    assert lekken(alles_op_debug.records) == []
    assert lekken(alles_op_debug.records, console_formatter()) == []


def test_onverwachte_fout_met_bsn_in_de_melding(
    alles_op_debug, client, adviseur_weert, persoon, monkeypatch
):
    """A 500: Django logs the path and the traceback; the exception's text may hold a BSN
    (a database error quoting a key), which the console never shows."""
    from koers.inburgeraars import views as casus

    def stuk(*args, **kwargs):
        raise RuntimeError(f"Key (bsn)=({BSN}) already exists.")

    monkeypatch.setattr(casus, "_casus_context", stuk)
    inloggen(client, adviseur_weert)
    client.raise_request_exception = False
    assert client.get(f"/inburgeraars/{persoon.pk}/").status_code == 500
    fouten = [r for r in alles_op_debug.records if r.name == "django.request"]
    assert fouten and fouten[0].exc_info
    assert BSN in RUW.format(fouten[0])  # the raw traceback holds it …
    assert lekken(alles_op_debug.records, console_formatter()) == []  # … the console not


def test_xhtml2pdf_citeert_de_brief_maar_logt_niet(alles_op_debug):
    """xhtml2pdf's warnings quote the HTML around the problem: here the name and address."""
    html = f"<html><body><p>{VOORNAAM} {ACHTERNAAM}, {STRAAT} <img src=''> </p></body></html>"
    assert not pisa.CreatePDF(html, dest=io.BytesIO()).err
    assert [r for r in alles_op_debug.records if r.name.startswith("xhtml2pdf")] == []
    # Without the level from settings.LOGGING it would have said it.
    logger = logging.getLogger("xhtml2pdf")
    niveau = logger.level
    logger.setLevel(logging.NOTSET)
    try:
        pisa.CreatePDF(html, dest=io.BytesIO())
    finally:
        logger.setLevel(niveau)
    assert lekken(r for r in alles_op_debug.records if r.name.startswith("xhtml2pdf"))


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        (f"BSN {BSN} onbekend", f"BSN {GEMASKEERD} onbekend"),
        (f"pad /inburgeraars/{BSN_DUO}/plicht", f"pad /inburgeraars/{GEMASKEERD}/plicht"),
        ("123456789 is geen BSN (elfproef)", "123456789 is geen BSN (elfproef)"),
        (f"1{BSN} is tien cijfers", f"1{BSN} is tien cijfers"),
        ("Notificatie 42 in 120 ms", "Notificatie 42 in 120 ms"),
    ],
)
def test_maskeer_bsns(tekst, verwacht):
    assert maskeer_bsns(tekst) == verwacht


@pytest.mark.parametrize("formatter", [GeenBsnFormatter("%(message)s"), JsonFormatter()])
def test_formatter_maskeert_ook_de_traceback(formatter):
    try:
        raise ValueError(f"bsn {BSN}")
    except ValueError:
        record = logging.LogRecord(
            "koers", logging.ERROR, __file__, 1, "Mislukt voor %s", (BSN_DUO,), sys.exc_info()
        )
    tekst = formatter.format(record)
    assert "Mislukt voor *********" in tekst and "ValueError: bsn *********" in tekst
    assert BSN not in tekst and BSN_DUO not in tekst
