"""PVT and MAP of a traject: the activities with their hours, and the closing step (signing
the participatieverklaring, the MAP eindgesprek) with its report to DUO."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.inburgeraars.models import Traject

from . import rules

MODULE_CHOICES = [(rules.Module.PVT.value, _("PVT")), (rules.Module.MAP.value, _("MAP"))]
SOORT_CHOICES = [(s.value, rules.SOORT_NAMEN[s]) for s in rules.Soort]
KERNWAARDE_CHOICES = [(k.value, rules.KERNWAARDE_NAMEN[k]) for k in rules.Kernwaarde]


class Activiteit(models.Model):
    """One PVT or MAP activity the inburgeraar took part in."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="module_activiteiten"
    )
    module = models.CharField(max_length=3, choices=MODULE_CHOICES)
    datum = models.DateField()
    uren = models.DecimalField(max_digits=4, decimal_places=1)
    soort = models.CharField(max_length=12, choices=SOORT_CHOICES)
    omschrijving = models.CharField(max_length=rules.OMSCHRIJVING_MAX)
    kernwaarden = models.JSONField(default=list, blank=True)  # PVT: values of rules.Kernwaarde
    uitvoerder = models.CharField(max_length=rules.UITVOERDER_MAX, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "PVT- of MAP-activiteit"
        verbose_name_plural = "PVT- en MAP-activiteiten"
        ordering = ["datum", "id"]
        indexes = [
            models.Index(fields=["traject", "module", "datum"], name="module_activiteit_traject")
        ]

    def __str__(self):
        return f"{self.get_module_display()} {self.datum}: {self.omschrijving}"

    @property
    def kernwaarde_namen(self) -> list[str]:
        return [
            rules.KERNWAARDE_NAMEN[rules.Kernwaarde(k)]
            for k in self.kernwaarden
            if k in rules.KERNWAARDEN
        ]

    def als_gedaan(self) -> rules.Gedaan:
        return rules.Gedaan(
            datum=self.datum,
            uren=self.uren,
            soort=self.soort,
            kernwaarden=tuple(self.kernwaarden or ()),
        )


class Afronding(models.Model):
    """The end of a module: PVT signed (``datum`` = date of signing the participatie-
    verklaring) or MAP eindgesprek held (``datum``, ``samenvatting``, ``uitvoerder``). The
    date goes to DUO; ``bericht`` is that melding (``None``: not reported yet)."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="module_afrondingen"
    )
    module = models.CharField(max_length=3, choices=MODULE_CHOICES)
    datum = models.DateField()
    samenvatting = models.TextField(blank=True)
    uitvoerder = models.CharField(max_length=rules.UITVOERDER_MAX, blank=True)
    verwijtbaar = models.CharField(
        max_length=3, blank=True, choices=[("Ja", _("Ja")), ("Nee", _("Nee"))]
    )
    bericht = models.ForeignKey(
        "duo.Bericht", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    gemeld_op = models.DateTimeField(null=True, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "afronding van PVT of MAP"
        verbose_name_plural = "afrondingen van PVT en MAP"
        constraints = [
            models.UniqueConstraint(fields=["traject", "module"], name="module_afronding_uniek")
        ]
        indexes = [
            # Signal "afgerond maar niet gemeld" (koers.modules.signalen): a small partial index.
            models.Index(
                fields=["module", "datum"],
                condition=models.Q(bericht__isnull=True),
                name="module_afronding_ongemeld",
            ),
        ]

    def __str__(self):
        return f"{self.get_module_display()} afgerond op {self.datum}"

    @property
    def is_gemeld(self) -> bool:
        return self.bericht_id is not None

    @property
    def opnieuw_te_melden(self) -> bool:
        """DUO refused the report (or it failed after all attempts): report it again."""
        from koers.duo.models import Bericht

        return self.bericht is not None and self.bericht.status in (
            Bericht.Status.GEWEIGERD,
            Bericht.Status.MISLUKT,
        )


class Verwijtbaarheid(models.Model):
    """'Verwijtbaar' told to DUO for a PVT or MAP that is not done yet: the PUT carries no
    date (RULES.md "MAP and PVT"). One row per report, so the case shows what DUO heard when;
    ``gemeld_op`` is the day it was reported (the signal compares it with the termijn)."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="module_verwijtbaarheden"
    )
    module = models.CharField(max_length=3, choices=MODULE_CHOICES)
    verwijtbaar = models.CharField(max_length=3, choices=[("Ja", _("Ja")), ("Nee", _("Nee"))])
    toelichting = models.TextField(max_length=rules.TOELICHTING_MAX, blank=True)
    gemeld_op = models.DateField()
    bericht = models.ForeignKey(
        "duo.Bericht", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "verwijtbaarheid van PVT of MAP"
        verbose_name_plural = "verwijtbaarheid van PVT en MAP"
        ordering = ["-gemeld_op", "-id"]
        indexes = [
            models.Index(
                fields=["traject", "module", "gemeld_op"], name="module_verwijtbaar_traject"
            )
        ]

    def __str__(self):
        return f"{self.get_module_display()} verwijtbaar: {self.verwijtbaar} ({self.gemeld_op})"
