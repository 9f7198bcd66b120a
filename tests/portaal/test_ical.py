"""iCalendar downloads (RFC 5545): CRLF line ends, escaping, folding, one event per
appointment."""

from datetime import UTC, date, datetime

import pytest

from koers.monitoring.models import Voortgangsgesprek
from koers.portaal import ical
from koers.portaal.gegevens import afspraken

pytestmark = pytest.mark.django_db


def test_escaping_of_text_values():
    assert ical.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_long_lines_are_folded_within_75_octets_and_not_inside_a_character():
    regel = "DESCRIPTION:" + "ሰላም " * 40  # Tigrinya: three bytes per character
    gevouwen = ical.vouw(regel)
    delen = gevouwen.split("\r\n")
    assert all(len(d.encode()) <= 75 for d in delen)
    assert all(d.startswith(" ") for d in delen[1:])
    assert "".join([delen[0]] + [d[1:] for d in delen[1:]]) == regel


def test_calendar_structure():
    tekst = ical.kalender(
        [
            ical.Afspraak(
                "gesprek-1",
                date(2026, 12, 3),
                "Gesprek, met tolk",
                "Kom op tijd; neem uw brief mee",
            )
        ],
        naam="Mijn Inburgering",
        nu=datetime(2026, 11, 4, 9, tzinfo=UTC),
        domein="koers.example",
    )
    assert tekst.endswith("\r\n")
    assert "\n" not in tekst.replace("\r\n", "")
    regels = tekst.split("\r\n")
    assert regels[0] == "BEGIN:VCALENDAR" and regels[-2] == "END:VCALENDAR"
    assert "VERSION:2.0" in regels and "UID:gesprek-1@koers.example" in regels
    assert "DTSTAMP:20261104T090000Z" in regels
    assert "DTSTART;VALUE=DATE:20261203" in regels and "DTEND;VALUE=DATE:20261204" in regels
    assert "SUMMARY:Gesprek\\, met tolk" in regels
    assert "DESCRIPTION:Kom op tijd\\; neem uw brief mee" in regels


def test_download_of_one_and_of_all_appointments(ik, met_pip):
    een = Voortgangsgesprek.objects.create(traject=met_pip, gepland_op=date(2026, 12, 3))
    Voortgangsgesprek.objects.create(traject=met_pip, gepland_op=date(2027, 3, 3))
    antwoord = ik.get(f"/mijn/afspraken/gesprek-{een.pk}.ics")
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in antwoord["Content-Disposition"]
    tekst = antwoord.content.decode()
    assert tekst.count("BEGIN:VEVENT") == 1 and "DTSTART;VALUE=DATE:20261203" in tekst
    assert "LOCATION:Weert" in tekst
    alle = ik.get("/mijn/afspraken/afspraken.ics").content.decode()
    # Also the gesprekken planned when the PIP was vastgesteld, and the intake.
    verwacht = len(afspraken(met_pip.inburgeraar))
    assert verwacht >= 3 and alle.count("BEGIN:VEVENT") == verwacht
    assert "DTSTART;VALUE=DATE:20270303" in alle
