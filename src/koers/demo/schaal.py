"""Scale data: N fictional inburgeraars with their trajecten, fast, for load tests.

This is the one write path that skips the services: a million cases through ``meld_aan``
would take hours. It writes what the services would write (person, traject with derived
deadlines, the first timeline entry, an intake and a vastgesteld PIP version where the status
needs them) in batches of plain rows, one transaction per batch. Primary keys are reserved
first so person and traject (``huidig_traject``) point at each other without a second pass;
PostgreSQL gets the rows by COPY, SQLite by one prepared INSERT per table (``executemany``).
Deadlines come from :mod:`koers.inburgeraars.rules`; nothing here restates a rule.
Beschikking PDFs are not made (rendering a million PDFs is not the point of scale data).

BSNs start at 200000000 and pass the elfproef; a second run continues after the highest BSN
of that range, so runs add up and never collide with the demo persons (99999xxxx).
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

from django.db import connection, transaction
from django.utils import timezone

from koers.demo.teksten import ADRESSEN, LANDEN
from koers.inburgeraars import rules
from koers.inburgeraars.models import Gebeurtenis, Inburgeraar, Traject
from koers.intake.models import BredeIntake
from koers.organisaties.models import Gebruiker, Gemeente, Rol
from koers.pip import rules as pip_rules
from koers.pip.models import PipVersie

SCHAAL_PREFIX = 20000000  # BSN 200000000 and up
SCHAAL_BOVENGRENS = "999990000"  # below the demo range
BATCH = 5000

VOORNAMEN = (
    "Ahmad",
    "Amira",
    "Yonas",
    "Hiwet",
    "Mehmet",
    "Zeynep",
    "Olena",
    "Andriy",
    "Fatima",
    "Karim",
    "Nour",
    "Samir",
    "Aisha",
    "Omar",
    "Maryam",
    "Ali",
    "Leyla",
    "Dawit",
    "Semhar",
    "Bilal",
    "Rania",
    "Yusuf",
    "Iryna",
    "Hamid",
    "Huda",
    "Emre",
    "Selin",
    "Abdullah",
    "Fadumo",
    "Jamal",
    "Mariia",
    "Khaled",
    "Meron",
    "Tesfalem",
)
ACHTERNAMEN = (
    "Al-Hassan",
    "Tesfamariam",
    "Yılmaz",
    "Kovalenko",
    "Rahimi",
    "El Amrani",
    "Gebremedhin",
    "Mansour",
    "Demir",
    "Warsame",
    "Haddad",
    "Kaya",
    "Al-Khatib",
    "Haidari",
    "Berhane",
    "Petrenko",
    "Öztürk",
    "Hussein",
    "Noori",
    "Saleh",
    "Haile",
    "Arslan",
    "Darwish",
    "Çelik",
    "Aydın",
    "Kidane",
    "Ahmadi",
    "Ziani",
    "Bondarenko",
    "Safi",
    "Ali",
    "Al-Ahmad",
    "Tekle",
    "Benali",
    "Shevchenko",
    "Qasemi",
    "Al-Sayed",
    "Rezaei",
    "Mahmoud",
    "Habte",
    "Osman",
    "Yusuf",
)
DOELGROEPEN = (
    [rules.Doelgroep.ASIELSTATUSHOUDER] * 10
    + [rules.Doelgroep.GEZINSHERENIGER_MET_ASIELSTATUSHOUDER] * 3
    + [rules.Doelgroep.GEZINSVORMER_MET_ASIELSTATUSHOUDER]
    + [rules.Doelgroep.GEZINSVORMER] * 3
    + [rules.Doelgroep.GEZINSHERENIGER] * 2
    + [rules.Doelgroep.OVERIG, rules.Doelgroep.GEESTELIJK_BEDIENAAR]
)
# Share per status, in percent.
STATUSSEN = (
    (rules.Status.AANGEMELD, 15),
    (rules.Status.BREDE_INTAKE, 20),
    (rules.Status.PIP_VASTGESTELD, 15),
    (rules.Status.IN_UITVOERING, 40),
    (rules.Status.AFGEROND, 10),
)
_STATUS_REEKS = [s for s, pct in STATUSSEN for _ in range(pct)]
_REDENEN = [rules.Afrondingsreden.VOLDAAN] * 5 + [
    rules.Afrondingsreden.VERHUISD,
    rules.Afrondingsreden.VERTROKKEN,
    rules.Afrondingsreden.VRIJGESTELD,
    rules.Afrondingsreden.ONTHEVEN,
]
_LANDEN = list(LANDEN.items())
_PIP_STATUSSEN = {rules.Status.PIP_VASTGESTELD, rules.Status.IN_UITVOERING}


def _volgende_prefix() -> int:
    hoogste = (
        Inburgeraar.objects.filter(bsn__gte=f"{SCHAAL_PREFIX}0", bsn__lt=SCHAAL_BOVENGRENS)
        .order_by("-bsn")
        .values_list("bsn", flat=True)
        .first()
    )
    return int(hoogste[:8]) + 1 if hoogste else SCHAAL_PREFIX


def _adviseurs(gemeenten: list[Gemeente]) -> dict[int, list]:
    per_org: dict[int, list] = {g.organisatie_id: [] for g in gemeenten}
    for user in Gebruiker.objects.filter(organisatie_id__in=per_org, is_active=True):
        if user.heeft_rol(Rol.ADVISEUR):
            per_org[user.organisatie_id].append(user.pk)
    return {g.pk: per_org[g.organisatie_id] for g in gemeenten}


def _klok(status: str, vandaag: date, rng: random.Random) -> date:
    """Start of the PIP clock, plausible for the status (open cases spread around their
    deadline so the werkvoorraad has overdue, urgent and later work)."""
    if status in (rules.Status.AANGEMELD, rules.Status.BREDE_INTAKE):
        return vandaag - timedelta(days=rng.randint(0, 90))
    if status == rules.Status.PIP_VASTGESTELD:
        return vandaag - timedelta(days=rng.randint(70, 200))
    return vandaag - timedelta(days=rng.randint(120, 4 * 365))


def _batch(n: int, prefix_reeks, gemeenten, adviseurs, rng, vandaag) -> None:
    with transaction.atomic():
        persoon_ids = _nieuwe_ids(Inburgeraar, n)
        traject_ids = _nieuwe_ids(Traject, n)
        personen, trajecten, gebeurtenissen, intakes, pips = [], [], [], [], []
        for persoon_id, traject_id in zip(persoon_ids, traject_ids, strict=True):
            gemeente = rng.choice(gemeenten)
            status = rng.choice(_STATUS_REEKS)
            doelgroep = rng.choice(DOELGROEPEN)
            indeling = rules.doelgroepindeling(doelgroep).value
            land, (talen, tolk_taal) = rng.choice(_LANDEN)
            voornaam, achternaam = rng.choice(VOORNAMEN), rng.choice(ACHTERNAMEN)
            klok = _klok(status, vandaag, rng)
            tolk = rng.random() < 0.25
            straat, plaats = ADRESSEN.get(gemeente.gemeentecode, ("Dorpsstraat", ""))
            personen.append(
                {
                    "id": persoon_id,
                    "bsn": next(prefix_reeks),
                    "voornamen": voornaam,
                    "geslachtsnaam": achternaam,
                    "zoeknaam": f"{achternaam} {voornaam}".lower(),
                    "geboortedatum": date(
                        rng.randint(1960, 2006), rng.randint(1, 12), rng.randint(1, 28)
                    ),
                    "adres": f"{straat} {rng.randint(1, 200)}",
                    "postcode_plaats": plaats or gemeente.naam,
                    "talen": talen,
                    "tolk_nodig": tolk,
                    "tolk_taal": tolk_taal if tolk else "",
                    "gemeente_id": gemeente.pk,
                    "doelgroep": doelgroep.value,
                    "doelgroepindeling": indeling,
                    "doelgroepindeling_van_duo": True,
                    "turkse_nieuwkomer": land == "Turkije" and not rules.is_asielmigrant(indeling),
                    "vestigingsdatum": klok - timedelta(days=rng.randint(0, 30)),
                    "huidig_traject_id": traject_id,
                }
            )
            lijst = adviseurs[gemeente.pk]
            reden = rng.choice(_REDENEN).value if status == rules.Status.AFGEROND else ""
            pip_uiterlijk = rules.pip_uiterlijk(klok)
            traject = {
                "id": traject_id,
                "inburgeraar_id": persoon_id,
                "gemeente_id": gemeente.pk,
                "status": status.value,
                "afrondingsreden": reden,
                "adviseur_id": rng.choice(lijst) if lijst and rng.random() < 0.9 else None,
                "datum_start_plicht": klok - timedelta(days=14),
                "datum_start_pip_termijn": klok,
                "pip_uiterlijk": pip_uiterlijk,
                "volgende_deadline": rules.volgende_deadline(status, pip_uiterlijk),
            }
            if status in _PIP_STATUSSEN or reden == rules.Afrondingsreden.VOLDAAN:
                dagtekening = min(klok + timedelta(days=rng.randint(30, 70)), vandaag)
                traject["termijn_start"], traject["termijn_eind"] = pip_rules.termijn(dagtekening)
                traject["termijn_bron"] = "afgeleid"
                pips.append(_pip(traject_id, dagtekening, rng))
            trajecten.append(traject)
            gebeurtenissen.append(
                {
                    "traject_id": traject_id,
                    "soort": Gebeurtenis.Soort.AANGEMELD.value,
                    "omschrijving": f"Aangemeld bij de gemeente {gemeente.naam}",
                    "naar_status": rules.Status.AANGEMELD.value,
                }
            )
            if status != rules.Status.AANGEMELD:
                intakes.append(_intake(traject_id, klok, status, rng))
        # Both tables point at each other; the foreign keys are checked at commit.
        schrijf(Inburgeraar, personen)
        schrijf(Traject, trajecten)
        schrijf(Gebeurtenis, gebeurtenissen)
        schrijf(BredeIntake, intakes)
        schrijf(PipVersie, pips)


def _nieuwe_ids(model, n: int) -> list[int]:
    """Reserve ``n`` primary keys, so rows can point at each other before they are written.
    PostgreSQL: from the table's sequence. SQLite: after the highest id (the batch holds the
    write lock, so nobody else takes them)."""
    q = connection.ops.quote_name
    tabel, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [tabel, pk, n],
            )
            return [r[0] for r in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX({q(pk)}), 0) FROM {q(tabel)}")  # noqa: S608
        hoogste = cursor.fetchone()[0]
    return list(range(hoogste + 1, hoogste + 1 + n))


def schrijf(model, rijen: list[dict]) -> None:
    """Write rows (dicts by column attname) in one go: COPY on PostgreSQL, one prepared
    multi-row INSERT (executemany) elsewhere. Columns a row leaves out get the field's
    default, so a new field with a default needs no change here."""
    if not rijen:
        return
    nu = timezone.now()
    pk = model._meta.pk
    fields = [f for f in model._meta.concrete_fields if f is not pk or pk.attname in rijen[0]]
    standaard = {}
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            standaard[f.attname] = nu
        else:
            standaard[f.attname] = f.get_default()
    json_velden = {f.attname for f in fields if f.get_internal_type() == "JSONField"}
    q = connection.ops.quote_name
    kolommen = ", ".join(q(f.column) for f in fields)
    tabel = q(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {tabel} ({kolommen}) FROM STDIN") as copy:
                for rij in rijen:
                    copy.write_row(
                        [
                            json.dumps(w) if f.attname in json_velden else w
                            for f in fields
                            for w in (rij.get(f.attname, standaard.get(f.attname)),)
                        ]
                    )
            return
        waarden = ", ".join(["%s"] * len(fields))
        # Identifiers come from the model's metadata and are quoted; values are parameters.
        sql = f"INSERT INTO {tabel} ({kolommen}) VALUES ({waarden})"  # noqa: S608
        cursor.executemany(
            sql,
            [
                [
                    f.get_db_prep_save(rij.get(f.attname, standaard.get(f.attname)), connection)
                    for f in fields
                ]
                for rij in rijen
            ],
        )


_INTAKE_AFGEROND = {
    "leerbaarheid": {"toelichting": "Leert in een gewoon tempo."},
    "opleiding": {
        "toelichting": "Middelbare school.",
        "hoogste_niveau": "voortgezet",
        "jaren_onderwijs": 11,
    },
}


def _intake(traject_id: int, klok: date, status: str, rng: random.Random) -> dict:
    afgerond = status != rules.Status.BREDE_INTAKE
    return {
        "traject_id": traject_id,
        "status": "afgerond" if afgerond else "concept",
        "datum": klok + timedelta(days=21),
        "plaats": "gemeente",
        "gesprek_zonder_partner_aangeboden": afgerond,
        "onderwerpen": _INTAKE_AFGEROND,
        "lbt_uitslag": rng.choice(("B1-route haalbaar", "B1-route niet haalbaar"))
        if afgerond
        else "",
        "afgerond_op": timezone.now() if afgerond else None,
    }


def _pip(traject_id: int, dagtekening: date, rng: random.Random) -> dict:
    leerroute = rng.choice("BBBBBBZZO")
    return {
        "traject_id": traject_id,
        "versie": 1,
        "status": "vastgesteld",
        "dagtekening": dagtekening,
        "leerroute": leerroute,
        "niveau": {"B": "B1", "Z": "A2", "O": ""}[leerroute],
        "alfabetisering": "NVT",
        "toelichting_leerroute": "Leerroute volgens de leerbaarheidstoets.",
        "pvt_invulling": "PVT in een groep.",
        "pvt_uren": 16,
        "map_invulling": "" if leerroute == "O" else "MAP bij Werk.Kom.",
        "map_uren": None if leerroute == "O" else 64,
        "voortgangsgesprekken": "Elke drie maanden.",
        "vastgesteld_op": timezone.now(),
    }


def seed_schaal(
    aantal: int, *, gemeentecode: str | None = None, batch: int = BATCH, stdout=None
) -> int:
    """Add ``aantal`` inburgeraars with trajecten. Returns how many were made."""
    gemeenten = list(Gemeente.objects.select_related("organisatie").order_by("gemeentecode"))
    if gemeentecode:
        gemeenten = [g for g in gemeenten if g.gemeentecode == gemeentecode]
    if not gemeenten:
        raise ValueError(
            f"Gemeente met code {gemeentecode} bestaat niet."
            if gemeentecode
            else "Er zijn nog geen gemeenten."
        )
    adviseurs = _adviseurs(gemeenten)
    prefix = _volgende_prefix()
    rng = random.Random(prefix)  # reproducible per run
    reeks = rules.bsns_vanaf(prefix)
    vandaag = timezone.localdate()
    gedaan = 0
    while gedaan < aantal:
        n = min(batch, aantal - gedaan)
        _batch(n, reeks, gemeenten, adviseurs, rng, vandaag)
        gedaan += n
        if stdout is not None:
            stdout.write(f"  {gedaan} van {aantal} inburgeraars aangemaakt")
    return gedaan
