"""Pages of this app; included at the site root by koers.config.urls."""

from django.urls import path

from koers.begeleiding import views

app_name = "begeleiding"
urlpatterns = [
    path("inburgeraars/<int:pk>/begeleiding/", views.begeleiding, name="begeleiding"),
    path("inburgeraars/<int:pk>/begeleiding/praktische-hulp", views.checklist, name="checklist"),
    path("inburgeraars/<int:pk>/begeleiding/voorlichting", views.voorlichting, name="voorlichting"),
    path("inburgeraars/<int:pk>/begeleiding/werk", views.duaal, name="duaal"),
    path(
        "inburgeraars/<int:pk>/begeleiding/werk/<int:duaal_id>", views.duaal, name="duaal_wijzigen"
    ),
    path("inburgeraars/<int:pk>/ontzorgen/", views.ontzorgen, name="ontzorgen"),
    path("inburgeraars/<int:pk>/ontzorgen/bijstand", views.bijstand, name="bijstand"),
    path("inburgeraars/<int:pk>/ontzorgen/betaling", views.betaling, name="betaling"),
    path(
        "inburgeraars/<int:pk>/ontzorgen/betaling/<int:betaling_id>/verwijderen",
        views.betaling_verwijderen,
        name="betaling_verwijderen",
    ),
    path("ontzorgen/", views.overzicht, name="overzicht"),
    path("ontzorgen/import", views.importeer, name="import"),
    path("ontzorgen/voorbeeld.csv", views.voorbeeld, name="voorbeeld"),
]
