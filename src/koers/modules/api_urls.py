"""API endpoints of this app; included under /api/v1/ by koers.api.urls."""

from django.urls import path

from . import api

P = "inburgeraars/<int:pk>"

urlpatterns = [
    path(f"{P}/pvt", api.PvtStand.as_view(), name="modules-pvt"),
    path(f"{P}/pvt/activiteiten", api.PvtActiviteiten.as_view(), name="modules-pvt-activiteiten"),
    path(
        f"{P}/pvt/activiteiten/<int:activiteit_id>",
        api.PvtActiviteit.as_view(),
        name="modules-pvt-activiteit",
    ),
    path(f"{P}/pvt/ondertekenen", api.PvtOndertekenen.as_view(), name="modules-pvt-ondertekenen"),
    path(f"{P}/pvt/melden", api.PvtMelden.as_view(), name="modules-pvt-melden"),
    path(f"{P}/pvt/corrigeren", api.PvtCorrigeren.as_view(), name="modules-pvt-corrigeren"),
    path(f"{P}/pvt/verwijtbaar", api.PvtVerwijtbaar.as_view(), name="modules-pvt-verwijtbaar"),
    path(f"{P}/map", api.MapStand.as_view(), name="modules-map"),
    path(f"{P}/map/activiteiten", api.MapActiviteiten.as_view(), name="modules-map-activiteiten"),
    path(
        f"{P}/map/activiteiten/<int:activiteit_id>",
        api.MapActiviteit.as_view(),
        name="modules-map-activiteit",
    ),
    path(f"{P}/map/eindgesprek", api.MapEindgesprek.as_view(), name="modules-map-eindgesprek"),
    path(f"{P}/map/melden", api.MapMelden.as_view(), name="modules-map-melden"),
    path(f"{P}/map/corrigeren", api.MapCorrigeren.as_view(), name="modules-map-corrigeren"),
    path(f"{P}/map/verwijtbaar", api.MapVerwijtbaar.as_view(), name="modules-map-verwijtbaar"),
]
