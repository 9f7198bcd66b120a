"""API endpoints of this app; included under /api/v1/ by koers.api.urls."""

from django.urls import path

from koers.leerroute import api

urlpatterns = [
    path("inburgeraars/<int:pk>/aanbod", api.AanbodLijst.as_view(), name="leerroute-aanbod"),
    path("inburgeraars/<int:pk>/uren", api.UrenLijst.as_view(), name="leerroute-uren"),
    path(
        "inburgeraars/<int:pk>/uren/melden", api.UrenMelden.as_view(), name="leerroute-uren-melden"
    ),
    path("inburgeraars/<int:pk>/examens", api.ExamenLijst.as_view(), name="leerroute-examens"),
    path(
        "inburgeraars/<int:pk>/afschaling",
        api.AfschalingLijst.as_view(),
        name="leerroute-afschaling",
    ),
    path(
        "inburgeraars/<int:pk>/afschaling/<int:voorstel>/besluit",
        api.AfschalingBesluit.as_view(),
        name="leerroute-afschaling-besluit",
    ),
    path("inburgeraars/<int:pk>/zroute", api.ZrouteView.as_view(), name="leerroute-zroute"),
    path(
        "inburgeraars/<int:pk>/zroute/eindgesprek",
        api.ZrouteEindgesprek.as_view(),
        name="leerroute-zroute-eindgesprek",
    ),
    path(
        "inburgeraars/<int:pk>/zroute/afronding",
        api.ZrouteAfronding.as_view(),
        name="leerroute-zroute-afronding",
    ),
]
