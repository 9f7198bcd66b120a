"""API of begeleiding, ontzorgen and duale trajecten: thin views over the services. Loaded
through the access policy (404 outside reach, 403 without the section or action); a
``Weigering`` becomes a 400 with ``fouten`` (koers.bouwstenen.api_fouten)."""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from koers.begeleiding import rules, services
from koers.begeleiding.models import (
    Begeleiding,
    Betaling,
    Bijstand,
    ChecklistItem,
    DuaalTraject,
    Ontzorgen,
)
from koers.begeleiding.serializers import (
    BegeleidingSerializer,
    BetalingSerializer,
    BijstandSerializer,
    DuaalSerializer,
    OntzorgenSerializer,
    VoorlichtingSerializer,
    begeleiding_data,
)
from koers.bouwstenen import api_schema as schema
from koers.bouwstenen.api import gevalideerd
from koers.bouwstenen.api_fouten import fout_antwoord
from koers.inburgeraars.bereik import traject_voor
from koers.toegang.policy import Actie, Sectie

TAG_BEGELEIDING = "begeleiding"
TAG_ONTZORGEN = "ontzorgen"
GEEN_ONTZORGEN = "Er is geen financieel ontzorgen voor dit traject."


def _begeleiding_antwoord(traject) -> Response:
    begeleiding = Begeleiding.objects.filter(traject=traject).select_related("partner").first()
    items = {i.onderwerp: i for i in ChecklistItem.objects.filter(traject=traject)}
    score, _bron = services.laatste_score(begeleiding, traject)
    return Response(
        begeleiding_data(
            begeleiding,
            items,
            list(traject.voorlichting.all()),
            score,
            services.voorgestelde_intensiteit(traject, score),
        )
    )


class BegeleidingView(APIView):
    @extend_schema(
        tags=[TAG_BEGELEIDING],
        summary="Maatschappelijke begeleiding bekijken",
        description="Wie begeleidt, hoe vaak, de laatste score voor "
        "zelfredzaamheid met het voorgestelde aantal contacten, de "
        "checklist praktische hulp en de gegeven voorlichting.",
        responses=schema.antwoorden({200: BegeleidingSerializer}),
    )
    def get(self, request, pk):
        traject = traject_voor(request, pk, Sectie.BEGELEIDING)
        return _begeleiding_antwoord(traject)

    @extend_schema(
        tags=[TAG_BEGELEIDING],
        summary="Maatschappelijke begeleiding opslaan",
        description="Slaat de velden op die u meestuurt. 'checklist' zet status, "
        "datum en 'door' van de onderwerpen die u meestuurt. Alles of "
        "niets: bij een fout verandert er niets.",
        request=BegeleidingSerializer,
        responses=schema.antwoorden({200: BegeleidingSerializer}, schrijft=True),
    )
    def put(self, request, pk):
        traject = traject_voor(request, pk, Sectie.BEGELEIDING, Actie.BEGELEIDING_BEWERKEN)
        data = gevalideerd(request, BegeleidingSerializer)
        checklist = data.pop("checklist", None)
        with transaction.atomic():
            if data:
                services.bewaar_begeleiding(traject, request.user, data)
            if checklist is not None:
                services.bewaar_checklist(traject, request.user, [dict(item) for item in checklist])
        return _begeleiding_antwoord(traject)


@extend_schema(
    tags=[TAG_BEGELEIDING],
    summary="Voorlichting toevoegen",
    description="Legt vast dat voorlichting over een onderwerp is gegeven.",
    request=VoorlichtingSerializer,
    responses=schema.antwoorden({201: VoorlichtingSerializer}, schrijft=True),
)
class VoorlichtingView(APIView):
    def post(self, request, pk):
        traject = traject_voor(request, pk, Sectie.BEGELEIDING, Actie.BEGELEIDING_BEWERKEN)
        data = gevalideerd(request, VoorlichtingSerializer)
        voorlichting = services.voeg_voorlichting_toe(traject, request.user, data)
        return Response(VoorlichtingSerializer(voorlichting).data, status=status.HTTP_201_CREATED)


# --- ontzorgen --------------------------------------------------------------------------


def _ontzorgen_van(traject) -> Ontzorgen:
    ontzorgen = Ontzorgen.objects.filter(traject=traject).first()
    if ontzorgen is None:
        raise NotFound(GEEN_ONTZORGEN)
    return ontzorgen


class OntzorgenView(APIView):
    @extend_schema(
        tags=[TAG_ONTZORGEN],
        summary="Financieel ontzorgen bekijken",
        description="Start en einde (6 maanden vanaf de start van de bijstand, of "
        "eerder als de bijstand stopt), de machtiging, de maanden met "
        "of ze compleet betaald zijn, en de financiële "
        "zelfredzaamheid daarna. 404 als er geen ontzorgen is.",
        responses=schema.antwoorden({200: OntzorgenSerializer}),
    )
    def get(self, request, pk):
        traject = traject_voor(request, pk, Sectie.ONTZORGEN)
        return Response(OntzorgenSerializer(_ontzorgen_van(traject)).data)

    @extend_schema(
        tags=[TAG_ONTZORGEN],
        summary="Financieel ontzorgen starten of wijzigen",
        description="Start ontzorgen (verplicht bij een verblijfsvergunning asiel, "
        "artikel 56a Participatiewet; ruimer als de gemeente dat koos) "
        "of wijzigt de velden die u meestuurt. Zonder 'start_bijstand' "
        "geldt de vastgelegde bijstand. Met 'einde_bijstand' stopt "
        "ontzorgen eerder. Antwoord 201 bij de start, anders 200; 400 "
        "als ontzorgen voor deze inburgeraar niet kan.",
        request=OntzorgenSerializer,
        responses=schema.antwoorden(
            {200: OntzorgenSerializer, 201: OntzorgenSerializer}, schrijft=True
        ),
    )
    def put(self, request, pk):
        traject = traject_voor(request, pk, Sectie.ONTZORGEN, Actie.ONTZORGEN_BEWERKEN)
        data = gevalideerd(request, OntzorgenSerializer, partial=True)
        nieuw = not Ontzorgen.objects.filter(traject=traject).exists()
        ontzorgen = services.bewaar_ontzorgen(traject, request.user, data)
        return Response(
            OntzorgenSerializer(ontzorgen).data,
            status=status.HTTP_201_CREATED if nieuw else status.HTTP_200_OK,
        )


def _bijstand_data(traject, bijstand: Bijstand | None) -> dict:
    in_aanmerking = services.in_aanmerking(traject)
    heeft_ontzorgen = Ontzorgen.objects.filter(traject=traject).exists()
    return {
        "start": bijstand.start if bijstand else None,
        "einde": bijstand.einde if bijstand else None,
        "ontzorgtermijn_eind": bijstand.ontzorgtermijn_eind if bijstand else None,
        "ontzorgen_in_aanmerking": in_aanmerking,
        "ontzorgen_ontbreekt": rules.ontzorgen_ontbreekt(
            in_aanmerking=in_aanmerking,
            start_bijstand=bijstand.start if bijstand else None,
            einde_bijstand=bijstand.einde if bijstand else None,
            heeft_ontzorgen=heeft_ontzorgen,
            vandaag=services.vandaag(),
        ),
    }


class BijstandView(APIView):
    @extend_schema(
        tags=[TAG_ONTZORGEN],
        summary="Bijstand bekijken",
        description="Of en sinds wanneer de inburgeraar bijstand krijgt, en of "
        "financieel ontzorgen dan verplicht is en nog ontbreekt. "
        "Zonder bijstand zijn 'start' en 'einde' leeg.",
        responses=schema.antwoorden({200: BijstandSerializer}),
    )
    def get(self, request, pk):
        traject = traject_voor(request, pk, Sectie.ONTZORGEN)
        return Response(
            BijstandSerializer(
                _bijstand_data(traject, Bijstand.objects.filter(traject=traject).first())
            ).data
        )

    @extend_schema(
        tags=[TAG_ONTZORGEN],
        summary="Bijstand vastleggen of wijzigen",
        description="Legt de start (en het einde) van de bijstand vast. Loopt er "
        "ontzorgen, dan volgt dat: het stopt als de bijstand stopt. "
        "Alles of niets: bij een fout verandert er niets (400).",
        request=BijstandSerializer,
        responses=schema.antwoorden({200: BijstandSerializer}, schrijft=True),
    )
    def put(self, request, pk):
        traject = traject_voor(request, pk, Sectie.ONTZORGEN, Actie.ONTZORGEN_BEWERKEN)
        data = gevalideerd(request, BijstandSerializer, partial=True)
        bijstand = services.bewaar_bijstand(traject, request.user, data)
        return Response(BijstandSerializer(_bijstand_data(traject, bijstand)).data)


class BetalingenView(APIView):
    @extend_schema(
        tags=[TAG_ONTZORGEN],
        summary="Register van betalingen",
        description="Alle betalingen van huur, energie/water en zorgverzekering, per maand.",
        responses=schema.antwoorden({200: BetalingSerializer(many=True)}),
    )
    def get(self, request, pk):
        traject = traject_voor(request, pk, Sectie.ONTZORGEN)
        ontzorgen = _ontzorgen_van(traject)
        return Response(BetalingSerializer(ontzorgen.betalingen.all(), many=True).data)

    @extend_schema(
        tags=[TAG_ONTZORGEN],
        summary="Betalingen registreren",
        description="Een betaling (object) of meer tegelijk (lijst). Alles of "
        "niets: klopt een betaling niet, dan wordt niets opgeslagen. Bij "
        "een lijst heten de fouten '<nummer>.<veld>', vanaf 0.",
        request=BetalingSerializer(many=True),
        responses=schema.antwoorden({201: BetalingSerializer(many=True)}, schrijft=True),
    )
    def post(self, request, pk):
        traject = traject_voor(request, pk, Sectie.ONTZORGEN, Actie.ONTZORGEN_BEWERKEN)
        ontzorgen = _ontzorgen_van(traject)
        batch = isinstance(request.data, list)
        if not batch and not isinstance(request.data, dict):
            return fout_antwoord({"__all__": ["Stuur een betaling (object) of een lijst."]})
        if batch and len(request.data) > services.CSV_MAX_REGELS:
            return fout_antwoord(
                {"__all__": [f"Hooguit {services.CSV_MAX_REGELS} betalingen tegelijk."]}
            )
        serializer = BetalingSerializer(data=request.data, many=batch)
        if not serializer.is_valid():
            fouten = serializer.errors
            if batch:  # number the rows like the service does: "<index>.<veld>"
                paren = fouten.items() if isinstance(fouten, dict) else enumerate(fouten)
                fouten = {str(i): f for i, f in paren if f}
            raise serializers.ValidationError(fouten)
        rijen = (
            [dict(r) for r in serializer.validated_data]
            if batch
            else [dict(serializer.validated_data)]
        )
        betalingen = services.registreer_betalingen(
            ontzorgen, request.user, rijen, Betaling.Bron.API, batch=batch
        )
        return Response(
            BetalingSerializer(betalingen, many=True).data, status=status.HTTP_201_CREATED
        )


@extend_schema(
    tags=[TAG_ONTZORGEN],
    summary="Betaling verwijderen",
    description="Haalt een verkeerd ingevoerde betaling uit het register. De maand "
    "is daarna niet meer compleet.",
    request=None,
    responses=schema.antwoorden({204: None}, schrijft=True),
)
class BetalingDetail(APIView):
    def delete(self, request, pk, betaling_id):
        traject = traject_voor(request, pk, Sectie.ONTZORGEN, Actie.ONTZORGEN_BEWERKEN)
        betaling = Betaling.objects.filter(pk=betaling_id, ontzorgen__traject=traject).first()
        if betaling is None:
            raise NotFound("Deze betaling bestaat niet.")
        services.verwijder_betaling(betaling, request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- duale trajecten --------------------------------------------------------------------


class DuaalLijst(APIView):
    @extend_schema(
        tags=[TAG_BEGELEIDING],
        summary="Werkervaringsplaatsen",
        description="Duale trajecten: werkervaringsplaatsen met jobcoach, buddy, "
        "uren en de beschikking Participatiewet, nieuwste eerst.",
        responses=schema.antwoorden({200: DuaalSerializer(many=True)}),
    )
    def get(self, request, pk):
        traject = traject_voor(request, pk, Sectie.BEGELEIDING)
        return Response(
            DuaalSerializer(DuaalTraject.objects.filter(traject=traject), many=True).data
        )

    @extend_schema(
        tags=[TAG_BEGELEIDING],
        summary="Werkervaringsplaats toevoegen",
        request=DuaalSerializer,
        responses=schema.antwoorden({201: DuaalSerializer}, schrijft=True),
    )
    def post(self, request, pk):
        traject = traject_voor(request, pk, Sectie.BEGELEIDING, Actie.BEGELEIDING_BEWERKEN)
        data = gevalideerd(request, DuaalSerializer)
        duaal = services.bewaar_duaal(traject, request.user, data)
        return Response(DuaalSerializer(duaal).data, status=status.HTTP_201_CREATED)


class DuaalDetail(APIView):
    def _duaal(self, request, pk, duaal_id, schrijven=False):
        traject = traject_voor(
            request, pk, Sectie.BEGELEIDING, Actie.BEGELEIDING_BEWERKEN if schrijven else None
        )
        duaal = DuaalTraject.objects.filter(traject=traject, pk=duaal_id).first()
        if duaal is None:
            raise NotFound("Deze werkervaringsplaats bestaat niet.")
        return traject, duaal

    @extend_schema(
        tags=[TAG_BEGELEIDING],
        summary="Werkervaringsplaats bekijken",
        responses=schema.antwoorden({200: DuaalSerializer}),
    )
    def get(self, request, pk, duaal_id):
        _traject, duaal = self._duaal(request, pk, duaal_id)
        return Response(DuaalSerializer(duaal).data)

    @extend_schema(
        tags=[TAG_BEGELEIDING],
        summary="Werkervaringsplaats wijzigen",
        description="Wijzigt de velden die u meestuurt.",
        request=DuaalSerializer,
        responses=schema.antwoorden({200: DuaalSerializer}, schrijft=True),
    )
    def patch(self, request, pk, duaal_id):
        traject, duaal = self._duaal(request, pk, duaal_id, schrijven=True)
        data = gevalideerd(request, DuaalSerializer, duaal, partial=True)
        duaal = services.bewaar_duaal(traject, request.user, data, duaal)
        return Response(DuaalSerializer(duaal).data)
