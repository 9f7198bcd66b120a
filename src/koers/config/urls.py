from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path
from django.views import defaults

from koers.config import gezondheid, metrieken
from koers.organisaties.koppelingen import koers_apps

admin.site.site_header = "Koers — functioneel beheer"
admin.site.site_title = "Koers beheer"

urlpatterns = [
    # Probes: no login, no session, no details (koers.config.gezondheid).
    path("gezondheid/live", gezondheid.live, name="gezondheid-live"),
    path("gezondheid/klaar", gezondheid.klaar, name="gezondheid-klaar"),
    path("gezondheid/web", gezondheid.web, name="gezondheid-web"),
    path("metrics", metrieken.metrics_view, name="metrieken"),
    path("beheer-duo/", include("koers.duo.beheer_urls")),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("koers.api.urls")),
    path("duo/v1/", include("koers.duo.urls")),
    path("", include("koers.web.urls")),
    path("", include("koers.beveiliging.urls")),  # SSO, DigiD (OIDC) and security keys
    *[path("", include(f"{app.name}.urls")) for app in koers_apps("urls")],
]


def _api_of_pagina(api_antwoord, pagina):
    """API clients get JSON for errors Django answers before DRF is reached (an unknown URL,
    an uncaught error); people get the Dutch error pages."""

    def handler(request, *args, **kwargs):
        if request.path.startswith("/api/"):
            return api_antwoord()
        return pagina(request, *args, **kwargs)

    return handler


handler404 = _api_of_pagina(
    lambda: JsonResponse({"detail": "Niet gevonden."}, status=404), defaults.page_not_found
)
handler500 = _api_of_pagina(
    lambda: JsonResponse(
        {"detail": "Er ging iets mis aan onze kant. Probeer het later opnieuw."}, status=500
    ),
    defaults.server_error,
)
