"""API of signals and voortgangsgesprekken. Loads through the access policy;
refusals of the services (``Weigering``) become 400 answers (koers.bouwstenen.api_fouten)."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from koers.bouwstenen import api_schema as schema
from koers.bouwstenen.api import Paginering, gevalideerd, vereis
from koers.bouwstenen.api_fouten import DETAIL_403
from koers.inburgeraars import bereik
from koers.inburgeraars.bereik import traject_voor
from koers.monitoring import lezen, services
from koers.monitoring.models import Signaal, Voortgangsgesprek
from koers.monitoring.serializers import (
    AfhandelenSerializer,
    GeslotenGesprekSerializer,
    GesprekSerializer,
    GesprekSluitenSerializer,
    SignaalSerializer,
    UitstellenSerializer,
)
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie
from koers.verwerkingen.services import LogtLijst

LIVE = (Signaal.Status.OPEN, Signaal.Status.UITGESTELD)


def _context(request, **extra) -> dict:
    return {"request": request, "titels": lezen.titels(), **extra}


@extend_schema(
    tags=["signalen"],
    summary="Open signalen",
    description="De open signalen van de zaken die u mag zien, per soort alleen "
    "als u dat deel van de zaak mag zien. Een adviseur ziet standaard "
    "zijn eigen zaken; met alle=true alle zaken van zijn gemeente(n).",
    parameters=[
        OpenApiParameter("soort", OpenApiTypes.STR, description="Soort signaal."),
        OpenApiParameter("alle", OpenApiTypes.BOOL, description="Ook zaken van collega's."),
        OpenApiParameter(
            "status", OpenApiTypes.STR, enum=["open", "uitgesteld"], description="Standaard open."
        ),
    ],
    responses=schema.antwoorden({200: SignaalSerializer(many=True)}, zaak=False),
)
class SignaalLijst(LogtLijst, generics.ListAPIView):
    serializer_class = SignaalSerializer
    pagination_class = Paginering
    log_secties, log_pad = (Sectie.SIGNALEN,), "traject"  # each case is logged

    def get_queryset(self):
        user = self.request.user
        params = self.request.query_params
        soorten = lezen.zichtbare_soorten(user)
        if not soorten:
            return Signaal.objects.none()
        gevraagd = params.get("status") or "open"
        if gevraagd not in LIVE:
            gevraagd = "open"
        qs = Signaal.objects.filter(
            status=gevraagd, actief=True, soort__in=soorten, traject__in=bereik.trajecten_voor(user)
        )
        if params.get("soort"):
            qs = qs.filter(soort=params["soort"])
        if params.get("alle") not in ("true", "1", "on") and not policy.toont_alle_adviseurs(user):
            qs = qs.filter(traject__adviseur=user)
        return qs.select_related("traject")

    def get_serializer_context(self):
        return _context(self.request)


@extend_schema(
    tags=["signalen"],
    summary="Signalen van een inburgeraar",
    description="Open en uitgestelde signalen van de zaak, het eerste bovenaan.",
    responses=schema.antwoorden({200: SignaalSerializer(many=True)}),
)
class InburgeraarSignalen(APIView):
    def get(self, request, pk):
        traject = traject_voor(request, pk, Sectie.SIGNALEN)
        qs = (
            Signaal.objects.filter(
                traject=traject,
                actief=True,
                status__in=LIVE,
                soort__in=lezen.zichtbare_soorten(request.user),
            )
            .select_related("traject")
            .order_by("vervaldatum", "id")
        )
        return Response(SignaalSerializer(qs, many=True, context=_context(request)).data)


def _signaal(request, pk, signaal_id) -> Signaal:
    traject = traject_voor(request, pk, Sectie.SIGNALEN)
    signaal = Signaal.objects.filter(
        pk=signaal_id, traject=traject, actief=True, soort__in=lezen.zichtbare_soorten(request.user)
    ).first()
    if signaal is None:
        raise NotFound("Niet gevonden.")
    vereis(request.user, Actie.SIGNAAL_AFHANDELEN)
    return signaal


def _signaal_stap(request, pk, signaal_id, serializer_klasse, stap) -> Response:
    """Check the body, do ``stap(signaal, user, data)`` and answer with the signal."""
    signaal = _signaal(request, pk, signaal_id)
    data = gevalideerd(request, serializer_klasse)
    signaal = stap(signaal, request.user, data)
    return Response(SignaalSerializer(signaal, context=_context(request)).data)


@extend_schema(
    tags=["signalen"],
    summary="Signaal afhandelen",
    description="Zet het signaal op afgehandeld, met wat er is gedaan. Het komt "
    "terug als dezelfde taak later met een andere datum weer nodig is.",
    request=AfhandelenSerializer,
    responses=schema.antwoorden({200: SignaalSerializer}, schrijft=True),
)
class SignaalAfhandelen(APIView):
    def post(self, request, pk, signaal_id):
        return _signaal_stap(
            request,
            pk,
            signaal_id,
            AfhandelenSerializer,
            lambda signaal, door, data: services.handel_af(signaal, door, data["reden"]),
        )


@extend_schema(
    tags=["signalen"],
    summary="Signaal uitstellen",
    description="Stelt het signaal uit tot een datum (na vandaag, hooguit een jaar). "
    "Op die datum gaat het vanzelf weer open.",
    request=UitstellenSerializer,
    responses=schema.antwoorden({200: SignaalSerializer}, schrijft=True),
)
class SignaalUitstellen(APIView):
    def post(self, request, pk, signaal_id):
        return _signaal_stap(
            request,
            pk,
            signaal_id,
            UitstellenSerializer,
            lambda signaal, door, data: services.stel_uit(
                signaal, door, data["uitgesteld_tot"], data["reden"]
            ),
        )


def _gesprekken_qs(request, traject):
    qs = Voortgangsgesprek.objects.filter(traject=traject)
    if not policy.mag_zien(request.user, Sectie.GEZONDHEID):
        qs = qs.defer("positieve_gezondheid")
    return qs


class GesprekLijst(APIView):
    @extend_schema(
        tags=["voortgangsgesprekken"],
        summary="Voortgangsgesprekken",
        description="Geplande en gevoerde gesprekken, op datum. De planning volgt "
        "uit het vastgestelde PIP en het gespreksbeleid van de gemeente.",
        responses=schema.antwoorden({200: GesprekSerializer(many=True)}),
    )
    def get(self, request, pk):
        traject = traject_voor(request, pk, Sectie.GESPREKKEN)
        services.plan_gesprekken([traject.pk])
        qs = _gesprekken_qs(request, traject).order_by("gehouden_op", "gepland_op", "id")
        context = {"gezondheid": policy.mag_zien(request.user, Sectie.GEZONDHEID)}
        return Response(GesprekSerializer(qs, many=True, context=context).data)

    @extend_schema(
        tags=["voortgangsgesprekken"],
        summary="Voortgangsgesprek vastleggen",
        description="Legt een gevoerd gesprek vast. Het vult het geplande gesprek "
        "dat het dichtst bij de datum ligt en nog open is; is er geen, dan is het een extra "
        "gesprek. Scores van Positieve Gezondheid alleen als u "
        "gezondheidsgegevens mag zien.",
        request=GesprekSerializer,
        responses=schema.antwoorden({201: GesprekSerializer}, schrijft=True),
    )
    def post(self, request, pk):
        traject = traject_voor(request, pk, Sectie.GESPREKKEN, Actie.GESPREK_VOEREN)
        # Scores without the right to health data: the service refuses them (400).
        met = policy.mag_zien(request.user, Sectie.GEZONDHEID)
        data = gevalideerd(request, GesprekSerializer)
        services.plan_gesprekken([traject.pk])
        gesprek = services.leg_gesprek_vast(traject, request.user, data, met_gezondheid=met)
        url = reverse(
            "api:monitoring-gesprek",
            kwargs={"pk": traject.inburgeraar_id, "gesprek_id": gesprek.pk},
        )
        return Response(
            GesprekSerializer(gesprek, context={"gezondheid": met}).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": request.build_absolute_uri(url)},
        )


class GesprekDetail(APIView):
    def _gesprek(self, request, pk, gesprek_id):
        traject = traject_voor(request, pk, Sectie.GESPREKKEN)
        gesprek = _gesprekken_qs(request, traject).filter(pk=gesprek_id).first()
        if gesprek is None:
            raise NotFound("Niet gevonden.")
        return traject, gesprek

    @extend_schema(
        tags=["voortgangsgesprekken"],
        summary="Voortgangsgesprek bekijken",
        responses=schema.antwoorden({200: GesprekSerializer}),
    )
    def get(self, request, pk, gesprek_id):
        _traject, gesprek = self._gesprek(request, pk, gesprek_id)
        return Response(
            GesprekSerializer(
                gesprek, context={"gezondheid": policy.mag_zien(request.user, Sectie.GEZONDHEID)}
            ).data
        )

    @extend_schema(
        tags=["voortgangsgesprekken"],
        summary="Voortgangsgesprek vastleggen of verbeteren",
        description="Legt dit (geplande) gesprek vast, of verbetert "
        "een gevoerd gesprek. Stuur alle velden mee.",
        request=GesprekSerializer,
        responses=schema.antwoorden({200: GesprekSerializer}, schrijft=True),
    )
    def put(self, request, pk, gesprek_id):
        traject, gesprek = self._gesprek(request, pk, gesprek_id)
        if not policy.mag(request.user, Actie.GESPREK_VOEREN):
            raise PermissionDenied(DETAIL_403)
        # Scores without the right to health data: the service refuses them (400).
        met = policy.mag_zien(request.user, Sectie.GEZONDHEID)
        data = gevalideerd(request, GesprekSerializer)
        gesprek = services.leg_gesprek_vast(
            traject, request.user, data, met_gezondheid=met, gesprek=gesprek
        )
        return Response(GesprekSerializer(gesprek, context={"gezondheid": met}).data)


@extend_schema(
    tags=["voortgangsgesprekken"],
    summary="Gepland gesprek sluiten",
    description="Sluit een gepland gesprek dat te laat is en niet gevoerd wordt, met de "
    "reden. Het komt niet terug in de planning.",
    request=GesprekSluitenSerializer,
    responses=schema.antwoorden({200: GeslotenGesprekSerializer}, schrijft=True),
)
class GesprekSluiten(APIView):
    def post(self, request, pk, gesprek_id):
        traject = traject_voor(request, pk, Sectie.GESPREKKEN, Actie.GESPREK_VOEREN)
        gesprek = (
            Voortgangsgesprek.objects.filter(
                pk=gesprek_id, traject=traject, gehouden_op__isnull=True
            )
            .exclude(gepland_op__isnull=True)
            .first()
        )
        if gesprek is None:
            raise NotFound("Niet gevonden.")
        data = gevalideerd(request, GesprekSluitenSerializer)
        gesloten = services.sluit_gesprek(traject, gesprek, request.user, data["reden"])
        return Response(GeslotenGesprekSerializer(gesloten).data)
