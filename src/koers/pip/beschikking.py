"""Letters as PDF: an HTML template rendered by xhtml2pdf with the fonts that ship with Koers.

The beschikking of a vastgesteld PIP is made here; other letters (handhaving) use
:func:`render_pdf` too.

Accessibility. xhtml2pdf draws through ReportLab, which writes no structure tree: the letters
are not tagged PDF and so not PDF/UA. (WeasyPrint can write PDF/UA, but needs Pango from the
operating system; Koers' PDF library must install from PyPI alone.) What Koers does give a
screen reader or a reader who enlarges text: real, selectable text in an embedded font with
every letter (no images of text), the language (``/Lang`` from ``<html lang="nl">``), a title
that the viewer shows instead of the file name (``/Title`` plus ``DisplayDocTitle``), the
gemeente as author, bookmarks for the sections, numbered without gaps, and a reading order
that is the order of the HTML (one column, no floats). The gap is described in
docs/beheer/operator.md ("Brieven als PDF")."""

from io import BytesIO
from pathlib import Path

import pypdf
from django.template.loader import render_to_string
from django.utils import timezone
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

from koers.intake import rules as intake_rules
from koers.pip import rules

# DejaVu ships with Koers: the PDF standard fonts lack letters such as the Turkish dotless ı
# (Yılmaz, Aydın), which would print as blanks in a legal decision.
FONTS = Path(__file__).resolve().parent / "fonts"


# The letter needs nothing but its fonts: no network, no other file, whatever the working
# directory of the process.
RESOURCES = ResourceAccessPolicy(allow_remote=False, base_dir=FONTS)


class PdfFout(RuntimeError):
    """The letter could not be rendered; vaststellen is rolled back with it."""


# Parts of the beschikking's text that belong to a higher layer (e.g. monitoring's
# Gespreksbeleid for the voortgangsgesprekken): such an app adds a function ``pip -> dict``
# here when it starts, so this core module imports nothing above it.
TEKSTDELEN: list = []


def render_pdf(template: str, context: dict, *, fout: str) -> bytes:
    """``template`` rendered with ``context`` (plus the font paths) as PDF bytes; ``PdfFout``
    with the Dutch text ``fout`` when xhtml2pdf cannot make it."""
    html = render_to_string(
        template,
        {
            **context,
            "font_regular": (FONTS / "DejaVuSans.ttf").as_posix(),
            "font_bold": (FONTS / "DejaVuSans-Bold.ttf").as_posix(),
        },
    )
    buffer = BytesIO()
    result = pisa.CreatePDF(html, dest=buffer, encoding="utf-8", resource_policy=RESOURCES)
    if result.err:
        raise PdfFout(fout)
    return _titel_tonen(buffer.getvalue())


def _titel_tonen(pdf: bytes) -> bytes:
    """The PDF with ``DisplayDocTitle``: a viewer (and a screen reader) names the letter by its
    title instead of a file name like ``beschikking-3.pdf``. xhtml2pdf cannot set it."""
    writer = pypdf.PdfWriter(clone_from=BytesIO(pdf))
    writer.create_viewer_preferences().display_doctitle = True
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class Hoofdstukken:
    """Numbers the sections of a letter in the order they appear, so a section that is left
    out (no goals, no MAP in the onderwijsroute) leaves no gap: ``{{ hoofdstuk.volgende }}``."""

    def __init__(self) -> None:
        self._nummer = 0

    def volgende(self) -> int:
        self._nummer += 1
        return self._nummer


def maak_pdf(pip, *, kenmerk: str, met_gezondheid: bool = True) -> bytes:
    """The beschikking; ``met_gezondheid=False`` leaves out the goals under health dimensions
    (the copy for a reader without the health section; the stored letter has them)."""
    traject = pip.traject
    inburgeraar = traject.inburgeraar
    doelen = [
        (d.titel, pip.doelen.get(d.sleutel, ""))
        for d in intake_rules.DIMENSIES
        if pip.doelen.get(d.sleutel)
        and (met_gezondheid or not intake_rules.is_gezondheid_dimensie(d.sleutel))
    ]
    return render_pdf(
        "pip/beschikking.html",
        {
            "pip": pip,
            "traject": traject,
            "inburgeraar": inburgeraar,
            "gemeente": traject.gemeente,
            "kenmerk": kenmerk,
            "doelen": doelen,
            "niveau": rules.niveau_voor_duo(pip.leerroute, pip.niveau),
            "alfabetisering": rules.ALFABETISERING.get(pip.alfabetisering, ""),
            "eerste": pip.versie == 1,
            "aangemaakt": timezone.localdate(),
            "hoofdstuk": Hoofdstukken(),
            **{k: v for deel in TEKSTDELEN for k, v in deel(pip).items()},
        },
        fout="De beschikking kon niet als PDF worden gemaakt.",
    )


def pdf_voor(beschikking, *, met_gezondheid: bool) -> bytes:
    """The PDF of a stored beschikking as this reader may see it: the stored letter, or,
    when it holds goals under health dimensions the reader may not see, a copy without
    them (same kenmerk and dagtekening)."""
    pip = beschikking.pip
    if met_gezondheid or not any(
        v for k, v in (pip.doelen or {}).items() if intake_rules.is_gezondheid_dimensie(k)
    ):
        return bytes(beschikking.pdf)
    return maak_pdf(pip, kenmerk=beschikking.kenmerk, met_gezondheid=False)
