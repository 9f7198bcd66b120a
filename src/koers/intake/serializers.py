"""Serializers of the brede intake API: the form of the input, never a rule of the law (those
are in koers.intake.rules and the services)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from koers.bouwstenen.api_velden import _zoek_nul_tekens
from koers.intake import api_schema as intake_schema
from koers.intake import rules as intake_rules
from koers.intake.models import BredeIntake, IntakeAfspraak
from koers.intake.services import ALGEMENE_VELDEN


class _JsonObjectField(serializers.DictField):
    """An object of objects, stored as JSON; its content is checked by a service."""

    child = serializers.JSONField()
    default_error_messages = {"not_a_dict": "Verwacht een object met sleutels, geen {input_type}."}

    def to_internal_value(self, data):
        waarde = super().to_internal_value(data)
        fouten: dict = {}
        _zoek_nul_tekens(waarde, "", fouten)
        for sleutel, inhoud in waarde.items():
            if isinstance(inhoud, dict) and not isinstance(inhoud.get("toelichting", ""), str):
                fouten[f"{sleutel}.toelichting"] = ["Vul bij de toelichting tekst in."]
        if fouten:
            raise serializers.ValidationError(fouten)
        return waarde


@extend_schema_field(intake_schema.OnderwerpenSerializer)
class OnderwerpenField(_JsonObjectField):
    """The intake topics, keyed as in koers.intake.rules.ONDERWERPEN."""


@extend_schema_field(intake_schema.PositieveGezondheidSerializer)
class PositieveGezondheidField(_JsonObjectField):
    """Score and note per Positieve Gezondheid dimension."""


class BredeIntakeSerializer(serializers.Serializer):
    """The brede intake: only the topics in ``context['onderwerpen']``
    (policy.intake_onderwerpen_voor); Positieve Gezondheid only with the gezondheid topic."""

    status = serializers.ChoiceField(choices=BredeIntake.Status.choices, read_only=True)
    datum = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="De dag van het intakegesprek. Niet in de toekomst. Nodig om de intake af "
        "te ronden; een concept mag zonder.",
    )
    plaats = serializers.ChoiceField(
        choices=list(intake_rules.PLAATSEN), required=False, allow_blank=True
    )
    tolk_gebruikt = serializers.BooleanField(required=False)
    tolk_taal = serializers.CharField(max_length=50, required=False, allow_blank=True)
    vve_informatie_gegeven = serializers.BooleanField(required=False)
    gesprek_zonder_partner_aangeboden = serializers.BooleanField(required=False)
    lbt_uitslag = serializers.ChoiceField(
        choices=list(intake_rules.LBT_UITSLAGEN),
        required=False,
        allow_blank=True,
        help_text="Uitslag van de leerbaarheidstoets.",
    )
    lbt_score = serializers.IntegerField(
        required=False, allow_null=True, help_text="Score van de leerbaarheidstoets."
    )
    lbt_datum = serializers.DateField(required=False, allow_null=True)
    afwijking_lbt_advies = serializers.CharField(required=False, allow_blank=True)
    onderwerpen = OnderwerpenField(required=False)
    positieve_gezondheid = PositieveGezondheidField(required=False)
    ontbrekend = serializers.DictField(
        child=serializers.CharField(),
        read_only=True,
        help_text="Wat nog ontbreekt, per veld: het wettelijke minimum en de onderwerpen die "
        "de gemeente verwacht.",
    )
    ontbrekend_wettelijk = serializers.DictField(
        child=serializers.CharField(),
        read_only=True,
        help_text="Het deel van 'ontbrekend' dat de wet vraagt (artikel 14 Wi2021). Dit en "
        "een lege 'datum' houden het afronden tegen, behalve als de inburgeraar niet verscheen.",
    )

    def to_representation(self, intake: BredeIntake) -> dict:
        sleutels = tuple(self.context.get("onderwerpen", ()))
        gezondheid = "gezondheid" in sleutels
        volledig = set(sleutels) >= set(intake_rules.ONDERWERP_SLEUTELS) - {"gezondheid"}
        data = {"status": intake.status}
        for naam in ALGEMENE_VELDEN:
            waarde = getattr(intake, naam)
            data[naam] = None if waarde is None else self.fields[naam].to_representation(waarde)
        alle = intake.alle_onderwerpen() if gezondheid else intake.onderwerpen
        data["onderwerpen"] = {k: v for k, v in alle.items() if k in sleutels}
        if gezondheid:
            data["positieve_gezondheid"] = intake.positieve_gezondheid
        # What is missing names topics: only for who may read (and so complete) them all.
        ontbrekend = intake.ontbrekend() if volledig else {}
        if not gezondheid:
            ontbrekend = {
                k: v
                for k, v in ontbrekend.items()
                if not k.startswith(("onderwerpen.gezondheid.", "positieve_gezondheid."))
            }
        data["ontbrekend"] = ontbrekend
        data["ontbrekend_wettelijk"] = intake_rules.ontbrekend_minimum(ontbrekend)
        return data


class IntakeAfspraakSerializer(serializers.ModelSerializer):
    """Een afspraak voor de brede intake en of de inburgeraar kwam. 'niet_verschenen' laat de
    intake afronden met wat bekend is en wordt een signaal voor handhaving."""

    class Meta:
        model = IntakeAfspraak
        fields = ["id", "datum", "status", "toelichting"]
        read_only_fields = ["id"]
        extra_kwargs = {"toelichting": {"required": False, "allow_blank": True}}
