"""Write paths of handhaving: each step in one transaction, with its letter and its entry on
the case timeline. A refused step (``Weigering``) saves nothing."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from koers.duo.client import DuoFout, duo_client
from koers.handhaving import brieven, rules
from koers.handhaving.models import (
    Boetebesluit,
    Brief,
    DuoOpvraging,
    Handhavingsbeleid,
    Handhavingszaak,
)
from koers.inburgeraars.models import Gebeurtenis, Traject
from koers.inburgeraars.rules import is_asielmigrant
from koers.inburgeraars.services import Weigering, registreer, vandaag

MAX_KORT = 2000
MAX_LANG = 10000


def standaard_bedrag(gemeente) -> int:
    """The amount Koers proposes for a new boete: the gemeente's setting, else €250."""
    beleid = Handhavingsbeleid.objects.filter(gemeente=gemeente).first()
    return beleid.standaard_boete if beleid else rules.STANDAARD_BOETE_EUR


def is_asiel(traject: Traject) -> bool:
    try:
        return is_asielmigrant(traject.inburgeraar.doelgroep)
    except ValueError:
        return False


def _tekst(data: dict, veld: str, *, verplicht: bool, maximum: int,
           fouten: dict[str, str], leeg: str = "Vul dit in.") -> str:
    waarde = data.get(veld)
    if waarde is None:
        waarde = ""
    if not isinstance(waarde, str):
        fouten[veld] = "Dit moet tekst zijn."
        return ""
    waarde = waarde.strip()
    if verplicht and not waarde:
        fouten[veld] = leeg
    elif len(waarde) > maximum:
        fouten[veld] = f"Dit is te lang: hoogstens {maximum} tekens."
    return waarde


def _datum(data: dict, veld: str, fouten: dict[str, str], leeg: str) -> date | None:
    waarde = data.get(veld)
    if waarde is None or waarde == "":
        fouten[veld] = leeg
        return None
    if isinstance(waarde, date):
        return waarde
    fouten[veld] = "Vul een geldige datum in."
    return None


def _zaak_op_slot(zaak: Handhavingszaak) -> Handhavingszaak:
    zaak = Handhavingszaak.objects.select_for_update(of=("self",)).select_related(
        "traject__inburgeraar", "traject__gemeente__organisatie", "traject__adviseur").get(
        pk=zaak.pk)
    if not zaak.is_open:
        raise Weigering({"__all__": "Deze zaak is afgesloten. Er kan niets meer bij."})
    return zaak


def _maak_brief(zaak: Handhavingszaak, soort: str, datum: date, *, boete=None, **extra) -> Brief:
    fouten = rules.brief_fouten(geen_contact=zaak.traject.inburgeraar.geen_contact)
    if fouten:
        raise Weigering(fouten)
    code = {"waarschuwing": "W", "uitnodiging": "H", "boete": "B"}[soort]
    volgnummer = zaak.brieven.filter(soort=soort).count() + 1
    kenmerk = f"HH-{zaak.traject.gemeente.gemeentecode}-{zaak.pk}-{code}{volgnummer}"
    pdf = brieven.maak_brief_pdf(soort, zaak, kenmerk=kenmerk, datum=datum, boete=boete,
                                 max_boete=rules.MAX_BOETE_EUR, **extra)
    return Brief.objects.create(zaak=zaak, soort=soort, boete=boete, kenmerk=kenmerk, pdf=pdf,
                                sha256=brieven.sha256(pdf))


@transaction.atomic
def open_zaak(traject: Traject, door, data: dict) -> Handhavingszaak:
    """Record a case of non-compliance: what, when, and a description."""
    traject = Traject.objects.select_for_update().get(pk=traject.pk)
    fouten: dict[str, str] = {}
    verzuim = data.get("verzuim")
    if verzuim not in rules.Verzuim.__members__.values():
        fouten["verzuim"] = "Kies wat de inburgeraar niet heeft gedaan."
    datum = _datum(data, "datum", fouten, "Vul de datum van het verzuim in.")
    if datum is not None and datum > vandaag():
        fouten["datum"] = "De datum van het verzuim kan niet in de toekomst liggen."
    omschrijving = _tekst(data, "omschrijving", verplicht=True, maximum=MAX_KORT, fouten=fouten,
                          leeg="Beschrijf wat er is gebeurd.")
    if not traject.is_open:
        fouten["__all__"] = "Dit traject is afgerond."
    if fouten:
        raise Weigering(fouten)
    zaak = Handhavingszaak.objects.create(traject=traject, verzuim=verzuim, datum=datum,
                                          omschrijving=omschrijving, aangemaakt_door=door)
    registreer(traject, Gebeurtenis.Soort.HANDHAVING,
               f"Verzuim vastgelegd: {zaak.verzuim_naam} ({datum:%d-%m-%Y})", door)
    return zaak


def _werk_bij(zaak: Handhavingszaak, fouten: dict[str, str], **velden) -> None:
    """Refuse the step when there are ``fouten`` (nothing saved); else store these fields of
    the zaak, and only these."""
    if fouten:
        raise Weigering(fouten)
    for veld, waarde in velden.items():
        setattr(zaak, veld, waarde)
    zaak.save(update_fields=list(velden))


@transaction.atomic
def stuur_waarschuwing(zaak: Handhavingszaak, door, data: dict) -> Brief:
    """The written warning, with its letter."""
    zaak = _zaak_op_slot(zaak)
    fouten: dict[str, str] = {}
    datum = _datum(data, "datum", fouten, "Vul de datum van de waarschuwing in.")
    toelichting = _tekst(data, "toelichting", verplicht=False, maximum=MAX_KORT, fouten=fouten)
    if datum is not None:
        fouten.update(rules.waarschuwing_fouten(
            verzuim_datum=zaak.datum, waarschuwing_datum=zaak.waarschuwing_datum, datum=datum,
            vandaag=vandaag()))
    _werk_bij(zaak, fouten, waarschuwing_datum=datum, waarschuwing_toelichting=toelichting)
    brief = _maak_brief(zaak, Brief.Soort.WAARSCHUWING, datum)
    registreer(zaak.traject, Gebeurtenis.Soort.HANDHAVING,
               f"Schriftelijke waarschuwing gestuurd ({brief.kenmerk})", door)
    return brief


@transaction.atomic
def plan_hoorzitting(zaak: Handhavingszaak, door, data: dict) -> Brief:
    """Plan (or move) the hoorzitting; the invitation is a letter."""
    zaak = _zaak_op_slot(zaak)
    fouten: dict[str, str] = {}
    datum = _datum(data, "datum", fouten, "Vul de datum van de hoorzitting in.")
    plaats = _tekst(data, "plaats", verplicht=False, maximum=200, fouten=fouten)
    if datum is not None:
        fouten.update(rules.hoorzitting_fouten(
            waarschuwing_datum=zaak.waarschuwing_datum,
            verslag_vastgelegd=zaak.verslag_op is not None, datum=datum))
    verplaatst = zaak.hoorzitting_datum is not None
    _werk_bij(zaak, fouten, hoorzitting_datum=datum, hoorzitting_plaats=plaats)
    brief = _maak_brief(zaak, Brief.Soort.UITNODIGING, vandaag())
    registreer(zaak.traject, Gebeurtenis.Soort.HANDHAVING,
               f"Hoorzitting {'verplaatst naar' if verplaatst else 'gepland op'} "
               f"{datum:%d-%m-%Y} ({brief.kenmerk})", door)
    return brief


@transaction.atomic
def leg_verslag_vast(zaak: Handhavingszaak, door, data: dict) -> Handhavingszaak:
    """After the hoorzitting: who was there and what was said."""
    zaak = _zaak_op_slot(zaak)
    fouten: dict[str, str] = {}
    aanwezig = _tekst(data, "aanwezig", verplicht=True, maximum=500, fouten=fouten,
                      leeg="Schrijf op wie er bij de hoorzitting waren.")
    verslag = _tekst(data, "verslag", verplicht=True, maximum=MAX_LANG, fouten=fouten,
                     leeg="Schrijf het verslag van de hoorzitting.")
    fouten.update(rules.verslag_fouten(hoorzitting_datum=zaak.hoorzitting_datum,
                                       vandaag=vandaag()))
    _werk_bij(zaak, fouten, hoorzitting_aanwezig=aanwezig, hoorzitting_verslag=verslag,
              verslag_op=vandaag())
    registreer(zaak.traject, Gebeurtenis.Soort.HANDHAVING,
               "Verslag van de hoorzitting vastgelegd", door)
    return zaak


@transaction.atomic
def leg_onwil_vast(zaak: Handhavingszaak, door, data: dict) -> Handhavingszaak:
    """Asielstatushouder: the adviseur records exceptional unwillingness, with a reason."""
    zaak = _zaak_op_slot(zaak)
    fouten: dict[str, str] = {}
    reden = _tekst(data, "reden", verplicht=False, maximum=MAX_KORT, fouten=fouten)
    fouten.update(rules.onwil_fouten(asielmigrant=is_asiel(zaak.traject), reden=reden))
    _werk_bij(zaak, fouten, uitzonderlijke_onwil=True, onwil_reden=reden)
    registreer(zaak.traject, Gebeurtenis.Soort.HANDHAVING,
               "Uitzonderlijke onwil vastgelegd", door, toelichting=reden)
    return zaak


def _bedrag(data: dict, fouten: dict[str, str]) -> int | None:
    waarde = data.get("bedrag")
    if isinstance(waarde, bool):
        return None
    if isinstance(waarde, int):
        return waarde
    if isinstance(waarde, str) and waarde.strip().isdigit():
        return int(waarde.strip())
    if waarde not in (None, ""):
        fouten["bedrag"] = "Het bedrag is een heel getal: hele euro's, zonder centen."
    return None


@transaction.atomic
def besluit_boete(zaak: Handhavingszaak, door, data: dict) -> Boetebesluit:
    """The boete-besluit, with its letter. Only after the warning and the hoorzitting, at
    most €800, and for an asielstatushouder only after recorded exceptional unwillingness."""
    zaak = _zaak_op_slot(zaak)
    fouten: dict[str, str] = {}
    datum = _datum(data, "datum", fouten, "Vul de datum van het besluit in.")
    bedrag = _bedrag(data, fouten)
    motivering = _tekst(data, "motivering", verplicht=True, maximum=5000, fouten=fouten,
                        leeg="Schrijf op waarom de inburgeraar een boete krijgt.")
    laatste = zaak.boetes.order_by("-datum").values_list("datum", flat=True).first()
    regel = rules.boete_fouten(
        bedrag=bedrag, datum=datum or vandaag(), vandaag=vandaag(),
        waarschuwing_datum=zaak.waarschuwing_datum, hoorzitting_datum=zaak.hoorzitting_datum,
        laatste_boete_datum=laatste, asielmigrant=is_asiel(zaak.traject),
        uitzonderlijke_onwil=zaak.uitzonderlijke_onwil)
    if "__all__" in regel:
        raise Weigering({"__all__": regel["__all__"]})
    for veld, tekst in regel.items():
        if veld == "datum" and datum is None:
            continue
        fouten.setdefault(veld, tekst)
    if fouten:
        raise Weigering(fouten)
    boete = Boetebesluit.objects.create(zaak=zaak, datum=datum, bedrag=bedrag,
                                        motivering=motivering, door=door)
    if zaak.besluit_op is None:
        zaak.besluit_op = datum
        zaak.save(update_fields=["besluit_op"])
    brief = _maak_brief(zaak, Brief.Soort.BOETE, datum, boete=boete,
                        bezwaar_uiterlijk=rules.bezwaar_uiterlijk(datum))
    registreer(zaak.traject, Gebeurtenis.Soort.HANDHAVING,
               f"Boete van {bedrag} euro opgelegd ({brief.kenmerk})", door)
    return boete


@transaction.atomic
def sluit_af(zaak: Handhavingszaak, door, data: dict) -> Handhavingszaak:
    """Close the zaak, e.g. because the inburgeraar takes part again (with or without a
    boete). Counts as the follow-up decision of the warning."""
    zaak = _zaak_op_slot(zaak)
    fouten: dict[str, str] = {}
    toelichting = _tekst(data, "toelichting", verplicht=True, maximum=MAX_KORT, fouten=fouten,
                         leeg="Schrijf op waarom u de zaak afsluit.")
    if fouten:
        raise Weigering(fouten)
    zaak.afgesloten_op = vandaag()
    zaak.afsluiting_toelichting = toelichting
    if zaak.besluit_op is None:
        zaak.besluit_op = zaak.afgesloten_op
    zaak.save(update_fields=["afgesloten_op", "afsluiting_toelichting", "besluit_op"])
    registreer(zaak.traject, Gebeurtenis.Soort.HANDHAVING,
               f"Handhavingszaak afgesloten ({zaak.verzuim_naam})", door,
               toelichting=toelichting)
    return zaak


# --- DUO: boetes and verlengingsaanvragen ------------------------------------------------

class DuoNietBeschikbaar(Exception):
    """DUO did not answer as agreed; ``melding`` is Dutch text for the user."""

    def __init__(self, melding: str):
        super().__init__(melding)
        self.melding = melding


def haal_op_bij_duo(traject: Traject, soort: str, door, *, client=None) -> DuoOpvraging:
    """Ask DUO for the person's boetes or verlengingsaanvragen and store the answer with the
    time it was fetched. Raises :class:`DuoNietBeschikbaar` (nothing stored) on a DuoFout."""
    if soort not in DuoOpvraging.Soort.values:
        raise Weigering({"soort": "Kies boetes of verlengingen."})
    traject = Traject.objects.select_related("inburgeraar", "gemeente").get(pk=traject.pk)
    eigen = client is None
    client = client or duo_client()
    try:
        lees = client.get_boetes if soort == DuoOpvraging.Soort.BOETES else \
            client.get_verlengingen
        gegevens = lees(traject.inburgeraar.bsn, bron=traject.gemeente.oin)
    except DuoFout as fout:
        if fout.status == 404:
            raise DuoNietBeschikbaar("DUO kent deze persoon niet. Controleer het BSN.") \
                from fout
        raise DuoNietBeschikbaar(f"Ophalen bij DUO is niet gelukt: {fout.melding} "
                                 "Probeer het later opnieuw.") from fout
    finally:
        if eigen:
            client.close()
    with transaction.atomic():
        opvraging, _ = DuoOpvraging.objects.update_or_create(
            traject=traject, soort=soort,
            defaults={"gegevens": list(gegevens or []), "opgehaald_op": timezone.now(),
                      "opgehaald_door": door})
    return opvraging


def duo_boetes(opvraging: DuoOpvraging | None) -> list[dict]:
    """DUO's boetes as rows for the page and the API (newest first)."""
    if opvraging is None:
        return []
    rijen = [{"bedrag": b.get("bedrag"), "datum": _iso(b.get("datum"))}
             for b in opvraging.gegevens if isinstance(b, dict)]
    return sorted(rijen, key=lambda r: r["datum"] or date.min, reverse=True)


def duo_verlengingen(opvraging: DuoOpvraging | None) -> list[dict]:
    if opvraging is None:
        return []
    rijen = []
    for v in opvraging.gegevens:
        if not isinstance(v, dict):
            continue
        ontvangen = _iso(v.get("ontvangstdatum"))
        beoordeling = v.get("beoordelingAanvraag") or ""
        rijen.append({
            "beoordeling": beoordeling,
            "beoordeling_naam": rules.BEOORDELING_NAMEN.get(beoordeling, beoordeling),
            "ontvangstdatum": ontvangen,
            "datum_beoordeling": _iso(v.get("datumBeoordeling")),
            "antwoord_uiterlijk": (rules.duo_antwoord_uiterlijk(ontvangen)
                                   if ontvangen and beoordeling == "InBehandeling" else None),
        })
    return sorted(rijen, key=lambda r: r["ontvangstdatum"] or date.min, reverse=True)


def _iso(waarde) -> date | None:
    if not isinstance(waarde, str):
        return None
    try:
        return date.fromisoformat(waarde[:10])
    except ValueError:
        return None
