"""The channel of the current processing (ui, api, export, job). Set by the wiring in the
web and API views; without a request (the DUO worker, commands) it is ``job``."""

from __future__ import annotations

from contextvars import ContextVar

KANAAL: ContextVar[str] = ContextVar("koers_verwerking_kanaal", default="job")


def kanaal_van(request) -> str:
    path = getattr(request, "path", "") or ""
    return "api" if path.startswith("/api/") else "ui"
