"""Forms of handhaving. They check the shape of input, and call the step's own check
(``services.<stap>_fouten``, on the rules of rules.py) so that a page shows every error at
once; the step checks again under the zaak's lock."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.bouwstenen.formulieren import KoersStijl, tekstvak
from koers.handhaving import rules, services
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

    def regel_fouten(self, data: dict) -> dict[str, str]:
        return services.zaak_fouten(data)


class _Stap(KoersStijl, forms.Form):
    """A step of a handhavingszaak; its check (``controle(zaak, data)``) needs the zaak."""

    controle = None

    def __init__(self, *args, zaak=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.zaak = zaak

    def regel_fouten(self, data: dict) -> dict[str, str]:
        controle = type(self).controle
        if self.zaak is None or controle is None:
            return {}
        return controle(self.zaak, data)


class WaarschuwingForm(_Stap):
    controle = staticmethod(services.waarschuwing_fouten)
    prefix = "waarschuwing"
    datum = datumveld(_("Datum van de brief"))
    toelichting = tekstvak(_("Extra tekst in de brief"))


class VoornemenForm(_Stap):
    controle = staticmethod(services.voornemen_fouten)
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


class ZienswijzeForm(_Stap):
    controle = staticmethod(services.zienswijze_fouten)
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


class OnwilForm(_Stap):
    controle = staticmethod(services.onwil_fouten)
    prefix = "onwil"
    reden = tekstvak(_("Waarom is er sprake van uitzonderlijke onwil?"), required=True)


class BoeteForm(_Stap):
    controle = staticmethod(services.boete_fouten)
    prefix = "boete"
    datum = datumveld(_("Datum van het besluit"))
    bedrag = forms.IntegerField(
        label=_("Bedrag in euro"), help_text=_("Hele euro's. Hoogstens 800 euro.")
    )
    motivering = tekstvak(_("Waarom krijgt de inburgeraar een boete?"), required=True, rows=4)


class AfsluitenForm(_Stap):
    prefix = "afsluiten"
    toelichting = tekstvak(
        _("Waarom sluit u de zaak af?"),
        required=True,
        help_text=_("Bijvoorbeeld: de inburgeraar gaat weer naar de les."),
    )
