"""Read-only presentations of the brede intake for the templates (no access decisions here:
the caller passes what the policy allows)."""

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


def intake_onderwerpen(intake, sleutels: tuple[str, ...]) -> list[dict]:
    """Each topic of ``sleutels`` (policy.intake_onderwerpen_voor) with its explanation and
    structured answers. ``intake.gezondheid`` is read only when the gezondheid topic is
    among them."""
    met_gezondheid = any(intake_rules.ONDERWERPEN_BY_KEY[s].bijzonder for s in sleutels)
    antwoorden = intake.alle_onderwerpen() if met_gezondheid else intake.onderwerpen
    resultaat = []
    for onderwerp in intake_rules.ONDERWERPEN:
        if onderwerp.sleutel not in sleutels:
            continue
        antwoord = antwoorden.get(onderwerp.sleutel) or {}
        resultaat.append(
            {
                "onderwerp": onderwerp,
                "toelichting": antwoord.get("toelichting") or "",
                "velden": [(v.label, _waarde(v, antwoord.get(v.naam))) for v in onderwerp.velden],
            }
        )
    return resultaat


def pg_rijen(positieve_gezondheid: dict) -> list[dict]:
    return [
        {
            "dimensie": d,
            "score": (positieve_gezondheid.get(d.sleutel) or {}).get("score"),
            "toelichting": (positieve_gezondheid.get(d.sleutel) or {}).get("toelichting", ""),
        }
        for d in intake_rules.DIMENSIES
    ]
