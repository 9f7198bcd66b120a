"""API endpoints of this app; included under /api/v1/ by koers.api.urls."""

from django.urls import path

from koers.monitoring import api

urlpatterns = [
    path("signalen", api.SignaalLijst.as_view(), name="monitoring-signalen"),
    path(
        "inburgeraars/<int:pk>/signalen",
        api.InburgeraarSignalen.as_view(),
        name="monitoring-inburgeraar-signalen",
    ),
    path(
        "inburgeraars/<int:pk>/signalen/<int:signaal_id>/afhandelen",
        api.SignaalAfhandelen.as_view(),
        name="monitoring-signaal-afhandelen",
    ),
    path(
        "inburgeraars/<int:pk>/signalen/<int:signaal_id>/uitstellen",
        api.SignaalUitstellen.as_view(),
        name="monitoring-signaal-uitstellen",
    ),
    path(
        "inburgeraars/<int:pk>/gesprekken", api.GesprekLijst.as_view(), name="monitoring-gesprekken"
    ),
    path(
        "inburgeraars/<int:pk>/gesprekken/<int:gesprek_id>",
        api.GesprekDetail.as_view(),
        name="monitoring-gesprek",
    ),
    path(
        "inburgeraars/<int:pk>/gesprekken/<int:gesprek_id>/sluiten",
        api.GesprekSluiten.as_view(),
        name="monitoring-gesprek-sluiten",
    ),
]
