"""Field checks shared by the serializers of every slice."""

from __future__ import annotations

NUL_TEKEN = "Tekst mag geen nul-teken (\\u0000) bevatten."


def _zoek_nul_tekens(waarde, pad: str, fouten: dict) -> None:
    """PostgreSQL cannot store U+0000 in text or JSON; refuse it as a field error."""
    if isinstance(waarde, str):
        if "\x00" in waarde:
            fouten[pad] = [NUL_TEKEN]
    elif isinstance(waarde, dict):
        for sleutel, inhoud in waarde.items():
            if "\x00" in str(sleutel):
                fouten[pad] = [NUL_TEKEN]
            else:
                _zoek_nul_tekens(inhoud, f"{pad}.{sleutel}" if pad else str(sleutel), fouten)
    elif isinstance(waarde, list):
        for index, inhoud in enumerate(waarde):
            _zoek_nul_tekens(inhoud, f"{pad}.{index}" if pad else str(index), fouten)
