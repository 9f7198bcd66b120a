"""Prometheus metrics of the verwerkingenlogging: the unsealed window, counted when Prometheus
scrapes (the database is the truth, shared by every process; one query on the partial index
of unsealed records). Exposed at ``/metrics`` through koers.config.metrieken."""

from __future__ import annotations

import logging

from prometheus_client.core import GaugeMetricFamily

log = logging.getLogger(__name__)


class VensterCollector:
    """``koers_verwerkingen_unsealed_records``,
    ``koers_verwerkingen_oldest_unsealed_age_seconds`` and, with the LDV export on,
    ``koers_verwerkingen_ldv_export_backlog`` and
    ``koers_verwerkingen_ldv_export_oldest_age_seconds``."""

    def collect(self):
        from django.db import DatabaseError

        from koers.verwerkingen.keten import open_venster

        try:
            venster = open_venster()
        except DatabaseError:
            log.warning("Metrieken: database niet bereikbaar voor de verwerkingenlogging")
            return
        yield GaugeMetricFamily(
            "koers_verwerkingen_unsealed_records",
            "Verwerkingen die nog niet verzegeld zijn (nog niet in de hashketen).",
            value=venster.aantal,
        )
        yield GaugeMetricFamily(
            "koers_verwerkingen_oldest_unsealed_age_seconds",
            "Leeftijd in seconden van de oudste verwerking die nog niet verzegeld is (0: geen).",
            value=venster.leeftijd(),
        )
        yield from self._export()

    def _export(self):
        """``koers_verwerkingen_ldv_export_backlog`` and ``..._oldest_age_seconds``: only while
        the export to a Logboek Dataverwerkingen is on (koers.verwerkingen.otlp)."""
        from django.db import DatabaseError
        from django.utils import timezone

        from koers.verwerkingen import otlp

        if not otlp.aan():
            return
        try:
            achterstand = otlp.achterstand()
            oudste = otlp.oudste_wachtende()
        except DatabaseError:
            log.warning("Metrieken: database niet bereikbaar voor de LDV-export")
            return
        yield GaugeMetricFamily(
            "koers_verwerkingen_ldv_export_backlog",
            "Verzegelde verwerkingen die het Logboek Dataverwerkingen nog niet heeft bevestigd.",
            value=achterstand,
        )
        leeftijd = (timezone.now() - oudste).total_seconds() if oudste is not None else 0
        yield GaugeMetricFamily(
            "koers_verwerkingen_ldv_export_oldest_age_seconds",
            "Leeftijd in seconden van de oudste verzegelde verwerking die het Logboek "
            "Dataverwerkingen nog niet heeft bevestigd (0: geen).",
            value=max(leeftijd, 0),
        )
