"""The DUO message monitor for functioneel beheer, under /beheer-duo/."""

from django.urls import path

from koers.duo import views

app_name = "duo_beheer"
urlpatterns = [
    path("", views.berichten, name="berichten"),
    path("berichten/<int:pk>/", views.bericht, name="bericht"),
    path("berichten/<int:pk>/opnieuw/", views.opnieuw, name="opnieuw"),
    path("berichten/mislukt-opnieuw/", views.mislukte_opnieuw, name="mislukte_opnieuw"),
    path("notificaties/", views.notificaties, name="notificaties"),
    path("notificaties/<int:pk>/opnieuw/", views.notificatie_opnieuw, name="notificatie_opnieuw"),
    path("notificaties/fout-opnieuw/", views.notificaties_opnieuw, name="notificaties_opnieuw"),
]
