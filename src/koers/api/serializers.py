"""Serializers of the API: they check the *form* of the input (types, dates, lengths, known
values) and render answers. Every rule of the law lives in the services and ``rules.py``;
these serializers never restate one. The views hand the validated data to the services."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from koers.inburgeraars import rules as inburgeraar_rules
from koers.inburgeraars.models import REDEN_CHOICES, STATUS_CHOICES, Inburgeraar
from koers.intake import rules as intake_rules
from koers.intake.models import BredeIntake
from koers.intake.services import ALGEMENE_VELDEN
from koers.organisaties.models import Gemeente
from koers.pip import services as pip_services
from koers.pip.models import ALFA_CHOICES, LEERROUTE_CHOICES, NIVEAU_CHOICES, PipVersie
from koers.toegang import policy
from koers.web.forms import SMALLINT_MAX  # PostgreSQL's range, refused the same on SQLite

from . import schema

NUL_TEKEN = "Tekst mag geen nul-teken (\\u0000) bevatten."


def _zoek_nul_tekens(waarde, pad: str, fouten: dict) -> None:
    """PostgreSQL cannot store U+0000 in text or JSON; refuse it as a field error."""
    if isinstance(waarde, str):
        if "\x00" in waarde:
            fouten[pad] = [NUL_TEKEN]
    elif isinstance(waarde, dict):
        for sleutel, inhoud in waarde.items():
            if "\x00" in str(sleutel):
                fouten[pad] = [NUL_TEKEN]
            else:
                _zoek_nul_tekens(inhoud, f"{pad}.{sleutel}" if pad else str(sleutel), fouten)
    elif isinstance(waarde, list):
        for index, inhoud in enumerate(waarde):
            _zoek_nul_tekens(inhoud, f"{pad}.{index}" if pad else str(index), fouten)


class _JsonObjectField(serializers.DictField):
    """An object of objects, stored as JSON; its content is checked by a service."""

    child = serializers.JSONField()
    default_error_messages = {"not_a_dict": "Verwacht een object met sleutels, geen {input_type}."}

    def to_internal_value(self, data):
        waarde = super().to_internal_value(data)
        fouten: dict = {}
        _zoek_nul_tekens(waarde, "", fouten)
        for sleutel, inhoud in waarde.items():
            if isinstance(inhoud, dict) and not isinstance(inhoud.get("toelichting", ""), str):
                fouten[f"{sleutel}.toelichting"] = ["Vul bij de toelichting tekst in."]
        if fouten:
            raise serializers.ValidationError(fouten)
        return waarde


@extend_schema_field(schema.OnderwerpenSerializer)
class OnderwerpenField(_JsonObjectField):
    """The intake topics, keyed as in koers.intake.rules.ONDERWERPEN."""


@extend_schema_field(schema.PositieveGezondheidSerializer)
class PositieveGezondheidField(_JsonObjectField):
    """Score and note per Positieve Gezondheid dimension."""


@extend_schema_field(schema.DoelenSerializer)
class DoelenField(serializers.DictField):
    child = serializers.CharField(allow_blank=True)

    def to_internal_value(self, data):
        waarde = super().to_internal_value(data)
        if any("\x00" in str(sleutel) for sleutel in waarde):
            raise serializers.ValidationError(NUL_TEKEN)
        return waarde


class GemeenteSerializer(serializers.ModelSerializer):
    naam = serializers.CharField(source="organisatie.naam", read_only=True)

    class Meta:
        model = Gemeente
        fields = ["gemeentecode", "naam", "oin"]
        read_only_fields = fields


class BereikbareGemeenteField(serializers.SlugRelatedField):
    """A gemeentecode; on input only a gemeente the user reaches (own or delegated)."""

    default_error_messages = {
        "does_not_exist": "U werkt niet voor gemeente {value}. Kies een gemeente waarvoor u "
                          "werkt.",
        "invalid": "Vul een gemeentecode in van 4 cijfers.",
    }

    def __init__(self, **kwargs):
        super().__init__(slug_field="gemeentecode", **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return policy.zichtbare_gemeenten(request.user if request else None)


class InburgeraarSerializer(serializers.ModelSerializer):
    # BSN, V-nummer and doelgroep are checked by koers.inburgeraars.services (elfproef, DUO
    # value list), which answers in the same words as the web pages.
    bsn = serializers.CharField(help_text="Burgerservicenummer: 9 cijfers, elfproef.")
    vnummer = serializers.CharField(required=False, allow_blank=True,
                                    help_text="V-nummer: 10 cijfers.")
    doelgroep = serializers.ChoiceField(
        choices=[d.value for d in inburgeraar_rules.Doelgroep],
        help_text="GedetailleerdeDoelgroep zoals DUO die kent.",
        error_messages={"invalid_choice": "Kies een doelgroep zoals DUO die kent."})
    doelgroepindeling = serializers.ChoiceField(
        choices=[d.value for d in inburgeraar_rules.Doelgroepindeling], read_only=True)
    talen = serializers.ListField(child=serializers.CharField(max_length=50), required=False,
                                  help_text="Gesproken talen, bijv. ['Arabisch', 'Engels'].")
    gemeentecode = BereikbareGemeenteField(
        source="gemeente", help_text="Gemeente van het traject: uw eigen gemeente of een "
                                     "gemeente die het werk aan de uwe heeft overgedragen.")
    datum_start_plicht = serializers.DateField(
        source="huidig_traject.datum_start_plicht", required=False, allow_null=True)
    datum_start_pip_termijn = serializers.DateField(
        source="huidig_traject.datum_start_pip_termijn", required=False, allow_null=True,
        help_text="Start van de termijn van 10 weken voor het PIP.")
    derde_informatie_ontvangen = serializers.DateField(
        source="huidig_traject.derde_informatie_ontvangen", required=False, allow_null=True,
        help_text="Datum waarop nodige informatie van derden binnenkwam.")
    status = serializers.ChoiceField(source="huidig_traject.status", choices=STATUS_CHOICES,
                                     read_only=True)
    afrondingsreden = serializers.ChoiceField(
        source="huidig_traject.afrondingsreden", choices=REDEN_CHOICES, read_only=True,
        allow_blank=True)
    pip_uiterlijk = serializers.DateField(source="huidig_traject.pip_uiterlijk",
                                          read_only=True, allow_null=True,
                                          help_text="Uiterste datum om het PIP vast te stellen.")
    adviseur = serializers.CharField(source="huidig_traject.adviseur.username", read_only=True,
                                     allow_null=True, help_text="Gebruikersnaam van de adviseur.")
    termijn_start = serializers.DateField(source="huidig_traject.termijn_start", read_only=True,
                                          allow_null=True)
    termijn_eind = serializers.DateField(source="huidig_traject.termijn_eind", read_only=True,
                                         allow_null=True)

    class Meta:
        model = Inburgeraar
        fields = ["id", "bsn", "vnummer", "voornamen", "geslachtsnaam", "geboortedatum",
                  "telefoon", "email", "adres", "postcode_plaats", "talen", "tolk_nodig",
                  "tolk_taal", "gemeentecode", "doelgroep", "doelgroepindeling",
                  "turkse_nieuwkomer", "vestigingsdatum", "datum_start_plicht",
                  "datum_start_pip_termijn", "derde_informatie_ontvangen", "status",
                  "afrondingsreden", "pip_uiterlijk", "adviseur", "termijn_start",
                  "termijn_eind"]
        read_only_fields = ["id"]
        # A case DUO opened may lack the date of birth until the BRP fills it in; whoever
        # registers or corrects a person through the API must give it.
        extra_kwargs = {"geboortedatum": {"required": True, "allow_null": True}}

    def validate_geboortedatum(self, value):
        if value is None:
            raise serializers.ValidationError("Vul de geboortedatum in.")
        return value

    def service_data(self) -> dict:
        """Validated data as the services take it: traject fields flat, beside the person's."""
        data = dict(self.validated_data)
        data.update(data.pop("huidig_traject", {}))
        return data


class StatusWijzigingSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=STATUS_CHOICES)
    reden = serializers.ChoiceField(choices=REDEN_CHOICES, required=False, allow_blank=True,
                                    help_text="Alleen bij afronden: waarom het traject stopt.")
    toelichting = serializers.CharField(required=False, allow_blank=True)


class AdviseurToewijzingSerializer(serializers.Serializer):
    username = serializers.CharField(allow_null=True, help_text="Gebruikersnaam van de "
                                     "adviseur; null om niemand toe te wijzen.")


class BredeIntakeSerializer(serializers.Serializer):
    """The brede intake: only the topics in ``context['onderwerpen']``
    (policy.intake_onderwerpen_voor); Positieve Gezondheid only with the gezondheid topic."""

    status = serializers.ChoiceField(choices=BredeIntake.Status.choices, read_only=True)
    datum = serializers.DateField(required=False, allow_null=True)
    plaats = serializers.ChoiceField(choices=list(intake_rules.PLAATSEN), required=False,
                                     allow_blank=True)
    tolk_gebruikt = serializers.BooleanField(required=False)
    tolk_taal = serializers.CharField(max_length=50, required=False, allow_blank=True)
    vve_informatie_gegeven = serializers.BooleanField(required=False)
    gesprek_zonder_partner_aangeboden = serializers.BooleanField(required=False)
    lbt_uitslag = serializers.ChoiceField(choices=list(intake_rules.LBT_UITSLAGEN),
                                          required=False, allow_blank=True,
                                          help_text="Uitslag van de leerbaarheidstoets.")
    lbt_score = serializers.IntegerField(required=False, allow_null=True,
                                         help_text="Score van de leerbaarheidstoets.")
    lbt_datum = serializers.DateField(required=False, allow_null=True)
    afwijking_lbt_advies = serializers.CharField(required=False, allow_blank=True)
    onderwerpen = OnderwerpenField(required=False)
    positieve_gezondheid = PositieveGezondheidField(required=False)
    ontbrekend = serializers.DictField(
        child=serializers.CharField(), read_only=True,
        help_text="Wat nog ontbreekt om de intake af te ronden, per veld.")

    def to_representation(self, intake: BredeIntake) -> dict:
        sleutels = tuple(self.context.get("onderwerpen", ()))
        gezondheid = "gezondheid" in sleutels
        volledig = set(sleutels) >= set(intake_rules.ONDERWERP_SLEUTELS) - {"gezondheid"}
        data = {"status": intake.status}
        for naam in ALGEMENE_VELDEN:
            waarde = getattr(intake, naam)
            data[naam] = None if waarde is None else self.fields[naam].to_representation(waarde)
        alle = intake.alle_onderwerpen() if gezondheid else intake.onderwerpen
        data["onderwerpen"] = {k: v for k, v in alle.items() if k in sleutels}
        if gezondheid:
            data["positieve_gezondheid"] = intake.positieve_gezondheid
        # What is missing names topics: only for who may read (and so complete) them all.
        ontbrekend = intake.ontbrekend() if volledig else {}
        if not gezondheid:
            ontbrekend = {k: v for k, v in ontbrekend.items()
                          if not k.startswith(("onderwerpen.gezondheid.",
                                               "positieve_gezondheid."))}
        data["ontbrekend"] = ontbrekend
        return data


class PipVersieSerializer(serializers.ModelSerializer):
    leerroute = serializers.ChoiceField(choices=LEERROUTE_CHOICES,
                                        help_text="B = B1-route, O = onderwijsroute, "
                                                  "Z = zelfredzaamheidsroute.")
    niveau = serializers.ChoiceField(choices=NIVEAU_CHOICES, required=False, allow_blank=True)
    alfabetisering = serializers.ChoiceField(choices=ALFA_CHOICES, required=False,
                                             allow_blank=True)
    geschatte_intensiteit_b1_route = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=SMALLINT_MAX,
        help_text="Geschatte uren voor de B1-route (alleen asielstatushouders).")
    mag_opleiding_afmaken = serializers.BooleanField(required=False, allow_null=True)
    pvt_uren = serializers.IntegerField(required=False, allow_null=True, min_value=0,
                                        max_value=SMALLINT_MAX)
    map_uren = serializers.IntegerField(required=False, allow_null=True, min_value=0,
                                        max_value=SMALLINT_MAX)
    doelen = DoelenField(required=False)
    versie = serializers.IntegerField(read_only=True)
    status = serializers.ChoiceField(choices=PipVersie.Status.choices, read_only=True)
    beschikking_url = serializers.SerializerMethodField(
        help_text="Adres van de beschikking (PDF), zodra het PIP is vastgesteld.")
    fouten = serializers.SerializerMethodField(
        help_text="Regels die dit concept nu nog breekt, per veld. Leeg als het PIP kan "
                  "worden vastgesteld (de brede intake moet dan ook af zijn).")

    class Meta:
        model = PipVersie
        fields = ["versie", "status", "dagtekening", "leerroute", "niveau",
                  "geschatte_intensiteit_b1_route", "alfabetisering", "mag_opleiding_afmaken",
                  "toelichting_leerroute", "doelen", "begeleiding_ondersteuning",
                  "pvt_invulling", "pvt_uren", "map_invulling", "map_uren", "ontzorgen",
                  "ontzorgen_toelichting", "voortgangsgesprekken", "partners",
                  "vastgesteld_op", "beschikking_url", "fouten"]
        read_only_fields = ["vastgesteld_op"]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_beschikking_url(self, pip: PipVersie) -> str | None:
        if not pip.is_vastgesteld:
            return None
        url = reverse("api:pip-beschikking", kwargs={"pk": pip.traject.inburgeraar_id,
                                                     "versie": pip.versie})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_fouten(self, pip: PipVersie) -> dict[str, str]:
        if pip.is_vastgesteld:
            return {}
        return pip_services.fouten(pip.traject, pip)
