"""API version 1, under /api/v1/ (see koers.config.urls). JSON only; no trailing slashes on
resources."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from koers.inburgeraars import api_urls as inburgeraars_api
from koers.intake import api_urls as intake_api
from koers.organisaties.koppelingen import koers_apps
from koers.pip import api_urls as pip_api

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    # The core slices' routes, listed as this namespace's own; the apps that plug in
    # (koppelingen) are included after them.
    *inburgeraars_api.urlpatterns,
    *intake_api.urlpatterns,
    *pip_api.urlpatterns,
    *[path("", include(f"{app.name}.api_urls")) for app in koers_apps("api_urls")],
]
