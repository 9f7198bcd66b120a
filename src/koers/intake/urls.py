"""Pages of the intake slice. They keep their names in the ``web`` namespace: koers.web.urls
lists them among its own."""

from django.urls import path

from koers.intake import views

urlpatterns = [
    path("inburgeraars/<int:pk>/intake/", views.intake, name="intake"),
    path("inburgeraars/<int:pk>/intake/afspraak/", views.afspraak, name="intake_afspraak"),
]
