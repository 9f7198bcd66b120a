"""Serializers of the PIP API: the form of the input, never a rule of the law (those are in
koers.pip.rules and the services)."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from koers.bouwstenen.api_velden import NUL_TEKEN
from koers.bouwstenen.formulieren import SMALLINT_MAX  # PostgreSQL's range, also on SQLite
from koers.intake import api_schema as intake_schema
from koers.intake import rules as intake_rules
from koers.pip import services as pip_services
from koers.pip.models import ALFA_CHOICES, LEERROUTE_CHOICES, NIVEAU_CHOICES, PipVersie
from koers.toegang import policy


@extend_schema_field(intake_schema.DoelenSerializer)
class DoelenField(serializers.DictField):
    child = serializers.CharField(allow_blank=True)

    def to_internal_value(self, data):
        waarde = super().to_internal_value(data)
        if any("\x00" in str(sleutel) for sleutel in waarde):
            raise serializers.ValidationError(NUL_TEKEN)
        return waarde


class PipVersieSerializer(serializers.ModelSerializer):
    leerroute = serializers.ChoiceField(
        choices=LEERROUTE_CHOICES,
        help_text="B = B1-route, O = onderwijsroute, Z = zelfredzaamheidsroute.",
    )
    niveau = serializers.ChoiceField(choices=NIVEAU_CHOICES, required=False, allow_blank=True)
    alfabetisering = serializers.ChoiceField(choices=ALFA_CHOICES, required=False, allow_blank=True)
    geschatte_intensiteit_b1_route = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=SMALLINT_MAX,
        help_text="Geschatte uren voor de B1-route (alleen asielstatushouders).",
    )
    mag_opleiding_afmaken = serializers.BooleanField(required=False, allow_null=True)
    pvt_uren = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=SMALLINT_MAX
    )
    map_uren = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=SMALLINT_MAX
    )
    doelen = DoelenField(required=False)
    versie = serializers.IntegerField(read_only=True)
    status = serializers.ChoiceField(choices=PipVersie.Status.choices, read_only=True)
    beschikking_url = serializers.SerializerMethodField(
        help_text="Adres van de beschikking (PDF), zodra het PIP is vastgesteld."
    )
    fouten = serializers.SerializerMethodField(
        help_text="Regels die dit concept nu nog breekt, per veld. Leeg als het PIP kan "
        "worden vastgesteld (de brede intake moet dan ook af zijn)."
    )

    class Meta:
        model = PipVersie
        fields = [
            "versie",
            "status",
            "dagtekening",
            "leerroute",
            "niveau",
            "geschatte_intensiteit_b1_route",
            "alfabetisering",
            "mag_opleiding_afmaken",
            "toelichting_leerroute",
            "doelen",
            "begeleiding_ondersteuning",
            "pvt_invulling",
            "pvt_uren",
            "map_invulling",
            "map_uren",
            "ontzorgen",
            "ontzorgen_toelichting",
            "voortgangsgesprekken",
            "partners",
            "vastgesteld_op",
            "beschikking_url",
            "fouten",
        ]
        read_only_fields = ["vastgesteld_op"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if isinstance(data.get("doelen"), dict) and not policy.mag_zien(
            getattr(request, "user", None), policy.Sectie.GEZONDHEID, instance.traject
        ):
            data["doelen"] = intake_rules.zonder_gezondheid(data["doelen"])
        return data

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_beschikking_url(self, pip: PipVersie) -> str | None:
        if not pip.is_vastgesteld:
            return None
        url = reverse(
            "api:pip-beschikking", kwargs={"pk": pip.traject.inburgeraar_id, "versie": pip.versie}
        )
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_fouten(self, pip: PipVersie) -> dict[str, str]:
        if pip.is_vastgesteld:
            return {}
        return pip_services.fouten(
            pip.traject, pip, ontzorgen_groep=pip_services.ontzorgen_groep(pip.traject)
        )
