"""The ONE access policy of Koers: who may see or do what, on which case and section.

Every view, API endpoint and export loads personal data through the reach decided here
(:func:`bereik`, applied to the case models by :mod:`koers.inburgeraars.bereik`) and the
``*_voor`` helpers, so the UI and the API cannot disagree. The policy imports no case model:
it sits below the slices whose screens ask it. A case outside a user's reach is *not found* (404):
its existence is itself personal data.

Reach : an adviseur or teamleider reaches the cases of his own gemeente, plus
those of another gemeente of the subregio while that gemeente has delegated its work to his
(a :class:`~koers.organisaties.models.Delegatie`). Beleid, financiën and functioneel beheer
reach no personal data. The uitkeringsadministratie (need to know) reaches only
the cases of its own gemeente with a running or just ended financieel ontzorgen, and only
their name/BSN and the ontzorgen register.

Ketenpartners: a user with the partner role in a partner organisation (not a
gemeente) reaches only the cases with a *running* referral (geaccepteerd or lopend) to his
organisation, and on such a case only the sections of the referred tasks
(:data:`koers.partners.rules.TAAK_SECTIES`) — never health, finances, the inburgeraar's
messages and documents, nor the brede intake (neither INTAKE nor INTAKE_WERK: the brede
intake page part, its API endpoint and its timeline entries stay closed to every partner).
For a task towards work the referral itself shows the intake topics about work
(:func:`werk_intake_van_verwijzing`), and only while it runs. An offered referral shows him
the name and the question, no BSN, until he accepts (:func:`mag_bsn_van_verwijzing_zien`).
His sections therefore depend on the case: ``mag_zien(user, sectie, traject)`` and
``zichtbare_secties(user, traject)``; without a traject a partner sees no section at all
(no lists, signals, registers or werkvoorraad). For the other roles the traject changes
nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.functional import LazyObject, empty

from koers.organisaties.models import Delegatie, Rol


class Sectie(StrEnum):
    NAAM = "naam"  # name and BSN: just enough to find the person
    PERSONALIA = "personalia"  # the other personal details: birth date, address, contact
    TRAJECT = "traject"  # status, adviseur, plicht, PIP deadline and termijn
    TIJDLIJN = "tijdlijn"
    INTAKE = "intake"
    # The intake topics about work (intake.rules.WERK_ONDERWERPEN) as shown on a partner's
    # running referral; INTAKE includes them. It names that read in the verwerkingenlog.
    INTAKE_WERK = "intake_werk"
    GEZONDHEID = "gezondheid"  # special-category data (AVG art. 9)
    PIP = "pip"
    DUO = "duo"  # the traject's messages to and notifications from DUO
    # Uitvoering en monitoring.
    LEERROUTE = "leerroute"  # inburgeringsaanbod, uren, examens, afschalen, Z-route
    MODULES = "modules"  # PVT and MAP
    BEGELEIDING = "begeleiding"  # maatschappelijke begeleiding, duaal traject / werk
    ONTZORGEN = "ontzorgen"  # financieel ontzorgen: bijstand and payments (finances)
    NETWERK = "netwerk"  # instroomklas, tolken, ervaringsdeskundigen, informele taal
    GESPREKKEN = "gesprekken"  # voortgangsgesprekken (their health scores need GEZONDHEID)
    SIGNALEN = "signalen"  # due and overdue items of the case
    HANDHAVING = "handhaving"  # warnings, hoorzitting, boetes, DUO boetes and verlengingen
    # Mijn Inburgering: what the inburgeraar and his adviseur exchange. Free text
    # and uploads can hold anything (a doctor's letter), so only the adviseur reads them.
    BERICHTEN = "berichten"
    DOCUMENTEN = "documenten"
    # The referrals of the case to ketenpartners and their progress reports.
    VERWIJZINGEN = "verwijzingen"
    # The costs of the voorzieningen of this person (finances of one person).
    KOSTEN = "kosten"
    # Residence data from the BRP: nationaliteiten, verblijfstitel and immigratie. Not art. 9
    # data, but sensitive (it shows the asylum route): need to know, for the adviseur who
    # does the brede intake and the PIP only.
    VERBLIJF = "verblijf"


class Actie(StrEnum):
    AANMELDEN = "aanmelden"
    GEGEVENS_WIJZIGEN = "gegevens_wijzigen"
    INTAKE_BEWERKEN = "intake_bewerken"
    PIP_BEWERKEN = "pip_bewerken"
    PIP_VASTSTELLEN = "pip_vaststellen"
    STATUS_WIJZIGEN = "status_wijzigen"
    ADVISEUR_TOEWIJZEN = "adviseur_toewijzen"
    # Uitvoering en monitoring.
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
    VERWIJZEN = "verwijzen"  # refer a case to a ketenpartner, or take the referral back
    # The partner's side of a referral to his organisation: accept or decline, report
    # progress, close.
    VERWIJZING_UITVOEREN = "verwijzing_uitvoeren"
    KOSTEN_REGISTREREN = "kosten_registreren"  # costs of a voorziening on the case


# The refusal when health data (AVG art. 9) is sent by someone who may not see it: the same
# words in the intake and the voortgangsgesprek, in UI and API.
GEEN_GEZONDHEID = "U mag geen gezondheidsgegevens invullen."

CASE_ROLES = (Rol.ADVISEUR, Rol.TEAMLEIDER, Rol.UITKERINGSADMINISTRATIE)
# Roles that reach every case of their gemeente (and of gemeenten delegating to it); the
# other case roles reach only a part, see bereik.
VOLLEDIG_BEREIK = (Rol.ADVISEUR, Rol.TEAMLEIDER)

# Which role may read which section of a case within reach. Health answers are for the
# adviseur who conducts the intake and writes the PIP; the teamleider steers caseload and
# deadlines and has no need for them.
SECTIES: dict[str, frozenset[Sectie]] = {
    Rol.ADVISEUR: frozenset(Sectie),
    # Nor the payments of ontzorgen: finances are special-category data too.
    # Nor what the inburgeraar wrote or uploaded in Mijn Inburgering, nor the costs of one
    # person's voorzieningen (the budget figures are on the dashboards).
    # Nor the residence data from the BRP: steering caseload needs no verblijfstitel.
    Rol.TEAMLEIDER: frozenset(Sectie)
    - {
        Sectie.GEZONDHEID,
        Sectie.ONTZORGEN,
        Sectie.BERICHTEN,
        Sectie.DOCUMENTEN,
        Sectie.KOSTEN,
        Sectie.VERBLIJF,
    },
    # Name/BSN to find the person, and the payments it fills; no intake, PIP or health.
    Rol.UITKERINGSADMINISTRATIE: frozenset({Sectie.NAAM, Sectie.ONTZORGEN}),
}

ACTIES: dict[str, frozenset[Actie]] = {
    Rol.ADVISEUR: frozenset(Actie) - {Actie.ADVISEUR_TOEWIJZEN, Actie.VERWIJZING_UITVOEREN},
    Rol.TEAMLEIDER: frozenset(
        {
            Actie.ADVISEUR_TOEWIJZEN,
            Actie.AANMELDEN,
            Actie.GEGEVENS_WIJZIGEN,
            Actie.STATUS_WIJZIGEN,
            Actie.NETWERK_REGISTERS_BEHEREN,
            Actie.SIGNAAL_AFHANDELEN,
        }
    ),
    Rol.UITKERINGSADMINISTRATIE: frozenset({Actie.ONTZORGEN_BEWERKEN}),
}
# A ketenpartner's actions: on the referrals to his own organisation only (the services check
# the organisation). Kept apart from ACTIES, which holds the gemeente's case roles.
PARTNER_ACTIES: frozenset[Actie] = frozenset({Actie.VERWIJZING_UITVOEREN})


@dataclass(frozen=True)
class _Profiel:
    """What the user's account decides for every question the policy asks: his roles, whether
    he works on cases, whether he is a ketenpartner, and what his roles let him read and do."""

    rollen: tuple[str, ...]
    partner: bool
    zonder_gemeente: bool
    casustoegang: bool
    secties: frozenset[Sectie]
    acties: frozenset[Actie]


_GEEN_PROFIEL = _Profiel((), False, True, False, frozenset(), frozenset())


def _profiel(user) -> _Profiel:
    """The user's profile, worked out once per user object (a page asks the policy a hundred
    times, each through ``request.user``'s lazy proxy) and again whenever the roles, the
    active flag or the organisation of that object change."""
    while isinstance(user, LazyObject):  # django-otp wraps Django's lazy user in another
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return _GEEN_PROFIEL
    rollen = tuple(getattr(user, "rollen", None) or ())
    sleutel = (rollen, getattr(user, "organisatie_id", None))
    onthouden = user.__dict__.get("_koers_profiel")
    if onthouden is not None and onthouden[0] == sleutel:
        return onthouden[1]
    organisatie = getattr(user, "organisatie", None)
    gemeente = getattr(user, "gemeente", None)
    partner = Rol.PARTNER in rollen and organisatie is not None and not organisatie.is_gemeente
    profiel = _Profiel(
        rollen=rollen,
        partner=partner,
        zonder_gemeente=gemeente is None,
        casustoegang=(gemeente is not None and any(r in CASE_ROLES for r in rollen)) or partner,
        secties=frozenset(s for r in rollen for s in SECTIES.get(r, ())),
        acties=frozenset(a for r in rollen for a in ACTIES.get(r, ())),
    )
    user.__dict__["_koers_profiel"] = (sleutel, profiel)
    return profiel


def profielsleutel(user) -> tuple:
    """Everything besides the database's data that this policy's answers about the user
    depend on: the user, his profile (roles, sections, partner or not), his organisation and
    his gemeente. What keeps something the policy decided, such as a query's SQL
    (:mod:`koers.bouwstenen.vaste_sql`), keys on it."""
    gemeente = getattr(user, "gemeente", None)
    return (
        getattr(user, "pk", None),
        _profiel(user),
        getattr(user, "organisatie_id", None),
        getattr(gemeente, "pk", None),
    )


def _rollen(user) -> tuple[str, ...]:
    return _profiel(user).rollen


def is_partner(user) -> bool:
    """A user of a ketenpartner: the partner role in an organisation that is no gemeente."""
    return _profiel(user).partner


def heeft_casustoegang(user) -> bool:
    """Whether the user works on cases at all (and so may see personal data)."""
    return _profiel(user).casustoegang


# Records of the apps above the core decide some reach: a referral to a ketenpartner, a
# running financieel ontzorgen. The core may not import those apps, so each registers what
# the policy needs to know of its records when it starts (its AppConfig.ready); the decisions
# themselves stay here. Without the app, nobody gains reach through it.


@dataclass(frozen=True)
class Verwijzingen:
    """What the partners app tells the policy about its referrals."""

    model: type[Model]  # the referral model: traject, organisatie, taak, status
    lopend: frozenset[str]  # statuses of a running referral (accepted, in progress)
    open: frozenset[str]  # statuses a partner still sees in his list (offered included)
    werk_intake_taken: frozenset[str]  # tasks towards work that show the work topics
    # The intake topics about work (intake.rules.WERK_ONDERWERPEN) such a referral shows.
    werk_intake_onderwerpen: tuple[str, ...]
    secties_voor_taken: Callable[[Iterable[str]], Iterable[str]]  # task -> case sections


@dataclass(frozen=True)
class Ontzorgen:
    """What the begeleiding app tells the policy about financieel ontzorgen."""

    model: type[Model]  # the ontzorgen model: traject, gemeente, einddatum
    nazorg_na_einde: timedelta  # how long after the end the register is still completed


_BRONNEN: dict[str, Verwijzingen | Ontzorgen] = {}


def registreer_bron(bron: Verwijzingen | Ontzorgen) -> None:
    """Called by the partners and begeleiding apps when they start."""
    _BRONNEN[type(bron).__name__] = bron


def _bron(soort: type[Verwijzingen] | type[Ontzorgen]):
    """The registered source; both apps are always installed, so a missing one is a
    configuration error, said loudly rather than read as "nobody has this reach"."""
    bron = _BRONNEN.get(soort.__name__)
    if not isinstance(bron, soort):
        raise ImproperlyConfigured(f"{soort.__name__} is not registered with the policy")
    return bron


def _verwijzingen() -> Verwijzingen:
    return _bron(Verwijzingen)


def _lopende_verwijzingen(user, bron: Verwijzingen):
    """The running referrals to the partner's organisation (a queryset, used as subquery)."""
    return bron.model._default_manager.filter(
        organisatie_id=user.organisatie_id, status__in=bron.lopend
    )


def _gemeente_filter(user, field: str) -> Q:
    """Own gemeente or one that delegates to it today; one subquery, no extra round trip."""
    own = user.gemeente
    vandaag = timezone.localdate()
    delegated = (
        Delegatie.objects.filter(aan=own, ingangsdatum__lte=vandaag)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag))
        .values("van_id")
    )
    return Q(**{field: own.pk}) | Q(**{f"{field}__in": delegated})


def _ontzorgen_filter(user, soort: str, pad: str) -> Q:
    """Cases of the user's own gemeente with ontzorgen running or ended shortly ago (the
    uitkeringsadministratie completes the register of the last month); one subquery."""
    bron = _bron(Ontzorgen)
    vanaf = timezone.localdate() - bron.nazorg_na_einde
    lopend = bron.model._default_manager.filter(gemeente=user.gemeente, einddatum__gte=vanaf)
    kolom = "traject__inburgeraar_id" if soort == "inburgeraar" else "traject_id"
    return Q(**{f"{pad}gemeente_id": user.gemeente.pk}) & Q(
        **{f"{pad}pk__in": lopend.values(kolom)}
    )


def bereik(user, soort: str, pad: str = "") -> Q:
    """Reach of a user with case access (:func:`heeft_casustoegang`) as a filter on the
    inburgeraars (``soort`` "inburgeraar") or the trajecten (``soort`` "traject"), or on a
    model that points at them through the lookup ``pad`` (e.g. ``"traject__"``): full for
    adviseur and teamleider, the ontzorgen cases only for a user with no other case role, the
    cases with a running referral to his organisation for a partner (one subquery on its
    index). The case models are their slice's (koers.inburgeraars.bereik applies this filter);
    the decision is made here."""
    if user.gemeente is None:
        lopend = _lopende_verwijzingen(user, _verwijzingen()).values("traject_id")
        if soort == "inburgeraar":
            return Q(**{f"{pad}huidig_traject_id__in": lopend})
        return Q(**{f"{pad}pk__in": lopend})
    if any(r in VOLLEDIG_BEREIK for r in _rollen(user)):
        return _gemeente_filter(user, f"{pad}gemeente_id")
    return _ontzorgen_filter(user, soort, pad)


def zichtbare_gemeenten(user):
    from koers.organisaties.models import Gemeente

    if not heeft_casustoegang(user) or user.gemeente is None:
        return Gemeente.objects.none()
    if not any(r in VOLLEDIG_BEREIK for r in _rollen(user)):
        return Gemeente.objects.filter(pk=user.gemeente.pk).select_related("organisatie")
    return Gemeente.objects.filter(_gemeente_filter(user, "pk")).select_related("organisatie")


# The timeline entries that belong to a section: shown only to who may see that section.
GEBEURTENIS_SECTIES: dict[str, Sectie] = {
    "intake_opgeslagen": Sectie.INTAKE,
    "intake_afgerond": Sectie.INTAKE,
    "pip_concept": Sectie.PIP,
    "pip_vastgesteld": Sectie.PIP,
    "duo": Sectie.DUO,
    "leerroute": Sectie.LEERROUTE,
    "module": Sectie.MODULES,
    "begeleiding": Sectie.BEGELEIDING,
    "ontzorgen": Sectie.ONTZORGEN,
    "netwerk": Sectie.NETWERK,
    "gesprek": Sectie.GESPREKKEN,
    "signaal": Sectie.SIGNALEN,
    "handhaving": Sectie.HANDHAVING,
    "verwijzing": Sectie.VERWIJZINGEN,
    "portaal": Sectie.BERICHTEN,  # the adviseur answered in Mijn Inburgering
    "brp": Sectie.PERSONALIA,  # names of the fields the BRP changed (koers.brp)
}


def adres_voor_derden(inburgeraar) -> tuple[str, str]:
    """The address (adres, postcode_plaats) for anything Koers sends or shows to a third party
    (a ketenpartner's referral, a letter or export for it): empty when the person has
    geheimhouding in the BRP (Wet BRP art. 2.59; kept on Inburgeraar by koers.brp)."""
    if getattr(inburgeraar, "geheimhouding_persoonsgegevens", False):
        return "", ""
    return inburgeraar.adres, inburgeraar.postcode_plaats


def verborgen_gebeurtenissen(user, traject=None) -> list[str]:
    """The timeline soorten the user may not see (to exclude in the one timeline query)."""
    return [
        soort
        for soort, sectie in GEBEURTENIS_SECTIES.items()
        if not mag_zien(user, sectie, traject)
    ]


PARTNER_CACHE = "_koers_partner_secties"


def partner_secties(user, traject) -> frozenset[Sectie]:
    """The sections of this traject a partner may read: those of the tasks of the running
    referrals to his organisation. One query per traject and user, kept on the traject
    object, so a case page asking for each section costs one query in all."""
    if traject is None or not is_partner(user):
        return frozenset()
    cache = traject.__dict__.setdefault(PARTNER_CACHE, {})
    if user.pk not in cache:
        bron = _verwijzingen()
        taken = _lopende_verwijzingen(user, bron).filter(traject_id=traject.pk)
        cache[user.pk] = frozenset(
            Sectie(s) for s in bron.secties_voor_taken(taken.values_list("taak", flat=True))
        )
    return cache[user.pk]


def mag_zien(user, sectie: Sectie, traject=None) -> bool:
    """Whether the user may read this section; for a partner only of this ``traject`` (the
    case's current traject), and never without one. Other roles: the traject is ignored."""
    profiel = _profiel(user)
    if profiel.partner and profiel.zonder_gemeente:
        return sectie in partner_secties(user, traject)
    return profiel.casustoegang and sectie in profiel.secties


def zichtbare_secties(user, traject=None) -> list[Sectie]:
    """The sections of a case the user may read (what a case page shows him)."""
    return [s for s in Sectie if mag_zien(user, s, traject)]


def verwijzingen_voor(user):
    """The referrals to ketenpartners the user may see: for a partner the open ones
    (aangeboden, geaccepteerd, lopend) to his organisation; for a gemeente role with the
    VERWIJZINGEN section those of the trajecten within reach. One query with a subquery."""
    bron = _verwijzingen()
    if is_partner(user) and getattr(user, "gemeente", None) is None:
        return bron.model._default_manager.filter(
            organisatie_id=user.organisatie_id, status__in=bron.open
        )
    if not mag_zien(user, Sectie.VERWIJZINGEN):
        return bron.model._default_manager.none()
    return bron.model._default_manager.filter(bereik(user, "traject", pad="traject__"))


def verwijzingen_van_traject(user, traject):
    """The referrals of one traject the user may see (the caller checked the VERWIJZINGEN
    section): a partner only the running ones to his own organisation, others all."""
    bron = _verwijzingen()
    qs = bron.model._default_manager.filter(traject=traject)
    if is_partner(user) and getattr(user, "gemeente", None) is None:
        return qs.filter(organisatie_id=user.organisatie_id, status__in=bron.lopend)
    return qs


def _eigen_lopende_verwijzing(user, verwijzing) -> bool:
    return (
        is_partner(user)
        and getattr(user, "gemeente", None) is None
        and verwijzing.organisatie_id == user.organisatie_id
        and verwijzing.status in _verwijzingen().lopend
    )


def mag_bsn_van_verwijzing_zien(user, verwijzing) -> bool:
    """Whether the referral's page may show the BSN next to the name. A partner only once he
    accepted (an offered referral gives him the name and the question, enough to accept or
    decline); a gemeente role with the NAAM section of the case always."""
    if is_partner(user) and getattr(user, "gemeente", None) is None:
        return _eigen_lopende_verwijzing(user, verwijzing)
    return mag_zien(user, Sectie.NAAM, verwijzing.traject)


def werk_intake_van_verwijzing(user, verwijzing) -> tuple[str, ...]:
    """The intake topics about work (intake.rules.WERK_ONDERWERPEN) that the referral's own
    page and API answer show: only to the partner it runs with, only for a task towards work
    (partners.rules.WERK_INTAKE_TAKEN). Never health, and never through the brede intake
    itself. The gemeente reads the whole intake on the case, so gets none here."""
    bron = _verwijzingen()
    if verwijzing.taak in bron.werk_intake_taken and _eigen_lopende_verwijzing(user, verwijzing):
        return bron.werk_intake_onderwerpen
    return ()


def mag_taakverdeling_zien(user) -> bool:
    """The taakverdeling of the user's gemeente: no personal data; for the
    adviseur, teamleider and beleid."""
    return (
        getattr(user, "is_authenticated", False)
        and getattr(user, "gemeente", None) is not None
        and any(r in (Rol.ADVISEUR, Rol.TEAMLEIDER, Rol.BELEID) for r in _rollen(user))
    )


def mag_taakverdeling_wijzigen(user) -> bool:
    """The teamleider keeps the table of his own gemeente up to date (beheer: the admin)."""
    return mag_taakverdeling_zien(user) and Rol.TEAMLEIDER in _rollen(user)


def intake_onderwerpen_voor(user, traject, onderwerpen: Iterable) -> tuple[str, ...]:
    """The topics of the brede intake (``onderwerpen``: intake.rules.ONDERWERPEN, each with
    ``sleutel`` and ``bijzonder``) the user may read on this traject: every topic with INTAKE
    (the special-category ones only with GEZONDHEID), else none. The one answer for the case
    page and the API. A partner gets none here, whatever his referral: see
    :func:`werk_intake_van_verwijzing`."""
    if mag_zien(user, Sectie.INTAKE, traject):
        gezondheid = mag_zien(user, Sectie.GEZONDHEID, traject)
        return tuple(o.sleutel for o in onderwerpen if gezondheid or not o.bijzonder)
    return ()


def mag(user, actie: Actie) -> bool:
    profiel = _profiel(user)
    if profiel.partner:
        return actie in PARTNER_ACTIES
    return profiel.casustoegang and actie in profiel.acties


def adviseurs_voor(user):
    """The adviseurs a teamleider may assign cases to: those of his own gemeente."""
    from koers.organisaties.models import Gebruiker

    if not mag(user, Actie.ADVISEUR_TOEWIJZEN):
        return Gebruiker.objects.none()
    colleagues = Gebruiker.objects.filter(organisatie=user.organisatie, is_active=True)
    return [g for g in colleagues.order_by("last_name", "username") if g.heeft_rol(Rol.ADVISEUR)]


def toont_alle_adviseurs(user) -> bool:
    """Whether the werkvoorraad shows the whole team's cases with a filter per adviseur (the
    teamleider), instead of the user's own cases."""
    return Rol.TEAMLEIDER in _rollen(user)


def wordt_zelf_adviseur(user) -> bool:
    """Whether a case the user registers becomes his own: an adviseur who may not assign
    adviseurs registers his own cases."""
    return Rol.ADVISEUR in _rollen(user) and not mag(user, Actie.ADVISEUR_TOEWIJZEN)


def mag_beheren(user) -> bool:
    """Functioneel beheer: organisations, users and configuration in the admin."""
    return bool(getattr(user, "is_staff", False)) or Rol.BEHEERDER in _rollen(user)


def mag_duo_berichten_beheren(user) -> bool:
    """The DUO message monitor (DOMAIN.md "Actors": functioneel beheerder). It shows the
    exchange, never a whole BSN, and lets the beheerder send a message again."""
    return Rol.BEHEERDER in _rollen(user)


def mag_verwerkingen_zien(user) -> bool:
    """The verwerkingenlogging: the privacy officer of a gemeente sees who read
    or changed whose data (the records about inburgeraars of his gemeente and those made by
    its own staff), and may export a person of his own gemeente completely (AVG art. 15
    inzage; koers.inburgeraars.bereik). He reaches no case data himself (not a CASE_ROLE)."""
    return (
        getattr(user, "is_authenticated", False)
        and getattr(user, "gemeente", None) is not None
        and Rol.PRIVACY_OFFICER in _rollen(user)
    )


def mag_register_beheren(user) -> bool:
    """The register of processing activities (AVG art. 30) of the user's own gemeente:
    viewed and kept by its privacy officer and its functioneel beheerder. It holds no
    personal data of inburgeraars."""
    return (
        getattr(user, "is_authenticated", False)
        and getattr(user, "gemeente", None) is not None
        and bool({Rol.PRIVACY_OFFICER, Rol.BEHEERDER} & set(_rollen(user)))
    )


# Sturing ---------------------------------------------------------------------------
# Dashboards of counts and process indicators: aggregates only. Reach of figures: one's own
# gemeente, plus the aggregates of its subregio and arbeidsmarktregio.
STURING_ROLLEN = (Rol.BELEID, Rol.TEAMLEIDER, Rol.FINANCIEN, Rol.ADVISEUR)


def mag_sturing_zien(user) -> bool:
    """The dashboards: beleid, teamleider, financiën and adviseur of a gemeente."""
    return (
        getattr(user, "is_authenticated", False)
        and getattr(user, "gemeente", None) is not None
        and any(r in STURING_ROLLEN for r in _rollen(user))
    )


def mag_taakstelling_bewerken(user) -> bool:
    """The taakstelling per half year is entered by beleid (startnotitie §5.1)."""
    return mag_sturing_zien(user) and Rol.BELEID in _rollen(user)


def sturing_doorklikken(user) -> bool:
    """From a figure to the matching case list: only for who works on the cases."""
    return mag_zien(user, Sectie.TRAJECT)


def sturing_onderdrukken(user, gemeente_ids) -> bool:
    """Small cells are hidden ("<5") unless the user may see every case behind them: roles
    without case access always, case roles for figures that include other gemeenten."""
    if not sturing_doorklikken(user):
        return True
    eigen = set(zichtbare_gemeenten(user).values_list("pk", flat=True))
    return not set(gemeente_ids) <= eigen


def mag_financien_beheren(user) -> bool:
    """Contracts and tariffs of the gemeente are kept by financiën."""
    return mag_sturing_zien(user) and Rol.FINANCIEN in _rollen(user)


# Organisation scoping --------------------------------------------------------------------------
# Views never filter on a gemeente themselves: which gemeente's records a user reaches is a
# decision of this module, like the reach of cases.


def binnen_bereik(user, queryset: QuerySet, veld: str = "gemeente") -> QuerySet:
    """The rows of the gemeenten whose cases the user reaches (his own and those delegating to
    it): the registers of the netwerk, for example. One subquery; none without case access."""
    return queryset.filter(**{f"{veld}__in": zichtbare_gemeenten(user).values("pk")})


def van_eigen_gemeente(user, queryset: QuerySet, veld: str = "gemeente") -> QuerySet:
    """The rows of the user's own gemeente only: what a gemeente decides or pays for itself
    (contracts, taakstelling, taakverdeling, bewaartermijn), never a delegating gemeente's."""
    gemeente = getattr(user, "gemeente", None) if getattr(user, "is_authenticated", False) else None
    if gemeente is None:
        return queryset.none()
    return queryset.filter(**{veld: gemeente})
