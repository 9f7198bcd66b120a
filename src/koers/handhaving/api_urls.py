"""API endpoints of this app; included under /api/v1/ by koers.api.urls."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
