"""OpenAPI documentation helpers of every slice: the error shape, the usual answers of an
operation and the hook that marks the fields only some users see. The components of the
intake's free-form JSON are the intake's own (koers.intake.api_schema)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


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
