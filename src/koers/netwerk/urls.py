"""Pages of this app; included at the site root by koers.config.urls."""

from django.urls import path  # noqa: F401

app_name = "netwerk"
urlpatterns: list = []
