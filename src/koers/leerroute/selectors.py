"""Read side of the leerroute: everything the case page and the API show, in a fixed number
of queries (never one per row)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from koers.inburgeraars.models import Traject
from koers.leerroute import rules, services
from koers.leerroute.models import Aanbod, Afschalingsvoorstel, Examenresultaat, UrenPeriode
from koers.leerroute.models import Zroute as ZrouteModel
from koers.pip.models import PipVersie


@dataclass
class Voortgang:
    label: str
    uren: Decimal
    norm: Decimal
    gepland_tot_nu: Decimal | None = None

    @property
    def procent(self) -> int:
        return min(100, int(self.uren * 100 / self.norm)) if self.norm else 100

    @property
    def achter(self) -> bool:
        return (
            self.gepland_tot_nu is not None
            and self.uren + rules.ZROUTE_MARGE_UREN < self.gepland_tot_nu
        )


@dataclass
class Overzicht:
    traject: Traject
    pip: PipVersie | None
    aanbod: list[Aanbod]
    uren: list[UrenPeriode]
    totalen: services.Totalen
    examens: list[Examenresultaat]
    voorstellen: list[Afschalingsvoorstel]
    zroute: ZrouteModel | None
    afschaaltoets: rules.Afschaaltoets | None = None
    voortgang: list[Voortgang] = field(default_factory=list)
    zroute_norm: rules.ZrouteNorm | None = None
    volgorde: services.ZrouteVolgorde | None = None  # PVT and MAP dates DUO accepted

    @property
    def leerroute(self) -> str | None:
        return self.pip.leerroute if self.pip else None

    @property
    def open_voorstel(self) -> Afschalingsvoorstel | None:
        return next(
            (v for v in self.voorstellen if v.status == Afschalingsvoorstel.Status.OPEN), None
        )


def overzicht(traject: Traject, *, vandaag: date, pips: list[PipVersie] | None = None) -> Overzicht:
    """``pips``: the traject's PIP versions, newest first, when the caller read them."""
    pip = services.huidige_pip(traject, pips)
    t = services.totalen(traject.pk)
    o = Overzicht(
        traject=traject,
        pip=pip,
        aanbod=list(traject.aanbod.order_by("-startdatum", "-pk")),
        uren=list(traject.uren.select_related("aanbod").order_by("-periode_start", "-pk")),
        totalen=t,
        examens=list(traject.examens.order_by("-examendatum", "onderdeel")),
        voorstellen=list(
            traject.afschalingsvoorstellen.select_related("besloten_door", "pip").order_by(
                "-voorgesteld_op", "-pk"
            )
        ),
        zroute=ZrouteModel.objects.filter(traject=traject).first(),
    )
    leerroute = o.leerroute
    if leerroute == "B":
        o.afschaaltoets = services.afschaaltoets(traject, pip, t)
        o.voortgang = [
            Voortgang(
                "Lesuren bij een instelling met keurmerk",
                t.lesuren_keurmerk,
                rules.AFSCHALEN_MIN_LESUREN,
            )
        ]
    elif leerroute == "O":
        o.voortgang = [
            Voortgang("Taalschakeltraject: taal", t.schakel_taal, rules.SCHAKEL_TAAL_UREN),
            Voortgang(
                "Taalschakeltraject: rekenen, Engels, studievaardigheden",
                t.schakel_overig,
                rules.SCHAKEL_OVERIG_UREN,
            ),
        ]
    elif leerroute == "Z":
        norm = services.zroute_norm(traject)
        o.zroute_norm = norm
        o.volgorde = services.zroute_volgorde(traject)
        participatie = t.participatie_eigen + services.participatie_uren_extern([traject.pk]).get(
            traject.pk, services.NUL
        )

        def plan(n):
            if traject.termijn_start and traject.termijn_eind:
                return rules.gepland_tot(
                    n,
                    termijn_start=traject.termijn_start,
                    termijn_eind=traject.termijn_eind,
                    peildatum=vandaag,
                )
            return None

        o.voortgang = [
            Voortgang("Cursusuren (taal en KNM)", t.zroute_cursus, norm.cursus, plan(norm.cursus))
        ]
        if traject.inburgeraar.is_asielmigrant and not norm.zonder_participatie:
            o.voortgang.append(
                Voortgang(
                    "Participatie-uren (met PVT, MAP, maatschappelijke begeleiding en werk)",
                    participatie,
                    norm.participatie,
                    plan(norm.participatie),
                )
            )
    return o
