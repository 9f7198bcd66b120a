"""API of handhaving, under /api/v1/inburgeraars/{pk}/handhaving. Reading needs the section
HANDHAVING (adviseur and teamleider); every write needs the action HANDHAVEN (adviseur)."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from koers.bouwstenen import api_schema as schema
from koers.bouwstenen.api import PdfRenderer, gevalideerd, vereis
from koers.handhaving import casus, rules, services
from koers.handhaving.models import Brief, DuoOpvraging
from koers.handhaving.serializers import (
    HandhavingAfsluitenSerializer,
    HandhavingBoeteSerializer,
    HandhavingDuoBoetesSerializer,
    HandhavingDuoVerlengingenSerializer,
    HandhavingOnwilSerializer,
    HandhavingszaakNieuwSerializer,
    HandhavingszaakSerializer,
    HandhavingVoornemenNieuwSerializer,
    HandhavingWaarschuwingSerializer,
    HandhavingZienswijzeSerializer,
)
from koers.inburgeraars.bereik import inburgeraar_voor, traject_van
from koers.toegang.policy import Actie, Sectie

TAG = ["handhaving"]
DUO_FOUT = OpenApiResponse(
    schema.FoutSerializer, description="DUO gaf geen (goed) antwoord. Er is niets opgeslagen."
)


def _traject(request, pk):
    inburgeraar = inburgeraar_voor(request, pk, Sectie.HANDHAVING)
    return inburgeraar, traject_van(inburgeraar)


def _zaak_data(request, inburgeraar, traject, zaak_id=None):
    zaken = casus.zaken_met_stappen(traject)
    context = {"request": request, "inburgeraar_pk": inburgeraar.pk}
    if zaak_id is None:
        return HandhavingszaakSerializer(zaken, many=True, context=context).data
    zaak = next((z for z in zaken if z.pk == zaak_id), None)
    if zaak is None:
        raise NotFound("Deze handhavingszaak bestaat niet.")
    return HandhavingszaakSerializer(zaak, context=context).data


def _zaak_van(traject, zaak_id):
    zaak = traject.handhavingszaken.filter(pk=zaak_id).first()
    if zaak is None:
        raise NotFound("Deze handhavingszaak bestaat niet.")
    return zaak


class ZaakLijst(APIView):
    @extend_schema(
        tags=TAG,
        summary="Handhavingszaken",
        description="Alle handhavingszaken van het huidige traject, de nieuwste "
        "eerst, met boetes en brieven.",
        responses=schema.antwoorden({200: HandhavingszaakSerializer(many=True)}),
    )
    def get(self, request, pk):
        inburgeraar, traject = _traject(request, pk)
        return Response(_zaak_data(request, inburgeraar, traject))

    @extend_schema(
        tags=TAG,
        summary="Verzuim vastleggen",
        description="Legt vast wat de inburgeraar niet deed (verzuim), wanneer, en "
        "wat er gebeurde. Daarna volgt de schriftelijke waarschuwing.",
        request=HandhavingszaakNieuwSerializer,
        responses=schema.antwoorden({201: HandhavingszaakSerializer}, schrijft=True),
    )
    def post(self, request, pk):
        inburgeraar, traject = _traject(request, pk)
        vereis(request.user, Actie.HANDHAVEN)
        data = gevalideerd(request, HandhavingszaakNieuwSerializer)
        zaak = services.open_zaak(traject, request.user, data)
        url = reverse("api:handhaving-zaak", kwargs={"pk": inburgeraar.pk, "zaak_id": zaak.pk})
        return Response(
            _zaak_data(request, inburgeraar, traject, zaak.pk),
            status=status.HTTP_201_CREATED,
            headers={"Location": request.build_absolute_uri(url)},
        )


class ZaakDetail(APIView):
    @extend_schema(
        tags=TAG,
        summary="Handhavingszaak bekijken",
        responses=schema.antwoorden({200: HandhavingszaakSerializer}),
    )
    def get(self, request, pk, zaak_id):
        inburgeraar, traject = _traject(request, pk)
        return Response(_zaak_data(request, inburgeraar, traject, zaak_id))


class _ZaakStap(APIView):
    """One step in a handhavingszaak: check the body, call the service, answer with the
    whole zaak. Subclasses name the serializer and the service; the schema text stays with
    each step."""

    serializer_klasse: type
    service: staticmethod

    def post(self, request, pk, zaak_id):
        inburgeraar, traject = _traject(request, pk)
        vereis(request.user, Actie.HANDHAVEN)
        zaak = _zaak_van(traject, zaak_id)
        data = gevalideerd(request, self.serializer_klasse)
        self.service(zaak, request.user, data)
        return Response(_zaak_data(request, inburgeraar, traject, zaak_id))


def _stap_schema(serializer_klasse, summary, description):
    return extend_schema(
        tags=TAG,
        summary=summary,
        description=description,
        request=serializer_klasse,
        responses=schema.antwoorden({200: HandhavingszaakSerializer}, schrijft=True),
    )


@_stap_schema(
    HandhavingWaarschuwingSerializer,
    "Schriftelijke waarschuwing",
    "Legt de schriftelijke waarschuwing vast en maakt de brief (PDF). Eén keer per zaak. "
    "Geen brief als er geen contact meer is met de inburgeraar.",
)
class ZaakWaarschuwing(_ZaakStap):
    serializer_klasse = HandhavingWaarschuwingSerializer
    service = staticmethod(services.stuur_waarschuwing)


@_stap_schema(
    HandhavingVoornemenNieuwSerializer,
    "Voornemen tot boete",
    "Het voornemen tot een boete, met de brief (PDF): het verzuim, het voorschrift dat niet "
    "is nageleefd, het bedrag, en hoe de inburgeraar reageert (schriftelijk tot een datum, "
    "of in een hoorzitting; dan met cautie). Elke boete heeft een eigen voornemen; een nieuw "
    "voornemen kan pas als over het vorige is besloten.",
)
class ZaakVoornemen(_ZaakStap):
    serializer_klasse = HandhavingVoornemenNieuwSerializer
    service = staticmethod(services.maak_voornemen)


@_stap_schema(
    HandhavingZienswijzeSerializer,
    "Zienswijze vastleggen",
    "De zienswijze op het open voornemen: wat de inburgeraar schreef of in de hoorzitting "
    "zei (alleen na de cautie, artikel 5:10a Awb), of dat hij niet reageerde of niet kwam "
    "(pas na de reactietermijn of de hoorzitting).",
)
class ZaakZienswijze(_ZaakStap):
    serializer_klasse = HandhavingZienswijzeSerializer
    service = staticmethod(services.leg_zienswijze_vast)


@_stap_schema(
    HandhavingOnwilSerializer,
    "Uitzonderlijke onwil vastleggen",
    "Alleen voor asielstatushouders, als de gemeente hen in principe geen boete geeft "
    "(beleid na uitspraken van de Raad van State in 2025, geen wet): zonder uitzonderlijke "
    "onwil (met reden) geen boete.",
)
class ZaakOnwil(_ZaakStap):
    serializer_klasse = HandhavingOnwilSerializer
    service = staticmethod(services.leg_onwil_vast)


@_stap_schema(
    HandhavingBoeteSerializer,
    "Boete opleggen",
    f"Het boetebesluit op het open voornemen, met de brief (PDF). Alleen na de schriftelijke "
    f"waarschuwing, het voornemen en de vastgelegde zienswijze; meer dan 0, hoogstens "
    f"{rules.MAX_BOETE_EUR} euro en niet meer dan in het voornemen.",
)
class ZaakBoete(_ZaakStap):
    serializer_klasse = HandhavingBoeteSerializer
    service = staticmethod(services.besluit_boete)


@_stap_schema(
    HandhavingAfsluitenSerializer,
    "Zaak afsluiten",
    "Sluit de zaak af, met of zonder boete. Daarna kan er niets meer bij.",
)
class ZaakAfsluiten(_ZaakStap):
    serializer_klasse = HandhavingAfsluitenSerializer
    service = staticmethod(services.sluit_af)


@extend_schema(
    tags=TAG,
    summary="Brief downloaden",
    description="Een brief van een handhavingszaak, als PDF.",
    responses=schema.antwoorden(
        {
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="De brief (PDF)."
            )
        }
    ),
)
class BriefDownload(APIView):
    renderer_classes = [JSONRenderer, PdfRenderer]

    def get(self, request, pk, brief_id):
        _inburgeraar, traject = _traject(request, pk)
        brief = Brief.objects.filter(zaak__traject=traject, pk=brief_id).first()
        if brief is None:
            raise NotFound("Deze brief bestaat niet.")
        response = HttpResponse(bytes(brief.pdf), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{brief.kenmerk}.pdf"'
        return response


def _duo_antwoord(traject, soort):
    opvraging = DuoOpvraging.objects.filter(traject=traject, soort=soort).first()
    opgehaald = opvraging.opgehaald_op if opvraging else None
    if soort == DuoOpvraging.Soort.BOETES:
        return HandhavingDuoBoetesSerializer(
            {"opgehaald_op": opgehaald, "boetes": services.duo_boetes(opvraging)}
        ).data
    gronden = DuoOpvraging.objects.filter(
        traject=traject, soort=DuoOpvraging.Soort.VERLENGINGSGRONDEN
    ).first()
    return HandhavingDuoVerlengingenSerializer(
        {
            "opgehaald_op": opgehaald,
            "gronden": [vars(g) for g in rules.VERLENGINGSGRONDEN],
            "duo_gronden": services.duo_verlengingsgronden(gronden),
            "verlenging_aanvragen_vanaf": rules.verlenging_aanvragen_vanaf(traject.termijn_start),
            "verlengingen": services.duo_verlengingen(opvraging),
        }
    ).data


def _duo_view(soort, serializer_klasse, wat):
    class View(APIView):
        @extend_schema(
            tags=TAG,
            summary=f"{wat.capitalize()} van DUO",
            description=f"De {wat} zoals Koers ze het laatst bij DUO ophaalde, met "
            "het moment van ophalen. Vraagt DUO niets.",
            responses=schema.antwoorden({200: serializer_klasse}),
        )
        def get(self, request, pk):
            _inburgeraar, traject = _traject(request, pk)
            return Response(_duo_antwoord(traject, soort))

        @extend_schema(
            tags=TAG,
            summary=f"{wat.capitalize()} ophalen bij DUO",
            description=f"Haalt de {wat} nu op bij DUO en bewaart het antwoord. "
            "Geeft DUO geen goed antwoord, dan krijgt u 502 en blijft "
            "het oude antwoord staan.",
            request=None,
            responses={**schema.antwoorden({200: serializer_klasse}, schrijft=True), 502: DUO_FOUT},
        )
        def post(self, request, pk):
            _inburgeraar, traject = _traject(request, pk)
            vereis(request.user, Actie.HANDHAVEN)
            try:
                services.haal_op_bij_duo(traject, soort, request.user)
            except services.DuoNietBeschikbaar as fout:
                return Response({"detail": fout.melding}, status=status.HTTP_502_BAD_GATEWAY)
            return Response(_duo_antwoord(traject, soort))

    View.__name__ = View.__qualname__ = f"Duo{soort.capitalize()}"
    return View


DuoBoetes = _duo_view(DuoOpvraging.Soort.BOETES, HandhavingDuoBoetesSerializer, "boetes")
DuoVerlengingen = _duo_view(
    DuoOpvraging.Soort.VERLENGINGEN, HandhavingDuoVerlengingenSerializer, "verlengingsaanvragen"
)
