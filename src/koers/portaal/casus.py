"""The Mijn Inburgering section of the case page (see koers.bouwstenen.secties): the inburgeraar's
newest messages with the number of unread ones, and his documents. Only for roles that may
read them (not the teamleider); two queries."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value, Window
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy

from koers.inburgeraars.models import Inburgeraar
from koers.portaal.models import Bericht, Document
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie

TAB = "berichten"
TITEL = gettext_lazy("Mijn Inburgering")
SECTIES = (Sectie.BERICHTEN, Sectie.DOCUMENTEN)
PLAATS = "onder"
TEMPLATE = "portaal/casus_sectie.html"
LAATSTE = 3  # messages shown on the case page; the rest on the messages page


def _aantal(qs):
    return Coalesce(
        Subquery(
            qs.filter(inburgeraar=OuterRef("pk"))
            .order_by()
            .values("inburgeraar")
            .annotate(n=Count("id"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def nieuw(user, traject) -> int:
    """Unread messages and unopened documents of the person that this user may read: the
    unread marker of the case (tab and header). One query."""
    berichten = policy.mag_zien(user, Sectie.BERICHTEN)
    documenten = policy.mag_zien(user, Sectie.DOCUMENTEN)
    if not (berichten or documenten):
        return 0
    nul = Value(0, output_field=IntegerField())
    rij = (
        Inburgeraar.objects.filter(pk=traject.inburgeraar_id)
        .annotate(
            berichten=_aantal(
                Bericht.objects.filter(
                    richting=Bericht.Richting.VAN_INBURGERAAR, gelezen_op__isnull=True
                )
            )
            if berichten
            else nul,
            documenten=_aantal(Document.objects.filter(gezien_op__isnull=True))
            if documenten
            else nul,
        )
        .values_list("berichten", "documenten")
        .first()
    )
    return sum(rij) if rij else 0


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
