"""The main menu entry of this app: the overview of running ontzorgen."""

from django.utils.translation import gettext_lazy as _

from koers.organisaties.koppelingen import MenuItem
from koers.toegang import policy
from koers.toegang.policy import Sectie

MENU = [
    MenuItem(
        _("Ontzorgen"),
        "begeleiding:overzicht",
        mag=lambda user: policy.mag_zien(user, Sectie.ONTZORGEN),
        id="menu-ontzorgen",
    )
]
