"""Demo data of the ketenpartners: the partner profiles (the taalaanbieder holds the
keurmerk), the taakverdeling of the three gemeenten of the subregio exactly as the
startnotitie's table fills it, demo accounts of Werk.Kom, the taalaanbieder and
VluchtelingenWerk, and a few referrals of demo cases. Idempotent: what exists is left
alone. The organisations themselves come from koers.demo.organisaties.KETENPARTNERS."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from koers.demo.organisaties import DEMO_WACHTWOORD, KETENPARTNERS
from koers.demo.personen import demo_trajecten
from koers.inburgeraars.rules import Status as TrajectStatus
from koers.organisaties.models import Gebruiker, Organisatie, Rol
from koers.partners import rules, services
from koers.partners.models import Partnerprofiel, Taakverdeling, Verwijzing

SUBREGIO_CODES = ("0988", "0946", "1706")

# username, first name, last name, Organisatie.Soort of the partner, description.
ACCOUNTS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "werkkom",
        "Wendy",
        "Kompier",
        "werkkom",
        "Werk.Kom (MAP en begeleiding naar werk; alleen verwezen dossiers)",
    ),
    (
        "taalaanbieder",
        "Tom",
        "Aalders",
        "taalaanbieder",
        "Taalcentrum Maas en Kempen (B1- en Z-route; alleen verwezen dossiers)",
    ),
    (
        "vluchtelingenwerk",
        "Vera",
        "Lemmens",
        "vluchtelingenwerk",
        "VluchtelingenWerk (maatschappelijke begeleiding, PVT; alleen verwezen dossiers)",
    ),
)

# Referrals of demo cases: (first name, last name, task, partner kind, end state, reports).
VERWIJZINGEN = (
    ("Tesfalem", "Berhane", rules.Taak.MAP, "werkkom", rules.Status.LOPEND, 2),
    ("Omar", "Ziani", rules.Taak.BEGELEIDING_NAAR_WERK, "werkkom", rules.Status.GEACCEPTEERD, 0),
    ("Hanna", "Petrenko", rules.Taak.B1_ROUTE, "taalaanbieder", rules.Status.AANGEBODEN, 0),
    (
        "Aisha",
        "Hussein",
        rules.Taak.MAATSCHAPPELIJKE_BEGELEIDING,
        "vluchtelingenwerk",
        rules.Status.LOPEND,
        1,
    ),
)
ADVISEURS = {
    "0988": "adviseur-weert",
    "0946": "adviseur-nederweert",
    "1706": "adviseur-cranendonck",
}


def _partners() -> dict[str, Organisatie]:
    """The demo ketenpartner of each kind (the one named in KETENPARTNERS)."""
    namen = {naam for naam, _soort in KETENPARTNERS}
    uit: dict[str, Organisatie] = {}
    for org in Organisatie.objects.filter(naam__in=namen).order_by("pk"):
        uit.setdefault(org.soort, org)
    return uit


def seed(gemeenten, accounts) -> dict[str, int]:
    vandaag = timezone.localdate()
    partners = _partners()
    aantallen = {"partnerprofielen": 0, "taakverdeling": 0, "partneraccounts": 0, "verwijzingen": 0}
    for soort, org in partners.items():
        _profiel, nieuw = Partnerprofiel.objects.get_or_create(
            organisatie=org,
            defaults={
                "keurmerk": soort == "taalaanbieder",
                "keurmerk_geldig_tot": vandaag + timedelta(days=730)
                if soort == "taalaanbieder"
                else None,
                "email": f"info@{soort}.example.org",
                "telefoon": "0495 000 000",
            },
        )
        aantallen["partnerprofielen"] += nieuw
    for code in SUBREGIO_CODES:
        gemeente = gemeenten.get(code)
        if gemeente is None:
            continue
        for taak, (schaal, uitvoerder, toelichting) in rules.STARTNOTITIE.items():
            org = gemeente.organisatie if uitvoerder == rules.GEMEENTE else partners.get(uitvoerder)
            if org is None:
                continue
            _rij, nieuw = Taakverdeling.objects.get_or_create(
                gemeente=gemeente,
                taak=taak,
                defaults={"schaal": schaal, "uitvoerder": org, "toelichting": toelichting},
            )
            aantallen["taakverdeling"] += nieuw
    wachtwoord = None
    for username, voornaam, achternaam, soort, _omschrijving in ACCOUNTS:
        org = partners.get(soort)
        if org is None or Gebruiker.objects.filter(username=username).exists():
            continue
        wachtwoord = wachtwoord or make_password(DEMO_WACHTWOORD)
        Gebruiker.objects.create(
            username=username,
            first_name=voornaam,
            last_name=achternaam,
            organisatie=org,
            rollen=[Rol.PARTNER],
            is_demo_account=True,
            password=wachtwoord,
        )
        aantallen["partneraccounts"] += 1
    aantallen["verwijzingen"] = _verwijzingen(gemeenten, accounts, partners, vandaag)
    return aantallen


def _verwijzingen(gemeenten, accounts, partners, vandaag) -> int:
    trajecten = {
        (t.inburgeraar.voornamen, t.inburgeraar.geslachtsnaam): t
        for t in demo_trajecten(gemeenten)
        .exclude(status=TrajectStatus.AFGEROND)
        .select_related("inburgeraar")
    }
    codes = {g.pk: code for code, g in gemeenten.items()}
    gebruikers = {
        u.organisatie_id: u for u in Gebruiker.objects.filter(username__in=[a[0] for a in ACCOUNTS])
    }
    nieuw = 0
    for voornaam, achternaam, taak, soort, eind, rapporten in VERWIJZINGEN:
        traject = trajecten.get((voornaam, achternaam))
        org = partners.get(soort)
        adviseur = (
            accounts.get(ADVISEURS.get(codes.get(traject.gemeente_id, ""), ""))
            if traject is not None
            else None
        )
        partner = gebruikers.get(org.pk) if org is not None else None
        if (
            traject is None
            or adviseur is None
            or partner is None
            or Verwijzing.objects.filter(traject=traject, taak=taak).exists()
        ):
            continue
        verwijzing = services.verwijs(
            traject,
            adviseur,
            taak=taak,
            organisatie=org,
            vraag=f"Graag {rules.TAAK_NAMEN[taak].lower()} voor {voornaam}.",
            startdatum=vandaag - timedelta(weeks=8),
        )
        nieuw += 1
        if eind == rules.Status.AANGEBODEN:
            continue
        services.accepteer(verwijzing, partner)
        for i in range(rapporten):
            services.rapporteer(
                verwijzing,
                partner,
                datum=vandaag - timedelta(weeks=4 * (rapporten - i)),
                uren=Decimal("6.0"),
                afspraken_gepland=4,
                afspraken_aanwezig=3 + (i % 2),
                resultaten="Cv gemaakt en twee werkgevers bezocht."
                if taak == rules.Taak.MAP
                else "Afspraken met de huisbaas en de zorgverzekering geregeld.",
            )
    return nieuw
