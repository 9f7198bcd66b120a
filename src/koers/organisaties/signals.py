"""Django signals of the core for the apps above it.

``demo_geladen`` is sent by :func:`koers.demo.organisaties.seed` after every app added its
demo data. A receiver returns a dict of counts for the summary; koers.monitoring computes the
signals of the demo cases there, as the worker's daily run would find them.
"""

from django.dispatch import Signal

demo_geladen = Signal()
