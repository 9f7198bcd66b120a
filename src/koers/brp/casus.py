"""This app's section of the case page (see koers.bouwstenen.secties): what the BRP said,
when, and what it means — "Gegevens uit de BRP, opgehaald op …", markers for geheimhouding and
fields in onderzoek, the overlijden to confirm, and the residence data for who may see
Sectie.VERBLIJF. One query (the BRP row), whatever the case."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy

from koers.brp import rules, services
from koers.brp.models import BrpGegevens
from koers.toegang import policy
from koers.toegang.policy import Actie, Sectie

# No tab of its own: the BRP's state belongs with the personalia on the overview (one query).
TAB = None
TITEL = gettext_lazy("Gegevens uit de BRP")
SECTIES = (Sectie.PERSONALIA,)
PLAATS = "boven"
TEMPLATE = "brp/casus_sectie.html"

VELD_LABELS = {
    "voornamen": "voornamen",
    "geslachtsnaam": "achternaam",
    "geboortedatum": "geboortedatum",
    "adres": "adres",
    "postcode_plaats": "postcode en woonplaats",
    "nationaliteiten": "nationaliteit",
    "verblijfstitel": "verblijfstitel",
    "immigratie": "immigratie",
    "gemeente": "gemeente van inschrijving",
}


def casus_context(user, inburgeraar, traject, *, geladen=None):
    # A ketenpartner has no need for the BRP's copy: his referral shows what the task needs.
    if policy.is_partner(user) or not policy.mag_zien(user, Sectie.PERSONALIA, traject):
        return None
    gegevens = BrpGegevens.objects.filter(pk=inburgeraar.pk).first()
    antwoord = gegevens.antwoord if gegevens is not None else {}
    koers = rules.persoonsgegevens(antwoord) if antwoord else {}
    vandaag = timezone.localdate()
    mag_verblijf = policy.mag_zien(user, Sectie.VERBLIJF, traject)
    onderzoek = [
        veld
        for veld in (gegevens.in_onderzoek or [] if gegevens is not None else [])
        if mag_verblijf or veld not in rules.VERBLIJF_VELDEN
    ]
    overleden = (
        gegevens is not None
        and gegevens.situatie == rules.Situatie.OVERLEDEN
        and traject is not None
        and traject.is_open
    )
    return {
        "inburgeraar": inburgeraar,
        "gegevens": gegevens,
        "koers": koers,
        "onderzoek": set(onderzoek),
        "onderzoek_labels": [VELD_LABELS.get(v, v) for v in onderzoek],
        "opnieuw": services.wacht_op_herhaling(gegevens),
        "situatie_tekst": services.gegevens_situatie_tekst(gegevens.situatie) if gegevens else "",
        "gezin": rules.gezin(antwoord, vandaag) if antwoord else None,
        "mag_verblijf": mag_verblijf,
        "verblijf": rules.verblijf(antwoord) if mag_verblijf and antwoord else None,
        "mag_verversen": policy.mag(user, Actie.GEGEVENS_WIJZIGEN),
        "overlijden_bevestigen": overleden and policy.mag(user, Actie.STATUS_WIJZIGEN),
        "overleden": overleden,
    }
