"""API views of the PIP, included under /api/v1/ in the ``api`` namespace by koers.api.urls.
Thin views: load through :mod:`koers.toegang.policy`, check the form with a serializer, then
call one service."""

from __future__ import annotations

from django.db import transaction
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
from koers.bouwstenen.api import PdfRenderer, gevalideerd
from koers.bouwstenen.api_fouten import fout_antwoord
from koers.inburgeraars.bereik import inburgeraar_voor, traject_van, traject_voor
from koers.inburgeraars.models import Traject
from koers.pip import services as pip_services
from koers.pip.beschikking import pdf_voor
from koers.pip.models import Beschikking, PipVersie
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie

from .serializers import PipVersieSerializer


def _pip_van(traject: Traject, versie: int) -> PipVersie:
    pip = traject.pips.filter(versie=versie).first()
    if pip is None:
        raise NotFound(f"PIP versie {versie} bestaat niet.")
    return pip


class PipLijst(APIView):
    @extend_schema(
        tags=["PIP"],
        summary="PIP-versies",
        description="Alle versies van het PIP van het huidige traject, oudste "
        "eerst. Hooguit een versie is een concept.",
        responses=schema.antwoorden({200: PipVersieSerializer(many=True)}),
    )
    def get(self, request, pk):
        traject = traject_van(inburgeraar_voor(request, pk, Sectie.PIP))
        pips = traject.pips.order_by("versie")
        return Response(PipVersieSerializer(pips, many=True, context={"request": request}).data)

    @extend_schema(
        tags=["PIP"],
        summary="Nieuw PIP-concept",
        description="Maakt een nieuwe PIP-versie als concept (de eerste, of een "
        "wijziging van een vastgesteld PIP). Bestaat er al een concept, "
        "dan krijgt u 400: wijzig dat concept met PATCH "
        "…/pips/{versie}. Een concept mag nog regels breken; die staan "
        "in 'fouten' en blokkeren pas het vaststellen.",
        request=PipVersieSerializer,
        responses=schema.antwoorden({201: PipVersieSerializer}, schrijft=True),
    )
    def post(self, request, pk):
        traject = traject_voor(request, pk, Sectie.PIP, Actie.PIP_BEWERKEN)
        data = gevalideerd(request, PipVersieSerializer, context={"request": request})
        with transaction.atomic():
            # Lock the traject so two POSTs cannot both pass the check below.
            Traject.objects.select_for_update().filter(pk=traject.pk).first()
            concept = traject.pips.filter(status=PipVersie.Status.CONCEPT).first()
            if concept is not None:
                return fout_antwoord(
                    {
                        "__all__": [
                            f"Er is al een concept: versie {concept.versie}. "
                            f"Wijzig dat concept met PATCH op versie {concept.versie}."
                        ]
                    }
                )
            pip = pip_services.bewaar_concept(traject, request.user, data)
        url = reverse("api:pip", kwargs={"pk": traject.inburgeraar_id, "versie": pip.versie})
        return Response(
            PipVersieSerializer(pip, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": request.build_absolute_uri(url)},
        )


class PipDetail(APIView):
    @extend_schema(
        tags=["PIP"],
        summary="PIP-versie bekijken",
        responses=schema.antwoorden({200: PipVersieSerializer}),
    )
    def get(self, request, pk, versie):
        traject = traject_van(inburgeraar_voor(request, pk, Sectie.PIP))
        pip = _pip_van(traject, versie)
        return Response(PipVersieSerializer(pip, context={"request": request}).data)

    @extend_schema(
        tags=["PIP"],
        summary="PIP-concept wijzigen",
        description="Wijzigt de velden die u meestuurt. Alleen het concept kan "
        "veranderen; een vastgesteld PIP wijzigt u met een nieuwe "
        "versie (POST …/pips).",
        request=PipVersieSerializer,
        responses=schema.antwoorden({200: PipVersieSerializer}, schrijft=True),
    )
    def patch(self, request, pk, versie):
        traject = traject_voor(request, pk, Sectie.PIP, Actie.PIP_BEWERKEN)
        pip = _pip_van(traject, versie)
        data = gevalideerd(
            request, PipVersieSerializer, pip, partial=True, context={"request": request}
        )
        data.setdefault("leerroute", pip.leerroute)
        pip = pip_services.bewaar_concept(traject, request.user, data, versie=versie)
        return Response(PipVersieSerializer(pip, context={"request": request}).data)


@extend_schema(
    tags=["PIP"],
    summary="PIP vaststellen",
    description="Stelt het concept vast: controleert alle regels (ook die van "
    "DUO), maakt de beschikking en start zo nodig de "
    "inburgeringstermijn. Breekt het PIP een regel, dan krijgt u 400 "
    "met per veld de reden, en verandert er niets.",
    request=None,
    responses=schema.antwoorden({200: PipVersieSerializer}, schrijft=True),
)
class PipVaststellen(APIView):
    def post(self, request, pk, versie):
        traject = traject_voor(request, pk, Sectie.PIP, Actie.PIP_VASTSTELLEN)
        _pip_van(traject, versie)
        pip = pip_services.stel_vast(
            traject, versie, request.user, ontzorgen_groep=pip_services.ontzorgen_groep(traject)
        )
        return Response(PipVersieSerializer(pip, context={"request": request}).data)


@extend_schema(
    tags=["PIP"],
    summary="Beschikking downloaden",
    description="De beschikking van een vastgesteld PIP, als PDF.",
    responses=schema.antwoorden(
        {
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="De beschikking (PDF)."
            )
        }
    ),
)
class PipBeschikking(APIView):
    renderer_classes = [JSONRenderer, PdfRenderer]

    def get(self, request, pk, versie):
        traject = traject_van(inburgeraar_voor(request, pk, Sectie.PIP))
        pip = _pip_van(traject, versie)
        beschikking = Beschikking.objects.filter(pip=pip).first()
        if beschikking is None:
            raise NotFound("Dit PIP is nog niet vastgesteld: er is nog geen beschikking.")
        pdf = pdf_voor(
            beschikking, met_gezondheid=policy.mag_zien(request.user, Sectie.GEZONDHEID, traject)
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{beschikking.kenmerk}.pdf"'
        return response
