"""The DUO section of the case page: the traject's messages to DUO and notifications from
DUO. The case page belongs to the inburgeraars slice, which may not import the DUO chain
above it; the shell, which may, renders this section for it."""

from django import template

from koers.duo.meldingen import soort_naam
from koers.duo.models import Bericht, ContactpersoonKoppeling

register = template.Library()

DUO_AANTAL = 50  # the newest messages and notifications shown on the case page


def _duo_context(traject) -> dict:
    """Three queries whatever their number. Refused or failed messages are a signal the
    adviseur must act on."""
    berichten = list(
        traject.berichten.order_by("-aangemaakt_op", "-pk").only(
            "soort",
            "status",
            "aangemaakt_op",
            "afgeleverd_op",
            "foutteksten",
            "pogingen",
            "traject_id",
        )[:DUO_AANTAL]
    )
    notificaties = list(
        traject.notificaties.order_by("-ontvangen_op", "-pk").only(
            "gebeurtenis_id",
            "status",
            "registratie_datum_tijd",
            "ontvangen_op",
            "fout",
            "traject_id",
        )[:DUO_AANTAL]
    )
    for bericht in berichten:
        bericht.soort_naam = soort_naam(bericht.soort)
    koppeling = (
        ContactpersoonKoppeling.objects.filter(traject=traject).only("fout", "traject_id").first()
    )
    return {
        "duo_berichten": berichten,
        "duo_actie_nodig": [
            b for b in berichten if b.status in (Bericht.Status.GEWEIGERD, Bericht.Status.MISLUKT)
        ],
        "duo_notificaties": notificaties,
        "duo_contactpersoon_fout": koppeling.fout if koppeling else "",
    }


@register.inclusion_tag("web/casus_duo.html")
def duo_sectie(traject):
    """The section itself; the case page shows it only to who may see the DUO section."""
    return _duo_context(traject)


@register.inclusion_tag("web/casus_duo_waarschuwing.html")
def duo_waarschuwing(traject):
    """On the dossier's overview: how many messages DUO refused or never received, with a
    link to the DUO tab where the adviseur acts on them. One query."""
    return {
        "traject": traject,
        "aantal": traject.berichten.filter(
            status__in=(Bericht.Status.GEWEIGERD, Bericht.Status.MISLUKT)
        ).count(),
    }
