"""The privacy officer's pages: search the verwerkingenlogging and export a person's
entries (AVG art. 15 inzage). He sees who read or changed what, never the case data."""

from __future__ import annotations

import datetime as dt
import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.avg import bewaarrapport
from koers.avg import inzage as inzage_gegevens
from koers.bouwstenen.schermen import fout_items
from koers.inburgeraars import bereik
from koers.inburgeraars.rules import is_valid_bsn, kalender_fout
from koers.inburgeraars.services import vandaag
from koers.pip.beschikking import PdfFout
from koers.toegang import policy
from koers.toegang.policy import Sectie
from koers.verwerkingen import register, rules, services
from koers.verwerkingen.models import Bewaartermijn, Verwerking

PER_PAGINA = 50
VELDEN = (
    "id",
    "tijdstip",
    "actor_naam",
    "organisatie",
    "rollen",
    "doel",
    "activiteit",
    "kanaal",
    "handeling",
    "inburgeraar_id",
    "traject_id",
    "secties",
    "trace_id",
    "operation_id",
    "parent_operation_id",
    "verwerkingsactiviteit",
    "verwerkingsactiviteit_versie",
)


def _vereis(user) -> None:
    if not policy.mag_verwerkingen_zien(user):
        raise PermissionDenied


def _datum(tekst: str, veld: str, fouten: dict) -> dt.date | None:
    if not tekst:
        return None
    try:
        datum = dt.date.fromisoformat(tekst)
    except ValueError:
        fouten[veld] = _("Vul een datum in als jjjj-mm-dd, bijvoorbeeld 2026-11-01.")
        return None
    # The search adds a day and a time zone to it: a date at the calendar's edge overflows.
    if fout := kalender_fout(datum):
        fouten[veld] = fout
        return None
    return datum


def _na(tekst: str) -> int | None:
    """The id to page on from; a digit string ``int()`` cannot read (``²``) or a number no
    database column holds is no page."""
    if tekst.isascii() and tekst.isdigit() and len(tekst) <= 18:
        return int(tekst)
    return None


def _persoon(user, bsn: str, fouten: dict) -> int | None:
    if not is_valid_bsn(bsn):
        fouten["bsn"] = _("Dit is geen geldig BSN: 9 cijfers die de elfproef doorstaan.")
        return None
    persoon = bereik.persoon_voor_inzage(user, bsn)
    return persoon.pk if persoon is not None else 0  # 0: a valid BSN we do not know: no records


@login_required
def zoeken(request):
    user = request.user
    _vereis(user)
    bsn = (request.GET.get("bsn") or "").strip()
    gebruiker = (request.GET.get("gebruiker") or "").strip()[:150]
    fouten: dict[str, str] = {}
    van = _datum(request.GET.get("van") or "", "van", fouten)
    tot = _datum(request.GET.get("tot") or "", "tot", fouten)
    qs = bereik.verwerkingen_voor(user)
    persoon = None
    if bsn:
        persoon = _persoon(user, bsn, fouten)
        if persoon is not None:
            qs = qs.filter(inburgeraar_id=persoon)
    if gebruiker:
        qs = qs.filter(actor_naam=gebruiker)
    tz = timezone.get_current_timezone()
    if van:
        qs = qs.filter(tijdstip__gte=dt.datetime.combine(van, dt.time.min, tz))
    if tot:
        qs = qs.filter(
            tijdstip__lt=dt.datetime.combine(tot + dt.timedelta(days=1), dt.time.min, tz)
        )
    na = request.GET.get("na") or ""
    if na and _na(na) is None:
        fouten["na"] = _("Deze pagina bestaat niet. Begin opnieuw met zoeken.")
    elif na:
        qs = qs.filter(id__lt=_na(na))
    rijen = [] if fouten else list(qs.only(*VELDEN).order_by("-id")[: PER_PAGINA + 1])
    if bsn and not fouten and persoon:
        # Looking a person up by BSN is a processing of his data too; logged
        # after the search, so the officer's own search is in the next one.
        services.log(
            user=user,
            handeling=Verwerking.Handeling.LEZEN,
            activiteit=rules.ACTIVITEIT_ZOEKEN,
            inburgeraar_id=persoon,
            secties=["verwerkingen"],
            doel=rules.DOEL_INZAGE,
            register=rules.REGISTER_INZAGE,
        )
    meer = len(rijen) > PER_PAGINA
    rijen = rijen[:PER_PAGINA]
    return render(
        request,
        "verwerkingen/zoeken.html",
        {
            "rijen": rijen,
            "bsn": bsn,
            "gebruiker": gebruiker,
            "van": request.GET.get("van") or "",
            "tot": request.GET.get("tot") or "",
            "fouten": fout_items(fouten, links={k: f"#id_{k}" for k in fouten if k != "na"}),
            "volgende": rijen[-1].pk if meer else None,
            "bladeren": bool(na),
            "gezocht": bool(bsn or gebruiker or van or tot),
        },
        status=400 if fouten else 200,
    )


def _geen_persoon(fouten: dict[str, str]) -> HttpResponse:
    """The JSON answer when the BSN is invalid (400, with the field error) or names nobody
    within reach (404)."""
    return HttpResponse(
        json.dumps(
            {
                "detail": _("Onbekend of ongeldig BSN."),
                "fouten": {"bsn": [fouten.get("bsn", "")]},
            }
        ),
        status=400 if fouten else 404,
        content_type="application/json",
    )


@login_required
def export(request):
    """All log records about one person as JSON (the log part of an AVG inzage). The export
    itself is logged."""
    user = request.user
    _vereis(user)
    fouten: dict[str, str] = {}
    bsn = (request.GET.get("bsn") or "").strip()
    persoon = _persoon(user, bsn, fouten)
    if fouten or not persoon:
        return _geen_persoon(fouten)
    with transaction.atomic():
        services.log(
            user=user,
            handeling=Verwerking.Handeling.LEZEN,
            activiteit=rules.ACTIVITEIT_INZAGE,
            inburgeraar_id=persoon,
            kanaal=Verwerking.Kanaal.EXPORT,
            secties=["verwerkingen"],
            doel=rules.DOEL_INZAGE,
        )
        rijen = [
            {
                "id": v.pk,
                "tijdstip": v.tijdstip.isoformat(),
                "organisatie": v.organisatie,
                "rollen": v.rollen,
                "gebruiker": v.actor_naam,
                "doel": v.doel,
                "activiteit": v.activiteit,
                "kanaal": v.kanaal,
                "handeling": v.handeling,
                "secties": v.secties,
                # Logboek Dataverwerkingen: to follow the processing in other logbooks.
                "trace_id": v.trace_id,
                "operation_id": v.operation_id,
                "parent_operation_id": v.parent_operation_id,
                "verwerkingsactiviteit": v.verwerkingsactiviteit,
                # The register entry's version the record was written under, filled below.
                "register": v.verwerkingsactiviteit_versie,
            }
            for v in bereik.verwerkingen_voor(user)
            .filter(inburgeraar_id=persoon)
            .only(*VELDEN)
            .order_by("id")
            .iterator(chunk_size=2000)
        ]
        versies = register.versies(rij["register"] for rij in rijen)
        for rij in rijen:
            rij["register"] = register.beschrijving(versies.get(rij["register"]))
    inhoud = json.dumps(
        {"bsn": bsn, "aangemaakt": timezone.now().isoformat(), "verwerkingen": rijen},
        ensure_ascii=False,
        indent=2,
    )
    antwoord = HttpResponse(inhoud, content_type="application/json; charset=utf-8")
    antwoord["Content-Disposition"] = f'attachment; filename="verwerkingen-{persoon}.json"'
    return antwoord


@login_required
def inzage(request, formaat: str):
    """Everything Koers holds about one person (AVG art. 15), as JSON or PDF: all linked
    data (koers.avg.inzage), his files by name and size, and who saw his data. The
    export itself is logged, in the same transaction."""
    user = request.user
    _vereis(user)
    fouten: dict[str, str] = {}
    bsn = (request.GET.get("bsn") or "").strip()
    if not is_valid_bsn(bsn):
        fouten["bsn"] = _("Dit is geen geldig BSN: 9 cijfers die de elfproef doorstaan.")
    persoon = None if fouten else bereik.persoon_voor_inzage(user, bsn)
    if persoon is None:
        return _geen_persoon(fouten)
    with transaction.atomic():
        services.log(
            user=user,
            handeling=Verwerking.Handeling.LEZEN,
            activiteit=rules.ACTIVITEIT_INZAGE,
            inburgeraar_id=persoon.pk,
            traject_id=persoon.huidig_traject_id,
            kanaal=Verwerking.Kanaal.EXPORT,
            secties=[*(s.value for s in Sectie), "verwerkingen"],
            doel=rules.DOEL_INZAGE,
        )
        data = inzage_gegevens.gegevens(persoon)
    if formaat == "pdf":
        try:
            inhoud = inzage_gegevens.pdf(persoon, data)
        except PdfFout as fout:
            return HttpResponse(str(fout), status=500, content_type="text/plain; charset=utf-8")
        antwoord = HttpResponse(inhoud, content_type="application/pdf")
    else:
        antwoord = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2, default=str),
            content_type="application/json; charset=utf-8",
        )
    antwoord["Content-Disposition"] = (
        f'attachment; filename="inzage-{persoon.pk}.{"pdf" if formaat == "pdf" else "json"}"'
    )
    return antwoord


BEWAAR_MAX = 500


@login_required
def bewaartermijn(request):
    """The dry-run report of the retention rules for the officer's gemeente
    (koers.avg.bewaarrapport, as ``koers verwerkingen-bewaartermijn --dry-run``): which
    closed cases are past their bewaartermijn, and how many log records about its persons
    would be removed. Ids and dates only, no names; changes nothing (the functioneel
    beheerder runs it with ``koers verwerkingen-bewaartermijn --uitvoeren``)."""
    user = request.user
    _vereis(user)
    dag = vandaag()
    eigen = bewaarrapport.voor_gemeente(dag, user.gemeente)  # counts, walks no chain
    rijen = [(eigen.naam, *zaak) for zaak in eigen.zaken]
    termijn = policy.van_eigen_gemeente(user, Bewaartermijn.objects).values_list(
        "jaren", "log_extra_jaren"
    ).first() or (rules.BEWAARTERMIJN_JAREN, rules.BEWAARTERMIJN_LOG_EXTRA_JAREN)
    return render(
        request,
        "verwerkingen/bewaartermijn.html",
        {
            "rijen": rijen[:BEWAAR_MAX],
            "totaal": len(rijen),
            "afgekapt": len(rijen) > BEWAAR_MAX,
            "vandaag": dag,
            "jaren": termijn[0],
            "log_extra_jaren": termijn[1],
            "log": eigen.log,
            "standaard": rules.BEWAARTERMIJN_JAREN,
        },
    )
