"""Koers' own side of the DUO chain: the Notificatie API (``POST /duo/v1/notificaties``)."""

from django.urls import path

from koers.duo import notificaties

app_name = "duo"
urlpatterns = [
    path("notificaties", notificaties.ontvang, name="notificaties"),
]
