"""API routes of the pip slice. They keep their names in the ``api`` namespace:
koers.api.urls lists them among its own."""

from django.urls import path

from koers.pip import api

urlpatterns = [
    path("inburgeraars/<int:pk>/pips", api.PipLijst.as_view(), name="pips"),
    path("inburgeraars/<int:pk>/pips/<int:versie>", api.PipDetail.as_view(), name="pip"),
    path(
        "inburgeraars/<int:pk>/pips/<int:versie>/vaststellen",
        api.PipVaststellen.as_view(),
        name="pip-vaststellen",
    ),
    path(
        "inburgeraars/<int:pk>/pips/<int:versie>/beschikking",
        api.PipBeschikking.as_view(),
        name="pip-beschikking",
    ),
]
