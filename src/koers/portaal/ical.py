"""iCalendar (RFC 5545) for the portal's appointments, written by hand: a handful of
properties, so no library. Lines end in CRLF, text is escaped (§3.3.11) and long lines are
folded at 75 octets (§3.1). Appointments have a date but no time in Koers, so each event is
a whole day (DTSTART;VALUE=DATE, DTEND the day after)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

PRODID = "-//Koers//Mijn Inburgering//NL"


@dataclass(frozen=True)
class Afspraak:
    uid: str  # stable: the same appointment keeps its UID in a new download
    datum: date
    titel: str
    omschrijving: str = ""
    locatie: str = ""


def escape(tekst: str) -> str:
    """TEXT value escaping of RFC 5545 §3.3.11."""
    return (
        tekst.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def vouw(regel: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (§3.1)."""
    data = regel.encode("utf-8")
    if len(data) <= 75:
        return regel
    delen, begin, limiet = [], 0, 75
    while begin < len(data):
        eind = min(begin + limiet, len(data))
        while eind < len(data) and (data[eind] & 0xC0) == 0x80:  # continuation byte
            eind -= 1
        delen.append(data[begin:eind].decode("utf-8"))
        begin, limiet = eind, 74  # continuation lines start with a space
    return "\r\n ".join(delen)


def kalender(afspraken: list[Afspraak], *, naam: str, nu: datetime, domein: str) -> str:
    stempel = nu.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    regels = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(naam)}",
    ]
    for a in afspraken:
        regels += [
            "BEGIN:VEVENT",
            f"UID:{a.uid}@{domein}",
            f"DTSTAMP:{stempel}",
            f"DTSTART;VALUE=DATE:{a.datum:%Y%m%d}",
            f"DTEND;VALUE=DATE:{a.datum + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape(a.titel)}",
        ]
        if a.omschrijving:
            regels.append(f"DESCRIPTION:{escape(a.omschrijving)}")
        if a.locatie:
            regels.append(f"LOCATION:{escape(a.locatie)}")
        regels += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    regels.append("END:VCALENDAR")
    return "".join(vouw(r) + "\r\n" for r in regels)
