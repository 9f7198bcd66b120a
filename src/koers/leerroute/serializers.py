"""Serializers of the leerroute API: they check the shape; the rules are in the services."""

from __future__ import annotations

from decimal import Decimal

from rest_framework import serializers

from koers.inburgeraars.validatie import kalender_datum, uitvoering_datum
from koers.leerroute import rules
from koers.leerroute.models import (
    ALFA_CHOICES,
    NIVEAU_CHOICES,
    ONDERDEEL_CHOICES,
    REDEN_CHOICES,
    RESULTAAT_CHOICES,
    UREN_SOORT_CHOICES,
    Aanbod,
    Afschalingsvoorstel,
    Examenresultaat,
    UrenPeriode,
)


class LeerrouteAanbodSerializer(serializers.ModelSerializer):
    instellingsnummer = serializers.CharField(min_length=10, max_length=10)
    alfabetisering = serializers.ChoiceField(choices=ALFA_CHOICES)
    einddatum = serializers.DateField(
        validators=[kalender_datum],
        help_text="De laatste lesdag van de cursus (tot en met). DUO krijgt de dag erna als "
        "verwachteEinddatumOpleiding: die einddatum is bij DUO exclusief (API "
        "Inburgeringsaanbod, schema Inburgeringsaanbod).",
    )
    melden = serializers.BooleanField(
        write_only=True,
        default=True,
        help_text="Meld het aanbod bij DUO (alleen voor asielstatushouders; vraagt het "
        "recht om bij DUO te melden).",
    )
    gemeld = serializers.SerializerMethodField()

    class Meta:
        model = Aanbod
        fields = [
            "id",
            "instellingsnummer",
            "instelling_naam",
            "keurmerk",
            "datum_aanbod",
            "startdatum",
            "einddatum",
            "alfabetisering",
            "melden",
            "gemeld",
        ]
        read_only_fields = ["id", "instelling_naam", "keurmerk"]
        extra_kwargs = {
            "datum_aanbod": {"validators": [uitvoering_datum]},
            "startdatum": {"validators": [uitvoering_datum]},
        }
        # One aanbod per instelling: a new one replaces the old (the service decides).
        validators: list = []

    def get_gemeld(self, obj) -> bool:
        return obj.bericht_id is not None


class LeerrouteUrenSerializer(serializers.ModelSerializer):
    soort = serializers.ChoiceField(choices=UREN_SOORT_CHOICES)
    aanbod = serializers.IntegerField(
        source="aanbod_id", required=False, allow_null=True, min_value=1
    )
    uren_gepland = serializers.DecimalField(
        max_digits=5, decimal_places=1, min_value=Decimal(0), max_value=rules.UREN_MAX_PER_PERIODE
    )
    uren_gevolgd = serializers.DecimalField(
        max_digits=5, decimal_places=1, min_value=Decimal(0), max_value=rules.UREN_MAX_PER_PERIODE
    )
    aanwezigheid = serializers.IntegerField(
        min_value=0, max_value=100, required=False, allow_null=True, help_text="Procent."
    )

    class Meta:
        model = UrenPeriode
        fields = [
            "id",
            "soort",
            "aanbod",
            "periode_start",
            "periode_eind",
            "uren_gepland",
            "uren_gevolgd",
            "aanwezigheid",
            "tijdens_brede_intake",
            "aanbieder",
            "opmerking",
        ]
        read_only_fields = ["id"]
        extra_kwargs = {
            "periode_start": {"validators": [uitvoering_datum]},
            "periode_eind": {"validators": [uitvoering_datum]},
        }


class LeerrouteExamenSerializer(serializers.ModelSerializer):
    onderdeel = serializers.ChoiceField(choices=ONDERDEEL_CHOICES)
    niveau = serializers.ChoiceField(choices=NIVEAU_CHOICES, required=False, allow_blank=True)
    resultaat = serializers.ChoiceField(choices=RESULTAAT_CHOICES)
    reden_geen_resultaat = serializers.ChoiceField(
        choices=REDEN_CHOICES, required=False, allow_blank=True
    )

    class Meta:
        model = Examenresultaat
        fields = [
            "id",
            "onderdeel",
            "niveau",
            "examendatum",
            "resultaat",
            "reden_geen_resultaat",
            "bron",
        ]
        read_only_fields = ["id", "bron"]
        extra_kwargs = {"examendatum": {"validators": [uitvoering_datum]}}
        validators: list = []


class LeerrouteAfschalingSerializer(serializers.ModelSerializer):
    pip_versie = serializers.IntegerField(source="pip.versie", read_only=True, allow_null=True)

    class Meta:
        model = Afschalingsvoorstel
        fields = [
            "id",
            "voorgesteld_op",
            "lesuren",
            "aanwezigheid",
            "status",
            "reden",
            "besloten_op",
            "pip_versie",
        ]
        read_only_fields = fields


class LeerrouteBesluitSerializer(serializers.Serializer):
    besluit = serializers.ChoiceField(
        choices=[("aanvaard", "Aanvaard"), ("afgewezen", "Afgewezen")]
    )
    reden = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class LeerrouteVoortgangSerializer(serializers.Serializer):
    label = serializers.CharField()
    uren = serializers.DecimalField(max_digits=7, decimal_places=1)
    norm = serializers.DecimalField(max_digits=7, decimal_places=1)
    gepland_tot_nu = serializers.DecimalField(max_digits=7, decimal_places=1, allow_null=True)
    achter = serializers.BooleanField()


class LeerrouteZrouteSerializer(serializers.Serializer):
    """The Z-route of the current PIP: hours against the norm, the eindgesprek, and whether
    the completion went to DUO."""

    voortgang = LeerrouteVoortgangSerializer(many=True)
    eindgesprek_op = serializers.DateField(allow_null=True)
    afspraken_nagekomen = serializers.BooleanField(allow_null=True)
    conclusie = serializers.CharField()
    afgerond_op = serializers.DateField(allow_null=True)
    ontheffing_participatie = serializers.IntegerField(
        allow_null=True,
        help_text="Gedeeltelijke ontheffing van DUO "
        "(urenBelastbaarheidParticipatieactiviteit): het hoogste aantal uren participatie. "
        "0 = geen participatie. Leeg = geen ontheffing, de gewone norm geldt. Alleen voor wie "
        "gezondheidsgegevens mag zien (de ontheffing heeft een medische grond); anders "
        "ontbreekt het veld.",
    )
    pvt_datum_bij_duo = serializers.DateField(
        allow_null=True, help_text="Datum van de participatieverklaring die DUO heeft verwerkt."
    )
    map_datum_bij_duo = serializers.DateField(
        allow_null=True, help_text="Datum van het eindgesprek MAP die DUO heeft verwerkt."
    )


class LeerrouteEindgesprekSerializer(serializers.Serializer):
    datum = serializers.DateField(validators=[uitvoering_datum])
    afspraken_nagekomen = serializers.BooleanField()
    conclusie = serializers.CharField(max_length=5000)


class LeerrouteAfrondingSerializer(serializers.Serializer):
    datum = serializers.DateField(
        help_text="Datum van afronding; standaard vandaag.",
        required=False,
        validators=[uitvoering_datum],
    )


class LeerrouteUrenMeldingSerializer(serializers.Serializer):
    soort = serializers.CharField()
    uren = serializers.IntegerField()
