"""Pages of this app; included at the site root by koers.config.urls."""

from django.urls import path

from koers.netwerk import views

app_name = "netwerk"
urlpatterns = [
    path("netwerk/instroomklas/", views.instroomklas, name="instroomklas"),
    path(
        "netwerk/instroomklas/<int:gemeente_pk>/", views.instroomklas, name="instroomklas_gemeente"
    ),
    path("netwerk/tolken/", views.tolken, name="tolken"),
    path("netwerk/tolken/<int:pk>/", views.tolk, name="tolk"),
    path("netwerk/ervaringsdeskundigen/", views.ervaringsdeskundigen, name="ervaringsdeskundigen"),
    path(
        "netwerk/ervaringsdeskundigen/<int:pk>/",
        views.ervaringsdeskundige,
        name="ervaringsdeskundige",
    ),
    path("inburgeraars/<int:pk>/netwerk/", views.casus, name="casus"),
    path("inburgeraars/<int:pk>/netwerk/instroomklas/", views.plaatsen, name="plaatsen"),
    path(
        "inburgeraars/<int:pk>/netwerk/instroomklas/beeindigen/",
        views.beeindigen,
        name="beeindigen",
    ),
    path(
        "inburgeraars/<int:pk>/netwerk/instroomklas/aanwezigheid/",
        views.aanwezigheid,
        name="aanwezigheid",
    ),
    path("inburgeraars/<int:pk>/netwerk/instroomklas/workshop/", views.workshop, name="workshop"),
    path("inburgeraars/<int:pk>/netwerk/tolkboekingen/", views.boeken, name="boeken"),
    path(
        "inburgeraars/<int:pk>/netwerk/tolkboekingen/<int:boeking_pk>/",
        views.boeking_status,
        name="boeking_status",
    ),
    path("inburgeraars/<int:pk>/netwerk/ervaringsdeskundigen/", views.koppelen, name="koppelen"),
    path(
        "inburgeraars/<int:pk>/netwerk/ervaringsdeskundigen/<int:koppeling_pk>/einde/",
        views.ontkoppelen,
        name="ontkoppelen",
    ),
    path("inburgeraars/<int:pk>/netwerk/taalondersteuning/", views.verwijzen, name="verwijzen"),
    path(
        "inburgeraars/<int:pk>/netwerk/taalondersteuning/<int:verwijzing_pk>/",
        views.verwijzing_bijwerken,
        name="verwijzing_bijwerken",
    ),
]
