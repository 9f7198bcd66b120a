"""API serializers of signals and voortgangsgesprekken: they check the form of the input;
the rules live in services.py and rules.py."""

from __future__ import annotations

from rest_framework import serializers

from koers.bouwstenen.api_velden import _zoek_nul_tekens
from koers.inburgeraars.validatie import kalender_datum
from koers.intake import rules as intake_rules
from koers.monitoring import rules
from koers.monitoring.models import GeslotenGesprek, Signaal, Voortgangsgesprek


class SignaalSerializer(serializers.ModelSerializer):
    inburgeraar = serializers.IntegerField(
        source="traject.inburgeraar_id", read_only=True, help_text="Id van de inburgeraar."
    )
    titel = serializers.SerializerMethodField(help_text="Wat er moet gebeuren, in gewone taal.")

    class Meta:
        model = Signaal
        fields = (
            "id",
            "inburgeraar",
            "soort",
            "titel",
            "sleutel",
            "vervaldatum",
            "status",
            "uitgesteld_tot",
            "reden",
        )
        read_only_fields = fields

    def get_titel(self, signaal) -> str:
        return (self.context.get("titels") or {}).get(signaal.soort, signaal.soort)


class AfhandelenSerializer(serializers.Serializer):
    reden = serializers.CharField(max_length=rules.REDEN_MAX, help_text="Wat is er gedaan?")


class GesprekSluitenSerializer(serializers.Serializer):
    reden = serializers.CharField(
        max_length=rules.REDEN_MAX, help_text="Waarom is het gesprek niet gevoerd?"
    )


class GeslotenGesprekSerializer(serializers.ModelSerializer):
    class Meta:
        model = GeslotenGesprek
        fields = ["gepland_op", "reden", "gesloten_op"]
        extra_kwargs = {
            "gepland_op": {"help_text": "De datum waarop het gesprek gepland was."},
            "reden": {"help_text": "Waarom het gesprek niet is gevoerd."},
            "gesloten_op": {"help_text": "Wanneer het gesprek is gesloten."},
        }


class UitstellenSerializer(serializers.Serializer):
    uitgesteld_tot = serializers.DateField(
        validators=[kalender_datum], help_text="Tot wanneer; na vandaag, hooguit een jaar."
    )
    reden = serializers.CharField(max_length=rules.REDEN_MAX, help_text="Waarom uitstellen?")


class VoortgangSerializer(serializers.Serializer):
    voortgang = serializers.ChoiceField(
        choices=list(rules.VOORTGANG), required=False, allow_blank=True
    )
    toelichting = serializers.CharField(
        required=False, allow_blank=True, max_length=rules.OMSCHRIJVING_MAX
    )


class InterventieSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(choices=list(rules.INTERVENTIES.items()))
    omschrijving = serializers.CharField(
        required=False, allow_blank=True, max_length=rules.OMSCHRIJVING_MAX
    )


def _dimensies(waarde: dict, veld: str) -> None:
    onbekend = [k for k in waarde if k not in intake_rules.DIMENSIE_SLEUTELS]
    if onbekend:
        raise serializers.ValidationError(
            {
                k: [
                    f"Onbekende dimensie '{k}'. Kies uit: "
                    f"{', '.join(intake_rules.DIMENSIE_SLEUTELS)}."
                ]
                for k in onbekend
            }
        )


class GesprekSerializer(serializers.ModelSerializer):
    """A voortgangsgesprek. ``positieve_gezondheid`` (scores 0-10 per dimension) appears
    only for who may see health data, and only he may send it."""

    voortgang = serializers.DictField(
        child=VoortgangSerializer(),
        required=False,
        help_text="Per doel (dimensie): voortgang en toelichting.",
    )
    subdoelen = serializers.DictField(
        child=serializers.CharField(max_length=rules.OMSCHRIJVING_MAX, allow_blank=True),
        required=False,
        help_text="Per doel (dimensie): het bijgestelde subdoel.",
    )
    positieve_gezondheid = serializers.DictField(
        child=serializers.IntegerField(min_value=rules.SCORE_MIN, max_value=rules.SCORE_MAX),
        required=False,
        help_text="Score 0 tot en met 10 per dimensie (gezondheidsgegevens).",
    )
    interventies = InterventieSerializer(many=True, required=False)
    # A planned talk has no date yet (null in answers); a talk sent in must have one.
    gehouden_op = serializers.DateField(
        allow_null=True,
        validators=[kalender_datum],
        help_text="De datum van het gesprek; leeg (null) bij een gesprek dat nog gepland "
        "staat. Verplicht bij vastleggen.",
    )
    verslag = serializers.CharField(required=False, allow_blank=True, max_length=10000)

    class Meta:
        model = Voortgangsgesprek
        fields = (
            "id",
            "gepland_op",
            "gehouden_op",
            "voortgang",
            "subdoelen",
            "positieve_gezondheid",
            "interventies",
            "verslag",
        )
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
            data["voortgang"], data["subdoelen"], data["interventies"] = (
                rules.gesprek_zonder_gezondheid(
                    data.get("voortgang"), data.get("subdoelen"), data.get("interventies")
                )
            )
        return data


# --- the input of a gesprek, as services.leg_gesprek_vast checks it --------------------------
# Page, API and demo all record a gesprek through the service; these serializers give its
# nested input the service's own Dutch messages, one per field (dots for nested fields).


def _tekst(max_length: int, fout: str, **kwargs) -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length,
        required=False,
        allow_blank=True,
        error_messages={"max_length": fout, "invalid": fout, "null": fout},
        **kwargs,
    )


class _PerDimensie(serializers.DictField):
    """An object keyed by the intake's dimensions: an unknown key is an error on that key.
    Left out, null or empty: nothing."""

    def __init__(self, *, geen_object: str, onbekend: str, **kwargs):
        self.onbekend = onbekend
        kwargs.setdefault("error_messages", {"not_a_dict": geen_object})
        super().__init__(required=False, allow_null=True, **kwargs)

    def to_internal_value(self, data):
        return super().to_internal_value(data) if data else {}

    def run_child_validation(self, data):
        onbekend = {
            k: [self.onbekend.format(k)] for k in data if k not in intake_rules.DIMENSIE_SLEUTELS
        }
        try:
            goed = super().run_child_validation(
                {k: v for k, v in data.items() if k not in onbekend}
            )
        except serializers.ValidationError as fout:
            raise serializers.ValidationError({**onbekend, **fout.detail}) from None
        if onbekend:
            raise serializers.ValidationError(onbekend)
        return goed


class _Los(serializers.Serializer):
    """A nested object; anything else reads as an empty one (its own fields then say what
    is missing)."""

    def to_internal_value(self, data):
        return super().to_internal_value(data if isinstance(data, dict) else {})


class VoortgangInvoerSerializer(_Los):
    voortgang = serializers.ChoiceField(
        choices=list(rules.VOORTGANG),
        required=False,
        allow_blank=True,
        allow_null=True,
        error_messages={"invalid_choice": "Kies hoe het met dit doel gaat."},
    )
    toelichting = _tekst(
        rules.OMSCHRIJVING_MAX,
        f"De toelichting is te lang: hooguit {rules.OMSCHRIJVING_MAX} tekens.",
        allow_null=True,
    )


class InterventieInvoerSerializer(_Los):
    soort = serializers.ChoiceField(
        choices=list(rules.INTERVENTIES),
        error_messages={
            fout: "Kies het soort interventie."
            for fout in ("required", "null", "blank", "invalid_choice")
        },
    )
    omschrijving = _tekst(
        rules.OMSCHRIJVING_MAX,
        f"De omschrijving is hooguit {rules.OMSCHRIJVING_MAX} tekens.",
        allow_null=True,
    )


class _Lijst(serializers.ListField):
    def to_internal_value(self, data):
        return super().to_internal_value(data) if data else []


class _Score(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(allow_null=True, **kwargs)

    def to_internal_value(self, data):
        if (fout := rules.score_fout(data)) is not None:
            raise serializers.ValidationError(fout)
        return data


class GesprekInvoerSerializer(serializers.Serializer):
    """The form of a gesprek's input. The rules that need the case (a date after the first
    PIP, health data only for who may see it) stay in the service."""

    gehouden_op = serializers.DateField(
        error_messages={
            fout: "Vul de datum van het gesprek in."
            for fout in ("required", "null", "invalid", "datetime")
        }
    )
    voortgang = _PerDimensie(
        child=VoortgangInvoerSerializer(),
        geen_object="De voortgang is per doel.",
        onbekend="Onbekend doel '{}'.",
    )
    subdoelen = _PerDimensie(
        child=serializers.CharField(
            max_length=rules.OMSCHRIJVING_MAX,
            allow_blank=True,
            error_messages={
                fout: f"Een subdoel is tekst van hooguit {rules.OMSCHRIJVING_MAX} tekens."
                for fout in ("max_length", "invalid", "null")
            },
        ),
        geen_object="De subdoelen zijn per doel.",
        onbekend="Onbekend doel '{}'.",
    )
    positieve_gezondheid = _PerDimensie(
        child=_Score(),
        geen_object="Geef een score per dimensie.",
        onbekend="Onbekende dimensie '{}'.",
    )
    interventies = _Lijst(
        child=InterventieInvoerSerializer(),
        required=False,
        allow_null=True,
        error_messages={"not_a_list": "Geef een lijst van interventies."},
    )
    verslag = _tekst(10000, "Het verslag is te lang: hooguit 10.000 tekens.", allow_null=True)
