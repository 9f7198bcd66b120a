"""The cases a user reaches: the access policy's reach (koers.toegang.policy.bereik) applied to
this slice's models. Loading a case for a request goes through :func:`get_inburgeraar_voor`
(404 for every case outside the user's reach); lists start from :func:`inburgeraars_voor` and
:func:`trajecten_voor`. The decisions stay in the policy; this module only runs them."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from koers.inburgeraars.models import Inburgeraar, Traject
from koers.toegang import policy
from koers.verwerkingen.models import Verwerking


def inburgeraars_voor(user) -> QuerySet[Inburgeraar]:
    """All inburgeraars the user may see (one query, usable as a base for lists)."""
    if not policy.heeft_casustoegang(user):
        return Inburgeraar.objects.none()
    return Inburgeraar.objects.filter(policy.bereik(user, "inburgeraar"))


def trajecten_voor(user) -> QuerySet[Traject]:
    if not policy.heeft_casustoegang(user):
        return Traject.objects.none()
    return Traject.objects.filter(policy.bereik(user, "traject"))


def get_inburgeraar_voor(user, pk) -> Inburgeraar:
    """The inburgeraar with this id, or 404 when the user may not know it exists."""
    try:
        return (
            inburgeraars_voor(user)
            .select_related("gemeente__organisatie", "huidig_traject__adviseur")
            .get(pk=pk)
        )
    except (Inburgeraar.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def persoon_voor_inzage(user, bsn: str) -> Inburgeraar | None:
    """The person whose complete data the user may export (AVG art. 15 inzage): only the
    privacy officer, only for a person of his own gemeente; else ``None``."""
    if not policy.mag_verwerkingen_zien(user):
        return None
    return (
        Inburgeraar.objects.select_related("gemeente__organisatie", "huidig_traject__adviseur")
        .filter(bsn=bsn, gemeente=user.gemeente)
        .first()
    )


def verwerkingen_voor(user):
    """The records of the verwerkingenlogging the user may see: for the privacy officer those
    about inburgeraars of his gemeente and those made by its own staff; nothing for others.
    One query with a subquery, usable as a base for the search page and the export."""
    if not policy.mag_verwerkingen_zien(user):
        return Verwerking.objects.none()
    gemeente = user.gemeente
    return Verwerking.objects.filter(
        Q(inburgeraar_id__in=Inburgeraar.objects.filter(gemeente=gemeente).values("pk"))
        | Q(organisatie_oin=gemeente.oin)
    )
