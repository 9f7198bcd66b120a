"""Pages of this app; included at the site root by koers.config.urls."""

from django.urls import path

from koers.sturing import views

app_name = "sturing"
urlpatterns = [
    path("sturing/", views.aantallen, name="aantallen"),
    path("sturing/aantallen.<str:formaat>", views.aantallen_export, name="aantallen_export"),
    path("sturing/procesindicatoren/", views.proces, name="proces"),
    path("sturing/procesindicatoren.<str:formaat>", views.proces_export, name="proces_export"),
    path("sturing/taakstelling/", views.taakstelling, name="taakstelling"),
]
