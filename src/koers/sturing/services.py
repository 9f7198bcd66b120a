"""Writes of the sturing app: the taakstelling per half year (startnotitie §5.1)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from koers.inburgeraars.services import Weigering
from koers.organisaties.models import Taakstelling
from koers.sturing.forms import TAAKSTELLING_MAX
from koers.toegang import policy


@transaction.atomic
def bewaar_taakstelling(user, *, jaar: int, halfjaar: int, aantal: int,
                        is_schatting: bool) -> Taakstelling:
    """Set the taakstelling of the user's own gemeente for one half year (new or changed)."""
    if not policy.mag_taakstelling_bewerken(user):
        raise PermissionDenied
    fouten = {}
    if halfjaar not in (1, 2):
        fouten["halfjaar"] = "Kies de 1e of de 2e helft van het jaar."
    if not 2020 <= jaar <= 2100:
        fouten["jaar"] = "Vul een jaar in van 2020 tot en met 2100."
    if not 0 <= aantal <= TAAKSTELLING_MAX:
        fouten["aantal"] = f"Vul een aantal in van 0 tot en met {TAAKSTELLING_MAX}."
    if fouten:
        raise Weigering(fouten)
    taak, _nieuw = Taakstelling.objects.update_or_create(
        gemeente=user.gemeente, jaar=jaar, halfjaar=halfjaar,
        defaults={"aantal": aantal, "is_schatting": is_schatting})
    return taak
