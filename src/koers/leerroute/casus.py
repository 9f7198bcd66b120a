"""This app's section of the case page (see koers.bouwstenen.secties)."""

from django.utils.translation import gettext_lazy

from koers.inburgeraars.services import vandaag
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie

TAB = "leerroute"
TITEL = gettext_lazy("Leerroute")
SECTIES = (Sectie.LEERROUTE,)
PLAATS = "onder"
TEMPLATE = "leerroute/casus_sectie.html"


def casus_context(user, inburgeraar, traject, *, geladen=None) -> dict | None:
    if traject is None or not policy.mag_zien(user, Sectie.LEERROUTE, traject):
        return None
    from koers.leerroute.selectors import overzicht

    o = overzicht(traject, vandaag=vandaag(), pips=geladen.pips if geladen else None)
    if o.pip is None and not (o.aanbod or o.uren or o.examens):
        return {"inburgeraar": inburgeraar, "o": None, "mag_bewerken": False}
    return {
        "inburgeraar": inburgeraar,
        "o": o,
        "mag_bewerken": policy.mag(user, Actie.LEERROUTE_BEWERKEN) and traject.is_open,
        "mag_melden": policy.mag(user, Actie.DUO_MELDEN) and traject.is_open,
    }
