from django import forms
from django.utils.translation import gettext_lazy as _

from koers.web.forms import KoersStijl

TAAKSTELLING_MAX = 10_000  # a sanity bound: far above any gemeente's half year


class TaakstellingForm(KoersStijl, forms.Form):
    jaar = forms.IntegerField(label=_("Jaar"), min_value=2020, max_value=2100)
    halfjaar = forms.TypedChoiceField(label=_("Half jaar"), coerce=int,
                                      choices=[(1, _("1e helft")), (2, _("2e helft"))])
    aantal = forms.IntegerField(label=_("Aantal te huisvesten personen"), min_value=0,
                                max_value=TAAKSTELLING_MAX)
    is_schatting = forms.BooleanField(label=_("Dit is een schatting"), required=False)
