"""API version 1, under /api/v1/ (see koers.config.urls). JSON only; no trailing slashes on
resources."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from koers.api import views
from koers.organisaties.koppelingen import koers_apps

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("gemeenten", views.GemeenteLijst.as_view(), name="gemeenten"),
    path("inburgeraars", views.InburgeraarLijst.as_view(), name="inburgeraars"),
    path("inburgeraars/<int:pk>", views.InburgeraarDetail.as_view(), name="inburgeraar"),
    path("inburgeraars/<int:pk>/status", views.StatusWijziging.as_view(), name="status"),
    path("inburgeraars/<int:pk>/adviseur", views.AdviseurToewijzing.as_view(),
         name="adviseur"),
    path("inburgeraars/<int:pk>/brede-intake", views.BredeIntakeView.as_view(),
         name="brede-intake"),
    path("inburgeraars/<int:pk>/brede-intake/afronden", views.BredeIntakeAfronden.as_view(),
         name="brede-intake-afronden"),
    path("inburgeraars/<int:pk>/brede-intake/afspraken", views.BredeIntakeAfspraken.as_view(),
         name="brede-intake-afspraken"),
    path("inburgeraars/<int:pk>/brede-intake/leerbaarheidstoets-overslaan",
         views.LbtOverslaan.as_view(), name="lbt-overslaan"),
    path("inburgeraars/<int:pk>/pips", views.PipLijst.as_view(), name="pips"),
    path("inburgeraars/<int:pk>/pips/<int:versie>", views.PipDetail.as_view(), name="pip"),
    path("inburgeraars/<int:pk>/pips/<int:versie>/vaststellen",
         views.PipVaststellen.as_view(), name="pip-vaststellen"),
    path("inburgeraars/<int:pk>/pips/<int:versie>/beschikking",
         views.PipBeschikking.as_view(), name="pip-beschikking"),
    *[path("", include(f"{app.name}.api_urls")) for app in koers_apps("api_urls")],
]
