"""Beheer's actions on the inbox of DUO notifications: handle a notification in ``fout`` (or
``onbekend``, after an upgrade taught Koers the gebeurtenis) once more, alone or all at once.

The notification goes back to ``nieuw`` with a fresh series of attempts; the worker picks it
up in DUO's order for the person. Who may do this is decided by koers.toegang.policy (the
views check it); these functions only change the rows.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Min

from koers.bouwstenen.weigering import Weigering
from koers.duo.models import Notificatie

log = logging.getLogger(__name__)

OPNIEUW_MOGELIJK = (Notificatie.Status.FOUT, Notificatie.Status.ONBEKEND)


def _terug_naar_nieuw(queryset) -> int:
    return queryset.update(
        status=Notificatie.Status.NIEUW,
        pogingen=0,
        volgende_poging_op=None,
        geclaimd_tot=None,
        mislukt_sinds=None,
    )


@transaction.atomic
def opnieuw_verwerken(notificatie: Notificatie, door) -> None:
    """Queue one notification in ``fout`` or ``onbekend`` again."""
    if not _terug_naar_nieuw(
        Notificatie.objects.filter(pk=notificatie.pk, status__in=OPNIEUW_MOGELIJK)
    ):
        raise Weigering(
            [
                "Alleen een bericht van DUO met een fout of een onbekende "
                "gebeurtenis kan opnieuw worden verwerkt."
            ]
        )
    log.info(
        "Notificatie %s opnieuw in de wachtrij gezet door gebruiker %s",
        notificatie.bericht_id,
        getattr(door, "pk", None),
    )


@transaction.atomic
def fouten_opnieuw_verwerken(door) -> int:
    """Queue every notification in ``fout`` again (e.g. after a long outage of DUO)."""
    aantal = _terug_naar_nieuw(Notificatie.objects.filter(status=Notificatie.Status.FOUT))
    log.info(
        "%s notificaties opnieuw in de wachtrij gezet door gebruiker %s",
        aantal,
        getattr(door, "pk", None),
    )
    return aantal


def oudste_onverwerkte():
    """When the oldest notification of DUO not yet processed arrived (``None``: none)."""
    return Notificatie.objects.filter(status=Notificatie.Status.NIEUW).aggregate(
        oudste=Min("ontvangen_op")
    )["oudste"]
