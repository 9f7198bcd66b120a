"""Configuration of the export to a Logboek Dataverwerkingen as Django system checks
(koers.E040-E044, koers.W040-W041), so ``koers check-config`` explains what is wrong."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from koers.verwerkingen import otlp

MIN_SLEUTEL = 32


@register(Tags.compatibility, deploy=False)
def check_basis_url(app_configs=None, **kwargs):
    basis = settings.BASIS_URL
    if basis:
        deel = urlsplit(basis)
        if deel.scheme not in ("http", "https") or not deel.hostname or deel.path or deel.query:
            return [
                Error(
                    "KOERS_BASIS_URL is geen adres van de vorm https://host.",
                    hint="Geef alleen het begin van het adres, zonder pad, bijv. "
                    "https://koers.gemeente.nl.",
                    id="koers.E044",
                )
            ]
    elif settings.LDV_OTLP_ENDPOINT:
        return [
            Warning(
                "KOERS_BASIS_URL is leeg: het logboek krijgt bij elke verwerking alleen de code "
                "van de verwerkingsactiviteit, geen link naar de versie in het register.",
                hint="Zet KOERS_BASIS_URL op het adres van Koers, bijv. https://koers.gemeente.nl.",
                id="koers.W041",
            )
        ]
    return []


@register(Tags.security, deploy=False)
def check_ldv_export(app_configs=None, **kwargs):
    endpoint = settings.LDV_OTLP_ENDPOINT
    if not endpoint:
        return []
    problems = []
    deel = urlsplit(endpoint)
    if deel.scheme not in ("http", "https") or not deel.hostname:
        problems.append(
            Error(
                "KOERS_LDV_OTLP_ENDPOINT is geen http(s)-adres.",
                hint="Gebruik het adres van de OTLP-collector met het pad, bijv. "
                "https://logboek.gemeente.nl:4318/v1/traces.",
                id="koers.E040",
            )
        )
    elif deel.scheme == "http" and not settings.DEMO:
        problems.append(
            Warning(
                "KOERS_LDV_OTLP_ENDPOINT gebruikt http: de verwerkingenlogging gaat "
                "onversleuteld over het netwerk, en een Logboek Dataverwerkingen moet TLS "
                "afdwingen.",
                hint="Gebruik https.",
                id="koers.W040",
            )
        )
    if len(settings.LDV_PSEUDONIEM_SLEUTEL) < MIN_SLEUTEL:
        problems.append(
            Error(
                "KOERS_LDV_PSEUDONIEM_SLEUTEL ontbreekt of is te kort: zonder sleutel kan Koers "
                "de betrokkene niet pseudonimiseren, en dan exporteert het niets.",
                hint=f"Zet een willekeurige geheime waarde van minstens {MIN_SLEUTEL} tekens, "
                "bijv. `python -c 'import secrets; print(secrets.token_urlsafe(48))'`, en "
                "bewaar hem: een nieuwe sleutel geeft dezelfde persoon een ander pseudoniem.",
                id="koers.E041",
            )
        )
    bundel = settings.LDV_OTLP_CA_BUNDLE
    if bundel and not Path(bundel).is_file():
        problems.append(
            Error(
                f"KOERS_LDV_OTLP_CA_BUNDLE: het bestand {bundel} bestaat niet.",
                hint="Geef het pad van de CA-bundel (PEM) van de collector.",
                id="koers.E042",
            )
        )
    try:
        otlp.headers(settings.LDV_OTLP_HEADERS)
    except ValueError as fout:
        problems.append(
            Error(
                f"KOERS_LDV_OTLP_HEADERS is onleesbaar: {fout}.",
                hint="Gebruik naam=waarde, komma-gescheiden, bijv. Authorization=Bearer%20abc.",
                id="koers.E043",
            )
        )
    return problems
