"""Main-menu entry of this app (koers.web.secties.menu_items): what the inburgeraars sent
through Mijn Inburgering and the adviseur has not read yet, as the signals page filtered on
those signals, with their number on his own cases. Staff text: Dutch only, outside the
portal's catalogue (hence ``gettext_lazy`` by name)."""

from urllib.parse import urlencode

from django.utils import timezone
from django.utils.translation import gettext_lazy

from koers.bouwstenen import vaste_sql
from koers.monitoring import lezen
from koers.organisaties.koppelingen import MenuItem
from koers.portaal.signalen import SOORTEN
from koers.toegang import policy
from koers.toegang.policy import Sectie


def mag(user) -> bool:
    return policy.mag_zien(user, Sectie.SIGNALEN) and (
        policy.mag_zien(user, Sectie.BERICHTEN) or policy.mag_zien(user, Sectie.DOCUMENTEN)
    )


def aantal_nieuw(user) -> int:
    """Open signals of new messages and documents on the user's own cases: one COUNT, on
    every staff page, so its SQL is built once per user, profile and day (the policy's
    reach puts the gemeente and today's date into the text)."""
    return vaste_sql.telling(
        ("portaal-menu", policy.profielsleutel(user), timezone.localdate()),
        lambda: lezen.open_signalen(user).filter(soort__in=SOORTEN, traject__adviseur=user),
    )


MENU = [
    MenuItem(
        gettext_lazy("Nieuw uit Mijn Inburgering"),
        "monitoring:signalen",
        mag=mag,
        id="menu-portaal",
        query=urlencode([("soort", s) for s in SOORTEN]),
        aantal=aantal_nieuw,
    )
]
