"""What each dashboard shows: the filters, the scope of gemeenten, and its tables built from
the set-based figures (:mod:`koers.sturing.cijfers`) with suppression applied."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from koers.inburgeraars import rules as traject_rules
from koers.inburgeraars.models import REDEN_CHOICES, STATUS_CHOICES
from koers.leerroute import rules as leerroute_rules
from koers.monitoring import rules as monitoring_rules
from koers.organisaties.models import Gemeente
from koers.pip import rules as pip_rules
from koers.sturing import cijfers, rules
from koers.sturing.rules import Periode
from koers.sturing.weergave import (
    ONDERDRUKKING_UITLEG,
    Cel,
    Rij,
    Tabel,
    Telling,
    aantal,
    afgeleid,
    tekst,
    tellingen_tabel,
    verschil,
)
from koers.toegang import policy


@dataclass(frozen=True)
class Bereik:
    schaal: str
    naam: str
    gemeente_ids: tuple[int, ...]
    eigen_id: int

    @property
    def aggregaat(self) -> bool:
        return self.gemeente_ids != (self.eigen_id,)


def bereiken(user) -> dict[str, Bereik]:
    """The scopes a user may choose: his gemeente, its subregio and arbeidsmarktregio (as
    aggregates). One query for the gemeenten of the region."""
    eigen = user.gemeente
    regio = list(
        Gemeente.objects.filter(arbeidsmarktregio_id=eigen.arbeidsmarktregio_id)
        .select_related("subregio", "arbeidsmarktregio")
        .order_by("pk")
    )
    uit = {"gemeente": Bereik("gemeente", eigen.naam, (eigen.pk,), eigen.pk)}
    if eigen.subregio_id:
        sub = tuple(g.pk for g in regio if g.subregio_id == eigen.subregio_id)
        naam = next(g.subregio.naam for g in regio if g.subregio_id == eigen.subregio_id)
        uit["subregio"] = Bereik("subregio", _("Subregio %s") % naam, sub, eigen.pk)
    if regio:
        uit["arbeidsmarktregio"] = Bereik(
            "arbeidsmarktregio",
            _("Arbeidsmarktregio %s") % regio[0].arbeidsmarktregio.naam,
            tuple(g.pk for g in regio),
            eigen.pk,
        )
    return uit


@dataclass(frozen=True)
class Filters:
    bereik: Bereik
    periode: Periode
    doelgroep: str  # "" = all

    def query(self, **extra) -> str:
        return urlencode(
            {
                "schaal": self.bereik.schaal,
                "periode": self.periode.sleutel,
                "doelgroep": self.doelgroep,
                **extra,
            }
        )


def filters_uit(request, vandaag: dt.date) -> tuple[Filters, dict[str, Bereik]]:
    """The GET filters; an unknown value falls back to the default (never an error)."""
    keuzes = bereiken(request.user)
    bereik = keuzes.get(request.GET.get("schaal") or "", keuzes["gemeente"])
    periode = rules.periode_uit_sleutel(request.GET.get("periode"), vandaag)
    doelgroep = request.GET.get("doelgroep") or ""
    if doelgroep not in cijfers.DOELGROEPEN:
        doelgroep = ""
    return Filters(bereik, periode, doelgroep), keuzes


def _telling(figuren, filters: Filters, onderdrukken: bool, afleiden=None) -> Telling:
    """The Telling of a scope from ``figuren(doelgroep)`` (a :mod:`~koers.sturing.cijfers`
    function, per gemeente). Under suppression, the groups one can compute by subtraction
    are checked as well: the other gemeenten of an aggregate (scope minus own gemeente), and
    with a doelgroep filter the other doelgroepen (all minus filtered), for which the figures
    are asked a second time without the filter. ``afleiden(dict)`` adds derived counts to
    each gemeente's figures (a sum of counts is a count too)."""
    bereik = filters.bereik

    def lees(doelgroep):
        per = figuren(doelgroep)
        if afleiden is not None:
            for cijfers_ in per.values():
                afleiden(cijfers_)
        return cijfers.som(per, bereik.gemeente_ids), per.get(bereik.eigen_id, {})

    scope, eigen = lees(filters.doelgroep or None)
    verschillen = []
    if onderdrukken:
        if bereik.aggregaat:
            verschillen.append(verschil(scope, eigen))
        if filters.doelgroep:
            alle, alle_eigen = lees(None)
            verschillen.append(verschil(alle, scope))
            if bereik.aggregaat:
                verschillen.append(verschil(verschil(alle, alle_eigen), verschil(scope, eigen)))
    return Telling(scope, verschillen, onderdrukken)


def _werkvoorraad(filters: Filters, **params) -> str:
    return (
        reverse("web:werkvoorraad")
        + "?"
        + urlencode({"gemeente": filters.bereik.eigen_id, "alle": "on", **params})
    )


# --- Aantallen ---------------------------------------------------------------------------------


def _met_pip(c: dict) -> None:
    c["met_pip"] = sum(c.get(f"route_{r}", 0) for r in cijfers.LEERROUTES)


def aantallen(
    user, filters: Filters, onderdrukken: bool, doorklikken: bool, kengetallen: dict
) -> list[Tabel]:
    """``kengetallen``: the summary rows of the scope and year (koers.sturing.kubus.lees)."""
    bereik, periode, doelgroep = filters.bereik, filters.periode, filters.doelgroep
    t = _telling(
        lambda dg: cijfers.per_gemeente(kengetallen["aantallen"], dg, periode),
        filters,
        onderdrukken,
        afleiden=_met_pip,
    )
    links_doelgroep, links_status = {}, {}
    if doorklikken and not bereik.aggregaat:
        indeling = traject_rules.Doelgroepindeling
        links_doelgroep = {
            "asiel": _werkvoorraad(
                filters, status="alle", doelgroep=indeling.ASIELSTATUSHOUDER.value
            ),
            "gezin": _werkvoorraad(
                filters, status="alle", doelgroep=indeling.GEZINSMIGRANT_EN_OVERIGE_MIGRANT.value
            ),
        }
        indeling_filter = {
            "asiel": indeling.ASIELSTATUSHOUDER.value,
            "gezin": indeling.GEZINSMIGRANT_EN_OVERIGE_MIGRANT.value,
        }
        extra = {"doelgroep": indeling_filter[doelgroep]} if doelgroep in indeling_filter else {}
        if doelgroep != "turks":  # the case list has no filter on Turkse nieuwkomers
            links_status = {
                f"status_{s}": _werkvoorraad(filters, status=s, **extra) for s in cijfers.STATUSSEN
            }
    uitleg_cohort = _("Inburgeraars van wie het traject in %(periode)s is geopend.") % {
        "periode": periode.naam
    }
    tabellen = [
        # Filtered on a doelgroep, the split by doelgroep only repeats the total (and would
        # show it under another name, past the suppression of the total).
        tellingen_tabel(
            "doelgroep",
            _("Inburgeraars per doelgroep"),
            _("Aantal"),
            t,
            []
            if doelgroep
            else [("asiel", _("Asielstatushouders")), ("gezin", _("Gezins- en overige migranten"))],
            totaal=("totaal", _("Totaal")),
            waarvan=[] if doelgroep == "turks" else [("turks", _("Waarvan Turkse nieuwkomers"))],
            links=links_doelgroep,
            uitleg=uitleg_cohort,
            kop=_("Doelgroep"),
        ),
        tellingen_tabel(
            "status",
            _("Inburgeraars per status"),
            _("Aantal"),
            t,
            [(f"status_{s}", str(label)) for s, label in STATUS_CHOICES],
            totaal=("totaal", _("Totaal")),
            links=links_status,
            kop=_("Status"),
            uitleg=uitleg_cohort + " " + _("De status is die van vandaag."),
        ),
        tellingen_tabel(
            "leerroute",
            _("Inburgeraars per leerroute"),
            _("Aantal"),
            t,
            [(f"route_{r}", naam) for r, naam in pip_rules.LEERROUTE_NAMEN.items()]
            + [("route_geen", _("Nog geen PIP vastgesteld"))],
            totaal=("totaal", _("Totaal")),
            kop=_("Leerroute"),
            uitleg=uitleg_cohort + " " + _("De leerroute staat in het laatst vastgestelde PIP."),
        ),
    ]
    aandeel = rules.percentage(t.get("route_B"), t.get("met_pip"))
    verwachting = (rules.B1_VERWACHTING_SZW * 100).quantize(Decimal("0.1"))
    tabellen.append(
        Tabel(
            "b1",
            _("Aandeel B1-route"),
            [_("Groep"), _("Aandeel (%)")],
            [
                Rij(
                    _("Inburgeraars met een PIP in de B1-route"),
                    [afgeleid(aandeel, t.afgeleid_zichtbaar("route_B", "met_pip"))],
                ),
                Rij(
                    _("Verwachting van het ministerie van SZW"),
                    [Cel(verwachting, tekst(verwachting))],
                ),
            ],
            uitleg=_(
                "Het ministerie verwacht dat 60% van de inburgeraars de B1-route volgt "
                "(startnotitie, 6.10.1)."
            ),
            reeksen=[0],
            eenheid="%",
        )
    )
    tabellen.append(taakstelling(filters, onderdrukken, kengetallen))
    return tabellen


def taakstelling(filters: Filters, onderdrukken: bool, kengetallen: dict) -> Tabel:
    """Taakstelling, prognosis and realised housing for the half years of the year."""
    bereik, jaar = filters.bereik, filters.periode.jaar
    per = cijfers.taakstelling(bereik.gemeente_ids, jaar)
    for half in (1, 2):
        for gemeente, c in cijfers.per_gemeente(
            kengetallen["gevestigd"], None, Periode(jaar, half)
        ).items():
            per.setdefault(gemeente, {})[f"gevestigd_h{half}"] = c.get("gevestigd", 0)

    def gevestigd_jaar(c: dict) -> None:
        c["gevestigd"] = c.get("gevestigd_h1", 0) + c.get("gevestigd_h2", 0)

    # The doelgroep filter does not apply: the taakstelling is about asielstatushouders.
    t = _telling(
        lambda _dg: per, replace(filters, doelgroep=""), onderdrukken, afleiden=gevestigd_jaar
    )
    heeft = [any(f"h{h}" in per.get(g, {}) for g in bereik.gemeente_ids) for h in (1, 2)]
    taak = [t.get("h1") if heeft[0] else None, t.get("h2") if heeft[1] else None]
    matrix = [[t.get("gevestigd_h1")], [t.get("gevestigd_h2")], [t.get("gevestigd")]]
    verborgen = [[False]] * 3
    if onderdrukken:
        ook = [[t.verschil_klein(s)] for s in ("gevestigd_h1", "gevestigd_h2", "gevestigd")]
        verborgen = rules.onderdruk(matrix, kolomtotaal=True, ook=ook)
    # The year is the sum of its half years, so that the rows of the table add up.
    prognoses = [None if a is None else rules.prognose_inburgeringsplichtig(a) for a in taak]
    taak.append(None if None in taak else sum(a for a in taak if a is not None))
    prognoses.append(None if None in prognoses else sum(p for p in prognoses if p is not None))
    rijen = []
    for i, naam in enumerate([Periode(jaar, 1).naam, Periode(jaar, 2).naam, _("Heel %s") % jaar]):
        aantal_taak, prognose = taak[i], prognoses[i]
        rijen.append(
            Rij(
                naam,
                [
                    Cel(aantal_taak, tekst(aantal_taak)),
                    Cel(prognose, tekst(prognose)),
                    aantal(matrix[i][0], verborgen[i][0]),
                ],
                totaal=i == 2,
            )
        )
    return Tabel(
        "taakstelling",
        _("Taakstelling en huisvesting %s") % jaar,
        [
            _("Periode"),
            _("Taakstelling (personen)"),
            _("Prognose inburgeringsplichtig"),
            _("Gevestigde asielstatushouders in Koers"),
        ],
        rijen,
        uitleg=_(
            "De taakstelling telt alle personen, ook kinderen. Ongeveer de helft is "
            "volwassen en inburgeringsplichtig: dat is de prognose. Koers telt alleen "
            "inburgeraars, dus vergelijk het aantal gevestigden met de prognose."
        ),
        reeksen=[1, 2],
    )


# --- Procesindicatoren ------------------------------------------------------------------------


def _pip_beoordeeld(c: dict) -> None:
    c["pip_beoordeeld"] = c.get("pip_tijdig", 0) + c.get("pip_te_laat", 0)


def _op_schema(c: dict) -> None:
    c["op_schema"] = c.get("lopend", 0) - c.get("achter", 0)


def proces(user, filters: Filters, onderdrukken: bool, kengetallen: dict) -> list[Tabel]:
    """``kengetallen``: the summary rows of the scope and year (koers.sturing.kubus.lees)."""
    periode = filters.periode

    def uit(bron):
        return lambda dg: cijfers.per_gemeente(kengetallen[bron], dg, periode)

    d = _telling(uit("doorlooptijden"), filters, onderdrukken, afleiden=_pip_beoordeeld)
    g = _telling(uit("gesprekken"), filters, onderdrukken)
    # Finances and health are special-category data (AVG art. 9): who may not read them in
    # a case (the teamleider) gets them suppressed like beleid does.
    o = _telling(
        uit("ontzorgen"),
        filters,
        onderdrukken or not policy.mag_zien(user, policy.Sectie.ONTZORGEN),
    )
    z = _telling(uit("zroute"), filters, onderdrukken, afleiden=_op_schema)

    def gemiddelde(duur: str, n: str) -> Cel:
        waarde = (Decimal(d.get(duur)) / d.get(n)).quantize(Decimal("0.1")) if d.get(n) else None
        return afgeleid(waarde, d.afgeleid_zichtbaar(None, n))

    def aandeel(t: Telling, teller: str, noemer: str) -> Cel:
        return afgeleid(
            rules.percentage(t.get(teller), t.get(noemer)), t.afgeleid_zichtbaar(teller, noemer)
        )

    def basis(t: Telling, sleutel: str) -> Cel:
        return aantal(
            t.get(sleutel),
            t.onderdrukken and (rules.is_klein(t.get(sleutel)) or t.verschil_klein(sleutel)),
        )

    # Gesprekken are events: the share also needs 5 persons behind it.
    gesprekken_aandeel = aandeel(g, "op_tijd", "gepland")
    if g.onderdrukken and (
        g.get("gesprek_trajecten") < rules.DREMPEL or g.verschil_klein("gesprek_trajecten")
    ):
        gesprekken_aandeel = afgeleid(gesprekken_aandeel.waarde, False)
    indicatoren = Tabel(
        "indicatoren",
        _("Op tijd en op schema"),
        [_("Indicator"), _("Percentage"), _("Aantal zaken")],
        [
            Rij(
                _("PIP op tijd vastgesteld, binnen 10 weken"),
                [aandeel(d, "pip_tijdig", "pip_beoordeeld"), basis(d, "pip_beoordeeld")],
            ),
            Rij(
                _("Voortgangsgesprekken op tijd gehouden"),
                [gesprekken_aandeel, basis(g, "gepland")],
            ),
            Rij(
                _("Ontzorgen beëindigd en cursus geldzaken afgerond"),
                [aandeel(o, "cursus_afgerond", "beeindigd"), basis(o, "beeindigd")],
            ),
            Rij(
                _("Z-route: uren op schema (vandaag)"),
                [aandeel(z, "op_schema", "lopend"), basis(z, "lopend")],
            ),
        ],
        uitleg=_(
            "PIP: trajecten geopend in de periode. Gesprekken: gepland in de periode; "
            "op tijd is uiterlijk twee weken na de geplande datum. Ontzorgen: beëindigd "
            "in de periode. Z-route: de lopende routes van vandaag."
        ),
        reeksen=[0],
        eenheid="%",
    )
    doorlooptijd = Tabel(
        "doorlooptijden",
        _("Doorlooptijden"),
        [_("Van aanmelding tot"), _("Gemiddeld aantal dagen"), _("Aantal zaken")],
        [
            Rij(_("Brede intake"), [gemiddelde("intake_duur", "intake_n"), basis(d, "intake_n")]),
            Rij(_("PIP vastgesteld"), [gemiddelde("pip_duur", "pip_n"), basis(d, "pip_n")]),
        ],
        uitleg=_(
            "Trajecten geopend in de periode: het gemiddelde aantal dagen van de "
            "aanmelding tot de datum van de brede intake en tot de dagtekening van het "
            "eerste PIP. De aanmelding is de dag waarop volgens DUO de 10 weken voor het "
            "PIP ingingen, of de dag waarop het traject in Koers kwam als dat eerder was. "
            "Was een stap al gezet vóór de aanmelding? Dan telt die als 0 dagen."
        ),
        reeksen=[0],
    )
    afgerond = tellingen_tabel(
        "afronding",
        _("Afgeronde trajecten per reden"),
        _("Aantal"),
        d,
        [(f"reden_{r}", str(label)) for r, label in REDEN_CHOICES],
        totaal=("afgerond", _("Totaal afgerond")),
        kop=_("Reden"),
        uitleg=_(
            "Trajecten geopend in de periode en nu afgerond. 'Voldaan aan de plicht' "
            "betekent: examens gehaald of Z-route afgerond."
        ),
    )
    return [
        indicatoren,
        doorlooptijd,
        afgerond,
        examens(filters, onderdrukken, kengetallen),
        gezondheid(
            filters,
            onderdrukken or not policy.mag_zien(user, policy.Sectie.GEZONDHEID),
            kengetallen,
        ),
    ]


def examens(filters: Filters, onderdrukken: bool, kengetallen: dict) -> Tabel:
    resultaten = list(leerroute_rules.EXAMENRESULTATEN)
    onderdelen = list(leerroute_rules.EXAMENONDERDELEN.items())

    def totalen(c: dict) -> None:
        for onderdeel, _naam in onderdelen:
            c[f"{onderdeel}_totaal"] = sum(c.get(f"{onderdeel}_{r}", 0) for r in resultaten)

    t = _telling(
        lambda dg: cijfers.per_gemeente(kengetallen["examens"], dg, filters.periode),
        filters,
        onderdrukken,
        afleiden=totalen,
    )
    matrix = [[t.get(f"{o}_{r}") for r in [*resultaten, "totaal"]] for o, _n in onderdelen]
    verborgen = [[False] * (len(resultaten) + 1) for _r in matrix]
    if onderdrukken:
        ook = [
            [t.verschil_klein(f"{o}_{r}") for r in [*resultaten, "totaal"]] for o, _n in onderdelen
        ]
        verborgen = rules.onderdruk(matrix, rijtotaal=True, ook=ook)
    rijen = [
        Rij(naam, [aantal(v, weg) for v, weg in zip(matrix[i], verborgen[i], strict=True)])
        for i, (_o, naam) in enumerate(onderdelen)
    ]
    return Tabel(
        "examens",
        _("Examenresultaten"),
        [_("Examenonderdeel"), _("Geslaagd"), _("Gezakt"), _("Geen resultaat"), _("Totaal")],
        rijen,
        uitleg=_("Examens met een examendatum in de periode."),
        reeksen=[0, 1],
    )


def gezondheid(filters: Filters, onderdrukken: bool, kengetallen: dict) -> Tabel:
    t = _telling(
        lambda dg: cijfers.per_gemeente(kengetallen["gezondheid"], dg, filters.periode),
        filters,
        onderdrukken,
    )
    rijen = []
    for soort, naam in monitoring_rules.INTERVENTIES.items():
        n = t.get(f"{soort}_n")
        waarde = (
            (Decimal(str(t.scope.get(f"{soort}_som", 0))) / n).quantize(Decimal("0.1"))
            if n
            else None
        )
        trajecten = t.get(f"{soort}_trajecten")
        zichtbaar = (
            trajecten > 0 if not onderdrukken else t.afgeleid_zichtbaar(None, f"{soort}_trajecten")
        )
        rijen.append(
            Rij(
                naam,
                [
                    afgeleid(waarde, zichtbaar),
                    aantal(
                        trajecten,
                        onderdrukken
                        and (rules.is_klein(trajecten) or t.verschil_klein(f"{soort}_trajecten")),
                    ),
                ],
            )
        )
    return Tabel(
        "gezondheid",
        _("Verandering in Positieve Gezondheid per soort interventie"),
        [_("Soort interventie"), _("Gemiddelde verandering (punten)"), _("Aantal inburgeraars")],
        rijen,
        uitleg=_(
            "Per gesprek in de periode waarin een interventie is afgesproken: de scores "
            "(0 tot en met 10) bij het volgende gesprek min de scores van dat gesprek, "
            "gemiddeld over de zes dimensies. Een positief getal is vooruitgang."
        ),
        reeksen=[0],
    )


def kop(filters: Filters, titel: str, onderdrukken: bool) -> list[list]:
    """The heading rows of an export: what the figures are about."""
    rijen = [
        [titel],
        [_("Gebied"), filters.bereik.naam],
        [_("Periode"), filters.periode.naam],
        [_("Doelgroep"), cijfers.DOELGROEPEN.get(filters.doelgroep, _("Alle doelgroepen"))],
    ]
    if onderdrukken:
        rijen += [[str(regel)] for regel in ONDERDRUKKING_UITLEG]
    return rijen


def onderdrukken_voor(user, filters: Filters) -> bool:
    return policy.sturing_onderdrukken(user, filters.bereik.gemeente_ids)
