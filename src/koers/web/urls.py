from django.urls import path

from koers.inburgeraars import urls as inburgeraars_urls
from koers.intake import urls as intake_urls
from koers.pip import urls as pip_urls
from koers.web.views import auth, caseload, werkvoorraad

app_name = "web"
urlpatterns = [
    path("inloggen/", auth.inloggen, name="login"),
    path("tweede-factor/", auth.tweede_factor, name="tweede_factor"),
    path("uitloggen/", auth.uitloggen, name="logout"),
    path("", werkvoorraad.werkvoorraad, name="werkvoorraad"),
    path("werkvoorraad/toewijzen/", werkvoorraad.toewijzen, name="werkvoorraad_toewijzen"),
    path("caseload/", caseload.caseload, name="caseload"),
    # The core slices' pages, listed as this namespace's own so that their names
    # (web:inburgeraar, web:intake, web:pip, ...) stay as they are.
    *inburgeraars_urls.urlpatterns,
    *intake_urls.urlpatterns,
    *pip_urls.urlpatterns,
]
