"""The cases a user reaches: the access policy's reach (koers.toegang.policy.bereik) applied to
this slice's models. Loading a case goes through :func:`get_inburgeraar_voor` (404 for every
case outside the user's reach), for a page by way of :func:`casus` and for the API by way of
:func:`inburgeraar_voor` and :func:`traject_voor`, which also log the read; lists start from
:func:`inburgeraars_voor` and :func:`trajecten_voor`. The decisions stay in the policy; this
module only runs them."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from rest_framework.exceptions import NotFound, PermissionDenied

from koers.bouwstenen.api import vereis
from koers.bouwstenen.api_fouten import DETAIL_403
from koers.inburgeraars.models import Inburgeraar, Traject
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie
from koers.verwerkingen.context import KANAAL
from koers.verwerkingen.models import Verwerking
from koers.verwerkingen.services import log_lezen


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


# Pages -------------------------------------------------------------------------------------


def casus(user, pk):
    """The inburgeraar (404 outside reach) and his current traject. Loading a case is a read
    of personal data: it is logged with the sections the user may see."""
    inburgeraar = get_inburgeraar_voor(user, pk)
    KANAAL.set("ui")
    log_lezen(
        user, inburgeraar, policy.zichtbare_secties(user, inburgeraar.huidig_traject), kanaal="ui"
    )
    traject = inburgeraar.huidig_traject
    if traject is not None:
        # The same rows, already loaded: spares a query in every section and service that
        # reads the traject's person or gemeente.
        traject.inburgeraar = inburgeraar
        if traject.gemeente_id == inburgeraar.gemeente_id:
            traject.gemeente = inburgeraar.gemeente
    return inburgeraar, traject


def casus_met_traject(user, pk):
    inburgeraar, traject = casus(user, pk)
    if traject is None:
        raise Http404
    return inburgeraar, traject


# API ---------------------------------------------------------------------------------------


def inburgeraar_voor(
    request, pk, sectie: Sectie | tuple[Sectie, ...] = Sectie.PERSONALIA
) -> Inburgeraar:
    """The inburgeraar within the user's reach (else 404) whose section he may read; of a
    tuple of sections, the first he may read counts (and is logged)."""
    inburgeraar = get_inburgeraar_voor(request.user, pk)
    secties = sectie if isinstance(sectie, tuple) else (sectie,)
    sectie = next(
        (s for s in secties if policy.mag_zien(request.user, s, inburgeraar.huidig_traject)), None
    )
    if sectie is None:
        raise PermissionDenied(DETAIL_403)
    # A read of personal data: logged with the section asked.
    KANAAL.set("api")
    log_lezen(request.user, inburgeraar, [sectie], kanaal="api")
    return inburgeraar


def traject_van(inburgeraar: Inburgeraar) -> Traject:
    traject = inburgeraar.huidig_traject
    if traject is None:
        raise NotFound("Deze inburgeraar heeft geen traject.")
    traject.inburgeraar = inburgeraar  # the same row: spares a query in the services
    return traject


def traject_voor(request, pk, sectie: Sectie, actie: Actie | None = None) -> Traject:
    """The current traject of the inburgeraar within the user's reach (else 404) whose
    section he may read (else 403); with ``actie`` he must also be allowed to do that (403)."""
    inburgeraar = inburgeraar_voor(request, pk, sectie)
    if actie is not None:
        vereis(request.user, actie)
    return traject_van(inburgeraar)


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
