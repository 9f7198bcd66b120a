"""What anonymising a closed case after its bewaartermijn does to each model that holds data
about a person (AVG art. 5 lid 1 sub e): the vocabulary (:class:`Regel`) and the central
table :data:`REGELS`. An app adds its own in ``koers.<app>.anonimiseren.REGELS``, with
``anonimiseren = True`` on its AppConfig. The engine that applies them is
:mod:`koers.avg.anonimisering`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Regel:
    """What anonymising does to one model. ``legen``: fields set to empty (text ""; JSON its
    default; nullable fields NULL; binary b""; files deleted). ``verwijderen``: the rows go.
    ``bewaren``: fields that stay, each a fact without identity (the reason in ``waarom``)."""

    legen: tuple[str, ...] = ()
    bewaren: tuple[str, ...] = ()
    verwijderen: bool = False
    waarom: str = ""


# The person himself: see :func:`_persoon`. Year of birth stays (age groups in the sturing
# statistics and the monitor of the Wi2021); everything that identifies him goes.
PERSOON_LEGEN = (
    "bsn",
    "vnummer",
    "voornamen",
    "geslachtsnaam",
    "zoeknaam",
    "telefoon",
    "email",
    "adres",
    "postcode_plaats",
    "talen",
    "tolk_taal",
    "geboortedatum",
)
NAAM_GEANONIMISEERD = "Geanonimiseerd"
STATISTIEK = "geen persoonsgegeven: een keuze uit een vaste lijst, nodig voor de sturing"

REGELS: dict[str, Regel] = {
    "inburgeraars.Inburgeraar": Regel(
        legen=(*PERSOON_LEGEN, "gratis_examenpogingen"),
        bewaren=("doelgroep", "doelgroepindeling", "asielrechten_wijziging_verblijfsdoel"),
        waarom=STATISTIEK,
    ),
    "inburgeraars.Traject": Regel(
        legen=("lbt_examennummer", "lbt_overgeslagen_toelichting"),
        bewaren=("status", "afrondingsreden", "termijn_bron", "lbt_overgeslagen_grond"),
        waarom=STATISTIEK,
    ),
    "inburgeraars.Gebeurtenis": Regel(
        legen=("omschrijving", "toelichting"),
        bewaren=("soort", "van_status", "naar_status"),
        waarom="the timeline's kind and statuses: when the case moved on, without what was said",
    ),
    "intake.BredeIntake": Regel(
        legen=(
            "tolk_taal",
            "onderwerpen",
            "gezondheid",
            "positieve_gezondheid",
            "afwijking_lbt_advies",
        ),
        bewaren=("status", "plaats", "lbt_uitslag", "lbt_bron"),
        waarom=STATISTIEK,
    ),
    "pip.PipVersie": Regel(
        legen=(
            "toelichting_leerroute",
            "doelen",
            "begeleiding_ondersteuning",
            "pvt_invulling",
            "map_invulling",
            "ontzorgen_toelichting",
            "voortgangsgesprekken",
            "partners",
        ),
        bewaren=("status", "leerroute", "niveau", "alfabetisering"),
        waarom=STATISTIEK,
    ),
    "pip.Beschikking": Regel(
        legen=("pdf",),
        bewaren=("kenmerk", "sha256"),
        waarom="the letter's number and fingerprint, without the letter",
    ),
    "duo.Notificatie": Regel(
        legen=("bsn", "vnummer", "fout", "traceparent"),
        bewaren=("bron", "doel", "gebeurtenis_id", "status"),
        waarom="which message of DUO arrived and when",
    ),
    # What a second, different copy of a notification said: only beheer's evidence of a fault
    # in the chain, of no use once the case is anonymised.
    "duo.NotificatieConflict": Regel(verwijderen=True),
    "duo.Bericht": Regel(
        legen=("pad", "body", "laatste_antwoord", "foutteksten"),
        bewaren=("soort", "operation_id", "methode", "status"),
        waarom="which message went to DUO and when",
    ),
    "duo.ContactpersoonKoppeling": Regel(legen=("fout",)),
    "duo.Contactpersoon": Regel(
        bewaren=("naam", "email", "telefoonnummer"),
        waarom="the gemeente's own contact person at DUO, not the "
        "inburgeraar (shared by many cases)",
    ),
    "monitoring.Voortgangsgesprek": Regel(
        legen=("voortgang", "subdoelen", "positieve_gezondheid", "interventies", "verslag")
    ),
    # Why a missed gesprek was closed is free text about the person; that it was closed stays.
    "monitoring.GeslotenGesprek": Regel(legen=("reden",)),
    "monitoring.Signaal": Regel(
        legen=("reden",), bewaren=("soort", "sleutel", "status"), waarom=STATISTIEK
    ),
    "leerroute.Aanbod": Regel(
        bewaren=("instellingsnummer", "instelling_naam", "keurmerk", "alfabetisering"),
        waarom="the school and course, not the person",
    ),
    "leerroute.UrenPeriode": Regel(
        legen=("opmerking",), bewaren=("soort", "aanbieder"), waarom=STATISTIEK
    ),
    "leerroute.Examenresultaat": Regel(
        bewaren=("onderdeel", "niveau", "resultaat", "reden_geen_resultaat", "bron"),
        waarom=STATISTIEK,
    ),
    "leerroute.Afschalingsvoorstel": Regel(
        legen=("reden",), bewaren=("status",), waarom=STATISTIEK
    ),
    "leerroute.Zroute": Regel(legen=("conclusie",)),
    "modules.Activiteit": Regel(
        legen=("omschrijving",),
        bewaren=("module", "soort", "kernwaarden", "uitvoerder"),
        waarom=STATISTIEK,
    ),
    "modules.Afronding": Regel(
        legen=("samenvatting",), bewaren=("module", "uitvoerder", "verwijtbaar"), waarom=STATISTIEK
    ),
    "begeleiding.Begeleiding": Regel(legen=("vrijwilliger", "toelichting")),
    "begeleiding.ChecklistItem": Regel(
        legen=("door",), bewaren=("onderwerp", "status"), waarom=STATISTIEK
    ),
    "begeleiding.Voorlichting": Regel(
        legen=("door", "toelichting"), bewaren=("onderwerp",), waarom=STATISTIEK
    ),
    "begeleiding.Ontzorgen": Regel(
        legen=("machtiging_posten", "toelichting", "coach"),
        bewaren=("cursus_status", "cursus_aanbieder", "coaching_status"),
        waarom=STATISTIEK,
    ),
    # Payments say what the person's money went to: gone, not only emptied.
    "begeleiding.Betaling": Regel(verwijderen=True),
    "begeleiding.DuaalTraject": Regel(
        legen=("werkgever", "functie", "jobcoach", "buddy", "beschikking_nummer", "toelichting")
    ),
    "netwerk.InstroomklasPlaatsing": Regel(legen=("toelichting",)),
    "netwerk.Workshopdeelname": Regel(bewaren=("workshop",), waarom=STATISTIEK),
    "netwerk.Tolkboeking": Regel(
        legen=("gesprek_omschrijving",), bewaren=("gesprek", "status"), waarom=STATISTIEK
    ),
    "netwerk.ErvaringsdeskundigeKoppeling": Regel(
        legen=("toelichting",), bewaren=("rol",), waarom=STATISTIEK
    ),
    "netwerk.Taalverwijzing": Regel(
        legen=("toelichting",), bewaren=("soort", "organisatie", "status"), waarom=STATISTIEK
    ),
    "handhaving.Handhavingszaak": Regel(
        legen=(
            "omschrijving",
            "onwil_reden",
            "waarschuwing_toelichting",
            "hoorzitting_plaats",
            "hoorzitting_aanwezig",
            "hoorzitting_verslag",
            "afsluiting_toelichting",
        ),
        bewaren=("verzuim",),
        waarom=STATISTIEK,
    ),
    "handhaving.Boetebesluit": Regel(legen=("motivering",)),
    "handhaving.Brief": Regel(
        legen=("pdf",),
        bewaren=("soort", "kenmerk", "sha256"),
        waarom="the letter's kind, number and fingerprint",
    ),
    "handhaving.DuoOpvraging": Regel(legen=("gegevens",), bewaren=("soort",), waarom=STATISTIEK),
    # Mijn Inburgering: his messages and documents go altogether.
    "portaal.Bericht": Regel(verwijderen=True),
    "portaal.Document": Regel(verwijderen=True),
    # Ketenpartners: the referral's task and outcome stay, the texts go.
    "partners.Verwijzing": Regel(
        legen=("vraag", "afwijsreden", "eindverslag"),
        bewaren=("taak", "status", "resultaat"),
        waarom=STATISTIEK,
    ),
    "partners.Voortgang": Regel(legen=("resultaten", "toelichting")),
}
