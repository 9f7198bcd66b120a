"""API routes of the privacy pages' app: the register of processing activities, read-only;
included under /api/v1/ by koers.api.urls. The log itself has no API (append-only)."""

from django.urls import path

from koers.avg import api_register

urlpatterns = [
    path(
        "verwerkingsactiviteiten/<str:gemeentecode>/<slug:code>/versies/<int:versie>",
        api_register.VerwerkingsactiviteitVersieView.as_view(),
        name="verwerkingsactiviteit-versie",
    ),
]
