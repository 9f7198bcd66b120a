"""OpenAPI documentation helpers: components that describe free-form JSON precisely.

The intake topics, the Positieve Gezondheid dimensions and the PIP goals are stored as JSON
and checked by the services. For the schema they are described here, generated from the same
definitions in :mod:`koers.intake.rules`, so the documentation cannot drift from the rules.
These serializers only document; they never validate input.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse
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


class FoutSerializer(serializers.Serializer):
    """Een foutmelding. Bij 400 staat in 'fouten' per veld wat niet klopt."""

    detail = serializers.CharField()
    fouten = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Per veld een lijst met meldingen. Geneste velden met punten "
        "(onderwerpen.opleiding.toelichting); '__all__' voor het geheel.",
    )


ONGELDIG = OpenApiResponse(
    FoutSerializer,
    description="De gegevens kloppen niet, of een regel staat de wijziging niet toe.",
)
VERBODEN = OpenApiResponse(FoutSerializer, description="U mag dit niet doen.")
NIET_GEVONDEN = OpenApiResponse(FoutSerializer, description="Niet gevonden, of buiten uw bereik.")
NIET_INGELOGD = OpenApiResponse(FoutSerializer, description="Niet ingelogd.")


def antwoorden(ok: dict, *, schrijft: bool = False, zaak: bool = True) -> dict:
    """The documented answers of an operation: ``ok`` plus the errors it can give."""
    result = dict(ok)
    result[401] = NIET_INGELOGD
    if schrijft:
        result[400] = ONGELDIG
        result[403] = VERBODEN
    if zaak:
        result[404] = NIET_GEVONDEN
    return result


# Fields an answer holds only for who may see their section (koers.toegang): documented, but
# not required, so a client does not take their absence for an error. Per schema component.
ALLEEN_MET_TOEGANG: dict[str, tuple[str, ...]] = {
    "Inburgeraar": ("uren_belastbaarheid_participatie",),  # health data (GEZONDHEID)
    "LbtBesluit": ("toelichting",),  # may name a medical reason (GEZONDHEID)
    "LeerrouteZroute": ("ontheffing_participatie",),  # health data (GEZONDHEID)
}


def velden_alleen_met_toegang(result, generator, request, public):
    """drf-spectacular postprocessing hook: drop ALLEEN_MET_TOEGANG from ``required``."""
    schemas = result.get("components", {}).get("schemas", {})
    for naam, velden in ALLEEN_MET_TOEGANG.items():
        component = schemas.get(naam)
        if component and "required" in component:
            component["required"] = [v for v in component["required"] if v not in velden]
            if not component["required"]:
                del component["required"]
    return result
