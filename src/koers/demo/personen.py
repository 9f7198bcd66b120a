"""About forty fictional inburgeraars for the demo, created through the services.

Every person walks the real write paths (``meld_aan``, intake ``bewaar``/``rond_af``, PIP
``bewaar_concept``/``stel_vast``, ``wijzig_status``) so the timeline, the beschikkingen and the
deadlines look exactly as they would after real work. Dates are relative to today: some PIP
deadlines are overdue, some fall within two weeks, some later. The BSNs lie in 99999xxxx, the
range RvIG keeps for tests, and pass the elfproef. A person whose BSN exists is skipped, so
seeding twice changes nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from koers.demo import teksten
from koers.inburgeraars import rules as traject_rules
from koers.inburgeraars import services as traject_services
from koers.inburgeraars.models import Gebeurtenis, Inburgeraar
from koers.inburgeraars.rules import datum_voluit
from koers.intake import services as intake_services
from koers.pip import services as pip_services
from koers.pip.models import DuoPip

DEMO_BSN_PREFIX = 99999000  # first eight digits; RvIG's test range 99999xxxx


def demo_trajecten(gemeenten):
    """The trajecten of the demo persons of these gemeenten (a dict or list), and only those:
    the uitvoering apps add their demo data to them (koers.demo.organisaties.seed), never to
    the many cases of ``seed --inburgeraars`` on a database seeded for scale."""
    from koers.inburgeraars.models import Traject

    gemeenten = list(gemeenten.values()) if isinstance(gemeenten, dict) else list(gemeenten)
    return Traject.objects.filter(gemeente__in=gemeenten, inburgeraar__bsn__in=demo_bsns())


def demo_bsns() -> list[str]:
    """The BSNs of the demo persons, in the order of PERSONEN."""
    reeks = traject_rules.bsns_vanaf(DEMO_BSN_PREFIX)
    return [next(reeks) for _ in PERSONEN]


@dataclass(frozen=True)
class Persoon:
    voornamen: str
    achternaam: str
    geboren: int
    land: str
    gemeente: str  # CBS code
    doelgroep: str  # key of DOELGROEPEN
    fase: str  # aangemeld | intake | intake_af | pip | pip2 | uitvoering | afgerond:<reden>
    opleiding: str  # key of intake OPLEIDINGSNIVEAUS
    beroep: str = ""
    kinderen: int = 0
    jong: int = 0  # children under 6
    tolk: bool = False
    turks: bool = False
    deadline: str = "later"  # laat | bijna | later (for the phases before the PIP)


P = Persoon
PERSONEN: tuple[Persoon, ...] = (
    # Weert
    P(
        "Amira",
        "Al-Hassan",
        1992,
        "Syrië",
        "0988",
        "A",
        "aangemeld",
        "voortgezet",
        "kapster",
        2,
        1,
        deadline="laat",
    ),
    P(
        "Yonas",
        "Tesfamariam",
        1998,
        "Eritrea",
        "0988",
        "A",
        "aangemeld",
        "basis",
        "bouwvakker",
        tolk=True,
        deadline="bijna",
    ),
    P(
        "Mehmet",
        "Yılmaz",
        1995,
        "Turkije",
        "0988",
        "GV",
        "aangemeld",
        "mbo",
        "elektricien",
        turks=True,
    ),
    P("Olena", "Kovalenko", 1988, "Oekraïne", "0988", "GV", "intake", "wo", "lerares Engels", 1, 1),
    P(
        "Ahmad",
        "Rahimi",
        1985,
        "Afghanistan",
        "0988",
        "A",
        "intake",
        "basis",
        "kleermaker",
        4,
        1,
        tolk=True,
        deadline="laat",
    ),
    P(
        "Fatima Zahra",
        "El Amrani",
        1997,
        "Marokko",
        "0988",
        "GV",
        "intake",
        "voortgezet",
        "",
        1,
        1,
        deadline="bijna",
    ),
    P(
        "Hiwet",
        "Gebremedhin",
        2000,
        "Eritrea",
        "0988",
        "GHA",
        "intake_af",
        "basis",
        "",
        tolk=True,
        deadline="bijna",
    ),
    P("Khaled", "Mansour", 1979, "Syrië", "0988", "A", "intake_af", "hbo", "civiel ingenieur", 3),
    P(
        "Zeynep",
        "Demir",
        1999,
        "Turkije",
        "0988",
        "GH",
        "intake_af",
        "voortgezet",
        "kassamedewerker",
        turks=True,
        deadline="laat",
    ),
    P(
        "Abdirahman",
        "Warsame",
        1990,
        "Somalië",
        "0988",
        "A",
        "pip",
        "geen",
        "veehouder",
        2,
        1,
        tolk=True,
    ),
    P("Rania", "Haddad", 1994, "Syrië", "0988", "GVA", "pip", "hbo", "apothekersassistente", 1, 1),
    P("Mustafa", "Kaya", 1972, "Turkije", "0988", "GB", "pip", "wo", "imam", 3, turks=True),
    P("Nour", "Al-Khatib", 2001, "Syrië", "0988", "A", "pip2", "voortgezet"),
    P("Samir", "Haidari", 1996, "Afghanistan", "0988", "A", "uitvoering", "mbo", "automonteur"),
    P(
        "Tesfalem",
        "Berhane",
        1993,
        "Eritrea",
        "0988",
        "A",
        "uitvoering",
        "basis",
        "boer",
        2,
        1,
        tolk=True,
    ),
    P("Hanna", "Petrenko", 1990, "Oekraïne", "0988", "O", "uitvoering", "hbo", "verpleegkundige"),
    P("Yusuf", "Öztürk", 1998, "Turkije", "0988", "GV", "uitvoering", "mbo", "lasser", turks=True),
    P("Aisha", "Hussein", 1987, "Irak", "0988", "GHA", "uitvoering", "geen", "", 5, 1, tolk=True),
    P(
        "Hamid",
        "Noori",
        1980,
        "Afghanistan",
        "0988",
        "A",
        "afgerond:verhuisd",
        "mbo",
        "timmerman",
        2,
    ),
    P("Lina", "Saleh", 1995, "Jemen", "0988", "A", "afgerond:vertrokken", "voortgezet"),
    P("Dawit", "Haile", 1988, "Eritrea", "0988", "A", "afgerond:voldaan", "mbo", "chauffeur", 1),
    P(
        "Ebru",
        "Arslan",
        1991,
        "Turkije",
        "0988",
        "GV",
        "afgerond:vrijgesteld",
        "wo",
        "docent wiskunde",
        turks=True,
    ),
    # Nederweert
    P("Bilal", "Darwish", 1990, "Syrië", "0946", "A", "aangemeld", "mbo", "loodgieter"),
    P(
        "Selin",
        "Çelik",
        1996,
        "Turkije",
        "0946",
        "GV",
        "intake",
        "voortgezet",
        "kapster",
        turks=True,
        deadline="laat",
    ),
    P("Emre", "Aydın", 1993, "Turkije", "0946", "GH", "pip", "mbo", "kok", 1, 1, turks=True),
    P(
        "Meron",
        "Kidane",
        1997,
        "Eritrea",
        "0946",
        "GHA",
        "intake_af",
        "basis",
        "",
        1,
        1,
        tolk=True,
        deadline="bijna",
    ),
    P("Maryam", "Ahmadi", 1984, "Iran", "0946", "A", "pip2", "wo", "architect", 2),
    P("Omar", "Ziani", 1989, "Marokko", "0946", "GV", "uitvoering", "mbo", "chauffeur", 2, 1),
    P("Iryna", "Bondarenko", 1986, "Oekraïne", "0946", "GV", "intake", "hbo", "boekhouder"),
    P(
        "Abdullah",
        "Safi",
        1975,
        "Afghanistan",
        "0946",
        "A",
        "afgerond:ontheven",
        "geen",
        "landarbeider",
        6,
        tolk=True,
    ),
    P(
        "Fadumo",
        "Ali",
        1999,
        "Somalië",
        "0946",
        "GVA",
        "aangemeld",
        "basis",
        "",
        1,
        1,
        tolk=True,
        deadline="bijna",
    ),
    # Cranendonck
    P(
        "Mohammed",
        "Al-Ahmad",
        1987,
        "Syrië",
        "1706",
        "A",
        "aangemeld",
        "basis",
        "bakker",
        3,
        tolk=True,
        deadline="bijna",
    ),
    P(
        "Semhar",
        "Tekle",
        1995,
        "Eritrea",
        "1706",
        "A",
        "intake",
        "basis",
        "",
        tolk=True,
        deadline="laat",
    ),
    P(
        "Karim",
        "Benali",
        1992,
        "Marokko",
        "1706",
        "GV",
        "intake_af",
        "voortgezet",
        "magazijnmedewerker",
    ),
    P(
        "Mariia",
        "Shevchenko",
        1994,
        "Oekraïne",
        "1706",
        "GV",
        "pip",
        "hbo",
        "grafisch ontwerper",
        1,
        1,
    ),
    P("Jamal", "Qasemi", 2002, "Afghanistan", "1706", "A", "pip2", "voortgezet"),
    P("Huda", "Al-Sayed", 1983, "Syrië", "1706", "GHA", "uitvoering", "basis", "", 3, 1),
    P("Ali", "Rezaei", 1991, "Iran", "1706", "A", "uitvoering", "wo", "tandarts"),
    P("Leyla", "Mahmoud", 1980, "Irak", "1706", "GH", "uitvoering", "voortgezet", "naaister", 2),
    P(
        "Tewelde",
        "Habte",
        1985,
        "Eritrea",
        "1706",
        "A",
        "afgerond:verhuisd",
        "basis",
        "metselaar",
        tolk=True,
    ),
)


# What the demo pretends DUO answered, exactly as the DUO simulator's demo scenario
# (src/koers/duo/simulator/scenario_demo.json) answers it, so that a check at DUO changes
# nothing. Dates are days before today. Persons in these phases have no answer from DUO yet:
# their doelgroepindeling stays Koers' own, provisional derivation.
DUO_NOG_NIET = ("aangemeld", "intake")
# A gezinsvormer who came with an asylum permit: DUO keeps his asylum rights, so he is an
# asielstatushouder for aanbod, ontzorgen and handhaving (DUO's indeling wins).
ASIELRECHTEN = {("Omar", "Ziani"): traject_rules.AsielrechtenWijziging.BEHOUD_ASIELRECHTEN}
# Partial ontheffing on medical grounds for a Z-route person (API Ontheffing): at most this
# many hours of participatieactiviteiten; DUO decided ``dagen`` days ago.
GEDEELTELIJK_ONTHEVEN = {("Huda", "Al-Sayed"): {"uren": 400, "dagen": 120}}
# Moved in with a PIP of an earlier gemeente (SS121): that gemeente, and the dagtekening of
# its PIP (days ago). The new gemeente's own PIP keeps the leerroute.
PIP_ELDERS = {
    ("Mariia", "Shevchenko"): {
        "gemeentecode": "0772",
        "dagen": 175,
        "leerroute": "B",
        "niveau": "B1",
    }
}
# A tijdelijke vrijstelling (SS109) that ended (SS130): from/to, days ago.
TIJDELIJK_VRIJGESTELD = {("Leyla", "Mahmoud"): (130, 70)}


@dataclass(frozen=True)
class Klokken:
    klok: date  # start of the 10-week PIP clock
    intake: date
    pip: date  # dagtekening of the first PIP
    pip2: date


def _klokken(p: Persoon, index: int, vandaag: date) -> Klokken:
    spreiding = timedelta(days=index % 6)
    if p.fase == "afgerond:voldaan":
        klok = vandaag - timedelta(weeks=3 * 52 + 20)
    elif p.fase == "afgerond:ontheven":
        klok = vandaag - timedelta(weeks=2 * 52)
    elif p.fase in ("pip", "pip2", "uitvoering", "afgerond:verhuisd"):
        klok = vandaag - timedelta(weeks=24 + index % 16)
    elif p.deadline == "laat":
        klok = vandaag - timedelta(weeks=12) - spreiding
    elif p.deadline == "bijna":
        klok = vandaag - timedelta(weeks=9) + spreiding
    else:
        klok = vandaag - timedelta(weeks=3) - spreiding
    intake = min(klok + timedelta(weeks=3), vandaag)
    return Klokken(
        klok=klok, intake=intake, pip=klok + timedelta(weeks=8), pip2=klok + timedelta(weeks=18)
    )


def _persoonsgegevens(p: Persoon, index: int, bsn: str, k: Klokken, rng: random.Random) -> dict:
    talen, tolk_taal = teksten.LANDEN[p.land]
    if p.opleiding in ("hbo", "wo"):
        talen = [*talen, "Engels"]
    doelgroep = teksten.DOELGROEPEN[p.doelgroep]
    asiel = traject_rules.is_asielmigrant(traject_rules.doelgroepindeling(doelgroep))
    straat, postcode = teksten.ADRESSEN[p.gemeente]
    return {
        "bsn": bsn,
        "vnummer": f"99{index:08d}" if asiel else "",
        "voornamen": p.voornamen,
        "geslachtsnaam": p.achternaam,
        "geboortedatum": date(p.geboren, rng.randint(1, 12), rng.randint(1, 28)),
        "telefoon": f"06 0000 0{index:03d}",
        "email": f"{p.voornamen.split()[0].lower()}.{index}@example.org",
        "adres": f"{straat} {rng.randint(2, 140)}",
        "postcode_plaats": postcode,
        "talen": talen,
        "tolk_nodig": p.tolk,
        "tolk_taal": tolk_taal if p.tolk else "",
        "doelgroep": doelgroep.value,
        "turkse_nieuwkomer": p.turks,
        "vestigingsdatum": k.klok if asiel else k.klok - timedelta(days=20),
        "datum_start_plicht": k.klok - timedelta(days=14),
        "datum_start_pip_termijn": k.klok,
    }


def leerroute(p: Persoon, vandaag: date) -> str:
    """The route the demo adviseur chose: Z for little schooling, O for young people with
    secondary or higher education, B otherwise."""
    if p.opleiding in ("geen", "basis"):
        return "Z"
    if p.geboren >= vandaag.year - 28 and p.opleiding in ("voortgezet", "hbo", "wo"):
        return "O"
    return "B"


def _maak(p: Persoon, index: int, bsn: str, gemeente, adviseur, teamleider, vandaag: date) -> None:
    rng = random.Random(bsn)  # fictional data, reproducible per person
    k = _klokken(p, index, vandaag)
    door = adviseur
    inburgeraar = traject_services.meld_aan(
        gemeente=gemeente, door=teamleider or adviseur, **_persoonsgegevens(p, index, bsn, k, rng)
    )
    traject = inburgeraar.huidig_traject
    # DUO's notice opened the case on the day the PIP's 10 weeks started, not on the day the
    # demo was loaded: the dashboards count lead times and the cohort from it
    # (koers.sturing.rules.aanmeldingsdatum), so no intake or PIP lies before it.
    traject.aangemeld_op = timezone.make_aware(datetime.combine(k.klok, time(9)))
    type(traject).objects.filter(pk=traject.pk).update(aangemeld_op=traject.aangemeld_op)
    fase, _, reden = p.fase.partition(":")
    unassigned = fase == "aangemeld" and index % 2 == 1 and teamleider is not None
    if not unassigned:
        traject_services.wijs_adviseur_toe(traject, adviseur, teamleider or adviseur)

    stappen = {"aangemeld": 0, "intake": 1, "intake_af": 2, "pip": 3, "pip2": 4, "uitvoering": 5}
    if fase == "afgerond":
        stap = {"vertrokken": 0, "vrijgesteld": 0, "verhuisd": 1, "voldaan": 5, "ontheven": 5}[
            reden
        ]
    else:
        stap = stappen[fase]
    route = leerroute(p, vandaag)
    if stap >= 1:
        intake_services.bewaar(
            traject, door, teksten.intake(p, route, k.intake, rng, volledig=stap >= 2)
        )
    if stap >= 2:
        intake_services.rond_af(traject, door)
    elders = PIP_ELDERS.get((p.voornamen, p.achternaam))
    if elders is not None:
        _pip_elders(traject, elders, vandaag)
    if stap >= 3:
        pip = pip_services.bewaar_concept(traject, door, teksten.pip(p, route, k.pip, 1))
        pip_services.stel_vast(traject, pip.versie, door)
    if stap == 4:
        pip = pip_services.bewaar_concept(traject, door, teksten.pip(p, route, k.pip2, 2))
        pip_services.stel_vast(traject, pip.versie, door)
    if stap >= 5:
        traject_services.wijzig_status(
            traject,
            traject_rules.Status.IN_UITVOERING,
            door,
            toelichting="Gestart met de leerroute.",
        )
    if fase not in DUO_NOG_NIET:
        _duo_antwoorden(p, traject, k, vandaag)
    if fase == "afgerond":
        traject_services.wijzig_status(
            traject,
            traject_rules.Status.AFGEROND,
            door,
            reden=reden,
            toelichting=teksten.AFRONDING[reden],
        )


def _duo(traject, gid: str, omschrijving: str, toelichting: str = "") -> None:
    traject_services.registreer(
        traject,
        Gebeurtenis.Soort.DUO,
        f"DUO ({gid}): {omschrijving}",
        None,
        toelichting=toelichting,
    )


def _duo_antwoorden(p: Persoon, traject, k: Klokken, vandaag: date) -> None:
    """DUO's doelgroep with its history, a partial ontheffing and a tijdelijke vrijstelling,
    stored by the same services the DUO handlers use (koers.duo.handlers)."""
    inburgeraar = traject.inburgeraar
    sleutel = (p.voornamen, p.achternaam)
    doelgroep = teksten.DOELGROEPEN[p.doelgroep]
    asielrechten = ASIELRECHTEN.get(sleutel)
    indeling = (
        traject_rules.Doelgroepindeling.ASIELSTATUSHOUDER
        if asielrechten
        else traject_rules.doelgroepindeling(doelgroep)
    )
    begin = (k.klok - timedelta(days=14)).isoformat()  # DUO: the start of the plicht
    antwoord = {
        "gedetailleerdeDoelgroep": doelgroep.value,
        "indeling": indeling.value,
        "begindatum": begin,
    }
    if asielrechten:
        antwoord["asielrechtenWijzigingVerblijfsdoel"] = asielrechten.value
    wijzigingen = traject_services.neem_doelgroep_over_van_duo(
        inburgeraar,
        doelgroep=antwoord,
        historie=[{"indeling": indeling.value, "begindatum": begin}],
    )
    if wijzigingen:
        _duo(traject, "HERSTEL", "doelgroep van DUO: " + "; ".join(wijzigingen))

    ontheven = GEDEELTELIJK_ONTHEVEN.get(sleutel)
    if ontheven is not None:
        regel = traject_services.neem_ontheffing_over_van_duo(
            inburgeraar,
            [
                {
                    "GedeeltelijkeOntheffing": {
                        "oordeel": "Toekenning",
                        "grond": "MED",
                        "datumOordeel": (vandaag - timedelta(days=ontheven["dagen"])).isoformat(),
                        "urenBelastbaarheidParticipatieactiviteit": ontheven["uren"],
                    }
                }
            ],
        )
        if regel:
            _duo(traject, "HERSTEL", regel)

    pauze = TIJDELIJK_VRIJGESTELD.get(sleutel)
    if pauze is not None:
        _tijdelijk_vrijgesteld(
            traject, vandaag - timedelta(days=pauze[0]), vandaag - timedelta(days=pauze[1])
        )


def _tijdelijk_vrijgesteld(traject, van: date, tot: date) -> None:
    """SS109 and, on ``tot``, SS130, as koers.duo.handlers.pauzeer and _hervat record them:
    the 10-week clock stood still and the planned gesprekken move by the pause."""
    traject_services.pauzeer_klok(traject, van)
    _duo(
        traject,
        "SS109",
        "tijdelijke vrijstelling; het traject staat stil",
        f"Tijdelijke vrijstelling: Toekenning, vanaf {datum_voluit(van)}",
    )
    traject_services.hervat_klok(traject, tot)
    _duo(
        traject,
        "SS130",
        "tijdelijke vrijstelling ingetrokken; het traject loopt weer",
        f"Het traject loopt weer vanaf {datum_voluit(tot)}.",
    )


def _pip_elders(traject, elders: dict, vandaag: date) -> None:
    """SS121: DUO's current PIP is the earlier gemeente's, stored as koers.duo.handlers
    .bewaar_duo_pip stores it; the PIP rules of this gemeente use it."""
    dagtekening = vandaag - timedelta(days=elders["dagen"])
    DuoPip.objects.create(
        traject=traject,
        gemeentecode=elders["gemeentecode"],
        dagtekening=dagtekening,
        leerroute=elders["leerroute"],
        niveau=elders["niveau"],
    )
    _duo(
        traject,
        "SS121",
        "gevestigd met een PIP van een vorige gemeente",
        f"PIP van gemeente {elders['gemeentecode']}: leerroute {elders['leerroute']}, "
        f"dagtekening {datum_voluit(dagtekening)}, niveau {elders['niveau']}",
    )


def seed_personen(gemeenten: dict, accounts: dict, stdout=None) -> int:
    """Create the demo persons that do not exist yet. Returns how many were created."""
    vandaag = timezone.localdate()
    nummers = demo_bsns()
    bestaand = set(Inburgeraar.objects.filter(bsn__in=nummers).values_list("bsn", flat=True))
    adviseurs = {
        "0988": accounts["adviseur-weert"],
        "0946": accounts["adviseur-nederweert"],
        "1706": accounts["adviseur-cranendonck"],
    }
    teamleiders = {"0988": accounts["teamleider-weert"]}
    nieuw = 0
    for index, (p, bsn) in enumerate(zip(PERSONEN, nummers, strict=True), start=1):
        if bsn in bestaand:
            continue
        with transaction.atomic():
            _maak(
                p,
                index,
                bsn,
                gemeenten[p.gemeente],
                adviseurs[p.gemeente],
                teamleiders.get(p.gemeente),
                vandaag,
            )
        nieuw += 1
        if stdout is not None and nieuw % 10 == 0:
            stdout.write(f"  {nieuw} inburgeraars aangemaakt")
    return nieuw
