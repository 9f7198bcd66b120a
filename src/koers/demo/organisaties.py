"""Demo data of Koers: the region Midden-Limburg, its figures and demo accounts, and the seed
of all demo data.

Everything is fictional except the public facts of the startnotitie (gemeenten, CBS codes,
taakstelling and budgets, shared/DOMAIN.md "Figures of the startnotitie"). Seeding is
idempotent: every row is looked up by its natural key first, so a second run changes nothing.
The fictional inburgeraars live in :mod:`koers.demo.personen`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction

from koers.demo import personen as demo_personen
from koers.organisaties.koppelingen import koers_modules
from koers.organisaties.models import (
    Arbeidsmarktregio,
    Budget,
    Gebruiker,
    Gemeente,
    Organisatie,
    Rol,
    Subregio,
    Taakstelling,
)
from koers.organisaties.signals import demo_geladen

DEMO_WACHTWOORD = "koers-demo-2026"  # noqa: S105  (published demo password, demo mode only)
ARBEIDSMARKTREGIO = "Midden-Limburg"
SUBREGIO = "Cranendonck-Nederweert-Weert"
BEHEER_ORGANISATIE = "Koers functioneel beheer"


@dataclass(frozen=True)
class DemoGemeente:
    naam: str
    code: str
    in_subregio: bool
    postadres: str
    postcode_plaats: str
    telefoon: str
    website: str

    @property
    def oin(self) -> str:
        """A fictional 20-digit OIN: the prefix 000000099 is not issued by Logius."""
        return f"000000099{self.code}0000000"


# CBS codes: shared/DOMAIN.md. Letterheads are fictional.
GEMEENTEN: tuple[DemoGemeente, ...] = (
    DemoGemeente(
        "Cranendonck",
        "1706",
        True,
        "Postbus 1100",
        "6020 AC Budel",
        "0495 00 11 00",
        "www.cranendonck.nl",
    ),
    DemoGemeente(
        "Nederweert",
        "0946",
        True,
        "Postbus 2200",
        "6030 AA Nederweert",
        "0495 00 22 00",
        "www.nederweert.nl",
    ),
    DemoGemeente(
        "Weert", "0988", True, "Postbus 3300", "6000 HA Weert", "0495 00 33 00", "www.weert.nl"
    ),
    DemoGemeente(
        "Echt-Susteren",
        "1711",
        False,
        "Postbus 4400",
        "6100 AA Echt",
        "0475 00 44 00",
        "www.echt-susteren.nl",
    ),
    DemoGemeente(
        "Leudal",
        "1640",
        False,
        "Postbus 5500",
        "6090 AA Heythuysen",
        "0475 00 55 00",
        "www.leudal.nl",
    ),
    DemoGemeente(
        "Maasgouw",
        "1641",
        False,
        "Postbus 6600",
        "6050 AA Maasbracht",
        "0475 00 66 00",
        "www.maasgouw.nl",
    ),
    DemoGemeente(
        "Roerdalen",
        "1669",
        False,
        "Postbus 7700",
        "6077 ZG Sint Odiliënberg",
        "0475 00 77 00",
        "www.roerdalen.nl",
    ),
    DemoGemeente(
        "Roermond",
        "0957",
        False,
        "Postbus 8800",
        "6040 AA Roermond",
        "0475 00 88 00",
        "www.roermond.nl",
    ),
)

KETENPARTNERS: tuple[tuple[str, str], ...] = (
    ("Werk.Kom", Organisatie.Soort.WERKKOM),
    ("VluchtelingenWerk Zuid-Nederland", Organisatie.Soort.VLUCHTELINGENWERK),
    ("Taalcentrum Maas en Kempen", Organisatie.Soort.TAALAANBIEDER),
    ("COA", Organisatie.Soort.COA),
    ("AMW Midden-Limburg", Organisatie.Soort.AMW),
    ("Bibliotheek Midden-Limburg", Organisatie.Soort.BIBLIOTHEEK),
)

# Taakstelling per half year (startnotitie): 2020-1, 2020-2, 2021-1, 2021-2 (schatting).
TAAKSTELLING: dict[str, tuple[int, int, int, int]] = {
    "1706": (7, 8, 17, 17),
    "0946": (6, 7, 14, 14),
    "0988": (16, 19, 39, 39),
}
TAAKSTELLING_PERIODEN = ((2020, 1), (2020, 2), (2021, 1), (2021, 2))
SCHATTING = {(2021, 2)}

# Budgets (startnotitie): invoering 2020; uitvoering 2021, 2022, 2023.
BUDGETTEN: dict[str, dict[tuple[int, str], Decimal]] = {
    "1706": {
        (2020, "invoering"): Decimal("40692"),
        (2021, "uitvoering"): Decimal("27198"),
        (2022, "uitvoering"): Decimal("60448"),
        (2023, "uitvoering"): Decimal("66500"),
    },
    "0946": {
        (2020, "invoering"): Decimal("33845"),
        (2021, "uitvoering"): Decimal("21623"),
        (2022, "uitvoering"): Decimal("48058"),
        (2023, "uitvoering"): Decimal("52870"),
    },
    "0988": {
        (2020, "invoering"): Decimal("99225"),
        (2021, "uitvoering"): Decimal("74416"),
        (2022, "uitvoering"): Decimal("165390"),
        (2023, "uitvoering"): Decimal("181950"),
    },
}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    voornaam: str
    achternaam: str
    rol: str
    organisatie: str  # gemeentecode, or the name of the beheer organisation
    omschrijving: str

    @property
    def is_beheerder(self) -> bool:
        return self.rol == Rol.BEHEERDER


ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        "adviseur-weert", "Sanne", "Janssen", Rol.ADVISEUR, "0988", "Adviseur inburgering, Weert"
    ),
    DemoAccount(
        "adviseur-nederweert",
        "Ruud",
        "Hendriks",
        Rol.ADVISEUR,
        "0946",
        "Adviseur inburgering, Nederweert",
    ),
    DemoAccount(
        "adviseur-cranendonck",
        "Fatma",
        "Yıldız",
        Rol.ADVISEUR,
        "1706",
        "Adviseur inburgering, Cranendonck",
    ),
    DemoAccount(
        "teamleider-weert", "Marloes", "Peeters", Rol.TEAMLEIDER, "0988", "Teamleider, Weert"
    ),
    DemoAccount(
        "beleid",
        "Joost",
        "Verheijen",
        Rol.BELEID,
        "0988",
        "Beleidsmedewerker, Weert (alleen aantallen)",
    ),
    DemoAccount(
        "financien",
        "Ingrid",
        "Smeets",
        Rol.FINANCIEN,
        "0988",
        "Financieel adviseur, Weert (budgetten)",
    ),
    DemoAccount(
        "uitkering-weert",
        "Kim",
        "Wouters",
        Rol.UITKERINGSADMINISTRATIE,
        "0988",
        "Uitkeringsadministratie, Weert (alleen financieel ontzorgen)",
    ),
    DemoAccount(
        "privacy",
        "Noor",
        "Custers",
        Rol.PRIVACY_OFFICER,
        "0988",
        "Privacy officer, Weert (verwerkingenlogging, geen dossiers)",
    ),
    DemoAccount(
        "beheer",
        "Bas",
        "Coenen",
        Rol.BEHEERDER,
        BEHEER_ORGANISATIE,
        "Functioneel beheerder (beheerscherm)",
    ),
)


def seed_organisaties() -> dict[str, Gemeente]:
    """Region, subregio, the eight gemeenten and the ketenpartners. Returns gemeenten by code."""
    regio, _ = Arbeidsmarktregio.objects.get_or_create(naam=ARBEIDSMARKTREGIO)
    subregio, _ = Subregio.objects.get_or_create(
        naam=SUBREGIO, defaults={"arbeidsmarktregio": regio}
    )
    gemeenten = {}
    for g in GEMEENTEN:
        gemeente = (
            Gemeente.objects.select_related("organisatie").filter(gemeentecode=g.code).first()
        )
        if gemeente is None:
            organisatie, _ = Organisatie.objects.get_or_create(
                naam=g.naam, soort=Organisatie.Soort.GEMEENTE
            )
            gemeente = Gemeente.objects.create(
                organisatie=organisatie,
                gemeentecode=g.code,
                oin=g.oin,
                subregio=subregio if g.in_subregio else None,
                arbeidsmarktregio=regio,
                postadres=g.postadres,
                postcode_plaats=g.postcode_plaats,
                telefoon=g.telefoon,
                website=g.website,
                ondertekenaar=f"Het college van burgemeester en wethouders van {g.naam}",
            )
        gemeenten[g.code] = gemeente
    for naam, soort in KETENPARTNERS:
        Organisatie.objects.get_or_create(naam=naam, soort=soort)
    Organisatie.objects.get_or_create(naam=BEHEER_ORGANISATIE, soort=Organisatie.Soort.OVERIG)
    return gemeenten


def seed_cijfers(gemeenten: dict[str, Gemeente]) -> None:
    """Taakstelling and budgets exactly as in the startnotitie."""
    for code, aantallen in TAAKSTELLING.items():
        for (jaar, halfjaar), aantal in zip(TAAKSTELLING_PERIODEN, aantallen, strict=True):
            Taakstelling.objects.get_or_create(
                gemeente=gemeenten[code],
                jaar=jaar,
                halfjaar=halfjaar,
                defaults={"aantal": aantal, "is_schatting": (jaar, halfjaar) in SCHATTING},
            )
    for code, bedragen in BUDGETTEN.items():
        for (jaar, stroom), bedrag in bedragen.items():
            Budget.objects.get_or_create(
                gemeente=gemeenten[code], jaar=jaar, stroom=stroom, defaults={"bedrag": bedrag}
            )


def seed_accounts(gemeenten: dict[str, Gemeente]) -> dict[str, Gebruiker]:
    """The demo accounts. An existing account is left as it is (its password included)."""
    beheer = Organisatie.objects.get(naam=BEHEER_ORGANISATIE, soort=Organisatie.Soort.OVERIG)
    wachtwoord = None  # hashed once: the password is public anyway, hashing is slow on purpose
    accounts = {}
    for a in ACCOUNTS:
        user = Gebruiker.objects.filter(username=a.username).first()
        if user is None:
            organisatie = beheer if a.is_beheerder else gemeenten[a.organisatie].organisatie
            user = Gebruiker(
                username=a.username,
                first_name=a.voornaam,
                last_name=a.achternaam,
                organisatie=organisatie,
                rollen=[a.rol],
                is_demo_account=True,
                is_staff=a.is_beheerder,
                is_superuser=a.is_beheerder,
            )
            wachtwoord = wachtwoord or make_password(DEMO_WACHTWOORD)
            user.password = wachtwoord
            user.save()
        accounts[a.username] = user
    return accounts


def seed(stdout=None) -> dict[str, int]:
    """Create all demo data that is missing. Returns what was created, by kind."""
    with transaction.atomic():
        gemeenten = seed_organisaties()
        seed_cijfers(gemeenten)
        accounts = seed_accounts(gemeenten)
    nieuw = demo_personen.seed_personen(gemeenten, accounts, stdout=stdout)
    aantallen = {"inburgeraars": nieuw}
    # The apps with a demo module (KoersAppConfig.demo) add their part to the demo cases:
    # each ``demo.seed(gemeenten, accounts)`` is idempotent and returns what it created.
    for module in koers_modules("demo"):
        with transaction.atomic():
            aantallen.update(module.seed(gemeenten, accounts))
    # Derived data of all that demo data (the signals, for one) is made by the apps that own it.
    for _ontvanger, extra in demo_geladen.send(sender=seed, gemeenten=gemeenten):
        aantallen.update(extra or {})
    return aantallen


def accounts_tabel() -> str:
    """The demo accounts as a plain-text table, for `make run` and `koers seed`."""
    rijen = [(a.username, a.omschrijving) for a in ACCOUNTS]
    # The accounts an app seeds itself (``ACCOUNTS`` of its demo module: username first,
    # description last), e.g. the ketenpartners.
    rijen += [
        (account[0], account[-1])
        for module in koers_modules("demo")
        for account in getattr(module, "ACCOUNTS", ())
    ]
    breedte = max(len(naam) for naam, _ in rijen)
    regels = [f"Demo-accounts (wachtwoord voor allemaal: {DEMO_WACHTWOORD})"]
    for naam, omschrijving in rijen:
        regels.append(f"  {naam.ljust(breedte)}  {omschrijving}")
    return "\n".join(regels)
