"""Forms of the inburgeraars slice: aanmelden, personalia and the actions on the case page.
They check the shape of input (types, lengths, choices); every rule of the law stays in
``rules.py`` and the services' checks, which the forms call (``regel_fouten``) so that a page
shows every error at once. The write paths check again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.bouwstenen.formulieren import KoersStijl, tekstvak
from koers.inburgeraars import rules as traject_rules
from koers.inburgeraars import services
from koers.inburgeraars.models import REDEN_CHOICES, STATUS_CHOICES
from koers.inburgeraars.validatie import datumveld

# --- Inburgeraar ------------------------------------------------------------------------


def _talen(tekst: str) -> list[str]:
    return [t.strip() for t in (tekst or "").split(",") if t.strip()]


class PersoonForm(KoersStijl, forms.Form):
    """Personalia and the dates of the traject (aanmelden and gegevens wijzigen)."""

    bsn = forms.CharField(label=_("BSN"), max_length=20, help_text=_("9 cijfers. Spaties mogen."))
    vnummer = forms.CharField(
        label=_("V-nummer"), max_length=20, required=False, help_text=_("10 cijfers.")
    )
    voornamen = forms.CharField(label=_("Voornamen"), max_length=200)
    geslachtsnaam = forms.CharField(label=_("Achternaam"), max_length=200)
    geboortedatum = datumveld(_("Geboortedatum"))
    doelgroep = forms.ChoiceField(
        label=_("Doelgroep (volgens DUO)"),
        choices=[("", _("Kies een doelgroep"))]
        + [(d.value, d.value) for d in traject_rules.Doelgroep],
    )
    turkse_nieuwkomer = forms.BooleanField(label=_("Turkse nieuwkomer"), required=False)
    vestigingsdatum = datumveld(_("Datum van vestiging in de gemeente"), required=False)
    talen = forms.CharField(
        label=_("Talen"),
        max_length=500,
        required=False,
        help_text=_("Zet een komma tussen de talen. Bijvoorbeeld: Arabisch, Engels"),
    )
    tolk_nodig = forms.BooleanField(label=_("Heeft een tolk nodig"), required=False)
    tolk_taal = forms.CharField(label=_("Taal van de tolk"), max_length=50, required=False)
    telefoon = forms.CharField(label=_("Telefoon"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=254, required=False)
    adres = forms.CharField(label=_("Adres"), max_length=200, required=False)
    postcode_plaats = forms.CharField(label=_("Postcode en plaats"), max_length=100, required=False)
    datum_start_plicht = datumveld(_("Start van de inburgeringsplicht"), required=False)
    datum_start_pip_termijn = datumveld(
        _("Start van de PIP-termijn"),
        required=False,
        help_text=_(
            "De datum van het bericht van DUO. Vanaf die dag hebt u 10 weken om het "
            "PIP vast te stellen."
        ),
    )
    derde_informatie_ontvangen = datumveld(
        _("Informatie van derden ontvangen op"),
        required=False,
        help_text=_(
            "Alleen invullen als u op informatie van een ander moest wachten. Het PIP "
            "mag dan tot 2 weken na deze datum."
        ),
    )

    def __init__(self, *args, inburgeraar=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.inburgeraar = inburgeraar  # the person whose data change; None: a new one

    def regel_fouten(self, data: dict) -> dict[str, str]:
        if self.inburgeraar is None:
            return {}
        return services.gegevens_fouten(self.inburgeraar, data)

    def clean_bsn(self):
        return "".join(self.cleaned_data["bsn"].split())

    def clean_vnummer(self):
        return "".join(self.cleaned_data["vnummer"].split())

    def clean_talen(self):
        return _talen(self.cleaned_data["talen"])

    @staticmethod
    def initial_van(inburgeraar) -> dict:
        traject = inburgeraar.huidig_traject
        initial = {
            veld: getattr(inburgeraar, veld)
            for veld in (
                "bsn",
                "vnummer",
                "voornamen",
                "geslachtsnaam",
                "geboortedatum",
                "doelgroep",
                "turkse_nieuwkomer",
                "vestigingsdatum",
                "tolk_nodig",
                "tolk_taal",
                "telefoon",
                "email",
                "adres",
                "postcode_plaats",
            )
        }
        initial["talen"] = ", ".join(inburgeraar.talen or [])
        if traject is not None:
            for veld in (
                "datum_start_plicht",
                "datum_start_pip_termijn",
                "derde_informatie_ontvangen",
            ):
                initial[veld] = getattr(traject, veld)
        return initial


class AanmeldForm(PersoonForm):
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=None, empty_label=_("Kies een gemeente")
    )
    adviseur = forms.ChoiceField(label=_("Adviseur"), choices=(), required=False)

    field_order = ["gemeente", "adviseur"]

    def __init__(self, *args, gemeenten, adviseurs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
        enige = list(gemeenten[:2])
        if len(enige) == 1:
            # Nothing to choose: the user's only gemeente is filled in.
            self.fields["gemeente"].initial = enige[0].pk
        self._adviseurs = {str(a.pk): a for a in adviseurs or ()}
        if adviseurs is None:
            del self.fields["adviseur"]
        else:
            self.fields["adviseur"].choices = [("", _("Nog niemand"))] + [
                (pk, a.weergavenaam) for pk, a in self._adviseurs.items()
            ]
        self.order_fields(self.field_order + [n for n in self.fields if n not in self.field_order])

    def clean_adviseur(self):
        return self._adviseurs.get(self.cleaned_data.get("adviseur") or "")

    def regel_fouten(self, data: dict) -> dict[str, str]:
        persoon = {k: v for k, v in data.items() if k not in ("gemeente", "adviseur")}
        return services.aanmelding_fouten(persoon)


# --- Acties op de casus -----------------------------------------------------------------


class StatusForm(KoersStijl, forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe status"), choices=())
    reden = forms.ChoiceField(
        label=_("Reden (alleen bij afronden)"),
        required=False,
        choices=[("", _("Geen reden"))] + list(REDEN_CHOICES),
    )
    toelichting = tekstvak(_("Toelichting"))

    def __init__(self, *args, huidige_status: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.huidige_status = huidige_status
        labels = dict(STATUS_CHOICES)
        # The PIP status comes only with vaststellen, so it is not offered by hand.
        volgende = [
            s
            for s in traject_rules.Status
            if s in traject_rules.TRANSITIONS[traject_rules.Status(huidige_status)]
            and s is not traject_rules.Status.PIP_VASTGESTELD
        ]
        # An empty first choice: the adviseur picks the new status himself, the browser
        # never preselects one (not even "Afgerond").
        self.fields["status"].choices = [("", _("Kies een status"))] + [
            (s.value, labels[s.value]) for s in volgende
        ]
        self.fields["status"].error_messages["required"] = _(
            "Kies bij 'Nieuwe status' de status die het traject krijgt."
        )
        self.heeft_keuzes = bool(volgende)

    def regel_fouten(self, data: dict) -> dict[str, str]:
        if not data.get("status"):
            return {}
        fouten = traject_rules.transition_errors(
            self.huidige_status, data["status"], data.get("reden") or None
        )
        return {"status": " ".join(fouten)} if fouten else {}


class AdviseurForm(KoersStijl, forms.Form):
    adviseur = forms.ChoiceField(label=_("Adviseur"), choices=(), required=False)

    def __init__(self, *args, adviseurs, **kwargs):
        super().__init__(*args, **kwargs)
        self._adviseurs = {str(a.pk): a for a in adviseurs}
        self.fields["adviseur"].choices = [("", _("Niemand"))] + [
            (pk, a.weergavenaam) for pk, a in self._adviseurs.items()
        ]

    def clean_adviseur(self):
        return self._adviseurs.get(self.cleaned_data.get("adviseur") or "")


class LbtOverslaanForm(KoersStijl, forms.Form):
    """The gemeente decides not to take the leerbaarheidstoets
    (koers.inburgeraars.services.sla_lbt_over checks the rule)."""

    # The case page holds other forms with a toelichting and a datum: ids must stay unique.
    prefix = "lbt"

    grond = forms.ChoiceField(
        label=_("Waarom is de leerbaarheidstoets niet nodig?"),
        widget=forms.RadioSelect,
        choices=[(g.value, label) for g, label in traject_rules.LBT_OVERSLAAN_GRONDEN.items()],
    )
    toelichting = tekstvak(_("Uitleg bij het besluit"), required=True)
    datum = datumveld(_("Datum van het besluit"))

    def __init__(self, *args, traject=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.traject = traject

    def regel_fouten(self, data: dict) -> dict[str, str]:
        if self.traject is None:
            return {}
        return services.lbt_overslaan_fouten(
            self.traject, data.get("grond") or "", data.get("toelichting") or "", data.get("datum")
        )
