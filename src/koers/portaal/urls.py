"""Pages of Mijn Inburgering (/mijn/) and the adviseur's side of it on the case."""

from django.urls import path

from koers.portaal import medewerker, views

app_name = "portaal"
urlpatterns = [
    path("mijn/", views.overzicht, name="overzicht"),
    path("mijn/inloggen/", views.inloggen, name="inloggen"),
    path("mijn/inloggen/demo/", views.demo_inloggen, name="demo_inloggen"),
    path("mijn/uitloggen/", views.uitloggen, name="uitloggen"),
    path("mijn/taal/", views.taal, name="taal"),
    path("mijn/plan/", views.plan, name="plan"),
    path("mijn/afspraken/", views.afspraken, name="afspraken"),
    path("mijn/afspraken/afspraken.ics", views.afspraken_ics, name="afspraken_ics"),
    path("mijn/afspraken/<slug:sleutel>.ics", views.afspraak_ics, name="afspraak_ics"),
    path("mijn/voortgang/", views.voortgang, name="voortgang"),
    path("mijn/documenten/", views.documenten, name="documenten"),
    path("mijn/documenten/<int:pk>/", views.document, name="document"),
    path("mijn/documenten/besluit-<int:versie>.pdf", views.beschikking, name="beschikking"),
    path("mijn/berichten/", views.berichten, name="berichten"),
    path("mijn/wie-bekeek-mijn-dossier/", views.wie_bekeek, name="wie_bekeek"),
    path(
        "inburgeraars/<int:pk>/mijn-inburgering/berichten/",
        medewerker.berichten,
        name="medewerker_berichten",
    ),
    path(
        "inburgeraars/<int:pk>/mijn-inburgering/documenten/<int:document_pk>/",
        medewerker.document,
        name="medewerker_document",
    ),
]
