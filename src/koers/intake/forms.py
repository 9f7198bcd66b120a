"""Forms of the brede intake, generated from the specs in :mod:`koers.intake.rules`."""

from __future__ import annotations

from functools import cached_property

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.bouwstenen.formulieren import KoersStijl, janee_initial, janeeveld, tekstvak
from koers.inburgeraars.validatie import datumveld
from koers.intake import rules as intake_rules
from koers.intake.services import afspraak_fouten, valideer

# --- Brede intake -----------------------------------------------------------------------


def _intake_veld(veld: intake_rules.Veld):
    """A form field for a structured intake field, built from its spec in intake.rules."""
    if veld.soort == "keuze":
        return forms.ChoiceField(
            label=veld.label, required=False, choices=[("", _("Kies"))] + list(veld.keuzes)
        )
    if veld.soort == "getal":
        # Only the type here: the range is a rule (intake.rules.veld_fouten).
        return forms.IntegerField(label=veld.label, required=False)
    if veld.soort == "janee":
        return janeeveld(veld.label)
    return forms.CharField(label=veld.label, required=False, max_length=1000)


INTAKE_ALGEMEEN = (
    "datum",
    "plaats",
    "tolk_gebruikt",
    "tolk_taal",
    "vve_informatie_gegeven",
    "gesprek_zonder_partner_aangeboden",
    "lbt_uitslag",
    "lbt_score",
    "lbt_datum",
    "afwijking_lbt_advies",
)


class IntakeForm(KoersStijl, forms.Form):
    """The brede intake, generated from ``koers.intake.rules.ONDERWERPEN`` and ``DIMENSIES``.

    Field names follow the service's error keys with ``-`` for ``.``:
    ``onderwerpen-opleiding-toelichting``, ``positieve_gezondheid-zingeving-score``.
    """

    toon_niet_verplicht = False

    datum = datumveld(_("Datum van de intake"), required=False)
    plaats = forms.ChoiceField(
        label=_("Plaats van de intake"),
        required=False,
        choices=[("", _("Kies een plaats"))] + list(intake_rules.PLAATSEN),
    )
    tolk_gebruikt = forms.BooleanField(label=_("Er was een tolk bij het gesprek"), required=False)
    tolk_taal = forms.CharField(label=_("Taal van de tolk"), max_length=50, required=False)
    gesprek_zonder_partner_aangeboden = forms.BooleanField(
        label=_("Ik heb aangeboden om zonder partner te praten"), required=False
    )
    vve_informatie_gegeven = forms.BooleanField(
        label=_("Ik heb informatie gegeven over voorschoolse educatie (VVE)"),
        required=False,
        help_text=_("Verplicht als er kinderen jonger dan 6 jaar zijn."),
    )
    lbt_uitslag = forms.ChoiceField(
        label=_("Uitslag leerbaarheidstoets"),
        required=False,
        choices=[("", _("Nog niet ingevuld"))] + [(u, u) for u in intake_rules.LBT_UITSLAGEN],
    )
    lbt_score = forms.IntegerField(
        label=_("Score leerbaarheidstoets"),
        required=False,
        help_text=_("Een getal van 0 tot en met %(max)s.") % {"max": intake_rules.LBT_MAX_SCORE},
    )
    lbt_datum = datumveld(_("Datum leerbaarheidstoets"), required=False)
    afwijking_lbt_advies = tekstvak(
        _("Afwijking van het advies van de leerbaarheidstoets"),
        help_text=_(
            "Alleen invullen als u een andere leerroute adviseert dan de toets. Schrijf op waarom."
        ),
    )

    def __init__(self, *args, met_gezondheid: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.met_gezondheid = met_gezondheid
        self.onderwerpen = [
            o for o in intake_rules.ONDERWERPEN if met_gezondheid or not o.bijzonder
        ]
        for onderwerp in self.onderwerpen:
            for veld in onderwerp.velden:
                self.voeg_toe(f"onderwerpen-{onderwerp.sleutel}-{veld.naam}", _intake_veld(veld))
            self.voeg_toe(
                f"onderwerpen-{onderwerp.sleutel}-toelichting",
                tekstvak(
                    _("Toelichting bij %(titel)s") % {"titel": onderwerp.titel.lower()}, rows=4
                ),
            )
        if met_gezondheid:
            for dimensie in intake_rules.DIMENSIES:
                self.voeg_toe(
                    f"positieve_gezondheid-{dimensie.sleutel}-score",
                    forms.IntegerField(
                        label=_("Score %(titel)s") % {"titel": dimensie.titel.lower()},
                        required=False,
                        help_text=_("0 tot en met 10."),
                        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                    ),
                )
                self.voeg_toe(
                    f"positieve_gezondheid-{dimensie.sleutel}-toelichting",
                    tekstvak(
                        _("Notitie bij %(titel)s") % {"titel": dimensie.titel.lower()}, rows=2
                    ),
                )

    @cached_property
    def nodig_om_af_te_ronden(self) -> set[str]:
        """The fields needed before the intake can be afgerond, from the same rules that
        check it (intake.rules.ontbrekend_minimum on an empty intake, and the intake's date,
        intake.rules.afronden_datum_fouten): their labels say so. The VVE duty depends on the
        children, so its help text says when it applies."""
        leeg = intake_rules.ontbrekend(
            {},
            {},
            lbt_uitslag="",
            plaats="",
            vve_informatie_gegeven=False,
            gesprek_zonder_partner_aangeboden=False,
        )
        nodig = {**intake_rules.ontbrekend_minimum(leeg)}
        nodig |= intake_rules.afronden_datum_fouten(None, niet_verschenen=0)
        return {
            sleutel.replace(".", "-")
            for sleutel in nodig
            if sleutel.replace(".", "-") in self.fields
        }

    def regel_fouten(self, data: dict) -> dict[str, str]:
        return valideer(self.naar_data())

    def onderwerp_groepen(self):
        """(topic, [bound fields]) in the order of the spec, for the template."""
        return [
            (
                o,
                [self[f"onderwerpen-{o.sleutel}-{v.naam}"] for v in o.velden]
                + [self[f"onderwerpen-{o.sleutel}-toelichting"]],
            )
            for o in self.onderwerpen
        ]

    def dimensie_groepen(self):
        if not self.met_gezondheid:
            return []
        return [
            (
                d,
                self[f"positieve_gezondheid-{d.sleutel}-score"],
                self[f"positieve_gezondheid-{d.sleutel}-toelichting"],
            )
            for d in intake_rules.DIMENSIES
        ]

    def naar_data(self) -> dict:
        """The cleaned form as the dict ``koers.intake.services.bewaar`` takes."""
        cd = self.cleaned_data
        data = {veld: cd.get(veld) for veld in INTAKE_ALGEMEEN}
        data["onderwerpen"] = {
            o.sleutel: {
                "toelichting": cd.get(f"onderwerpen-{o.sleutel}-toelichting", ""),
                **{v.naam: cd.get(f"onderwerpen-{o.sleutel}-{v.naam}") for v in o.velden},
            }
            for o in self.onderwerpen
        }
        if self.met_gezondheid:
            data["positieve_gezondheid"] = {
                d.sleutel: {
                    "score": cd.get(f"positieve_gezondheid-{d.sleutel}-score"),
                    "toelichting": cd.get(f"positieve_gezondheid-{d.sleutel}-toelichting", ""),
                }
                for d in intake_rules.DIMENSIES
            }
        return data

    @staticmethod
    def initial_van(intake, *, met_gezondheid: bool) -> dict:
        if intake is None:
            return {}
        initial = {veld: getattr(intake, veld) for veld in INTAKE_ALGEMEEN}
        onderwerpen = intake.alle_onderwerpen() if met_gezondheid else intake.onderwerpen
        for onderwerp in intake_rules.ONDERWERPEN:
            antwoord = onderwerpen.get(onderwerp.sleutel) or {}
            initial[f"onderwerpen-{onderwerp.sleutel}-toelichting"] = antwoord.get(
                "toelichting", ""
            )
            for veld in onderwerp.velden:
                waarde = antwoord.get(veld.naam)
                if veld.soort == "janee":
                    waarde = janee_initial(waarde)
                initial[f"onderwerpen-{onderwerp.sleutel}-{veld.naam}"] = waarde
        if met_gezondheid:
            for dimensie in intake_rules.DIMENSIES:
                antwoord = intake.positieve_gezondheid.get(dimensie.sleutel) or {}
                for deel in ("score", "toelichting"):
                    initial[f"positieve_gezondheid-{dimensie.sleutel}-{deel}"] = antwoord.get(deel)
        return initial


class IntakeAfspraakForm(KoersStijl, forms.Form):
    """An intake appointment and whether the person came (koers.intake.services
    .leg_afspraak_vast)."""

    prefix = "afspraak"
    datum = datumveld(_("Datum van de afspraak"))
    status = forms.ChoiceField(
        label=_("Is de inburgeraar gekomen?"),
        widget=forms.RadioSelect,
        choices=[
            ("gepland", _("Gepland: de afspraak is nog niet geweest")),
            ("verschenen", _("Verschenen")),
            ("niet_verschenen", _("Niet verschenen")),
        ],
    )
    toelichting = tekstvak(
        _("Toelichting"), help_text=_("Bijvoorbeeld: niet gekomen en niets laten weten.")
    )

    def regel_fouten(self, data: dict) -> dict[str, str]:
        return afspraak_fouten(data)
