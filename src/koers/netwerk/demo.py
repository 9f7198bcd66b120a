"""Demo data of the netwerk part: tolken (Arabisch, Tigrinya, Turks, Oekraïens, …),
ervaringsdeskundigen, the instroomklas of Weert and referrals to informele
taalondersteuning. Idempotent: a register entry that exists (same gemeente and name) and a
case that already has netwerk data are left alone. Dates are relative to today."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from koers.demo.personen import demo_trajecten
from koers.inburgeraars.models import Traject
from koers.inburgeraars.rules import Status
from koers.inburgeraars.services import registreer
from koers.netwerk import rules
from koers.netwerk.models import (
    Ervaringsdeskundige,
    ErvaringsdeskundigeKoppeling,
    InstroomklasPlaatsing,
    InstroomklasWeek,
    Taalverwijzing,
    Tolk,
    Tolkboeking,
    Workshopdeelname,
)
from koers.netwerk.services import NETWERK

T = rules.TolkSoort
# A telephone service: its kind is shown beside its name, so the name does not repeat it.
TOLKDIENST = "Tolkdienst Zuid"
TOLKEN = {
    "0988": [
        ("Samira Haddou", ["Arabisch", "Frans"], T.TER_PLAATSE, "62.50"),
        ("Filmon Ghebre", ["Tigrinya", "Amhaars"], T.TER_PLAATSE, "58.00"),
        (
            TOLKDIENST,
            ["Arabisch", "Tigrinya", "Turks", "Oekraïens", "Dari", "Somalisch"],
            T.TELEFONISCH,
            "45.00",
        ),
        ("Ayşe Korkmaz", ["Turks"], T.VIDEO, "49.50"),
        ("Oksana Melnyk", ["Oekraïens", "Russisch"], T.TER_PLAATSE, "55.00"),
        ("Nasrin Habibi", ["Dari", "Farsi"], T.VIDEO, "52.00"),
    ],
    "0946": [
        ("Karim Idrissi", ["Arabisch", "Tamazight"], T.TER_PLAATSE, "60.00"),
        (
            TOLKDIENST,
            ["Arabisch", "Tigrinya", "Turks", "Oekraïens"],
            T.TELEFONISCH,
            "45.00",
        ),
    ],
    "1706": [
        ("Semere Tesfay", ["Tigrinya"], T.TER_PLAATSE, "58.00"),
        (
            TOLKDIENST,
            ["Arabisch", "Tigrinya", "Turks", "Oekraïens"],
            T.TELEFONISCH,
            "45.00",
        ),
    ],
}
R = rules.Rol
ERVARINGSDESKUNDIGEN = {
    "0988": [
        ("Yohannes Mehari", [R.VOORLICHTER, R.BEMIDDELAAR], ["Tigrinya", "Nederlands"]),
        ("Rasha Al-Omari", [R.ADVISEUR, R.VERKENNER], ["Arabisch", "Engels", "Nederlands"]),
        ("Hasan Polat", [R.VOORLICHTER], ["Turks", "Nederlands"]),
    ],
    "0946": [("Mariam Yousef", [R.BEMIDDELAAR, R.VOORLICHTER], ["Arabisch", "Nederlands"])],
    "1706": [("Berhane Kidane", [R.VERKENNER], ["Tigrinya", "Nederlands"])],
}

# The instroomklas of Weert: (voornamen, achternaam, weeks in the klas, weeks until the
# planned end (negative: past it), workshops followed).
KLAS_WEERT = [
    ("Hiwet", "Gebremedhin", 6, 5, ["omgaan_met_geld", "leren_fietsen"]),
    ("Khaled", "Mansour", 4, 8, ["digitale_vaardigheden"]),
    ("Zeynep", "Demir", 3, 6, []),
    ("Abdirahman", "Warsame", 10, -1, ["omgaan_met_geld", "leren_fietsen", "gezondheidszorg"]),
    ("Nour", "Al-Khatib", 8, 3, ["wonen", "omgaan_met_geld"]),
]
# Tolk bookings: (voornamen, achternaam, tolk, gesprek, days from today, minutes, status).
G = rules.GesprekSoort
B = rules.BoekingStatus
BOEKINGEN = [
    ("Tesfalem", "Berhane", "Filmon Ghebre", G.BREDE_INTAKE, -120, 90, B.GEWEEST),
    ("Tesfalem", "Berhane", "Filmon Ghebre", G.PIP_GESPREK, -80, 60, B.GEWEEST),
    (
        "Tesfalem",
        "Berhane",
        TOLKDIENST,
        G.VOORTGANGSGESPREK,
        -3,
        45,
        B.GEPLAND,
    ),
    ("Yonas", "Tesfamariam", "Filmon Ghebre", G.BREDE_INTAKE, 6, 90, B.GEPLAND),
    ("Ahmad", "Rahimi", "Nasrin Habibi", G.BREDE_INTAKE, -10, 120, B.GEWEEST),
    ("Abdirahman", "Warsame", TOLKDIENST, G.PIP_GESPREK, -60, 40, B.GEWEEST),
    ("Aisha", "Hussein", "Samira Haddou", G.VOORTGANGSGESPREK, -20, 60, B.GEANNULEERD),
]
KOPPELINGEN = [
    ("Tesfalem", "Berhane", "Yohannes Mehari", R.BEMIDDELAAR, -90),
    ("Hiwet", "Gebremedhin", "Yohannes Mehari", R.VOORLICHTER, -30),
    ("Khaled", "Mansour", "Rasha Al-Omari", R.ADVISEUR, -20),
    ("Yusuf", "Öztürk", "Hasan Polat", R.VOORLICHTER, -60),
]
S = rules.TaalSoort
V = rules.VerwijzingStatus
VERWIJZINGEN = [
    ("Samir", "Haidari", S.TAALMAATJE, "Taalmaatjes Weert", -100, V.GESTART, "2", "24"),
    (
        "Tesfalem",
        "Berhane",
        S.VLUCHTELINGENWERK,
        "VluchtelingenWerk Weert",
        -70,
        V.GESTART,
        "3",
        "30",
    ),
    ("Hanna", "Petrenko", S.BIBLIOTHEEK, "Taalhuis Weert", -50, V.AFGEROND, "1.5", "12"),
    ("Aisha", "Hussein", S.BIBLIOTHEEK, "Bibliotheek Weert, taalcafé", -14, V.VERWEZEN, None, None),
    ("Omar", "Ziani", S.TAALMAATJE, "Taalmaatjes Nederweert", -40, V.GESTART, "2", "10"),
]


def _trajecten(gemeenten) -> dict[tuple[str, str], Traject]:
    trajecten = (
        demo_trajecten(gemeenten).exclude(status=Status.AFGEROND).select_related("inburgeraar")
    )
    return {(t.inburgeraar.voornamen, t.inburgeraar.geslachtsnaam): t for t in trajecten}


ADVISEURS = {
    "0988": "adviseur-weert",
    "0946": "adviseur-nederweert",
    "1706": "adviseur-cranendonck",
}


def seed(gemeenten, accounts) -> dict[str, int]:
    vandaag = timezone.localdate()
    codes = {g.pk: code for code, g in gemeenten.items()}

    def door(traject):
        return accounts.get(ADVISEURS.get(codes.get(traject.gemeente_id), ""))

    aantallen = {
        "tolken": 0,
        "ervaringsdeskundigen": 0,
        "instroomklas": 0,
        "tolkboekingen": 0,
        "koppelingen ervaringsdeskundigen": 0,
        "taalverwijzingen": 0,
    }
    tolken: dict[tuple[str, str], Tolk] = {}
    for code, lijst in TOLKEN.items():
        if code not in gemeenten:
            continue
        for naam, talen, soort, tarief in lijst:
            tolk, nieuw = Tolk.objects.get_or_create(
                gemeente=gemeenten[code],
                naam=naam,
                defaults={
                    "talen": talen,
                    "soort": soort,
                    "tarief_per_uur": Decimal(tarief),
                    "telefoon": "0495 000 000",
                    "email": "tolk@example.org",
                },
            )
            tolken[(code, naam)] = tolk
            aantallen["tolken"] += nieuw
    personen: dict[tuple[str, str], Ervaringsdeskundige] = {}
    for code, lijst in ERVARINGSDESKUNDIGEN.items():
        if code not in gemeenten:
            continue
        for naam, rollen, talen in lijst:
            persoon, nieuw = Ervaringsdeskundige.objects.get_or_create(
                gemeente=gemeenten[code],
                naam=naam,
                defaults={"rollen": [r.value for r in rollen], "talen": talen},
            )
            personen[(code, naam)] = persoon
            aantallen["ervaringsdeskundigen"] += nieuw

    trajecten = _trajecten(gemeenten)
    for voornaam, achternaam, weken, nog, workshops in KLAS_WEERT:
        traject = trajecten.get((voornaam, achternaam))
        if traject is None or traject.instroomklas_plaatsingen.exists():
            continue
        start = rules.week_van(vandaag) - timedelta(weeks=weken)
        plaatsing = InstroomklasPlaatsing.objects.create(
            traject=traject,
            gemeente_id=traject.gemeente_id,
            startdatum=start,
            geplande_einddatum=vandaag + timedelta(weeks=nog),
            toelichting="Wacht op de start van de leerroute.",
        )
        for i in range(weken):
            gepland = 4
            InstroomklasWeek.objects.create(
                plaatsing=plaatsing,
                week=start + timedelta(weeks=i),
                dagdelen_gepland=gepland,
                dagdelen_aanwezig=gepland - (i + weken) % 3 // 2,
            )
        for i, workshop in enumerate(workshops):
            Workshopdeelname.objects.create(
                plaatsing=plaatsing, workshop=workshop, datum=start + timedelta(weeks=i + 1, days=2)
            )
        registreer(traject, NETWERK, "In de instroomklas geplaatst", door(traject))
        aantallen["instroomklas"] += 1

    for voornaam, achternaam, tolknaam, gesprek, dagen, minuten, status in BOEKINGEN:
        traject = trajecten.get((voornaam, achternaam))
        tolk = tolken.get((codes.get(traject.gemeente_id, "") if traject else "", tolknaam))
        if (
            traject is None
            or tolk is None
            or traject.tolkboekingen.filter(gesprek=gesprek).exists()
        ):
            continue
        Tolkboeking.objects.create(
            traject=traject,
            tolk=tolk,
            gesprek=gesprek,
            datum=vandaag + timedelta(days=dagen),
            duur_minuten=minuten,
            tarief_per_uur=tolk.tarief_per_uur,
            status=status,
            kosten=rules.kosten(tolk.tarief_per_uur, minuten, status),
            door=door(traject),
        )
        registreer(traject, NETWERK, f"Tolk {tolk.naam} geboekt", door(traject))
        aantallen["tolkboekingen"] += 1

    for voornaam, achternaam, naam, rol, dagen in KOPPELINGEN:
        traject = trajecten.get((voornaam, achternaam))
        persoon = personen.get((codes.get(traject.gemeente_id, "") if traject else "", naam))
        if traject is None or persoon is None or traject.ervaringsdeskundigen.exists():
            continue
        ErvaringsdeskundigeKoppeling.objects.create(
            traject=traject,
            ervaringsdeskundige=persoon,
            rol=rol,
            sinds=vandaag + timedelta(days=dagen),
        )
        registreer(traject, NETWERK, f"Ervaringsdeskundige {persoon.naam} gekoppeld", door(traject))
        aantallen["koppelingen ervaringsdeskundigen"] += 1

    for voornaam, achternaam, soort, organisatie, dagen, status, per_week, totaal in VERWIJZINGEN:
        traject = trajecten.get((voornaam, achternaam))
        if traject is None or traject.taalverwijzingen.exists():
            continue
        Taalverwijzing.objects.create(
            traject=traject,
            soort=soort,
            organisatie=organisatie,
            datum=vandaag + timedelta(days=dagen),
            status=status,
            uren_per_week=Decimal(per_week) if per_week else None,
            uren_totaal=Decimal(totaal) if totaal else None,
        )
        registreer(traject, NETWERK, f"Verwezen naar {organisatie}", door(traject))
        aantallen["taalverwijzingen"] += 1
    return aantallen
