"""Pages of Mijn Inburgering (URL prefix /mijn/). Every page shows only the logged-in
inburgeraar's own data, and every read or write of it is logged with ``log_portaal``."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from koers.bouwstenen.weigering import Weigering
from koers.demo.personen import demo_bsns
from koers.inburgeraars.models import Inburgeraar
from koers.pip.beschikking import pdf_voor
from koers.pip.models import Beschikking
from koers.portaal import checks, gegevens, ical, labels, rules, services, sessie
from koers.portaal.forms import BerichtForm, DemoInlogForm, DocumentForm
from koers.portaal.models import Bericht, Document
from koers.portaal.sessie import inburgeraar_vereist
from koers.toegang.policy import Sectie
from koers.verwerkingen.models import Verwerking
from koers.verwerkingen.services import log_portaal

LEZEN = Verwerking.Handeling.LEZEN


def _veilig(request, url: str | None, standaard: str) -> str:
    if (
        url
        and url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        and url.startswith(rules.PAD)
    ):
        return url
    return reverse(standaard)


def oidc_url() -> str | None:
    """The DigiD login of koers.beveiliging, when it is there and switched on."""
    if not checks.oidc_aan():
        return None
    try:
        return reverse("beveiliging:portaal_oidc_start")
    except NoReverseMatch:
        return None


def _fouten(form) -> list[dict]:
    items = []
    for naam, fouten in form.errors.items():
        href = f"#{form[naam].auto_id}" if naam in form.fields else None
        items.extend({"href": href, "tekst": tekst} for tekst in fouten)
    return items


def _weigering(form, weigering: Weigering) -> None:
    for sleutel, tekst in weigering.fouten.items():
        form.add_error(sleutel if sleutel in form.fields else None, tekst)


# --- login ------------------------------------------------------------------------------------


def inloggen(request):
    if sessie.huidige_inburgeraar(request) is not None:
        return redirect("portaal:overzicht")
    return render(
        request,
        "portaal/inloggen.html",
        {
            "oidc_url": oidc_url(),
            "demo_login": checks.demo_login_aan(),
            "next": _veilig(request, request.GET.get("next"), "portaal:overzicht"),
        },
    )


def _demo_personen() -> list[Inburgeraar]:
    return list(
        Inburgeraar.objects.filter(bsn__in=demo_bsns())
        .select_related("gemeente__organisatie")
        .order_by("geslachtsnaam", "voornamen")[:60]
    )


@require_http_methods(["GET", "POST"])
def demo_inloggen(request):
    """Development login: a BSN of a demo person, without DigiD. Only in demo mode; only the
    demo persons (BSNs in RvIG's test range), so no one learns whether another BSN exists."""
    if not checks.demo_login_aan():
        raise Http404
    form = DemoInlogForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        bsn = form.cleaned_data["bsn"]
        inburgeraar = None
        if bsn in set(demo_bsns()):
            inburgeraar = Inburgeraar.objects.filter(bsn=bsn).first()
        if inburgeraar is None:
            form.add_error(
                "bsn", _("Er is geen demo-inburgeraar met dit BSN. Kies een BSN uit de lijst.")
            )
        else:
            sessie.inloggen(request, inburgeraar)
            return redirect(_veilig(request, request.POST.get("next"), "portaal:overzicht"))
    return render(
        request,
        "portaal/demo_inloggen.html",
        {
            "form": form,
            "fouten": _fouten(form),
            "personen": _demo_personen(),
            "next": _veilig(
                request, request.GET.get("next") or request.POST.get("next"), "portaal:overzicht"
            ),
        },
    )


@require_POST
def uitloggen(request):
    sessie.uitloggen(request)
    messages.info(request, _("U bent uitgelogd."))
    return redirect("portaal:inloggen")


@require_POST
def taal(request):
    """The language switcher (a form, so it works without JavaScript)."""
    code = request.POST.get("taal", "")
    response = redirect(_veilig(request, request.POST.get("next"), "portaal:overzicht"))
    if code in rules.TAAL_CODES:
        response.set_cookie(
            rules.TAAL_COOKIE,
            code,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    return response


# --- pages ------------------------------------------------------------------------------------


def _contact(inburgeraar) -> dict:
    traject = inburgeraar.huidig_traject
    adviseur = traject.adviseur if traject is not None else None
    gemeente = inburgeraar.gemeente
    return {
        "adviseur": adviseur,
        "gemeente": gemeente,
        "telefoon": gemeente.telefoon,
        "email": adviseur.email if adviseur else "",
    }


@inburgeraar_vereist
def overzicht(request):
    ik = request.inburgeraar
    vandaag = timezone.localdate()
    lijst = gegevens.afspraken(ik)
    volgende = gegevens.volgende_afspraak(lijst, vandaag)
    v = gegevens.voortgang(ik)
    ongelezen = gegevens.ongelezen_van_gemeente(ik)
    log_portaal(ik, LEZEN, [Sectie.TRAJECT, Sectie.GESPREKKEN, Sectie.PIP])
    traject = ik.huidig_traject
    return render(
        request,
        "portaal/overzicht.html",
        {
            "ik": ik,
            "volgende": volgende,
            "ongelezen": ongelezen,
            "stappen": gegevens.volgende_stappen(ik, v, volgende, ongelezen),
            "status": labels.label(labels.TRAJECTSTATUS, traject.status) if traject else "",
            **_contact(ik),
        },
    )


@inburgeraar_vereist
def plan(request):
    ik = request.inburgeraar
    pip = gegevens.huidige_pip(ik.huidig_traject)
    doelen = []
    if pip is not None:
        doelen = [
            {"label": labels.label(labels.DIMENSIE, k), "tekst": t}
            for k, t in (pip.doelen or {}).items()
            if t
        ]
    log_portaal(ik, LEZEN, [Sectie.PIP])
    return render(
        request,
        "portaal/plan.html",
        {
            "ik": ik,
            "pip": pip,
            "doelen": doelen,
            "traject": ik.huidig_traject,
            "leerroute": labels.label(labels.LEERROUTE, pip.leerroute) if pip else "",
            "leerroute_uitleg": labels.label(labels.LEERROUTE_UITLEG, pip.leerroute) if pip else "",
            "map_nodig": pip is not None and gegevens.module_rules.map_verplicht(pip.leerroute),
            "beschikkingen": gegevens.beschikkingen(ik.huidig_traject),
        },
    )


@inburgeraar_vereist
def afspraken(request):
    ik = request.inburgeraar
    vandaag = timezone.localdate()
    lijst = gegevens.afspraken(ik)
    log_portaal(ik, LEZEN, [Sectie.GESPREKKEN, Sectie.NETWERK, Sectie.INTAKE])
    return render(
        request,
        "portaal/afspraken.html",
        {
            "ik": ik,
            "komend": [a for a in lijst if a.datum >= vandaag],
            "geweest": [a for a in reversed(lijst) if a.datum < vandaag],
        },
    )


def _ics(request, ik, lijst, bestandsnaam):
    tekst = ical.kalender(
        [
            ical.Afspraak(
                a.sleutel, a.datum, a.titel, a.uitleg, ik.gemeente.naam if a.soort != "tolk" else ""
            )
            for a in lijst
        ],
        naam=_("Mijn Inburgering"),
        nu=timezone.now(),
        domein=request.get_host().split(":")[0],
    )
    log_portaal(ik, LEZEN, [Sectie.GESPREKKEN])
    response = HttpResponse(tekst.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.ics"'
    return response


@inburgeraar_vereist
def afspraken_ics(request):
    ik = request.inburgeraar
    return _ics(request, ik, gegevens.afspraken(ik), "afspraken")


@inburgeraar_vereist
def afspraak_ics(request, sleutel):
    ik = request.inburgeraar
    lijst = [a for a in gegevens.afspraken(ik) if a.sleutel == sleutel]
    if not lijst:
        raise Http404
    return _ics(request, ik, lijst, f"afspraak-{sleutel}")


@inburgeraar_vereist
def voortgang(request):
    ik = request.inburgeraar
    vandaag = timezone.localdate()
    v = gegevens.voortgang(ik)
    lijst = gegevens.afspraken(ik)
    volgende = gegevens.volgende_afspraak(lijst, vandaag)
    log_portaal(ik, LEZEN, [Sectie.LEERROUTE, Sectie.MODULES])
    return render(
        request,
        "portaal/voortgang.html",
        {
            "ik": ik,
            "v": v,
            "stappen": gegevens.volgende_stappen(ik, v, volgende, 0),
            "pvt_uren": v.module_uren.get("pvt", 0),
            "map_uren": v.module_uren.get("map", 0),
        },
    )


@inburgeraar_vereist
@require_http_methods(["GET", "POST"])
def documenten(request):
    ik = request.inburgeraar
    form = DocumentForm(request.POST or None, request.FILES or None, inburgeraar=ik)
    if request.method == "POST" and form.is_valid():
        try:
            services.bewaar_document(
                ik,
                form.cleaned_data["bestand"],
                form.cleaned_data["soort"],
                form.cleaned_data.get("toelichting", ""),
            )
        except Weigering as weigering:
            _weigering(form, weigering)
        else:
            messages.success(request, _("Uw document is verstuurd naar uw adviseur."))
            return redirect("portaal:documenten")
    lijst = list(
        Document.objects.filter(inburgeraar=ik).only(
            "id",
            "soort",
            "naam",
            "grootte",
            "toelichting",
            "geupload_op",
            "gezien_op",
            "inburgeraar_id",
        )
    )
    for d in lijst:
        d.soort_label = labels.label(labels.DOCUMENTSOORT, d.soort)
    log_portaal(ik, LEZEN, [Sectie.DOCUMENTEN])
    return render(
        request,
        "portaal/documenten.html",
        {
            "ik": ik,
            "form": form,
            "fouten": _fouten(form),
            "documenten": lijst,
            "beschikkingen": gegevens.beschikkingen(ik.huidig_traject),
        },
        status=400 if form.errors else 200,
    )


@inburgeraar_vereist
def document(request, pk):
    ik = request.inburgeraar
    doc = Document.objects.filter(pk=pk, inburgeraar=ik).first()
    if doc is None:
        raise Http404
    log_portaal(ik, LEZEN, [Sectie.DOCUMENTEN])
    return _bestand(doc)


@inburgeraar_vereist
def beschikking(request, versie):
    """The letter of a vastgesteld PIP of his own current traject, as stored (his own goals,
    health ones too, are his to read)."""
    ik = request.inburgeraar
    document = (
        Beschikking.objects.filter(pip__traject_id=ik.huidig_traject_id, pip__versie=versie)
        .select_related("pip")
        .first()
        if ik.huidig_traject_id
        else None
    )
    if document is None:
        raise Http404
    log_portaal(ik, LEZEN, [Sectie.PIP])
    response = HttpResponse(pdf_voor(document, met_gezondheid=True), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.kenmerk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


def _bestand(doc):
    try:
        bestand = doc.bestand.open("rb")
    except (FileNotFoundError, OSError) as fout:
        raise Http404 from fout
    response = FileResponse(bestand, as_attachment=True, filename=doc.naam)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _keyset(request) -> int | None:
    try:
        waarde = int(request.GET.get("voor", ""))
    except ValueError:
        return None
    return waarde if waarde > 0 else None


@inburgeraar_vereist
@require_http_methods(["GET", "POST"])
def berichten(request):
    ik = request.inburgeraar
    form = BerichtForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.stuur_bericht(ik, form.cleaned_data["tekst"])
        except Weigering as weigering:
            _weigering(form, weigering)
        else:
            messages.success(request, _("Uw bericht is verstuurd."))
            return redirect("portaal:berichten")
    rijen = Bericht.objects.filter(inburgeraar=ik).order_by("-id")
    voor = _keyset(request)
    if voor is not None:
        rijen = rijen.filter(id__lt=voor)
    rijen = list(
        rijen.only("id", "richting", "tekst", "verstuurd_op", "gelezen_op", "inburgeraar_id")[
            : rules.BERICHTEN_PER_PAGINA + 1
        ]
    )
    ouder = (
        rijen[rules.BERICHTEN_PER_PAGINA - 1].pk
        if len(rijen) > rules.BERICHTEN_PER_PAGINA
        else None
    )
    rijen = rijen[: rules.BERICHTEN_PER_PAGINA]
    services.gelezen_door_inburgeraar(ik)  # logs the read
    return render(
        request,
        "portaal/berichten.html",
        {
            "ik": ik,
            "form": form,
            "fouten": _fouten(form),
            "berichten": rijen,
            "ouder": ouder,
            "adviseur": ik.huidig_traject.adviseur if ik.huidig_traject else None,
        },
        status=400 if form.errors else 200,
    )


def _dag(request):
    try:
        return date.fromisoformat(request.GET.get("voor", ""))
    except ValueError:
        return None


@inburgeraar_vereist
def wie_bekeek(request):
    """Who viewed or changed his data, per day and organisation: role, what, purpose and how
    often; never a staff member's name (koers.portaal.gegevens.inzage)."""
    ik = request.inburgeraar
    voor = _dag(request)
    groepen, ouder = gegevens.inzage(ik, voor)
    log_portaal(ik, LEZEN, ["verwerkingenlogging"])
    return render(
        request,
        "portaal/wie_bekeek.html",
        {"ik": ik, "groepen": groepen, "ouder": ouder, "eerste": voor is None},
    )
