"""The Mijn Inburgering section of the case page (see koers.bouwstenen.secties): the inburgeraar's
newest messages with the number of unread ones, and his documents. Only for roles that may
read them (not the teamleider); two queries."""

from __future__ import annotations

from django.db.models import Count, Q, Window
from django.utils.translation import gettext_lazy

from koers.portaal.models import Bericht, Document
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie

TAB = "berichten"
TITEL = gettext_lazy("Mijn Inburgering")
SECTIES = (Sectie.BERICHTEN, Sectie.DOCUMENTEN)
PLAATS = "onder"
TEMPLATE = "portaal/casus_sectie.html"
LAATSTE = 3  # messages shown on the case page; the rest on the messages page


def casus_context(user, inburgeraar, traject, *, geladen=None) -> dict | None:
    berichten_zien = policy.mag_zien(user, Sectie.BERICHTEN)
    documenten_zien = policy.mag_zien(user, Sectie.DOCUMENTEN)
    if not (berichten_zien or documenten_zien):
        return None
    context = {
        "inburgeraar": inburgeraar,
        "berichten_zien": berichten_zien,
        "documenten_zien": documenten_zien,
        "mag_sturen": policy.mag(user, Actie.BERICHT_STUREN) and traject is not None,
    }
    if berichten_zien:
        # The counts over all messages ride along with the newest ones (window functions are
        # computed before the LIMIT): one query.
        berichten = list(
            Bericht.objects.filter(inburgeraar=inburgeraar)
            .annotate(
                totaal=Window(Count("id")),
                ongelezen=Window(
                    Count(
                        "id",
                        filter=Q(
                            richting=Bericht.Richting.VAN_INBURGERAAR, gelezen_op__isnull=True
                        ),
                    )
                ),
            )
            .select_related("door")
            .order_by("-id")[:LAATSTE]
        )
        context["berichten"] = berichten
        context["totaal"] = berichten[0].totaal if berichten else 0
        context["ongelezen"] = berichten[0].ongelezen if berichten else 0
    if documenten_zien:
        context["documenten"] = list(
            Document.objects.filter(inburgeraar=inburgeraar).order_by("-geupload_op", "-id")
        )
    return context
