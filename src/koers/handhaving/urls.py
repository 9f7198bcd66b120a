"""Pages of this app; included at the site root by koers.config.urls."""

from django.urls import path

from koers.handhaving import views

app_name = "handhaving"
urlpatterns = [
    path("inburgeraars/<int:pk>/handhaving/", views.overzicht, name="overzicht"),
    path("inburgeraars/<int:pk>/handhaving/<int:zaak_id>/", views.zaak, name="zaak"),
    path("inburgeraars/<int:pk>/handhaving/<int:zaak_id>/<str:naam>/", views.stap, name="stap"),
    path("inburgeraars/<int:pk>/handhaving/brieven/<int:brief_id>.pdf", views.brief, name="brief"),
    path("inburgeraars/<int:pk>/handhaving/duo/<str:soort>/", views.duo, name="duo"),
]
