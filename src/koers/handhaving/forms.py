"""Forms of handhaving. They check the shape of input; the rules stay in rules.py and reach
the user through ``Weigering``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.handhaving import rules
from koers.web.forms import KoersStijl, datumveld, tekstvak


class ZaakForm(KoersStijl, forms.Form):
    verzuim = forms.ChoiceField(
        label=_("Wat heeft de inburgeraar niet gedaan?"),
        choices=[("", _("Kies wat er mis ging"))] + list(rules.VERZUIM_NAMEN.items()))
    datum = datumveld(_("Datum van het verzuim"))
    omschrijving = tekstvak(_("Wat is er gebeurd?"), required=True,
                            help_text=_("Kort en feitelijk. Bijvoorbeeld: drie keer niet naar "
                                        "de les, zonder bericht."))


class WaarschuwingForm(KoersStijl, forms.Form):
    prefix = "waarschuwing"
    datum = datumveld(_("Datum van de brief"))
    toelichting = tekstvak(_("Extra tekst in de brief"))


class HoorzittingForm(KoersStijl, forms.Form):
    prefix = "hoorzitting"
    datum = datumveld(_("Datum van de hoorzitting"))
    plaats = forms.CharField(label=_("Plaats en tijd"), max_length=200, required=False,
                             help_text=_("Bijvoorbeeld: stadhuis, 10.00 uur"))


class VerslagForm(KoersStijl, forms.Form):
    prefix = "verslag"
    aanwezig = forms.CharField(label=_("Wie waren er bij de hoorzitting?"), max_length=500)
    verslag = tekstvak(_("Verslag"), required=True, rows=6)


class OnwilForm(KoersStijl, forms.Form):
    prefix = "onwil"
    reden = tekstvak(_("Waarom is er sprake van uitzonderlijke onwil?"), required=True)


class BoeteForm(KoersStijl, forms.Form):
    prefix = "boete"
    datum = datumveld(_("Datum van het besluit"))
    bedrag = forms.IntegerField(label=_("Bedrag in euro"),
                                help_text=_("Hele euro's. Hoogstens 800 euro."))
    motivering = tekstvak(_("Waarom krijgt de inburgeraar een boete?"), required=True,
                          rows=4)


class AfsluitenForm(KoersStijl, forms.Form):
    prefix = "afsluiten"
    toelichting = tekstvak(_("Waarom sluit u de zaak af?"), required=True,
                           help_text=_("Bijvoorbeeld: de inburgeraar gaat weer naar de les."))
