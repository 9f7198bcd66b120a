"""Forms of the leerroute pages: they check the shape of the input, and call the checks of
the services (on the rules of rules.py) so that a page shows every error at once; the write
paths check again under the case's lock."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.bouwstenen.formulieren import KoersStijl, janeeveld, tekstvak
from koers.inburgeraars.services import vandaag
from koers.inburgeraars.validatie import datumveld, uitvoering_datum
from koers.leerroute import rules, services
from koers.leerroute.models import (
    ALFA_CHOICES,
    NIVEAU_CHOICES,
    ONDERDEEL_CHOICES,
    REDEN_CHOICES,
    RESULTAAT_CHOICES,
    UREN_SOORT_CHOICES,
)


def _urenveld(label, **kwargs):
    veld = forms.DecimalField(
        label=label,
        min_value=Decimal(0),
        max_value=rules.UREN_MAX_PER_PERIODE,
        decimal_places=1,
        max_digits=5,
        localize=True,
        **kwargs,
    )
    return veld


class AanbodForm(KoersStijl, forms.Form):
    instellingsnummer = forms.ChoiceField(
        label=_("Instelling"),
        choices=(),
        help_text=_("De lijst komt van DUO: instellingen met een keurmerk."),
    )
    datum_aanbod = datumveld(_("Datum van het aanbod"), validators=[uitvoering_datum])
    startdatum = datumveld(_("Geplande startdatum"), validators=[uitvoering_datum])
    einddatum = datumveld(
        _("Laatste lesdag"),
        help_text=_(
            "De laatste dag van de cursus (tot en met). DUO krijgt de "
            "dag erna: bij DUO telt de einddatum zelf niet mee."
        ),
    )
    alfabetisering = forms.ChoiceField(
        label=_("Alfabetisering"), choices=ALFA_CHOICES, widget=forms.RadioSelect
    )
    melden = forms.BooleanField(
        label=_("Meld het aanbod bij DUO"),
        required=False,
        initial=True,
        help_text=_("Alleen voor asielstatushouders."),
    )

    def __init__(self, *args, instellingen=(), pip=None, duo_instellingen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.pip, self.duo_instellingen = pip, list(duo_instellingen)
        self.fields["instellingsnummer"].choices = [("", _("Kies een instelling"))] + [
            (i["instellingsnummer"], f"{i.get('naam', '')} ({i['instellingsnummer']})")
            for i in instellingen
        ]

    def regel_fouten(self, data: dict) -> dict[str, str]:
        if self.pip is None:
            return {}
        return services.aanbod_fouten(self.pip, data, self.duo_instellingen)


class UrenForm(KoersStijl, forms.Form):
    soort = forms.ChoiceField(label=_("Soort uren"), choices=UREN_SOORT_CHOICES)
    aanbod = forms.TypedChoiceField(
        label=_("Bij welk aanbod"),
        choices=(),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Lesuren tellen voor afschalen alleen bij een aanbod met keurmerk."),
    )
    periode_start = datumveld(_("Eerste dag van de periode"), validators=[uitvoering_datum])
    periode_eind = datumveld(_("Laatste dag van de periode"), validators=[uitvoering_datum])
    uren_gepland = _urenveld(_("Uren gepland"))
    uren_gevolgd = _urenveld(_("Uren gevolgd"))
    aanwezigheid = forms.IntegerField(
        label=_("Aanwezigheid in procenten"), min_value=0, max_value=100, required=False
    )
    tijdens_brede_intake = forms.BooleanField(
        label=_("Deze uren waren tijdens de brede intake"),
        required=False,
        help_text=_(
            "Taaluren tijdens de intake tellen niet mee voor de Z-route. Participatie-uren wel."
        ),
    )
    aanbieder = forms.CharField(label=_("Aanbieder"), max_length=128, required=False)
    opmerking = forms.CharField(label=_("Opmerking"), max_length=500, required=False)

    def __init__(self, *args, aanbod=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbod"].choices = [("", _("Geen aanbod"))] + [(a.pk, str(a)) for a in aanbod]

    def regel_fouten(self, data: dict) -> dict[str, str]:
        periode = rules.Periode(
            soort=data.get("soort") or "",
            start=data.get("periode_start"),
            eind=data.get("periode_eind"),
            gepland=data.get("uren_gepland"),
            gevolgd=data.get("uren_gevolgd"),
            aanwezigheid=data.get("aanwezigheid"),
        )
        return rules.periode_fouten(periode, vandaag=vandaag())

    @staticmethod
    def initial_van(rij) -> dict:
        return {
            v: getattr(rij, v)
            for v in (
                "soort",
                "periode_start",
                "periode_eind",
                "uren_gepland",
                "uren_gevolgd",
                "aanwezigheid",
                "tijdens_brede_intake",
                "aanbieder",
                "opmerking",
            )
        } | {"aanbod": rij.aanbod_id}


class ExamenForm(KoersStijl, forms.Form):
    onderdeel = forms.ChoiceField(label=_("Onderdeel"), choices=ONDERDEEL_CHOICES)
    niveau = forms.ChoiceField(
        label=_("Niveau"), choices=[("", "—"), *NIVEAU_CHOICES], required=False
    )
    examendatum = datumveld(_("Examendatum"), validators=[uitvoering_datum])
    resultaat = forms.ChoiceField(
        label=_("Resultaat"), choices=RESULTAAT_CHOICES, widget=forms.RadioSelect
    )
    reden_geen_resultaat = forms.ChoiceField(
        label=_("Reden geen resultaat"), choices=[("", "—"), *REDEN_CHOICES], required=False
    )

    def regel_fouten(self, data: dict) -> dict[str, str]:
        return services.examen_fouten(data)


class EindgesprekForm(KoersStijl, forms.Form):
    datum = datumveld(_("Datum van het eindgesprek"), validators=[uitvoering_datum])
    afspraken_nagekomen = janeeveld(_("Zijn de afspraken uit het PIP nagekomen?"))
    conclusie = tekstvak(_("Conclusie"), rows=5, required=True)

    def __init__(self, *args, traject=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.traject = traject
        self.fields["afspraken_nagekomen"].required = True
        self.fields["afspraken_nagekomen"].error_messages["required"] = str(
            _("Geef aan of de afspraken uit het PIP zijn nagekomen.")
        )

    def regel_fouten(self, data: dict) -> dict[str, str]:
        if self.traject is None:
            return {}
        return services.eindgesprek_fouten(self.traject, data)


class AfrondingForm(KoersStijl, forms.Form):
    datum = datumveld(
        _("Datum van afronding"),
        validators=[uitvoering_datum],
        help_text=_("Niet voor het eindgesprek en niet in de toekomst."),
    )


BESLUITEN = [
    ("aanvaard", _("Aanvaarden: maak een nieuw PIP-concept met niveau A2")),
    ("afgewezen", _("Afwijzen")),
]


class BesluitForm(KoersStijl, forms.Form):
    besluit = forms.ChoiceField(label=_("Uw besluit"), choices=BESLUITEN, widget=forms.RadioSelect)
    reden = forms.CharField(
        label=_("Reden"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht als u afwijst."),
    )

    def regel_fouten(self, data: dict) -> dict[str, str]:
        if not data.get("besluit"):
            return {}
        return services.besluit_fouten(data["besluit"] == "aanvaard", data.get("reden") or "")
