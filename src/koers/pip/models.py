from django.conf import settings
from django.db import models

from koers.inburgeraars.models import Traject
from koers.pip import rules

LEERROUTE_CHOICES = list(rules.LEERROUTE_NAMEN.items())
NIVEAU_CHOICES = [(n, n) for n in rules.NIVEAUS]
ALFA_CHOICES = list(rules.ALFABETISERING.items())


class PipVersie(models.Model):
    """One version of the PIP: the first PIP or a later change. A vastgesteld version is a
    beschikking and never changes; a change is a new version."""

    class Status(models.TextChoices):
        CONCEPT = "concept", "Concept"
        VASTGESTELD = "vastgesteld", "Vastgesteld"

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="pips")
    versie = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CONCEPT)
    dagtekening = models.DateField(null=True, blank=True)
    # DUO fields (PIP API schema PIP).
    leerroute = models.CharField(max_length=1, choices=LEERROUTE_CHOICES)
    niveau = models.CharField(max_length=2, choices=NIVEAU_CHOICES, blank=True)
    geschatte_intensiteit_b1_route = models.PositiveSmallIntegerField(null=True, blank=True)
    alfabetisering = models.CharField(max_length=3, choices=ALFA_CHOICES, blank=True)
    mag_opleiding_afmaken = models.BooleanField(null=True, blank=True)
    # Municipal content.
    toelichting_leerroute = models.TextField(blank=True)
    doelen = models.JSONField(
        default=dict, blank=True, help_text="Doel per dimensie van Positieve Gezondheid"
    )
    begeleiding_ondersteuning = models.TextField(blank=True)
    pvt_invulling = models.TextField(blank=True)
    pvt_uren = models.PositiveSmallIntegerField(null=True, blank=True)
    map_invulling = models.TextField(blank=True)
    map_uren = models.PositiveSmallIntegerField(null=True, blank=True)
    ontzorgen = models.BooleanField(default=False)
    ontzorgen_toelichting = models.TextField(blank=True)
    voortgangsgesprekken = models.TextField(blank=True)
    partners = models.TextField(blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    vastgesteld_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "PIP-versie"
        verbose_name_plural = "PIP-versies"
        ordering = ["traject", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["traject", "versie"], name="pip_versie_uniek"),
            models.UniqueConstraint(
                fields=["traject"],
                condition=models.Q(status="concept"),
                name="pip_een_concept_per_traject",
            ),
        ]

    def __str__(self):
        return f"PIP versie {self.versie}"

    @property
    def is_vastgesteld(self):
        return self.status == self.Status.VASTGESTELD

    @property
    def leerroute_naam(self):
        return rules.LEERROUTE_NAMEN.get(self.leerroute, "")


class Beschikking(models.Model):
    """The PDF letter of a vastgesteld PIP. Stored in the database so that web processes stay
    stateless and one backup holds everything."""

    pip = models.OneToOneField(PipVersie, on_delete=models.PROTECT, related_name="beschikking")
    kenmerk = models.CharField(max_length=40, unique=True)
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "beschikkingen"

    def __str__(self):
        return self.kenmerk


class DuoPip(models.Model):
    """The current PIP DUO knows when the case opened (API PIP, getPipByBsn): for a person
    who moved (SS121) that is the PIP of the earlier gemeente. The PIP rules use it: DUO's
    "first PIP" counts at any gemeente, and a new PIP keeps its leerroute by default."""

    traject = models.OneToOneField(Traject, on_delete=models.CASCADE, related_name="duo_pip")
    gemeentecode = models.CharField(max_length=4)
    dagtekening = models.DateField()
    leerroute = models.CharField(max_length=1, choices=LEERROUTE_CHOICES)
    niveau = models.CharField(max_length=2, choices=NIVEAU_CHOICES, blank=True)
    opgehaald_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "PIP bij DUO"
        verbose_name_plural = "PIP's bij DUO"

    def __str__(self):
        return f"PIP {self.gemeentecode} {self.dagtekening}"

    @property
    def leerroute_naam(self):
        return rules.LEERROUTE_NAMEN.get(self.leerroute, "")
