"""API views of the BRP chain, included under /api/v1/ by koers.api.urls: read what the BRP
said about a person, his residence data (Sectie.VERBLIJF), and ask the BRP again now."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from koers.bouwstenen import api_schema as schema
from koers.bouwstenen.api import vereis
from koers.bouwstenen.api_schema import FoutSerializer
from koers.brp import rules, services, views
from koers.brp.models import BrpGegevens
from koers.brp.serializers import (
    BrpGegevensSerializer,
    BrpVerblijfSerializer,
    BrpVerversenSerializer,
)
from koers.inburgeraars.bereik import inburgeraar_voor
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie


def _gegevens(inburgeraar) -> BrpGegevens:
    """The person's BRP row; an unsaved, empty one (status wachtend) when there is none, so a
    read never writes."""
    gegevens = BrpGegevens.objects.filter(pk=inburgeraar.pk).first()
    if gegevens is None:
        gegevens = BrpGegevens(inburgeraar=inburgeraar)
    gegevens.inburgeraar = inburgeraar
    return gegevens


def _context(request, inburgeraar) -> dict:
    return {
        "met_verblijf": policy.mag_zien(request.user, Sectie.VERBLIJF, inburgeraar.huidig_traject)
    }


@extend_schema(
    tags=["brp"],
    summary="Gegevens uit de BRP",
    description="Wat de BRP over deze persoon zei: wanneer Koers het vroeg, met welke uitkomst, "
    "de markeringen (geheimhouding, velden in onderzoek, opschorting, RNI) en de personalia "
    "zoals Koers ze overnam.",
    responses=schema.antwoorden({200: BrpGegevensSerializer}),
)
class BrpGegevensDetail(APIView):
    def get(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk, Sectie.PERSONALIA)
        return Response(
            BrpGegevensSerializer(
                _gegevens(inburgeraar), context=_context(request, inburgeraar)
            ).data
        )


@extend_schema(
    tags=["brp"],
    summary="Verblijf volgens de BRP",
    description="Nationaliteiten, verblijfstitel en immigratie uit de BRP. Alleen voor wie de "
    "sectie verblijf mag zien (de adviseur).",
    responses=schema.antwoorden({200: BrpVerblijfSerializer}),
)
class BrpVerblijf(APIView):
    def get(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk, Sectie.VERBLIJF)
        antwoord = _gegevens(inburgeraar).antwoord or {}
        return Response(BrpVerblijfSerializer(rules.verblijf(antwoord)).data)


@extend_schema(
    tags=["brp"],
    summary="Ververs uit de BRP",
    description="Vraagt de BRP nu om de gegevens van deze persoon en neemt ze over. Lukt het "
    "niet, dan antwoordt Koers met 503 en een uitleg; de worker probeert het later opnieuw. "
    "Wat veranderde staat op de tijdlijn.",
    request=None,
    responses={
        **schema.antwoorden({200: BrpVerversenSerializer}, schrijft=True),
        409: OpenApiResponse(FoutSerializer, description="Koers haalt de gegevens al op."),
        503: OpenApiResponse(FoutSerializer, description="De BRP gaf geen antwoord."),
    },
)
class BrpVerversen(APIView):
    def post(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk, Sectie.PERSONALIA)
        vereis(request.user, Actie.GEGEVENS_WIJZIGEN)
        uitkomst = services.ververs_nu(inburgeraar, request.user)
        _niveau, melding = views.melding(uitkomst)
        if uitkomst.bezet:
            return Response({"detail": melding}, status=status.HTTP_409_CONFLICT)
        if uitkomst.fout:
            return Response({"detail": melding}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
        inburgeraar.refresh_from_db()
        data = {
            "melding": melding,
            "gewijzigd": uitkomst.gewijzigd,
            "brp": BrpGegevensSerializer(
                _gegevens(inburgeraar), context=_context(request, inburgeraar)
            ).data,
        }
        return Response(data)
