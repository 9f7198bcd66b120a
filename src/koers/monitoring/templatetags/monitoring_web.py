"""Template tags of the monitoring pages: the spinnenweb over time."""

from django import template
from django.utils.translation import gettext as _

from koers.monitoring import spinnenweb
from koers.monitoring.forms import GesprekSluitenForm

register = template.Library()


@register.inclusion_tag("monitoring/spinnenweb_reeks.html")
def spinnenweb_reeks(metingen, titel=""):
    """Positieve Gezondheid over time: one line per measurement, plus the table."""
    return {**spinnenweb.reeks(metingen), "titel": titel or _("Positieve Gezondheid door de tijd")}


@register.inclusion_tag("monitoring/_gesprek_sluiten_form.html", takes_context=True)
def gesprek_sluiten_form(context, inburgeraar, gesprek):
    """The small form that closes a missed planned gesprek, on the gesprekken tab."""
    return {
        "csrf_token": context.get("csrf_token"),
        "inburgeraar": inburgeraar,
        "gesprek": gesprek,
        "form": GesprekSluitenForm(prefix=f"sluit{gesprek.pk}"),
    }
