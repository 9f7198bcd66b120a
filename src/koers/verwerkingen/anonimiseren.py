"""Anonymising closed cases after their bewaartermijn (AVG art. 5 lid 1 sub e).

What happens to each model that holds data about a person is declared once, in
:data:`REGELS` (an app may add its own in ``koers.<app>.anonimiseren.REGELS``, with
``anonimiseren = True`` on its AppConfig): the free-text and special-category fields to empty,
the models whose rows go altogether, and the fields that stay because they are no personal
data but the facts the sturing statistics count (doelgroep, gemeente, leerroute, status, dates,
hours). A test fails when a model linked to Inburgeraar or
Traject has a text, JSON or file field that is neither emptied nor declared kept.

Set-based: per batch of people one UPDATE or DELETE per model, in one transaction, whatever
the batch size. The verwerkingenlogging is not touched: it is append-only and holds ids, never
names; the anonymisation itself is logged (kanaal job).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import Value
from django.db.models.functions import Cast, Concat, LPad, TruncYear
from django.utils import timezone

from koers.inburgeraars.models import Inburgeraar
from koers.toegang.policy import Sectie
from koers.verwerkingen import rules
from koers.verwerkingen.inzage import Gekoppeld, gekoppelde_modellen

BATCH = 1000


@dataclass(frozen=True)
class Regel:
    """What anonymising does to one model. ``legen``: fields set to empty (text ""; JSON its
    default; nullable fields NULL; binary b""; files deleted). ``verwijderen``: the rows go.
    ``bewaren``: fields that stay, each a fact without identity (the reason in ``waarom``)."""

    legen: tuple[str, ...] = ()
    bewaren: tuple[str, ...] = ()
    verwijderen: bool = False
    waarom: str = ""


# The person himself: see :func:`_persoon`. Year of birth stays (age groups in the sturing
# statistics and the monitor of the Wi2021); everything that identifies him goes.
PERSOON_LEGEN = (
    "bsn",
    "vnummer",
    "voornamen",
    "geslachtsnaam",
    "zoeknaam",
    "telefoon",
    "email",
    "adres",
    "postcode_plaats",
    "talen",
    "tolk_taal",
    "geboortedatum",
)
NAAM_GEANONIMISEERD = "Geanonimiseerd"
STATISTIEK = "geen persoonsgegeven: een keuze uit een vaste lijst, nodig voor de sturing"

REGELS: dict[str, Regel] = {
    "inburgeraars.Inburgeraar": Regel(
        legen=(*PERSOON_LEGEN, "gratis_examenpogingen"),
        bewaren=("doelgroep", "doelgroepindeling", "asielrechten_wijziging_verblijfsdoel"),
        waarom=STATISTIEK,
    ),
    "inburgeraars.Traject": Regel(
        legen=("lbt_examennummer", "lbt_overgeslagen_toelichting"),
        bewaren=("status", "afrondingsreden", "termijn_bron", "lbt_overgeslagen_grond"),
        waarom=STATISTIEK,
    ),
    "inburgeraars.Gebeurtenis": Regel(
        legen=("omschrijving", "toelichting"),
        bewaren=("soort", "van_status", "naar_status"),
        waarom="the timeline's kind and statuses: when the case moved on, without what was said",
    ),
    "intake.BredeIntake": Regel(
        legen=(
            "tolk_taal",
            "onderwerpen",
            "gezondheid",
            "positieve_gezondheid",
            "afwijking_lbt_advies",
        ),
        bewaren=("status", "plaats", "lbt_uitslag", "lbt_bron"),
        waarom=STATISTIEK,
    ),
    "pip.PipVersie": Regel(
        legen=(
            "toelichting_leerroute",
            "doelen",
            "begeleiding_ondersteuning",
            "pvt_invulling",
            "map_invulling",
            "ontzorgen_toelichting",
            "voortgangsgesprekken",
            "partners",
        ),
        bewaren=("status", "leerroute", "niveau", "alfabetisering"),
        waarom=STATISTIEK,
    ),
    "pip.Beschikking": Regel(
        legen=("pdf",),
        bewaren=("kenmerk", "sha256"),
        waarom="the letter's number and fingerprint, without the letter",
    ),
    "duo.Notificatie": Regel(
        legen=("bsn", "vnummer", "fout"),
        bewaren=("bron", "doel", "gebeurtenis_id", "status"),
        waarom="which message of DUO arrived and when",
    ),
    # What a second, different copy of a notification said: only beheer's evidence of a fault
    # in the chain, of no use once the case is anonymised.
    "duo.NotificatieConflict": Regel(verwijderen=True),
    "duo.Bericht": Regel(
        legen=("pad", "body", "laatste_antwoord", "foutteksten"),
        bewaren=("soort", "operation_id", "methode", "status"),
        waarom="which message went to DUO and when",
    ),
    "duo.ContactpersoonKoppeling": Regel(legen=("fout",)),
    "duo.Contactpersoon": Regel(
        bewaren=("naam", "email", "telefoonnummer"),
        waarom="the gemeente's own contact person at DUO, not the "
        "inburgeraar (shared by many cases)",
    ),
    "monitoring.Voortgangsgesprek": Regel(
        legen=("voortgang", "subdoelen", "positieve_gezondheid", "interventies", "verslag")
    ),
    # Why a missed gesprek was closed is free text about the person; that it was closed stays.
    "monitoring.GeslotenGesprek": Regel(legen=("reden",)),
    "monitoring.Signaal": Regel(
        legen=("reden",), bewaren=("soort", "sleutel", "status"), waarom=STATISTIEK
    ),
    "leerroute.Aanbod": Regel(
        bewaren=("instellingsnummer", "instelling_naam", "keurmerk", "alfabetisering"),
        waarom="the school and course, not the person",
    ),
    "leerroute.UrenPeriode": Regel(
        legen=("opmerking",), bewaren=("soort", "aanbieder"), waarom=STATISTIEK
    ),
    "leerroute.Examenresultaat": Regel(
        bewaren=("onderdeel", "niveau", "resultaat", "reden_geen_resultaat", "bron"),
        waarom=STATISTIEK,
    ),
    "leerroute.Afschalingsvoorstel": Regel(
        legen=("reden",), bewaren=("status",), waarom=STATISTIEK
    ),
    "leerroute.Zroute": Regel(legen=("conclusie",)),
    "modules.Activiteit": Regel(
        legen=("omschrijving",),
        bewaren=("module", "soort", "kernwaarden", "uitvoerder"),
        waarom=STATISTIEK,
    ),
    "modules.Afronding": Regel(
        legen=("samenvatting",), bewaren=("module", "uitvoerder", "verwijtbaar"), waarom=STATISTIEK
    ),
    "begeleiding.Begeleiding": Regel(legen=("vrijwilliger", "toelichting")),
    "begeleiding.ChecklistItem": Regel(
        legen=("door",), bewaren=("onderwerp", "status"), waarom=STATISTIEK
    ),
    "begeleiding.Voorlichting": Regel(
        legen=("door", "toelichting"), bewaren=("onderwerp",), waarom=STATISTIEK
    ),
    "begeleiding.Ontzorgen": Regel(
        legen=("machtiging_posten", "toelichting", "coach"),
        bewaren=("cursus_status", "cursus_aanbieder", "coaching_status"),
        waarom=STATISTIEK,
    ),
    # Payments say what the person's money went to: gone, not only emptied.
    "begeleiding.Betaling": Regel(verwijderen=True),
    "begeleiding.DuaalTraject": Regel(
        legen=("werkgever", "functie", "jobcoach", "buddy", "beschikking_nummer", "toelichting")
    ),
    "netwerk.InstroomklasPlaatsing": Regel(legen=("toelichting",)),
    "netwerk.Workshopdeelname": Regel(bewaren=("workshop",), waarom=STATISTIEK),
    "netwerk.Tolkboeking": Regel(
        legen=("gesprek_omschrijving",), bewaren=("gesprek", "status"), waarom=STATISTIEK
    ),
    "netwerk.ErvaringsdeskundigeKoppeling": Regel(
        legen=("toelichting",), bewaren=("rol",), waarom=STATISTIEK
    ),
    "netwerk.Taalverwijzing": Regel(
        legen=("toelichting",), bewaren=("soort", "organisatie", "status"), waarom=STATISTIEK
    ),
    "handhaving.Handhavingszaak": Regel(
        legen=(
            "omschrijving",
            "onwil_reden",
            "waarschuwing_toelichting",
            "hoorzitting_plaats",
            "hoorzitting_aanwezig",
            "hoorzitting_verslag",
            "afsluiting_toelichting",
        ),
        bewaren=("verzuim",),
        waarom=STATISTIEK,
    ),
    "handhaving.Boetebesluit": Regel(legen=("motivering",)),
    "handhaving.Brief": Regel(
        legen=("pdf",),
        bewaren=("soort", "kenmerk", "sha256"),
        waarom="the letter's kind, number and fingerprint",
    ),
    "handhaving.DuoOpvraging": Regel(legen=("gegevens",), bewaren=("soort",), waarom=STATISTIEK),
    # Mijn Inburgering: his messages and documents go altogether.
    "portaal.Bericht": Regel(verwijderen=True),
    "portaal.Document": Regel(verwijderen=True),
    # Ketenpartners: the referral's task and outcome stay, the texts go.
    "partners.Verwijzing": Regel(
        legen=("vraag", "afwijsreden", "eindverslag"),
        bewaren=("taak", "status", "resultaat"),
        waarom=STATISTIEK,
    ),
    "partners.Voortgang": Regel(legen=("resultaten", "toelichting")),
}


def regels() -> dict[str, Regel]:
    """The central rules plus those of the apps that declare an ``anonimiseren`` module
    (KoersAppConfig.anonimiseren). A module that fails to import raises: skipping it would
    leave personal data in closed cases (the check koers.E060 reports it at start-up)."""
    from koers.organisaties.koppelingen import koers_modules

    alle = dict(REGELS)
    for module in koers_modules("anonimiseren"):
        if module.__name__ != __name__:
            alle.update(module.REGELS)
    return alle


def persoonlijke_velden(model) -> list[str]:
    """The fields of a model that may hold something personal: text, JSON, binary, files."""
    soorten = (
        models.CharField,
        models.TextField,
        models.JSONField,
        models.BinaryField,
        models.FileField,
    )
    return [f.name for f in model._meta.concrete_fields if isinstance(f, soorten) and not f.choices]


def _leeg(f: models.Field):
    if isinstance(f, models.JSONField):
        return f.get_default() if f.has_default() else (None if f.null else {})
    if f.null:
        return None
    if isinstance(f, models.BinaryField):
        return b""
    return ""


def _persoon(ids: Sequence[int]) -> int:
    """Identity gone in one UPDATE: the BSN becomes a marker that can never be a real BSN
    (a letter in front, fails the elfproef and the validator) but stays unique (the id), so
    the unique constraint holds; birth date keeps its year."""
    marker = Concat(
        Value("A"),
        LPad(Cast("pk", models.CharField()), 8, Value("0")),
        output_field=models.CharField(),
    )
    return Inburgeraar.objects.filter(pk__in=ids).update(
        bsn=marker,
        vnummer="",
        voornamen="",
        geslachtsnaam=NAAM_GEANONIMISEERD,
        zoeknaam=NAAM_GEANONIMISEERD.lower(),
        telefoon="",
        email="",
        adres="",
        postcode_plaats="",
        talen=[],
        tolk_taal="",
        tolk_nodig=False,
        persoonsgegevens_aanvullen=False,
        geboortedatum=TruncYear("geboortedatum", output_field=models.DateField()),
    )


def _filter(gekoppeld: Gekoppeld, ids: Sequence[int], bsns: Sequence[str]):
    qs = gekoppeld.model._default_manager.filter(**{f"{gekoppeld.naar_inburgeraar}__in": ids})
    # A DUO message about him that Koers never tied to a traject carries his BSN only.
    if bsns and any(f.name == "bsn" for f in gekoppeld.model._meta.concrete_fields):
        qs = gekoppeld.model._default_manager.filter(
            models.Q(pk__in=qs.values("pk")) | models.Q(bsn__in=bsns)
        )
    return qs


def _bestanden_weg(qs, velden: Iterable[models.Field]) -> None:
    """Files are no rows: delete them from the storage (one query for their names)."""
    velden = [f for f in velden if isinstance(f, models.FileField)]
    for f in velden:
        for naam in qs.exclude(**{f.name: ""}).values_list(f.name, flat=True).iterator():
            if naam:
                f.storage.delete(naam)


def anonimiseer_batch(ids: Sequence[int], *, traject_ids: Sequence[int] = ()) -> int:
    """Anonymise these people, in one transaction: one statement per model (children before
    parents, so a delete never meets a protected child), then the person, the marks and the
    log records. The number of statements does not depend on ``len(ids)``."""
    from koers.verwerkingen.models import Geanonimiseerd, Verwerking
    from koers.verwerkingen.services import log_veel

    ids = list(ids)
    if not ids:
        return 0
    alle = regels()
    with transaction.atomic():
        bsns = list(Inburgeraar.objects.filter(pk__in=ids).values_list("bsn", flat=True))
        for gekoppeld in reversed(gekoppelde_modellen()):
            if gekoppeld.model is Inburgeraar:
                continue
            regel = alle.get(gekoppeld.label)
            if regel is None:
                if persoonlijke_velden(gekoppeld.model):
                    # Never anonymise half: a new model must be declared first (tested).
                    raise LookupError(f"Geen anonimiseerregel voor {gekoppeld.label}.")
                continue
            qs = _filter(gekoppeld, ids, bsns)
            velden = gekoppeld.model._meta.concrete_fields
            if regel.verwijderen:
                _bestanden_weg(qs, velden)
                qs.delete()
            elif regel.legen:
                te_legen = [f for f in velden if f.name in regel.legen]
                _bestanden_weg(qs, te_legen)
                qs.update(**{f.name: _leeg(f) for f in te_legen})
        aantal = _persoon(ids)
        nu = timezone.now()
        Geanonimiseerd.objects.bulk_create(
            [Geanonimiseerd(inburgeraar_id=pk, op=nu) for pk in ids], ignore_conflicts=True
        )
        zaken = list(zip(ids, list(traject_ids) or [None] * len(ids), strict=True))
        log_veel(
            None,
            zaken,
            [sectie.value for sectie in Sectie],
            handeling=Verwerking.Handeling.WIJZIGEN,
            activiteit=rules.ACTIVITEIT_ANONIMISEREN,
            doel=rules.DOEL_BEWAARTERMIJN,
            kanaal=Verwerking.Kanaal.JOB,
        )
    return aantal


@dataclass
class Uitkomst:
    aantal: int = 0
    batches: int = 0
    zaken: list = field(default_factory=list)


def anonimiseer(vandaag: dt.date, *, batch: int = BATCH) -> Uitkomst:
    """Anonymise every case the dry run (``te_anonimiseren``) lists, ``batch`` people per
    transaction: a failure leaves the batches before it done and nothing half done."""
    from koers.verwerkingen.services import te_anonimiseren

    rijen = te_anonimiseren(vandaag)
    uitkomst = Uitkomst(zaken=rijen)
    for begin in range(0, len(rijen), batch):
        stuk = rijen[begin : begin + batch]
        uitkomst.aantal += anonimiseer_batch([r[2] for r in stuk], traject_ids=[r[1] for r in stuk])
        uitkomst.batches += 1
    return uitkomst
