"""One error shape for the whole API.

Every error answer is a JSON object with ``detail`` (one short Dutch sentence). A 400 answer
also has ``fouten``: a flat object that maps a field to a list of Dutch messages. Nested fields
use dots, exactly like the services name them (``onderwerpen.opleiding.toelichting``); errors
about the request as a whole use ``__all__``::

    400 {"detail": "De gegevens kloppen niet.",
         "fouten": {"bsn": ["Dit is geen geldig BSN: ..."], "__all__": ["..."]}}
    404 {"detail": "Niet gevonden."}
    429 {"detail": "Te veel verzoeken. Probeer het over 12 seconden opnieuw."} + Retry-After

A refusal by a service (:class:`~koers.bouwstenen.weigering.Weigering`) and DRF's own
validation errors both come out in this shape, so clients handle one format.
"""

from __future__ import annotations

import math

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from koers.bouwstenen.api_limieten import PerAdres
from koers.bouwstenen.weigering import Weigering

ALGEMEEN = "__all__"
DETAIL_400 = "De gegevens kloppen niet. Kijk bij 'fouten' wat u moet verbeteren."
DETAIL_JSON = "De inhoud is geen geldige JSON."
DETAIL_404 = "Niet gevonden."
DETAIL_403 = "U mag dit niet doen."


def _flatten(detail, prefix: str, out: dict[str, list[str]]) -> None:
    """Turn DRF's nested error structure into ``{"a.b.c": [texts]}``."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            if str(key) in ("non_field_errors", ALGEMEEN):
                path = prefix or ALGEMEEN  # a nested object's own error belongs to it
            else:
                path = f"{prefix}.{key}" if prefix else str(key)
            _flatten(value, path, out)
    elif isinstance(detail, list | tuple):
        for item in detail:
            if isinstance(item, dict | list | tuple):
                _flatten(item, prefix, out)
            else:
                out.setdefault(prefix or ALGEMEEN, []).append(str(item))
    else:
        out.setdefault(prefix or ALGEMEEN, []).append(str(detail))


def te_veel_verzoeken(wacht: float | None) -> str:
    if wacht is None:
        return "Te veel verzoeken. Probeer het later opnieuw."
    seconden = max(1, math.ceil(wacht))
    eenheid = "seconde" if seconden == 1 else "seconden"
    return f"Te veel verzoeken. Probeer het over {seconden} {eenheid} opnieuw."


def fouten_van(detail) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    _flatten(detail, "", out)
    return out


def fout_antwoord(fouten: dict[str, list[str]], detail: str = DETAIL_400) -> Response:
    return Response({"detail": detail, "fouten": fouten}, status=status.HTTP_400_BAD_REQUEST)


def _per_adres_begrensd(exc, context):
    """DRF checks the login before the rate, so calls without a (valid) token would never
    reach the limit per address: count them here. Guessing tokens then gets a 429."""
    request, view = context.get("request"), context.get("view")
    if request is None:
        return exc
    limiet = PerAdres()
    if limiet.allow_request(request, view):
        return exc
    return exceptions.Throttled(wait=limiet.wait())


def exception_handler(exc, context):
    if isinstance(exc, Weigering):
        set_rollback()
        return fout_antwoord({str(k): [str(v)] for k, v in exc.fouten.items()})
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(DETAIL_404)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(DETAIL_403)
    if not isinstance(exc, exceptions.APIException):
        return None  # a real bug: let Django log it and answer 500

    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        exc = _per_adres_begrensd(exc, context)

    set_rollback()
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = f"{exc.wait:d}"
    if isinstance(exc, exceptions.ParseError):
        return fout_antwoord({ALGEMEEN: [DETAIL_JSON]}, DETAIL_JSON)
    if isinstance(exc, exceptions.ValidationError):
        return fout_antwoord(fouten_van(exc.detail))
    if isinstance(exc, exceptions.Throttled):
        return Response(
            {"detail": te_veel_verzoeken(exc.wait)}, status=exc.status_code, headers=headers
        )
    detail = exc.detail
    if isinstance(detail, dict | list):
        detail = " ".join(sum(fouten_van(detail).values(), []))
    return Response({"detail": str(detail)}, status=exc.status_code, headers=headers)
