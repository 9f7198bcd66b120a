"""Pages of this app; included at the site root by koers.config.urls."""

from django.urls import path

from koers.partners import views

app_name = "partners"
urlpatterns = [
    path("verwijzingen/", views.lijst, name="lijst"),
    path("verwijzingen/<int:pk>/", views.verwijzing, name="verwijzing"),
    path("verwijzingen/<int:pk>/accepteren/", views.accepteren, name="accepteren"),
    path("verwijzingen/<int:pk>/afwijzen/", views.afwijzen, name="afwijzen"),
    path("verwijzingen/<int:pk>/voortgang/", views.voortgang, name="voortgang"),
    path("verwijzingen/<int:pk>/afsluiten/", views.afsluiten, name="afsluiten"),
    path("verwijzingen/<int:pk>/intrekken/", views.intrekken, name="intrekken"),
    path("inburgeraars/<int:pk>/verwijzen/", views.verwijzen, name="verwijzen"),
    path("taakverdeling/", views.taakverdeling, name="taakverdeling"),
]
