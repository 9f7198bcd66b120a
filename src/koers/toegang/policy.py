"""The ONE access policy of Koers: who may see or do what, on which case and section.

Every view, API endpoint and export loads personal data through the ``*_voor`` helpers here,
so the UI and the API cannot disagree. A case outside a user's reach is *not found* (404):
its existence is itself personal data.

Reach (issue 2, §2): an adviseur or teamleider reaches the cases of his own gemeente, plus
those of another gemeente of the subregio while that gemeente has delegated its work to his
(a :class:`~koers.organisaties.models.Delegatie`). Beleid, financiën and functioneel beheer
reach no personal data.
"""

from __future__ import annotations

from enum import StrEnum

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from koers.inburgeraars.models import Inburgeraar, Traject
from koers.organisaties.models import Delegatie, Rol


class Sectie(StrEnum):
    PERSONALIA = "personalia"
    TIJDLIJN = "tijdlijn"
    INTAKE = "intake"
    GEZONDHEID = "gezondheid"  # special-category data (AVG art. 9)
    PIP = "pip"
    DUO = "duo"  # the traject's messages to and notifications from DUO
    # Issue 4, uitvoering en monitoring.
    LEERROUTE = "leerroute"  # inburgeringsaanbod, uren, examens, afschalen, Z-route
    MODULES = "modules"  # PVT and MAP
    BEGELEIDING = "begeleiding"  # maatschappelijke begeleiding, duaal traject / werk
    ONTZORGEN = "ontzorgen"  # financieel ontzorgen: bijstand and payments (finances)
    NETWERK = "netwerk"  # instroomklas, tolken, ervaringsdeskundigen, informele taal
    GESPREKKEN = "gesprekken"  # voortgangsgesprekken (their health scores need GEZONDHEID)
    SIGNALEN = "signalen"  # due and overdue items of the case
    HANDHAVING = "handhaving"  # warnings, hoorzitting, boetes, DUO boetes and verlengingen


class Actie(StrEnum):
    AANMELDEN = "aanmelden"
    GEGEVENS_WIJZIGEN = "gegevens_wijzigen"
    INTAKE_BEWERKEN = "intake_bewerken"
    PIP_BEWERKEN = "pip_bewerken"
    PIP_VASTSTELLEN = "pip_vaststellen"
    STATUS_WIJZIGEN = "status_wijzigen"
    ADVISEUR_TOEWIJZEN = "adviseur_toewijzen"
    # Issue 4, uitvoering en monitoring.
    LEERROUTE_BEWERKEN = "leerroute_bewerken"
    MODULES_BEWERKEN = "modules_bewerken"
    BEGELEIDING_BEWERKEN = "begeleiding_bewerken"
    ONTZORGEN_BEWERKEN = "ontzorgen_bewerken"
    NETWERK_BEWERKEN = "netwerk_bewerken"  # a case's instroomklas, tolk, referrals
    # The tolken and ervaringsdeskundigen lists of the gemeente.
    NETWERK_REGISTERS_BEHEREN = "netwerk_registers_beheren"
    GESPREK_VOEREN = "gesprek_voeren"
    SIGNAAL_AFHANDELEN = "signaal_afhandelen"
    HANDHAVEN = "handhaven"
    DUO_MELDEN = "duo_melden"  # report MAP, PVT, Z-route, uren and aanbod to DUO


CASE_ROLES = (Rol.ADVISEUR, Rol.TEAMLEIDER)

# Which role may read which section of a case within reach. Health answers are for the
# adviseur who conducts the intake and writes the PIP; the teamleider steers caseload and
# deadlines and has no need for them.
SECTIES: dict[str, frozenset[Sectie]] = {
    Rol.ADVISEUR: frozenset(Sectie),
    # Nor the payments of ontzorgen: finances are special-category data too (issue 4).
    Rol.TEAMLEIDER: frozenset(Sectie) - {Sectie.GEZONDHEID, Sectie.ONTZORGEN},
}

ACTIES: dict[str, frozenset[Actie]] = {
    Rol.ADVISEUR: frozenset(Actie) - {Actie.ADVISEUR_TOEWIJZEN},
    Rol.TEAMLEIDER: frozenset({Actie.ADVISEUR_TOEWIJZEN, Actie.AANMELDEN,
                               Actie.GEGEVENS_WIJZIGEN, Actie.STATUS_WIJZIGEN,
                               Actie.NETWERK_REGISTERS_BEHEREN, Actie.SIGNAAL_AFHANDELEN}),
}


def _rollen(user) -> list[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return list(getattr(user, "rollen", None) or [])


def heeft_casustoegang(user) -> bool:
    """Whether the user works on cases at all (and so may see personal data)."""
    return user.is_authenticated and user.gemeente is not None and any(
        r in CASE_ROLES for r in _rollen(user))


def _gemeente_filter(user, field: str) -> Q:
    """Own gemeente or one that delegates to it today; one subquery, no extra round trip."""
    own = user.gemeente
    vandaag = timezone.localdate()
    delegated = Delegatie.objects.filter(
        aan=own, ingangsdatum__lte=vandaag).filter(
        Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag)).values("van_id")
    return Q(**{field: own.pk}) | Q(**{f"{field}__in": delegated})


def inburgeraars_voor(user) -> QuerySet[Inburgeraar]:
    """All inburgeraars the user may see (one query, usable as a base for lists)."""
    if not heeft_casustoegang(user):
        return Inburgeraar.objects.none()
    return Inburgeraar.objects.filter(_gemeente_filter(user, "gemeente_id"))


def trajecten_voor(user) -> QuerySet[Traject]:
    if not heeft_casustoegang(user):
        return Traject.objects.none()
    return Traject.objects.filter(_gemeente_filter(user, "gemeente_id"))


def get_inburgeraar_voor(user, pk) -> Inburgeraar:
    """The inburgeraar with this id, or 404 when the user may not know it exists."""
    try:
        return inburgeraars_voor(user).select_related(
            "gemeente__organisatie", "huidig_traject__adviseur").get(pk=pk)
    except (Inburgeraar.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def zichtbare_gemeenten(user):
    from koers.organisaties.models import Gemeente
    if not heeft_casustoegang(user):
        return Gemeente.objects.none()
    return Gemeente.objects.filter(_gemeente_filter(user, "pk")).select_related("organisatie")


def mag_zien(user, sectie: Sectie) -> bool:
    return any(sectie in SECTIES.get(r, ()) for r in _rollen(user)) and heeft_casustoegang(user)


def mag(user, actie: Actie) -> bool:
    return any(actie in ACTIES.get(r, ()) for r in _rollen(user)) and heeft_casustoegang(user)


def adviseurs_voor(user):
    """The adviseurs a teamleider may assign cases to: those of his own gemeente."""
    from koers.organisaties.models import Gebruiker
    if not mag(user, Actie.ADVISEUR_TOEWIJZEN):
        return Gebruiker.objects.none()
    colleagues = Gebruiker.objects.filter(organisatie=user.organisatie, is_active=True)
    return [g for g in colleagues.order_by("last_name", "username") if g.heeft_rol(Rol.ADVISEUR)]


def mag_beheren(user) -> bool:
    """Functioneel beheer: organisations, users and configuration in the admin."""
    return bool(getattr(user, "is_staff", False)) or Rol.BEHEERDER in _rollen(user)


def mag_duo_berichten_beheren(user) -> bool:
    """The DUO message monitor (DOMAIN.md "Actors": functioneel beheerder). It shows the
    exchange, never a whole BSN, and lets the beheerder send a message again."""
    return Rol.BEHEERDER in _rollen(user)
