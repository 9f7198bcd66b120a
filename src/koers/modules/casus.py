"""This app's section of the case page (see koers.bouwstenen.secties): the state of PVT and MAP in
three queries, whatever the number of activities."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.toegang import policy
from koers.toegang.policy import Sectie

from . import services

TAB = "modules"
TITEL = gettext_lazy("PVT en MAP")
SECTIES = (Sectie.MODULES,)
PLAATS = "onder"
TEMPLATE = "modules/casus_sectie.html"


def casus_context(user, inburgeraar, traject, *, geladen=None) -> dict | None:
    if traject is None or not policy.mag_zien(user, Sectie.MODULES, traject):
        return None
    stand = services.stand(traject, geladen.pips if geladen else None)
    rijen = [
        {
            "module": "pvt",
            "naam": _("PVT"),
            "ms": stand.pvt,
            "url": reverse("modules:module", kwargs={"pk": inburgeraar.pk, "module": "pvt"}),
        },
        {
            "module": "map",
            "naam": _("MAP"),
            "ms": stand.map,
            "url": reverse("modules:module", kwargs={"pk": inburgeraar.pk, "module": "map"}),
        },
    ]
    return {"rijen": rijen, "stand": stand}
