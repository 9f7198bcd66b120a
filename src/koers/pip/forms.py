"""Forms of the PIP, generated from the specs in :mod:`koers.pip.rules`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.bouwstenen.formulieren import (
    SMALLINT_MAX,
    KoersStijl,
    janee_initial,
    janeeveld,
    tekstvak,
)
from koers.inburgeraars.validatie import datumveld
from koers.intake import rules as intake_rules
from koers.pip import rules as pip_rules
from koers.pip.services import concept_fouten

# --- PIP --------------------------------------------------------------------------------


def _uren(label, **kwargs):
    # Bounds of the database column only; the rules on hours live in pip.rules.
    return forms.IntegerField(
        label=label, required=False, min_value=0, max_value=SMALLINT_MAX, **kwargs
    )


class PipForm(KoersStijl, forms.Form):
    toon_niet_verplicht = False

    dagtekening = datumveld(
        _("Dagtekening"), required=False, help_text=_("De datum van de beschikking.")
    )
    leerroute = forms.ChoiceField(
        label=_("Leerroute"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("B", _("B1-route: taal leren tot niveau B1")),
            ("O", _("Onderwijsroute: taal leren om een opleiding te gaan doen")),
            (
                "Z",
                _("Zelfredzaamheidsroute (Z-route): taal leren en meedoen in het dagelijks leven"),
            ),
        ],
    )
    niveau = forms.ChoiceField(
        label=_("Taalniveau"),
        required=False,
        choices=[
            ("", _("Geen keuze (DUO rekent dan met B1)")),
            *[(n, n) for n in pip_rules.NIVEAUS],
        ],
    )
    geschatte_intensiteit_b1_route = _uren(
        _("Geschatte intensiteit B1-route (uren)"),
        help_text=_("Alleen voor asielstatushouders in de B1-route."),
    )
    alfabetisering = forms.ChoiceField(
        label=_("Alfabetisering"),
        required=False,
        choices=[("", _("Niet ingevuld"))] + list(pip_rules.ALFABETISERING.items()),
    )
    mag_opleiding_afmaken = janeeveld(_("Mag een opleiding afmaken"))
    toelichting_leerroute = tekstvak(_("Toelichting bij de leerroute"))
    begeleiding_ondersteuning = tekstvak(_("Begeleiding en ondersteuning"))
    pvt_invulling = tekstvak(_("Participatieverklaringstraject (PVT): invulling"))
    pvt_uren = _uren(
        _("PVT: aantal uren"), help_text=_("Minstens %(n)s uur.") % {"n": pip_rules.PVT_MIN_UREN}
    )
    map_invulling = tekstvak(_("Module arbeidsmarkt en participatie (MAP): invulling"))
    map_uren = _uren(_("MAP: aantal uren"), help_text=_("De onderwijsroute heeft geen MAP."))
    ontzorgen = forms.BooleanField(
        label=_("Financieel ontzorgen"),
        required=False,
        help_text=_(
            "Voor wie een verblijfsvergunning asiel "
            "heeft (artikel 56a Participatiewet), of ook "
            "voor andere asielstatushouders als uw "
            "gemeente dat zo heeft ingesteld."
        ),
    )
    ontzorgen_toelichting = tekstvak(_("Toelichting bij ontzorgen"))
    voortgangsgesprekken = tekstvak(_("Voortgangsgesprekken"), help_text=_("Hoe vaak en met wie."))
    partners = tekstvak(_("Partners"), help_text=_("Welke organisaties helpen, en waarmee."))

    def __init__(self, *args, traject=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.traject = traject
        for dimensie in intake_rules.DIMENSIES:
            self.voeg_toe(
                f"doelen-{dimensie.sleutel}",
                tekstvak(_("Doel voor %(titel)s") % {"titel": dimensie.titel.lower()}, rows=2),
            )

    def regel_fouten(self, data: dict) -> dict[str, str]:
        if self.traject is None:
            return {}
        return concept_fouten(self.traject, self.naar_data())

    def doel_velden(self):
        return [self[f"doelen-{d.sleutel}"] for d in intake_rules.DIMENSIES]

    def naar_data(self) -> dict:
        cd = self.cleaned_data
        data = {veld: cd.get(veld) for veld in PIP_VELDEN}
        data["doelen"] = {
            d.sleutel: cd[f"doelen-{d.sleutel}"]
            for d in intake_rules.DIMENSIES
            if cd.get(f"doelen-{d.sleutel}")
        }
        return data

    @staticmethod
    def initial_van(pip) -> dict:
        if pip is None:
            return {}
        initial = {veld: getattr(pip, veld) for veld in PIP_VELDEN}
        initial["mag_opleiding_afmaken"] = janee_initial(pip.mag_opleiding_afmaken)
        for dimensie in intake_rules.DIMENSIES:
            initial[f"doelen-{dimensie.sleutel}"] = (pip.doelen or {}).get(dimensie.sleutel, "")
        return initial


PIP_VELDEN = (
    "dagtekening",
    "leerroute",
    "niveau",
    "geschatte_intensiteit_b1_route",
    "alfabetisering",
    "mag_opleiding_afmaken",
    "toelichting_leerroute",
    "begeleiding_ondersteuning",
    "pvt_invulling",
    "pvt_uren",
    "map_invulling",
    "map_uren",
    "ontzorgen",
    "ontzorgen_toelichting",
    "voortgangsgesprekken",
    "partners",
)


class VaststellenForm(KoersStijl, forms.Form):
    besproken = forms.BooleanField(
        label=_("Ik heb het PIP met de inburgeraar besproken"),
        error_messages={"required": _("Bevestig dat u het PIP met de inburgeraar hebt besproken.")},
    )
