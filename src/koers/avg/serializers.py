"""The read-only answer of one version of an entry of the register of processing activities
(koers.avg.api_register)."""

from __future__ import annotations

from rest_framework import serializers

from koers.verwerkingen.models import VerwerkingsactiviteitVersie


class VerwerkingsactiviteitVersieSerializer(serializers.ModelSerializer):
    """Eén versie van een verwerkingsactiviteit uit het register van de gemeente (AVG art.
    30). Een regel in de verwerkingenlogging wijst naar precies deze versie
    (`dpl.core.processing_activity_id`)."""

    gemeentecode = serializers.CharField(source="activiteit.gemeente.gemeentecode")
    code = serializers.CharField(source="activiteit.code")
    geldig_tot = serializers.SerializerMethodField(
        help_text="Vanaf dit moment gold de volgende versie; leeg: deze versie geldt nu."
    )
    huidige_versie = serializers.IntegerField(
        source="activiteit.versie", help_text="Het nummer van de versie die nu geldt."
    )

    class Meta:
        model = VerwerkingsactiviteitVersie
        fields = [
            "gemeentecode",
            "code",
            "versie",
            "huidige_versie",
            "geldig_vanaf",
            "geldig_tot",
            *VerwerkingsactiviteitVersie.TEKSTVELDEN,
        ]
        read_only_fields = fields

    def get_geldig_tot(self, versie) -> str | None:
        volgende = self.context.get("geldig_tot")
        return serializers.DateTimeField().to_representation(volgende) if volgende else None
