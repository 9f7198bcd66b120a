"""Pages of the pip slice. They keep their names in the ``web`` namespace: koers.web.urls
lists them among its own."""

from django.urls import path

from koers.pip import views

urlpatterns = [
    path("inburgeraars/<int:pk>/pip/", views.pip, name="pip"),
    path(
        "inburgeraars/<int:pk>/pip/<int:versie>/vaststellen/",
        views.vaststellen,
        name="pip_vaststellen",
    ),
    path(
        "inburgeraars/<int:pk>/pip/<int:versie>/beschikking.pdf",
        views.beschikking,
        name="beschikking",
    ),
]
