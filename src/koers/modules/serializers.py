"""Serializers of the PVT and MAP API: they check the form of the input and render answers;
the rules live in koers.modules.rules and reach the client through ``Weigering`` (400)."""

from __future__ import annotations

from rest_framework import serializers

from koers.bouwstenen.api_velden import NUL_TEKEN
from koers.inburgeraars.rules import termijn_laatste_dag
from koers.inburgeraars.validatie import uitvoering_datum

from . import rules
from .models import KERNWAARDE_CHOICES, SOORT_CHOICES, Activiteit

VERWIJTBAAR_HULP = (
    "Alleen als de datum op of na het einde van de inburgeringstermijn ligt: "
    "'Ja' als het de inburgeraar te verwijten is, anders 'Nee'. Ligt de datum "
    "ervoor, laat het dan weg (null). 'Nee' kan alleen in de laatste 2 maanden "
    "van de termijn, 'Ja' alleen na het einde."
)


def _geen_nul(waarde: str) -> str:
    if "\x00" in waarde:
        raise serializers.ValidationError(NUL_TEKEN)
    return waarde


class _Tekst(serializers.CharField):
    def to_internal_value(self, data):
        return _geen_nul(super().to_internal_value(data))


class ModuleActiviteitSerializer(serializers.ModelSerializer):
    """Een activiteit van het PVT of de MAP."""

    datum = serializers.DateField(
        validators=[uitvoering_datum],
        help_text="De dag van de activiteit (niet in de toekomst).",
        error_messages={
            "invalid": "Vul een geldige datum in (JJJJ-MM-DD).",
            "required": "Vul de datum in.",
            "null": "Vul de datum in.",
        },
    )
    uren = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        coerce_to_string=False,
        help_text="Meer dan 0, hooguit 24, met hooguit 1 cijfer na de komma.",
        error_messages={
            "invalid": "Vul bij de uren een getal in, bijvoorbeeld 1.5.",
            "required": "Vul het aantal uren in.",
            "null": "Vul het aantal uren in.",
            "max_digits": "Een activiteit duurt hooguit 24 uur.",
            "max_whole_digits": "Een activiteit duurt hooguit 24 uur.",
            "max_decimal_places": "Vul de uren in met hooguit 1 cijfer na de komma.",
            "max_string_length": "Een activiteit duurt hooguit 24 uur.",
        },
    )
    soort = serializers.ChoiceField(
        choices=SOORT_CHOICES,
        help_text="PVT: workshop, excursie of activiteit. MAP: workshop, werkbezoek, gesprek "
        "of activiteit.",
        error_messages={
            "invalid_choice": "Kies een soort uit de lijst.",
            "required": "Kies een soort activiteit.",
        },
    )
    omschrijving = _Tekst(
        max_length=rules.OMSCHRIJVING_MAX,
        allow_blank=True,
        error_messages={
            "max_length": f"De omschrijving is te lang: hooguit {rules.OMSCHRIJVING_MAX} tekens.",
            "required": "Beschrijf de activiteit.",
        },
    )
    kernwaarden = serializers.ListField(
        child=serializers.ChoiceField(
            choices=KERNWAARDE_CHOICES,
            error_messages={
                "invalid_choice": "Kies alleen uit vrijheid, gelijkwaardigheid, solidariteit en "
                "participatie."
            },
        ),
        required=False,
        max_length=len(rules.Kernwaarde),
        error_messages={
            "max_length": "Kies elke kernwaarde hooguit één keer.",
            "not_a_list": "Geef de kernwaarden als lijst.",
        },
        help_text="Alleen bij het PVT: de kernwaarden waar de activiteit over ging.",
    )
    uitvoerder = _Tekst(
        max_length=rules.UITVOERDER_MAX,
        required=False,
        allow_blank=True,
        help_text="De organisatie die de activiteit gaf, bijvoorbeeld Werk.Kom.",
    )

    class Meta:
        model = Activiteit
        fields = [
            "id",
            "module",
            "datum",
            "uren",
            "soort",
            "omschrijving",
            "kernwaarden",
            "uitvoerder",
        ]
        read_only_fields = ["id", "module"]


class ModuleAfrondingSerializer(serializers.Serializer):
    """De afronding: PVT ondertekend of MAP-eindgesprek, en de melding aan DUO."""

    datum = serializers.DateField()
    samenvatting = serializers.CharField(help_text="Alleen bij de MAP.")
    uitvoerder = serializers.CharField(help_text="Alleen bij de MAP.")
    verwijtbaar = serializers.CharField(allow_null=True)
    gemeld_aan_duo = serializers.BooleanField()
    gemeld_op = serializers.DateTimeField(allow_null=True)
    duo_status = serializers.CharField(allow_null=True, help_text="Status van de melding.")

    def to_representation(self, instance):
        bericht = instance.bericht
        return {
            "datum": instance.datum.isoformat(),
            "samenvatting": instance.samenvatting,
            "uitvoerder": instance.uitvoerder,
            "verwijtbaar": instance.verwijtbaar or None,
            "gemeld_aan_duo": bericht is not None,
            "gemeld_op": instance.gemeld_op.isoformat() if instance.gemeld_op else None,
            "duo_status": bericht.status if bericht is not None else None,
        }


class ModuleVerwijtbaarSerializer(serializers.Serializer):
    """'Verwijtbaar' aan DUO gemeld terwijl de module nog niet af was (zonder datum)."""

    verwijtbaar = serializers.CharField()
    toelichting = serializers.CharField()
    gemeld_op = serializers.DateField()
    duo_status = serializers.CharField(allow_null=True, help_text="Status van de melding.")

    def to_representation(self, instance):
        return {
            "verwijtbaar": instance.verwijtbaar,
            "toelichting": instance.toelichting,
            "gemeld_op": instance.gemeld_op.isoformat(),
            "duo_status": instance.bericht.status if instance.bericht else None,
        }


class ModuleVerwijtbaarMeldenSerializer(serializers.Serializer):
    """Meld 'verwijtbaar' aan DUO voor een module die nog niet af is (zonder datum)."""

    verwijtbaar = serializers.ChoiceField(
        choices=[("Ja", "Ja"), ("Nee", "Nee")],
        help_text="'Nee' kan in de laatste 2 maanden van de inburgeringstermijn; na het einde "
        "'Ja' (het is de inburgeraar te verwijten) of 'Nee'.",
        error_messages={
            "invalid_choice": "Verwijtbaar is Ja of Nee.",
            "required": "Kies Ja of Nee.",
            "null": "Kies Ja of Nee.",
        },
    )
    toelichting = _Tekst(
        max_length=rules.TOELICHTING_MAX,
        required=False,
        allow_blank=True,
        default="",
        help_text="Waarom (voor het dossier; gaat niet naar DUO).",
    )


class ModuleStandSerializer(serializers.Serializer):
    """De stand van het PVT of de MAP: uren gedaan en gepland, activiteiten en afronding."""

    module = serializers.CharField()
    van_toepassing = serializers.BooleanField(
        help_text="De MAP hoort alleen bij de B1-route en de Z-route."
    )
    uren_gedaan = serializers.DecimalField(max_digits=6, decimal_places=1, coerce_to_string=False)
    uren_gepland = serializers.IntegerField(allow_null=True, help_text="Uit het PIP.")
    uren_nog = serializers.DecimalField(
        max_digits=6, decimal_places=1, allow_null=True, coerce_to_string=False
    )
    minimum_uren = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        allow_null=True,
        coerce_to_string=False,
        help_text="PVT: minstens 12 uur voor ondertekening.",
    )
    kernwaarde_gedaan = serializers.BooleanField(
        allow_null=True, help_text="PVT: minstens één excursie of activiteit over een kernwaarde."
    )
    termijn_eind = serializers.DateField(
        allow_null=True,
        help_text="Einddatum van de inburgeringstermijn zoals DUO die geeft: "
        "exclusief, dus de dag na de laatste dag.",
    )
    termijn_laatste_dag = serializers.DateField(
        allow_null=True, help_text="Laatste dag van de inburgeringstermijn."
    )
    activiteiten = ModuleActiviteitSerializer(many=True)
    afronding = ModuleAfrondingSerializer(allow_null=True)
    verwijtbaar_zonder_datum_mogelijk = serializers.ListField(
        child=serializers.CharField(),
        help_text="Wat u vandaag zonder datum aan DUO kunt melden zolang de module niet af "
        'is: [] (nog niet), ["Nee"] (laatste 2 maanden van de termijn) of '
        '["Ja", "Nee"] (termijn voorbij).',
    )
    verwijtbaar_meldingen = ModuleVerwijtbaarSerializer(many=True)

    def to_representation(self, instance):
        ms, stand = instance
        pvt = ms.module == rules.Module.PVT
        return {
            "module": ms.module,
            "van_toepassing": ms.van_toepassing,
            "uren_gedaan": ms.uren,
            "uren_gepland": ms.gepland,
            "uren_nog": ms.uren_nog,
            "minimum_uren": rules.PVT_MIN_UREN if pvt else None,
            "kernwaarde_gedaan": ms.kernwaarde_gedaan if pvt else None,
            "termijn_eind": stand.termijn_eind.isoformat() if stand.termijn_eind else None,
            "termijn_laatste_dag": (
                termijn_laatste_dag(stand.termijn_eind).isoformat() if stand.termijn_eind else None
            ),
            "activiteiten": ModuleActiviteitSerializer(ms.activiteiten, many=True).data,
            "afronding": ModuleAfrondingSerializer(ms.afronding).data if ms.afronding else None,
            "verwijtbaar_zonder_datum_mogelijk": (
                list(stand.verwijtbaar_keuzes) if ms.afronding is None and ms.van_toepassing else []
            ),
            "verwijtbaar_meldingen": ModuleVerwijtbaarSerializer(
                ms.verwijtbaarheden, many=True
            ).data,
        }


class _ModuleAfrondenSerializer(serializers.Serializer):
    datum = serializers.DateField(
        validators=[uitvoering_datum],
        error_messages={
            "invalid": "Vul een geldige datum in (JJJJ-MM-DD).",
            "required": "Vul de datum in.",
            "null": "Vul de datum in.",
        },
    )
    verwijtbaar = serializers.ChoiceField(
        choices=[("Ja", "Ja"), ("Nee", "Nee")],
        required=False,
        allow_null=True,
        help_text=VERWIJTBAAR_HULP,
        error_messages={"invalid_choice": "Verwijtbaar is Ja of Nee, of null."},
    )
    melden = serializers.BooleanField(
        default=True, help_text="De datum meteen aan DUO melden (standaard)."
    )


class PvtOndertekenenSerializer(_ModuleAfrondenSerializer):
    """De inburgeraar tekende de participatieverklaring op 'datum'."""


class MapEindgesprekSerializer(_ModuleAfrondenSerializer):
    """Het eindgesprek van de MAP op 'datum'."""

    samenvatting = _Tekst(
        max_length=rules.SAMENVATTING_MAX,
        allow_blank=True,
        error_messages={"required": "Schrijf een korte samenvatting."},
    )
    uitvoerder = _Tekst(
        max_length=rules.UITVOERDER_MAX,
        required=False,
        allow_blank=True,
        default=rules.STANDAARD_MAP_UITVOERDER,
    )


class ModuleMeldenSerializer(serializers.Serializer):
    """Meld de datum van een afgeronde module alsnog aan DUO."""

    verwijtbaar = serializers.ChoiceField(
        choices=[("Ja", "Ja"), ("Nee", "Nee")],
        required=False,
        allow_null=True,
        help_text=VERWIJTBAAR_HULP,
        error_messages={"invalid_choice": "Verwijtbaar is Ja of Nee, of null."},
    )


class ModuleCorrigerenSerializer(ModuleMeldenSerializer):
    """De juiste datum van een afgeronde module (en zo nodig 'verwijtbaar')."""

    datum = serializers.DateField(
        validators=[uitvoering_datum],
        help_text="De juiste datum. Heeft DUO de oude datum al, dan gaat deze datum ook naar DUO.",
    )
