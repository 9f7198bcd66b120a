"""API of the PVT and MAP: thin views over koers.modules.services.

Reading needs the section MODULES; writing the action MODULES_BEWERKEN; reporting a date to
DUO also DUO_MELDEN. A case outside the user's reach is 404; refusals are 400 with Dutch
messages per field (koers.bouwstenen.api_fouten)."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from koers.bouwstenen import api_schema as schema
from koers.bouwstenen.api import gevalideerd, vereis
from koers.inburgeraars.bereik import traject_voor
from koers.toegang.policy import Actie, Sectie

from . import rules, services
from .models import Activiteit
from .serializers import (
    MapEindgesprekSerializer,
    ModuleActiviteitSerializer,
    ModuleCorrigerenSerializer,
    ModuleMeldenSerializer,
    ModuleStandSerializer,
    ModuleVerwijtbaarMeldenSerializer,
    PvtOndertekenenSerializer,
)

TAGS = {"pvt": ["PVT"], "map": ["MAP"]}
NAMEN = {"pvt": "het PVT", "map": "de MAP"}


def _traject(request, pk, *, schrijft: bool = False):
    traject = traject_voor(request, pk, Sectie.MODULES)
    if schrijft:
        vereis(request.user, Actie.MODULES_BEWERKEN)
    return traject


def _stand(traject, module: str) -> Response:
    stand = services.stand(traject)
    ms = stand.pvt if module == rules.Module.PVT else stand.map
    return Response(ModuleStandSerializer((ms, stand)).data)


def _activiteit(traject, module: str, activiteit_id: int) -> Activiteit:
    activiteit = Activiteit.objects.filter(traject=traject, module=module, pk=activiteit_id).first()
    if activiteit is None:
        raise NotFound("Deze activiteit bestaat niet.")
    activiteit.traject = traject
    return activiteit


def _stand_view(module: str):
    @extend_schema(
        tags=TAGS[module],
        summary=f"Stand van {NAMEN[module]}",
        description=f"Uren gedaan en gepland (PIP), de activiteiten en de afronding "
        f"van {NAMEN[module]}.",
        responses=schema.antwoorden({200: ModuleStandSerializer}),
    )
    class StandView(APIView):
        def get(self, request, pk):
            return _stand(_traject(request, pk), module)

    StandView.__name__ = StandView.__qualname__ = f"{module.capitalize()}Stand"
    return StandView


def _lijst_view(module: str):
    class LijstView(APIView):
        @extend_schema(
            tags=TAGS[module],
            summary=f"Activiteiten van {NAMEN[module]}",
            responses=schema.antwoorden({200: ModuleActiviteitSerializer(many=True)}),
        )
        def get(self, request, pk):
            traject = _traject(request, pk)
            activiteiten = Activiteit.objects.filter(traject=traject, module=module)
            return Response(ModuleActiviteitSerializer(activiteiten, many=True).data)

        @extend_schema(
            tags=TAGS[module],
            summary=f"Activiteit toevoegen aan {NAMEN[module]}",
            description="De uren zijn meer dan 0 en hooguit 24; de datum ligt niet "
            "in de toekomst. Na de afronding veranderen de activiteiten "
            "niet meer.",
            request=ModuleActiviteitSerializer,
            responses=schema.antwoorden({201: ModuleActiviteitSerializer}, schrijft=True),
        )
        def post(self, request, pk):
            traject = _traject(request, pk, schrijft=True)
            data = {**gevalideerd(request, ModuleActiviteitSerializer), "module": module}
            activiteit = services.voeg_activiteit_toe(traject, request.user, data)
            url = reverse(
                f"api:modules-{module}-activiteit",
                kwargs={"pk": pk, "activiteit_id": activiteit.pk},
            )
            return Response(
                ModuleActiviteitSerializer(activiteit).data,
                status=status.HTTP_201_CREATED,
                headers={"Location": request.build_absolute_uri(url)},
            )

    LijstView.__name__ = LijstView.__qualname__ = f"{module.capitalize()}Activiteiten"
    return LijstView


def _detail_view(module: str):
    class DetailView(APIView):
        @extend_schema(
            tags=TAGS[module],
            summary="Activiteit bekijken",
            responses=schema.antwoorden({200: ModuleActiviteitSerializer}),
        )
        def get(self, request, pk, activiteit_id):
            traject = _traject(request, pk)
            return Response(
                ModuleActiviteitSerializer(_activiteit(traject, module, activiteit_id)).data
            )

        @extend_schema(
            tags=TAGS[module],
            summary="Activiteit wijzigen",
            description="Wijzigt de velden die u meestuurt.",
            request=ModuleActiviteitSerializer,
            responses=schema.antwoorden({200: ModuleActiviteitSerializer}, schrijft=True),
        )
        def patch(self, request, pk, activiteit_id):
            traject = _traject(request, pk, schrijft=True)
            activiteit = _activiteit(traject, module, activiteit_id)
            data = gevalideerd(request, ModuleActiviteitSerializer, activiteit, partial=True)
            activiteit = services.wijzig_activiteit(activiteit, request.user, data)
            return Response(ModuleActiviteitSerializer(activiteit).data)

        @extend_schema(
            tags=TAGS[module],
            summary="Activiteit verwijderen",
            responses=schema.antwoorden(
                {204: OpenApiResponse(description="Verwijderd.")}, schrijft=True
            ),
        )
        def delete(self, request, pk, activiteit_id):
            traject = _traject(request, pk, schrijft=True)
            services.verwijder_activiteit(_activiteit(traject, module, activiteit_id), request.user)
            return Response(status=status.HTTP_204_NO_CONTENT)

    DetailView.__name__ = DetailView.__qualname__ = f"{module.capitalize()}Activiteit"
    return DetailView


PvtStand = _stand_view("pvt")
MapStand = _stand_view("map")
PvtActiviteiten = _lijst_view("pvt")
MapActiviteiten = _lijst_view("map")
PvtActiviteit = _detail_view("pvt")
MapActiviteit = _detail_view("map")


def _rond_af(request, pk, module: str, serializer_klasse, rond_af):
    """Close a module: check the body, the right to report to DUO when 'melden' is on, then
    ``rond_af(traject, user, data)``; answer with the module's state."""
    traject = _traject(request, pk, schrijft=True)
    data = gevalideerd(request, serializer_klasse)
    if data["melden"]:
        vereis(request.user, Actie.DUO_MELDEN)
    rond_af(traject, request.user, data)
    return _stand(traject, module)


@extend_schema(
    tags=["PVT"],
    summary="Participatieverklaring ondertekend",
    description="Legt de ondertekening vast; daarmee is het PVT af. Nodig: minstens "
    "12 uur PVT tot en met de datum, en minstens één excursie of "
    "activiteit over een kernwaarde. Met 'melden' (standaard) gaat de "
    "datum in dezelfde stap naar DUO. 'verwijtbaar' alleen als de datum "
    "op of na het einde van de inburgeringstermijn ligt.",
    request=PvtOndertekenenSerializer,
    responses=schema.antwoorden({200: ModuleStandSerializer}, schrijft=True),
)
class PvtOndertekenen(APIView):
    def post(self, request, pk):
        return _rond_af(
            request,
            pk,
            "pvt",
            PvtOndertekenenSerializer,
            lambda traject, door, data: services.onderteken_pvt(
                traject,
                door,
                datum=data["datum"],
                verwijtbaar=data.get("verwijtbaar"),
                melden=data["melden"],
            ),
        )


@extend_schema(
    tags=["MAP"],
    summary="Eindgesprek MAP",
    description="Legt het eindgesprek vast (datum, samenvatting, uitvoerder zoals "
    "Werk.Kom); daarmee is de MAP af. Alleen in de B1-route en de "
    "Z-route. Met 'melden' (standaard) gaat de datum in dezelfde stap "
    "naar DUO. 'verwijtbaar' alleen als de datum op of na het einde van "
    "de inburgeringstermijn ligt.",
    request=MapEindgesprekSerializer,
    responses=schema.antwoorden({200: ModuleStandSerializer}, schrijft=True),
)
class MapEindgesprek(APIView):
    def post(self, request, pk):
        return _rond_af(
            request,
            pk,
            "map",
            MapEindgesprekSerializer,
            lambda traject, door, data: services.houd_map_eindgesprek(
                traject,
                door,
                datum=data["datum"],
                samenvatting=data["samenvatting"],
                uitvoerder=data.get("uitvoerder", rules.STANDAARD_MAP_UITVOERDER),
                verwijtbaar=data.get("verwijtbaar"),
                melden=data["melden"],
            ),
        )


def _meld_view(module: str):
    @extend_schema(
        tags=TAGS[module],
        summary="Datum alsnog aan DUO melden",
        description=f"Meldt de datum van {NAMEN[module]} aan DUO, als dat bij de "
        f"afronding nog niet gebeurde.",
        request=ModuleMeldenSerializer,
        responses=schema.antwoorden({200: ModuleStandSerializer}, schrijft=True),
    )
    class MeldView(APIView):
        def post(self, request, pk):
            traject = _traject(request, pk, schrijft=True)
            vereis(request.user, Actie.DUO_MELDEN)
            data = gevalideerd(request, ModuleMeldenSerializer)
            with transaction.atomic():
                services.meld_alsnog(
                    traject, module, request.user, verwijtbaar=data.get("verwijtbaar")
                )
            return _stand(traject, module)

    MeldView.__name__ = MeldView.__qualname__ = f"{module.capitalize()}Melden"
    return MeldView


PvtMelden = _meld_view("pvt")
MapMelden = _meld_view("map")


def _corrigeer_view(module: str):
    @extend_schema(
        tags=TAGS[module],
        summary="Datum corrigeren",
        description=f"Corrigeert de datum van {NAMEN[module]}. Dezelfde regels als "
        f"bij het afronden gelden. Heeft DUO de oude datum al, dan gaat "
        f"de nieuwe datum in dezelfde stap naar DUO (daarvoor is het "
        f"recht om aan DUO te melden nodig).",
        request=ModuleCorrigerenSerializer,
        responses=schema.antwoorden({200: ModuleStandSerializer}, schrijft=True),
    )
    class CorrigeerView(APIView):
        def post(self, request, pk):
            traject = _traject(request, pk, schrijft=True)
            data = gevalideerd(request, ModuleCorrigerenSerializer)
            afronding = traject.module_afrondingen.filter(module=module).first()
            if afronding is not None and afronding.bericht_id is not None:
                vereis(request.user, Actie.DUO_MELDEN)
            services.corrigeer_datum(
                traject,
                module,
                request.user,
                datum=data["datum"],
                verwijtbaar=data.get("verwijtbaar"),
            )
            return _stand(traject, module)

    CorrigeerView.__name__ = CorrigeerView.__qualname__ = f"{module.capitalize()}Corrigeren"
    return CorrigeerView


PvtCorrigeren = _corrigeer_view("pvt")
MapCorrigeren = _corrigeer_view("map")


def _verwijtbaar_view(module: str):
    @extend_schema(
        tags=TAGS[module],
        summary="Verwijtbaar melden zonder datum",
        description=f"Meldt aan DUO of het te verwijten is dat {NAMEN[module]} nog "
        f"niet af is, zonder datum. 'Nee' kan in de laatste 2 maanden "
        f"van de inburgeringstermijn (de laatste dag is de dag voor "
        f"DUO's einddatum); na het einde 'Ja' of 'Nee'. Niet als de "
        f"module al af is: meld dan de datum.",
        request=ModuleVerwijtbaarMeldenSerializer,
        responses=schema.antwoorden({200: ModuleStandSerializer}, schrijft=True),
    )
    class VerwijtbaarView(APIView):
        def post(self, request, pk):
            traject = _traject(request, pk, schrijft=True)
            vereis(request.user, Actie.DUO_MELDEN)
            data = gevalideerd(request, ModuleVerwijtbaarMeldenSerializer)
            services.meld_verwijtbaar(
                traject,
                module,
                request.user,
                verwijtbaar=data["verwijtbaar"],
                toelichting=data["toelichting"],
            )
            return _stand(traject, module)

    VerwijtbaarView.__name__ = VerwijtbaarView.__qualname__ = f"{module.capitalize()}Verwijtbaar"
    return VerwijtbaarView


PvtVerwijtbaar = _verwijtbaar_view("pvt")
MapVerwijtbaar = _verwijtbaar_view("map")
