"""API views of the inburgeraars slice, included under /api/v1/ in the ``api`` namespace by
koers.api.urls. Thin views: load through :mod:`koers.toegang.policy`, check the form with a
serializer, then call one service. Refusals (``Weigering``) become 400 answers in
:mod:`koers.bouwstenen.api_fouten`; the services run in one transaction, so nothing is half
saved."""

from __future__ import annotations

from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from koers.bouwstenen import api_schema as schema
from koers.bouwstenen.api import Paginering, gevalideerd, vereis
from koers.bouwstenen.api_fouten import fout_antwoord
from koers.inburgeraars import bereik
from koers.inburgeraars import services as inburgeraar_services
from koers.inburgeraars.bereik import inburgeraar_voor, traject_van, traject_voor
from koers.inburgeraars.models import DOELGROEPHISTORIE_GELADEN, Inburgeraar
from koers.organisaties.models import Gemeente
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie
from koers.verwerkingen.services import LogtLijst

from .serializers import (
    AdviseurToewijzingSerializer,
    GemeenteSerializer,
    InburgeraarSerializer,
    LbtBesluitSerializer,
    LbtOverslaanSerializer,
    StatusWijzigingSerializer,
)


@extend_schema(
    tags=["gemeenten"],
    summary="Gemeenten",
    description="Alle gemeenten in deze installatie, met gemeentecode en OIN. "
    "Dit zijn geen persoonsgegevens: iedere ingelogde gebruiker mag ze "
    "zien.",
    responses=schema.antwoorden({200: GemeenteSerializer(many=True)}, zaak=False),
)
class GemeenteLijst(generics.ListAPIView):
    serializer_class = GemeenteSerializer
    pagination_class = None
    queryset = Gemeente.objects.select_related("organisatie").order_by("gemeentecode")


class InburgeraarLijst(LogtLijst, generics.ListCreateAPIView):
    serializer_class = InburgeraarSerializer
    pagination_class = Paginering
    # Each person on the page is a logged read of his personalia and traject.
    log_secties = (Sectie.NAAM, Sectie.PERSONALIA, Sectie.TRAJECT)

    def get_queryset(self):
        user = self.request.user
        if not policy.mag_zien(user, Sectie.PERSONALIA):
            return Inburgeraar.objects.none()
        queryset = (
            bereik.inburgeraars_voor(user)
            .select_related("gemeente", "huidig_traject__adviseur")
            .prefetch_related(Prefetch("doelgroepperioden", to_attr=DOELGROEPHISTORIE_GELADEN))
        )
        bsn = self.request.query_params.get("bsn")
        if bsn is not None:
            # Stored BSNs are 9 digits; anything else cannot match (and a NUL byte would
            # upset PostgreSQL), so answer an empty list instead of querying.
            queryset = queryset.filter(bsn=bsn) if bsn.isdigit() else queryset.none()
        return queryset

    @extend_schema(
        tags=["inburgeraars"],
        summary="Inburgeraars zoeken",
        description="De inburgeraars binnen uw bereik: van uw gemeente en van "
        "gemeenten die het werk aan de uwe hebben overgedragen. "
        "Gesorteerd op id, per pagina (cursor). Gebruikers zonder "
        "toegang tot dossiers krijgen een lege lijst.",
        parameters=[OpenApiParameter("bsn", str, description="Precies dit BSN.")],
        responses=schema.antwoorden({200: InburgeraarSerializer(many=True)}, zaak=False),
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["inburgeraars"],
        summary="Inburgeraar aanmelden",
        description="Meldt een nieuwe inburgeraar aan, met een eerste traject "
        "(status 'aangemeld'). Het BSN moet de elfproef doorstaan en "
        "mag nog niet bestaan. Wijs een adviseur toe met "
        "POST …/adviseur.",
        responses=schema.antwoorden({201: InburgeraarSerializer}, schrijft=True, zaak=False),
    )
    def post(self, request, *args, **kwargs):
        vereis(request.user, Actie.AANMELDEN)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.service_data()
        gemeente = data.pop("gemeente")
        inburgeraar = inburgeraar_services.meld_aan(gemeente=gemeente, door=request.user, **data)
        url = reverse("api:inburgeraar", kwargs={"pk": inburgeraar.pk})
        return Response(
            self.get_serializer(inburgeraar).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": request.build_absolute_uri(url)},
        )


class InburgeraarDetail(generics.GenericAPIView):
    serializer_class = InburgeraarSerializer

    def get_queryset(self):
        return bereik.inburgeraars_voor(self.request.user)

    @extend_schema(
        tags=["inburgeraars"],
        summary="Inburgeraar bekijken",
        description="Persoonsgegevens en de stand van het huidige traject.",
        responses=schema.antwoorden({200: InburgeraarSerializer}),
    )
    def get(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk)
        return Response(self.get_serializer(inburgeraar).data)

    @extend_schema(
        tags=["inburgeraars"],
        summary="Gegevens wijzigen",
        description="Wijzigt alleen de velden die u meestuurt. De gemeente "
        "verandert hier niet (een verhuizing loopt via DUO).",
        responses=schema.antwoorden({200: InburgeraarSerializer}, schrijft=True),
    )
    def patch(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk)
        vereis(request.user, Actie.GEGEVENS_WIJZIGEN)
        serializer = self.get_serializer(inburgeraar, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.service_data()
        gemeente = data.pop("gemeente", inburgeraar.gemeente)
        if gemeente.pk != inburgeraar.gemeente_id:
            return fout_antwoord(
                {
                    "gemeentecode": [
                        "De gemeente kunt u hier niet wijzigen. Bij een verhuizing meldt DUO de "
                        "nieuwe gemeente."
                    ]
                }
            )
        inburgeraar_services.wijzig_gegevens(inburgeraar, request.user, **data)
        return Response(self.get_serializer(inburgeraar).data)


@extend_schema(
    tags=["inburgeraars"],
    summary="Status van het traject wijzigen",
    description="Zet het huidige traject in een volgende status. Afronden kan "
    "altijd, met een reden. Een afgerond traject blijft afgerond.",
    request=StatusWijzigingSerializer,
    responses=schema.antwoorden({200: InburgeraarSerializer}, schrijft=True),
)
class StatusWijziging(APIView):
    def post(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk)
        vereis(request.user, Actie.STATUS_WIJZIGEN)
        traject = traject_van(inburgeraar)
        data = gevalideerd(request, StatusWijzigingSerializer)
        inburgeraar_services.wijzig_status(
            traject,
            data["status"],
            request.user,
            reden=data.get("reden", ""),
            toelichting=data.get("toelichting", ""),
        )
        return Response(InburgeraarSerializer(inburgeraar, context={"request": request}).data)


@extend_schema(
    tags=["inburgeraars"],
    summary="Adviseur toewijzen",
    description="Wijst het huidige traject toe aan een adviseur van uw eigen "
    "gemeente (alleen voor teamleiders). Stuur null om de toewijzing "
    "weg te halen.",
    request=AdviseurToewijzingSerializer,
    responses=schema.antwoorden({200: InburgeraarSerializer}, schrijft=True),
)
class AdviseurToewijzing(APIView):
    def post(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk)
        vereis(request.user, Actie.ADVISEUR_TOEWIJZEN)
        traject = traject_van(inburgeraar)
        data = gevalideerd(request, AdviseurToewijzingSerializer)
        username = data["username"]
        adviseur = None
        if username is not None:
            adviseur = next(
                (a for a in policy.adviseurs_voor(request.user) if a.username == username), None
            )
            if adviseur is None:
                return fout_antwoord({"username": ["Kies een adviseur van uw eigen gemeente."]})
        inburgeraar_services.wijs_adviseur_toe(traject, adviseur, request.user)
        return Response(InburgeraarSerializer(inburgeraar, context={"request": request}).data)


class LbtOverslaan(APIView):
    def _antwoord(self, request, traject, status_code=status.HTTP_200_OK) -> Response:
        met_gezondheid = policy.mag_zien(request.user, Sectie.GEZONDHEID, traject)
        return Response(
            LbtBesluitSerializer(traject, context={"met_gezondheid": met_gezondheid}).data,
            status=status_code,
        )

    @extend_schema(
        tags=["brede intake"],
        summary="Besluit: leerbaarheidstoets niet nodig",
        description="Het besluit van de gemeente dat de leerbaarheidstoets niet "
        "nodig is, met grond, datum en wie besloot. Zonder besluit zijn "
        "de velden leeg. De toelichting staat er alleen in als u "
        "gezondheidsgegevens mag zien.",
        responses=schema.antwoorden({200: LbtBesluitSerializer}),
    )
    def get(self, request, pk):
        inburgeraar = inburgeraar_voor(request, pk, Sectie.INTAKE)
        return self._antwoord(request, traject_van(inburgeraar))

    @extend_schema(
        tags=["brede intake"],
        summary="Leerbaarheidstoets overslaan",
        description="Legt vast dat de gemeente de leerbaarheidstoets niet afneemt, "
        "met grond en toelichting, en meldt dat aan DUO (DELETE "
        "examennummer: DUO trekt het examennummer in). Kan alleen vóór "
        "het PIP, zonder uitslag van de toets, en één keer.",
        request=LbtOverslaanSerializer,
        responses=schema.antwoorden({201: LbtBesluitSerializer}, schrijft=True),
    )
    def post(self, request, pk):
        traject = traject_voor(request, pk, Sectie.INTAKE, Actie.INTAKE_BEWERKEN)
        data = gevalideerd(request, LbtOverslaanSerializer)
        traject = inburgeraar_services.sla_lbt_over(traject, request.user, **data)
        return self._antwoord(request, traject, status.HTTP_201_CREATED)
