"""The netwerk entries of the main menu: the instroomklas roster and the registers."""

from django.utils.translation import gettext_lazy as _

from koers.organisaties.koppelingen import MenuItem
from koers.toegang import policy
from koers.toegang.policy import Sectie


def mag_netwerk(user) -> bool:
    return policy.mag_zien(user, Sectie.NETWERK)


MENU = [
    MenuItem(_("Instroomklas"), "netwerk:instroomklas", mag=mag_netwerk, id="naar-instroomklas"),
    MenuItem(_("Tolken"), "netwerk:tolken", mag=mag_netwerk, id="naar-tolken"),
    MenuItem(
        _("Ervaringsdeskundigen"),
        "netwerk:ervaringsdeskundigen",
        mag=mag_netwerk,
        id="naar-ervaringsdeskundigen",
    ),
]
