from django.urls import path

from koers.web.views import auth, inburgeraar, intake, pip, werkvoorraad

app_name = "web"
urlpatterns = [
    path("inloggen/", auth.inloggen, name="login"),
    path("tweede-factor/", auth.tweede_factor, name="tweede_factor"),
    path("uitloggen/", auth.uitloggen, name="logout"),
    path("", werkvoorraad.werkvoorraad, name="werkvoorraad"),
    path("inburgeraars/nieuw/", inburgeraar.aanmelden, name="aanmelden"),
    path("inburgeraars/<int:pk>/", inburgeraar.inburgeraar, name="inburgeraar"),
    path("inburgeraars/<int:pk>/gegevens/", inburgeraar.gegevens, name="gegevens"),
    path("inburgeraars/<int:pk>/status/", inburgeraar.status, name="status"),
    path("inburgeraars/<int:pk>/adviseur/", inburgeraar.adviseur, name="adviseur"),
    path("inburgeraars/<int:pk>/intake/", intake.intake, name="intake"),
    path("inburgeraars/<int:pk>/intake/afspraak/", intake.afspraak, name="intake_afspraak"),
    path("inburgeraars/<int:pk>/leerbaarheidstoets-overslaan/", inburgeraar.lbt_overslaan,
         name="lbt_overslaan"),
    path("inburgeraars/<int:pk>/pip/", pip.pip, name="pip"),
    path("inburgeraars/<int:pk>/pip/<int:versie>/vaststellen/", pip.vaststellen,
         name="pip_vaststellen"),
    path("inburgeraars/<int:pk>/pip/<int:versie>/beschikking.pdf", pip.beschikking,
         name="beschikking"),
]
