"""API endpoints of this app; included under /api/v1/ by koers.api.urls. The dashboards and
their CSV/XLSX exports stay the way out for figures; the API holds the costs of
one case."""

from django.urls import path

from koers.sturing import api

urlpatterns = [
    path("inburgeraars/<int:pk>/kosten", api.KostenView.as_view(), name="sturing-kosten"),
]
