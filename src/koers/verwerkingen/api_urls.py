"""No API: the log cannot be read or changed through the API (append-only, issue 5 §3)."""

urlpatterns: list = []
