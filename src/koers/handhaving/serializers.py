"""Serializers of the handhaving API. Input serializers check the shape; the rules are in
rules.py and come back as 400 through ``Weigering``."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from koers.handhaving import rules
from koers.handhaving.models import Boetebesluit, Boetevoornemen, Brief, Handhavingszaak
from koers.inburgeraars.validatie import kalender_datum


class HandhavingBriefSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Download de brief als PDF.")

    class Meta:
        model = Brief
        fields = ["id", "soort", "kenmerk", "aangemaakt_op", "url"]
        read_only_fields = fields

    def get_url(self, brief) -> str:
        request = self.context.get("request")
        pad = reverse(
            "api:handhaving-brief",
            kwargs={"pk": self.context["inburgeraar_pk"], "brief_id": brief.pk},
        )
        return request.build_absolute_uri(pad) if request else pad


class HandhavingBoetebesluitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Boetebesluit
        fields = ["id", "voornemen", "voorschrift", "datum", "bedrag", "motivering"]
        read_only_fields = fields


class HandhavingVoornemenSerializer(serializers.ModelSerializer):
    """Een voornemen tot boete: elke boete heeft een eigen voornemen (artikel 4:8 en 5:53
    Awb)."""

    beslissen_uiterlijk = serializers.DateField(
        validators=[kalender_datum],
        read_only=True,
        help_text="Besluit uiterlijk: 13 weken na het voornemen (artikel 5:51 "
        "Awb, termijn van orde).",
    )
    cautie_vereist = serializers.BooleanField(
        read_only=True, help_text="Hoorzitting: eerst de cautie (artikel 5:10a Awb)."
    )

    class Meta:
        model = Boetevoornemen
        fields = [
            "id",
            "datum",
            "voorschrift",
            "bedrag",
            "route",
            "zienswijze_tot",
            "hoorzitting_datum",
            "hoorzitting_plaats",
            "zienswijze_op",
            "niet_gereageerd",
            "cautie_vereist",
            "cautie_gegeven",
            "aanwezig",
            "zienswijze",
            "afgehandeld_op",
            "beslissen_uiterlijk",
        ]
        read_only_fields = fields


class HandhavingszaakSerializer(serializers.ModelSerializer):
    """Een handhavingszaak: het verzuim en de stappen daarna."""

    verzuim = serializers.ChoiceField(choices=list(rules.VERZUIM_NAMEN.items()), read_only=True)
    datum = serializers.DateField(
        validators=[kalender_datum], read_only=True, help_text="Datum van het verzuim."
    )
    omschrijving = serializers.CharField(read_only=True)
    stand = serializers.CharField(source="stap", read_only=True)
    voornemens = HandhavingVoornemenSerializer(many=True, read_only=True)
    boetes = HandhavingBoetebesluitSerializer(many=True, read_only=True)
    brieven = HandhavingBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Handhavingszaak
        fields = [
            "id",
            "verzuim",
            "datum",
            "omschrijving",
            "stand",
            "uitzonderlijke_onwil",
            "onwil_reden",
            "waarschuwing_datum",
            "waarschuwing_toelichting",
            "afgesloten_op",
            "afsluiting_toelichting",
            "voornemens",
            "boetes",
            "brieven",
        ]
        read_only_fields = fields


class HandhavingszaakNieuwSerializer(serializers.Serializer):
    """Een nieuw verzuim."""

    verzuim = serializers.ChoiceField(choices=list(rules.VERZUIM_NAMEN.items()))
    datum = serializers.DateField(validators=[kalender_datum], help_text="Datum van het verzuim.")
    omschrijving = serializers.CharField(max_length=2000, help_text="Wat is er gebeurd?")


class HandhavingWaarschuwingSerializer(serializers.Serializer):
    datum = serializers.DateField(validators=[kalender_datum], help_text="Datum van de brief.")
    toelichting = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class HandhavingVoornemenNieuwSerializer(serializers.Serializer):
    datum = serializers.DateField(
        validators=[kalender_datum], help_text="Dagtekening van het voornemen."
    )
    voorschrift = serializers.CharField(
        max_length=rules.VOORSCHRIFT_MAX,
        help_text="Het voorschrift dat niet is nageleefd (artikel van de wet).",
    )
    bedrag = serializers.IntegerField(help_text="Hele euro's, meer dan 0 en hoogstens 800.")
    route = serializers.ChoiceField(choices=list(rules.ROUTE_NAMEN.items()))
    zienswijze_tot = serializers.DateField(
        validators=[kalender_datum],
        required=False,
        allow_null=True,
        help_text="Bij schriftelijk: reageren kan tot en met deze dag.",
    )
    hoorzitting_datum = serializers.DateField(
        validators=[kalender_datum], required=False, allow_null=True
    )
    hoorzitting_plaats = serializers.CharField(required=False, allow_blank=True, max_length=200)


class HandhavingZienswijzeSerializer(serializers.Serializer):
    datum = serializers.DateField(
        validators=[kalender_datum], help_text="Datum van de zienswijze of de hoorzitting."
    )
    niet_gereageerd = serializers.BooleanField(required=False, default=False)
    cautie_gegeven = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Hoorzitting: de cautie is vóór het gesprek gegeven (artikel 5:10a Awb).",
    )
    aanwezig = serializers.CharField(required=False, allow_blank=True, max_length=500)
    zienswijze = serializers.CharField(required=False, allow_blank=True, max_length=10000)


class HandhavingOnwilSerializer(serializers.Serializer):
    reden = serializers.CharField(max_length=2000, allow_blank=True)


class HandhavingBoeteSerializer(serializers.Serializer):
    datum = serializers.DateField(validators=[kalender_datum], help_text="Datum van het besluit.")
    bedrag = serializers.IntegerField(help_text="Hele euro's, meer dan 0 en hoogstens 800.")
    motivering = serializers.CharField(max_length=5000)


class HandhavingAfsluitenSerializer(serializers.Serializer):
    toelichting = serializers.CharField(max_length=2000)


class HandhavingDuoBoeteSerializer(serializers.Serializer):
    bedrag = serializers.IntegerField(allow_null=True)
    datum = serializers.DateField(
        validators=[kalender_datum],
        allow_null=True,
        help_text="Datum van het definitieve besluit van DUO.",
    )


class HandhavingDuoVerlengingSerializer(serializers.Serializer):
    beoordeling = serializers.CharField(help_text="Toegekend, Afgewezen of InBehandeling.")
    beoordeling_naam = serializers.CharField()
    ontvangstdatum = serializers.DateField(validators=[kalender_datum], allow_null=True)
    datum_beoordeling = serializers.DateField(validators=[kalender_datum], allow_null=True)
    antwoord_uiterlijk = serializers.DateField(
        validators=[kalender_datum],
        allow_null=True,
        help_text="In behandeling: DUO beslist binnen 8 weken na ontvangst.",
    )


class HandhavingDuoBoetesSerializer(serializers.Serializer):
    opgehaald_op = serializers.DateTimeField(
        allow_null=True,
        help_text="Wanneer Koers dit bij DUO ophaalde; null als het nog nooit is opgehaald.",
    )
    boetes = HandhavingDuoBoeteSerializer(many=True)


class HandhavingVerlengingsgrondSerializer(serializers.Serializer):
    code = serializers.CharField()
    titel = serializers.CharField()
    uitleg = serializers.CharField()
    route = serializers.ChoiceField(choices=["aanvraag", "ambtshalve"])


class HandhavingDuoVerlengingsgrondSerializer(serializers.Serializer):
    code = serializers.CharField()
    omschrijving = serializers.CharField()


class HandhavingDuoVerlengingenSerializer(serializers.Serializer):
    opgehaald_op = serializers.DateTimeField(allow_null=True)
    gronden = HandhavingVerlengingsgrondSerializer(
        many=True,
        help_text="Alle gronden voor verlenging (Regeling inburgering 2021, art. "
        "4.1 en 4.2) en de route ambtshalve.",
    )
    duo_gronden = HandhavingDuoVerlengingsgrondSerializer(
        many=True,
        help_text="De verlengingsgronden zoals DUO ze het laatst gaf (GET /verlengingsgronden).",
    )
    verlenging_aanvragen_vanaf = serializers.DateField(
        validators=[kalender_datum],
        allow_null=True,
        help_text="Vanaf deze dag kan een verlenging worden aangevraagd "
        "(2,5 jaar na de start van de termijn).",
    )
    verlengingen = HandhavingDuoVerlengingSerializer(many=True)
