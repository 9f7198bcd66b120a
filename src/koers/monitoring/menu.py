"""Main-menu entry of this app (koers.web.secties.menu_items)."""

from django.utils.translation import gettext_lazy as _

from koers.organisaties.koppelingen import MenuItem
from koers.toegang import policy
from koers.toegang.policy import Sectie

MENU = [
    MenuItem(
        _("Signalen"),
        "monitoring:signalen",
        mag=lambda user: policy.mag_zien(user, Sectie.SIGNALEN),
        id="menu-signalen",
    )
]
