"""Main-menu entry of this app (koers.web.secties.menu_items)."""

from django.utils.translation import gettext_lazy as _

from koers.organisaties.koppelingen import MenuItem
from koers.toegang import policy

MENU = [
    MenuItem(_("Sturing"), "sturing:aantallen", mag=policy.mag_sturing_zien, id="menu-sturing"),
    MenuItem(
        _("Financiën"), "sturing:financien", mag=policy.mag_financien_beheren, id="menu-financien"
    ),
]
