"""API routes of the inburgeraars slice. They keep their names in the ``api`` namespace:
koers.api.urls lists them among its own."""

from django.urls import path

from koers.inburgeraars import api

urlpatterns = [
    path("gemeenten", api.GemeenteLijst.as_view(), name="gemeenten"),
    path("inburgeraars", api.InburgeraarLijst.as_view(), name="inburgeraars"),
    path("inburgeraars/<int:pk>", api.InburgeraarDetail.as_view(), name="inburgeraar"),
    path("inburgeraars/<int:pk>/status", api.StatusWijziging.as_view(), name="status"),
    path("inburgeraars/<int:pk>/adviseur", api.AdviseurToewijzing.as_view(), name="adviseur"),
    path(
        "inburgeraars/<int:pk>/brede-intake/leerbaarheidstoets-overslaan",
        api.LbtOverslaan.as_view(),
        name="lbt-overslaan",
    ),
]
