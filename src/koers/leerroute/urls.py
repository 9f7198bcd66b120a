"""Pages of this app; included at the site root by koers.config.urls."""

from django.urls import path

from koers.leerroute import views

app_name = "leerroute"
urlpatterns = [
    path("inburgeraars/<int:pk>/leerroute/aanbod/", views.aanbod, name="aanbod"),
    path("inburgeraars/<int:pk>/leerroute/uren/", views.uren, name="uren"),
    path("inburgeraars/<int:pk>/leerroute/uren/<int:rij>/", views.uren, name="uren_wijzigen"),
    path("inburgeraars/<int:pk>/leerroute/uren/melden/", views.uren_melden, name="uren_melden"),
    path("inburgeraars/<int:pk>/leerroute/examens/", views.examens, name="examens"),
    path("inburgeraars/<int:pk>/leerroute/zroute/", views.zroute, name="zroute"),
    path(
        "inburgeraars/<int:pk>/leerroute/zroute/afronden/",
        views.zroute_afronden,
        name="zroute_afronden",
    ),
    path(
        "inburgeraars/<int:pk>/leerroute/afschaling/",
        views.afschaling_voorstellen,
        name="afschaling_voorstellen",
    ),
    path(
        "inburgeraars/<int:pk>/leerroute/afschaling/<int:voorstel>/",
        views.afschaling,
        name="afschaling",
    ),
]
