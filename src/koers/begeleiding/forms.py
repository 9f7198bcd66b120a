"""Forms of the begeleiding pages: the shape of input here; the rules stay in rules.py and the
services' checks, which the forms call (``regel_fouten``) so that a page shows every error
at once."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.begeleiding import rules, services
from koers.begeleiding.services import ONTZORGEN_VELDEN
from koers.bouwstenen.formulieren import SMALLINT_MAX, KoersStijl, tekstvak
from koers.inburgeraars.services import vandaag
from koers.inburgeraars.validatie import datumveld
from koers.organisaties.models import Organisatie

LEEG = [("", _("Kies…"))]


class BegeleidingForm(KoersStijl, forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Organisatie die begeleidt"),
        required=False,
        queryset=Organisatie.objects.exclude(soort=Organisatie.Soort.GEMEENTE),
        empty_label=_("Geen partner (de gemeente zelf)"),
        help_text=_("Bijvoorbeeld VluchtelingenWerk."),
    )
    vrijwilliger = forms.CharField(
        label=_("Naam van de vrijwilliger of begeleider"), max_length=200, required=False
    )
    zelfredzaamheid = forms.TypedChoiceField(
        label=_("Zelfredzaamheid nu"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=LEEG
        + [
            (str(i), f"{i}: {t}")
            for i, t in (
                (1, _("Heeft veel hulp nodig")),
                (2, _("Heeft soms hulp nodig")),
                (3, _("Redt zich meestal zelf")),
                (4, _("Redt zich zelf")),
            )
        ],
        help_text=_("Koers stelt hiermee voor hoe vaak u contact hebt."),
    )
    zelfredzaamheid_datum = datumveld(_("Datum van deze inschatting"), required=False)
    contacten_per_maand = forms.IntegerField(
        label=_("Contacten per maand"), required=False, min_value=0, max_value=SMALLINT_MAX
    )
    toelichting = tekstvak(_("Toelichting"))

    def regel_fouten(self, data: dict) -> dict[str, str]:
        return services.begeleiding_fouten(data)

    @staticmethod
    def initial_van(begeleiding) -> dict:
        if begeleiding is None:
            return {}
        return {
            "partner": begeleiding.partner_id,
            "vrijwilliger": begeleiding.vrijwilliger,
            "zelfredzaamheid": begeleiding.zelfredzaamheid,
            "zelfredzaamheid_datum": begeleiding.zelfredzaamheid_datum,
            "contacten_per_maand": begeleiding.contacten_per_maand,
            "toelichting": begeleiding.toelichting,
        }


class ChecklistForm(KoersStijl, forms.Form):
    """One status, date and 'door' per item of the checklist (fields ``<item>-status``)."""

    def __init__(self, *args, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        items = items or {}
        for sleutel, titel in rules.CHECKLIST:
            item = items.get(sleutel)
            self.voeg_toe(
                f"{sleutel}-status",
                forms.ChoiceField(
                    label=_("Status"),
                    choices=rules.ITEM_STATUSSEN,
                    required=False,
                    initial=item.status if item else "todo",
                ),
            )
            self.voeg_toe(
                f"{sleutel}-datum",
                datumveld(_("Datum"), required=False, initial=item.datum if item else None),
            )
            self.voeg_toe(
                f"{sleutel}-door",
                forms.CharField(
                    label=_("Door wie"),
                    max_length=200,
                    required=False,
                    initial=item.door if item else "",
                ),
            )
            for deel in ("status", "datum", "door"):
                # The table's row and column headers name the field.
                self.fields[f"{sleutel}-{deel}"].widget.attrs["aria-labelledby"] = (
                    f"checklist-{sleutel}-titel checklist-kolom-{deel}"
                )
                self.fields[f"{sleutel}-{deel}"].error_messages = {
                    k: f"{titel}: {v}"
                    for k, v in self.fields[f"{sleutel}-{deel}"].error_messages.items()
                }

    def rijen(self):
        return [
            {
                "sleutel": s,
                "titel": t,
                "status": self[f"{s}-status"],
                "datum": self[f"{s}-datum"],
                "door": self[f"{s}-door"],
            }
            for s, t in rules.CHECKLIST
        ]

    def naar_items(self) -> list[dict]:
        """The items whose status was sent (a select always sends one)."""
        return [
            {
                "onderwerp": s,
                "status": self.cleaned_data[f"{s}-status"],
                "datum": self.cleaned_data.get(f"{s}-datum"),
                "door": self.cleaned_data.get(f"{s}-door"),
            }
            for s in rules.CHECKLIST_SLEUTELS
            if self.cleaned_data.get(f"{s}-status")
        ]

    def regel_fouten(self, data: dict) -> dict[str, str]:
        fouten = services.checklist_fouten(self.naar_items())
        return {sleutel.removeprefix("checklist."): tekst for sleutel, tekst in fouten.items()}


class VoorlichtingForm(KoersStijl, forms.Form):
    onderwerp = forms.ChoiceField(label=_("Onderwerp"), choices=LEEG + list(rules.VOORLICHTING))
    datum = datumveld(_("Datum"))
    door = forms.CharField(label=_("Gegeven door"), max_length=200, required=False)
    toelichting = forms.CharField(label=_("Toelichting"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "voorlichting")
        super().__init__(*args, **kwargs)

    def regel_fouten(self, data: dict) -> dict[str, str]:
        return services.voorlichting_fouten(data)


POST_KEUZES = list(rules.POSTEN)


class BijstandForm(KoersStijl, forms.Form):
    """Whether and since when the inburgeraar receives bijstand."""

    start = datumveld(_("Bijstand vanaf"), help_text=_("De eerste dag van het recht op bijstand."))
    einde = datumveld(
        _("Bijstand tot en met"),
        required=False,
        help_text=_("Alleen invullen als de bijstand stopt."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "bijstand")
        super().__init__(*args, **kwargs)

    def regel_fouten(self, data: dict) -> dict[str, str]:
        # Payments outside a new period need the register: the service says so.
        return rules.bijstand_fouten(data.get("start"), data.get("einde"), vandaag())

    @staticmethod
    def initial_van(bijstand) -> dict:
        return {"start": bijstand.start, "einde": bijstand.einde} if bijstand else {}


class OntzorgenForm(KoersStijl, forms.Form):
    start_bijstand = datumveld(
        _("Start van het recht op bijstand"),
        help_text=_("Ontzorgen duurt 6 maanden vanaf deze datum."),
    )
    einde_bijstand = datumveld(
        _("Einde van de bijstand"),
        required=False,
        help_text=_("Alleen invullen als de bijstand stopt. Ontzorgen stopt dan ook."),
    )
    machtiging_datum = datumveld(_("Machtiging getekend op"), required=False)
    machtiging_posten = forms.MultipleChoiceField(
        label=_("De machtiging geldt voor"),
        choices=POST_KEUZES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    toelichting = tekstvak(_("Toelichting"))
    cursus_status = forms.ChoiceField(
        label=_("Cursus 'omgaan met geld'"), choices=rules.CURSUS_STATUSSEN, required=False
    )
    cursus_aanbieder = forms.CharField(
        label=_("Aanbieder van de cursus"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld AMW."),
    )
    cursus_start = datumveld(_("Start cursus"), required=False)
    cursus_eind = datumveld(_("Einde cursus"), required=False)
    coaching_status = forms.ChoiceField(
        label=_("Individuele coaching"), choices=rules.CURSUS_STATUSSEN, required=False
    )
    coach = forms.CharField(label=_("Coach"), max_length=200, required=False)
    coaching_start = datumveld(_("Start coaching"), required=False)
    coaching_eind = datumveld(_("Einde coaching"), required=False)

    def __init__(self, *args, traject=None, huidig=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.traject, self.huidig = traject, huidig

    def regel_fouten(self, data: dict) -> dict[str, str]:
        if self.traject is None:
            return {}
        return services.ontzorgen_fouten(self.traject, data, self.huidig)

    @staticmethod
    def initial_van(ontzorgen, bijstand=None) -> dict:
        if ontzorgen is None:
            return {
                "machtiging_posten": list(rules.POST_SLEUTELS),
                "start_bijstand": bijstand.start if bijstand else None,
                "einde_bijstand": bijstand.einde if bijstand else None,
            }
        return {veld: getattr(ontzorgen, veld) for veld in ONTZORGEN_VELDEN}


class BetalingForm(KoersStijl, forms.Form):
    maand = forms.TypedChoiceField(label=_("Maand"), choices=(), coerce=str)
    post = forms.ChoiceField(label=_("Post"), choices=LEEG + POST_KEUZES)
    bedrag = forms.DecimalField(
        label=_("Bedrag in euro"), max_digits=8, decimal_places=2, localize=True
    )
    betaald_op = datumveld(_("Betaald op"))
    begunstigde = forms.CharField(
        label=_("Betaald aan"), max_length=200, help_text=_("Bijvoorbeeld de woningcorporatie.")
    )

    def __init__(self, *args, maanden=(), ontzorgen=None, **kwargs):
        kwargs.setdefault("prefix", "betaling")
        super().__init__(*args, **kwargs)
        self.ontzorgen = ontzorgen
        self.fields["maand"].choices = LEEG + [(m.isoformat(), f"{m:%m-%Y}") for m in maanden]
        self.fields["bedrag"].error_messages.update(
            {
                "invalid": _("Vul bij 'Bedrag in euro' een bedrag in, bijvoorbeeld 612,50."),
                "max_digits": _("Het bedrag is te groot."),
                "max_decimal_places": _("Het bedrag heeft hooguit 2 cijfers achter de komma."),
                "max_whole_digits": _("Het bedrag is te groot."),
            }
        )

    def naar_data(self) -> dict:
        data = dict(self.cleaned_data)
        if data.get("maand"):
            data["maand"] = date.fromisoformat(data["maand"])
        return data

    def regel_fouten(self, data: dict) -> dict[str, str]:
        if self.ontzorgen is None:
            return {}
        return services.nieuwe_betaling_fouten(self.ontzorgen, self.naar_data())


class ImportForm(KoersStijl, forms.Form):
    bestand = forms.FileField(
        label=_("CSV-bestand met betalingen"),
        help_text=_("Kolommen: bsn;maand;post;bedrag;betaald_op;begunstigde. Hooguit 1 MB."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bestand"].error_messages.update(
            {
                "required": _("Kies een CSV-bestand."),
                "empty": _("Het bestand is leeg."),
                "invalid": _("Kies een CSV-bestand."),
            }
        )


class DuaalForm(KoersStijl, forms.Form):
    werkgever = forms.CharField(label=_("Werkgever"), max_length=200)
    functie = forms.CharField(label=_("Functie of werk"), max_length=200, required=False)
    start = datumveld(_("Startdatum"))
    eind = datumveld(_("Einddatum"), required=False)
    uren_per_week = forms.IntegerField(
        label=_("Uren per week"), min_value=0, max_value=SMALLINT_MAX
    )
    uren_gewerkt = forms.IntegerField(
        label=_("Uren gewerkt tot nu toe"), min_value=0, max_value=1_000_000, required=False
    )
    jobcoach = forms.CharField(label=_("Jobcoach"), max_length=200, required=False)
    buddy = forms.CharField(label=_("Buddy op het werk"), max_length=200, required=False)
    beschikking_nummer = forms.CharField(
        label=_("Nummer van de beschikking Participatiewet"), max_length=100, required=False
    )
    beschikking_datum = datumveld(_("Datum van de beschikking"), required=False)
    toelichting = tekstvak(_("Toelichting"))

    def __init__(self, *args, duaal=None, **kwargs):
        kwargs.setdefault("prefix", "duaal")
        super().__init__(*args, **kwargs)
        self.duaal = duaal

    def regel_fouten(self, data: dict) -> dict[str, str]:
        return services.duaal_fouten(data, self.duaal)

    @staticmethod
    def initial_van(duaal) -> dict:
        if duaal is None:
            return {}
        return {
            veld: getattr(duaal, veld)
            for veld in (
                "werkgever",
                "functie",
                "start",
                "eind",
                "uren_per_week",
                "uren_gewerkt",
                "jobcoach",
                "buddy",
                "beschikking_nummer",
                "beschikking_datum",
                "toelichting",
            )
        }
