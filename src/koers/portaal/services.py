"""Write paths of Mijn Inburgering: messages both ways and the inburgeraar's documents. Each
write runs in one transaction and is logged in the verwerkingenlogging; a refusal is a
``Weigering`` with Dutch text (the portal translates the known ones) and saves nothing."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.beveiliging.uploads import controleer_upload, extensie
from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars.models import Gebeurtenis
from koers.inburgeraars.services import registreer
from koers.monitoring.services import bereken_na_wijziging
from koers.portaal import rules
from koers.portaal.models import Bericht, Document
from koers.toegang.policy import Sectie
from koers.verwerkingen import rules as verwerkingen_rules
from koers.verwerkingen.models import Verwerking
from koers.verwerkingen.services import log_lezen, log_portaal, log_wijzigen

# The timeline soort of the adviseur's steps in Mijn Inburgering. The text never holds the
# message itself: the timeline is read by roles that may not read the messages.
TIJDLIJN_SOORT = Gebeurtenis.Soort.PORTAAL
LEZEN = Verwerking.Handeling.LEZEN
WIJZIGEN = Verwerking.Handeling.WIJZIGEN


def _signalen_bijwerken(inburgeraar) -> None:
    """The adviseur's signals of new messages and documents (koers.portaal.signalen) follow
    at once, not at the engine's next daily run."""
    if inburgeraar.huidig_traject_id:
        bereken_na_wijziging([inburgeraar.huidig_traject_id])


def _tekst(tekst: str) -> str:
    tekst = (tekst or "").strip()
    if not tekst:
        raise Weigering({"tekst": _("Schrijf eerst een bericht.")})
    if len(tekst) > rules.BERICHT_MAX:
        raise Weigering(
            {
                "tekst": _("Uw bericht is te lang. Het mag hoogstens %(max)s tekens hebben.")
                % {"max": rules.BERICHT_MAX}
            }
        )
    return tekst


@transaction.atomic
def stuur_bericht(inburgeraar, tekst: str) -> Bericht:
    """The inburgeraar writes to his adviseur."""
    bericht = Bericht.objects.create(
        inburgeraar=inburgeraar,
        traject_id=inburgeraar.huidig_traject_id,
        richting=Bericht.Richting.VAN_INBURGERAAR,
        tekst=_tekst(tekst),
    )
    log_portaal(inburgeraar, WIJZIGEN, [Sectie.BERICHTEN])
    _signalen_bijwerken(inburgeraar)
    return bericht


@transaction.atomic
def beantwoord(user, inburgeraar, tekst: str) -> Bericht:
    """The adviseur writes to the inburgeraar (the view checks Actie.BERICHT_STUREN)."""
    traject = inburgeraar.huidig_traject
    if traject is None:
        raise Weigering({"__all__": "Deze inburgeraar heeft geen traject."})
    bericht = Bericht.objects.create(
        inburgeraar=inburgeraar,
        traject=traject,
        richting=Bericht.Richting.VAN_GEMEENTE,
        tekst=_tekst(tekst),
        door=user,
    )
    # Answering means the messages before it were read.
    Bericht.objects.filter(
        inburgeraar=inburgeraar, richting=Bericht.Richting.VAN_INBURGERAAR, gelezen_op__isnull=True
    ).update(gelezen_op=timezone.now())
    registreer(traject, TIJDLIJN_SOORT, "Bericht gestuurd in Mijn Inburgering", door=user)
    log_wijzigen(user, traject, [Sectie.BERICHTEN])
    _signalen_bijwerken(inburgeraar)
    return bericht


@transaction.atomic
def gelezen_door_gemeente(user, inburgeraar) -> int:
    """The adviseur opened the messages: logged as a read; returns how many were unread."""
    aantal = Bericht.objects.filter(
        inburgeraar=inburgeraar, richting=Bericht.Richting.VAN_INBURGERAAR, gelezen_op__isnull=True
    ).update(gelezen_op=timezone.now())
    log_lezen(user, inburgeraar, [Sectie.BERICHTEN])
    if aantal:
        _signalen_bijwerken(inburgeraar)
    return aantal


@transaction.atomic
def gelezen_door_inburgeraar(inburgeraar) -> int:
    aantal = Bericht.objects.filter(
        inburgeraar=inburgeraar, richting=Bericht.Richting.VAN_GEMEENTE, gelezen_op__isnull=True
    ).update(gelezen_op=timezone.now())
    log_portaal(inburgeraar, LEZEN, [Sectie.BERICHTEN])
    return aantal


def document_fouten(inburgeraar, bestand, soort: str, toelichting: str = "") -> dict[str, str]:
    """What keeps :func:`bewaar_document` from storing this upload, per field: a file of an
    allowed type and size, a kind from the list, a short note, room in the dossier."""
    fouten = {}
    if bestand is None:
        fouten["bestand"] = _("Kies een bestand.")
    else:
        try:
            controleer_upload(bestand, rules.DOCUMENT_EXTENSIES, max_bytes=rules.DOCUMENT_MAX_BYTES)
        except ValidationError as fout:
            fouten["bestand"] = " ".join(fout.messages)
    if soort not in set(rules.DocumentSoort):
        fouten["soort"] = _("Kies wat voor document het is.")
    if len((toelichting or "").strip()) > rules.DOCUMENT_TOELICHTING_MAX:
        fouten["toelichting"] = _("De toelichting is te lang.")
    if (
        "bestand" not in fouten
        and Document.objects.filter(inburgeraar=inburgeraar).count() >= rules.DOCUMENTEN_MAX_AANTAL
    ):
        fouten["bestand"] = _(
            "U heeft al het hoogste aantal documenten gestuurd. Neem contact op met uw adviseur."
        )
    return fouten


def bewaar_document(inburgeraar, bestand, soort: str, toelichting: str = "") -> Document:
    """Store an upload of the inburgeraar. The file is written first; when the database part
    fails the file is removed again, so nothing is half-saved."""
    fouten = document_fouten(inburgeraar, bestand, soort, toelichting)
    if fouten:
        raise Weigering(fouten)
    toelichting = (toelichting or "").strip()
    document = Document(
        inburgeraar=inburgeraar,
        traject_id=inburgeraar.huidig_traject_id,
        soort=soort,
        toelichting=toelichting,
        naam=(bestand.name or "document")[-200:],
        grootte=bestand.size,
        extensie=extensie(bestand.name)[:5],
    )
    document.bestand.save(bestand.name, bestand, save=False)
    try:
        with transaction.atomic():
            document.save()
            log_portaal(inburgeraar, WIJZIGEN, [Sectie.DOCUMENTEN])
            _signalen_bijwerken(inburgeraar)
    except Exception:
        document.bestand.delete(save=False)
        raise
    return document


@transaction.atomic
def document_geopend_door_gemeente(user, document) -> None:
    if document.gezien_op is None:
        Document.objects.filter(pk=document.pk).update(gezien_op=timezone.now())
        _signalen_bijwerken(document.inburgeraar)
    log_lezen(
        user,
        document.inburgeraar,
        [Sectie.DOCUMENTEN],
        activiteit=verwerkingen_rules.ACTIVITEIT_DOCUMENT,
    )
