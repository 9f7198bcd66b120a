"""Read-only queries of the PVT and MAP for other apps (e.g. the Z-route's participation
hours, koers.leerroute)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum

from .models import Activiteit


def participatie_uren(traject_ids: list[int]) -> dict[int, Decimal]:
    """The total PVT + MAP activity hours per traject, in ONE query. Every id asked for is in
    the answer (``Decimal(0)`` without activities)."""
    uren: dict[int, Decimal] = {pk: Decimal(0) for pk in traject_ids}
    if not traject_ids:
        return uren
    rijen = (
        Activiteit.objects.filter(traject_id__in=traject_ids)
        .order_by()
        .values_list("traject_id")
        .annotate(totaal=Sum("uren"))
    )
    for traject_id, totaal in rijen:
        uren[traject_id] = Decimal(totaal or 0)
    return uren
