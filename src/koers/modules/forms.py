"""Forms of the PVT and MAP pages. They check the shape of the input, and call the checks of
koers.modules.services (on the rules of koers.modules.rules) so that a page shows every
error at once; the write paths check again under the case's lock."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.bouwstenen.formulieren import KoersStijl, tekstvak
from koers.inburgeraars.validatie import datumveld, uitvoering_datum

from . import rules, services
from .models import KERNWAARDE_CHOICES

VERWIJTBAAR_KEUZES = [
    ("", _("Leeg laten (de datum ligt voor het einde van de termijn)")),
    ("Ja", _("Ja, het is de inburgeraar te verwijten")),
    ("Nee", _("Nee, het is de inburgeraar niet te verwijten")),
]


class ActiviteitForm(KoersStijl, forms.Form):
    datum = datumveld(
        _("Datum"),
        validators=[uitvoering_datum],
        help_text=_("De dag van de activiteit. Niet in de toekomst."),
    )
    uren = forms.DecimalField(
        label=_("Aantal uren"),
        max_digits=4,
        decimal_places=1,
        min_value=Decimal("0.1"),
        max_value=rules.UREN_MAX,
        localize=True,
        help_text=_("Bijvoorbeeld 2 of 1,5. Hooguit 24 uur."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    soort = forms.ChoiceField(label=_("Soort activiteit"), choices=(), widget=forms.RadioSelect)
    omschrijving = forms.CharField(
        label=_("Omschrijving"),
        max_length=rules.OMSCHRIJVING_MAX,
        help_text=_("Wat deed de inburgeraar? Bijvoorbeeld: bezoek aan de gemeenteraad."),
    )
    kernwaarden = forms.MultipleChoiceField(
        label=_("Kernwaarden"),
        choices=KERNWAARDE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Over welke kernwaarden ging de activiteit? Minstens één excursie of "
            "activiteit van het PVT gaat over een kernwaarde."
        ),
    )
    uitvoerder = forms.CharField(
        label=_("Uitvoerder"),
        max_length=rules.UITVOERDER_MAX,
        required=False,
        help_text=_("De organisatie die de activiteit gaf, bijvoorbeeld Werk.Kom."),
    )

    def __init__(self, *args, module: str, traject=None, activiteit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.module = module
        self.traject, self.activiteit = traject, activiteit
        m = rules.Module(module)
        self.fields["soort"].choices = [(s.value, rules.SOORT_NAMEN[s]) for s in rules.SOORTEN[m]]
        if m is rules.Module.MAP:
            del self.fields["kernwaarden"]
        self.fields["uren"].error_messages.update(
            {
                "invalid": str(_("Vul bij 'Aantal uren' een getal in, bijvoorbeeld 1,5.")),
                "min_value": str(_("Het aantal uren moet meer dan 0 zijn.")),
                "max_value": str(_("Een activiteit duurt hooguit 24 uur.")),
                "max_decimal_places": str(_("Vul de uren in met hooguit 1 cijfer na de komma.")),
                "max_digits": str(_("Een activiteit duurt hooguit 24 uur.")),
                "max_whole_digits": str(_("Een activiteit duurt hooguit 24 uur.")),
            }
        )

    def clean_omschrijving(self):
        return self.cleaned_data["omschrijving"].strip()

    def naar_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["module"] = self.module
        data.setdefault("kernwaarden", [])
        return data

    def regel_fouten(self, data: dict) -> dict[str, str]:
        if self.traject is None:
            return {}
        return services.activiteit_fouten(self.traject, self.naar_data(), self.activiteit)

    @staticmethod
    def initial_van(activiteit) -> dict:
        return {
            "datum": activiteit.datum,
            "uren": activiteit.uren,
            "soort": activiteit.soort,
            "omschrijving": activiteit.omschrijving,
            "kernwaarden": activiteit.kernwaarden,
            "uitvoerder": activiteit.uitvoerder,
        }


class _AfrondenForm(KoersStijl, forms.Form):
    verwijtbaar = forms.ChoiceField(
        label=_("Verwijtbaar"), choices=VERWIJTBAAR_KEUZES, required=False, widget=forms.RadioSelect
    )
    melden = forms.BooleanField(label=_("Meteen aan DUO melden"), required=False, initial=True)

    def __init__(self, *args, uitleg: str = "", mag_melden: bool = True, traject=None, **kwargs):
        kwargs.setdefault("auto_id", "afronden-%s")  # unique ids next to the activity form
        super().__init__(*args, **kwargs)
        self.traject = traject
        if uitleg:
            self.fields["verwijtbaar"].help_text = uitleg
            self._stijl("verwijtbaar", self.fields["verwijtbaar"])
        if not mag_melden:
            del self.fields["melden"]

    def naar_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["verwijtbaar"] = data.get("verwijtbaar") or None
        data["melden"] = bool(data.get("melden"))
        return data


class OndertekenForm(_AfrondenForm):
    datum = datumveld(
        _("Datum van de ondertekening"),
        validators=[uitvoering_datum],
        help_text=_(
            "De dag waarop de inburgeraar de participatieverklaring "
            "tekende. Deze datum gaat naar DUO."
        ),
    )

    field_order = ["datum", "verwijtbaar", "melden"]

    def regel_fouten(self, data: dict) -> dict[str, str]:
        if self.traject is None:
            return {}
        return services.pvt_fouten(self.traject, data.get("datum"))


class EindgesprekForm(_AfrondenForm):
    datum = datumveld(
        _("Datum van het eindgesprek"),
        validators=[uitvoering_datum],
        help_text=_("De dag van het eindgesprek. Deze datum gaat naar DUO."),
    )
    uitvoerder = forms.CharField(
        label=_("Uitvoerder van de MAP"),
        max_length=rules.UITVOERDER_MAX,
        initial=rules.STANDAARD_MAP_UITVOERDER,
        help_text=_("De organisatie die de MAP uitvoerde, bijvoorbeeld Werk.Kom."),
    )
    samenvatting = tekstvak(_("Samenvatting van het eindgesprek"), rows=5, required=True)

    field_order = ["datum", "uitvoerder", "samenvatting", "verwijtbaar", "melden"]

    def regel_fouten(self, data: dict) -> dict[str, str]:
        if self.traject is None:
            return {}
        return services.map_fouten(
            self.traject,
            data.get("datum"),
            data.get("samenvatting") or "",
            data.get("uitvoerder") or "",
        )


class MeldForm(KoersStijl, forms.Form):
    verwijtbaar = forms.ChoiceField(
        label=_("Verwijtbaar"), choices=VERWIJTBAAR_KEUZES, required=False, widget=forms.RadioSelect
    )

    def __init__(self, *args, uitleg: str = "", **kwargs):
        kwargs.setdefault("auto_id", "melden-%s")
        super().__init__(*args, **kwargs)
        if uitleg:
            self.fields["verwijtbaar"].help_text = uitleg
            self._stijl("verwijtbaar", self.fields["verwijtbaar"])


class CorrigeerForm(MeldForm):
    """A new date for a closed module; reported again when DUO has the old one."""

    datum = datumveld(
        _("Juiste datum"),
        validators=[uitvoering_datum],
        help_text=_("Heeft DUO de oude datum al? Dan gaat de juiste datum ook naar DUO."),
    )

    field_order = ["datum", "verwijtbaar"]

    def __init__(self, *args, traject=None, module: str = "", **kwargs):
        kwargs.setdefault("auto_id", "corrigeren-%s")
        super().__init__(*args, **kwargs)
        self.traject, self.module = traject, module

    def regel_fouten(self, data: dict) -> dict[str, str]:
        if self.traject is None:
            return {}
        return services.correctie_fouten(self.traject, self.module, data.get("datum"))


class VerwijtbaarForm(KoersStijl, forms.Form):
    """'Verwijtbaar' for a module that is not done yet, without a date."""

    verwijtbaar = forms.ChoiceField(
        label=_("Is het de inburgeraar te verwijten dat de module nog niet af is?"),
        choices=[
            ("Ja", _("Ja, het is de inburgeraar te verwijten")),
            ("Nee", _("Nee, het is de inburgeraar niet te verwijten")),
        ],
        widget=forms.RadioSelect,
        help_text=_(
            "In de laatste 2 maanden van de inburgeringstermijn kan alleen 'Nee'. Is de "
            "termijn voorbij? Dan kan 'Ja' of 'Nee'."
        ),
    )
    toelichting = tekstvak(_("Toelichting (voor het dossier)"), rows=3)

    def __init__(self, *args, keuzes: tuple[str, ...] = (), **kwargs):
        kwargs.setdefault("auto_id", "verwijtbaar-%s")
        super().__init__(*args, **kwargs)
        if keuzes:
            self.fields["verwijtbaar"].choices = [
                c for c in self.fields["verwijtbaar"].choices if c[0] in keuzes
            ]
