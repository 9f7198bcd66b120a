"""The API's view of what the BRP said: read-only serializers over BrpGegevens."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import serializers

from koers.brp import rules
from koers.brp.models import BrpGegevens


class BrpPersonaliaSerializer(serializers.Serializer):
    voornamen = serializers.CharField(required=False)
    geslachtsnaam = serializers.CharField(required=False)
    geboortedatum = serializers.DateField(required=False)
    adres = serializers.CharField(required=False)
    postcode_plaats = serializers.CharField(required=False)


class BrpPartnerSerializer(serializers.Serializer):
    naam = serializers.CharField()
    verbintenis = serializers.CharField()


class BrpKindSerializer(serializers.Serializer):
    naam = serializers.CharField()
    geboortedatum = serializers.DateField(allow_null=True)
    leeftijd = serializers.IntegerField(allow_null=True)
    jong = serializers.BooleanField(help_text="Jonger dan 6 jaar (kinderopvang).")


class BrpGezinSerializer(serializers.Serializer):
    partners = BrpPartnerSerializer(many=True)
    kinderen = BrpKindSerializer(many=True)


class BrpGegevensSerializer(serializers.ModelSerializer):
    """The BRP's state for one person: when it was asked, with what outcome, the markers and
    the personalia as Koers took them over."""

    geheimhouding = serializers.BooleanField(
        source="inburgeraar.geheimhouding_persoonsgegevens",
        read_only=True,
        help_text="Geheimhouding in de BRP: Koers geeft het adres niet aan derden.",
    )
    wordt_opnieuw_geprobeerd_op = serializers.DateTimeField(
        source="volgende_poging_op", read_only=True, allow_null=True
    )
    in_onderzoek = serializers.SerializerMethodField(
        help_text="De velden die de BRP onderzoekt (misschien niet juist)."
    )
    personalia = serializers.SerializerMethodField()
    gezin = serializers.SerializerMethodField()

    class Meta:
        model = BrpGegevens
        fields = [
            "status",
            "opgehaald_op",
            "laatste_poging_op",
            "wordt_opnieuw_geprobeerd_op",
            "fout",
            "geheimhouding",
            "in_onderzoek",
            "situatie",
            "opschorting_reden",
            "opschorting_datum",
            "gemeente_van_inschrijving",
            "gemeente_van_inschrijving_naam",
            "rni",
            "personalia",
            "gezin",
        ]
        read_only_fields = fields

    def get_in_onderzoek(self, gegevens) -> list[str]:
        """The residence fields only for who may see Sectie.VERBLIJF (context met_verblijf)."""
        met_verblijf = self.context.get("met_verblijf", False)
        return [
            veld
            for veld in gegevens.in_onderzoek or []
            if met_verblijf or veld not in rules.VERBLIJF_VELDEN
        ]

    def get_personalia(self, gegevens) -> BrpPersonaliaSerializer:
        return BrpPersonaliaSerializer(rules.persoonsgegevens(gegevens.antwoord or {})).data

    def get_gezin(self, gegevens) -> BrpGezinSerializer:
        return BrpGezinSerializer(rules.gezin(gegevens.antwoord or {}, timezone.localdate())).data


class BrpVerblijfSerializer(serializers.Serializer):
    """Residence data from the BRP (Sectie.VERBLIJF)."""

    nationaliteiten = serializers.ListField(child=serializers.CharField())
    verblijfstitel = serializers.CharField()
    verblijfstitel_ingang = serializers.DateField(allow_null=True)
    verblijfstitel_einde = serializers.DateField(allow_null=True)
    vestiging_in_nederland = serializers.DateField(allow_null=True)
    land_vanwaar_ingeschreven = serializers.CharField()


class BrpVerversenSerializer(serializers.Serializer):
    """The outcome of "Ververs uit BRP"."""

    melding = serializers.CharField(help_text="Wat er gebeurde, in het Nederlands.")
    gewijzigd = serializers.ListField(
        child=serializers.CharField(), help_text="De velden die de BRP veranderde."
    )
    brp = BrpGegevensSerializer()
