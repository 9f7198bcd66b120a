"""Koers' reports to DUO (pattern melding–bevestiging, RULES.md "Interaction patterns").

Each ``meld_*`` function turns Koers' data into DUO's request body exactly as the OpenAPI file
names it, checks DUO's business rules (koers.duo.rules, koers.pip.rules) and then queues the
message with :func:`koers.duo.outbox.plaats` — in the caller's transaction, so the change and
its melding are stored together or not at all. A rule DUO would break on raises
:class:`~koers.bouwstenen.weigering.Weigering` with Dutch text and queues nothing.

Koers reports on behalf of the gemeente whose case it is (header ``bron`` = that gemeente's
OIN, also when a delegated gemeente does the work).
"""

from __future__ import annotations

import json
from datetime import date

from django.db import transaction
from django.utils import timezone

from koers.bouwstenen.weigering import Weigering
from koers.duo import rules
from koers.duo.models import Bericht, Contactpersoon, ContactpersoonKoppeling
from koers.inburgeraars import signals
from koers.inburgeraars.models import Traject

SOORT_NAMEN = {
    "pip": "PIP",
    "map": "Eindgesprek MAP",
    "pvt": "Participatieverklaring (PVT)",
    "zroute": "Afronding Z-route",
    "inburgeringsaanbod": "Inburgeringsaanbod",
    "uren_taalles_knm_brede_intake": "Uren taalles en KNM tijdens de brede intake",
    "uren_participatieactiviteiten": "Uren participatieactiviteiten",
    "uren_participatie_als_taalles": "Uren participatie als taalles",
    "contactpersoon": "Contactpersoon doorgeven",
    "contactpersoon_koppelen": "Contactpersoon koppelen",
    "contactpersoon_ontkoppelen": "Contactpersoon ontkoppelen",
    "lbt_overgeslagen": "Leerbaarheidstoets overgeslagen",
}


def soort_naam(soort: str) -> str:
    """The kind of message in words for the screens."""
    return SOORT_NAMEN.get(soort, soort)


def _plaats(**kwargs) -> Bericht:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Een melding aan DUO hoort in de transactie van de wijziging.")
    from koers.duo import outbox

    return outbox.plaats(**kwargs)


def _bsn(traject: Traject) -> str:
    return traject.inburgeraar.bsn


def _huidige_pip(traject: Traject):
    from koers.pip.models import PipVersie

    return traject.pips.filter(status=PipVersie.Status.VASTGESTELD).order_by("-versie").first()


# -- PIP ---------------------------------------------------------------------------------------


def pip_body(pip) -> dict:
    """API PIP, schema PIP. What the adviseur chose is sent as is: no niveau with B or O means
    DUO records B1 (RULES.md), so Koers does not fill it in."""
    body: dict = {"dagtekeningPip": pip.dagtekening.isoformat(), "leerroute": pip.leerroute}
    if pip.niveau:
        body["niveau"] = pip.niveau
    if pip.geschatte_intensiteit_b1_route is not None:
        body["geschatteIntensiteitB1Route"] = pip.geschatte_intensiteit_b1_route
    if pip.mag_opleiding_afmaken is not None:
        body["indicatorMagOpleidingAfmaken"] = pip.mag_opleiding_afmaken
    if pip.alfabetisering:
        body["indicatorAlfabetiseringsonderwijs"] = pip.alfabetisering
    return body


def meld_pip(pip) -> Bericht:
    """Queue ``POST /personen/{bsn}/PIP`` for a vastgesteld PIP version (the first PIP and
    every change). Called by koers.pip.services.stel_vast inside its transaction."""
    from koers.pip.services import fouten

    if not pip.is_vastgesteld:
        raise Weigering({"__all__": "Alleen een vastgesteld PIP gaat naar DUO."})
    traject = pip.traject
    f = {
        k: v
        for k, v in fouten(traject, pip).items()
        if k
        in (
            "dagtekening",
            "leerroute",
            "niveau",
            "geschatte_intensiteit_b1_route",
            "alfabetisering",
        )
    }
    if f:
        raise Weigering(f)
    return _plaats(
        soort="pip",
        operation_id="postPipByBsn",
        gemeente=traject.gemeente,
        traject=traject,
        path_params={"bsn": _bsn(traject)},
        body=pip_body(pip),
    )


# -- MAP, PVT, Z-route -------------------------------------------------------------------------


def _eerder_gemeld(traject: Traject, soort: str) -> list[Bericht]:
    """Koers' own earlier reports of this kind for the person, newest first (refused ones do
    not count: DUO did not record them)."""
    return list(
        Bericht.objects.filter(traject__inburgeraar_id=traject.inburgeraar_id, soort=soort)
        .exclude(status=Bericht.Status.GEWEIGERD)
        .order_by("-aangemaakt_op", "-pk")
    )


def _zroute_afgerond_op(traject: Traject) -> date | None:
    for bericht in _eerder_gemeld(traject, "zroute"):
        waarde = (bericht.body or {}).get("datumAfrondingZroute")
        return date.fromisoformat(waarde) if waarde else None
    return None


def _meld_datum(
    traject: Traject,
    *,
    soort: str,
    operation_id: str,
    veld: str,
    datum: date | None,
    verwijtbaar: str | None,
    eerdere_datum_door_deze_gemeente: bool | None | object,
    plicht_voldaan_via_zroute: bool,
) -> Bericht:
    if eerdere_datum_door_deze_gemeente is _AFLEIDEN:
        eerder = [b for b in _eerder_gemeld(traject, soort) if (b.body or {}).get(veld)]
        eerdere_datum_door_deze_gemeente = (
            any(b.gemeente_id == traject.gemeente_id for b in eerder[:1]) if eerder else None
        )
    f = rules.map_pvt_fouten(
        datum,
        verwijtbaar,
        vandaag=timezone.localdate(),
        termijn_start=traject.termijn_start,
        termijn_eind=traject.termijn_eind,
        zroute_afgerond_op=_zroute_afgerond_op(traject),
        gemeente_heeft_huidig_pip=_huidige_pip(traject) is not None,
        eerdere_datum_door_deze_gemeente=eerdere_datum_door_deze_gemeente,
        plicht_voldaan_via_zroute=plicht_voldaan_via_zroute,
    )
    if f:
        raise Weigering(f)
    # PUT replaces the whole resource: a field left out is withdrawn (RULES.md).
    body: dict = {}
    if datum is not None:
        body[veld] = datum.isoformat()
    if verwijtbaar is not None:
        body["verwijtbaar"] = verwijtbaar
    return _plaats(
        soort=soort,
        operation_id=operation_id,
        gemeente=traject.gemeente,
        traject=traject,
        path_params={"bsn": _bsn(traject)},
        body=body,
    )


_AFLEIDEN = object()  # derive "who delivered the earlier date" from Koers' own messages


def meld_map(
    traject: Traject,
    datum: date | None,
    verwijtbaar: str | None = None,
    *,
    eerdere_datum_door_deze_gemeente=_AFLEIDEN,
    plicht_voldaan_via_zroute: bool = False,
) -> Bericht:
    """Queue ``PUT /personen/{bsn}/map`` (datumEindgesprekMap, verwijtbaar). ``datum=None``
    withdraws the date. Who delivered the earlier date is taken from Koers' own messages
    unless the caller knows better (e.g. from DUO's getMapByBsn)."""
    return _meld_datum(
        traject,
        soort="map",
        operation_id="updateMapByBsn",
        veld="datumEindgesprekMap",
        datum=datum,
        verwijtbaar=verwijtbaar,
        eerdere_datum_door_deze_gemeente=eerdere_datum_door_deze_gemeente,
        plicht_voldaan_via_zroute=plicht_voldaan_via_zroute,
    )


def meld_pvt(
    traject: Traject,
    datum: date | None,
    verwijtbaar: str | None = None,
    *,
    eerdere_datum_door_deze_gemeente=_AFLEIDEN,
    plicht_voldaan_via_zroute: bool = False,
) -> Bericht:
    """Queue ``PUT /personen/{bsn}/pvt`` (datumOndertekeningPvt, verwijtbaar)."""
    return _meld_datum(
        traject,
        soort="pvt",
        operation_id="updatePvtByBsn",
        veld="datumOndertekeningPvt",
        datum=datum,
        verwijtbaar=verwijtbaar,
        eerdere_datum_door_deze_gemeente=eerdere_datum_door_deze_gemeente,
        plicht_voldaan_via_zroute=plicht_voldaan_via_zroute,
    )


_DATUMVELD = {"map": "datumEindgesprekMap", "pvt": "datumOndertekeningPvt"}


def datum_door_duo_verwerkt(traject: Traject, soort: str) -> date | None:
    """The MAP or PVT date (``soort`` "map"/"pvt") that DUO holds from Koers: the date of the
    person's latest report of that kind that DUO did not refuse, and only once DUO accepted it
    (delivered). ``None``: nothing accepted yet, a report still on its way, or the latest
    report carried no date (only 'verwijtbaar', or a withdrawal)."""
    for bericht in _eerder_gemeld(traject, soort):
        if bericht.status != Bericht.Status.AFGELEVERD:
            return None
        waarde = (bericht.body or {}).get(_DATUMVELD[soort])
        return date.fromisoformat(waarde) if waarde else None
    return None


def meld_zroute(traject: Traject, datum: date, *, eindgesprek_op: date | None) -> Bericht:
    """Queue ``PUT /personen/{bsn}/zroute`` (datumAfrondingZroute) after the Z-route's own
    eindgesprek, and only after DUO accepted the PVT and MAP dates
    (:func:`koers.duo.rules.zroute_volgorde_fouten`)."""
    pip = _huidige_pip(traject)
    f = rules.zroute_fouten(
        datum,
        vandaag=timezone.localdate(),
        leerroute=pip.leerroute if pip else None,
        gemeente_heeft_huidig_pip=pip is not None,
        eindgesprek_op=eindgesprek_op,
    )
    if not f:
        f = rules.zroute_volgorde_fouten(
            datum,
            pvt_datum=datum_door_duo_verwerkt(traject, "pvt"),
            map_datum=datum_door_duo_verwerkt(traject, "map"),
        )
    if f:
        raise Weigering(f)
    return _plaats(
        soort="zroute",
        operation_id="updateZrouteByBsn",
        gemeente=traject.gemeente,
        traject=traject,
        path_params={"bsn": _bsn(traject)},
        body={"datumAfrondingZroute": datum.isoformat()},
    )


# -- Gevolgde uren -----------------------------------------------------------------------------


def meld_uren(traject: Traject, soort: str, uren: int) -> Bericht:
    """Queue one of the three ``PUT .../uren/...`` running totals (API GevolgdeUren)."""
    f = rules.uren_fouten(soort, uren, doelgroep=traject.inburgeraar.doelgroepindeling)
    if f:
        raise Weigering(f)
    operation_id = rules.UREN_OPERATIES[rules.UrenSoort(soort)]
    return _plaats(
        soort=f"uren_{soort}",
        operation_id=operation_id,
        gemeente=traject.gemeente,
        traject=traject,
        path_params={"bsn": _bsn(traject)},
        body={"uren": uren},
    )


# -- Inburgeringsaanbod ------------------------------------------------------------------------


def aanbod_voor_duo(
    *,
    instellingsnummer: str,
    alfabetisering: str,
    datum_aanbod: date | None,
    startdatum: date | None,
    laatste_lesdag: date | None,
) -> rules.Aanbod:
    """Koers' aanbod (start and last lesson day, both inclusive) as DUO's fields."""
    return rules.Aanbod(
        instellingsnummer=instellingsnummer,
        indicator_alfabetiseringsonderwijs=alfabetisering,
        datum_inburgeringsaanbod=datum_aanbod,
        verwachte_startdatum_opleiding=startdatum,
        verwachte_einddatum_opleiding=rules.duo_einddatum(laatste_lesdag),
    )


def aanbod_body(aanbod: rules.Aanbod) -> dict:
    """API Inburgeringsaanbod, schema Inburgeringsaanbod (DUO's fields, end exclusive)."""
    body: dict = {"indicatorAlfabetiseringsonderwijs": aanbod.indicator_alfabetiseringsonderwijs}
    for veld, naam in (
        ("datum_inburgeringsaanbod", "datumInburgeringsaanbod"),
        ("verwachte_startdatum_opleiding", "verwachteStartdatumOpleiding"),
        ("verwachte_einddatum_opleiding", "verwachteEinddatumOpleiding"),
    ):
        waarde = getattr(aanbod, veld)
        if waarde is not None:
            body[naam] = waarde.isoformat()
    return body


def meld_inburgeringsaanbod(
    traject: Traject,
    *,
    instellingsnummer: str,
    alfabetisering: str,
    datum_aanbod: date | None,
    startdatum: date | None,
    laatste_lesdag: date | None,
    instelling: rules.Instelling | None,
    cursus_laatste_lesdagen: tuple[date, ...] = (),
) -> Bericht:
    """Queue ``POST /personen/{bsn}/Inburgeringsaanbod/{instellingsnummer}`` for an aanbod as
    Koers records it: ``laatste_lesdag`` and ``cursus_laatste_lesdagen`` (the person's aanbod
    at other instellingen: the course a taalschakeltraject follows; the caller knows them, as
    koers.duo does not read the leerroute app) are the last lesson days, inclusive; they go to
    DUO as its exclusive end (rules.duo_einddatum). ``instelling`` is the entry of DUO's
    ``GET /instellingen`` for the number (``None``: DUO does not list it). A refusal names
    DUO's fields (koers.duo.rules.inburgeringsaanbod_fouten)."""
    aanbod = aanbod_voor_duo(
        instellingsnummer=instellingsnummer,
        alfabetisering=alfabetisering,
        datum_aanbod=datum_aanbod,
        startdatum=startdatum,
        laatste_lesdag=laatste_lesdag,
    )
    pip = _huidige_pip(traject)
    f = rules.inburgeringsaanbod_fouten(
        aanbod,
        doelgroep=traject.inburgeraar.doelgroepindeling,
        leerroute=pip.leerroute if pip else None,
        huidige_pip_dagtekening=pip.dagtekening if pip else None,
        instelling=instelling,
        termijn_start=traject.termijn_start,
        termijn_eind=traject.termijn_eind,
        cursus_einddatums=tuple(rules.duo_einddatum(d) for d in cursus_laatste_lesdagen),
    )
    if f:
        raise Weigering(f)
    return _plaats(
        soort="inburgeringsaanbod",
        operation_id="postInburgeringsaanbodByBsnAndInstellingsnummer",
        gemeente=traject.gemeente,
        traject=traject,
        path_params={"bsn": _bsn(traject), "instellingsnummer": aanbod.instellingsnummer},
        body=aanbod_body(aanbod),
    )


# -- Leerbaarheidstoets ------------------------------------------------------------------------


def meld_lbt_overgeslagen(traject: Traject) -> Bericht | None:
    """Queue ``DELETE /personen/{bsn}/lbt/examennummer`` (API Leerbaarheidstoets: "de
    leerbaarheidstoets is overgeslagen"; RULES.md "DELETE = test skipped") after the gemeente
    decided not to take the LBT (koers.inburgeraars.services.sla_lbt_over). Without an
    examennummer from DUO there is nothing to withdraw (DUO would answer 404): ``None``."""
    if not traject.lbt_examennummer:
        return None
    return _plaats(
        soort="lbt_overgeslagen",
        operation_id="deleteExamennummerByBsn",
        gemeente=traject.gemeente,
        traject=traject,
        path_params={"bsn": _bsn(traject)},
    )


def bij_traject_gewijzigd(sender, traject, wat, **kwargs) -> None:
    """Receiver of ``traject_gewijzigd`` (connected in apps.py): the core apps tell what DUO
    must hear without importing koers.duo."""
    if wat == signals.PIP_VASTGESTELD and kwargs.get("pip") is not None:
        meld_pip(kwargs["pip"])
    elif wat == signals.ADVISEUR:
        contactpersoon_bij_toewijzing(traject)
    elif wat == signals.LBT_OVERGESLAGEN:
        meld_lbt_overgeslagen(traject)


# -- Contactpersoon ----------------------------------------------------------------------------


def contactpersoon_gegevens(adviseur, gemeente) -> dict:
    """API Contactpersoon, schema Contactpersoongegevens: the adviseur's name and e-mail, and
    the gemeente's telephone number (Koers records no personal number of an adviseur)."""
    return {
        "naam": adviseur.weergavenaam,
        "email": adviseur.email or "",
        "telefoonnummer": gemeente.telefoon or "",
    }


def meld_contactpersoon(traject: Traject) -> Bericht | None:
    """Make the traject's adviseur the person's contactpersoon at DUO.

    The contactpersoon is created at DUO once per gemeente and adviseur (updated when the name,
    e-mail or telephone changed) and then linked to the person; linking replaces the earlier
    link (RULES.md "Contactpersoon"). DUO's id arrives with the answer to the create; until
    then the link waits and :func:`verwerk_contactpersonen` queues it. Without an adviseur the
    earlier link is removed. Returns the link message, or ``None`` when it waits or there was
    nothing to link.
    """
    gemeente = traject.gemeente
    bsn = _bsn(traject)
    koppeling = (
        ContactpersoonKoppeling.objects.select_for_update(of=("self",))
        .filter(traject=traject)
        .select_related("contactpersoon", "bericht")
        .first()
    )
    adviseur = traject.adviseur
    if adviseur is None:
        if koppeling is None:
            return None
        oud = koppeling.contactpersoon
        bericht = None
        if oud is not None and oud.duo_id:
            bericht = _plaats(
                soort="contactpersoon_ontkoppelen",
                operation_id="deleteContactpersoonByBsn",
                gemeente=gemeente,
                traject=traject,
                path_params={"id": oud.duo_id, "bsn": bsn},
            )
        koppeling.delete()
        return bericht

    gegevens = contactpersoon_gegevens(adviseur, gemeente)
    f = rules.contactpersoon_fouten(**gegevens)
    if f:
        raise Weigering(
            {
                "adviseur": "DUO kan deze adviseur niet als contactpersoon "
                "registreren: " + " ".join(f.values())
            }
        )
    cp = (
        Contactpersoon.objects.select_for_update(of=("self",))
        .filter(gemeente=gemeente, gebruiker=adviseur)
        .select_related("aanmaakbericht")
        .first()
    )
    aanmaak_mislukt = (
        cp is not None
        and cp.duo_id is None
        and (
            cp.aanmaakbericht is None
            or cp.aanmaakbericht.status in (Bericht.Status.GEWEIGERD, Bericht.Status.MISLUKT)
        )
    )
    if cp is None or aanmaak_mislukt:
        # New, or DUO never took the earlier create: (re)create with the current data.
        cp = cp or Contactpersoon(gemeente=gemeente, gebruiker=adviseur)
        for k, v in gegevens.items():
            setattr(cp, k, v)
        cp.aanmaakbericht = _plaats(
            soort="contactpersoon",
            operation_id="createContactpersoon",
            gemeente=gemeente,
            traject=traject,
            path_params={},
            body=gegevens,
        )
        cp.save()
    elif any(getattr(cp, k) != v for k, v in gegevens.items()):
        for k, v in gegevens.items():
            setattr(cp, k, v)
        cp.save()
        if cp.duo_id:
            _plaats(
                soort="contactpersoon",
                operation_id="updateContactpersoonById",
                gemeente=gemeente,
                traject=traject,
                path_params={"id": cp.duo_id},
                body=gegevens,
            )

    if koppeling is None:
        koppeling = ContactpersoonKoppeling(traject=traject)
    elif (
        koppeling.contactpersoon_id == cp.pk
        and koppeling.bericht is not None
        and koppeling.bericht.status != Bericht.Status.GEWEIGERD
    ):
        return koppeling.bericht  # already linked (or on its way): nothing new for DUO
    koppeling.contactpersoon = cp
    koppeling.fout = ""
    koppeling.bericht = _koppel(cp, traject) if cp.duo_id else None
    koppeling.save()
    return koppeling.bericht


def _koppel(cp: Contactpersoon, traject: Traject) -> Bericht:
    return _plaats(
        soort="contactpersoon_koppelen",
        operation_id="postContactpersoonByBsn",
        gemeente=cp.gemeente,
        traject=traject,
        path_params={"id": cp.duo_id, "bsn": _bsn(traject)},
    )


def contactpersoon_bij_toewijzing(traject: Traject) -> None:
    """The hook of koers.inburgeraars.services.wijs_adviseur_toe. Assigning the adviseur is the
    gemeente's own work and goes on when DUO cannot take him as contactpersoon (no e-mail, no
    telephone number of the gemeente): nothing is queued and the reason is kept on the case, so
    the adviseur and the beheerder see what to fix."""
    try:
        with transaction.atomic():
            meld_contactpersoon(traject)
    except Weigering as weigering:
        ContactpersoonKoppeling.objects.update_or_create(
            traject=traject,
            defaults={
                "contactpersoon": None,
                "bericht": None,
                "fout": " ".join(weigering.fouten.values()),
            },
        )


def _duo_id_uit(bericht: Bericht) -> int | None:
    try:
        antwoord = json.loads(bericht.laatste_antwoord or "")
    except ValueError:
        return None
    waarde = antwoord.get("id") if isinstance(antwoord, dict) else None
    return waarde if isinstance(waarde, int) and not isinstance(waarde, bool) else None


def verwerk_contactpersonen(*, max_aantal: int = 100) -> int:
    """Take DUO's id from each delivered ``createContactpersoon`` (answer 201, schema
    Contactpersoon) and queue the links that waited for it. Run by the worker after
    delivering; safe to run in parallel (rows are locked). Returns the number of
    contactpersonen that got their id."""
    klaar = 0
    ids = list(
        Contactpersoon.objects.filter(
            duo_id__isnull=True, aanmaakbericht__status=Bericht.Status.AFGELEVERD
        ).values_list("pk", flat=True)[:max_aantal]
    )
    for pk in ids:
        with transaction.atomic():
            cp = (
                Contactpersoon.objects.select_for_update(of=("self",))
                .select_related("aanmaakbericht", "gemeente")
                .filter(pk=pk, duo_id__isnull=True)
                .first()
            )
            if cp is None or (duo_id := _duo_id_uit(cp.aanmaakbericht)) is None:
                continue
            cp.duo_id = duo_id
            cp.save(update_fields=["duo_id"])
            gegevens = {"naam": cp.naam, "email": cp.email, "telefoonnummer": cp.telefoonnummer}
            if cp.aanmaakbericht.body != gegevens:  # changed while the create was under way
                _plaats(
                    soort="contactpersoon",
                    operation_id="updateContactpersoonById",
                    gemeente=cp.gemeente,
                    traject=cp.aanmaakbericht.traject,
                    path_params={"id": duo_id},
                    body=gegevens,
                )
            wachtend = (
                ContactpersoonKoppeling.objects.select_for_update(of=("self",))
                .filter(contactpersoon=cp, bericht__isnull=True)
                .select_related("traject__inburgeraar")
            )
            for koppeling in wachtend:
                koppeling.bericht = _koppel(cp, koppeling.traject)
                koppeling.save(update_fields=["bericht", "gewijzigd_op"])
            klaar += 1
    return klaar
