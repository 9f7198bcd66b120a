"""Serializers of the inburgeraars API: they check the *form* of the input (types, dates,
lengths, known values) and render answers. Every rule of the law lives in the services and
``rules.py``; these serializers never restate one. The views hand the validated data to the
services."""

from __future__ import annotations

from rest_framework import serializers

from koers.inburgeraars import rules as inburgeraar_rules
from koers.inburgeraars.models import REDEN_CHOICES, STATUS_CHOICES, Inburgeraar
from koers.organisaties.models import Gemeente
from koers.toegang import policy


class GemeenteSerializer(serializers.ModelSerializer):
    naam = serializers.CharField(source="organisatie.naam", read_only=True)

    class Meta:
        model = Gemeente
        fields = ["gemeentecode", "naam", "oin"]
        read_only_fields = fields


class BereikbareGemeenteField(serializers.SlugRelatedField):
    """A gemeentecode; on input only a gemeente the user reaches (own or delegated)."""

    default_error_messages = {
        "does_not_exist": "U werkt niet voor gemeente {value}. Kies een gemeente waarvoor u werkt.",
        "invalid": "Vul een gemeentecode in van 4 cijfers.",
    }

    def __init__(self, **kwargs):
        super().__init__(slug_field="gemeentecode", **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return policy.zichtbare_gemeenten(request.user if request else None)


class DoelgroepperiodeSerializer(serializers.Serializer):
    indeling = serializers.CharField(
        read_only=True, help_text="DUO's Doelgroepindeling in deze periode."
    )
    begindatum = serializers.DateField(
        read_only=True, allow_null=True, help_text="Begin van de periode (inclusief)."
    )
    einddatum = serializers.DateField(
        read_only=True, allow_null=True, help_text="Einde van de periode (inclusief)."
    )


class GratisPogingSerializer(serializers.Serializer):
    onderdeel = serializers.ChoiceField(
        choices=list(inburgeraar_rules.EXAMENONDERDELEN), read_only=True
    )
    gratisPogingenTegoed = serializers.IntegerField(read_only=True)  # noqa: N815  DUO's name


class InburgeraarSerializer(serializers.ModelSerializer):
    # BSN, V-nummer and doelgroep are checked by koers.inburgeraars.services (elfproef, DUO
    # value list), which answers in the same words as the web pages.
    bsn = serializers.CharField(help_text="Burgerservicenummer: 9 cijfers, elfproef.")
    vnummer = serializers.CharField(
        required=False, allow_blank=True, help_text="V-nummer: 10 cijfers."
    )
    doelgroep = serializers.ChoiceField(
        choices=[d.value for d in inburgeraar_rules.Doelgroep],
        help_text="GedetailleerdeDoelgroep zoals DUO die kent.",
        error_messages={"invalid_choice": "Kies een doelgroep zoals DUO die kent."},
    )
    doelgroepindeling = serializers.ChoiceField(
        choices=[d.value for d in inburgeraar_rules.Doelgroepindeling],
        read_only=True,
        help_text="De indeling die aanbod, ontzorgen, uren en handhaving bepaalt: die van DUO "
        "(Doelgroep.indeling). Zolang DUO niet heeft geantwoord afgeleid uit de "
        "doelgroep en voorlopig (doelgroepindeling_voorlopig).",
    )
    gedetailleerde_doelgroep = serializers.CharField(
        source="doelgroep",
        read_only=True,
        help_text="DUO's gedetailleerdeDoelgroep (gelijk aan doelgroep).",
    )
    doelgroepindeling_van_duo = serializers.BooleanField(read_only=True)
    doelgroepindeling_voorlopig = serializers.BooleanField(
        read_only=True, help_text="Waar: DUO heeft nog niet geantwoord; de indeling is afgeleid."
    )
    asielrechten_wijziging_verblijfsdoel = serializers.CharField(
        read_only=True,
        help_text="DUO's asielrechtenWijzigingVerblijfsdoel; leeg als DUO die niet gaf.",
    )
    doelgroephistorie = DoelgroepperiodeSerializer(
        many=True,
        read_only=True,
        help_text="DUO's Doelgroephistorie, oudste eerst.",
    )
    uren_belastbaarheid_participatie = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Gedeeltelijke ontheffing van DUO: maximaal aantal uren participatie "
        "(0 = geen participatie); leeg als er geen is. Alleen voor wie "
        "gezondheidsgegevens mag zien (de ontheffing heeft een medische grond); "
        "anders ontbreekt het veld.",
    )
    gratis_examenpogingen = GratisPogingSerializer(
        many=True, read_only=True, help_text="Gratis examenpogingen die DUO meldt, per onderdeel."
    )
    lbt_examennummer = serializers.CharField(
        source="huidig_traject.lbt_examennummer",
        read_only=True,
        allow_null=True,
        help_text="Examennummer van DUO om de leerbaarheidstoets mee in te plannen.",
    )
    lbt_overgeslagen_op = serializers.DateField(
        source="huidig_traject.lbt_overgeslagen_op",
        read_only=True,
        allow_null=True,
        help_text="Datum van het besluit van de gemeente dat de leerbaarheidstoets niet nodig "
        "is; leeg zonder zo'n besluit (…/brede-intake/leerbaarheidstoets-overslaan).",
    )
    talen = serializers.ListField(
        child=serializers.CharField(max_length=50),
        required=False,
        help_text="Gesproken talen, bijv. ['Arabisch', 'Engels'].",
    )
    gemeentecode = BereikbareGemeenteField(
        source="gemeente",
        help_text="Gemeente van het traject: uw eigen gemeente of een "
        "gemeente die het werk aan de uwe heeft overgedragen.",
    )
    datum_start_plicht = serializers.DateField(
        source="huidig_traject.datum_start_plicht", required=False, allow_null=True
    )
    datum_start_pip_termijn = serializers.DateField(
        source="huidig_traject.datum_start_pip_termijn",
        required=False,
        allow_null=True,
        help_text="Start van de termijn van 10 weken voor het PIP.",
    )
    derde_informatie_ontvangen = serializers.DateField(
        source="huidig_traject.derde_informatie_ontvangen",
        required=False,
        allow_null=True,
        help_text="Datum waarop nodige informatie van derden binnenkwam.",
    )
    status = serializers.ChoiceField(
        source="huidig_traject.status", choices=STATUS_CHOICES, read_only=True
    )
    afrondingsreden = serializers.ChoiceField(
        source="huidig_traject.afrondingsreden",
        choices=REDEN_CHOICES,
        read_only=True,
        allow_blank=True,
    )
    pip_uiterlijk = serializers.DateField(
        source="huidig_traject.pip_uiterlijk",
        read_only=True,
        allow_null=True,
        help_text="Uiterste datum om het PIP vast te stellen.",
    )
    adviseur = serializers.CharField(
        source="huidig_traject.adviseur.username",
        read_only=True,
        allow_null=True,
        help_text="Gebruikersnaam van de adviseur.",
    )
    termijn_start = serializers.DateField(
        source="huidig_traject.termijn_start", read_only=True, allow_null=True
    )
    termijn_eind = serializers.DateField(
        source="huidig_traject.termijn_eind",
        read_only=True,
        allow_null=True,
        help_text="Einddatum van de inburgeringstermijn zoals DUO die geeft: exclusief, dus de "
        "dag na de laatste dag (API Inburgeringstermijn, einddatum).",
    )
    termijn_laatste_dag = serializers.DateField(
        source="huidig_traject.termijn_laatste_dag",
        read_only=True,
        allow_null=True,
        help_text="Laatste dag van de inburgeringstermijn (termijn_eind min één dag).",
    )

    class Meta:
        model = Inburgeraar
        fields = [
            "id",
            "bsn",
            "vnummer",
            "voornamen",
            "geslachtsnaam",
            "geboortedatum",
            "telefoon",
            "email",
            "adres",
            "postcode_plaats",
            "talen",
            "tolk_nodig",
            "tolk_taal",
            "gemeentecode",
            "doelgroep",
            "doelgroepindeling",
            "gedetailleerde_doelgroep",
            "doelgroepindeling_van_duo",
            "doelgroepindeling_voorlopig",
            "asielrechten_wijziging_verblijfsdoel",
            "doelgroephistorie",
            "uren_belastbaarheid_participatie",
            "gratis_examenpogingen",
            "lbt_examennummer",
            "lbt_overgeslagen_op",
            "turkse_nieuwkomer",
            "vestigingsdatum",
            "datum_start_plicht",
            "datum_start_pip_termijn",
            "derde_informatie_ontvangen",
            "status",
            "afrondingsreden",
            "pip_uiterlijk",
            "adviseur",
            "termijn_start",
            "termijn_eind",
            "termijn_laatste_dag",
        ]
        read_only_fields = ["id"]
        # A case DUO opened may lack the date of birth until the BRP fills it in; whoever
        # registers or corrects a person through the API must give it.
        extra_kwargs = {"geboortedatum": {"required": True, "allow_null": True}}

    def validate_geboortedatum(self, value):
        if value is None:
            raise serializers.ValidationError("Vul de geboortedatum in.")
        return value

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # A partial ontheffing is granted on medical or biological grounds (API Ontheffing,
        # GedeeltelijkeOntheffing.grond BIO/MED): its hours are health data (AVG art. 9).
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if not policy.mag_zien(
            user, policy.Sectie.GEZONDHEID, getattr(instance, "huidig_traject", None)
        ):
            data.pop("uren_belastbaarheid_participatie", None)
        if policy.is_partner(user) and "adres" in data:
            # A ketenpartner is a third party: no address under BRP geheimhouding.
            data["adres"], data["postcode_plaats"] = policy.adres_voor_derden(instance)
        return data

    def service_data(self) -> dict:
        """Validated data as the services take it: traject fields flat, beside the person's."""
        data = dict(self.validated_data)
        data.update(data.pop("huidig_traject", {}))
        return data


LBT_GRONDEN = [(g.value, label) for g, label in inburgeraar_rules.LBT_OVERSLAAN_GRONDEN.items()]
LBT_GROND_UITLEG = (
    "evident_b1_of_onderwijs: de B1-route of onderwijsroute is duidelijk "
    "haalbaar; evident_niet_afneembaar: de toets kan duidelijk niet worden "
    "afgenomen."
)


class LbtOverslaanSerializer(serializers.Serializer):
    """The gemeente decides not to take the leerbaarheidstoets (the rule is in
    koers.inburgeraars.rules.lbt_overslaan_fouten)."""

    grond = serializers.ChoiceField(
        choices=LBT_GRONDEN,
        help_text=LBT_GROND_UITLEG,
        error_messages={"invalid_choice": "Kies waarom de leerbaarheidstoets niet nodig is."},
    )
    toelichting = serializers.CharField(
        allow_blank=True,
        max_length=inburgeraar_rules.LBT_TOELICHTING_MAX,
        trim_whitespace=False,
        help_text="Waarom de toets niet nodig is (verplicht).",
    )
    datum = serializers.DateField(
        required=False, help_text="Datum van het besluit; standaard vandaag."
    )


class LbtBesluitSerializer(serializers.Serializer):
    """The decision as recorded; every field empty (null) without one. ``toelichting`` only
    for who may see health data (it may name a medical reason)."""

    grond = serializers.ChoiceField(
        choices=LBT_GRONDEN, allow_null=True, read_only=True, help_text=LBT_GROND_UITLEG
    )
    datum = serializers.DateField(allow_null=True, read_only=True)
    door = serializers.CharField(
        allow_null=True, read_only=True, help_text="Gebruikersnaam van wie besloot."
    )
    toelichting = serializers.CharField(
        read_only=True,
        required=False,
        help_text="Alleen voor wie gezondheidsgegevens mag zien; anders ontbreekt het veld.",
    )
    examennummer_ingetrokken = serializers.BooleanField(
        read_only=True,
        help_text="Waar: Koers meldde DUO dat de toets is overgeslagen (DUO "
        "trekt het examennummer in). Onwaar: DUO had Koers geen "
        "examennummer gegeven, er was niets te melden.",
    )

    def to_representation(self, traject):
        besloten = traject.lbt_overgeslagen_op is not None
        data = {
            "grond": traject.lbt_overgeslagen_grond or None,
            "datum": traject.lbt_overgeslagen_op.isoformat() if besloten else None,
            "door": traject.lbt_overgeslagen_door.username
            if traject.lbt_overgeslagen_door
            else None,
            "examennummer_ingetrokken": besloten and bool(traject.lbt_examennummer),
        }
        if besloten and self.context.get("met_gezondheid"):
            data["toelichting"] = traject.lbt_overgeslagen_toelichting
        return data


class StatusWijzigingSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=STATUS_CHOICES)
    reden = serializers.ChoiceField(
        choices=REDEN_CHOICES,
        required=False,
        allow_blank=True,
        help_text="Alleen bij afronden: waarom het traject stopt.",
    )
    toelichting = serializers.CharField(required=False, allow_blank=True)


class AdviseurToewijzingSerializer(serializers.Serializer):
    username = serializers.CharField(
        allow_null=True, help_text="Gebruikersnaam van de adviseur; null om niemand toe te wijzen."
    )
