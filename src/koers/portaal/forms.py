"""Forms of Mijn Inburgering. Labels are short, in B1 Dutch, and translated."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.bouwstenen.formulieren import MetRegelFouten
from koers.portaal import labels, rules, services


class PortaalForm(forms.Form):
    """Fields point to their help and error text (aria-describedby) and say when they are
    wrong (aria-invalid), for screen readers (WCAG 1.3.1, 3.3.1)."""

    def full_clean(self):
        super().full_clean()
        for naam, veld in self.fields.items():
            auto_id = self[naam].auto_id
            delen = [f"{auto_id}-hulp"] if veld.help_text else []
            if naam in self.errors:
                delen.append(f"{auto_id}-fout")
                veld.widget.attrs["aria-invalid"] = "true"
            if delen:
                veld.widget.attrs["aria-describedby"] = " ".join(delen)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for naam, veld in self.fields.items():
            if veld.help_text:
                veld.widget.attrs["aria-describedby"] = f"{self[naam].auto_id}-hulp"


class DemoInlogForm(PortaalForm):
    bsn = forms.CharField(
        label=_("BSN van een demo-inburgeraar"),
        max_length=9,
        min_length=9,
        error_messages={
            "required": _("Vul een BSN in."),
            "min_length": _("Een BSN heeft 9 cijfers."),
            "max_length": _("Een BSN heeft 9 cijfers."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_bsn(self):
        bsn = self.cleaned_data["bsn"].strip()
        if not rules.is_geldig_bsn_invoer(bsn):
            raise forms.ValidationError(_("Een BSN heeft 9 cijfers."))
        return bsn


class BerichtForm(PortaalForm):
    tekst = forms.CharField(
        label=_("Uw bericht"),
        max_length=rules.BERICHT_MAX,
        error_messages={
            "required": _("Schrijf eerst een bericht."),
            "max_length": _("Uw bericht is te lang."),
        },
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class AntwoordForm(PortaalForm):
    tekst = forms.CharField(
        label=_("Antwoord aan de inburgeraar"),
        max_length=rules.BERICHT_MAX,
        error_messages={"required": _("Schrijf eerst een bericht.")},
        help_text=_("Schrijf in eenvoudige taal (B1)."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DocumentForm(MetRegelFouten, PortaalForm):
    soort = forms.ChoiceField(
        label=_("Wat voor document is het?"),
        choices=[("", _("Kies"))] + list(labels.DOCUMENTSOORT.items()),
        error_messages={
            "required": _("Kies wat voor document het is."),
            "invalid_choice": _("Kies wat voor document het is."),
        },
    )
    bestand = forms.FileField(
        label=_("Bestand"),
        help_text=_("Een foto of scan: PDF, JPG of PNG. Hoogstens 5 MB."),
        error_messages={"required": _("Kies een bestand."), "empty": _("Dit bestand is leeg.")},
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=rules.DOCUMENT_TOELICHTING_MAX,
        error_messages={"max_length": _("De toelichting is te lang.")},
    )

    def __init__(self, *args, inburgeraar=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.inburgeraar = inburgeraar

    def regel_fouten(self, data: dict) -> dict[str, str]:
        # The upload's own checks (type, size, room in the dossier).
        if self.inburgeraar is None:
            return {}
        return services.document_fouten(
            self.inburgeraar,
            data.get("bestand"),
            data.get("soort") or "",
            data.get("toelichting") or "",
        )
