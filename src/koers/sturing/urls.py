"""Pages of this app; included at the site root by koers.config.urls."""

from django.urls import path

from koers.sturing import views, views_financien

app_name = "sturing"
urlpatterns = [
    path("sturing/", views.aantallen, name="aantallen"),
    path("sturing/aantallen.<str:formaat>", views.aantallen_export, name="aantallen_export"),
    path("sturing/procesindicatoren/", views.proces, name="proces"),
    path("sturing/procesindicatoren.<str:formaat>", views.proces_export, name="proces_export"),
    path("sturing/taakstelling/", views.taakstelling, name="taakstelling"),
    path("sturing/financien/", views_financien.dashboard, name="financien"),
    path(
        "sturing/financien.<str:formaat>", views_financien.dashboard_export, name="financien_export"
    ),
    path("sturing/budget/", views_financien.budget, name="budget"),
    path("sturing/contracten/nieuw/", views_financien.contract, name="contract_nieuw"),
    path("sturing/contracten/<int:pk>/", views_financien.contract, name="contract"),
    path("sturing/kosten/<int:inburgeraar_pk>/", views_financien.kosten, name="kosten"),
]
