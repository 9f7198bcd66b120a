"""Pages of the inburgeraars slice. They keep their names in the ``web`` namespace:
koers.web.urls lists them among its own."""

from django.urls import path

from koers.inburgeraars import views

urlpatterns = [
    path("inburgeraars/nieuw/", views.aanmelden, name="aanmelden"),
    path("inburgeraars/<int:pk>/", views.inburgeraar, name="inburgeraar"),
    path("inburgeraars/<int:pk>/dossier/<slug:tab>/", views.casus_tab, name="casus_tab"),
    path("inburgeraars/<int:pk>/gegevens/", views.gegevens, name="gegevens"),
    path("inburgeraars/<int:pk>/status/", views.status, name="status"),
    path("inburgeraars/<int:pk>/adviseur/", views.adviseur, name="adviseur"),
    path(
        "inburgeraars/<int:pk>/leerbaarheidstoets-overslaan/",
        views.lbt_overslaan,
        name="lbt_overslaan",
    ),
]
