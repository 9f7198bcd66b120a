"""API endpoints of this app; included under /api/v1/ by koers.api.urls."""

from django.urls import path

from koers.netwerk import api

P = "inburgeraars/<int:pk>/"
urlpatterns = [
    path("tolken", api.TolkLijst.as_view(), name="netwerk-tolken"),
    path("tolken/<int:pk>", api.TolkDetail.as_view(), name="netwerk-tolk"),
    path(
        "ervaringsdeskundigen",
        api.ErvaringsdeskundigeLijst.as_view(),
        name="netwerk-ervaringsdeskundigen",
    ),
    path(
        "ervaringsdeskundigen/<int:pk>",
        api.ErvaringsdeskundigeDetail.as_view(),
        name="netwerk-ervaringsdeskundige",
    ),
    path("instroomklas", api.Rooster.as_view(), name="netwerk-rooster"),
    path(P + "instroomklas", api.InstroomklasView.as_view(), name="netwerk-instroomklas"),
    path(
        P + "instroomklas/beeindigen",
        api.InstroomklasBeeindigen.as_view(),
        name="netwerk-instroomklas-beeindigen",
    ),
    path(
        P + "instroomklas/aanwezigheid",
        api.InstroomklasAanwezigheid.as_view(),
        name="netwerk-instroomklas-aanwezigheid",
    ),
    path(
        P + "instroomklas/workshops",
        api.InstroomklasWorkshop.as_view(),
        name="netwerk-instroomklas-workshops",
    ),
    path(P + "tolkboekingen", api.Tolkboekingen.as_view(), name="netwerk-tolkboekingen"),
    path(
        P + "tolkboekingen/<int:boeking_pk>",
        api.TolkboekingDetail.as_view(),
        name="netwerk-tolkboeking",
    ),
    path(P + "tolkvoorstel", api.Tolkvoorstel.as_view(), name="netwerk-tolkvoorstel"),
    path(P + "ervaringsdeskundigen", api.Koppelingen.as_view(), name="netwerk-koppelingen"),
    path(
        P + "ervaringsdeskundigen/<int:koppeling_pk>/beeindigen",
        api.KoppelingBeeindigen.as_view(),
        name="netwerk-koppeling-beeindigen",
    ),
    path(
        P + "taalondersteuning", api.Taalondersteuning.as_view(), name="netwerk-taalondersteuning"
    ),
    path(
        P + "taalondersteuning/<int:verwijzing_pk>",
        api.TaalverwijzingDetail.as_view(),
        name="netwerk-taalverwijzing",
    ),
]
