"""PVT and MAP: record activities, sign the participatieverklaring, hold the MAP eindgesprek,
and report the date to DUO. Every write runs in one transaction; a refusal
(:class:`~koers.bouwstenen.weigering.Weigering`) leaves nothing half saved, and a melding to
DUO is queued in the same transaction as the change it reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from koers.bouwstenen.weigering import Weigering
from koers.duo import meldingen
from koers.inburgeraars.models import Gebeurtenis, Traject
from koers.inburgeraars.rules import datum_voluit
from koers.inburgeraars.services import registreer, vandaag, vergrendel, vergrendel_open
from koers.pip.models import PipVersie

from . import rules
from .models import Activiteit, Afronding, Verwijtbaarheid

ACTIVITEIT_VELDEN = (
    "module",
    "datum",
    "uren",
    "soort",
    "omschrijving",
    "kernwaarden",
    "uitvoerder",
)
AFGEROND = "Dit traject is afgerond. PVT en MAP veranderen niet meer."


def huidige_pip(traject: Traject, pips: list[PipVersie] | None = None) -> PipVersie | None:
    """The newest vastgesteld PIP version; from ``pips`` (the traject's versions, newest
    first) without a query when the caller already read them."""
    if pips is not None:
        return next((p for p in pips if p.status == PipVersie.Status.VASTGESTELD), None)
    return traject.pips.filter(status=PipVersie.Status.VASTGESTELD).order_by("-versie").first()


@dataclass
class ModuleStand:
    """What the screens show of one module of a traject."""

    module: str
    activiteiten: list[Activiteit] = field(default_factory=list)
    afronding: Afronding | None = None
    verwijtbaarheden: list[Verwijtbaarheid] = field(default_factory=list)  # newest first
    gepland: int | None = None  # hours planned in the PIP (PipVersie.pvt_uren / map_uren)
    van_toepassing: bool = True  # MAP: only in the B1- and Z-route

    @property
    def uren(self) -> Decimal:
        return sum((a.uren for a in self.activiteiten), Decimal(0))

    @property
    def uren_nog(self) -> Decimal | None:
        """Hours still to do against the plan (never negative), ``None`` without a plan."""
        if self.gepland is None:
            return None
        return max(Decimal(self.gepland) - self.uren, Decimal(0))

    @property
    def kernwaarde_gedaan(self) -> bool:
        return any(rules.telt_als_kernwaarde_activiteit(a.als_gedaan()) for a in self.activiteiten)

    @property
    def klaar_voor_ondertekening(self) -> bool:
        return self.uren >= rules.PVT_MIN_UREN and self.kernwaarde_gedaan

    @property
    def min_uren(self) -> Decimal:
        return rules.PVT_MIN_UREN


@dataclass
class Stand:
    pvt: ModuleStand
    map: ModuleStand
    leerroute: str | None
    termijn_eind: date | None
    # What 'verwijtbaar' DUO accepts today without a date (rules.verwijtbaar_keuzes).
    verwijtbaar_keuzes: tuple[str, ...] = ()


def stand(traject: Traject, pips: list[PipVersie] | None = None) -> Stand:
    """PVT and MAP of the traject in four queries, whatever the number of activities (three
    with ``pips``, the traject's PIP versions newest first, already read)."""
    pip = huidige_pip(traject, pips)
    leerroute = pip.leerroute if pip else None
    pvt = ModuleStand(rules.Module.PVT.value, gepland=pip.pvt_uren if pip else None)
    map_ = ModuleStand(
        rules.Module.MAP.value,
        gepland=pip.map_uren if pip else None,
        van_toepassing=rules.map_verplicht(leerroute),
    )
    standen = {pvt.module: pvt, map_.module: map_}
    for activiteit in Activiteit.objects.filter(traject=traject).select_related("door"):
        standen[activiteit.module].activiteiten.append(activiteit)
    for afronding in Afronding.objects.filter(traject=traject).select_related("bericht"):
        standen[afronding.module].afronding = afronding
    for v in Verwijtbaarheid.objects.filter(traject=traject).select_related("bericht"):
        standen[v.module].verwijtbaarheden.append(v)
    return Stand(
        pvt=pvt,
        map=map_,
        leerroute=leerroute,
        termijn_eind=traject.termijn_eind,
        verwijtbaar_keuzes=rules.verwijtbaar_keuzes(vandaag(), traject.termijn_eind),
    )


def _afronding(traject: Traject, module: str) -> Afronding | None:
    return Afronding.objects.filter(traject=traject, module=module).first()


def _normaliseer(data: dict) -> dict:
    schoon = {k: data.get(k) for k in ACTIVITEIT_VELDEN if k in data}
    for tekst in ("omschrijving", "uitvoerder", "soort", "module"):
        if tekst in schoon:
            schoon[tekst] = (schoon[tekst] or "").strip()
    if "kernwaarden" in schoon:
        schoon["kernwaarden"] = tuple(schoon["kernwaarden"] or ())
    if schoon.get("uren") is not None and not isinstance(schoon["uren"], Decimal):
        try:
            schoon["uren"] = Decimal(str(schoon["uren"]))
        except ArithmeticError:
            raise Weigering({"uren": "Vul bij de uren een getal in, bijvoorbeeld 1,5."}) from None
    return schoon


def _activiteit_fouten(traject: Traject, gegevens: dict, *, afgerond_op: date | None) -> dict:
    pip = huidige_pip(traject)
    activiteit = rules.ActiviteitGegevens(
        module=gegevens.get("module") or "",
        datum=gegevens.get("datum"),
        uren=gegevens.get("uren"),
        soort=gegevens.get("soort") or "",
        omschrijving=gegevens.get("omschrijving") or "",
        kernwaarden=tuple(gegevens.get("kernwaarden") or ()),
        uitvoerder=gegevens.get("uitvoerder") or "",
    )
    return rules.activiteit_fouten(
        activiteit,
        vandaag=vandaag(),
        afgerond_op=afgerond_op,
        leerroute=pip.leerroute if pip else None,
    )


def _gegevens(traject: Traject, data: dict, activiteit: Activiteit | None) -> dict:
    """The activity as it would be saved: a change keeps what ``data`` leaves out, and its
    module."""
    if activiteit is None:
        return _normaliseer(data)
    gegevens = {k: getattr(activiteit, k) for k in ACTIVITEIT_VELDEN}
    gegevens.update(_normaliseer(data))
    gegevens["module"] = activiteit.module  # an activity does not move to the other module
    return gegevens


def _afgerond_op(traject: Traject, module: str) -> date | None:
    afronding = _afronding(traject, module) if module in rules.MODULES else None
    return afronding.datum if afronding else None


def activiteit_fouten(
    traject: Traject, data: dict, activiteit: Activiteit | None = None
) -> dict[str, str]:
    """What keeps this activity (new, or a change of ``activiteit``) from being saved, per
    field: rules.activiteit_fouten with the case's PIP and the module's closing date. The
    write paths check it again under the case's lock."""
    try:
        gegevens = _gegevens(traject, data, activiteit)
    except Weigering as weigering:
        return weigering.fouten
    module = gegevens.get("module") or ""
    return _activiteit_fouten(traject, gegevens, afgerond_op=_afgerond_op(traject, module))


def _omschrijf(activiteit: Activiteit) -> str:
    return (
        f"{activiteit.get_module_display()}: {activiteit.get_soort_display().lower()} "
        f"op {datum_voluit(activiteit.datum)}, {rules.uren_tekst(activiteit.uren)} uur"
    )[:500]


@transaction.atomic
def voeg_activiteit_toe(traject: Traject, door, data: dict) -> Activiteit:
    vergrendel_open(traject, AFGEROND)
    gegevens = _gegevens(traject, data, None)
    fouten = _activiteit_fouten(
        traject, gegevens, afgerond_op=_afgerond_op(traject, gegevens.get("module") or "")
    )
    if fouten:
        raise Weigering(fouten)
    gegevens["kernwaarden"] = list(gegevens.get("kernwaarden") or ())
    activiteit = Activiteit.objects.create(traject=traject, door=door, **gegevens)
    registreer(
        traject,
        Gebeurtenis.Soort.MODULE,
        f"Activiteit toegevoegd. {_omschrijf(activiteit)}"[:500],
        door,
    )
    return activiteit


@transaction.atomic
def wijzig_activiteit(activiteit: Activiteit, door, data: dict) -> Activiteit:
    traject = activiteit.traject
    vergrendel_open(traject, AFGEROND)
    gegevens = _gegevens(traject, data, activiteit)
    fouten = _activiteit_fouten(
        traject, gegevens, afgerond_op=_afgerond_op(traject, activiteit.module)
    )
    if fouten:
        raise Weigering(fouten)
    gegevens["kernwaarden"] = list(gegevens.get("kernwaarden") or ())
    for k, v in gegevens.items():
        setattr(activiteit, k, v)
    activiteit.save()
    registreer(
        traject,
        Gebeurtenis.Soort.MODULE,
        f"Activiteit gewijzigd. {_omschrijf(activiteit)}"[:500],
        door,
    )
    return activiteit


@transaction.atomic
def verwijder_activiteit(activiteit: Activiteit, door) -> None:
    traject = activiteit.traject
    vergrendel_open(traject, AFGEROND)
    if _afronding(traject, activiteit.module) is not None:
        raise Weigering(
            {"__all__": "Deze module is al afgerond. De activiteiten kunnen niet meer veranderen."}
        )
    omschrijving = _omschrijf(activiteit)
    activiteit.delete()
    registreer(
        traject, Gebeurtenis.Soort.MODULE, f"Activiteit verwijderd. {omschrijving}"[:500], door
    )


def _verwijtbaar(waarde: str | None) -> str | None:
    return waarde or None


def _controleer_verwijtbaar(waarde: str | None) -> None:
    if waarde and waarde not in ("Ja", "Nee"):
        raise Weigering({"verwijtbaar": "Verwijtbaar is Ja of Nee, of leeg."})


def _meld(traject: Traject, afronding: Afronding) -> None:
    verwijtbaar = _verwijtbaar(afronding.verwijtbaar)
    if afronding.module == rules.Module.PVT:
        bericht = meldingen.meld_pvt(traject, afronding.datum, verwijtbaar)
    else:
        bericht = meldingen.meld_map(traject, afronding.datum, verwijtbaar)
    afronding.bericht = bericht
    afronding.gemeld_op = timezone.now()


def _begin_afronding(
    traject: Traject, module: str, verwijtbaar: str | None, al_gedaan: str
) -> None:
    """The checks before a module is closed: the case is locked and open, 'verwijtbaar' is
    allowed, and the module was not closed before (``al_gedaan`` says so)."""
    vergrendel_open(traject, AFGEROND)
    _controleer_verwijtbaar(verwijtbaar)
    if _afronding(traject, module) is not None:
        raise Weigering({"__all__": al_gedaan})


def _sluit_af(
    traject: Traject, afronding: Afronding, door, melden: bool, omschrijving: str
) -> Afronding:
    """Save the closing of a module (with ``melden`` its date goes to DUO first) and put it on
    the timeline."""
    if melden:
        _meld(traject, afronding)
    afronding.save()
    registreer(
        traject,
        Gebeurtenis.Soort.MODULE,
        omschrijving + (" De datum is aan DUO gemeld." if melden else " Nog niet aan DUO gemeld."),
        door,
    )
    return afronding


def pvt_fouten(traject: Traject, datum: date | None) -> dict[str, str]:
    """What keeps the signing of the participatieverklaring on ``datum`` from being recorded
    (rules.pvt_ondertekenen_fouten, with the PVT's activities of this case)."""
    gedaan = [
        a.als_gedaan() for a in Activiteit.objects.filter(traject=traject, module=rules.Module.PVT)
    ]
    return rules.pvt_ondertekenen_fouten(datum, gedaan, vandaag=vandaag())


def map_fouten(
    traject: Traject, datum: date | None, samenvatting: str, uitvoerder: str
) -> dict[str, str]:
    """What keeps the MAP's eindgesprek from being recorded (rules.map_eindgesprek_fouten,
    with the leerroute of the case's PIP)."""
    pip = huidige_pip(traject)
    return rules.map_eindgesprek_fouten(
        datum,
        (samenvatting or "").strip(),
        (uitvoerder or "").strip(),
        vandaag=vandaag(),
        leerroute=pip.leerroute if pip else None,
    )


@transaction.atomic
def onderteken_pvt(
    traject: Traject,
    door,
    *,
    datum: date | None,
    verwijtbaar: str | None = None,
    melden: bool = True,
) -> Afronding:
    """The inburgeraar signed the participatieverklaring: the PVT is done. With ``melden`` the
    signing date goes to DUO in the same transaction (DUO's verwijtbaar rules apply)."""
    _begin_afronding(
        traject, rules.Module.PVT, verwijtbaar, "De participatieverklaring is al ondertekend."
    )
    fouten = pvt_fouten(traject, datum)
    if fouten:
        raise Weigering(fouten)
    assert datum is not None  # pvt_ondertekenen_fouten refused the step when it is missing
    afronding = Afronding(
        traject=traject,
        module=rules.Module.PVT,
        datum=datum,
        verwijtbaar=verwijtbaar or "",
        door=door,
    )
    return _sluit_af(
        traject,
        afronding,
        door,
        melden,
        f"Participatieverklaring ondertekend op {datum_voluit(datum)}.",
    )


@transaction.atomic
def houd_map_eindgesprek(
    traject: Traject,
    door,
    *,
    datum: date | None,
    samenvatting: str,
    uitvoerder: str = rules.STANDAARD_MAP_UITVOERDER,
    verwijtbaar: str | None = None,
    melden: bool = True,
) -> Afronding:
    """The MAP eindgesprek: the MAP is done. With ``melden`` its date goes to DUO."""
    _begin_afronding(
        traject, rules.Module.MAP, verwijtbaar, "Het eindgesprek van de MAP is al vastgelegd."
    )
    samenvatting = (samenvatting or "").strip()
    uitvoerder = (uitvoerder or "").strip()
    fouten = map_fouten(traject, datum, samenvatting, uitvoerder)
    if fouten:
        raise Weigering(fouten)
    assert datum is not None  # map_eindgesprek_fouten refused the step when it is missing
    afronding = Afronding(
        traject=traject,
        module=rules.Module.MAP,
        datum=datum,
        samenvatting=samenvatting,
        uitvoerder=uitvoerder,
        verwijtbaar=verwijtbaar or "",
        door=door,
    )
    return _sluit_af(
        traject,
        afronding,
        door,
        melden,
        f"Eindgesprek MAP gevoerd op {datum_voluit(datum)} ({uitvoerder}).",
    )


@transaction.atomic
def meld_alsnog(
    traject: Traject, module: str, door, *, verwijtbaar: str | None = None
) -> Afronding:
    """Report the date of a closed module that was not reported yet, or again after DUO
    refused the earlier report (e.g. with another 'verwijtbaar')."""
    vergrendel(traject)
    _controleer_verwijtbaar(verwijtbaar)
    afronding = _afronding(traject, module) if module in rules.MODULES else None
    if afronding is None:
        raise Weigering(
            {"__all__": "Deze module is nog niet afgerond. Er is geen datum om te melden."}
        )
    if afronding.bericht_id is not None and not afronding.opnieuw_te_melden:
        raise Weigering({"__all__": "Deze datum is al aan DUO gemeld."})
    afronding.verwijtbaar = verwijtbaar or ""
    _meld(traject, afronding)
    afronding.save(update_fields=["verwijtbaar", "bericht", "gemeld_op"])
    registreer(
        traject,
        Gebeurtenis.Soort.MODULE,
        f"Datum van de {'participatieverklaring' if module == 'pvt' else 'MAP'} "
        f"({datum_voluit(afronding.datum)}) aan DUO gemeld.",
        door,
    )
    return afronding


def _correctie_fouten(traject: Traject, afronding: Afronding, datum: date | None) -> dict:
    if afronding.module == rules.Module.PVT:
        return pvt_fouten(traject, datum)
    return map_fouten(traject, datum, afronding.samenvatting, afronding.uitvoerder)


def correctie_fouten(traject: Traject, module: str, datum: date | None) -> dict[str, str]:
    """What keeps a new date of a closed module (:func:`corrigeer_datum`) from being
    recorded: the same rules as at closing. Without a closing there is nothing to check here;
    the write path says so."""
    afronding = _afronding(traject, module) if module in rules.MODULES else None
    return {} if afronding is None else _correctie_fouten(traject, afronding, datum)


@transaction.atomic
def corrigeer_datum(
    traject: Traject, module: str, door, *, datum: date | None, verwijtbaar: str | None = None
) -> Afronding:
    """Correct the date of a closed module (a typing error, a wrong day). The same rules as
    at closing apply to the new date; a date that DUO already holds is reported again, and
    DUO's own rules decide (RULES.md "MAP and PVT": only the gemeente that delivered the
    earlier date may change it — koers.duo.meldingen refuses otherwise)."""
    vergrendel_open(traject, AFGEROND)
    _controleer_verwijtbaar(verwijtbaar)
    afronding = _afronding(traject, module) if module in rules.MODULES else None
    if afronding is None:
        raise Weigering(
            {"__all__": "Deze module is nog niet afgerond. Er is geen datum om te corrigeren."}
        )
    fouten = _correctie_fouten(traject, afronding, datum)
    if fouten:
        raise Weigering(fouten)
    assert datum is not None  # both rules refused the step when it is missing
    if datum == afronding.datum and (verwijtbaar or "") == afronding.verwijtbaar:
        raise Weigering({"datum": "Dit is dezelfde datum. Er is niets te corrigeren."})
    oud = afronding.datum
    afronding.datum, afronding.verwijtbaar = datum, verwijtbaar or ""
    gemeld = afronding.bericht_id is not None
    if gemeld:
        _meld(traject, afronding)
    afronding.save(update_fields=["datum", "verwijtbaar", "bericht", "gemeld_op"])
    naam = (
        "de participatieverklaring" if module == rules.Module.PVT else "het eindgesprek van de MAP"
    )
    registreer(
        traject,
        Gebeurtenis.Soort.MODULE,
        f"Datum van {naam} gecorrigeerd: {datum_voluit(oud)} wordt {datum_voluit(datum)}."
        + (" De nieuwe datum gaat naar DUO." if gemeld else ""),
        door,
    )
    return afronding


@transaction.atomic
def meld_verwijtbaar(
    traject: Traject, module: str, door, *, verwijtbaar: str | None, toelichting: str = ""
) -> Verwijtbaarheid:
    """Tell DUO 'verwijtbaar' for a PVT or MAP that is not done yet, without a date: 'Nee' in
    the last two months of the termijn, 'Ja' or 'Nee' once it has been exceeded
    (rules.verwijtbaar_zonder_datum_fouten; DUO's own rules in koers.duo.rules.map_pvt_fouten
    are checked again when the melding is queued)."""
    vergrendel_open(traject, AFGEROND)
    toelichting = (toelichting or "").strip()
    pip = huidige_pip(traject)
    fouten = rules.verwijtbaar_zonder_datum_fouten(
        verwijtbaar,
        toelichting,
        module=module,
        afgerond=module in rules.MODULES and _afronding(traject, module) is not None,
        leerroute=pip.leerroute if pip else None,
        vandaag=vandaag(),
        termijn_eind=traject.termijn_eind,
    )
    if fouten:
        raise Weigering(fouten)
    assert verwijtbaar is not None  # refused above unless it is "Ja" or "Nee"
    melden = meldingen.meld_pvt if module == rules.Module.PVT else meldingen.meld_map
    bericht = melden(traject, None, verwijtbaar)
    v = Verwijtbaarheid.objects.create(
        traject=traject,
        module=module,
        verwijtbaar=verwijtbaar,
        toelichting=toelichting,
        gemeld_op=vandaag(),
        bericht=bericht,
        door=door,
    )
    naam = "het PVT" if module == rules.Module.PVT else "de MAP"
    registreer(
        traject,
        Gebeurtenis.Soort.MODULE,
        f"Aan DUO gemeld: {naam} is nog niet af, verwijtbaar: {verwijtbaar}.",
        door,
        toelichting=toelichting,
    )
    return v
