"""Uploads checked by type and size, on the content and not only the name.

Use it in a form's ``clean_<veld>``: ``controleer_upload(bestand, {"pdf", "jpg", "png"})``.
The extension must be allowed and the first bytes must match it (a renamed .exe is refused);
text types (csv, txt) must be text, without NUL bytes.
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
            % {"max": filesizeformat(max_bytes)}, code="te_groot")
    if not bestand.size:
        raise ValidationError(_("Dit bestand is leeg."), code="leeg")
    soort = extensie(bestand.name)
    if soort not in toegestaan:
        raise ValidationError(_("Dit soort bestand kan niet. Kies een bestand van het type: "
                                "%(soorten)s.") % {"soorten": soorten}, code="soort")
    bestand.seek(0)
    begin = bestand.read(4096)
    bestand.seek(0)
    if soort in TEKST:
        klopt = _is_tekst(begin)
    else:
        klopt = begin.startswith(HANDTEKENINGEN.get(soort, (b"\x00\x00\x00\x00\x00",)))
    if not klopt:
        raise ValidationError(_("De inhoud van dit bestand past niet bij de naam (.%(soort)s). "
                                "Kies een echt %(soort)s-bestand.") % {"soort": soort},
                              code="inhoud")
    return bestand
