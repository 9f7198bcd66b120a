"""API endpoints of this app; included under /api/v1/ by koers.api.urls."""

from django.urls import path

from koers.partners import api

urlpatterns = [
    path("verwijzingen", api.VerwijzingLijst.as_view(), name="partners-verwijzingen"),
    path("verwijzingen/<int:pk>", api.VerwijzingDetail.as_view(), name="partners-verwijzing"),
    path("verwijzingen/<int:pk>/accepteren", api.Accepteren.as_view(), name="partners-accepteren"),
    path("verwijzingen/<int:pk>/afwijzen", api.Afwijzen.as_view(), name="partners-afwijzen"),
    path(
        "verwijzingen/<int:pk>/voortgang", api.VoortgangMelden.as_view(), name="partners-voortgang"
    ),
    path("verwijzingen/<int:pk>/afsluiten", api.Afsluiten.as_view(), name="partners-afsluiten"),
    path("verwijzingen/<int:pk>/intrekken", api.Intrekken.as_view(), name="partners-intrekken"),
    path(
        "inburgeraars/<int:pk>/verwijzingen",
        api.CasusVerwijzingen.as_view(),
        name="partners-casus-verwijzingen",
    ),
    path("taakverdeling", api.TaakverdelingLijst.as_view(), name="partners-taakverdeling"),
]
