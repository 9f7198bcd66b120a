"""Write paths of the voortgangsgesprekken and the signals. Each write runs in one
transaction with its timeline entry; refusals are a ``Weigering`` (nothing half saved)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery

from koers.bouwstenen.api_fouten import fouten_van
from koers.bouwstenen.weigering import Weigering
from koers.demo.schaal import schrijf as schrijf_rijen
from koers.inburgeraars import rules as traject_rules
from koers.inburgeraars.models import Gebeurtenis, Traject
from koers.inburgeraars.rules import datum_voluit
from koers.inburgeraars.services import registreer, vandaag, vergrendel_open
from koers.monitoring import rules
from koers.monitoring.models import (
    GeslotenGesprek,
    Gespreksbeleid,
    Gesprekspauze,
    Gespreksplanning,
    Signaal,
    Voortgangsgesprek,
)
from koers.monitoring.serializers import GesprekInvoerSerializer
from koers.pip import rules as pip_rules
from koers.pip.models import PipVersie
from koers.toegang import policy

CHUNK = 2000


# --- planning ----------------------------------------------------------------------------------


def _te_plannen(traject_ids):
    """The current vastgesteld PIP of every open case whose planning is not made from it,
    with the dagtekening of the case's first vastgesteld PIP (the start of the rhythm)."""
    nieuwer = PipVersie.objects.filter(
        traject_id=OuterRef("traject_id"),
        status=PipVersie.Status.VASTGESTELD,
        versie__gt=OuterRef("versie"),
    )
    eerste = (
        PipVersie.objects.filter(
            traject_id=OuterRef("traject_id"),
            status=PipVersie.Status.VASTGESTELD,
            dagtekening__isnull=False,
        )
        .order_by("versie")
        .values("dagtekening")[:1]
    )
    gepland = Gespreksplanning.objects.filter(
        traject_id=OuterRef("traject_id"), pip_id=OuterRef("pk")
    )
    qs = (
        PipVersie.objects.filter(status=PipVersie.Status.VASTGESTELD, dagtekening__isnull=False)
        .exclude(traject__status=traject_rules.Status.AFGEROND)
        .filter(~Exists(nieuwer), ~Exists(gepland))
    )
    if traject_ids is not None:
        qs = qs.filter(traject_id__in=traject_ids)
    return qs.annotate(start=Subquery(eerste)).values_list(
        "pk", "traject_id", "start", "traject__termijn_eind", "traject__gemeente_id"
    )


def plan_gesprekken(traject_ids=None) -> int:
    """(Re)plan the voortgangsgesprekken of the cases whose current vastgesteld PIP is not
    yet the basis of their planning: set-based, idempotent. The rhythm runs from the first
    PIP (rules.gespreksdata_traject), so a new PIP version keeps the dates; open planned
    gesprekken are replaced, held ones stay and the dates they fill are not planned again.
    Returns the number of cases planned.

    Called by the engine (all cases), by the case page (one case) and after vaststellen
    (receiver in apps.py)."""
    if traject_ids is not None:
        traject_ids = list(traject_ids)
        if not traject_ids:
            return 0
    te_doen = list(_te_plannen(traject_ids))
    if not te_doen:
        return 0
    beleid = {
        b.gemeente_id: (b.maanden_jaar1, b.maanden_daarna) for b in Gespreksbeleid.objects.all()
    }
    for deel in (te_doen[i : i + CHUNK] for i in range(0, len(te_doen), CHUNK)):
        ids = [t for _p, t, *_ in deel]
        gehouden: dict[int, list[date]] = {}
        for traject_id, dag in Voortgangsgesprek.objects.filter(
            traject_id__in=ids, gehouden_op__isnull=False
        ).values_list("traject_id", "gehouden_op"):
            if dag is not None:  # always, by the filter; the column itself may be empty
                gehouden.setdefault(traject_id, []).append(dag)
        pauzes: dict[int, list[tuple[date, date]]] = {}
        for traject_id, van, tot in Gesprekspauze.objects.filter(
            traject_id__in=ids, tot__isnull=False
        ).values_list("traject_id", "van", "tot"):
            if tot is not None:  # always, by the filter
                pauzes.setdefault(traject_id, []).append((van, tot))
        gesloten: dict[int, list[date]] = {}
        for traject_id, dag in GeslotenGesprek.objects.filter(traject_id__in=ids).values_list(
            "traject_id", "gepland_op"
        ):
            gesloten.setdefault(traject_id, []).append(dag)
        gesprekken, planningen = [], []
        for pip_id, traject_id, start, termijn_eind, gemeente_id in deel:
            eind = termijn_eind or pip_rules.termijn(start)[1]
            jaar1, daarna = beleid.get(gemeente_id, (rules.MAANDEN_JAAR1, rules.MAANDEN_DAARNA))
            for dag in rules.gespreksdata_traject(
                start,
                eind=eind,
                gehouden=gehouden.get(traject_id, ()),
                pauzes=pauzes.get(traject_id, ()),
                gesloten=gesloten.get(traject_id, ()),
                maanden_jaar1=jaar1,
                maanden_daarna=daarna,
            ):
                gesprekken.append({"traject_id": traject_id, "pip_id": pip_id, "gepland_op": dag})
            planningen.append(Gespreksplanning(traject_id=traject_id, pip_id=pip_id))
        with transaction.atomic():
            Voortgangsgesprek.objects.filter(
                traject_id__in=ids, gehouden_op__isnull=True, gepland_op__isnull=False
            ).delete()
            Gespreksplanning.objects.filter(traject_id__in=ids).delete()
            Gespreksplanning.objects.bulk_create(planningen)
            # Plain rows, written in one go (COPY on PostgreSQL): the first run over a
            # million cases plans millions of gesprekken (benchmarks/signalen.py).
            schrijf_rijen(Voortgangsgesprek, gesprekken)
    return len(te_doen)


def beleid_van(gemeente) -> Gespreksbeleid:
    return Gespreksbeleid.objects.filter(gemeente=gemeente).first() or Gespreksbeleid(
        gemeente=gemeente
    )


# --- een gesprek vastleggen -----------------------------------------------------------------

GESPREK_VELDEN = (
    "gehouden_op",
    "voortgang",
    "subdoelen",
    "positieve_gezondheid",
    "interventies",
    "verslag",
)


def _datum(waarde) -> date | None:
    if isinstance(waarde, date):
        return waarde
    if isinstance(waarde, str):
        try:
            return date.fromisoformat(waarde)
        except ValueError:
            return None
    return None


def _lees_gesprek(
    data: dict, *, eerste_pip: date | None, met_gezondheid: bool
) -> tuple[dict[str, str], dict]:
    """The problems of a gesprek's input, keyed by field (dots for nested fields), and the
    input read: texts trimmed, empty entries left out."""
    if data.get("positieve_gezondheid") and not met_gezondheid:
        f = {"positieve_gezondheid": policy.GEEN_GEZONDHEID}
        data = {**data, "positieve_gezondheid": None}
    else:
        f = {}
    invoer = GesprekInvoerSerializer(data=data)
    if not invoer.is_valid():
        f |= {veld: teksten[0] for veld, teksten in fouten_van(invoer.errors).items()}
    dag = None
    if "gehouden_op" not in f:  # a good date, also when other fields are not
        dag = invoer.fields["gehouden_op"].run_validation(data["gehouden_op"])
        if dag > vandaag():
            f["gehouden_op"] = "Het gesprek kan niet in de toekomst liggen."
        elif eerste_pip and dag < eerste_pip:
            f["gehouden_op"] = (
                f"Een voortgangsgesprek is na het eerste PIP ({datum_voluit(eerste_pip)})."
            )
    if f:
        return f, {}
    v = invoer.validated_data
    return f, {
        "gehouden_op": dag,
        "voortgang": {
            d: {"voortgang": w.get("voortgang") or "", "toelichting": w.get("toelichting") or ""}
            for d, w in (v.get("voortgang") or {}).items()
            if w.get("voortgang") or w.get("toelichting")
        },
        "subdoelen": {d: t for d, t in (v.get("subdoelen") or {}).items() if t},
        "positieve_gezondheid": {
            d: s for d, s in (v.get("positieve_gezondheid") or {}).items() if s is not None
        },
        "interventies": [
            {"soort": iv["soort"], "omschrijving": iv.get("omschrijving") or ""}
            for iv in v.get("interventies") or []
        ],
        "verslag": v.get("verslag") or "",
    }


def gesprek_fouten(data: dict, *, eerste_pip: date | None, met_gezondheid: bool) -> dict[str, str]:
    """Every problem of a gesprek's input, keyed by field (dots for nested fields)."""
    return _lees_gesprek(data, eerste_pip=eerste_pip, met_gezondheid=met_gezondheid)[0]


@transaction.atomic
def leg_gesprek_vast(
    traject: Traject,
    door,
    data: dict,
    *,
    met_gezondheid: bool,
    gesprek: Voortgangsgesprek | None = None,
) -> Voortgangsgesprek:
    """Record a held voortgangsgesprek. Without ``gesprek`` it fills the nearest planned
    one that is still open (rules.dichtstbijzijnde_planning), else it is an extra
    gesprek; with ``gesprek`` that one is
    recorded or corrected. Health scores, and texts under a health dimension or of a care
    intervention, only with ``met_gezondheid``; without it the stored ones stay as they
    are."""
    traject = vergrendel_open(traject)
    eerste = (
        PipVersie.objects.filter(traject=traject, status=PipVersie.Status.VASTGESTELD)
        .order_by("versie")
        .values_list("dagtekening", flat=True)
        .first()
    )
    if eerste is None:
        raise Weigering(
            {"__all__": "Een voortgangsgesprek gaat over het PIP. Stel eerst het PIP vast."}
        )
    fouten, schoon = _lees_gesprek(data, eerste_pip=eerste, met_gezondheid=met_gezondheid)
    if fouten:
        raise Weigering(fouten)
    if not met_gezondheid:
        zonder = rules.gesprek_zonder_gezondheid(
            schoon["voortgang"], schoon["subdoelen"], schoon["interventies"]
        )
        verboden = {
            veld: policy.GEEN_GEZONDHEID
            for veld, waarde in zip(("voortgang", "subdoelen", "interventies"), zonder, strict=True)
            if waarde != schoon[veld]
        }
        if verboden:
            raise Weigering(verboden)
    if gesprek is None:
        plan_gesprekken([traject.pk])  # the planning may not be made yet (lazy)
        open_gepland = {
            g.gepland_op: g
            for g in Voortgangsgesprek.objects.select_for_update()
            .filter(traject=traject, gehouden_op__isnull=True, gepland_op__isnull=False)
            .order_by("-gepland_op", "-id")
            if g.gepland_op is not None
        }
        dag = rules.dichtstbijzijnde_planning(open_gepland, schoon["gehouden_op"])
        # Without a planned date near enough it is an extra gesprek.
        gesprek = open_gepland[dag] if dag is not None else Voortgangsgesprek(traject=traject)
        nieuw = True
    else:
        nieuw = not gesprek.is_gehouden
    if not met_gezondheid and gesprek.pk is not None:
        # What he may not see, he cannot send either: the stored health parts stay.
        voortgang, subdoelen, interventies = (
            gesprek.voortgang or {},
            gesprek.subdoelen or {},
            gesprek.interventies or [],
        )
        zonder = rules.gesprek_zonder_gezondheid(voortgang, subdoelen, interventies)
        schoon["voortgang"] |= {k: v for k, v in voortgang.items() if k not in zonder[0]}
        schoon["subdoelen"] |= {k: v for k, v in subdoelen.items() if k not in zonder[1]}
        schoon["interventies"] += [iv for iv in interventies if iv not in zonder[2]]
    for veld in GESPREK_VELDEN:
        if veld == "positieve_gezondheid" and not met_gezondheid:
            continue
        setattr(gesprek, veld, schoon[veld])
    gesprek.door = door
    gesprek.save()
    wat = "gevoerd" if nieuw else "aangepast"
    omschrijving = f"Voortgangsgesprek van {datum_voluit(gesprek.gehouden_op)} {wat}"
    # The timeline is read without the health section: care interventions stay out of it.
    _v, _s, zichtbaar = rules.gesprek_zonder_gezondheid({}, {}, schoon["interventies"])
    if zichtbaar:
        omschrijving += "; interventies: " + ", ".join(
            rules.INTERVENTIES[iv["soort"]].lower() for iv in zichtbaar
        )
    registreer(traject, Gebeurtenis.Soort.GESPREK, omschrijving[:500], door)
    bereken_na_wijziging([traject.pk])
    return gesprek


@transaction.atomic
def sluit_gesprek(
    traject: Traject, gesprek: Voortgangsgesprek, door, reden: str
) -> GeslotenGesprek:
    """Close a planned voortgangsgesprek that was missed, with the reason
    (rules.sluiten_fouten): its planned row goes, a ``GeslotenGesprek`` keeps the date so
    no planning brings it back, and the timeline says who closed it and why."""
    traject = vergrendel_open(traject)
    gepland = (
        Voortgangsgesprek.objects.select_for_update()
        .filter(pk=gesprek.pk, traject=traject, gehouden_op__isnull=True)
        .exclude(gepland_op__isnull=True)
        .first()
    )
    if gepland is None or gepland.gepland_op is None:
        raise Weigering({"__all__": "Dit gesprek is al gevoerd of gesloten."})
    fouten = rules.sluiten_fouten(gepland.gepland_op, reden, vandaag())
    if fouten:
        raise Weigering(fouten)
    gesloten = GeslotenGesprek.objects.create(
        traject=traject, gepland_op=gepland.gepland_op, reden=reden.strip(), door=door
    )
    gepland.delete()
    registreer(
        traject,
        Gebeurtenis.Soort.GESPREK,
        f"Gepland voortgangsgesprek van {datum_voluit(gesloten.gepland_op)} gesloten",
        door,
        toelichting=gesloten.reden,
    )
    bereken_na_wijziging([traject.pk])
    return gesloten


def bereken_na_wijziging(traject_ids) -> None:
    """Signals "on change": recompute the given cases once, after this transaction commits
    (a service that records three steps recomputes its case once, not three times). The
    cases are gathered on the callback already waiting in this transaction; a rollback drops
    that callback, and with it the cases."""
    from koers.monitoring.engine import bereken_voor

    verbinding = transaction.get_connection()
    for _savepoints, callback, _robust in verbinding.run_on_commit:
        wachtend = getattr(callback, "koers_signalen", None)
        if wachtend is not None:
            wachtend.update(traject_ids)
            return
    ids = set(traject_ids)

    def na_commit():
        na_commit.koers_signalen = None  # type: ignore[attr-defined]  # done: gather anew
        bereken_voor(ids)

    na_commit.koers_signalen = ids  # type: ignore[attr-defined]
    transaction.on_commit(na_commit)


# --- signalen afhandelen ----------------------------------------------------------------------


def _titel(signaal: Signaal) -> str:
    from koers.monitoring.engine import bron_van

    bron = bron_van(signaal.soort)
    return bron.titel if bron else signaal.soort


@transaction.atomic
def handel_af(signaal: Signaal, door, reden: str) -> Signaal:
    signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
    if not signaal.actief or signaal.status not in (Signaal.Status.OPEN, Signaal.Status.UITGESTELD):
        raise Weigering({"__all__": "Dit signaal is al afgehandeld of vervallen."})
    fouten = rules.reden_fouten(reden)
    if fouten:
        raise Weigering(fouten)
    signaal.status = Signaal.Status.AFGEHANDELD
    signaal.reden = reden.strip()
    signaal.uitgesteld_tot = None
    signaal.door = door
    signaal.save()
    registreer(
        signaal.traject,
        Gebeurtenis.Soort.SIGNAAL,
        f"Signaal afgehandeld: {_titel(signaal)}",
        door,
        toelichting=signaal.reden,
    )
    return signaal


@transaction.atomic
def stel_uit(signaal: Signaal, door, tot, reden: str) -> Signaal:
    signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
    if not signaal.actief or signaal.status not in (Signaal.Status.OPEN, Signaal.Status.UITGESTELD):
        raise Weigering({"__all__": "Dit signaal is al afgehandeld of vervallen."})
    tot_datum = _datum(tot)
    fouten = rules.uitstel_fouten(tot_datum, reden, vandaag())
    if fouten:
        raise Weigering(fouten)
    signaal.status = Signaal.Status.UITGESTELD
    signaal.uitgesteld_tot = tot_datum
    signaal.reden = reden.strip()
    signaal.door = door
    signaal.save()
    registreer(
        signaal.traject,
        Gebeurtenis.Soort.SIGNAAL,
        f"Signaal uitgesteld tot {datum_voluit(tot_datum)}: {_titel(signaal)}",
        door,
        toelichting=signaal.reden,
    )
    return signaal
