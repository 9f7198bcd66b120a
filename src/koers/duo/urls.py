"""Koers' own side of the DUO chain: the Notificatie API (filled by the notification slice)."""

app_name = "duo"
urlpatterns: list = []
