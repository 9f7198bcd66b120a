"""No API: the log cannot be read or changed through the API (append-only)."""

urlpatterns: list = []
