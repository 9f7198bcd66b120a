"""API endpoints of this app; included under /api/v1/ by koers.api.urls."""

from django.urls import path

from koers.handhaving import api

BASIS = "inburgeraars/<int:pk>/handhaving"

urlpatterns: list = [
    path(BASIS, api.ZaakLijst.as_view(), name="handhaving-zaken"),
    path(f"{BASIS}/<int:zaak_id>", api.ZaakDetail.as_view(), name="handhaving-zaak"),
    path(
        f"{BASIS}/<int:zaak_id>/waarschuwing",
        api.ZaakWaarschuwing.as_view(),
        name="handhaving-waarschuwing",
    ),
    path(
        f"{BASIS}/<int:zaak_id>/voornemen", api.ZaakVoornemen.as_view(), name="handhaving-voornemen"
    ),
    path(
        f"{BASIS}/<int:zaak_id>/zienswijze",
        api.ZaakZienswijze.as_view(),
        name="handhaving-zienswijze",
    ),
    path(f"{BASIS}/<int:zaak_id>/onwil", api.ZaakOnwil.as_view(), name="handhaving-onwil"),
    path(f"{BASIS}/<int:zaak_id>/boete", api.ZaakBoete.as_view(), name="handhaving-boete"),
    path(
        f"{BASIS}/<int:zaak_id>/afsluiten", api.ZaakAfsluiten.as_view(), name="handhaving-afsluiten"
    ),
    path(f"{BASIS}/brieven/<int:brief_id>", api.BriefDownload.as_view(), name="handhaving-brief"),
    path(f"{BASIS}/duo-boetes", api.DuoBoetes.as_view(), name="handhaving-duo-boetes"),
    path(
        f"{BASIS}/duo-verlengingen",
        api.DuoVerlengingen.as_view(),
        name="handhaving-duo-verlengingen",
    ),
]
