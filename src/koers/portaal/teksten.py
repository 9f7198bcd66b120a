"""Texts of other apps that the portal shows to the inburgeraar, listed here so that
``makemessages`` puts them in the portal's catalogues and he reads them in his language
(the upload checks of koers.beveiliging.uploads)."""

from django.utils.translation import gettext_noop

UPLOAD_TEKSTEN = (
    gettext_noop("Dit bestand is te groot. Het mag hoogstens %(max)s zijn."),
    gettext_noop("Dit bestand is leeg."),
    gettext_noop("Dit soort bestand kan niet. Kies een bestand van het type: %(soorten)s."),
    gettext_noop(
        "De inhoud van dit bestand past niet bij de naam (.%(soort)s). Kies een echt "
        "%(soort)s-bestand."
    ),
)
