"""Read side: which signals a user may see, and a case's measurements over time. Every
function loads in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from koers.bouwstenen.secties import NIET_GELADEN
from koers.inburgeraars import bereik
from koers.intake import rules as intake_rules
from koers.intake.models import BredeIntake
from koers.monitoring import rules
from koers.monitoring.engine import alle_bronnen
from koers.monitoring.models import Signaal, Voortgangsgesprek
from koers.toegang import policy
from koers.toegang.policy import Sectie


def zichtbare_soorten(user) -> list[str]:
    """The kinds of signal the user may see: those whose source's section he may read."""
    if not policy.mag_zien(user, Sectie.SIGNALEN):
        return []
    return [b.soort for b in alle_bronnen() if policy.mag_zien(user, b.sectie)]


def titels() -> dict[str, str]:
    return {b.soort: b.titel for b in alle_bronnen()}


def kenmerken() -> dict[str, str]:
    """The short werkvoorraad markers of the sources that have one ("Nieuw bericht")."""
    return {b.soort: b.kenmerk for b in alle_bronnen() if getattr(b, "kenmerk", "")}


def tabs() -> dict[str, str]:
    """The dossier tab of each source that names one (the others: the signals' own tab)."""
    return {b.soort: b.tab for b in alle_bronnen() if getattr(b, "tab", "")}


def open_signalen(user):
    """Open signals of the cases within the user's reach that he may see (a queryset)."""
    soorten = zichtbare_soorten(user)
    if not soorten:
        return Signaal.objects.none()
    return Signaal.objects.filter(
        status=Signaal.Status.OPEN,
        actief=True,
        soort__in=soorten,
        traject__in=bereik.trajecten_voor(user),
    )


def met_open_signaal(user, traject_qs):
    """Restrict a traject queryset to cases with at least one visible open signal."""
    soorten = zichtbare_soorten(user)
    if not soorten:
        return traject_qs.none()
    return traject_qs.filter(
        Exists(
            Signaal.objects.filter(
                traject_id=OuterRef("pk"),
                status=Signaal.Status.OPEN,
                actief=True,
                soort__in=soorten,
            )
        )
    )


def per_traject(user, traject_ids) -> dict[int, dict]:
    """``{traject_id: {"aantal": n, "eerste": date, "titel": str, "kenmerken": [str]}}`` for a
    page of cases (``kenmerken``: the markers of its open signals that have one, e.g. a new
    message from the portal): one query whatever the number of rows."""
    soorten = zichtbare_soorten(user)
    if not soorten or not traject_ids:
        return {}
    rijen = list(
        Signaal.objects.filter(
            traject_id__in=list(traject_ids),
            status=Signaal.Status.OPEN,
            actief=True,
            soort__in=soorten,
        )
        .order_by("traject_id", "vervaldatum", "id")
        .values_list("traject_id", "vervaldatum", "soort")
    )
    namen = titels()
    markers = kenmerken()
    uit: dict[int, dict] = {}
    for traject_id, vervaldatum, soort in rijen:
        item = uit.get(traject_id)
        if item is None:
            item = uit[traject_id] = {
                "aantal": 0,
                "eerste": vervaldatum,
                "titel": namen.get(soort, soort),
                "kenmerken": [],
            }
        item["aantal"] += 1
        if soort in markers and markers[soort] not in item["kenmerken"]:
            item["kenmerken"].append(markers[soort])
    return uit


def metingen(traject, gehouden: list[Voortgangsgesprek], intake=NIET_GELADEN) -> list[rules.Meting]:
    """Positieve Gezondheid over time: the intake plus each held gesprek with scores. Only
    for code that checked Sectie.GEZONDHEID. One query (the intake), none when the caller
    passes the intake it read with its health fields (``None``: the case has none)."""
    uit: list[rules.Meting] = []
    if intake is NIET_GELADEN:
        intake = (
            BredeIntake.objects.filter(traject=traject)
            .only("positieve_gezondheid", "datum", "afgerond_op", "traject_id")
            .first()
        )
    if intake is not None and intake.positieve_gezondheid:
        scores = {
            d: (intake.positieve_gezondheid.get(d) or {}).get("score")
            for d in intake_rules.DIMENSIE_SLEUTELS
        }
        datum = intake.datum or (intake.afgerond_op.date() if intake.afgerond_op else None)
        if datum and any(isinstance(s, int) for s in scores.values()):
            uit.append(rules.Meting(datum, scores))
    for gesprek in gehouden:
        scores = {d: gesprek.positieve_gezondheid.get(d) for d in intake_rules.DIMENSIE_SLEUTELS}
        interventies = tuple(iv.get("soort", "") for iv in gesprek.interventies)
        if any(isinstance(s, int) for s in scores.values()) or interventies:
            uit.append(rules.Meting(gesprek.gehouden_op, scores, interventies))
    return sorted(uit, key=lambda m: m.datum)


def effect_rijen(reeks: list[rules.Meting]) -> list[dict]:
    """The effect table: per intervention moment, the change per dimension."""
    rijen = []
    for effect in rules.effecten(reeks, intake_rules.DIMENSIE_SLEUTELS):
        rijen.append(
            {
                "datum": effect.datum,
                "na": effect.na,
                "interventies": [rules.INTERVENTIES.get(s, s) for s in effect.interventies],
                "verschillen": [effect.verschil[d] for d in intake_rules.DIMENSIE_SLEUTELS],
            }
        )
    return rijen


def dimensie_titels() -> list[str]:
    return [d.titel for d in intake_rules.DIMENSIES]
