"""Uploads checked by type and size, on the content and not only the name.

Use it in a form's ``clean_<veld>``: ``controleer_upload(bestand, {"pdf", "jpg", "png"})``.
The extension must be allowed and the first bytes must match it (a renamed .exe is refused);
PDF and images must then open in a real parser from start to end (pypdf, strict; Pillow,
verified and decoded); text types (csv, txt) must be text, without NUL bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# P: 10 MB, the same as the proxy's client_max_body_size in docs/beheer/operator.md: a scan
# of a diploma or letter fits, a video does not.
MAX_BYTES = 10 * 1024 * 1024

HANDTEKENINGEN: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}
TEKST = {"csv", "txt"}


def extensie(naam: str) -> str:
    return PurePath(naam or "").suffix.lower().lstrip(".")


def _is_tekst(begin: bytes) -> bool:
    if b"\x00" in begin:
        return False
    for codering in ("utf-8", "cp1252"):
        try:
            begin.decode(codering)
        except UnicodeDecodeError:
            continue
        return True
    return False


def controleer_upload(bestand, toegestaan: Iterable[str], *, max_bytes: int = MAX_BYTES):
    """Raise a ValidationError in plain Dutch, or return the file (rewound)."""
    toegestaan = {t.lower() for t in toegestaan}
    soorten = ", ".join(sorted(toegestaan))
    if bestand.size is not None and bestand.size > max_bytes:
        raise ValidationError(
            _("Dit bestand is te groot. Het mag hoogstens %(max)s zijn.")
            % {"max": filesizeformat(max_bytes)},
            code="te_groot",
        )
    if not bestand.size:
        raise ValidationError(_("Dit bestand is leeg."), code="leeg")
    soort = extensie(bestand.name)
    if soort not in toegestaan:
        raise ValidationError(
            _("Dit soort bestand kan niet. Kies een bestand van het type: %(soorten)s.")
            % {"soorten": soorten},
            code="soort",
        )
    bestand.seek(0)
    begin = bestand.read(4096)
    bestand.seek(0)
    if soort in TEKST:
        klopt = _is_tekst(begin)
    else:
        klopt = begin.startswith(HANDTEKENINGEN.get(soort, (b"\x00\x00\x00\x00\x00",)))
    if not klopt:
        raise ValidationError(
            _(
                "De inhoud van dit bestand past niet bij de naam (.%(soort)s). "
                "Kies een echt %(soort)s-bestand."
            )
            % {"soort": soort},
            code="inhoud",
        )
    # The first bytes say what a file claims to be; only a real parser reading all of it
    # finds a cut-off or damaged file behind a good header.
    lezer = STRUCTUUR.get(soort)
    if lezer is not None:
        try:
            lezer(bestand)
        except Exception:  # noqa: BLE001 - parsers raise many kinds; each means "damaged"
            raise ValidationError(
                _(
                    "Dit %(soort)s-bestand is beschadigd of niet compleet en kan niet worden "
                    "geopend. Sla het opnieuw op of scan het opnieuw, en probeer het nog eens."
                )
                % {"soort": soort.upper()},
                code="beschadigd",
            ) from None
        finally:
            bestand.seek(0)
    return bestand


def _lees_pdf(bestand) -> None:
    from pypdf import PdfReader

    bestand.seek(0)
    reader = PdfReader(bestand, strict=True)
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("PDF met wachtwoord")
    for pagina in reader.pages:
        pagina.get_contents()


def _lees_afbeelding(formaat: str):
    def lees(bestand) -> None:
        from PIL import Image

        bestand.seek(0)
        with Image.open(bestand) as afbeelding:
            if afbeelding.format != formaat:
                raise ValueError(f"{afbeelding.format}, geen {formaat}")
            afbeelding.verify()
        # verify() checks the chunks' structure and checksums; only decoding every pixel
        # finds image data that stops early.
        bestand.seek(0)
        with Image.open(bestand) as afbeelding:
            afbeelding.load()

    return lees


STRUCTUUR = {
    "pdf": _lees_pdf,
    "png": _lees_afbeelding("PNG"),
    "jpg": _lees_afbeelding("JPEG"),
    "jpeg": _lees_afbeelding("JPEG"),
}
