"""The words of Koers' codes as the inburgeraar reads them, translatable (the
content an adviseur writes stays Dutch; headings, labels and statuses are translated)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

LEERROUTE = {
    "B": _("B1-route"),
    "O": _("Onderwijsroute"),
    "Z": _("Zelfredzaamheidsroute (Z-route)"),
}
LEERROUTE_UITLEG = {
    "B": _("U leert Nederlands tot niveau B1. U doet ook examen."),
    "O": _("U leert Nederlands om daarna een opleiding te doen in Nederland."),
    "Z": _("U leert Nederlands en leert zelf dingen regelen in Nederland."),
}
DIMENSIE = {
    "lichaamsfuncties": _("Gezondheid en lichaam"),
    "mentaal_welbevinden": _("Hoe u zich voelt"),
    "zingeving": _("Wat belangrijk is voor u"),
    "kwaliteit_van_leven": _("Prettig leven"),
    "meedoen": _("Meedoen"),
    "dagelijks_functioneren": _("Dagelijks leven"),
}
EXAMENONDERDEEL = {
    "KNM": _("Kennis van Nederland (KNM)"),
    "LE": _("Lezen"),
    "LU": _("Luisteren"),
    "SC": _("Schrijven"),
    "SP": _("Spreken"),
    "ONA": _("Werken in Nederland (ONA)"),
}
EXAMENRESULTAAT = {
    "Geslaagd": _("Geslaagd"),
    "Gezakt": _("Niet geslaagd"),
    "Geen": _("Geen uitslag"),
}
TRAJECTSTATUS = {
    "aangemeld": _("Aangemeld"),
    "brede_intake": _("Intake"),
    "pip_vastgesteld": _("Plan klaar"),
    "in_uitvoering": _("Bezig"),
    "afgerond": _("Klaar"),
}
AFSPRAAK = {
    "gesprek": _("Gesprek over hoe het gaat"),
    "intake": _("Intakegesprek"),
    "tolk": _("Tolk geboekt"),
}
TOLK_GESPREK = {
    "brede_intake": _("Intakegesprek"),
    "pip_gesprek": _("Gesprek over uw plan"),
    "voortgangsgesprek": _("Gesprek over hoe het gaat"),
    "eindgesprek": _("Eindgesprek"),
    "hoorzitting": _("Hoorzitting"),
    "overig": _("Ander gesprek"),
}
DOCUMENTSOORT = {
    "diploma": _("Diploma"),
    "certificaat": _("Certificaat"),
    "brief": _("Brief"),
    "bewijs": _("Bewijs van deelname"),
    "overig": _("Iets anders"),
}
ROL = {
    "adviseur": _("Adviseur"),
    "teamleider": _("Teamleider"),
    "uitkeringsadministratie": _("Uitkeringen"),
    "beleid": _("Beleid"),
    "financien": _("Financiën"),
    "beheerder": _("Beheerder"),
    "privacy": _("Privacy officer"),
    "inburgeraar": _("U zelf"),
}
ROL_ANDERS = _("Medewerker")
HANDELING = {"lezen": _("Bekeken"), "wijzigen": _("Veranderd")}
DOEL = {
    "uitvoering Wet inburgering 2021": _("Uitvoeren van de Wet inburgering"),
    "gegevensuitwisseling met DUO (Wet inburgering 2021)": _("Gegevens delen met DUO"),
    "AVG art. 15: recht op inzage": _("Uw vraag om inzage (AVG)"),
    "bewaartermijn (AVG art. 5 lid 1 sub e)": _("Bewaartermijn (AVG)"),
}
ACTIVITEIT = {
    "dossier inzien": _("Dossier bekeken"),
    "dossier wijzigen": _("Dossier veranderd"),
    "export": _("Gegevens gedownload"),
    "DUO-bericht": _("Bericht van of naar DUO"),
    "AVG inzage (art. 15)": _("Inzage (AVG)"),
    "eigen dossier in Mijn Inburgering": _("U keek in Mijn Inburgering"),
    "zaken in lijst getoond": _("In een lijst getoond"),
    "zoeken op BSN": _("Gezocht op BSN"),
    "anonimiseren na bewaartermijn": _("Gegevens anoniem gemaakt"),
    "document inzien": _("Document bekeken"),
}


def label(tabel: dict, sleutel, anders=None):
    """The label of a code; an unknown code as it is (never an error)."""
    if sleutel in tabel:
        return tabel[sleutel]
    return anders if anders is not None else (sleutel or "")
