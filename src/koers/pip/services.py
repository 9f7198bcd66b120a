"""Write paths of the PIP: draft versions, and vaststellen (version + beschikking + status +
termijn in one transaction)."""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from koers.bouwstenen.weigering import Weigering
from koers.inburgeraars import rules as traject_rules
from koers.inburgeraars import signals
from koers.inburgeraars.models import Gebeurtenis, Traject
from koers.inburgeraars.services import (
    AFGEROND,
    neem_over,
    registreer,
    vergrendel,
    weiger_als_afgerond,
    wijzig_status,
)
from koers.intake import rules as intake_rules
from koers.pip import rules
from koers.pip.models import Beschikking, DuoPip, PipVersie
from koers.pip.signals import ontzorgen_groep_gevraagd

INHOUD_VELDEN = (
    "dagtekening",
    "leerroute",
    "niveau",
    "geschatte_intensiteit_b1_route",
    "alfabetisering",
    "mag_opleiding_afmaken",
    "toelichting_leerroute",
    "doelen",
    "begeleiding_ondersteuning",
    "pvt_invulling",
    "pvt_uren",
    "map_invulling",
    "map_uren",
    "ontzorgen",
    "ontzorgen_toelichting",
    "voortgangsgesprekken",
    "partners",
)


def _context(traject: Traject, *, behalve: PipVersie | None = None) -> rules.PipContext:
    inburgeraar = traject.inburgeraar
    vastgesteld = traject.pips.filter(status=PipVersie.Status.VASTGESTELD)
    if behalve is not None:
        vastgesteld = vastgesteld.exclude(pk=behalve.pk)
    eerste = vastgesteld.order_by("versie").first()
    huidige = vastgesteld.order_by("-versie").first()
    context = rules.PipContext(
        doelgroep=inburgeraar.doelgroepindeling,
        datum_start_plicht=traject.datum_start_plicht,
        vestigingsdatum=inburgeraar.vestigingsdatum,
        eerste_pip_dagtekening=eerste.dagtekening if eerste else None,
        huidige_pip_dagtekening=huidige.dagtekening if huidige else None,
        huidige_leerroute=huidige.leerroute if huidige else None,
        termijn_start=traject.termijn_start,
        vandaag=timezone.localdate(),
    )
    return rules.met_eerder_pip(context, eerder_pip(traject))


def eerder_pip(traject: Traject) -> rules.EerderPip | None:
    """DUO's current PIP as the handlers stored it when the case opened (SS121 and others)."""
    duo = DuoPip.objects.filter(traject=traject).first()
    if duo is None:
        return None
    return rules.EerderPip(
        gemeentecode=duo.gemeentecode,
        dagtekening=duo.dagtekening,
        leerroute=duo.leerroute,
        niveau=duo.niveau or None,
    )


def pip_van_andere_gemeente(traject: Traject) -> bool:
    eerder = eerder_pip(traject)
    return eerder is not None and eerder.gemeentecode != traject.gemeente.gemeentecode


def standaard_leerroute(traject: Traject) -> str | None:
    """The leerroute a new PIP version starts from (koers.pip.rules.standaard_leerroute)."""
    eigen = (
        traject.pips.filter(status=PipVersie.Status.VASTGESTELD)
        .order_by("-versie")
        .values_list("leerroute", flat=True)
        .first()
    )
    return rules.standaard_leerroute(eigen, eerder_pip(traject))


def ontzorgen_groep(traject: Traject) -> str:
    """Whom the traject's gemeente ontzorgt: the answer of the receiver of
    ``ontzorgen_groep_gevraagd`` (begeleiding keeps that choice), else the law's group."""
    for _ontvanger, groep in ontzorgen_groep_gevraagd.send(sender=Traject, traject=traject):
        if groep:
            return groep
    return rules.GROEP_WET


def _vorm_fouten(data: dict) -> dict[str, str]:
    fouten = {}
    for sleutel in data.get("doelen") or {}:
        if sleutel not in intake_rules.DIMENSIE_SLEUTELS:
            fouten[f"doelen.{sleutel}"] = f"Onbekende dimensie '{sleutel}'."
    return fouten


def fouten(
    traject: Traject, pip: PipVersie, *, ontzorgen_groep: str = rules.GROEP_WET
) -> dict[str, str]:
    """All rule violations of this version as it stands (used before vaststellen and shown
    on the draft so the adviseur sees them early). ``ontzorgen_groep`` is the gemeente's
    choice of who is ontzorgd (begeleiding.Begeleidingsbeleid.ontzorgen_groep, which the
    core cannot read: the web and API views pass it); without it only the law's group."""
    f: dict[str, str] = {}
    if pip.dagtekening is None:
        f["dagtekening"] = "Vul de dagtekening in: de datum van de beschikking."
    else:
        voorstel = rules.PipVoorstel(
            dagtekening=pip.dagtekening,
            leerroute=pip.leerroute,
            niveau=pip.niveau or None,
            geschatte_intensiteit_b1_route=pip.geschatte_intensiteit_b1_route,
            alfabetisering=pip.alfabetisering or None,
            mag_opleiding_afmaken=pip.mag_opleiding_afmaken,
        )
        f.update(rules.pip_fouten(voorstel, _context(traject, behalve=pip)))
    inburgeraar = traject.inburgeraar
    f.update(
        rules.inhoud_fouten(
            gedetailleerde_doelgroep=inburgeraar.doelgroep,
            doelgroep=inburgeraar.doelgroepindeling,
            leerroute=pip.leerroute,
            ontzorgen=pip.ontzorgen,
            map_uren=pip.map_uren,
            pvt_uren=pip.pvt_uren,
            ontzorgen_groep=ontzorgen_groep,
        )
    )
    return f


def concept_fouten(traject: Traject, data: dict) -> dict[str, str]:
    """What keeps a draft from being saved (:func:`bewaar_concept`): known goals, a
    leerroute, a dagtekening in the traject's window. The rules of vaststellen are
    :func:`fouten`; a draft may still break them."""
    vorm = _vorm_fouten(data)
    if data.get("leerroute") not in rules.Leerroute.__members__.values():
        vorm["leerroute"] = "Kies een leerroute: B1-route, onderwijsroute of Z-route."
    datum_fout = traject_rules.uitvoering_datum_fout(
        data.get("dagtekening"), timezone.localdate(), traject.datum_start_plicht
    )
    if datum_fout:
        vorm["dagtekening"] = datum_fout
    return vorm


@transaction.atomic
def bewaar_concept(traject: Traject, door, data: dict, *, versie: int | None = None) -> PipVersie:
    """Create the draft version, or update it. A vastgesteld version never changes."""
    traject = vergrendel(traject)
    vorm = concept_fouten(traject, data)
    if vorm:
        raise Weigering(vorm)
    weiger_als_afgerond(traject)
    concept = traject.pips.filter(status=PipVersie.Status.CONCEPT).first()
    if versie is not None and (concept is None or concept.versie != versie):
        raise Weigering(
            {
                "__all__": "Alleen het concept kan veranderen; een vastgesteld PIP "
                "wijzigt u met een nieuwe versie."
            }
        )
    if concept is None:
        hoogste = traject.pips.aggregate(m=Max("versie"))["m"] or 0
        concept = PipVersie(traject=traject, versie=hoogste + 1, aangemaakt_door=door)
    neem_over(concept, data, INHOUD_VELDEN)
    concept.save()
    registreer(
        traject,
        Gebeurtenis.Soort.PIP_CONCEPT,
        f"PIP versie {concept.versie} als concept opgeslagen",
        door,
    )
    return concept


@transaction.atomic
def stel_vast(
    traject: Traject, versie: int, door, *, ontzorgen_groep: str = rules.GROEP_WET
) -> PipVersie:
    """Vaststellen: check every rule, then store version, beschikking, status and termijn
    together. Nothing is saved when anything is refused. ``ontzorgen_groep``: see
    :func:`fouten`."""
    from koers.pip.beschikking import maak_pdf

    traject = vergrendel(traject, "inburgeraar", "gemeente__organisatie")
    pip = traject.pips.filter(versie=versie).first()
    if pip is None:
        raise Weigering({"__all__": f"PIP versie {versie} bestaat niet."})
    if pip.is_vastgesteld:
        raise Weigering({"__all__": f"PIP versie {versie} is al vastgesteld."})
    f = {}
    intake = getattr(traject, "intake", None)
    if intake is None or not intake.is_afgerond:
        f["intake"] = "Rond eerst de brede intake af. Het PIP bouwt op de intake."
    if not traject.is_open:
        f["__all__"] = AFGEROND
    f.update(fouten(traject, pip, ontzorgen_groep=ontzorgen_groep))
    if f:
        raise Weigering(f)

    # The termijn starts after the first PIP at any gemeente (Wi2021 art. 11): after a move
    # it is the earlier gemeente's, and DUO's dates apply, not one derived from this PIP.
    eerste = not traject.pips.filter(
        status=PipVersie.Status.VASTGESTELD
    ).exists() and not pip_van_andere_gemeente(traject)
    pip.status = PipVersie.Status.VASTGESTELD
    pip.vastgesteld_door = door
    pip.vastgesteld_op = timezone.now()
    pip.save()
    if eerste and traject.termijn_bron != "duo":
        assert pip.dagtekening is not None  # fouten() refused a PIP without one above
        traject.termijn_start, traject.termijn_eind = rules.termijn(pip.dagtekening)
        traject.termijn_bron = "afgeleid"
        traject.save(update_fields=["termijn_start", "termijn_eind", "termijn_bron"])
    if traject.status in (traject_rules.Status.AANGEMELD, traject_rules.Status.BREDE_INTAKE):
        wijzig_status(traject, traject_rules.Status.PIP_VASTGESTELD, door)
    kenmerk = f"PIP-{traject.gemeente.gemeentecode}-{traject.pk}-{pip.versie}"
    pdf = maak_pdf(pip, kenmerk=kenmerk)
    Beschikking.objects.create(
        pip=pip, kenmerk=kenmerk, pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest()
    )
    registreer(
        traject,
        Gebeurtenis.Soort.PIP_VASTGESTELD,
        f"PIP versie {pip.versie} vastgesteld ({pip.leerroute_naam}); beschikking {kenmerk}",
        door,
    )
    # Every vastgesteld version goes to DUO: koers.duo queues it on this signal, in this
    # same transaction (a refusal raises Weigering and nothing is saved).
    signals.traject_gewijzigd.send(
        sender=PipVersie, traject=traject, wat=signals.PIP_VASTGESTELD, pip=pip
    )
    return pip
