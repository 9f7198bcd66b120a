"""The display helpers of :mod:`koers.bouwstenen.weergave` as template filters, built into
every template (settings ``TEMPLATES["OPTIONS"]["builtins"]``): ``{{ d|datum }}``,
``{{ d|datum_kort }}``, ``{{ moment|datum_tijd }}``, ``{{ n|getal }}``, ``{{ b|bedrag }}``,
``{{ u|uren }}``. One formatter for dates, hours and money on every staff screen and letter.
"""

from django import template

from koers.bouwstenen import weergave

register = template.Library()


@register.filter(expects_localtime=True)
def datum(waarde) -> str:
    return weergave.datum(waarde)


@register.filter(expects_localtime=True)
def datum_kort(waarde) -> str:
    return weergave.datum(waarde, kort=True)


@register.filter(expects_localtime=True)
def datum_tijd(waarde) -> str:
    return weergave.datum_tijd(waarde)


@register.filter
def getal(waarde, decimalen=None) -> str:
    if waarde in (None, ""):
        return ""
    return weergave.getal(waarde, None if decimalen in (None, "") else int(decimalen))


@register.filter
def bedrag(waarde) -> str:
    return weergave.bedrag(waarde)


@register.filter
def uren(waarde) -> str:
    return weergave.uren(waarde)
