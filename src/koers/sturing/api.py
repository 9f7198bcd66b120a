"""API of the costs of one case: thin views over koers.sturing.services. Loaded
through the access policy (404 outside reach, 403 without the section or action); a
``Weigering`` becomes a 400 with ``fouten`` (koers.bouwstenen.api_fouten)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from koers.bouwstenen import api_schema as schema
from koers.bouwstenen.api import gevalideerd
from koers.inburgeraars.bereik import traject_voor
from koers.sturing import rules, services
from koers.sturing.models import VOORZIENING_CHOICES, Contract, Kostenpost
from koers.toegang.policy import Actie, Sectie

TAG = "financiën"


class KostenpostSerializer(serializers.ModelSerializer):
    voorziening = serializers.ChoiceField(choices=VOORZIENING_CHOICES)
    contract = serializers.PrimaryKeyRelatedField(
        queryset=Contract.objects.all(),
        required=False,
        allow_null=True,
        help_text="Id van een contract van de gemeente: Koers rekent dan aantal × tarief.",
    )
    aantal = serializers.DecimalField(
        max_digits=9, decimal_places=2, required=False, allow_null=True, coerce_to_string=True
    )
    bedrag = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        coerce_to_string=True,
        help_text="Alleen zonder contract: het bedrag in euro.",
    )
    ten_laste_van = serializers.SerializerMethodField(
        help_text="Welk budget dit betaalt: 'spuk' of 'uitvoering'."
    )

    class Meta:
        model = Kostenpost
        fields = [
            "id",
            "voorziening",
            "doelgroepindeling",
            "contract",
            "datum",
            "aantal",
            "tarief",
            "bedrag",
            "ten_laste_van",
            "omschrijving",
        ]
        read_only_fields = ["id", "doelgroepindeling", "tarief"]
        extra_kwargs = {
            "doelgroepindeling": {"help_text": "De doelgroep van de persoon bij het boeken."},
            "omschrijving": {"required": False, "max_length": 200},
        }

    def get_ten_laste_van(self, post) -> str | None:
        return rules.ten_laste_van(post.voorziening, post.doelgroepindeling)


class KostenView(APIView):
    @extend_schema(
        tags=[TAG],
        summary="Kosten van een zaak",
        description="Wat de voorzieningen voor deze persoon kosten, nieuwste eerst.",
        responses=schema.antwoorden({200: KostenpostSerializer(many=True)}),
    )
    def get(self, request, pk):
        traject = traject_voor(request, pk, Sectie.KOSTEN)
        return Response(
            KostenpostSerializer(Kostenpost.objects.filter(traject=traject), many=True).data
        )

    @extend_schema(
        tags=[TAG],
        summary="Kosten registreren",
        description="Registreert een kostenpost. Met een contract rekent Koers het "
        "bedrag uit. 400 als de voorziening voor deze doelgroep niet "
        "bij de gemeente hoort: een gezinsmigrant of overige migrant "
        "betaalt zijn leerroute zelf (lening van DUO); maatschappelijke "
        "begeleiding en ontzorgen zijn alleen voor asielstatushouders.",
        request=KostenpostSerializer,
        responses=schema.antwoorden({201: KostenpostSerializer}, schrijft=True),
    )
    def post(self, request, pk):
        traject = traject_voor(request, pk, Sectie.KOSTEN, Actie.KOSTEN_REGISTREREN)
        data = gevalideerd(request, KostenpostSerializer)
        post = services.registreer_kostenpost(
            request.user,
            traject,
            voorziening=data["voorziening"],
            datum=data["datum"],
            contract=data.get("contract"),
            aantal=data.get("aantal"),
            bedrag=data.get("bedrag"),
            omschrijving=data.get("omschrijving", ""),
        )
        return Response(KostenpostSerializer(post).data, status=status.HTTP_201_CREATED)
