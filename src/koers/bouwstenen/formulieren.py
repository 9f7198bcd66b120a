"""Building blocks for the forms of every slice: NL Design System styling, Dutch error texts
that name the field, and the common field types. Forms check the shape of input (types,
lengths, choices); every rule of the law stays in the ``rules.py`` modules and the services'
check functions, which a form calls from ``KoersStijl.regel_fouten`` so the rules' errors
come with the field errors; the rest reaches the user through ``Weigering``."""

from __future__ import annotations

from django import forms
from django.forms.forms import NON_FIELD_ERRORS
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

DATUM_FORMATEN = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
SMALLINT_MAX = 32767  # PositiveSmallIntegerField on PostgreSQL

_KLASSEN = (
    (forms.Textarea, "utrecht-textarea", "utrecht-textarea--html-textarea"),
    # Checkboxes everywhere in the NL Design System's own look (custom checkbox), the same in
    # a list of options as for a single yes; a CheckboxSelectMultiple is a RadioSelect in Django.
    (
        forms.CheckboxSelectMultiple,
        "utrecht-checkbox",
        "utrecht-checkbox--html-input utrecht-checkbox--custom",
    ),
    (forms.RadioSelect, "utrecht-radio-button", "utrecht-radio-button--html-input"),
    (forms.Select, "utrecht-select", "utrecht-select--html-select"),
    (
        forms.CheckboxInput,
        "utrecht-checkbox",
        "utrecht-checkbox--html-input utrecht-checkbox--custom",
    ),
    (forms.Widget, "utrecht-textbox", "utrecht-textbox--html-input"),
)


def _klasse(widget) -> str:
    for soort, basis, _html in _KLASSEN:
        if isinstance(widget, soort):
            return basis
    return "utrecht-textbox"


def _foutteksten(field) -> None:
    """Error messages that name the field, so the error summary reads well on its own."""
    label = str(field.label or "")
    teksten = {
        "required": _("Vul '%(label)s' in."),
        "invalid_choice": _("Kies bij '%(label)s' een van de mogelijkheden."),
    }
    if isinstance(field, forms.DecimalField):
        # The limit written the Dutch way (999,9): "999.9" reads as nine hundred thousand.
        teksten["invalid"] = _("Vul bij '%(label)s' een getal in, bijvoorbeeld 12,5.")
        teksten["max_decimal_places"] = _(
            "Gebruik bij '%(label)s' hoogstens %%(max)s cijfer(s) achter de komma."
        )
        teksten["max_digits"] = teksten["max_whole_digits"] = _("'%(label)s' is te groot.")
        if field.min_value is not None:
            teksten["min_value"] = _("'%(label)s' kan niet kleiner zijn dan {}.").replace(
                "{}", number_format(field.min_value)
            )
        if field.max_value is not None:
            teksten["max_value"] = _("'%(label)s' kan niet groter zijn dan {}.").replace(
                "{}", number_format(field.max_value)
            )
    elif isinstance(field, forms.IntegerField):
        teksten["invalid"] = _("Vul bij '%(label)s' een heel getal in.")
        teksten["min_value"] = _("'%(label)s' kan niet kleiner zijn dan %%(limit_value)s.")
        teksten["max_value"] = _("'%(label)s' kan niet groter zijn dan %%(limit_value)s.")
    elif isinstance(field, forms.DateField):
        teksten["invalid"] = _("Vul bij '%(label)s' een geldige datum in, bijvoorbeeld 31-12-2026.")
    elif isinstance(field, forms.EmailField):
        teksten["invalid"] = _("Vul bij '%(label)s' een geldig e-mailadres in.")
    elif isinstance(field, forms.CharField):
        teksten["max_length"] = _("'%(label)s' is te lang: maximaal %%(limit_value)s tekens.")
    for sleutel, tekst in teksten.items():
        if sleutel == "required" and isinstance(field, forms.BooleanField):
            continue
        field.error_messages[sleutel] = str(tekst) % {"label": label}


class MetRegelFouten:
    """A form that shows the errors of its slice's rules together with its fields' errors."""

    def regel_fouten(self, data: dict) -> dict[str, str]:
        """What the rules of the slice say about the input that is valid so far, keyed like a
        ``Weigering`` (``a.b`` for field ``a-b``, ``__all__`` for the form). A form that
        overrides it shows the rules' errors together with the field errors in one pass,
        instead of the rules' only after the fields are right. The service checks the same
        rules again: they stay the one source."""
        return {}

    def clean(self):
        data = super().clean()
        for sleutel, tekst in self.regel_fouten(data).items():
            naam = sleutel.replace(".", "-")
            if naam in self.fields:
                if naam not in self._errors:  # the field's own error says it first
                    self.add_error(naam, tekst)
            elif tekst not in self.non_field_errors():
                self.add_error(None, tekst)
        return data


class KoersStijl(MetRegelFouten):
    """NL Design System classes on every widget, and the ARIA links between a field, its
    help text and its error message (ids ``<id>-hulp`` and ``<id>-fout``)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            self._stijl(name, field)

    def voeg_toe(self, name, field):
        """Add a field after ``__init__`` (dynamic forms), styled like the others."""
        self.fields[name] = field
        self._stijl(name, field)

    # Show "(niet verplicht)" after the label of optional fields. Off for the intake and the
    # PIP: there the rules decide at afronden/vaststellen what is needed.
    toon_niet_verplicht = True

    def _stijl(self, name, field):
        _foutteksten(field)
        widget = field.widget
        basis = _klasse(widget)
        html = next(h for soort, _b, h in _KLASSEN if isinstance(widget, soort))
        widget.attrs["class"] = f"{basis} {html}"
        if field.help_text:
            widget.attrs["aria-describedby"] = f"{self[name].auto_id}-hulp"

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in self._errors:
            if name == NON_FIELD_ERRORS or name not in self.fields:
                continue
            widget = self.fields[name].widget
            if widget.attrs.get("aria-invalid"):
                continue
            basis = _klasse(widget)
            widget.attrs["aria-invalid"] = "true"
            widget.attrs["class"] += f" {basis}--invalid"
            fout_id = f"{self[name].auto_id}-fout"
            widget.attrs["aria-describedby"] = " ".join(
                filter(None, [fout_id, widget.attrs.get("aria-describedby")])
            )

    def fout_samenvatting(self) -> list[dict]:
        """The entries of the error summary: each message with the id of its field."""
        items = [{"href": None, "tekst": str(e)} for e in self.non_field_errors()]
        for name in self.fields:
            for fout in self.errors.get(name, ()):
                items.append({"href": f"#{self[name].auto_id}", "tekst": str(fout)})
        return items


def weigering_naar_formulier(form, fouten: dict[str, str]) -> None:
    """Put a ``Weigering``'s errors on the form's fields (``a.b.c`` → field ``a-b-c``)."""
    for sleutel, tekst in fouten.items():
        naam = sleutel.replace(".", "-")
        form.add_error(naam if naam in form.fields else None, tekst)


def tekstvak(label, *, rows=3, **kwargs):
    kwargs.setdefault("required", False)
    return forms.CharField(
        label=label, widget=forms.Textarea(attrs={"rows": rows}), max_length=10000, **kwargs
    )


JANEE = [("ja", _("Ja")), ("nee", _("Nee"))]


def janeeveld(label, **kwargs):
    return forms.TypedChoiceField(
        label=label,
        choices=JANEE,
        widget=forms.RadioSelect,
        required=False,
        coerce=lambda v: v == "ja",
        empty_value=None,
        **kwargs,
    )


def janee_initial(waarde):
    return {True: "ja", False: "nee"}.get(waarde, "")
