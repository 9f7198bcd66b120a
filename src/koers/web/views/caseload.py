"""The teamleider's caseload: per adviseur of his gemeente the open cases, how many of them
are past their deadline, and the open signals. Three counting queries, whatever the number of
cases (set-based, principle 6); it shows numbers only, no personal data of inburgeraars.

It stays in the shell: it joins the inburgeraars slice with the signals of monitoring."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.bouwstenen.schermen import vereis
from koers.inburgeraars import bereik
from koers.inburgeraars import rules as traject_rules
from koers.monitoring import lezen as signalen
from koers.organisaties.models import Gebruiker
from koers.toegang import policy
from koers.toegang.policy import Actie


@dataclass(frozen=True)
class CaseloadRij:
    adviseur_id: int | None  # None: the cases without an adviseur
    naam: str
    open: int
    te_laat: int
    signalen: int
    filter: str  # the werkvoorraad's filter value for this adviseur ("" = no link)


def caseload_rijen(user, vandaag) -> list[CaseloadRij]:
    """One row per adviseur the user may assign cases to (also with no cases), one for the
    cases without an adviseur, and one per other adviseur who still holds cases."""
    open_zaken = bereik.trajecten_voor(user).exclude(status=traject_rules.Status.AFGEROND)
    _van, laatste_te_laat = traject_rules.deadline_bereik(
        traject_rules.Urgentie.TE_LAAT.value, vandaag
    )
    per_adviseur = {
        rij["adviseur_id"]: rij
        for rij in open_zaken.order_by()
        .values("adviseur_id")
        .annotate(
            open=Count("id"),
            te_laat=Count("id", filter=Q(volgende_deadline__lte=laatste_te_laat)),
        )
    }
    signalen_per_adviseur = dict(
        signalen.open_signalen(user)
        .filter(traject__in=open_zaken)
        .order_by()
        .values("traject__adviseur_id")
        .annotate(n=Count("id"))
        .values_list("traject__adviseur_id", "n")
    )
    adviseurs = list(policy.adviseurs_voor(user))
    bekend = {a.pk for a in adviseurs}
    overig = [pk for pk in per_adviseur if pk is not None and pk not in bekend]
    if overig:
        adviseurs += list(Gebruiker.objects.filter(pk__in=overig).order_by("last_name", "pk"))

    def rij(adviseur_id, naam, filter_waarde) -> CaseloadRij:
        telling = per_adviseur.get(adviseur_id, {})
        return CaseloadRij(
            adviseur_id=adviseur_id,
            naam=naam,
            open=telling.get("open", 0),
            te_laat=telling.get("te_laat", 0),
            signalen=signalen_per_adviseur.get(adviseur_id, 0),
            filter=filter_waarde,
        )

    rijen = [rij(a.pk, a.weergavenaam, str(a.pk) if a.pk in bekend else "") for a in adviseurs]
    rijen.append(rij(None, _("Nog geen adviseur"), "geen"))
    return rijen


@login_required
def caseload(request):
    user = request.user
    vereis(user, Actie.ADVISEUR_TOEWIJZEN)
    vandaag = timezone.localdate()
    rijen = caseload_rijen(user, vandaag)
    totaal = {
        "open": sum(r.open for r in rijen),
        "te_laat": sum(r.te_laat for r in rijen),
        "signalen": sum(r.signalen for r in rijen),
    }
    return render(
        request,
        "web/caseload/index.html",
        {
            "rijen": rijen,
            "totaal": totaal,
            "vandaag": vandaag,
            "te_laat": traject_rules.Urgentie.TE_LAAT.value,
            "toon_signalen": bool(signalen.zichtbare_soorten(user)),
        },
    )
