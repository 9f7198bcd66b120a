"""The case page gets a link to the costs of the case, for who may see them (the KOSTEN
section: the adviseur). No query: the figures stay on the cost page itself, so the case page
does not grow."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from koers.toegang import policy
from koers.toegang.policy import Sectie

TAB = "kosten"
TITEL = gettext_lazy("Kosten")
SECTIES = (Sectie.KOSTEN,)
PLAATS = "onder"
TEMPLATE = "sturing/casus_sectie.html"


def casus_context(user, inburgeraar, traject, *, geladen=None):
    if traject is None or not policy.mag_zien(user, Sectie.KOSTEN, traject):
        return None
    return {"url": reverse("sturing:kosten", args=[inburgeraar.pk])}
