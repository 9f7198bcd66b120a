"""API endpoints of this app; included under /api/v1/ by koers.api.urls."""

from django.urls import path

from koers.begeleiding import api

urlpatterns = [
    path(
        "inburgeraars/<int:pk>/begeleiding",
        api.BegeleidingView.as_view(),
        name="begeleiding-begeleiding",
    ),
    path(
        "inburgeraars/<int:pk>/begeleiding/voorlichting",
        api.VoorlichtingView.as_view(),
        name="begeleiding-voorlichting",
    ),
    path(
        "inburgeraars/<int:pk>/ontzorgen", api.OntzorgenView.as_view(), name="begeleiding-ontzorgen"
    ),
    path("inburgeraars/<int:pk>/bijstand", api.BijstandView.as_view(), name="begeleiding-bijstand"),
    path(
        "inburgeraars/<int:pk>/ontzorgen/betalingen",
        api.BetalingenView.as_view(),
        name="begeleiding-betalingen",
    ),
    path(
        "inburgeraars/<int:pk>/ontzorgen/betalingen/<int:betaling_id>",
        api.BetalingDetail.as_view(),
        name="begeleiding-betaling",
    ),
    path("inburgeraars/<int:pk>/duaal", api.DuaalLijst.as_view(), name="begeleiding-duaal"),
    path(
        "inburgeraars/<int:pk>/duaal/<int:duaal_id>",
        api.DuaalDetail.as_view(),
        name="begeleiding-duaal-detail",
    ),
]
