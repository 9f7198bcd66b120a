from django.conf import settings
from django.db import models

from koers.inburgeraars.models import Traject
from koers.intake import rules


class BredeIntake(models.Model):
    class Status(models.TextChoices):
        CONCEPT = "concept", "Concept"
        AFGEROND = "afgerond", "Afgerond"

    traject = models.OneToOneField(Traject, on_delete=models.CASCADE, related_name="intake")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONCEPT)
    datum = models.DateField(null=True, blank=True)
    plaats = models.CharField(max_length=10, choices=rules.PLAATSEN, blank=True)
    tolk_gebruikt = models.BooleanField(default=False)
    tolk_taal = models.CharField(max_length=50, blank=True)
    vve_informatie_gegeven = models.BooleanField(default=False)
    gesprek_zonder_partner_aangeboden = models.BooleanField(default=False)
    # {sleutel: {"toelichting": str, <veld>: value}} for every topic except gezondheid.
    onderwerpen = models.JSONField(default=dict, blank=True)
    # The gezondheid topic and the Positieve Gezondheid scores are special-category data
    # (AVG art. 9). They live in their own columns so that nothing generic can leak them:
    # only code that asked toegang for Sectie.GEZONDHEID reads these.
    gezondheid = models.JSONField(default=dict, blank=True)
    positieve_gezondheid = models.JSONField(default=dict, blank=True)
    lbt_uitslag = models.CharField(
        "uitslag leerbaarheidstoets",
        max_length=30,
        blank=True,
        choices=[(u, u) for u in rules.LBT_UITSLAGEN],
    )
    lbt_score = models.PositiveSmallIntegerField(null=True, blank=True)
    lbt_datum = models.DateField(null=True, blank=True)
    lbt_bron = models.CharField(max_length=10, default="hand", blank=True)
    afwijking_lbt_advies = models.TextField(
        blank=True, help_text="Waarom de gemeente afwijkt van het advies van de LBT"
    )
    afgerond_op = models.DateTimeField(null=True, blank=True)
    afgerond_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "brede intake"
        verbose_name_plural = "brede intakes"

    def __str__(self):
        return f"Brede intake van traject {self.traject_id}"

    @property
    def is_afgerond(self):
        return self.status == self.Status.AFGEROND

    def alle_onderwerpen(self):
        """Topics including health: only for code that checked Sectie.GEZONDHEID."""
        return {**self.onderwerpen, "gezondheid": self.gezondheid}

    def ontbrekend(self):
        return rules.ontbrekend(
            self.alle_onderwerpen(),
            self.positieve_gezondheid,
            lbt_uitslag=self.lbt_uitslag,
            plaats=self.plaats,
            vve_informatie_gegeven=self.vve_informatie_gegeven,
            gesprek_zonder_partner_aangeboden=self.gesprek_zonder_partner_aangeboden,
        )


class IntakeAfspraak(models.Model):
    """An appointment for the brede intake and whether the person came. "Niet verschenen" is
    recorded as such: it does not stop the intake (the PIP deadline runs on) and it feeds
    handhaving (a signal in koers.handhaving.signalen)."""

    class Status(models.TextChoices):
        GEPLAND = "gepland", "Gepland"
        VERSCHENEN = "verschenen", "Verschenen"
        NIET_VERSCHENEN = "niet_verschenen", "Niet verschenen"

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="intake_afspraken")
    datum = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.GEPLAND)
    toelichting = models.TextField(blank=True, max_length=2000)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "afspraak brede intake"
        verbose_name_plural = "afspraken brede intake"
        ordering = ["traject", "datum", "id"]
        indexes = [
            # The handhaving signal "niet verschenen bij de brede intake".
            models.Index(
                fields=["traject", "datum"],
                condition=models.Q(status="niet_verschenen"),
                name="intake_niet_verschenen",
            ),
        ]

    def __str__(self):
        return f"Intake-afspraak {self.datum} ({self.get_status_display()})"
