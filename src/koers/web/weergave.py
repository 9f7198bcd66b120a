"""Read-only presentations of case data for the templates (no access decisions here: the
caller passes what the policy allows)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from koers.intake import rules as intake_rules


def _waarde(veld: intake_rules.Veld, waarde) -> str:
    if waarde in (None, ""):
        return ""
    if veld.soort == "keuze":
        return dict(veld.keuzes).get(str(waarde), str(waarde))
    if veld.soort == "janee":
        return _("Ja") if waarde else _("Nee")
    return str(waarde)


def intake_onderwerpen(intake, *, met_gezondheid: bool) -> list[dict]:
    """Each topic with its explanation and structured answers. The gezondheid topic only
    when the caller may show health data (then ``intake.gezondheid`` is read at all)."""
    antwoorden = intake.alle_onderwerpen() if met_gezondheid else intake.onderwerpen
    resultaat = []
    for onderwerp in intake_rules.ONDERWERPEN:
        if onderwerp.bijzonder and not met_gezondheid:
            continue
        antwoord = antwoorden.get(onderwerp.sleutel) or {}
        resultaat.append({
            "onderwerp": onderwerp,
            "toelichting": antwoord.get("toelichting") or "",
            "velden": [(v.label, _waarde(v, antwoord.get(v.naam))) for v in onderwerp.velden],
        })
    return resultaat


def pg_rijen(positieve_gezondheid: dict) -> list[dict]:
    return [{"dimensie": d, "score": (positieve_gezondheid.get(d.sleutel) or {}).get("score"),
             "toelichting": (positieve_gezondheid.get(d.sleutel) or {}).get("toelichting", "")}
            for d in intake_rules.DIMENSIES]
