"""Serializers of the ketenpartner API: the shape of input and answers. The rules live in
rules.py and the services."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from koers.bouwstenen.formulieren import SMALLINT_MAX
from koers.partners import rules
from koers.partners.models import (
    RESULTAAT_CHOICES,
    SCHAAL_CHOICES,
    TAAK_CHOICES,
    Taakverdeling,
    Verwijzing,
    Voortgang,
)


class PartnerVoortgangSerializer(serializers.ModelSerializer):
    door = serializers.CharField(source="door.weergavenaam", read_only=True, default="")

    class Meta:
        model = Voortgang
        fields = [
            "id",
            "datum",
            "uren",
            "afspraken_gepland",
            "afspraken_aanwezig",
            "resultaten",
            "toelichting",
            "door",
            "aangemaakt_op",
        ]
        # The same range on both databases, so the schema is the same (web.forms).
        extra_kwargs = {
            "afspraken_gepland": {"max_value": SMALLINT_MAX},
            "afspraken_aanwezig": {"max_value": SMALLINT_MAX},
        }


class PartnerVoortgangNieuwSerializer(serializers.Serializer):
    datum = serializers.DateField()
    uren = serializers.DecimalField(
        max_digits=5,
        decimal_places=1,
        min_value=0,
        max_value=rules.MAX_UREN_PER_RAPPORTAGE,
        required=False,
        allow_null=True,
    )
    afspraken_gepland = serializers.IntegerField(
        min_value=0, max_value=rules.MAX_AFSPRAKEN_PER_RAPPORTAGE, required=False, allow_null=True
    )
    afspraken_aanwezig = serializers.IntegerField(
        min_value=0, max_value=rules.MAX_AFSPRAKEN_PER_RAPPORTAGE, required=False, allow_null=True
    )
    resultaten = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    toelichting = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class VerwijzingSerializer(serializers.ModelSerializer):
    inburgeraar_id = serializers.IntegerField(source="traject.inburgeraar_id", read_only=True)
    naam = serializers.CharField(source="traject.inburgeraar.volledige_naam", read_only=True)
    gemeentecode = serializers.CharField(source="traject.gemeente.gemeentecode", read_only=True)
    organisatie = serializers.CharField(source="organisatie.naam", read_only=True)
    organisatie_id = serializers.IntegerField(read_only=True)
    taak = serializers.ChoiceField(choices=TAAK_CHOICES, read_only=True)
    status = serializers.ChoiceField(
        choices=[(s.value, s.value) for s in rules.Status], read_only=True
    )
    resultaat = serializers.ChoiceField(choices=RESULTAAT_CHOICES, read_only=True, allow_blank=True)
    rapportages = PartnerVoortgangSerializer(many=True, read_only=True)
    # Filled only in the answer of one referral (``context['intake_werk']``, from
    # policy.werk_intake_van_verwijzing): the partner's one way to the intake topics about work.
    intake_werk = serializers.SerializerMethodField(
        help_text="Alleen bij het bekijken van één verwijzing, voor de ketenpartner, als de "
        "verwijzing loopt en de taak over werk gaat (MAP, begeleiding naar werk): "
        "de antwoorden uit de brede intake over werk en opleiding, per onderwerp. "
        "Anders leeg. Nooit gezondheid."
    )

    class Meta:
        model = Verwijzing
        fields = [
            "id",
            "inburgeraar_id",
            "naam",
            "gemeentecode",
            "organisatie_id",
            "organisatie",
            "taak",
            "status",
            "vraag",
            "startdatum",
            "afwijsreden",
            "resultaat",
            "eindverslag",
            "aangemaakt_op",
            "gereageerd_op",
            "afgesloten_op",
            "rapportages",
            "intake_werk",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DictField(child=serializers.DictField(), allow_null=True))
    def get_intake_werk(self, verwijzing) -> dict | None:
        return self.context.get("intake_werk")


class VerwijsSerializer(serializers.Serializer):
    taak = serializers.ChoiceField(choices=TAAK_CHOICES)
    organisatie_id = serializers.IntegerField(min_value=1)
    vraag = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    startdatum = serializers.DateField(required=False, allow_null=True)


class AfwijsSerializer(serializers.Serializer):
    reden = serializers.CharField(max_length=2000)


class AfsluitSerializer(serializers.Serializer):
    resultaat = serializers.ChoiceField(
        choices=[c for c in RESULTAAT_CHOICES if c[0] != rules.Resultaat.INGETROKKEN]
    )
    eindverslag = serializers.CharField(max_length=4000, required=False, allow_blank=True)


class IntrekSerializer(serializers.Serializer):
    toelichting = serializers.CharField(max_length=4000, required=False, allow_blank=True)


class TaakverdelingSerializer(serializers.ModelSerializer):
    taak = serializers.ChoiceField(choices=TAAK_CHOICES)
    schaal = serializers.ChoiceField(choices=SCHAAL_CHOICES)
    uitvoerder = serializers.CharField(source="uitvoerder.naam")
    uitvoerder_soort = serializers.CharField(source="uitvoerder.soort")
    verwijsbaar = serializers.SerializerMethodField()

    class Meta:
        model = Taakverdeling
        fields = ["taak", "schaal", "uitvoerder", "uitvoerder_soort", "toelichting", "verwijsbaar"]
        read_only_fields = fields

    def get_verwijsbaar(self, rij) -> bool:
        return rij.taak not in rules.ALLEEN_GEMEENTE
