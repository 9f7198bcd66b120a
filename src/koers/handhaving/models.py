"""Handhaving by the gemeente (one zaak per case of non-compliance, its steps and letters),
the gemeente's setting for the amount, and the last answer of DUO about boetes and
verlengingen."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.handhaving import rules
from koers.inburgeraars.models import Traject
from koers.organisaties.models import Gemeente

VERZUIM_CHOICES = list(rules.VERZUIM_NAMEN.items())


class Handhavingsbeleid(models.Model):
    """What a gemeente decided about boetes. Changed by functioneel beheer in the admin."""

    gemeente = models.OneToOneField(Gemeente, on_delete=models.CASCADE,
                                    related_name="handhavingsbeleid")
    standaard_boete = models.PositiveIntegerField(
        _("standaardbedrag boete (euro)"), default=rules.STANDAARD_BOETE_EUR,
        validators=[MinValueValidator(1), MaxValueValidator(rules.MAX_BOETE_EUR)],
        help_text=_("Het bedrag dat Koers voorstelt bij een nieuwe boete. Hoogstens 800 euro "
                    "(wet). Divosa adviseert: eerst een waarschuwing, dan 250 euro, dan nog "
                    "eens 250 euro."))

    class Meta:
        verbose_name = _("handhavingsbeleid")
        verbose_name_plural = _("handhavingsbeleid")

    def __str__(self):
        return f"Handhavingsbeleid {self.gemeente}"


class Handhavingszaak(models.Model):
    """One case of non-compliance and the steps taken: written warning, hoorzitting,
    boete-besluit(en), or closing without a boete."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE,
                                related_name="handhavingszaken")
    verzuim = models.CharField(max_length=20, choices=VERZUIM_CHOICES)
    datum = models.DateField(help_text=_("Datum van het verzuim"))
    omschrijving = models.TextField(max_length=2000)
    # Asielstatushouders: no boete unless the adviseur records exceptional unwillingness.
    uitzonderlijke_onwil = models.BooleanField(default=False)
    onwil_reden = models.TextField(blank=True, max_length=2000)
    # Step 1: the written warning.
    waarschuwing_datum = models.DateField(null=True, blank=True)
    waarschuwing_toelichting = models.TextField(blank=True, max_length=2000)
    # Step 2: the hoorzitting, planned, then held (verslag).
    hoorzitting_datum = models.DateField(null=True, blank=True)
    hoorzitting_plaats = models.CharField(max_length=200, blank=True)
    hoorzitting_aanwezig = models.CharField(max_length=500, blank=True)
    hoorzitting_verslag = models.TextField(blank=True, max_length=10000)
    verslag_op = models.DateField(null=True, blank=True)
    # The follow-up decision: the first boete, or closing without one (for the signal).
    besluit_op = models.DateField(null=True, blank=True)
    afgesloten_op = models.DateField(null=True, blank=True)
    afsluiting_toelichting = models.TextField(blank=True, max_length=2000)
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                        null=True, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("handhavingszaak")
        verbose_name_plural = _("handhavingszaken")
        ordering = ["-datum", "-id"]
        indexes = [
            # Signal "hoorzitting zonder verslag" (koers.handhaving.signalen).
            models.Index(fields=["hoorzitting_datum"],
                         condition=Q(hoorzitting_datum__isnull=False, verslag_op__isnull=True,
                                     afgesloten_op__isnull=True),
                         name="handhaving_hoorzitting_open"),
            # Signal "waarschuwing zonder besluit".
            models.Index(fields=["waarschuwing_datum"],
                         condition=Q(waarschuwing_datum__isnull=False,
                                     besluit_op__isnull=True),
                         name="handhaving_waarschuwing_open"),
        ]

    def __str__(self):
        return f"Handhavingszaak {self.pk}"

    @property
    def verzuim_naam(self):
        return rules.VERZUIM_NAMEN.get(self.verzuim, self.verzuim)

    @property
    def is_open(self):
        return self.afgesloten_op is None

    @property
    def stap(self) -> str:
        """Where the zaak stands, in plain Dutch."""
        if self.afgesloten_op:
            return "Afgesloten"
        if self.besluit_op:
            return "Boete opgelegd"
        if self.verslag_op:
            return "Hoorzitting geweest"
        if self.hoorzitting_datum:
            return "Hoorzitting gepland"
        if self.waarschuwing_datum:
            return "Waarschuwing gestuurd"
        return "Verzuim vastgelegd"


class Boetebesluit(models.Model):
    zaak = models.ForeignKey(Handhavingszaak, on_delete=models.CASCADE, related_name="boetes")
    datum = models.DateField()
    bedrag = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(rules.MAX_BOETE_EUR)])
    motivering = models.TextField(max_length=5000)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("boetebesluit")
        verbose_name_plural = _("boetebesluiten")
        ordering = ["datum", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gt=0, bedrag__lte=rules.MAX_BOETE_EUR),
                                   name="boete_bedrag_binnen_wet"),
        ]

    def __str__(self):
        return f"Boete {self.bedrag} euro"


class Brief(models.Model):
    """A letter of a zaak as PDF. Stored in the database so that web processes stay
    stateless and one backup holds everything (as the PIP's beschikking)."""

    class Soort(models.TextChoices):
        WAARSCHUWING = "waarschuwing", _("Schriftelijke waarschuwing")
        UITNODIGING = "uitnodiging", _("Uitnodiging hoorzitting")
        BOETE = "boete", _("Boetebesluit")

    zaak = models.ForeignKey(Handhavingszaak, on_delete=models.CASCADE, related_name="brieven")
    soort = models.CharField(max_length=20, choices=Soort.choices)
    boete = models.OneToOneField(Boetebesluit, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="brief")
    kenmerk = models.CharField(max_length=40, unique=True)
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        ordering = ["aangemaakt_op", "id"]

    def __str__(self):
        return self.kenmerk


class DuoOpvraging(models.Model):
    """The last answer of DUO about a person's boetes or verlengingen, so the case page does
    not ask DUO on every view."""

    class Soort(models.TextChoices):
        BOETES = "boetes", _("Boetes van DUO")
        VERLENGINGEN = "verlengingen", _("Verlengingsaanvragen")

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE,
                                related_name="duo_opvragingen")
    soort = models.CharField(max_length=20, choices=Soort.choices)
    gegevens = models.JSONField(default=list)
    opgehaald_op = models.DateTimeField()
    opgehaald_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                       null=True, related_name="+")

    class Meta:
        verbose_name = _("opvraging bij DUO")
        verbose_name_plural = _("opvragingen bij DUO")
        constraints = [
            models.UniqueConstraint(fields=["traject", "soort"], name="duo_opvraging_uniek"),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} ({self.opgehaald_op:%Y-%m-%d %H:%M})"
