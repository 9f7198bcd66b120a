"""Django signals on a traject, for the uitvoering apps (koers.config.modules) that keep their
own derived data in step — the Z-route plan, the voortgangsgesprekken, the signals — without
the pip and duo apps knowing them.

``traject_gewijzigd`` is sent inside the change's transaction, with ``traject`` and ``wat``:
``"pip_vastgesteld"`` (also ``pip``), ``"termijn"`` (DUO's termijn dates changed) or
``"gebeurtenis"`` (any step recorded on the timeline, see ``services.registreer``).
"""

from django.dispatch import Signal

traject_gewijzigd = Signal()

PIP_VASTGESTELD = "pip_vastgesteld"
TERMIJN = "termijn"
GEBEURTENIS = "gebeurtenis"
