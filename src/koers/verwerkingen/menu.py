"""Main-menu entry of this app (koers.web.secties.menu_items)."""

from django.utils.translation import gettext_lazy as _

from koers.organisaties.koppelingen import MenuItem
from koers.toegang import policy

MENU = [
    MenuItem(
        _("Verwerkingen"),
        "verwerkingen:zoeken",
        mag=policy.mag_verwerkingen_zien,
        id="menu-verwerkingen",
    ),
    MenuItem(
        _("Register verwerkingen"),
        "verwerkingen:register",
        mag=policy.mag_register_beheren,
        id="menu-register",
    ),
]
