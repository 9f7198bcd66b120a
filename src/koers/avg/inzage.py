"""The complete export of one person's data for an AVG inzage (art. 15), as JSON and PDF.

Complete by construction: the models are found by walking Django's ``_meta`` from
``Inburgeraar`` and ``Traject`` along every ForeignKey/OneToOne pointing at them, and on to
their children's children. An app added later (partners, portal) is in the export without a
change here. One query per model, whatever the amount of data.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections import deque
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from koers.bouwstenen import weergave
from koers.inburgeraars.models import Inburgeraar, Traject
from koers.pip.beschikking import render_pdf
from koers.verwerkingen import register
from koers.verwerkingen.models import Verwerking

# Fields that are bookkeeping of Koers itself, not data about the person: search keys,
# leases of the DUO worker, integrity hashes of stored letters. Everything else is exported.
TECHNISCHE_VELDEN = frozenset(
    {
        "zoeknaam",
        "pogingen",
        "geclaimd_tot",
        "volgende_poging_op",
        "sha256",
    }
)

# The traject's end date is DUO's exclusive einddatum; the letter also names the last day, the
# date the person reads as "tot en met" (API Inburgeringstermijn, einddatum).
TRAJECT_LABELS = {
    "termijn_eind": "einddatum inburgeringstermijn volgens DUO (de dag na de laatste dag)",
    "termijn_laatste_dag": "laatste dag inburgeringstermijn",
}


@dataclass(frozen=True)
class Gekoppeld:
    """A model holding data about a person, with the lookup from it to his Inburgeraar."""

    model: type[models.Model]
    naar_inburgeraar: str  # "" for Inburgeraar itself, e.g. "pip__traject__inburgeraar"

    @property
    def label(self) -> str:
        return self.model._meta.label

    def filter(self, inburgeraar_id: int) -> models.QuerySet:
        if not self.naar_inburgeraar:
            return self.model._default_manager.filter(pk=inburgeraar_id)
        return self.model._default_manager.filter(
            **{f"{self.naar_inburgeraar}__pk": inburgeraar_id}
        ).distinct()


def gekoppelde_modellen() -> list[Gekoppeld]:
    """Inburgeraar, Traject and every model that reaches one of them through a chain of
    ForeignKey/OneToOne/ManyToMany fields (breadth first, so each gets its shortest path)."""
    gevonden = [Gekoppeld(Inburgeraar, ""), Gekoppeld(Traject, "inburgeraar")]
    gezien = {Inburgeraar, Traject}
    rij = deque(gevonden)
    while rij:
        ouder = rij.popleft()
        # Reverse relations, also those hidden by related_name="+".
        for rel in ouder.model._meta.get_fields(include_hidden=True):
            if not (rel.auto_created and not rel.concrete and rel.is_relation):
                continue
            kind = rel.related_model
            if kind in gezien or not isinstance(kind, type):
                continue
            gezien.add(kind)
            pad = rel.field.name + (f"__{ouder.naar_inburgeraar}" if ouder.naar_inburgeraar else "")
            nieuw = Gekoppeld(kind, pad)
            gevonden.append(nieuw)
            rij.append(nieuw)
    return gevonden


def _is_gebruiker(field) -> bool:
    return field.is_relation and field.related_model is get_user_model()


def _waarde(waarde):
    if isinstance(waarde, (dt.datetime, dt.date, dt.time)):
        if isinstance(waarde, dt.datetime) and timezone.is_aware(waarde):
            waarde = timezone.localtime(waarde)
        return waarde.isoformat()
    if isinstance(waarde, (decimal.Decimal, uuid.UUID)):
        return str(waarde)
    return waarde


def _velden(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in TECHNISCHE_VELDEN]


def _rij(obj, velden, gebruikers: dict[int, str], bestanden: list[dict], label: str) -> dict:
    uit = {}
    for f in velden:
        if isinstance(f, models.FileField):
            bestand = getattr(obj, f.attname)
            naam = bestand.name if bestand else ""
            if naam:
                try:
                    grootte = bestand.size
                except (OSError, ValueError):
                    grootte = None
                bestanden.append(
                    {
                        "onderdeel": label,
                        "id": obj.pk,
                        "veld": f.name,
                        "naam": naam.rsplit("/", 1)[-1],
                        "grootte": grootte,
                    }
                )
            uit[f.name] = naam.rsplit("/", 1)[-1] if naam else ""
        elif isinstance(f, models.BinaryField):
            inhoud = getattr(obj, f.attname)
            grootte = len(inhoud) if inhoud is not None else 0
            if grootte:
                bestanden.append(
                    {
                        "onderdeel": label,
                        "id": obj.pk,
                        "veld": f.name,
                        "naam": f"{label}-{obj.pk}-{f.name}",
                        "grootte": grootte,
                    }
                )
            uit[f.name] = f"bestand ({grootte} bytes)" if grootte else ""
        elif _is_gebruiker(f):
            pk = getattr(obj, f.attname)
            uit[f.name] = gebruikers.get(pk, "") if pk is not None else None
        else:
            uit[f.attname if f.is_relation else f.name] = _waarde(getattr(obj, f.attname))
    if isinstance(obj, Traject):
        uit["termijn_laatste_dag"] = _waarde(obj.termijn_laatste_dag)
    return uit


def gegevens(inburgeraar: Inburgeraar) -> dict:
    """Everything Koers holds about the person: one section per linked model (by label),
    the files by name and size, and the verwerkingenlogging about him."""
    onderdelen = []
    ruw = []
    gebruiker_ids: set[int] = set()
    for gekoppeld in gekoppelde_modellen():
        velden = _velden(gekoppeld.model)
        objecten = list(
            gekoppeld.filter(inburgeraar.pk).only(*[f.attname for f in velden]).order_by("pk")
        )
        for f in velden:
            if _is_gebruiker(f):
                gebruiker_ids.update(getattr(o, f.attname) for o in objecten)
        ruw.append((gekoppeld, velden, objecten))
    gebruikers = {
        u.pk: u.get_username()
        for u in get_user_model().objects.filter(pk__in=[i for i in gebruiker_ids if i is not None])
    }
    bestanden: list[dict] = []
    for gekoppeld, velden, objecten in ruw:
        meta = gekoppeld.model._meta
        onderdelen.append(
            {
                "model": gekoppeld.label,
                "titel": str(meta.verbose_name_plural),
                "rijen": [
                    _rij(o, velden, gebruikers, bestanden, gekoppeld.label) for o in objecten
                ],
            }
        )
    verwerkingen = [
        {
            "id": v.pk,
            "tijdstip": _waarde(v.tijdstip),
            "gebruiker": v.actor_naam,
            "organisatie": v.organisatie,
            "rollen": v.rollen,
            "doel": v.doel,
            "activiteit": v.activiteit,
            "kanaal": v.kanaal,
            "handeling": v.handeling,
            "traject": v.traject_id,
            "secties": v.secties,
            # Logboek Dataverwerkingen: to follow the processing in other logbooks, and
            # the entry of the register of processing activities it belongs to.
            "trace_id": v.trace_id,
            "operation_id": v.operation_id,
            "parent_operation_id": v.parent_operation_id,
            "verwerkingsactiviteit": v.verwerkingsactiviteit,
            "register": v.verwerkingsactiviteit_versie,  # its version's texts, below
        }
        for v in Verwerking.objects.filter(inburgeraar_id=inburgeraar.pk)
        .order_by("id")
        .iterator(chunk_size=2000)
    ]
    versies = register.versies(rij["register"] for rij in verwerkingen)
    for rij in verwerkingen:
        rij["register"] = register.beschrijving(versies.get(rij["register"]))
    return {
        "inburgeraar": inburgeraar.pk,
        "aangemaakt": _waarde(timezone.now()),
        "onderdelen": onderdelen,
        "bestanden": bestanden,
        "verwerkingen": verwerkingen,
    }


def pdf(inburgeraar: Inburgeraar, data: dict) -> bytes:
    """The same export as a letter of the gemeente (the base of the beschikking)."""
    from django.apps import apps

    onderdelen = []
    for o in data["onderdelen"]:
        if not o["rijen"]:
            continue
        model = apps.get_model(o["model"])
        onderdelen.append(
            {
                "titel": o["titel"],
                "model": o["model"],
                "rijen": [
                    [(_veldnaam(model, k), _leesbaar(model, k, v)) for k, v in rij.items()]
                    for rij in o["rijen"]
                ],
            }
        )
    return render_pdf(
        "verwerkingen/inzage_pdf.html",
        {
            "inburgeraar": inburgeraar,
            "gemeente": inburgeraar.gemeente,
            "traject": inburgeraar.huidig_traject,
            "datum": timezone.localdate(),
            "kenmerk": f"AVG-{inburgeraar.pk}-{timezone.localdate():%Y%m%d}",
            "onderdelen": onderdelen,
            "bestanden": data["bestanden"],
            "verwerkingen": data["verwerkingen"],
        },
        fout="Het overzicht kon niet als PDF worden gemaakt.",
    )


def _veld(model, naam: str):
    try:
        return model._meta.get_field(naam)
    except Exception:  # noqa: BLE001 - a name that is no field (an attname) has none
        return None


def _veldnaam(model, naam: str) -> str:
    """The field's Dutch label for the letter (``verbose_name``), else its name."""
    if model is Traject and naam in TRAJECT_LABELS:
        return TRAJECT_LABELS[naam]
    veld = _veld(model, naam)
    return str(veld.verbose_name) if veld is not None else naam


def _leesbaar(model, naam: str, waarde) -> str:
    """A value as the person reads it in the letter: the label of a choice and a Dutch date
    (the JSON keeps the stored value, for machines)."""
    veld = _veld(model, naam)
    if veld is not None and veld.choices and isinstance(waarde, str | int):
        return str(dict(veld.flatchoices).get(waarde, waarde))
    if isinstance(veld, models.DateTimeField) and isinstance(waarde, str) and waarde:
        return weergave.datum_tijd(dt.datetime.fromisoformat(waarde))
    if (
        (isinstance(veld, models.DateField) or (model is Traject and naam in TRAJECT_LABELS))
        and isinstance(waarde, str)
        and waarde
    ):
        return weergave.datum(dt.date.fromisoformat(waarde))
    return _tekst(waarde)


def _tekst(waarde) -> str:
    if waarde is None or waarde == "" or waarde == [] or waarde == {}:
        return "—"
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, dict):
        return "; ".join(f"{k}: {_tekst(v)}" for k, v in waarde.items())
    if isinstance(waarde, list):
        return ", ".join(_tekst(v) for v in waarde)
    return str(waarde)
