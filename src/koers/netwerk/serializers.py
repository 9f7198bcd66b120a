"""Serializers of the netwerk API: the form of the input and the shape of the answers. The
rules live in rules.py and the services."""

from __future__ import annotations

from rest_framework import serializers

from koers.inburgeraars.validatie import kalender_datum
from koers.netwerk import rules
from koers.netwerk.models import (
    BOEKING_STATUS_CHOICES,
    GESPREK_CHOICES,
    ROL_CHOICES,
    TAAL_SOORT_CHOICES,
    TOLK_SOORT_CHOICES,
    VERWIJZING_STATUS_CHOICES,
    WORKSHOP_CHOICES,
    Ervaringsdeskundige,
    ErvaringsdeskundigeKoppeling,
    InstroomklasPlaatsing,
    InstroomklasWeek,
    Taalverwijzing,
    Tolk,
    Tolkboeking,
    Workshopdeelname,
)


class _RegisterSerializer(serializers.ModelSerializer):
    gemeentecode = serializers.CharField(source="gemeente.gemeentecode", read_only=True)
    talen = serializers.ListField(child=serializers.CharField(max_length=50), max_length=20)

    def validate_naam(self, waarde):
        if not waarde.strip():
            raise serializers.ValidationError("Vul de naam in.")
        return waarde


class TolkSerializer(_RegisterSerializer):
    soort = serializers.ChoiceField(choices=TOLK_SOORT_CHOICES)
    tarief_per_uur = serializers.DecimalField(
        max_digits=7, decimal_places=2, min_value=0, max_value=rules.MAX_TARIEF
    )

    class Meta:
        model = Tolk
        fields = [
            "id",
            "gemeentecode",
            "naam",
            "talen",
            "soort",
            "tarief_per_uur",
            "telefoon",
            "email",
            "actief",
        ]
        read_only_fields = ["id"]


class TolkNieuwSerializer(TolkSerializer):
    gemeentecode = serializers.CharField(
        max_length=4, required=False, help_text="Gemeentecode; standaard uw eigen gemeente."
    )


class ErvaringsdeskundigeSerializer(_RegisterSerializer):
    rollen = serializers.ListField(
        child=serializers.ChoiceField(choices=ROL_CHOICES), min_length=1, max_length=4
    )
    talen = serializers.ListField(
        child=serializers.CharField(max_length=50), max_length=20, required=False
    )

    class Meta:
        model = Ervaringsdeskundige
        fields = ["id", "gemeentecode", "naam", "rollen", "talen", "telefoon", "email", "actief"]
        read_only_fields = ["id"]


class ErvaringsdeskundigeNieuwSerializer(ErvaringsdeskundigeSerializer):
    gemeentecode = serializers.CharField(
        max_length=4, required=False, help_text="Gemeentecode; standaard uw eigen gemeente."
    )


# --- instroomklas ---------------------------------------------------------------------------


class InstroomklasWeekSerializer(serializers.ModelSerializer):
    # Declared, not derived from the model: a PositiveSmallIntegerField's range differs per
    # database, and the schema must be the same on SQLite and PostgreSQL.
    dagdelen_gepland = serializers.IntegerField(
        read_only=True, min_value=0, max_value=rules.MAX_DAGDELEN_PER_WEEK
    )
    dagdelen_aanwezig = serializers.IntegerField(
        read_only=True, min_value=0, max_value=rules.MAX_DAGDELEN_PER_WEEK
    )
    percentage = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = InstroomklasWeek
        fields = ["week", "dagdelen_gepland", "dagdelen_aanwezig", "percentage"]


class InstroomklasWorkshopSerializer(serializers.ModelSerializer):
    naam = serializers.CharField(source="get_workshop_display", read_only=True)

    class Meta:
        model = Workshopdeelname
        fields = ["workshop", "naam", "datum"]


class InstroomklasPlaatsingSerializer(serializers.ModelSerializer):
    weken = InstroomklasWeekSerializer(many=True, read_only=True)
    workshops = InstroomklasWorkshopSerializer(many=True, read_only=True)
    gemeentecode = serializers.CharField(source="gemeente.gemeentecode", read_only=True)

    class Meta:
        model = InstroomklasPlaatsing
        fields = [
            "id",
            "gemeentecode",
            "startdatum",
            "geplande_einddatum",
            "einddatum",
            "toelichting",
            "weken",
            "workshops",
        ]


class InstroomklasPlaatsenSerializer(serializers.Serializer):
    startdatum = serializers.DateField(validators=[kalender_datum])
    geplande_einddatum = serializers.DateField(
        validators=[kalender_datum], help_text="Verwachte start van de leerroute."
    )
    toelichting = serializers.CharField(
        max_length=1000, required=False, allow_blank=True, default=""
    )


class InstroomklasBeeindigSerializer(serializers.Serializer):
    einddatum = serializers.DateField(validators=[kalender_datum])


class InstroomklasAanwezigheidSerializer(serializers.Serializer):
    week = serializers.DateField(
        validators=[kalender_datum], help_text="Een dag in de week; Koers neemt de maandag."
    )
    dagdelen_gepland = serializers.IntegerField(min_value=0, max_value=rules.MAX_DAGDELEN_PER_WEEK)
    dagdelen_aanwezig = serializers.IntegerField(min_value=0, max_value=rules.MAX_DAGDELEN_PER_WEEK)


class InstroomklasWorkshopNieuwSerializer(serializers.Serializer):
    workshop = serializers.ChoiceField(choices=WORKSHOP_CHOICES)
    datum = serializers.DateField(validators=[kalender_datum])


class InstroomklasSerializer(serializers.Serializer):
    """De plaatsingen in de instroomklas, de nieuwste eerst; 'huidig' is de open plaatsing."""

    huidig = InstroomklasPlaatsingSerializer(allow_null=True)
    plaatsingen = InstroomklasPlaatsingSerializer(many=True)


# --- tolkboekingen --------------------------------------------------------------------------


class TolkboekingSerializer(serializers.ModelSerializer):
    tolk = serializers.PrimaryKeyRelatedField(read_only=True)
    tolk_naam = serializers.CharField(source="tolk.naam", read_only=True)

    class Meta:
        model = Tolkboeking
        fields = [
            "id",
            "tolk",
            "tolk_naam",
            "gesprek",
            "gesprek_omschrijving",
            "datum",
            "voortgangsgesprek_id",
            "duur_minuten",
            "tarief_per_uur",
            "kosten",
            "status",
        ]
        read_only_fields = fields


class TolkBoekenSerializer(serializers.Serializer):
    tolk = serializers.IntegerField(
        min_value=1, max_value=2_147_483_647, help_text="Id van een tolk uit het register."
    )
    gesprek = serializers.ChoiceField(choices=GESPREK_CHOICES)
    gesprek_omschrijving = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    datum = serializers.DateField(validators=[kalender_datum])
    duur_minuten = serializers.IntegerField(
        min_value=rules.MIN_DUUR_MINUTEN, max_value=rules.MAX_DUUR_MINUTEN
    )
    voortgangsgesprek_id = serializers.IntegerField(
        min_value=1,
        max_value=2_147_483_647,
        required=False,
        allow_null=True,
        default=None,
        help_text="Alleen bij een voortgangsgesprek: het id van dat gesprek.",
    )


class TolkboekingWijzigSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=BOEKING_STATUS_CHOICES)
    duur_minuten = serializers.IntegerField(
        min_value=rules.MIN_DUUR_MINUTEN,
        max_value=rules.MAX_DUUR_MINUTEN,
        required=False,
        allow_null=True,
        default=None,
    )


# --- ervaringsdeskundigen bij een casus -----------------------------------------------------


class ErvaringsdeskundigeKoppelingSerializer(serializers.ModelSerializer):
    ervaringsdeskundige_naam = serializers.CharField(
        source="ervaringsdeskundige.naam", read_only=True
    )

    class Meta:
        model = ErvaringsdeskundigeKoppeling
        fields = [
            "id",
            "ervaringsdeskundige",
            "ervaringsdeskundige_naam",
            "rol",
            "sinds",
            "tot",
            "toelichting",
        ]
        read_only_fields = fields


class ErvaringsdeskundigeKoppelenSerializer(serializers.Serializer):
    ervaringsdeskundige = serializers.IntegerField(min_value=1, max_value=2_147_483_647)
    rol = serializers.ChoiceField(choices=ROL_CHOICES)
    sinds = serializers.DateField(validators=[kalender_datum])
    toelichting = serializers.CharField(
        max_length=1000, required=False, allow_blank=True, default=""
    )


# --- informele taalondersteuning ------------------------------------------------------------


class TaalverwijzingSerializer(serializers.ModelSerializer):
    soort = serializers.ChoiceField(choices=TAAL_SOORT_CHOICES)
    status = serializers.ChoiceField(choices=VERWIJZING_STATUS_CHOICES, required=False)
    organisatie = serializers.CharField(max_length=200, required=False, allow_blank=True)
    toelichting = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    uren_per_week = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        min_value=0,
        max_value=rules.MAX_UREN_PER_WEEK,
        required=False,
        allow_null=True,
    )
    uren_totaal = serializers.DecimalField(
        max_digits=6,
        decimal_places=1,
        min_value=0,
        max_value=rules.MAX_UREN_TOTAAL,
        required=False,
        allow_null=True,
    )

    class Meta:
        model = Taalverwijzing
        fields = [
            "id",
            "soort",
            "organisatie",
            "datum",
            "status",
            "uren_per_week",
            "uren_totaal",
            "toelichting",
        ]
        read_only_fields = ["id"]
