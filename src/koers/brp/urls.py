"""Pages of this app; included at the site root by koers.config.urls."""

from django.urls import path

from koers.brp import views

app_name = "brp"
urlpatterns = [
    path("inburgeraars/<int:pk>/brp/verversen/", views.verversen, name="verversen"),
    path("inburgeraars/<int:pk>/brp/overlijden/", views.overlijden, name="overlijden"),
]
