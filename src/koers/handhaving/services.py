"""Write paths of handhaving: each step in one transaction, with its letter and its entry on
the case timeline. A refused step (``Weigering``) saves nothing."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from koers.bouwstenen.weigering import Weigering
from koers.duo.client import DuoFout, duo_client
from koers.handhaving import brieven, rules
from koers.handhaving.models import (
    Boetebesluit,
    Boetevoornemen,
    Brief,
    DuoOpvraging,
    Handhavingsbeleid,
    Handhavingszaak,
)
from koers.inburgeraars.models import Gebeurtenis, Traject
from koers.inburgeraars.rules import datum_voluit
from koers.inburgeraars.services import AFGEROND, registreer, vandaag, vergrendel

MAX_KORT = 2000
MAX_LANG = 10000


def beleid_van(gemeente) -> Handhavingsbeleid:
    """The gemeente's handhavingsbeleid; its defaults when none is stored yet."""
    return Handhavingsbeleid.objects.filter(gemeente=gemeente).first() or Handhavingsbeleid(
        gemeente=gemeente
    )


def standaard_bedrag(gemeente) -> int:
    """The amount Koers proposes for a new boete: the gemeente's setting, else €250."""
    return beleid_van(gemeente).standaard_boete


def geen_boete_asiel(traject: Traject) -> bool:
    """The gemeente's policy (P): asielstatushouders in principle no boete."""
    return beleid_van(traject.gemeente).geen_boete_asielstatushouders


def is_asiel(traject: Traject) -> bool:
    return traject.inburgeraar.is_asielmigrant


def _tekst(
    data: dict,
    veld: str,
    *,
    verplicht: bool,
    maximum: int,
    fouten: dict[str, str],
    leeg: str = "Vul dit in.",
) -> str:
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
    zaak = (
        Handhavingszaak.objects.select_for_update(of=("self",))
        .select_related(
            "traject__inburgeraar", "traject__gemeente__organisatie", "traject__adviseur"
        )
        .get(pk=zaak.pk)
    )
    if not zaak.is_open:
        raise Weigering({"__all__": "Deze zaak is afgesloten. Er kan niets meer bij."})
    return zaak


def _maak_brief(
    zaak: Handhavingszaak, soort: str, datum: date, *, boete=None, voornemen=None, **extra
) -> Brief:
    fouten = rules.brief_fouten(geen_contact=zaak.traject.inburgeraar.geen_contact)
    if fouten:
        raise Weigering(fouten)
    code = {"waarschuwing": "W", "uitnodiging": "H", "voornemen": "V", "boete": "B"}[soort]
    volgnummer = zaak.brieven.filter(soort=soort).count() + 1
    kenmerk = f"HH-{zaak.traject.gemeente.gemeentecode}-{zaak.pk}-{code}{volgnummer}"
    pdf = brieven.maak_brief_pdf(
        soort,
        zaak,
        kenmerk=kenmerk,
        datum=datum,
        boete=boete,
        voornemen=voornemen,
        max_boete=rules.MAX_BOETE_EUR,
        **extra,
    )
    return Brief.objects.create(
        zaak=zaak,
        soort=soort,
        boete=boete,
        voornemen=voornemen,
        kenmerk=kenmerk,
        pdf=pdf,
        sha256=brieven.sha256(pdf),
    )


# Each step reads its input in a ``_lees_<stap>`` function: the errors per field and the values
# read. The public ``<stap>_fouten`` gives the errors alone, so a form shows them with its own
# in one pass; the step itself reads again under the zaak's lock and refuses the same.


def _lees_zaak(data: dict) -> tuple[dict[str, str], str | None, date | None, str]:
    fouten: dict[str, str] = {}
    verzuim = data.get("verzuim")
    if verzuim not in rules.Verzuim.__members__.values():
        fouten["verzuim"] = "Kies wat de inburgeraar niet heeft gedaan."
    datum = _datum(data, "datum", fouten, "Vul de datum van het verzuim in.")
    if datum is not None and datum > vandaag():
        fouten["datum"] = "De datum van het verzuim kan niet in de toekomst liggen."
    omschrijving = _tekst(
        data,
        "omschrijving",
        verplicht=True,
        maximum=MAX_KORT,
        fouten=fouten,
        leeg="Beschrijf wat er is gebeurd.",
    )
    return fouten, verzuim, datum, omschrijving


def zaak_fouten(data: dict) -> dict[str, str]:
    """What is wrong with the input of :func:`open_zaak`, per field."""
    return _lees_zaak(data)[0]


@transaction.atomic
def open_zaak(traject: Traject, door, data: dict) -> Handhavingszaak:
    """Record a case of non-compliance: what, when, and a description."""
    traject = vergrendel(traject)
    fouten, verzuim, datum, omschrijving = _lees_zaak(data)
    if not traject.is_open:
        fouten["__all__"] = AFGEROND
    if fouten:
        raise Weigering(fouten)
    assert verzuim is not None and datum is not None  # each was refused above when missing
    zaak = Handhavingszaak.objects.create(
        traject=traject,
        verzuim=verzuim,
        datum=datum,
        omschrijving=omschrijving,
        aangemaakt_door=door,
    )
    registreer(
        traject,
        Gebeurtenis.Soort.HANDHAVING,
        f"Verzuim vastgelegd: {zaak.verzuim_naam} ({datum_voluit(datum)})",
        door,
    )
    return zaak


def _werk_bij(zaak: Handhavingszaak, fouten: dict[str, str], **velden) -> None:
    """Refuse the step when there are ``fouten`` (nothing saved); else store these fields of
    the zaak, and only these."""
    if fouten:
        raise Weigering(fouten)
    for veld, waarde in velden.items():
        setattr(zaak, veld, waarde)
    zaak.save(update_fields=list(velden))


def _lees_waarschuwing(zaak: Handhavingszaak, data: dict):
    fouten: dict[str, str] = {}
    datum = _datum(data, "datum", fouten, "Vul de datum van de waarschuwing in.")
    toelichting = _tekst(data, "toelichting", verplicht=False, maximum=MAX_KORT, fouten=fouten)
    if datum is not None:
        fouten.update(
            rules.waarschuwing_fouten(
                verzuim_datum=zaak.datum,
                waarschuwing_datum=zaak.waarschuwing_datum,
                datum=datum,
                vandaag=vandaag(),
            )
        )
    return fouten, datum, toelichting


def waarschuwing_fouten(zaak: Handhavingszaak, data: dict) -> dict[str, str]:
    """What is wrong with the input of :func:`stuur_waarschuwing` for this zaak."""
    return _lees_waarschuwing(zaak, data)[0]


@transaction.atomic
def stuur_waarschuwing(zaak: Handhavingszaak, door, data: dict) -> Brief:
    """The written warning, with its letter."""
    zaak = _zaak_op_slot(zaak)
    fouten, datum, toelichting = _lees_waarschuwing(zaak, data)
    _werk_bij(zaak, fouten, waarschuwing_datum=datum, waarschuwing_toelichting=toelichting)
    assert datum is not None  # _datum refused the step when it is missing
    brief = _maak_brief(zaak, Brief.Soort.WAARSCHUWING, datum)
    registreer(
        zaak.traject,
        Gebeurtenis.Soort.HANDHAVING,
        f"Schriftelijke waarschuwing gestuurd ({brief.kenmerk})",
        door,
    )
    return brief


def _open_voornemen(zaak: Handhavingszaak, *, slot: bool = True) -> Boetevoornemen | None:
    """The voornemen that waits for its decision; locked inside a step, read without a lock
    for a form (``slot=False``)."""
    voornemens = Boetevoornemen.objects.select_for_update() if slot else Boetevoornemen.objects
    return voornemens.filter(zaak=zaak, afgehandeld_op__isnull=True).order_by("datum", "id").first()


def _keuze(data: dict, veld: str) -> str | None:
    waarde = data.get(veld)
    return waarde if isinstance(waarde, str) and waarde else None


def _optionele_datum(data: dict, veld: str, fouten: dict[str, str]) -> date | None:
    waarde = data.get(veld)
    if waarde in (None, ""):
        return None
    if isinstance(waarde, date):
        return waarde
    fouten[veld] = "Vul een geldige datum in."
    return None


def _lees_voornemen(zaak: Handhavingszaak, data: dict, *, open_voornemen: bool):
    fouten: dict[str, str] = {}
    datum = _datum(data, "datum", fouten, "Vul de datum van het voornemen in.")
    voorschrift = _tekst(
        data, "voorschrift", verplicht=False, maximum=rules.VOORSCHRIFT_MAX, fouten=fouten
    )
    bedrag = _bedrag(data, fouten)
    route = _keuze(data, "route")
    hoorzitting_datum = _optionele_datum(data, "hoorzitting_datum", fouten)
    zienswijze_tot = _optionele_datum(data, "zienswijze_tot", fouten)
    plaats = _tekst(data, "hoorzitting_plaats", verplicht=False, maximum=200, fouten=fouten)
    regel = rules.voornemen_fouten(
        waarschuwing_datum=zaak.waarschuwing_datum,
        open_voornemen=open_voornemen,
        datum=datum,
        vandaag=vandaag(),
        voorschrift=voorschrift,
        bedrag=bedrag,
        route=route,
        hoorzitting_datum=hoorzitting_datum,
        zienswijze_tot=zienswijze_tot,
    )
    if "__all__" in regel:  # the step is not possible now: that alone is said
        fouten = {"__all__": regel["__all__"]}
    else:
        for veld, tekst in regel.items():
            fouten.setdefault(veld, tekst)
    return fouten, datum, voorschrift, bedrag, route, hoorzitting_datum, zienswijze_tot, plaats


def voornemen_fouten(zaak: Handhavingszaak, data: dict) -> dict[str, str]:
    """What is wrong with the input of :func:`maak_voornemen` for this zaak."""
    open_voornemen = _open_voornemen(zaak, slot=False) is not None
    return _lees_voornemen(zaak, data, open_voornemen=open_voornemen)[0]


@transaction.atomic
def maak_voornemen(zaak: Handhavingszaak, door, data: dict) -> Boetevoornemen:
    """The voornemen tot boete with its letter: the verzuim (the rapport), the voorschrift
    that was broken, the amount, and how the person can give his view — in writing until a
    date, or at a hoorzitting (then the letter also gives the cautie). One per boete; a new
    one only after the previous one was decided."""
    zaak = _zaak_op_slot(zaak)
    fouten, datum, voorschrift, bedrag, route, hoorzitting_datum, zienswijze_tot, plaats = (
        _lees_voornemen(zaak, data, open_voornemen=_open_voornemen(zaak) is not None)
    )
    if fouten:
        raise Weigering(fouten)
    # Each was refused above when missing (voornemen_fouten checks the amount and the route).
    assert datum is not None and bedrag is not None and route is not None
    hoorzitting = route == rules.Route.HOORZITTING
    voornemen = Boetevoornemen.objects.create(
        zaak=zaak,
        datum=datum,
        voorschrift=voorschrift,
        bedrag=bedrag,
        route=route,
        zienswijze_tot=None if hoorzitting else zienswijze_tot,
        hoorzitting_datum=hoorzitting_datum if hoorzitting else None,
        hoorzitting_plaats=plaats if hoorzitting else "",
        aangemaakt_door=door,
    )
    brief = _maak_brief(
        zaak,
        Brief.Soort.VOORNEMEN,
        datum,
        voornemen=voornemen,
        beslissen_uiterlijk=voornemen.beslissen_uiterlijk,
    )
    wat = (
        f"hoorzitting op {datum_voluit(hoorzitting_datum)}"
        if hoorzitting
        else f"zienswijze tot en met {datum_voluit(zienswijze_tot)}"
    )
    registreer(
        zaak.traject,
        Gebeurtenis.Soort.HANDHAVING,
        f"Voornemen tot boete van {bedrag} euro ({wat}; {brief.kenmerk})",
        door,
    )
    return voornemen


GEEN_VOORNEMEN = "Er is geen voornemen dat op een zienswijze wacht. Maak eerst een voornemen."


def _lees_zienswijze(voornemen: Boetevoornemen, data: dict):
    fouten: dict[str, str] = {}
    datum = _datum(data, "datum", fouten, "Vul de datum van de zienswijze of hoorzitting in.")
    niet_gereageerd = data.get("niet_gereageerd") is True
    cautie = data.get("cautie_gegeven") is True
    aanwezig = _tekst(data, "aanwezig", verplicht=False, maximum=500, fouten=fouten)
    zienswijze = _tekst(
        data,
        "zienswijze",
        verplicht=not niet_gereageerd,
        maximum=MAX_LANG,
        fouten=fouten,
        leeg="Schrijf op wat de inburgeraar vertelde of schreef.",
    )
    if not niet_gereageerd and voornemen.route == rules.Route.HOORZITTING and not aanwezig:
        fouten["aanwezig"] = "Schrijf op wie er bij de hoorzitting waren."
    regel = rules.zienswijze_fouten(
        route=voornemen.route,
        voornemen_datum=voornemen.datum,
        zienswijze_moment=voornemen.zienswijze_moment,
        datum=datum,
        vandaag=vandaag(),
        niet_gereageerd=niet_gereageerd,
        cautie_gegeven=cautie,
    )
    if "__all__" in regel:  # the step is not possible now: that alone is said
        return {"__all__": regel["__all__"]}, datum, niet_gereageerd, cautie, aanwezig, zienswijze
    fouten.update(regel)
    return fouten, datum, niet_gereageerd, cautie, aanwezig, zienswijze


def zienswijze_fouten(zaak: Handhavingszaak, data: dict) -> dict[str, str]:
    """What is wrong with the input of :func:`leg_zienswijze_vast` for this zaak."""
    voornemen = _open_voornemen(zaak, slot=False)
    if voornemen is None:
        return {"__all__": GEEN_VOORNEMEN}
    return _lees_zienswijze(voornemen, data)[0]


@transaction.atomic
def leg_zienswijze_vast(zaak: Handhavingszaak, door, data: dict) -> Boetevoornemen:
    """The person's view on the open voornemen: what he wrote, or what was said at the
    hoorzitting (only after the cautie), or that he did not react or come."""
    zaak = _zaak_op_slot(zaak)
    voornemen = _open_voornemen(zaak)
    if voornemen is None:
        raise Weigering({"__all__": GEEN_VOORNEMEN})
    fouten, datum, niet_gereageerd, cautie, aanwezig, zienswijze = _lees_zienswijze(voornemen, data)
    if fouten:
        raise Weigering(fouten)
    voornemen.zienswijze_op = datum
    voornemen.niet_gereageerd = niet_gereageerd
    voornemen.cautie_gegeven = cautie and voornemen.cautie_vereist and not niet_gereageerd
    voornemen.aanwezig = "" if niet_gereageerd else aanwezig
    voornemen.zienswijze = zienswijze
    voornemen.save(
        update_fields=[
            "zienswijze_op",
            "niet_gereageerd",
            "cautie_gegeven",
            "aanwezig",
            "zienswijze",
        ]
    )
    if niet_gereageerd:
        tekst = (
            "Niet verschenen op de hoorzitting"
            if voornemen.cautie_vereist
            else "Geen zienswijze ontvangen"
        )
    else:
        tekst = (
            "Verslag van de hoorzitting vastgelegd (cautie gegeven)"
            if voornemen.cautie_vereist
            else "Zienswijze vastgelegd"
        )
    registreer(zaak.traject, Gebeurtenis.Soort.HANDHAVING, tekst, door)
    return voornemen


def _lees_onwil(zaak: Handhavingszaak, data: dict) -> tuple[dict[str, str], str]:
    fouten: dict[str, str] = {}
    reden = _tekst(data, "reden", verplicht=False, maximum=MAX_KORT, fouten=fouten)
    fouten.update(
        rules.onwil_fouten(
            asielmigrant=is_asiel(zaak.traject),
            reden=reden,
            geen_boete_asiel=geen_boete_asiel(zaak.traject),
        )
    )
    return fouten, reden


def onwil_fouten(zaak: Handhavingszaak, data: dict) -> dict[str, str]:
    """What is wrong with the input of :func:`leg_onwil_vast` for this zaak."""
    return _lees_onwil(zaak, data)[0]


@transaction.atomic
def leg_onwil_vast(zaak: Handhavingszaak, door, data: dict) -> Handhavingszaak:
    """Asielstatushouder: the adviseur records exceptional unwillingness, with a reason."""
    zaak = _zaak_op_slot(zaak)
    fouten, reden = _lees_onwil(zaak, data)
    _werk_bij(zaak, fouten, uitzonderlijke_onwil=True, onwil_reden=reden)
    registreer(
        zaak.traject,
        Gebeurtenis.Soort.HANDHAVING,
        "Uitzonderlijke onwil vastgelegd",
        door,
        toelichting=reden,
    )
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


def _lees_boete(zaak: Handhavingszaak, voornemen: Boetevoornemen | None, data: dict):
    fouten: dict[str, str] = {}
    datum = _datum(data, "datum", fouten, "Vul de datum van het besluit in.")
    bedrag = _bedrag(data, fouten)
    motivering = _tekst(
        data,
        "motivering",
        verplicht=True,
        maximum=5000,
        fouten=fouten,
        leeg="Schrijf op waarom de inburgeraar een boete krijgt.",
    )
    laatste = zaak.boetes.order_by("-datum").values_list("datum", flat=True).first()
    regel = rules.boete_fouten(
        bedrag=bedrag,
        datum=datum or vandaag(),
        vandaag=vandaag(),
        waarschuwing_datum=zaak.waarschuwing_datum,
        voornemen_datum=voornemen.datum if voornemen else None,
        voornemen_bedrag=voornemen.bedrag if voornemen else None,
        zienswijze_op=voornemen.zienswijze_op if voornemen else None,
        laatste_boete_datum=laatste,
        asielmigrant=is_asiel(zaak.traject),
        uitzonderlijke_onwil=zaak.uitzonderlijke_onwil,
        geen_boete_asiel=geen_boete_asiel(zaak.traject),
    )
    if "__all__" in regel:  # the step is not possible now: that alone is said
        return {"__all__": regel["__all__"]}, datum, bedrag, motivering
    for veld, tekst in regel.items():
        if veld == "datum" and datum is None:
            continue
        fouten.setdefault(veld, tekst)
    return fouten, datum, bedrag, motivering


def boete_fouten(zaak: Handhavingszaak, data: dict) -> dict[str, str]:
    """What is wrong with the input of :func:`besluit_boete` for this zaak."""
    return _lees_boete(zaak, _open_voornemen(zaak, slot=False), data)[0]


@transaction.atomic
def besluit_boete(zaak: Handhavingszaak, door, data: dict) -> Boetebesluit:
    """The boete-besluit on the open voornemen, with its letter: after the warning, the
    voornemen and the person's view (or his silence), at most the voornemen's amount, and for
    an asielstatushouder — when the gemeente's policy says so — only after recorded
    exceptional unwillingness. The voornemen's voorschrift goes into the besluit."""
    zaak = _zaak_op_slot(zaak)
    voornemen = _open_voornemen(zaak)
    fouten, datum, bedrag, motivering = _lees_boete(zaak, voornemen, data)
    if fouten:
        raise Weigering(fouten)
    # Each was refused above when missing (boete_fouten requires the voornemen and amount).
    assert datum is not None and bedrag is not None and voornemen is not None
    boete = Boetebesluit.objects.create(
        zaak=zaak,
        voornemen=voornemen,
        voorschrift=voornemen.voorschrift,
        datum=datum,
        bedrag=bedrag,
        motivering=motivering,
        door=door,
    )
    voornemen.afgehandeld_op = datum
    voornemen.save(update_fields=["afgehandeld_op"])
    if zaak.besluit_op is None:
        zaak.besluit_op = datum
        zaak.save(update_fields=["besluit_op"])
    brief = _maak_brief(
        zaak,
        Brief.Soort.BOETE,
        datum,
        boete=boete,
        voornemen=voornemen,
        bezwaar_uiterlijk=rules.bezwaar_uiterlijk(datum),
    )
    te_laat = datum > voornemen.beslissen_uiterlijk
    registreer(
        zaak.traject,
        Gebeurtenis.Soort.HANDHAVING,
        f"Boete van {bedrag} euro opgelegd ({brief.kenmerk})",
        door,
        toelichting=("Na de beslistermijn van 13 weken (artikel 5:51 Awb)." if te_laat else ""),
    )
    return boete


@transaction.atomic
def sluit_af(zaak: Handhavingszaak, door, data: dict) -> Handhavingszaak:
    """Close the zaak, e.g. because the inburgeraar takes part again (with or without a
    boete). Counts as the follow-up decision of the warning."""
    zaak = _zaak_op_slot(zaak)
    fouten: dict[str, str] = {}
    toelichting = _tekst(
        data,
        "toelichting",
        verplicht=True,
        maximum=MAX_KORT,
        fouten=fouten,
        leeg="Schrijf op waarom u de zaak afsluit.",
    )
    if fouten:
        raise Weigering(fouten)
    zaak.afgesloten_op = vandaag()
    zaak.afsluiting_toelichting = toelichting
    # A voornemen without a decision ends with the zaak: no boete follows it.
    zaak.voornemens.filter(afgehandeld_op__isnull=True).update(afgehandeld_op=zaak.afgesloten_op)
    if zaak.besluit_op is None:
        zaak.besluit_op = zaak.afgesloten_op
    zaak.save(update_fields=["afgesloten_op", "afsluiting_toelichting", "besluit_op"])
    registreer(
        zaak.traject,
        Gebeurtenis.Soort.HANDHAVING,
        f"Handhavingszaak afgesloten ({zaak.verzuim_naam})",
        door,
        toelichting=toelichting,
    )
    return zaak


# --- DUO: boetes and verlengingsaanvragen ------------------------------------------------


class DuoNietBeschikbaar(Exception):
    """DUO did not answer as agreed; ``melding`` is Dutch text for the user."""

    def __init__(self, melding: str):
        super().__init__(melding)
        self.melding = melding


OPVRAAGBAAR = (DuoOpvraging.Soort.BOETES, DuoOpvraging.Soort.VERLENGINGEN)


def haal_op_bij_duo(traject: Traject, soort: str, door, *, client=None) -> DuoOpvraging:
    """Ask DUO for the person's boetes or verlengingsaanvragen and store the answer with the
    time it was fetched; with the verlengingen also DUO's current list of verlengingsgronden
    (GET /verlengingsgronden). Raises :class:`DuoNietBeschikbaar` (nothing stored) on a
    DuoFout."""
    if soort not in OPVRAAGBAAR:
        raise Weigering({"soort": "Kies boetes of verlengingen."})
    traject = Traject.objects.select_related("inburgeraar", "gemeente").get(pk=traject.pk)
    eigen = client is None
    client = client or duo_client()
    gronden = None
    try:
        if soort == DuoOpvraging.Soort.BOETES:
            gegevens = client.get_boetes(traject.inburgeraar.bsn, bron=traject.gemeente.oin)
        else:
            gegevens = client.get_verlengingen(traject.inburgeraar.bsn, bron=traject.gemeente.oin)
            gronden = client.get_verlengingsgronden(bron=traject.gemeente.oin)
    except DuoFout as fout:
        if fout.status == 404:
            raise DuoNietBeschikbaar("DUO kent deze persoon niet. Controleer het BSN.") from fout
        raise DuoNietBeschikbaar(
            f"Ophalen bij DUO is niet gelukt: {fout.melding} Probeer het later opnieuw."
        ) from fout
    finally:
        if eigen:
            client.close()
    nu = timezone.now()
    with transaction.atomic():
        opvraging, _ = DuoOpvraging.objects.update_or_create(
            traject=traject,
            soort=soort,
            defaults={"gegevens": list(gegevens or []), "opgehaald_op": nu, "opgehaald_door": door},
        )
        if gronden is not None:
            DuoOpvraging.objects.update_or_create(
                traject=traject,
                soort=DuoOpvraging.Soort.VERLENGINGSGRONDEN,
                defaults={
                    "gegevens": list(gronden or []),
                    "opgehaald_op": nu,
                    "opgehaald_door": door,
                },
            )
    return opvraging


def duo_verlengingsgronden(opvraging: DuoOpvraging | None) -> list[dict]:
    """DUO's own list of verlengingsgronden (code and omschrijving), as DUO sent it."""
    if opvraging is None:
        return []
    return [
        {"code": str(g.get("code") or ""), "omschrijving": str(g.get("omschrijving") or "")}
        for g in opvraging.gegevens
        if isinstance(g, dict)
    ]


def duo_boetes(opvraging: DuoOpvraging | None) -> list[dict]:
    """DUO's boetes as rows for the page and the API (newest first)."""
    if opvraging is None:
        return []
    rijen = [
        {"bedrag": b.get("bedrag"), "datum": _iso(b.get("datum"))}
        for b in opvraging.gegevens
        if isinstance(b, dict)
    ]
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
        rijen.append(
            {
                "beoordeling": beoordeling,
                "beoordeling_naam": rules.BEOORDELING_NAMEN.get(beoordeling, beoordeling),
                "ontvangstdatum": ontvangen,
                "datum_beoordeling": _iso(v.get("datumBeoordeling")),
                "antwoord_uiterlijk": (
                    rules.duo_antwoord_uiterlijk(ontvangen)
                    if ontvangen and beoordeling == "InBehandeling"
                    else None
                ),
            }
        )
    return sorted(rijen, key=lambda r: r["ontvangstdatum"] or date.min, reverse=True)


def _iso(waarde) -> date | None:
    if not isinstance(waarde, str):
        return None
    try:
        return date.fromisoformat(waarde[:10])
    except ValueError:
        return None
