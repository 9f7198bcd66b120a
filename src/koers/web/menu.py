"""Main-menu entries of the shell's own pages (koers.web.secties.menu_items)."""

from django.utils.translation import gettext_lazy as _

from koers.organisaties.koppelingen import MenuItem
from koers.toegang import policy
from koers.toegang.policy import Actie

MENU = [
    MenuItem(
        _("Caseload"),
        "web:caseload",
        mag=lambda user: policy.mag(user, Actie.ADVISEUR_TOEWIJZEN),
        id="menu-caseload",
    )
]
