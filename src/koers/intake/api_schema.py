"""OpenAPI components that describe the intake's free-form JSON precisely.

The intake topics, the Positieve Gezondheid dimensions and the PIP goals are stored as JSON
and checked by the services. For the schema they are described here, generated from the same
definitions in :mod:`koers.intake.rules`, so the documentation cannot drift from the rules.
These serializers only document; they never validate input.
"""

from __future__ import annotations

from rest_framework import serializers

from koers.intake import rules as intake_rules


def _camel(sleutel: str) -> str:
    return "".join(deel.capitalize() for deel in sleutel.split("_"))


def _veld(veld: intake_rules.Veld) -> serializers.Field:
    kwargs = {"required": False, "help_text": veld.label}
    if veld.soort == "keuze":
        return serializers.ChoiceField(choices=list(veld.keuzes), **kwargs)
    if veld.soort == "getal":
        return serializers.IntegerField(min_value=veld.min, max_value=veld.max, **kwargs)
    if veld.soort == "janee":
        return serializers.BooleanField(**kwargs)
    return serializers.CharField(**kwargs)


def _onderwerp_serializer(onderwerp: intake_rules.Onderwerp) -> type[serializers.Serializer]:
    attrs = {
        "toelichting": serializers.CharField(
            required=False, allow_blank=True, help_text=onderwerp.vraag
        )
    }
    attrs.update({v.naam: _veld(v) for v in onderwerp.velden})
    name = f"Onderwerp{_camel(onderwerp.sleutel)}Serializer"
    doc = f"{onderwerp.titel}: {onderwerp.vraag}"
    return type(name, (serializers.Serializer,), {**attrs, "__doc__": doc, "__module__": __name__})


OnderwerpenSerializer = type(
    "OnderwerpenSerializer",
    (serializers.Serializer,),
    {
        "__doc__": "De onderwerpen van de brede intake. Elk onderwerp heeft een toelichting en "
        "soms vaste velden. 'gezondheid' ziet alleen wie gezondheidsgegevens mag zien.",
        "__module__": __name__,
        **{o.sleutel: _onderwerp_serializer(o)(required=False) for o in intake_rules.ONDERWERPEN},
    },
)


class DimensieScoreSerializer(serializers.Serializer):
    """Score (0 tot en met 10) en toelichting voor een dimensie van Positieve Gezondheid."""

    score = serializers.IntegerField(
        min_value=intake_rules.SCORE_MIN,
        max_value=intake_rules.SCORE_MAX,
        required=False,
        allow_null=True,
    )
    toelichting = serializers.CharField(required=False, allow_blank=True)


PositieveGezondheidSerializer = type(
    "PositieveGezondheidSerializer",
    (serializers.Serializer,),
    {
        "__doc__": "De zes dimensies van Positieve Gezondheid (alleen voor wie "
        "gezondheidsgegevens mag zien).",
        "__module__": __name__,
        **{
            d.sleutel: DimensieScoreSerializer(required=False, help_text=d.omschrijving)
            for d in intake_rules.DIMENSIES
        },
    },
)

DoelenSerializer = type(
    "DoelenSerializer",
    (serializers.Serializer,),
    {
        "__doc__": "Een doel per dimensie van Positieve Gezondheid.",
        "__module__": __name__,
        **{
            d.sleutel: serializers.CharField(required=False, allow_blank=True, help_text=d.titel)
            for d in intake_rules.DIMENSIES
        },
    },
)
