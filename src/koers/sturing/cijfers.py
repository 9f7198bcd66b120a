"""The figures of the dashboards, computed set-based in the database.

Every source (:data:`BRONNEN`) runs one to three grouped queries (GROUP BY gemeente, year
and half year, asielmigrant or not, Turkse nieuwkomer or not, with conditional aggregates),
whatever the number of cases, and returns the counts per cell of those dimensions
(:data:`Rijen`). :func:`per_gemeente` adds the cells of a doelgroep and period together per
gemeente; the pages add the gemeenten of a scope together, so a scope's figure and the
figure of one's own gemeente come from the same answer (needed for
:func:`koers.sturing.rules.verschil_onderdrukken`). The cells are what the summary table
(:mod:`koers.sturing.kubus`) keeps, so a page never counts the cases itself.

The cohort of a period: the trajecten *aangemeld* (opened) in it. Status, leerroute, PIP and
closing reason are those of that cohort today. Events with their own date (exams, gesprekken,
ontzorgen, housing) count in the period of that date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear, Least, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.begeleiding.models import Ontzorgen
from koers.inburgeraars import rules as traject_rules
from koers.inburgeraars.models import Inburgeraar, Traject
from koers.intake import rules as intake_rules
from koers.leerroute import rules as leerroute_rules
from koers.leerroute.models import Examenresultaat, Zroute
from koers.monitoring import rules as monitoring_rules
from koers.organisaties.models import Taakstelling
from koers.pip import rules as pip_rules
from koers.pip.models import PipVersie
from koers.sturing import rules
from koers.sturing.rules import Periode

# The stored doelgroepindeling (DUO's Doelgroep.indeling), not the detailed doelgroep.
ASIEL = [traject_rules.Doelgroepindeling.ASIELSTATUSHOUDER.value]
DOELGROEPEN = {  # filter value -> label
    "asiel": _("Asielstatushouders"),
    "gezin": _("Gezins- en overige migranten"),
    "turks": _("Turkse nieuwkomers"),
}
STATUSSEN = [s.value for s in traject_rules.Status]
LEERROUTES = list(pip_rules.LEERROUTE_NAMEN)
REDENEN = [r.value for r in traject_rules.Afrondingsreden]

Per = dict[int, dict[str, float]]


Vak = tuple[int, int | None, int | None, bool, bool]  # gemeente, jaar, halfjaar, asiel, turks
Rijen = dict[Vak, dict[str, float]]
# Distinct persons cannot be added over half years (one person can be in both): for a year
# the larger half year counts, a lower bound, so the threshold errs on the safe side.
PERSONEN_SUFFIX = "_trajecten"


def _grenzen(periode: Periode) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(periode.start, dt.time.min, tz),
        dt.datetime.combine(periode.eind, dt.time.min, tz),
    )


def _periode_q(veld: str, periode: Periode | None, *, tijdstip: bool = False) -> Q:
    if periode is None:
        return Q()
    van, tot = _grenzen(periode) if tijdstip else (periode.start, periode.eind)
    return Q(**{f"{veld}__gte": van, f"{veld}__lt": tot})


def _dimensies(qs, *, gemeente: str, persoon: str, datum: str | None):
    """``values()`` over the dimensions every figure is kept by: gemeente, year and half
    year of ``datum`` (none for a snapshot), asielmigrant or not, Turkse nieuwkomer or not.
    ``persoon`` is the path to the inburgeraar ("inburgeraar__", "traject__inburgeraar__")."""
    extra = {
        "d_asiel": Case(
            When(**{f"{persoon}doelgroepindeling__in": ASIEL}, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        "d_turks": F(f"{persoon}turkse_nieuwkomer"),
    }
    if datum:
        extra["d_jaar"] = ExtractYear(datum)
        extra["d_half"] = Case(
            When(**{f"{datum}__month__gte": 7}, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    return qs.annotate(**extra).order_by().values(gemeente, *extra)


def _rijen(rijen, gemeente: str) -> Rijen:
    uit: Rijen = {}
    for rij in rijen:
        jaar, half = rij.pop("d_jaar", None), rij.pop("d_half", None)
        # PostgreSQL's EXTRACT answers a numeric (Decimal): keys are plain ints.
        vak = (
            rij.pop(gemeente),
            None if jaar is None else int(jaar),
            None if half is None else int(half),
            bool(rij.pop("d_asiel")),
            bool(rij.pop("d_turks")),
        )
        cijfers = uit.setdefault(vak, {})
        for sleutel, waarde in rij.items():
            cijfers[sleutel] = cijfers.get(sleutel, 0) + _getal(waarde)
    return uit


def _getal(waarde) -> float:
    """A count, or a summed duration as whole days (SQLite answers microseconds,
    PostgreSQL a timedelta)."""
    if not waarde:
        return 0
    if isinstance(waarde, dt.timedelta):
        return waarde.days
    if isinstance(waarde, int):
        return waarde
    return int(waarde)


def _samen(*delen: Rijen) -> Rijen:
    uit: Rijen = {}
    for deel in delen:
        for vak, cijfers in deel.items():
            doel = uit.setdefault(vak, {})
            for sleutel, waarde in cijfers.items():
                doel[sleutel] = doel.get(sleutel, 0) + waarde
    return uit


def past(vak: Vak, doelgroep: str | None, periode: Periode | None) -> bool:
    """Whether a cell of figures belongs to the doelgroep and period asked for."""
    _gemeente, jaar, half, asiel, turks = vak
    if doelgroep == "asiel" and not asiel or doelgroep == "gezin" and asiel:
        return False
    if doelgroep == "turks" and not turks:
        return False
    if jaar is None or periode is None:
        return True
    return any((jaar, half) == (h.jaar, h.halfjaar) for h in periode.halfjaren())


def per_gemeente(rijen: Rijen, doelgroep: str | None, periode: Periode | None) -> Per:
    """The cells of the doelgroep and period added up per gemeente."""
    personen: dict[tuple, float] = {}
    uit: Per = {}
    for vak, cijfers in rijen.items():
        if not past(vak, doelgroep, periode):
            continue
        som = uit.setdefault(vak[0], {})
        for sleutel, waarde in cijfers.items():
            if sleutel.endswith(PERSONEN_SUFFIX):
                groep = (vak[0], vak[3], vak[4], sleutel)
                personen[groep] = max(personen.get(groep, 0), waarde)
            else:
                som[sleutel] = som.get(sleutel, 0) + waarde
    for (gemeente, _asiel, _turks, sleutel), waarde in personen.items():
        uit[gemeente][sleutel] = uit[gemeente].get(sleutel, 0) + waarde
    return uit


# --- the figures, kept by dimension ------------------------------------------------------------


def _cohort(gemeente_ids, periode: Periode | None):
    return Traject.objects.filter(
        _periode_q("aangemeld_op", periode, tijdstip=True), gemeente_id__in=list(gemeente_ids)
    )


def _pips(gemeente_ids, periode: Periode | None, *, eerste: bool):
    """The first (``eerste``) or the current vastgesteld PIP version of each traject of the
    cohort: the version with no earlier (later) vastgesteld version beside it. A NOT EXISTS,
    which the database answers as one anti-join, not a lookup per row."""
    ander = PipVersie.objects.filter(
        traject_id=OuterRef("traject_id"), status=PipVersie.Status.VASTGESTELD
    )
    ander = (
        ander.filter(versie__lt=OuterRef("versie"))
        if eerste
        else ander.filter(versie__gt=OuterRef("versie"))
    )
    return PipVersie.objects.filter(
        _periode_q("traject__aangemeld_op", periode, tijdstip=True),
        ~Exists(ander),
        status=PipVersie.Status.VASTGESTELD,
        traject__gemeente_id__in=list(gemeente_ids),
    )


def _cohort_dimensies(qs, pad: str = ""):
    return _dimensies(
        qs, gemeente=f"{pad}gemeente_id", persoon=f"{pad}inburgeraar__", datum=f"{pad}aangemeld_op"
    )


def aantallen_rijen(gemeente_ids, periode: Periode | None, vandaag: dt.date) -> Rijen:
    """Instroom (the cohort opened in a half year) by doelgroep, Turkse nieuwkomers, status
    and leerroute of the current vastgesteld PIP. Two queries: the cohort, its current PIPs."""
    asiel = Q(inburgeraar__doelgroepindeling__in=ASIEL)
    cohort = _rijen(
        _cohort_dimensies(_cohort(gemeente_ids, periode)).annotate(
            totaal=Count("pk"),
            asiel=Count("pk", filter=asiel),
            gezin=Count("pk", filter=~asiel),
            turks=Count("pk", filter=Q(inburgeraar__turkse_nieuwkomer=True)),
            **{f"status_{s}": Count("pk", filter=Q(status=s)) for s in STATUSSEN},
        ),
        "gemeente_id",
    )
    routes = _rijen(
        _cohort_dimensies(_pips(gemeente_ids, periode, eerste=False), "traject__").annotate(
            **{f"route_{r}": Count("pk", filter=Q(leerroute=r)) for r in LEERROUTES}
        ),
        "traject__gemeente_id",
    )
    uit = _samen(cohort, routes)
    for cijfers in uit.values():
        cijfers["route_geen"] = cijfers.get("totaal", 0) - sum(
            cijfers.get(f"route_{r}", 0) for r in LEERROUTES
        )
    return uit


def gevestigd_rijen(gemeente_ids, periode: Periode | None, vandaag: dt.date) -> Rijen:
    """Realised housing, as Koers can count it: the asielmigrant inburgeraars by the half year
    of their vestigingsdatum (the day they settled in the gemeente; without it, the day Koers
    registered them). Koers knows only the inburgeringsplichtige adults, not the children
    housed with them, so the dashboard compares this with the prognosis (half the
    taakstelling, startnotitie §5.1), not with the taakstelling itself."""
    qs = Inburgeraar.objects.filter(gemeente_id__in=list(gemeente_ids), doelgroepindeling__in=ASIEL)
    qs = qs.annotate(gevestigd_op=Coalesce("vestigingsdatum", TruncDate("aangemaakt_op")))
    qs = qs.filter(_periode_q("gevestigd_op", periode))
    return _rijen(
        _dimensies(qs, gemeente="gemeente_id", persoon="", datum="gevestigd_op").annotate(
            gevestigd=Count("pk")
        ),
        "gemeente_id",
    )


def _aanmeldingsdatum(traject: str = ""):
    """:func:`koers.sturing.rules.aanmeldingsdatum` in SQL: the earlier of DUO's clock start
    and the day Koers registered the case (``traject`` is the path to the traject)."""
    geregistreerd = TruncDate(f"{traject}aangemeld_op")
    return Least(Coalesce(f"{traject}datum_start_pip_termijn", geregistreerd), geregistreerd)


def _doorlooptijd(stap: str, traject: str = ""):
    """:func:`koers.sturing.rules.doorlooptijd_dagen` in SQL: days from the aanmelding to
    ``stap``, 0 for a step dated before it."""
    aanmelding = _aanmeldingsdatum(traject)
    return Case(
        When(
            Q(**{f"{stap}__gte": aanmelding}),
            then=ExpressionWrapper(F(stap) - aanmelding, output_field=DurationField()),
        ),
        default=Value(dt.timedelta(0)),
        output_field=DurationField(),
    )


def doorlooptijden_rijen(gemeente_ids, periode: Periode | None, vandaag: dt.date) -> Rijen:
    """PIP on time, days from aanmelding (:func:`koers.sturing.rules.aanmeldingsdatum`) to
    intake and to PIP (never negative, :func:`koers.sturing.rules.doorlooptijd_dagen`), and
    closing reasons of the cohort. On time: the first PIP's dagtekening on or before the
    traject's ``pip_uiterlijk`` (derived by :func:`koers.inburgeraars.rules.pip_uiterlijk`,
    the 10-week clock); late: after it, or no PIP while that day has passed. Cases whose
    clock still runs do not count.
    Three queries: the cohort, its first PIPs, and its cases late without a PIP.
    """
    met_intake = Q(intake__datum__isnull=False)
    cohort = _rijen(
        _cohort_dimensies(_cohort(gemeente_ids, periode)).annotate(
            intake_n=Count("pk", filter=met_intake),
            intake_duur=Sum(_doorlooptijd("intake__datum"), filter=met_intake),
            afgerond=Count("pk", filter=Q(status=traject_rules.Status.AFGEROND)),
            **{
                f"reden_{r}": Count(
                    "pk", filter=Q(status=traject_rules.Status.AFGEROND, afrondingsreden=r)
                )
                for r in REDENEN
            },
        ),
        "gemeente_id",
    )
    eerste = _rijen(
        _cohort_dimensies(
            _pips(gemeente_ids, periode, eerste=True).filter(dagtekening__isnull=False), "traject__"
        ).annotate(
            pip_n=Count("pk"),
            pip_duur=Sum(_doorlooptijd("dagtekening", "traject__")),
            pip_tijdig=Count("pk", filter=Q(dagtekening__lte=F("traject__pip_uiterlijk"))),
            pip_te_laat=Count("pk", filter=Q(dagtekening__gt=F("traject__pip_uiterlijk"))),
        ),
        "traject__gemeente_id",
    )
    zonder = PipVersie.objects.filter(
        traject_id=OuterRef("pk"), status=PipVersie.Status.VASTGESTELD
    )
    te_laat = _rijen(
        _cohort_dimensies(
            _cohort(gemeente_ids, periode).filter(~Exists(zonder), pip_uiterlijk__lt=vandaag)
        ).annotate(pip_te_laat=Count("pk")),
        "gemeente_id",
    )
    return _samen(cohort, eerste, te_laat)


def gesprekken_rijen(gemeente_ids, periode: Periode | None, vandaag: dt.date) -> Rijen:
    """Voortgangsgesprekken by the half year they were planned in, once their day and the
    margin of :data:`koers.sturing.rules.GESPREK_MARGE` have passed: held on time, not held,
    and the persons they are about."""
    from koers.monitoring.models import Voortgangsgesprek

    marge = rules.GESPREK_MARGE
    qs = Voortgangsgesprek.objects.filter(
        _periode_q("gepland_op", periode),
        traject__gemeente_id__in=list(gemeente_ids),
        gepland_op__lte=vandaag - marge,
    )
    op_tijd = Q(gehouden_op__isnull=False, gehouden_op__lte=F("gepland_op") + marge)
    return _rijen(
        _dimensies(
            qs,
            gemeente="traject__gemeente_id",
            persoon="traject__inburgeraar__",
            datum="gepland_op",
        ).annotate(
            gepland=Count("pk"),
            op_tijd=Count("pk", filter=op_tijd),
            niet_gehouden=Count("pk", filter=Q(gehouden_op__isnull=True)),
            gesprek_trajecten=Count("traject_id", distinct=True),
        ),
        "traject__gemeente_id",
    )


def ontzorgen_rijen(gemeente_ids, periode: Periode | None, vandaag: dt.date) -> Rijen:
    """Financieel ontzorgen by the half year it ended (up to today), and how many went on to
    complete the course in financiële zelfredzaamheid (startnotitie §6.6)."""
    qs = Ontzorgen.objects.filter(
        _periode_q("einddatum", periode), gemeente_id__in=list(gemeente_ids), einddatum__lt=vandaag
    )
    return _rijen(
        _dimensies(
            qs, gemeente="gemeente_id", persoon="traject__inburgeraar__", datum="einddatum"
        ).annotate(
            beeindigd=Count("pk"), cursus_afgerond=Count("pk", filter=Q(cursus_status="afgerond"))
        ),
        "gemeente_id",
    )


def zroute_rijen(gemeente_ids, periode: Periode | None, vandaag: dt.date) -> Rijen:
    """Running Z-routes today: on schedule or behind (``achter_vanaf``, set by
    :func:`koers.leerroute.rules.achter_vanaf`). A snapshot, in every period."""
    qs = Zroute.objects.filter(
        traject__gemeente_id__in=list(gemeente_ids), afgerond_op__isnull=True
    ).exclude(traject__status=traject_rules.Status.AFGEROND)
    return _rijen(
        _dimensies(
            qs, gemeente="traject__gemeente_id", persoon="traject__inburgeraar__", datum=None
        ).annotate(lopend=Count("pk"), achter=Count("pk", filter=Q(achter_vanaf__isnull=False))),
        "traject__gemeente_id",
    )


def examens_rijen(gemeente_ids, periode: Periode | None, vandaag: dt.date) -> Rijen:
    """Exam results by the half year of the exam, per part (``<onderdeel>_<resultaat>``)."""
    qs = Examenresultaat.objects.filter(
        _periode_q("examendatum", periode), traject__gemeente_id__in=list(gemeente_ids)
    )
    aggregaten = {
        f"{o}_{r}": Count("pk", filter=Q(onderdeel=o, resultaat=r))
        for o in leerroute_rules.EXAMENONDERDELEN
        for r in leerroute_rules.EXAMENRESULTATEN
    }
    return _rijen(
        _dimensies(
            qs,
            gemeente="traject__gemeente_id",
            persoon="traject__inburgeraar__",
            datum="examendatum",
        ).annotate(**aggregaten),
        "traject__gemeente_id",
    )


def _sql_dialect(vendor: str) -> dict:
    """The pieces of SQL that PostgreSQL and SQLite write differently: a number or text from
    a JSON object by key, unnesting a JSON array, and the year and month of a date. (``%%``
    is a literal percent sign: the statement has parameters.)"""
    if vendor == "postgresql":
        return {
            "getal": lambda doc, k: f"(({doc})->>'{k}')::numeric",
            "tekst": lambda doc, k: f"({doc})->>'{k}'",
            "elementen": "jsonb_array_elements(g.iv) AS e(value)",
            "jaar": lambda d: f"CAST(EXTRACT(YEAR FROM {d}) AS integer)",
            "maand": lambda d: f"CAST(EXTRACT(MONTH FROM {d}) AS integer)",
        }
    return {
        "getal": lambda doc, k: f"json_extract({doc}, '$.{k}')",
        "tekst": lambda doc, k: f"json_extract({doc}, '$.{k}')",
        "elementen": "json_each(g.iv) AS e",
        "jaar": lambda d: f"CAST(strftime('%%Y', {d}) AS integer)",
        "maand": lambda d: f"CAST(strftime('%%m', {d}) AS integer)",
    }


def gezondheid_rijen(gemeente_ids, periode: Periode | None, vandaag: dt.date) -> Rijen:
    """Change in Positieve Gezondheid after each kind of intervention: for every held
    gesprek where interventions were decided, the next held gesprek's scores minus its own,
    per dimension (the definition of :func:`koers.monitoring.rules.effecten`, set-based with
    a window function), kept by the half year of the gesprek.

    Per cell ``{<soort>_som, <soort>_n (dimension scores compared), <soort>_trajecten}``.
    One query; raw SQL because JSON arrays are unnested differently by PostgreSQL and SQLite.
    """
    ids = [int(i) for i in gemeente_ids]
    if not ids:
        return {}
    sql_ = _sql_dialect(connection.vendor)
    getal, tekst = sql_["getal"], sql_["tekst"]
    # Only constants go into the SQL text (the dimension keys of the rules, checked to be
    # plain identifiers); every value is a parameter.
    dimensies = [d for d in intake_rules.DIMENSIE_SLEUTELS if re.fullmatch(r"[a-z_]+", d)]
    verschillen = " + ".join(
        f"COALESCE({getal('g.na', d)} - {getal('g.voor', d)}, 0)" for d in dimensies
    )
    vergeleken = " + ".join(
        f"(CASE WHEN {getal('g.na', d)} IS NOT NULL AND {getal('g.voor', d)} IS NOT NULL "
        "THEN 1 ELSE 0 END)"
        for d in dimensies
    )
    # The window only looks ahead: gesprekken before the period are not needed.
    binnen, vanaf, params_binnen, params_buiten = "", "", list[object](), list[object]()
    if periode is not None:
        vanaf, params_binnen = "v.gehouden_op >= %s AND ", [periode.start]
        binnen, params_buiten = " AND g.op >= %s AND g.op < %s", [periode.start, periode.eind]
    asiel = ", ".join(["%s"] * len(ASIEL))
    soort = tekst("e.value", "soort")
    sql = f"""
        WITH g AS (
          SELECT v.traject_id, t.gemeente_id, v.gehouden_op AS op, v.interventies AS iv,
                 v.positieve_gezondheid AS voor,
                 LEAD(v.positieve_gezondheid) OVER (
                   PARTITION BY v.traject_id ORDER BY v.gehouden_op, v.id) AS na,
                 CASE WHEN i.doelgroepindeling IN ({asiel}) THEN 1 ELSE 0 END AS asiel,
                 i.turkse_nieuwkomer AS turks
          FROM monitoring_voortgangsgesprek v
          JOIN inburgeraars_traject t ON t.id = v.traject_id
          JOIN inburgeraars_inburgeraar i ON i.id = t.inburgeraar_id
          WHERE {vanaf}v.gehouden_op IS NOT NULL
            AND t.gemeente_id IN ({", ".join(["%s"] * len(ids))})
        )
        SELECT g.gemeente_id, {sql_["jaar"]("g.op")},
               CASE WHEN {sql_["maand"]("g.op")} >= 7 THEN 2 ELSE 1 END, g.asiel, g.turks,
               {soort}, SUM({verschillen}), SUM({vergeleken}), COUNT(DISTINCT g.traject_id)
        FROM g, {sql_["elementen"]}
        WHERE g.na IS NOT NULL{binnen}
        GROUP BY 1, 2, 3, 4, 5, 6
    """  # noqa: S608
    uit: Rijen = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ASIEL, *params_binnen, *ids, *params_buiten])
        for gemeente, jaar, half, is_asiel, turks, soort_, som_, n, trajecten in cursor:
            if soort_ not in monitoring_rules.INTERVENTIES or not n:
                continue
            vak = (gemeente, int(jaar), int(half), bool(is_asiel), bool(turks))
            cijfers = uit.setdefault(vak, {})
            cijfers[f"{soort_}_som"] = cijfers.get(f"{soort_}_som", 0) + int(som_ or 0)
            cijfers[f"{soort_}_n"] = cijfers.get(f"{soort_}_n", 0) + int(n)
            cijfers[f"{soort_}{PERSONEN_SUFFIX}"] = cijfers.get(
                f"{soort_}{PERSONEN_SUFFIX}", 0
            ) + int(trajecten)
    return uit


# Every figure of the dashboards by its source: what the summary table keeps.
BRONNEN = {
    "aantallen": aantallen_rijen,
    "gevestigd": gevestigd_rijen,
    "doorlooptijden": doorlooptijden_rijen,
    "gesprekken": gesprekken_rijen,
    "ontzorgen": ontzorgen_rijen,
    "zroute": zroute_rijen,
    "examens": examens_rijen,
    "gezondheid": gezondheid_rijen,
}


def bereken(
    bron: str, gemeente_ids, periode: Periode | None, doelgroep: str | None, vandaag: dt.date
) -> Per:
    """One source computed straight from the cases (the summary table holds the same)."""
    return per_gemeente(BRONNEN[bron](gemeente_ids, periode, vandaag), doelgroep, periode)


def taakstelling(gemeente_ids, jaar: int) -> Per:
    """The taakstelling per half year (``h1``, ``h2``; missing = no figure entered)."""
    uit: Per = defaultdict(dict)
    for t in Taakstelling.objects.filter(gemeente_id__in=list(gemeente_ids), jaar=jaar).values(
        "gemeente_id", "halfjaar", "aantal"
    ):
        uit[t["gemeente_id"]][f"h{t['halfjaar']}"] = t["aantal"]
    return dict(uit)


def som(per: Per, gemeente_ids) -> dict[str, float]:
    """The figures of several gemeenten added together."""
    totaal: dict[str, float] = defaultdict(int)
    for gemeente in gemeente_ids:
        for sleutel, waarde in per.get(gemeente, {}).items():
            totaal[sleutel] += waarde
    return totaal
