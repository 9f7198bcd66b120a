"""The summary table of the dashboards: every figure per gemeente, half year, asielmigrant
or not and Turkse nieuwkomer or not, computed set-based from the cases by
:func:`koers.sturing.kubus.ververs`. A page reads a few dozen of these rows instead of
counting a million trajecten, so it answers in constant time whatever the number of cases.
Holds counts only, never a person."""

from django.db import models


class Kengetal(models.Model):
    bron = models.CharField(max_length=20)  # a key of koers.sturing.cijfers.BRONNEN
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.CASCADE,
                                 related_name="+")
    jaar = models.PositiveSmallIntegerField(null=True, blank=True)  # empty: a snapshot
    halfjaar = models.PositiveSmallIntegerField(null=True, blank=True)
    asiel = models.BooleanField()
    turks = models.BooleanField()
    waarden = models.JSONField(default=dict)  # {sleutel: aantal}

    class Meta:
        verbose_name_plural = "kengetallen"
        indexes = [models.Index(fields=["gemeente", "jaar"], name="kengetal_gemeente_jaar")]

    def __str__(self):
        return f"{self.bron} {self.gemeente_id} {self.jaar}-{self.halfjaar}"


class Verversing(models.Model):
    """When the summary table was last computed (one row). ``bezig_tot`` claims the work, so
    that two requests never compute it at the same time."""

    berekend_op = models.DateTimeField(null=True, blank=True)
    peildatum = models.DateField(null=True, blank=True)  # "today" of the figures
    duur = models.FloatField(null=True, blank=True)  # seconds
    bezig_tot = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "verversingen"

    def __str__(self):
        return f"Kengetallen van {self.berekend_op}"
