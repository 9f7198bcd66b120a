import re

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.bouwstenen.formulieren import KoersStijl
from koers.inburgeraars.validatie import datumveld
from koers.organisaties.models import Budget, Organisatie
from koers.sturing import rules, services
from koers.sturing.models import EENHEID_CHOICES, VOORZIENING_CHOICES, Contract

TAAKSTELLING_MAX = services.TAAKSTELLING_MAX


class TaakstellingForm(KoersStijl, forms.Form):
    jaar = forms.IntegerField(label=_("Jaar"), min_value=2020, max_value=2100)
    halfjaar = forms.TypedChoiceField(
        label=_("Half jaar"), coerce=int, choices=[(1, _("1e helft")), (2, _("2e helft"))]
    )
    aantal = forms.IntegerField(
        label=_("Aantal te huisvesten personen"), min_value=0, max_value=TAAKSTELLING_MAX
    )
    is_schatting = forms.BooleanField(label=_("Dit is een schatting"), required=False)


class ContractForm(KoersStijl, forms.Form):
    aanbieder = forms.ModelChoiceField(
        label=_("Aanbieder in Koers"),
        required=False,
        queryset=Organisatie.objects.none(),
        help_text=_("Of vul hieronder de naam in als de aanbieder niet in Koers staat."),
    )
    aanbieder_naam = forms.CharField(
        label=_("Naam van de aanbieder"), required=False, max_length=200
    )
    voorziening = forms.ChoiceField(label=_("Voorziening"), choices=VOORZIENING_CHOICES)
    eenheid = forms.ChoiceField(label=_("Eenheid"), choices=EENHEID_CHOICES)
    tarief = forms.DecimalField(
        label=_("Tarief in euro"), max_digits=10, decimal_places=2, localize=True
    )
    geldig_van = datumveld(_("Geldig vanaf"))
    geldig_tot = datumveld(_("Geldig tot en met"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbieder"].queryset = Organisatie.objects.exclude(
            soort=Organisatie.Soort.GEMEENTE
        ).order_by("naam")

    def regel_fouten(self, data: dict) -> dict[str, str]:
        return services.contract_fouten(
            aanbieder=data.get("aanbieder"),
            aanbieder_naam=data.get("aanbieder_naam") or "",
            voorziening=data.get("voorziening"),
            eenheid=data.get("eenheid"),
            tarief=data.get("tarief"),
            geldig_van=data.get("geldig_van"),
            geldig_tot=data.get("geldig_tot"),
        )


# "125.000" or "125.000,50": dots grouping thousands, as a Dutch reader writes an amount.
_DUIZENDTALLEN = re.compile(r"^\s*-?\d{1,3}(\.\d{3})+(,\d*)?\s*$")


class BedragVeld(forms.DecimalField):
    """A euro amount in Dutch notation. Without this, the site's number format (no thousands
    separator) would read "125.000" as 125 euro; a budget is typed with dots that often."""

    def to_python(self, value):
        if isinstance(value, str) and _DUIZENDTALLEN.match(value):
            value = value.replace(".", "")
        return super().to_python(value)


class BudgetForm(KoersStijl, forms.Form):
    jaar = forms.IntegerField(
        label=_("Jaar"), min_value=rules.BUDGET_JAAR_MIN, max_value=rules.BUDGET_JAAR_MAX
    )
    stroom = forms.ChoiceField(label=_("Stroom"), choices=Budget.Stroom.choices)
    bedrag = BedragVeld(
        label=_("Budget in euro"),
        max_digits=12,
        decimal_places=2,
        localize=True,
        help_text=_("Bijvoorbeeld 125.000,50"),
    )


class KostenpostForm(KoersStijl, forms.Form):
    voorziening = forms.ChoiceField(label=_("Voorziening"), choices=VOORZIENING_CHOICES)
    contract = forms.ModelChoiceField(
        label=_("Contract"),
        required=False,
        queryset=Contract.objects.none(),
        help_text=_("Met een contract rekent Koers het bedrag uit: aantal keer tarief."),
    )
    datum = datumveld(_("Datum"))
    aantal = forms.DecimalField(
        label=_("Aantal (uren, trajecten of maanden)"),
        required=False,
        max_digits=9,
        decimal_places=2,
        localize=True,
    )
    bedrag = forms.DecimalField(
        label=_("Bedrag in euro (alleen zonder contract)"),
        required=False,
        max_digits=12,
        decimal_places=2,
        localize=True,
    )
    omschrijving = forms.CharField(label=_("Omschrijving"), required=False, max_length=200)

    def __init__(self, *args, gemeente=None, traject=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.traject = traject
        self.fields["contract"].queryset = Contract.objects.filter(
            gemeente=gemeente
        ).select_related("aanbieder")

    def regel_fouten(self, data: dict) -> dict[str, str]:
        if self.traject is None:
            return {}
        return services.kostenpost_fouten(
            self.traject,
            voorziening=data.get("voorziening"),
            datum=data.get("datum"),
            contract=data.get("contract"),
            aantal=data.get("aantal"),
            bedrag=data.get("bedrag"),
        )
