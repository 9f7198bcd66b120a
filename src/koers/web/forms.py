"""Forms of the shell: the login code and the werkvoorraad filter. They check the shape of
input (types, lengths, choices). The forms of a case live in its slice
(koers.inburgeraars.forms, koers.intake.forms, koers.pip.forms); the generic pieces (styling,
field types) in :mod:`koers.bouwstenen.formulieren`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.bouwstenen.formulieren import KoersStijl
from koers.inburgeraars import rules as traject_rules
from koers.inburgeraars.models import STATUS_CHOICES

# --- Inloggen ---------------------------------------------------------------------------


class CodeForm(KoersStijl, forms.Form):
    code = forms.CharField(
        label=_("Code uit uw app"),
        max_length=12,
        help_text=_("De 6 cijfers die uw authenticator-app nu laat zien."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("De code heeft 6 cijfers."))
        return code


# --- Werkvoorraad -----------------------------------------------------------------------

STATUS_FILTER = [("", _("Alle open zaken")), *STATUS_CHOICES, ("alle", _("Alle zaken"))]
DOELGROEP_FILTER = [("", _("Alle doelgroepen"))] + [
    (d.value, d.value) for d in traject_rules.Doelgroepindeling
]
DEADLINE_FILTER = [
    ("", _("Alle")),
    (traject_rules.Urgentie.TE_LAAT.value, _("Te laat")),
    (traject_rules.Urgentie.BIJNA.value, _("Binnen 2 weken")),
]


class WerkvoorraadFilter(KoersStijl, forms.Form):
    toon_niet_verplicht = False

    q = forms.CharField(
        label=_("Zoek op naam of BSN"),
        max_length=100,
        required=False,
        help_text=_("Begin van de achternaam, of het hele BSN (9 cijfers)."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_FILTER, required=False)
    gemeente = forms.TypedChoiceField(
        label=_("Gemeente"), choices=(), coerce=int, required=False, empty_value=None
    )
    doelgroep = forms.ChoiceField(label=_("Doelgroep"), choices=DOELGROEP_FILTER, required=False)
    deadline = forms.ChoiceField(label=_("Deadline"), choices=DEADLINE_FILTER, required=False)
    adviseur = forms.ChoiceField(label=_("Adviseur"), choices=(), required=False)
    alle = forms.BooleanField(label=_("Alle zaken van mijn gemeente(n)"), required=False)
    signalen = forms.BooleanField(label=_("Alleen zaken met open signalen"), required=False)

    def __init__(self, *args, gemeenten=(), adviseurs=None, met_signalen=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not met_signalen:
            del self.fields["signalen"]
        self.fields["gemeente"].choices = [("", _("Alle gemeenten"))] + [
            (g.pk, g.naam) for g in gemeenten
        ]
        if adviseurs is None:
            del self.fields["adviseur"]
        else:
            self.fields["adviseur"].choices = [
                ("", _("Alle adviseurs")),
                ("geen", _("Zonder adviseur")),
            ] + [(str(a.pk), a.weergavenaam) for a in adviseurs]
            del self.fields["alle"]
