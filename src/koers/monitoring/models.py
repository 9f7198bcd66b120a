"""Voortgangsgesprekken and signals (§9)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from koers.inburgeraars.models import Traject
from koers.monitoring import rules
from koers.organisaties.models import Gemeente
from koers.pip.models import PipVersie


class Gespreksbeleid(models.Model):
    """A gemeente's intervals of the voortgangsgesprekken (DOMAIN.md, status P)."""

    gemeente = models.OneToOneField(
        Gemeente, on_delete=models.CASCADE, related_name="gespreksbeleid"
    )
    maanden_jaar1 = models.PositiveSmallIntegerField(
        "maanden tussen gesprekken in jaar 1",
        default=rules.MAANDEN_JAAR1,
        help_text="Startnotitie: elke 3 maanden.",
    )
    maanden_daarna = models.PositiveSmallIntegerField(
        "maanden tussen gesprekken daarna",
        default=rules.MAANDEN_DAARNA,
        help_text="Startnotitie: 2 gesprekken per jaar (elke 6 maanden).",
    )

    class Meta:
        verbose_name = "gespreksbeleid"
        verbose_name_plural = "gespreksbeleid"

    def __str__(self):
        return f"Gespreksbeleid {self.gemeente}"

    def save(self, *args, **kwargs):
        """A changed setting applies to the open planning of the gemeente's cases: their
        planning is dropped here and made again (by the case page, or the engine's next
        run). Held gesprekken stay."""
        super().save(*args, **kwargs)
        Gespreksplanning.objects.filter(traject__gemeente_id=self.gemeente_id).delete()

    def clean(self):
        from django.core.exceptions import ValidationError

        fouten = rules.interval_fouten(self.maanden_jaar1, self.maanden_daarna)
        if fouten:
            raise ValidationError(fouten)


class Gespreksplanning(models.Model):
    """Which PIP version the planned gesprekken of a traject come from: the planning is
    made again when another version is vastgesteld (see services.plan_gesprekken)."""

    traject = models.OneToOneField(
        Traject, on_delete=models.CASCADE, related_name="gespreksplanning"
    )
    pip = models.ForeignKey(PipVersie, on_delete=models.CASCADE, related_name="+")
    gepland_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "gespreksplanning"
        verbose_name_plural = "gespreksplanningen"

    def __str__(self):
        return f"Gespreksplanning van traject {self.traject_id}"


class Gesprekspauze(models.Model):
    """A tijdelijke vrijstelling of DUO (SS109 until SS129/SS130), kept so that the planned
    voortgangsgesprekken after it move by its length (rules.gespreksdata_traject), also
    when the planning is made again later. ``tot`` is empty while it runs."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="+")
    van = models.DateField()
    tot = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "pauze van de gesprekken"
        verbose_name_plural = "pauzes van de gesprekken"
        ordering = ["traject", "van"]

    def __str__(self):
        return f"Pauze {self.van} – {self.tot or '…'}"


class Voortgangsgesprek(models.Model):
    """A planned or held voortgangsgesprek. ``gepland_op`` is set for a planned one;
    ``gehouden_op`` once it took place (an extra gesprek has no planned date)."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="voortgangsgesprekken"
    )
    pip = models.ForeignKey(
        PipVersie, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    gepland_op = models.DateField(null=True, blank=True)
    gehouden_op = models.DateField(null=True, blank=True)
    # {dimensie: {"voortgang": key of rules.VOORTGANG, "toelichting": str}} per PIP goal.
    voortgang = models.JSONField(default=dict, blank=True)
    # {dimensie: "bijgesteld (sub)doel"}.
    subdoelen = models.JSONField(default=dict, blank=True)
    # {dimensie: score 0-10}. Special-category data: only with Sectie.GEZONDHEID.
    positieve_gezondheid = models.JSONField(default=dict, blank=True)
    # [{"soort": key of rules.INTERVENTIES, "omschrijving": str}].
    interventies = models.JSONField(default=list, blank=True)
    verslag = models.TextField(blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "voortgangsgesprekken"
        ordering = ["traject", "gepland_op", "gehouden_op", "id"]
        indexes = [
            # The engine's source "gesprek due": planned, not yet held.
            models.Index(
                fields=["gepland_op", "traject"],
                condition=Q(gehouden_op__isnull=True),
                name="gesprek_open_gepland",
            ),
            models.Index(fields=["traject", "gehouden_op"], name="gesprek_traject"),
        ]

    def __str__(self):
        return f"Voortgangsgesprek {self.pk}"

    @property
    def is_gehouden(self):
        return self.gehouden_op is not None

    @property
    def datum(self):
        return self.gehouden_op or self.gepland_op


class GeslotenGesprek(models.Model):
    """A planned voortgangsgesprek that was missed and closed by the adviseur, with the
    reason (rules.sluiten_fouten). Its planned row is gone; this row keeps the date, so a
    new planning does not plan it again (rules.gespreksdata_traject), and who closed it."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="+")
    gepland_op = models.DateField()
    reden = models.CharField(max_length=rules.REDEN_MAX)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    gesloten_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "gesloten gesprek"
        verbose_name_plural = "gesloten gesprekken"
        ordering = ["traject", "gepland_op"]
        constraints = [
            models.UniqueConstraint(fields=["traject", "gepland_op"], name="gesprek_gesloten_uniek")
        ]

    def __str__(self):
        return f"Gesloten gesprek {self.gepland_op}"


class Signaal(models.Model):
    """One due or overdue item of a case, derived by the engine (koers.monitoring.engine).

    ``actief`` marks the current row of an item (traject, soort, sleutel): open, snoozed, or
    handled while its source still yields it. Items no longer yielded become inactive
    (an open one gets status ``vervallen``); the history stays."""

    class Status(models.TextChoices):
        OPEN = rules.SignaalStatus.OPEN, "Open"
        UITGESTELD = rules.SignaalStatus.UITGESTELD, "Uitgesteld"
        AFGEHANDELD = rules.SignaalStatus.AFGEHANDELD, "Afgehandeld"
        VERVALLEN = rules.SignaalStatus.VERVALLEN, "Vervallen"

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="signalen")
    soort = models.CharField(max_length=40)
    sleutel = models.CharField(max_length=60, blank=True, default="")
    vervaldatum = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    actief = models.BooleanField(default=True)
    uitgesteld_tot = models.DateField(null=True, blank=True)
    reden = models.CharField(max_length=rules.REDEN_MAX, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "signalen"
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "soort", "sleutel"],
                condition=Q(actief=True),
                name="signaal_actief_uniek",
            ),
        ]
        indexes = [
            # Werkvoorraad (count and most urgent per row) and the case page.
            models.Index(
                fields=["traject", "vervaldatum"],
                condition=Q(status="open"),
                name="signaal_open_traject",
            ),
            # The engine loads the current rows of one soort.
            models.Index(
                fields=["soort", "traject"], condition=Q(actief=True), name="signaal_actief_soort"
            ),
            # Reopening snoozed signals.
            models.Index(
                fields=["uitgesteld_tot"],
                condition=Q(status="uitgesteld"),
                name="signaal_uitgesteld",
            ),
            # The page "Signalen": open ones by due date (keyset).
            models.Index(
                fields=["vervaldatum", "id"],
                condition=Q(status="open"),
                name="signaal_open_vervaldatum",
            ),
        ]

    def __str__(self):
        return f"Signaal {self.soort} ({self.status})"


class Engineloop(models.Model):
    """The daily run of the engine: one row, claimed with a conditional UPDATE so that of
    several workers only one runs it, once a day."""

    naam = models.CharField(max_length=40, unique=True)
    laatste_dag = models.DateField(null=True, blank=True)
    bezig_tot = models.DateTimeField(null=True, blank=True)
    laatste_duur = models.FloatField(null=True, blank=True)
    laatste_aantal = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "engine-run"
        verbose_name_plural = "engine-runs"

    def __str__(self):
        return self.naam
