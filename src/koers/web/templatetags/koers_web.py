"""Template components of the web slice: form fields, the error summary, the spinnenweb and
the deadline urgency."""

from django import forms, template
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.inburgeraars import rules as traject_rules
from koers.intake import spinnenweb as web_spinnenweb

register = template.Library()


@register.inclusion_tag("web/components/veld.html")
def veld(bound_field):
    """One form field with label, help text and error message, NL Design System markup."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        soort = "checkbox"
    elif isinstance(widget, forms.RadioSelect):
        soort = "radio"
    elif isinstance(widget, forms.HiddenInput):
        soort = "hidden"
    else:
        soort = "tekst"
    form = bound_field.form
    optioneel = (
        not bound_field.field.required
        and soort != "checkbox"
        and getattr(form, "toon_niet_verplicht", True)
    )
    return {
        "field": bound_field,
        "soort": soort,
        "optioneel": optioneel,
        "fid": bound_field.auto_id,
    }


@register.inclusion_tag("web/components/foutsamenvatting.html")
def foutsamenvatting(items, titel=""):
    """The error summary at the top of a form: every message links to its field."""
    return {"items": items, "titel": titel}


@register.inclusion_tag("web/components/spinnenweb.html")
def spinnenweb(scores, titel=""):
    """Positieve Gezondheid as a radar chart (inline SVG) plus the same scores as a table."""
    return {
        **web_spinnenweb.spinnenweb(scores),
        "scores": scores,
        "titel": titel or _("Positieve Gezondheid"),
    }


URGENTIE_TEKST = {
    traject_rules.Urgentie.TE_LAAT: gettext_lazy("Te laat"),
    traject_rules.Urgentie.BIJNA: gettext_lazy("Binnen 2 weken"),
}


@register.simple_tag
def deadline(datum, vandaag):
    """The deadline with its urgency in words (never colour alone). Built in Python, not with
    an included template: the werkvoorraad renders it on every row."""
    if not datum:
        return format_html('<span class="koers-deadline koers-deadline--geen">{}</span>', _("Geen"))
    urgentie = traject_rules.deadline_urgentie(datum, vandaag)
    tekst = URGENTIE_TEKST.get(urgentie)
    datum_tekst = formats.date_format(datum, "j F Y")
    if tekst:
        return format_html(
            '<span class="koers-deadline koers-deadline--{}"><strong>{}</strong> '
            '<span class="koers-deadline__datum">({})</span></span>',
            urgentie.value,
            tekst,
            datum_tekst,
        )
    return format_html(
        '<span class="koers-deadline koers-deadline--{}">{}</span>', urgentie.value, datum_tekst
    )
