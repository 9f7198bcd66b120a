"""Fixtures of the monitoring tests: ``met_pip`` (a case past its PIP) and ``op(dag)`` (a
frozen day) are shared and live in tests/conftest.py."""

from datetime import date

DAGTEKENING = date(2026, 10, 1)  # of the PIP of ``met_pip``
