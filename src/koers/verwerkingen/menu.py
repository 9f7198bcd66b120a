"""Main-menu entry of this app (koers.web.secties.menu_items)."""

from django.utils.translation import gettext_lazy as _

from koers.toegang import policy
from koers.web.secties import MenuItem

MENU = [MenuItem(_("Verwerkingen"), "verwerkingen:zoeken",
                 mag=policy.mag_verwerkingen_zien, id="menu-verwerkingen")]
