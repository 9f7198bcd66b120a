"""API routes of the intake slice. They keep their names in the ``api`` namespace:
koers.api.urls lists them among its own."""

from django.urls import path

from koers.intake import api

urlpatterns = [
    path("inburgeraars/<int:pk>/brede-intake", api.BredeIntakeView.as_view(), name="brede-intake"),
    path(
        "inburgeraars/<int:pk>/brede-intake/afronden",
        api.BredeIntakeAfronden.as_view(),
        name="brede-intake-afronden",
    ),
    path(
        "inburgeraars/<int:pk>/brede-intake/afspraken",
        api.BredeIntakeAfspraken.as_view(),
        name="brede-intake-afspraken",
    ),
]
