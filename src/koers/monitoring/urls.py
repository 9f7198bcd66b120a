"""Pages of this app; included at the site root by koers.config.urls."""

from django.urls import path

from koers.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("signalen/", views.signalen, name="signalen"),
    path(
        "inburgeraars/<int:pk>/signalen/<int:signaal_id>/afhandelen/",
        views.signaal_afhandelen,
        name="signaal_afhandelen",
    ),
    path(
        "inburgeraars/<int:pk>/signalen/<int:signaal_id>/uitstellen/",
        views.signaal_uitstellen,
        name="signaal_uitstellen",
    ),
    path("inburgeraars/<int:pk>/gesprekken/nieuw/", views.gesprek_nieuw, name="gesprek_nieuw"),
    path("inburgeraars/<int:pk>/gesprekken/<int:gesprek_id>/", views.gesprek, name="gesprek"),
    path(
        "inburgeraars/<int:pk>/gesprekken/<int:gesprek_id>/sluiten/",
        views.gesprek_sluiten,
        name="gesprek_sluiten",
    ),
]
