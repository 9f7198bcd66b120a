"""Pages of the privacy officer; included at the site root by koers.config.urls."""

from django.urls import path

from koers.avg import views, views_register

app_name = "verwerkingen"
urlpatterns = [
    path("verwerkingen/", views.zoeken, name="zoeken"),
    path("verwerkingen/export.json", views.export, name="export"),
    path("verwerkingen/inzage.json", views.inzage, {"formaat": "json"}, name="inzage-json"),
    path("verwerkingen/inzage.pdf", views.inzage, {"formaat": "pdf"}, name="inzage-pdf"),
    path("verwerkingen/bewaartermijn/", views.bewaartermijn, name="bewaartermijn"),
    path("verwerkingen/register/", views_register.register_lijst, name="register"),
    path(
        "verwerkingen/register/<int:pk>/",
        views_register.register_wijzigen,
        name="register-wijzigen",
    ),
    path(
        "verwerkingen/register/<int:pk>/versies/",
        views_register.register_versies,
        name="register-versies",
    ),
]
