"""Main-menu entries of this app (koers.web.secties.menu_items). For a partner user the
Verwijzingen list is his only page, so the werkvoorraad sends him there."""

from django.utils.translation import gettext_lazy as _

from koers.organisaties.koppelingen import MenuItem
from koers.partners.views import mag_lijst
from koers.toegang import policy

MENU = [
    MenuItem(_("Verwijzingen"), "partners:lijst", mag=mag_lijst, id="menu-verwijzingen"),
    MenuItem(
        _("Taakverdeling"),
        "partners:taakverdeling",
        mag=policy.mag_taakverdeling_zien,
        id="menu-taakverdeling",
    ),
]
