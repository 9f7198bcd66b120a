"""API views of the brede intake, included under /api/v1/ in the ``api`` namespace by
koers.api.urls. Thin views: load through :mod:`koers.toegang.policy`, check the form with a
serializer, then call one service."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from koers.bouwstenen import api_schema as schema
from koers.bouwstenen.api import gevalideerd
from koers.bouwstenen.api_fouten import fout_antwoord
from koers.inburgeraars.bereik import inburgeraar_voor, traject_van, traject_voor
from koers.inburgeraars.models import Traject
from koers.intake import rules as intake_rules
from koers.intake import services as intake_services
from koers.intake.models import BredeIntake, IntakeAfspraak
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie

from .serializers import BredeIntakeSerializer, IntakeAfspraakSerializer


def _intake_antwoord(request, traject: Traject, intake: BredeIntake | None = None) -> Response:
    if intake is None:
        intake = BredeIntake.objects.filter(traject=traject).first() or BredeIntake(traject=traject)
    onderwerpen = policy.intake_onderwerpen_voor(request.user, traject, intake_rules.ONDERWERPEN)
    return Response(BredeIntakeSerializer(intake, context={"onderwerpen": onderwerpen}).data)


class BredeIntakeView(APIView):
    @extend_schema(
        tags=["brede intake"],
        summary="Brede intake bekijken",
        description="De brede intake van het huidige traject, en wat nog ontbreekt "
        "om hem af te ronden. Het onderwerp 'gezondheid' en Positieve "
        "Gezondheid staan er alleen in als u gezondheidsgegevens mag "
        "zien. Niet voor ketenpartners: zij zien de onderwerpen over "
        "werk bij hun verwijzing (GET /api/v1/verwijzingen/{id}, veld "
        "intake_werk).",
        responses=schema.antwoorden({200: BredeIntakeSerializer}),
    )
    def get(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk, Sectie.INTAKE)
        return _intake_antwoord(request, traject_van(inburgeraar))

    @extend_schema(
        tags=["brede intake"],
        summary="Brede intake opslaan",
        description="Slaat de intake op als concept. Velden en onderwerpen die u "
        "weglaat, blijven zoals ze waren; een onderwerp dat u meestuurt, "
        "vervangt het oude antwoord. Het traject gaat zo nodig naar "
        "'brede intake'.",
        request=BredeIntakeSerializer,
        responses=schema.antwoorden({200: BredeIntakeSerializer}, schrijft=True),
    )
    def put(self, request, pk):
        traject = traject_voor(request, pk, Sectie.INTAKE, Actie.INTAKE_BEWERKEN)
        data = gevalideerd(request, BredeIntakeSerializer)
        if not policy.mag_zien(request.user, Sectie.GEZONDHEID):
            verboden = {}
            if "gezondheid" in data.get("onderwerpen", {}):
                verboden["onderwerpen.gezondheid"] = [policy.GEEN_GEZONDHEID]
            if "positieve_gezondheid" in data:
                verboden["positieve_gezondheid"] = [policy.GEEN_GEZONDHEID]
            if verboden:
                return fout_antwoord(verboden)
        intake = intake_services.bewaar(traject, request.user, data)
        return _intake_antwoord(request, traject, intake)


@extend_schema(
    tags=["brede intake"],
    summary="Brede intake afronden",
    description="Rondt de intake af. Ontbreekt er nog iets (het wettelijke minimum of "
    "de datum van de intake), dan krijgt u 400 met per veld wat u nog moet invullen.",
    request=None,
    responses=schema.antwoorden({200: BredeIntakeSerializer}, schrijft=True),
)
class BredeIntakeAfronden(APIView):
    def post(self, request, pk):
        traject = traject_voor(request, pk, Sectie.INTAKE, Actie.INTAKE_BEWERKEN)
        intake = intake_services.rond_af(traject, request.user)
        return _intake_antwoord(request, traject, intake)


class BredeIntakeAfspraken(APIView):
    @extend_schema(
        tags=["brede intake"],
        summary="Afspraken voor de brede intake",
        description="De afspraken voor de brede intake van het huidige traject, "
        "met of de inburgeraar kwam.",
        responses=schema.antwoorden({200: IntakeAfspraakSerializer(many=True)}),
    )
    def get(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk, Sectie.INTAKE)
        afspraken = IntakeAfspraak.objects.filter(traject=traject_van(inburgeraar))
        return Response(IntakeAfspraakSerializer(afspraken, many=True).data)

    @extend_schema(
        tags=["brede intake"],
        summary="Afspraak voor de brede intake vastleggen",
        description="Legt een afspraak vast: gepland, verschenen of niet "
        "verschenen. 'Niet verschenen' kan pas op of na de dag van de "
        "afspraak. Daarna kan de intake worden afgerond met wat bekend "
        "is (ook zonder het wettelijke minimum), en krijgt de adviseur "
        "een signaal om handhaving te overwegen.",
        request=IntakeAfspraakSerializer,
        responses=schema.antwoorden({201: IntakeAfspraakSerializer}, schrijft=True),
    )
    def post(self, request, pk):
        traject = traject_voor(request, pk, Sectie.INTAKE, Actie.INTAKE_BEWERKEN)
        data = gevalideerd(request, IntakeAfspraakSerializer)
        afspraak = intake_services.leg_afspraak_vast(traject, request.user, data)
        return Response(IntakeAfspraakSerializer(afspraak).data, status=status.HTTP_201_CREATED)
