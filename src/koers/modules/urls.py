"""Pages of this app; included at the site root by koers.config.urls."""

from django.urls import path

from . import views

app_name = "modules"
urlpatterns = [
    path("inburgeraars/<int:pk>/modules/<str:module>/", views.module, name="module"),
    path("inburgeraars/<int:pk>/modules/<str:module>/afronden/", views.afronden, name="afronden"),
    path("inburgeraars/<int:pk>/modules/<str:module>/melden/", views.melden, name="melden"),
    path(
        "inburgeraars/<int:pk>/modules/<str:module>/corrigeren/",
        views.corrigeren,
        name="corrigeren",
    ),
    path(
        "inburgeraars/<int:pk>/modules/<str:module>/verwijtbaar/",
        views.verwijtbaar,
        name="verwijtbaar",
    ),
    path(
        "inburgeraars/<int:pk>/modules/activiteiten/<int:activiteit_id>/",
        views.activiteit,
        name="activiteit",
    ),
    path(
        "inburgeraars/<int:pk>/modules/activiteiten/<int:activiteit_id>/verwijderen/",
        views.activiteit_verwijderen,
        name="activiteit_verwijderen",
    ),
]
