"""Template tags of the monitoring pages: the spinnenweb over time."""

from django import template
from django.utils.translation import gettext as _

from koers.monitoring import spinnenweb

register = template.Library()


@register.inclusion_tag("monitoring/spinnenweb_reeks.html")
def spinnenweb_reeks(metingen, titel=""):
    """Positieve Gezondheid over time: one line per measurement, plus the table."""
    return {**spinnenweb.reeks(metingen), "titel": titel or _("Positieve Gezondheid door de tijd")}
