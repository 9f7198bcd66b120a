"""Django signals on a traject, for the uitvoering apps (koers.organisaties.koppelingen) that keep
their own derived data in step — the Z-route plan, the voortgangsgesprekken, the signals — without
the pip and duo apps knowing them.

``traject_gewijzigd`` is sent inside the change's transaction, with ``traject`` and ``wat``:
``"pip_vastgesteld"`` (also ``pip``; koers.duo queues the PIP for DUO), ``"termijn"`` (DUO's
termijn dates changed),
``"gebeurtenis"`` (any step recorded on the timeline, see ``services.registreer``),
``"adviseur"`` (the case's adviseur changed: koers.duo makes him the contactpersoon),
``"lbt_overgeslagen"`` (the gemeente decided not to take the leerbaarheidstoets: koers.duo
reports it to DUO in the same transaction) or ``"duo_examens"`` (DUO's exam results, also
``uitslagen``: DUO's list of Examenresultaat, for koers.leerroute to store), ``"pauze"``
(DUO's tijdelijke vrijstelling began; also ``van``) or ``"hervat"`` (it ended; also ``van``
and ``tot``: koers.monitoring moves the planned gesprekken by the pause).
"""

from django.dispatch import Signal

traject_gewijzigd = Signal()

PIP_VASTGESTELD = "pip_vastgesteld"
TERMIJN = "termijn"
GEBEURTENIS = "gebeurtenis"
LBT_OVERGESLAGEN = "lbt_overgeslagen"
DUO_EXAMENS = "duo_examens"
ADVISEUR = "adviseur"
PAUZE = "pauze"
HERVAT = "hervat"
