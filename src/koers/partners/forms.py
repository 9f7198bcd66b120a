"""Forms of the ketenpartner pages. They check the shape of input; the rules stay in
rules.py and the services, which the forms call (``regel_fouten``) where the input and the
case suffice, so that a page shows every error at once."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.bouwstenen.formulieren import KoersStijl, tekstvak
from koers.inburgeraars.validatie import datumveld
from koers.partners import rules, services
from koers.partners.models import RESULTAAT_CHOICES, SCHAAL_CHOICES

KIES = [("", _("Kies…"))]


class VerwijsForm(KoersStijl, forms.Form):
    taak = forms.ChoiceField(label=_("Taak"), choices=[])
    organisatie = forms.ChoiceField(label=_("Ketenpartner"), choices=[])
    vraag = tekstvak(
        _("Vraag aan de partner"),
        help_text=_("Schrijf wat de partner moet doen. Zet hier geen gegevens over gezondheid in."),
    )
    startdatum = datumveld(_("Gewenste start"), required=False)

    def __init__(self, *args, partners=(), traject=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.traject = traject
        self.partners = {str(p.pk): p for p in partners}
        self.fields["taak"].choices = KIES + [
            (t.value, _(rules.TAAK_NAMEN[t])) for t in rules.VERWIJSBAAR
        ]
        self.fields["organisatie"].choices = KIES + [
            (str(p.pk), f"{p.naam} ({p.get_soort_display()})") for p in partners
        ]

    def clean_organisatie(self):
        return self.partners.get(self.cleaned_data["organisatie"])

    def regel_fouten(self, data: dict) -> dict[str, str]:
        if self.traject is None or not data.get("taak") or data.get("organisatie") is None:
            return {}
        return services.verwijs_fouten(self.traject, data["taak"], data["organisatie"])


class AfwijsForm(KoersStijl, forms.Form):
    reden = tekstvak(_("Waarom wijst u de verwijzing af?"), required=True)


class VoortgangForm(KoersStijl, forms.Form):
    datum = datumveld(_("Datum"))
    uren = forms.DecimalField(
        label=_("Uren"),
        required=False,
        min_value=0,
        max_value=rules.MAX_UREN_PER_RAPPORTAGE,
        decimal_places=1,
        max_digits=5,
        localize=True,
        help_text=_("De uren sinds de vorige rapportage."),
    )
    afspraken_gepland = forms.IntegerField(
        label=_("Afspraken gepland"),
        required=False,
        min_value=0,
        max_value=rules.MAX_AFSPRAKEN_PER_RAPPORTAGE,
    )
    afspraken_aanwezig = forms.IntegerField(
        label=_("Afspraken aanwezig"),
        required=False,
        min_value=0,
        max_value=rules.MAX_AFSPRAKEN_PER_RAPPORTAGE,
    )
    resultaten = tekstvak(_("Wat is bereikt"))
    toelichting = tekstvak(
        _("Toelichting"), help_text=_("Zet hier geen gegevens over gezondheid in.")
    )

    def regel_fouten(self, data: dict) -> dict[str, str]:
        return services.rapport_fouten(
            datum=data.get("datum"),
            uren=data.get("uren"),
            afspraken_gepland=data.get("afspraken_gepland"),
            afspraken_aanwezig=data.get("afspraken_aanwezig"),
            resultaten=data.get("resultaten") or "",
            toelichting=data.get("toelichting") or "",
        )


class AfsluitForm(KoersStijl, forms.Form):
    resultaat = forms.ChoiceField(
        label=_("Resultaat"),
        choices=KIES + [c for c in RESULTAAT_CHOICES if c[0] != rules.Resultaat.INGETROKKEN],
    )
    eindverslag = tekstvak(_("Eindverslag"))


class IntrekForm(KoersStijl, forms.Form):
    toelichting = tekstvak(_("Waarom trekt u de verwijzing in?"))


class TaakverdelingForm(KoersStijl, forms.Form):
    schaal = forms.ChoiceField(label=_("Schaal"), choices=SCHAAL_CHOICES)
    uitvoerder = forms.ChoiceField(label=_("Uitvoerder"), choices=[])
    toelichting = forms.CharField(label=_("Toelichting"), max_length=500, required=False)

    def __init__(self, *args, organisaties=(), gemeente=None, taak="", **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeente, self.taak = gemeente, taak
        self.organisaties = {str(o.pk): o for o in organisaties}
        self.fields["uitvoerder"].choices = [(str(o.pk), o.naam) for o in organisaties]

    def clean_uitvoerder(self):
        return self.organisaties.get(self.cleaned_data["uitvoerder"])

    def regel_fouten(self, data: dict) -> dict[str, str]:
        if self.gemeente is None or "uitvoerder" not in data:
            return {}
        return services.taakverdeling_fouten(
            self.gemeente,
            self.taak,
            schaal=data.get("schaal") or "",
            uitvoerder=data["uitvoerder"],
            toelichting=data.get("toelichting") or "",
        )
