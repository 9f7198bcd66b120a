"""API serializers of signals and voortgangsgesprekken: they check the form of the input;
the rules live in services.py and rules.py."""

from __future__ import annotations

from rest_framework import serializers

from koers.bouwstenen.api_velden import _zoek_nul_tekens
from koers.inburgeraars.validatie import kalender_datum
from koers.intake import rules as intake_rules
from koers.monitoring import rules
from koers.monitoring.models import Signaal, Voortgangsgesprek


class SignaalSerializer(serializers.ModelSerializer):
    inburgeraar = serializers.IntegerField(source="traject.inburgeraar_id", read_only=True,
                                           help_text="Id van de inburgeraar.")
    titel = serializers.SerializerMethodField(help_text="Wat er moet gebeuren, in gewone taal.")

    class Meta:
        model = Signaal
        fields = ("id", "inburgeraar", "soort", "titel", "sleutel", "vervaldatum", "status",
                  "uitgesteld_tot", "reden")
        read_only_fields = fields

    def get_titel(self, signaal) -> str:
        return (self.context.get("titels") or {}).get(signaal.soort, signaal.soort)


class AfhandelenSerializer(serializers.Serializer):
    reden = serializers.CharField(max_length=rules.REDEN_MAX,
                                  help_text="Wat is er gedaan?")


class UitstellenSerializer(serializers.Serializer):
    uitgesteld_tot = serializers.DateField(validators=[kalender_datum],
                                           help_text="Tot wanneer; na vandaag, hooguit een jaar.")
    reden = serializers.CharField(max_length=rules.REDEN_MAX, help_text="Waarom uitstellen?")


class VoortgangSerializer(serializers.Serializer):
    voortgang = serializers.ChoiceField(choices=list(rules.VOORTGANG), required=False,
                                        allow_blank=True)
    toelichting = serializers.CharField(required=False, allow_blank=True,
                                        max_length=rules.OMSCHRIJVING_MAX)


class InterventieSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(choices=list(rules.INTERVENTIES.items()))
    omschrijving = serializers.CharField(required=False, allow_blank=True,
                                         max_length=rules.OMSCHRIJVING_MAX)


def _dimensies(waarde: dict, veld: str) -> None:
    onbekend = [k for k in waarde if k not in intake_rules.DIMENSIE_SLEUTELS]
    if onbekend:
        raise serializers.ValidationError(
            {k: [f"Onbekende dimensie '{k}'. Kies uit: "
                 f"{', '.join(intake_rules.DIMENSIE_SLEUTELS)}."] for k in onbekend})


class GesprekSerializer(serializers.ModelSerializer):
    """A voortgangsgesprek. ``positieve_gezondheid`` (scores 0-10 per dimension) appears
    only for who may see health data, and only he may send it."""

    voortgang = serializers.DictField(child=VoortgangSerializer(), required=False,
                                      help_text="Per doel (dimensie): voortgang en toelichting.")
    subdoelen = serializers.DictField(child=serializers.CharField(
        max_length=rules.OMSCHRIJVING_MAX, allow_blank=True), required=False,
        help_text="Per doel (dimensie): het bijgestelde subdoel.")
    positieve_gezondheid = serializers.DictField(child=serializers.IntegerField(
        min_value=rules.SCORE_MIN, max_value=rules.SCORE_MAX), required=False,
        help_text="Score 0 tot en met 10 per dimensie (gezondheidsgegevens).")
    interventies = InterventieSerializer(many=True, required=False)
    # A planned talk has no date yet (null in answers); a talk sent in must have one.
    gehouden_op = serializers.DateField(
        allow_null=True, validators=[kalender_datum],
        help_text="De datum van het gesprek; leeg (null) bij een gesprek dat nog gepland "
                  "staat. Verplicht bij vastleggen.")
    verslag = serializers.CharField(required=False, allow_blank=True, max_length=10000)

    class Meta:
        model = Voortgangsgesprek
        fields = ("id", "gepland_op", "gehouden_op", "voortgang", "subdoelen",
                  "positieve_gezondheid", "interventies", "verslag")
        read_only_fields = ("id", "gepland_op")

    def validate_gehouden_op(self, value):
        if value is None:
            raise serializers.ValidationError("Vul de datum van het gesprek in.")
        return value

    def validate(self, attrs):
        fouten: dict = {}
        _zoek_nul_tekens(dict(attrs), "", fouten)
        if fouten:
            raise serializers.ValidationError(fouten)
        for veld in ("voortgang", "subdoelen", "positieve_gezondheid"):
            if veld in attrs:
                try:
                    _dimensies(attrs[veld], veld)
                except serializers.ValidationError as fout:
                    raise serializers.ValidationError({veld: fout.detail}) from None
        return attrs

    def to_representation(self, gesprek):
        data = super().to_representation(gesprek)
        if not self.context.get("gezondheid"):
            data.pop("positieve_gezondheid", None)
            data["voortgang"], data["subdoelen"], data["interventies"] = \
                rules.gesprek_zonder_gezondheid(data.get("voortgang"), data.get("subdoelen"),
                                                data.get("interventies"))
        return data
