"""The letters of handhaving as PDF: waarschuwingsbrief, voornemen tot boete and
boetebesluit.

Made exactly as the PIP's beschikking, by :func:`koers.pip.beschikking.render_pdf`: an HTML
template rendered by xhtml2pdf with the DejaVu font that ships with Koers, no network and no
other file."""

from __future__ import annotations

import hashlib

from koers.pip.beschikking import render_pdf

TEMPLATES = {
    "waarschuwing": "handhaving/brief_waarschuwing.html",
    "voornemen": "handhaving/brief_voornemen.html",
    "boete": "handhaving/brief_boete.html",
}


def maak_brief_pdf(soort: str, zaak, *, kenmerk: str, datum, **extra) -> bytes:
    traject = zaak.traject
    return render_pdf(
        TEMPLATES[soort],
        {
            "zaak": zaak,
            "traject": traject,
            "inburgeraar": traject.inburgeraar,
            "gemeente": traject.gemeente,
            "kenmerk": kenmerk,
            "datum": datum,
            **extra,
        },
        fout="De brief kon niet als PDF worden gemaakt.",
    )


def sha256(pdf: bytes) -> str:
    return hashlib.sha256(pdf).hexdigest()
