"""Pages of the privacy officer; included at the site root by koers.config.urls."""

from django.urls import path

from koers.verwerkingen import views

app_name = "verwerkingen"
urlpatterns = [
    path("verwerkingen/", views.zoeken, name="zoeken"),
    path("verwerkingen/export.json", views.export, name="export"),
]
