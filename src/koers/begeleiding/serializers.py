"""Serializers of the begeleiding API: the form of the input and the answers; the rules are
in rules.py and the services."""

from __future__ import annotations

from rest_framework import serializers

from koers.begeleiding import rules
from koers.begeleiding.models import (
    Begeleiding,
    Betaling,
    Bijstand,
    ChecklistItem,
    DuaalTraject,
    Ontzorgen,
    Voorlichting,
)
from koers.bouwstenen.formulieren import SMALLINT_MAX
from koers.inburgeraars.validatie import kalender_datum
from koers.organisaties.models import Organisatie


class ChecklistItemSerializer(serializers.Serializer):
    onderwerp = serializers.ChoiceField(
        choices=rules.CHECKLIST, help_text="Onderwerp van de praktische hulp."
    )
    titel = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=rules.ITEM_STATUSSEN)
    datum = serializers.DateField(validators=[kalender_datum], required=False, allow_null=True)
    door = serializers.CharField(required=False, allow_blank=True, max_length=200)

    def get_titel(self, item) -> str:
        onderwerp = item["onderwerp"] if isinstance(item, dict) else item.onderwerp
        return dict(rules.CHECKLIST)[onderwerp]


class VoorlichtingSerializer(serializers.ModelSerializer):
    titel = serializers.CharField(source="get_onderwerp_display", read_only=True)

    class Meta:
        model = Voorlichting
        fields = ["id", "onderwerp", "titel", "datum", "door", "toelichting"]
        read_only_fields = ["id"]


class BegeleidingSerializer(serializers.Serializer):
    """Maatschappelijke begeleiding: who, how often, the latest zelfredzaamheid, the
    checklist of practical help and the voorlichting given."""

    partner = serializers.PrimaryKeyRelatedField(
        queryset=Organisatie.objects.exclude(soort=Organisatie.Soort.GEMEENTE),
        required=False,
        allow_null=True,
        help_text="Id van de partnerorganisatie die begeleidt (geen gemeente).",
    )
    partner_naam = serializers.CharField(
        source="partner.naam",
        read_only=True,
        default=None,
        allow_null=True,
        help_text="Naam van de partnerorganisatie; leeg (null) zonder partner.",
    )
    vrijwilliger = serializers.CharField(required=False, allow_blank=True, max_length=200)
    zelfredzaamheid = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=rules.ZELFREDZAAMHEID_MIN,
        max_value=rules.ZELFREDZAAMHEID_MAX,
        help_text="1 = heeft veel hulp nodig … 4 = redt zich zelf.",
    )
    zelfredzaamheid_datum = serializers.DateField(
        validators=[kalender_datum], required=False, allow_null=True
    )
    contacten_per_maand = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=SMALLINT_MAX
    )
    toelichting = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    checklist = ChecklistItemSerializer(
        many=True, required=False, help_text="Stuur alleen de onderwerpen die veranderen."
    )
    voorlichting = VoorlichtingSerializer(many=True, read_only=True)
    zelfredzaamheid_laatst = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="De laatste score: van de begeleiding, anders uit de brede intake.",
    )
    voorgestelde_contacten_per_maand = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Voorstel bij de laatste score; hoe zelfredzamer, hoe minder contact.",
    )


class BetalingSerializer(serializers.ModelSerializer):
    maand = serializers.DateField(
        validators=[kalender_datum],
        help_text="Een dag in de maand waarvoor is betaald; Koers bewaart de eerste dag.",
    )
    bedrag = serializers.DecimalField(max_digits=8, decimal_places=2, coerce_to_string=True)
    post = serializers.ChoiceField(choices=rules.POSTEN)
    begunstigde = serializers.CharField(max_length=200)

    class Meta:
        model = Betaling
        fields = ["id", "maand", "post", "bedrag", "betaald_op", "begunstigde", "bron"]
        read_only_fields = ["id", "bron"]


class MaandSerializer(serializers.Serializer):
    maand = serializers.DateField(validators=[kalender_datum])
    uiterlijk = serializers.DateField(validators=[kalender_datum])
    compleet = serializers.BooleanField()


_STATUSSEN = (
    "leeg (nog niet geregeld), " + ", ".join(s for s, _t in rules.CURSUS_STATUSSEN if s) + "."
)


class OntzorgenSerializer(serializers.ModelSerializer):
    # Plain strings in the schema (the same value sets as 'post' and each other would give
    # duplicate enum names); the service checks the values.
    machtiging_posten = serializers.ListField(
        child=serializers.CharField(max_length=20),
        required=False,
        help_text="Waarvoor de machtiging geldt: " + ", ".join(rules.POST_SLEUTELS) + ".",
    )
    cursus_status = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=12,
        help_text="Cursus 'omgaan met geld': " + _STATUSSEN,
    )
    coaching_status = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=12,
        help_text="Individuele coaching: " + _STATUSSEN,
    )
    vroeg_beeindigd = serializers.BooleanField(read_only=True)
    maanden = MaandSerializer(many=True, read_only=True)

    class Meta:
        model = Ontzorgen
        fields = [
            "start_bijstand",
            "einde_bijstand",
            "einddatum",
            "vroeg_beeindigd",
            "machtiging_datum",
            "machtiging_posten",
            "toelichting",
            "cursus_status",
            "cursus_aanbieder",
            "cursus_start",
            "cursus_eind",
            "coaching_status",
            "coach",
            "coaching_start",
            "coaching_eind",
            "maanden",
        ]
        read_only_fields = ["einddatum"]
        extra_kwargs = {"start_bijstand": {"required": False}, "toelichting": {"max_length": 5000}}


class BijstandSerializer(serializers.ModelSerializer):
    """Whether and since when the inburgeraar receives bijstand; whether financieel ontzorgen
    applies (art. 56a Participatiewet, or the gemeente's wider choice) and is missing."""

    ontzorgen_in_aanmerking = serializers.BooleanField(
        read_only=True,
        help_text="Valt deze inburgeraar met bijstand onder ontzorgen: de "
        "wettelijke groep (verblijfsvergunning asiel) of de ruimere "
        "groep die de gemeente koos.",
    )
    ontzorgen_ontbreekt = serializers.BooleanField(
        read_only=True,
        help_text="Bijstand loopt, de 6 maanden lopen en er is nog geen ontzorgen vastgelegd.",
    )

    class Meta:
        model = Bijstand
        fields = [
            "start",
            "einde",
            "ontzorgtermijn_eind",
            "ontzorgen_in_aanmerking",
            "ontzorgen_ontbreekt",
        ]
        read_only_fields = ["ontzorgtermijn_eind"]
        # Without bijstand the answer has no dates (null); a request that sends a start
        # must give a real one (validate_start).
        extra_kwargs = {
            "start": {
                "required": False,
                "allow_null": True,
                "help_text": "Eerste dag van het recht op bijstand; leeg (null) zonder bijstand.",
            },
            "einde": {"help_text": "Laatste dag van de bijstand; leeg als die doorloopt."},
            "ontzorgtermijn_eind": {
                "allow_null": True,
                "help_text": "Laatste dag van de 6 maanden ontzorgen (eerder als de bijstand "
                "stopt); leeg (null) zonder bijstand.",
            },
        }

    def validate_start(self, value):
        if value is None:
            raise serializers.ValidationError(
                "Vul in vanaf wanneer de inburgeraar recht heeft op bijstand."
            )
        return value


class DuaalSerializer(serializers.ModelSerializer):
    uren_per_week = serializers.IntegerField(min_value=0, max_value=SMALLINT_MAX)
    uren_gewerkt = serializers.IntegerField(
        min_value=0, max_value=1_000_000, required=False, allow_null=True
    )

    class Meta:
        model = DuaalTraject
        fields = [
            "id",
            "werkgever",
            "functie",
            "start",
            "eind",
            "uren_per_week",
            "uren_gewerkt",
            "jobcoach",
            "buddy",
            "beschikking_nummer",
            "beschikking_datum",
            "toelichting",
        ]
        read_only_fields = ["id"]
        extra_kwargs = {"toelichting": {"max_length": 5000}}


def begeleiding_data(
    begeleiding: Begeleiding | None, items, voorlichting, score, voorgesteld
) -> dict:
    return {
        "partner": begeleiding.partner_id if begeleiding else None,
        "partner_naam": begeleiding.partner.naam if begeleiding and begeleiding.partner else None,
        "vrijwilliger": begeleiding.vrijwilliger if begeleiding else "",
        "zelfredzaamheid": begeleiding.zelfredzaamheid if begeleiding else None,
        "zelfredzaamheid_datum": begeleiding.zelfredzaamheid_datum if begeleiding else None,
        "contacten_per_maand": begeleiding.contacten_per_maand if begeleiding else None,
        "toelichting": begeleiding.toelichting if begeleiding else "",
        "checklist": ChecklistItemSerializer(
            [_item(i, items) for i, _t in rules.CHECKLIST], many=True
        ).data,
        "voorlichting": VoorlichtingSerializer(voorlichting, many=True).data,
        "zelfredzaamheid_laatst": score,
        "voorgestelde_contacten_per_maand": voorgesteld,
    }


def _item(onderwerp: str, items: dict[str, ChecklistItem]) -> dict:
    item = items.get(onderwerp)
    return {
        "onderwerp": onderwerp,
        "status": item.status if item else "todo",
        "datum": item.datum if item else None,
        "door": item.door if item else "",
    }
