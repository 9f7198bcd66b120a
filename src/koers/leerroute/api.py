"""API of the leerroute: aanbod, uren, examens, afschaling and the Z-route, per inburgeraar.
Thin views: load through the policy, check the shape with a serializer, call one service."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from koers.bouwstenen import api_schema as schema
from koers.bouwstenen.api import gevalideerd, vereis
from koers.duo.client import DuoFout
from koers.inburgeraars.bereik import traject_voor
from koers.inburgeraars.services import vandaag
from koers.leerroute import selectors, services
from koers.leerroute.serializers import (
    LeerrouteAanbodSerializer,
    LeerrouteAfrondingSerializer,
    LeerrouteAfschalingSerializer,
    LeerrouteBesluitSerializer,
    LeerrouteEindgesprekSerializer,
    LeerrouteExamenSerializer,
    LeerrouteUrenMeldingSerializer,
    LeerrouteUrenSerializer,
    LeerrouteZrouteSerializer,
)
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie

TAG = ["Leerroute"]
DUO_ONBEREIKBAAR = OpenApiResponse(
    schema.FoutSerializer, description="DUO gaf de lijst met instellingen niet."
)


def _lezen(request, pk):
    return traject_voor(request, pk, Sectie.LEERROUTE)


def _schrijven(request, pk, actie: Actie = Actie.LEERROUTE_BEWERKEN):
    return traject_voor(request, pk, Sectie.LEERROUTE, actie)


class AanbodLijst(APIView):
    @extend_schema(
        tags=TAG,
        summary="Inburgeringsaanbod",
        responses=schema.antwoorden({200: LeerrouteAanbodSerializer(many=True)}),
    )
    def get(self, request, pk):
        traject = _lezen(request, pk)
        return Response(
            LeerrouteAanbodSerializer(traject.aanbod.order_by("-startdatum", "-pk"), many=True).data
        )

    @extend_schema(
        tags=TAG,
        summary="Inburgeringsaanbod vastleggen",
        description="Legt het aanbod bij een instelling vast. De instelling staat "
        "in de lijst van DUO met het keurmerk van Blik op Werk (bij de "
        "onderwijsroute mag ook een erkende taalschakelinstelling). "
        "Een nieuw aanbod bij dezelfde instelling vervangt het oude. "
        "Voor een asielstatushouder gaat het aanbod met 'melden' naar "
        "DUO; daarvoor is het recht om bij DUO te melden nodig.",
        request=LeerrouteAanbodSerializer,
        responses={
            **schema.antwoorden({201: LeerrouteAanbodSerializer}, schrijft=True),
            503: DUO_ONBEREIKBAAR,
        },
    )
    def post(self, request, pk):
        traject = _schrijven(request, pk)
        data = gevalideerd(request, LeerrouteAanbodSerializer)
        if data["melden"]:
            vereis(request.user, Actie.DUO_MELDEN)
        try:
            instellingen = services.instellingen_van_duo(traject.gemeente)
        except DuoFout as fout:
            return Response(
                {
                    "detail": "Koers kan de lijst met instellingen niet ophalen bij "
                    f"DUO. Probeer het later opnieuw. {fout}"
                },
                status=status.HTTP_503_SERVICE_UNAVAILABLE,
            )
        aanbod = services.bewaar_aanbod(
            traject, request.user, data, instellingen=instellingen, melden=data["melden"]
        )
        return Response(LeerrouteAanbodSerializer(aanbod).data, status=status.HTTP_201_CREATED)


class UrenLijst(APIView):
    @extend_schema(
        tags=TAG,
        summary="Uren per periode",
        responses=schema.antwoorden({200: LeerrouteUrenSerializer(many=True)}),
    )
    def get(self, request, pk):
        traject = _lezen(request, pk)
        return Response(
            LeerrouteUrenSerializer(traject.uren.order_by("-periode_start", "-pk"), many=True).data
        )

    @extend_schema(
        tags=TAG,
        summary="Uren van een periode vastleggen",
        description="De uren zoals de aanbieder ze doorgeeft. Daarna werkt Koers de "
        "Z-route bij en stelt in de B1-route zo nodig afschalen voor.",
        request=LeerrouteUrenSerializer,
        responses=schema.antwoorden({201: LeerrouteUrenSerializer}, schrijft=True),
    )
    def post(self, request, pk):
        traject = _schrijven(request, pk)
        data = gevalideerd(request, LeerrouteUrenSerializer)
        data["aanbod"] = data.pop("aanbod_id", None)
        rij = services.bewaar_uren(traject, request.user, data)
        return Response(LeerrouteUrenSerializer(rij).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=TAG,
    summary="Gevolgde uren melden bij DUO",
    description="Zet de lopende totalen in de wachtrij naar DUO: taal- en KNM-uren "
    "tijdens de brede intake en, voor asielstatushouders, de "
    "participatie-uren (met PVT en MAP). Hele uren.",
    request=None,
    responses=schema.antwoorden({202: LeerrouteUrenMeldingSerializer(many=True)}, schrijft=True),
)
class UrenMelden(APIView):
    def post(self, request, pk):
        traject = _schrijven(request, pk, Actie.DUO_MELDEN)
        berichten = services.meld_uren_aan_duo(traject, request.user)
        return Response(
            [{"soort": b.soort.removeprefix("uren_"), "uren": b.body["uren"]} for b in berichten],
            status=status.HTTP_202_ACCEPTED,
        )


class ExamenLijst(APIView):
    @extend_schema(
        tags=TAG,
        summary="Examenresultaten",
        description="Per onderdeel; van DUO (bron 'duo') of ingevoerd.",
        responses=schema.antwoorden({200: LeerrouteExamenSerializer(many=True)}),
    )
    def get(self, request, pk):
        traject = _lezen(request, pk)
        examens = traject.examens.order_by("-examendatum", "onderdeel")
        return Response(LeerrouteExamenSerializer(examens, many=True).data)

    @extend_schema(
        tags=TAG,
        summary="Examenresultaat invoeren",
        request=LeerrouteExamenSerializer,
        responses=schema.antwoorden({201: LeerrouteExamenSerializer}, schrijft=True),
    )
    def post(self, request, pk):
        traject = _schrijven(request, pk)
        data = gevalideerd(request, LeerrouteExamenSerializer)
        examen = services.bewaar_examen(traject, request.user, data)
        return Response(LeerrouteExamenSerializer(examen).data, status=status.HTTP_201_CREATED)


class AfschalingLijst(APIView):
    @extend_schema(
        tags=TAG,
        summary="Voorstellen om af te schalen naar A2",
        responses=schema.antwoorden({200: LeerrouteAfschalingSerializer(many=True)}),
    )
    def get(self, request, pk):
        traject = _lezen(request, pk)
        return Response(
            LeerrouteAfschalingSerializer(
                traject.afschalingsvoorstellen.select_related("pip").order_by("-pk"), many=True
            ).data
        )

    @extend_schema(
        tags=TAG,
        summary="Afschalen opnieuw laten toetsen",
        description="Koers toetst de regel (B1-route, minstens 600 lesuren bij een "
        "instelling met keurmerk, genoeg inzet) en maakt een voorstel. "
        "Is de regel niet gehaald, dan krijgt u 400 met de redenen.",
        request=None,
        responses=schema.antwoorden({201: LeerrouteAfschalingSerializer}, schrijft=True),
    )
    def post(self, request, pk):
        traject = _schrijven(request, pk)
        voorstel = services.stel_afschaling_voor(traject, request.user)
        return Response(
            LeerrouteAfschalingSerializer(voorstel).data, status=status.HTTP_201_CREATED
        )


@extend_schema(
    tags=TAG,
    summary="Besluit over afschalen",
    description="Aanvaard: Koers maakt een nieuw PIP-concept met niveau A2; stel "
    "dat vast zoals altijd. Afgewezen: met een reden.",
    request=LeerrouteBesluitSerializer,
    responses=schema.antwoorden({200: LeerrouteAfschalingSerializer}, schrijft=True),
)
class AfschalingBesluit(APIView):
    def post(self, request, pk, voorstel):
        traject = _schrijven(request, pk)
        vereis(request.user, Actie.PIP_BEWERKEN)
        data = gevalideerd(request, LeerrouteBesluitSerializer)
        if not traject.afschalingsvoorstellen.filter(pk=voorstel).exists():
            from rest_framework.exceptions import NotFound

            raise NotFound("Dit voorstel bestaat niet.")
        v = services.besluit_afschaling(
            traject,
            voorstel,
            request.user,
            aanvaard=data["besluit"] == "aanvaard",
            reden=data["reden"],
        )
        return Response(LeerrouteAfschalingSerializer(v).data)


def _zroute(request, traject) -> dict:
    """The Z-route answer. The ontheffing's hours come from a medical or biological ground
    (API Ontheffing, GedeeltelijkeOntheffing.grond): health data, so the field is left out
    for who may not see Sectie.GEZONDHEID — as ``uren_belastbaarheid_participatie`` of the
    Inburgeraar."""
    data = LeerrouteZrouteSerializer(_zroute_data(traject)).data
    if not policy.mag_zien(request.user, Sectie.GEZONDHEID, traject):
        data.pop("ontheffing_participatie", None)
    return data


def _zroute_data(traject) -> dict:
    o = selectors.overzicht(traject, vandaag=vandaag())
    z = o.zroute
    return {
        "voortgang": [
            {
                "label": v.label,
                "uren": v.uren,
                "norm": v.norm,
                "gepland_tot_nu": v.gepland_tot_nu,
                "achter": v.achter,
            }
            for v in o.voortgang
        ]
        if o.leerroute == "Z"
        else [],
        "eindgesprek_op": z.eindgesprek_op if z else None,
        "afspraken_nagekomen": z.afspraken_nagekomen if z else None,
        "conclusie": z.conclusie if z else "",
        "afgerond_op": z.afgerond_op if z else None,
        "ontheffing_participatie": traject.inburgeraar.uren_belastbaarheid_participatie,
        "pvt_datum_bij_duo": o.volgorde.pvt if o.volgorde else None,
        "map_datum_bij_duo": o.volgorde.map if o.volgorde else None,
    }


class ZrouteView(APIView):
    @extend_schema(
        tags=TAG,
        summary="Z-route",
        description="Cursus- en participatie-uren tegen het plan (800 + 800 voor "
        "asielstatushouders, 800 cursusuren voor gezins- en overige "
        "migranten), het eindgesprek en de afronding.",
        responses=schema.antwoorden({200: LeerrouteZrouteSerializer}),
    )
    def get(self, request, pk):
        traject = _lezen(request, pk)
        return Response(_zroute(request, traject))


@extend_schema(
    tags=TAG,
    summary="Eindgesprek Z-route vastleggen",
    request=LeerrouteEindgesprekSerializer,
    responses=schema.antwoorden({200: LeerrouteZrouteSerializer}, schrijft=True),
)
class ZrouteEindgesprek(APIView):
    def post(self, request, pk):
        traject = _schrijven(request, pk)
        data = gevalideerd(request, LeerrouteEindgesprekSerializer)
        services.bewaar_eindgesprek(traject, request.user, data)
        return Response(_zroute(request, traject))


@extend_schema(
    tags=TAG,
    summary="Afronding Z-route melden bij DUO",
    description="Na een eindgesprek waarin de afspraken zijn nagekomen, met de "
    "uren van het plan, en pas als DUO de datums van PVT en MAP heeft "
    "verwerkt (anders weigert DUO die later). Gaat via de wachtrij naar "
    "DUO.",
    request=LeerrouteAfrondingSerializer,
    responses=schema.antwoorden({200: LeerrouteZrouteSerializer}, schrijft=True),
)
class ZrouteAfronding(APIView):
    def post(self, request, pk):
        traject = _schrijven(request, pk, Actie.DUO_MELDEN)
        vereis(request.user, Actie.LEERROUTE_BEWERKEN)
        data = gevalideerd(request, LeerrouteAfrondingSerializer)
        services.meld_zroute_afgerond(traject, request.user, data.get("datum"))
        return Response(_zroute(request, traject))
