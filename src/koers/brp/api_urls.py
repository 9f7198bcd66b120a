"""API endpoints of this app; included under /api/v1/ by koers.api.urls."""

from django.urls import path

from koers.brp import api

urlpatterns = [
    path("inburgeraars/<int:pk>/brp", api.BrpGegevensDetail.as_view(), name="brp"),
    path("inburgeraars/<int:pk>/brp/verblijf", api.BrpVerblijf.as_view(), name="brp-verblijf"),
    path("inburgeraars/<int:pk>/brp-verversen", api.BrpVerversen.as_view(), name="brp-verversen"),
]
