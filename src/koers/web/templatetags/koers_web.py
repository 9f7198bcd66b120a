"""Template components of the web slice: form fields, the error summary, the spinnenweb and
the deadline urgency."""

from django import forms, template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.bouwstenen.weergave import datum as datum_tekst_van
from koers.inburgeraars import rules as traject_rules
from koers.intake import spinnenweb as web_spinnenweb
from koers.web.renderers import jinja

register = template.Library()


@register.simple_tag
def veld(bound_field):
    """One form field with label, help text and error message, NL Design System markup."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        soort = "checkbox"
    elif isinstance(widget, forms.RadioSelect):  # also a CheckboxSelectMultiple
        soort = "radio"
    elif isinstance(widget, forms.HiddenInput):
        soort = "hidden"
    else:
        soort = "tekst"
    form = bound_field.form
    markeert_optioneel = getattr(form, "toon_niet_verplicht", True)
    optioneel = not bound_field.field.required and soort != "checkbox" and markeert_optioneel
    # A form that does not mark its optional fields marks its required ones instead, and the
    # fields the rules need before the next step (the intake's legal minimum).
    verplicht = bound_field.field.required and soort != "hidden" and not markeert_optioneel
    nodig = bound_field.name in getattr(form, "nodig_om_af_te_ronden", ())
    return jinja(
        "web/components/veld.html",
        {
            "verplicht": verplicht,
            "nodig": nodig and not verplicht,
            "field": bound_field,
            "soort": soort,
            "optioneel": optioneel,
            "fid": bound_field.auto_id,
            "keuze": "checkbox" if isinstance(widget, forms.CheckboxSelectMultiple) else "radio",
            "teksten": {
                "optioneel": _("(niet verplicht)"),
                "verplicht": _("(verplicht)"),
                "nodig": _("(nodig om af te ronden)"),
            },
        },
    )


@register.simple_tag
def werkvoorraad_rijen(rijen, *, kiezen, toon_signalen):
    """The werkvoorraad's table rows (``Rij`` objects), with a checkbox each when the user
    may choose cases to assign (``kiezen``)."""
    return jinja(
        "web/werkvoorraad/_rijen.html",
        {
            "rijen": rijen,
            "kiezen": bool(kiezen),
            "toon_signalen": toon_signalen,
            "aanvullen": _("aanvullen uit BRP"),
            "niemand": _("Nog niemand"),
        },
    )


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
    # On the day itself "Binnen 2 weken" undersells it.
    tekst = _("Vandaag") if datum == vandaag else URGENTIE_TEKST.get(urgentie)
    datum_tekst = datum_tekst_van(datum)
    if tekst:
        return format_html(
            '<span class="koers-deadline koers-deadline--{}"><strong class="koers-{}">{}</strong> '
            '<span class="koers-deadline__datum">({})</span></span>',
            urgentie.value,
            urgentie.value.replace("_", "-"),
            tekst,
            datum_tekst,
        )
    return format_html(
        '<span class="koers-deadline koers-deadline--{}">{}</span>', urgentie.value, datum_tekst
    )
