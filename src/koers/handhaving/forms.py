"""Forms of handhaving. They check the shape of input; the rules stay in rules.py and reach
the user through ``Weigering``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.bouwstenen.formulieren import KoersStijl, tekstvak
from koers.handhaving import rules
from koers.inburgeraars.validatie import datumveld


class ZaakForm(KoersStijl, forms.Form):
    verzuim = forms.ChoiceField(
        label=_("Wat heeft de inburgeraar niet gedaan?"),
        choices=[("", _("Kies wat er mis ging"))] + list(rules.VERZUIM_NAMEN.items()),
    )
    datum = datumveld(_("Datum van het verzuim"))
    omschrijving = tekstvak(
        _("Wat is er gebeurd?"),
        required=True,
        help_text=_("Kort en feitelijk. Bijvoorbeeld: drie keer niet naar de les, zonder bericht."),
    )


class WaarschuwingForm(KoersStijl, forms.Form):
    prefix = "waarschuwing"
    datum = datumveld(_("Datum van de brief"))
    toelichting = tekstvak(_("Extra tekst in de brief"))


class VoornemenForm(KoersStijl, forms.Form):
    prefix = "voornemen"
    datum = datumveld(_("Datum van het voornemen"))
    voorschrift = forms.CharField(
        label=_("Welk voorschrift is niet nageleefd?"),
        max_length=rules.VOORSCHRIFT_MAX,
        help_text=_(
            "Het artikel van de wet. Koers stelt het voor; pas het aan als het niet klopt."
        ),
    )
    bedrag = forms.IntegerField(
        label=_("Bedrag in euro"),
        help_text=_("Hele euro's. Hoogstens 800 euro. Het besluit kan niet hoger zijn."),
    )
    route = forms.ChoiceField(
        label=_("Hoe kan de inburgeraar reageren?"),
        choices=list(rules.ROUTE_NAMEN.items()),
        widget=forms.RadioSelect,
    )
    zienswijze_tot = datumveld(_("Schriftelijk reageren kan tot en met"), required=False)
    hoorzitting_datum = datumveld(_("Datum van de hoorzitting"), required=False)
    hoorzitting_plaats = forms.CharField(
        label=_("Plaats en tijd van de hoorzitting"), max_length=200, required=False
    )


class ZienswijzeForm(KoersStijl, forms.Form):
    prefix = "zienswijze"
    datum = datumveld(_("Datum van de zienswijze of de hoorzitting"))
    niet_gereageerd = forms.BooleanField(
        label=_("De inburgeraar heeft niet gereageerd of is niet gekomen"), required=False
    )
    cautie_gegeven = forms.BooleanField(
        label=_(
            "Ik heb vóór de hoorzitting gezegd dat de inburgeraar geen antwoord hoeft te "
            "geven (cautie)"
        ),
        required=False,
    )
    aanwezig = forms.CharField(
        label=_("Wie waren er bij de hoorzitting?"), max_length=500, required=False
    )
    zienswijze = tekstvak(_("Wat vertelde of schreef de inburgeraar?"), rows=6)


class OnwilForm(KoersStijl, forms.Form):
    prefix = "onwil"
    reden = tekstvak(_("Waarom is er sprake van uitzonderlijke onwil?"), required=True)


class BoeteForm(KoersStijl, forms.Form):
    prefix = "boete"
    datum = datumveld(_("Datum van het besluit"))
    bedrag = forms.IntegerField(
        label=_("Bedrag in euro"), help_text=_("Hele euro's. Hoogstens 800 euro.")
    )
    motivering = tekstvak(_("Waarom krijgt de inburgeraar een boete?"), required=True, rows=4)


class AfsluitenForm(KoersStijl, forms.Form):
    prefix = "afsluiten"
    toelichting = tekstvak(
        _("Waarom sluit u de zaak af?"),
        required=True,
        help_text=_("Bijvoorbeeld: de inburgeraar gaat weer naar de les."),
    )
