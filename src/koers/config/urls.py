from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Koers — functioneel beheer"
admin.site.site_title = "Koers beheer"

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("api/v1/", include("koers.api.urls")),
    path("", include("koers.web.urls")),
]
