"""Forms of the voortgangsgesprek and of handling a signal. Field names follow the service's
error keys (``voortgang.<dimensie>.voortgang`` → ``voortgang-<dimensie>-voortgang``), so a
refusal lands on its field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.bouwstenen.formulieren import KoersStijl, tekstvak
from koers.inburgeraars.services import vandaag
from koers.inburgeraars.validatie import datumveld
from koers.intake import rules as intake_rules
from koers.monitoring import rules
from koers.monitoring.services import gesprek_fouten

INTERVENTIE_REGELS = 3


def _kort_tekstvak(label):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=rules.OMSCHRIJVING_MAX,
        required=False,
    )


class GesprekForm(KoersStijl, forms.Form):
    toon_niet_verplicht = False

    gehouden_op = datumveld(_("Datum van het gesprek"))
    verslag = tekstvak(_("Verslag"), rows=4, help_text=_("Kort: wat is besproken en afgesproken."))

    def __init__(
        self,
        *args,
        doelen: dict | None = None,
        met_gezondheid: bool = False,
        eerste_pip=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.doelen = doelen or {}
        self.met_gezondheid = met_gezondheid
        self.eerste_pip = eerste_pip  # the dagtekening of the first vastgesteld PIP
        keuzes = [("", _("Niet besproken"))] + list(rules.VOORTGANG.items())
        for d in self.dimensies():
            self.voeg_toe(
                f"voortgang-{d.sleutel}-voortgang",
                forms.ChoiceField(
                    label=_("Hoe gaat het met dit doel?"), choices=keuzes, required=False
                ),
            )
            self.voeg_toe(f"voortgang-{d.sleutel}-toelichting", _kort_tekstvak(_("Toelichting")))
            self.voeg_toe(f"subdoelen-{d.sleutel}", _kort_tekstvak(_("Bijgesteld subdoel")))
            if met_gezondheid:
                self.voeg_toe(
                    f"positieve_gezondheid-{d.sleutel}",
                    forms.IntegerField(
                        label=_("Score %(titel)s (0 tot en met 10)") % {"titel": d.titel.lower()},
                        min_value=rules.SCORE_MIN,
                        max_value=rules.SCORE_MAX,
                        required=False,
                    ),
                )
        soorten = [("", _("Geen"))] + [
            (k, v)
            for k, v in rules.INTERVENTIES.items()
            if met_gezondheid or k not in rules.GEZONDHEID_INTERVENTIES
        ]
        for i in range(INTERVENTIE_REGELS):
            self.voeg_toe(
                f"interventies-{i}-soort",
                forms.ChoiceField(
                    label=_("Interventie %(n)s: soort") % {"n": i + 1},
                    choices=soorten,
                    required=False,
                ),
            )
            self.voeg_toe(
                f"interventies-{i}-omschrijving",
                forms.CharField(
                    label=_("Interventie %(n)s: omschrijving") % {"n": i + 1},
                    required=False,
                    max_length=rules.OMSCHRIJVING_MAX,
                ),
            )

    def regel_fouten(self, data: dict) -> dict[str, str]:
        return gesprek_fouten(
            self.naar_data(), eerste_pip=self.eerste_pip, met_gezondheid=self.met_gezondheid
        )

    def dimensies(self):
        """The dimensions of the form: without health data not those about health (the
        page shows, and a save keeps, nothing under them)."""
        return [
            d
            for d in intake_rules.DIMENSIES
            if self.met_gezondheid or not intake_rules.is_gezondheid_dimensie(d.sleutel)
        ]

    def doel_groepen(self):
        """Per dimension: its PIP goal and its fields, for the template."""
        groepen = []
        for d in self.dimensies():
            groepen.append(
                {
                    "titel": d.titel,
                    "doel": self.doelen.get(d.sleutel, ""),
                    "voortgang": self[f"voortgang-{d.sleutel}-voortgang"],
                    "toelichting": self[f"voortgang-{d.sleutel}-toelichting"],
                    "subdoel": self[f"subdoelen-{d.sleutel}"],
                    "score": self[f"positieve_gezondheid-{d.sleutel}"]
                    if self.met_gezondheid
                    else None,
                }
            )
        return groepen

    def interventie_velden(self):
        return [
            (self[f"interventies-{i}-soort"], self[f"interventies-{i}-omschrijving"])
            for i in range(INTERVENTIE_REGELS)
        ]

    def naar_data(self) -> dict:
        cd = self.cleaned_data
        data = {
            "gehouden_op": cd.get("gehouden_op"),
            "verslag": cd.get("verslag") or "",
            "voortgang": {},
            "subdoelen": {},
            "interventies": [],
        }
        for d in self.dimensies():
            v = cd.get(f"voortgang-{d.sleutel}-voortgang") or ""
            t = cd.get(f"voortgang-{d.sleutel}-toelichting") or ""
            if v or t:
                data["voortgang"][d.sleutel] = {"voortgang": v, "toelichting": t}
            if cd.get(f"subdoelen-{d.sleutel}"):
                data["subdoelen"][d.sleutel] = cd[f"subdoelen-{d.sleutel}"]
        if self.met_gezondheid:
            data["positieve_gezondheid"] = {
                d.sleutel: cd[f"positieve_gezondheid-{d.sleutel}"]
                for d in intake_rules.DIMENSIES
                if cd.get(f"positieve_gezondheid-{d.sleutel}") is not None
            }
        for i in range(INTERVENTIE_REGELS):
            soort = cd.get(f"interventies-{i}-soort")
            omschrijving = cd.get(f"interventies-{i}-omschrijving") or ""
            if soort or omschrijving:
                data["interventies"].append({"soort": soort, "omschrijving": omschrijving})
        return data

    @staticmethod
    def initial_van(gesprek, *, met_gezondheid: bool = True) -> dict:
        if gesprek is None:
            return {}
        initial = {"gehouden_op": gesprek.gehouden_op, "verslag": gesprek.verslag}
        voortgang, subdoelen, interventies = (
            (gesprek.voortgang, gesprek.subdoelen, gesprek.interventies)
            if met_gezondheid
            else rules.gesprek_zonder_gezondheid(
                gesprek.voortgang, gesprek.subdoelen, gesprek.interventies
            )
        )
        for d, w in (voortgang or {}).items():
            initial[f"voortgang-{d}-voortgang"] = w.get("voortgang", "")
            initial[f"voortgang-{d}-toelichting"] = w.get("toelichting", "")
        for d, t in (subdoelen or {}).items():
            initial[f"subdoelen-{d}"] = t
        if met_gezondheid:
            for d, s in (gesprek.positieve_gezondheid or {}).items():
                initial[f"positieve_gezondheid-{d}"] = s
        for i, iv in enumerate((interventies or [])[:INTERVENTIE_REGELS]):
            initial[f"interventies-{i}-soort"] = iv.get("soort", "")
            initial[f"interventies-{i}-omschrijving"] = iv.get("omschrijving", "")
        return initial


class AfhandelenForm(KoersStijl, forms.Form):
    reden = forms.CharField(label=_("Wat is er gedaan?"), max_length=rules.REDEN_MAX)


class UitstellenForm(KoersStijl, forms.Form):
    uitgesteld_tot = datumveld(_("Uitstellen tot"))
    reden = forms.CharField(label=_("Waarom uitstellen?"), max_length=rules.REDEN_MAX)

    def regel_fouten(self, data: dict) -> dict[str, str]:
        return rules.uitstel_fouten(data.get("uitgesteld_tot"), data.get("reden") or "", vandaag())


class GesprekSluitenForm(KoersStijl, forms.Form):
    """Close a missed planned gesprek (koers.monitoring.services.sluit_gesprek)."""

    reden = forms.CharField(
        label=_("Waarom is dit gesprek niet gevoerd?"),
        max_length=rules.REDEN_MAX,
        help_text=_("Bijvoorbeeld: niet gekomen, gesprek is later als extra gesprek gevoerd."),
    )

    def __init__(self, *args, gepland_op=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.gepland_op = gepland_op

    def regel_fouten(self, data: dict) -> dict[str, str]:
        if self.gepland_op is None:
            return {}
        return rules.sluiten_fouten(self.gepland_op, data.get("reden") or "", vandaag())
