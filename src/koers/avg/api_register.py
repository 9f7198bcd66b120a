"""The register of processing activities in the API, read-only: one version of one entry,
the address an exported log record names as its ``dpl.core.processing_activity_id``
(koers.verwerkingen.otlp). Here, beside the register's beheer page, because the API's building
blocks sit above the log. The log itself has no API (append-only; the privacy officer reads it
on his pages)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from koers.avg.serializers import VerwerkingsactiviteitVersieSerializer
from koers.bouwstenen import api_schema as schema
from koers.bouwstenen.api_fouten import DETAIL_403, DETAIL_404
from koers.toegang import policy
from koers.verwerkingen.models import VerwerkingsactiviteitVersie

# Version numbers count edits; a larger number is no version and no integer column holds it.
GROOTSTE_VERSIE = 2**31 - 1


@extend_schema(
    tags=["verwerkingsactiviteiten"],
    summary="Versie van een verwerkingsactiviteit",
    description="Eén versie van een activiteit uit het register van verwerkingsactiviteiten "
    "(AVG art. 30) van uw eigen gemeente: doel, grondslag, betrokkenen, gegevens, ontvangers "
    "en bewaartermijn zoals ze golden van 'geldig_vanaf' tot 'geldig_tot'. Een regel in het "
    "Logboek Dataverwerkingen wijst met `dpl.core.processing_activity_id` naar dit adres. "
    "Alleen voor de privacy officer en de functioneel beheerder; het register bevat geen "
    "persoonsgegevens.",
    responses=schema.antwoorden(
        {200: VerwerkingsactiviteitVersieSerializer, 403: schema.VERBODEN}, zaak=True
    ),
)
class VerwerkingsactiviteitVersieView(APIView):
    def get(self, request, gemeentecode: str, code: str, versie: int):
        if not policy.mag_register_beheren(request.user):
            raise PermissionDenied(DETAIL_403)
        if versie > GROOTSTE_VERSIE:
            raise NotFound(DETAIL_404)
        gevonden = (
            policy.van_eigen_gemeente(
                request.user,
                VerwerkingsactiviteitVersie.objects.select_related("activiteit__gemeente"),
                veld="activiteit__gemeente",
            )
            .filter(
                activiteit__gemeente__gemeentecode=gemeentecode,
                activiteit__code=code,
                versie=versie,
            )
            .first()
        )
        if gevonden is None:
            raise NotFound(DETAIL_404)
        geldig_tot = (
            VerwerkingsactiviteitVersie.objects.filter(
                activiteit_id=gevonden.activiteit_id, versie=versie + 1
            )
            .values_list("geldig_vanaf", flat=True)
            .first()
        )
        return Response(
            VerwerkingsactiviteitVersieSerializer(gevonden, context={"geldig_tot": geldig_tot}).data
        )
