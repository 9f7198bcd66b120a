"""The ONE access policy of Koers: who may see or do what, on which case and section.

Every view, API endpoint and export loads personal data through the ``*_voor`` helpers here,
so the UI and the API cannot disagree. A case outside a user's reach is *not found* (404):
its existence is itself personal data.

Reach (issue 2, §2): an adviseur or teamleider reaches the cases of his own gemeente, plus
those of another gemeente of the subregio while that gemeente has delegated its work to his
(a :class:`~koers.organisaties.models.Delegatie`). Beleid, financiën and functioneel beheer
reach no personal data. The uitkeringsadministratie (need to know, issue 4 §6) reaches only
the cases of its own gemeente with a running or just ended financieel ontzorgen, and only
their name/BSN and the ontzorgen register.
"""

from __future__ import annotations

from enum import StrEnum

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from koers.inburgeraars.models import Inburgeraar, Traject
from koers.organisaties.models import Delegatie, Rol


class Sectie(StrEnum):
    NAAM = "naam"  # name and BSN: just enough to find the person
    PERSONALIA = "personalia"  # the other personal details: birth date, address, contact
    TRAJECT = "traject"  # status, adviseur, plicht, PIP deadline and termijn
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
    # Issue 5 §2, Mijn Inburgering: what the inburgeraar and his adviseur exchange. Free text
    # and uploads can hold anything (a doctor's letter), so only the adviseur reads them.
    BERICHTEN = "berichten"
    DOCUMENTEN = "documenten"


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
    BERICHT_STUREN = "bericht_sturen"  # answer the inburgeraar in Mijn Inburgering


# The refusal when health data (AVG art. 9) is sent by someone who may not see it: the same
# words in the intake and the voortgangsgesprek, in UI and API.
GEEN_GEZONDHEID = "U mag geen gezondheidsgegevens invullen."

CASE_ROLES = (Rol.ADVISEUR, Rol.TEAMLEIDER, Rol.UITKERINGSADMINISTRATIE)
# Roles that reach every case of their gemeente (and of gemeenten delegating to it); the
# other case roles reach only a part, see _bereik_filter.
VOLLEDIG_BEREIK = (Rol.ADVISEUR, Rol.TEAMLEIDER)

# Which role may read which section of a case within reach. Health answers are for the
# adviseur who conducts the intake and writes the PIP; the teamleider steers caseload and
# deadlines and has no need for them.
SECTIES: dict[str, frozenset[Sectie]] = {
    Rol.ADVISEUR: frozenset(Sectie),
    # Nor the payments of ontzorgen: finances are special-category data too (issue 4).
    # Nor what the inburgeraar wrote or uploaded in Mijn Inburgering.
    Rol.TEAMLEIDER: frozenset(Sectie) - {Sectie.GEZONDHEID, Sectie.ONTZORGEN,
                                         Sectie.BERICHTEN, Sectie.DOCUMENTEN},
    # Name/BSN to find the person, and the payments it fills; no intake, PIP or health.
    Rol.UITKERINGSADMINISTRATIE: frozenset({Sectie.NAAM, Sectie.ONTZORGEN}),
}

ACTIES: dict[str, frozenset[Actie]] = {
    Rol.ADVISEUR: frozenset(Actie) - {Actie.ADVISEUR_TOEWIJZEN},
    Rol.TEAMLEIDER: frozenset({Actie.ADVISEUR_TOEWIJZEN, Actie.AANMELDEN,
                               Actie.GEGEVENS_WIJZIGEN, Actie.STATUS_WIJZIGEN,
                               Actie.NETWERK_REGISTERS_BEHEREN, Actie.SIGNAAL_AFHANDELEN}),
    Rol.UITKERINGSADMINISTRATIE: frozenset({Actie.ONTZORGEN_BEWERKEN}),
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


def _ontzorgen_filter(user, field: str) -> Q:
    """Cases of the user's own gemeente with ontzorgen running or ended shortly ago (the
    uitkeringsadministratie completes the register of the last month); one subquery."""
    from koers.begeleiding.models import Ontzorgen
    from koers.begeleiding.rules import NAZORG_NA_EINDE
    vanaf = timezone.localdate() - NAZORG_NA_EINDE
    lopend = Ontzorgen.objects.filter(gemeente=user.gemeente, einddatum__gte=vanaf)
    kolom = "traject__inburgeraar_id" if field == "inburgeraar" else "traject_id"
    return Q(gemeente_id=user.gemeente.pk) & Q(pk__in=lopend.values(kolom))


def _bereik_filter(user, soort: str) -> Q:
    """Reach of the user (``soort`` "inburgeraar" or "traject"): full for adviseur and
    teamleider, the ontzorgen cases only for a user with no other case role."""
    if any(r in VOLLEDIG_BEREIK for r in _rollen(user)):
        return _gemeente_filter(user, "gemeente_id")
    return _ontzorgen_filter(user, soort)


def inburgeraars_voor(user) -> QuerySet[Inburgeraar]:
    """All inburgeraars the user may see (one query, usable as a base for lists)."""
    if not heeft_casustoegang(user):
        return Inburgeraar.objects.none()
    return Inburgeraar.objects.filter(_bereik_filter(user, "inburgeraar"))


def trajecten_voor(user) -> QuerySet[Traject]:
    if not heeft_casustoegang(user):
        return Traject.objects.none()
    return Traject.objects.filter(_bereik_filter(user, "traject"))


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
    if not any(r in VOLLEDIG_BEREIK for r in _rollen(user)):
        return Gemeente.objects.filter(pk=user.gemeente.pk).select_related("organisatie")
    return Gemeente.objects.filter(_gemeente_filter(user, "pk")).select_related("organisatie")


# The timeline entries that belong to a section: shown only to who may see that section.
GEBEURTENIS_SECTIES: dict[str, Sectie] = {
    "intake_opgeslagen": Sectie.INTAKE, "intake_afgerond": Sectie.INTAKE,
    "pip_concept": Sectie.PIP, "pip_vastgesteld": Sectie.PIP, "duo": Sectie.DUO,
    "leerroute": Sectie.LEERROUTE, "module": Sectie.MODULES,
    "begeleiding": Sectie.BEGELEIDING, "ontzorgen": Sectie.ONTZORGEN,
    "netwerk": Sectie.NETWERK, "gesprek": Sectie.GESPREKKEN, "signaal": Sectie.SIGNALEN,
    "handhaving": Sectie.HANDHAVING,
}


def verborgen_gebeurtenissen(user) -> list[str]:
    """The timeline soorten the user may not see (to exclude in the one timeline query)."""
    return [soort for soort, sectie in GEBEURTENIS_SECTIES.items()
            if not mag_zien(user, sectie)]


def mag_zien(user, sectie: Sectie) -> bool:
    return any(sectie in SECTIES.get(r, ()) for r in _rollen(user)) and heeft_casustoegang(user)


def zichtbare_secties(user) -> list[Sectie]:
    """The sections of a case the user may read (what a case page shows him)."""
    return [s for s in Sectie if mag_zien(user, s)]


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


def verwerkingen_voor(user):
    """The records of the verwerkingenlogging the user may see: for the privacy officer those
    about inburgeraars of his gemeente and those made by its own staff; nothing for others.
    One query with a subquery, usable as a base for the search page and the export."""
    from koers.verwerkingen.models import Verwerking

    if not mag_verwerkingen_zien(user):
        return Verwerking.objects.none()
    gemeente = user.gemeente
    return Verwerking.objects.filter(
        Q(inburgeraar_id__in=Inburgeraar.objects.filter(gemeente=gemeente).values("pk"))
        | Q(organisatie_oin=gemeente.oin))


def mag_verwerkingen_zien(user) -> bool:
    """The verwerkingenlogging (issue 5 §3): the privacy officer of a gemeente sees who read
    or changed whose data. He reaches no case data himself (not a CASE_ROLE)."""
    return (getattr(user, "is_authenticated", False) and getattr(user, "gemeente", None)
            is not None and Rol.PRIVACY_OFFICER in _rollen(user))
