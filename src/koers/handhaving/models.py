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

    gemeente = models.OneToOneField(
        Gemeente, on_delete=models.CASCADE, related_name="handhavingsbeleid"
    )
    standaard_boete = models.PositiveIntegerField(
        _("standaardbedrag boete (euro)"),
        default=rules.STANDAARD_BOETE_EUR,
        validators=[MinValueValidator(1), MaxValueValidator(rules.MAX_BOETE_EUR)],
        help_text=_(
            "Het bedrag dat Koers voorstelt bij een nieuwe boete. Hoogstens 800 euro "
            "(wet). Divosa adviseert: eerst een waarschuwing, dan 250 euro, dan nog "
            "eens 250 euro."
        ),
    )
    # Local policy, not law (handhaving.rules.boete_voorstellen): after the 2025 rulings on
    # DUO's boetes a gemeente may choose not to fine asielstatushouders in principle.
    geen_boete_asielstatushouders = models.BooleanField(
        _("asielstatushouders in principe geen boete"),
        default=True,
        help_text=_(
            "Beleid van de gemeente, geen wet. Aan: Koers stelt bij "
            "asielstatushouders geen boete voor, behalve bij uitzonderlijke onwil die "
            "de adviseur vastlegt met de reden. Gekozen na uitspraken van de Raad van "
            "State in 2025 over boetes van DUO aan asielstatushouders."
        ),
    )
    zienswijze_weken = models.PositiveSmallIntegerField(
        _("weken voor een schriftelijke zienswijze"),
        default=rules.ZIENSWIJZE_WEKEN,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_(
            "Hoeveel weken de inburgeraar krijgt om op een voornemen tot een boete te "
            "reageren. Koers stelt de einddatum voor; de adviseur kan hem aanpassen."
        ),
    )

    class Meta:
        verbose_name = _("handhavingsbeleid")
        verbose_name_plural = _("handhavingsbeleid")

    def __str__(self):
        return f"Handhavingsbeleid {self.gemeente}"


class Handhavingszaak(models.Model):
    """One case of non-compliance and the steps taken: written warning, then per boete a
    voornemen (with zienswijze or hoorzitting) and a boete-besluit, or closing without a
    boete."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="handhavingszaken")
    verzuim = models.CharField(max_length=20, choices=VERZUIM_CHOICES)
    datum = models.DateField(help_text=_("Datum van het verzuim"))
    omschrijving = models.TextField(max_length=2000)
    # Asielstatushouders: no boete unless the adviseur records exceptional unwillingness.
    uitzonderlijke_onwil = models.BooleanField(default=False)
    onwil_reden = models.TextField(blank=True, max_length=2000)
    # Step 1: the written warning.
    waarschuwing_datum = models.DateField(null=True, blank=True)
    waarschuwing_toelichting = models.TextField(blank=True, max_length=2000)
    # The follow-up decision: the first boete, or closing without one (for the signal).
    besluit_op = models.DateField(null=True, blank=True)
    afgesloten_op = models.DateField(null=True, blank=True)
    afsluiting_toelichting = models.TextField(blank=True, max_length=2000)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("handhavingszaak")
        verbose_name_plural = _("handhavingszaken")
        ordering = ["-datum", "-id"]
        indexes = [
            # Signal "waarschuwing zonder besluit".
            models.Index(
                fields=["waarschuwing_datum"],
                condition=Q(waarschuwing_datum__isnull=False, besluit_op__isnull=True),
                name="handhaving_waarschuwing_open",
            ),
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
        voornemen = self.open_voornemen
        if voornemen is not None:
            return voornemen.stap
        if self.besluit_op:
            return "Boete opgelegd"
        if self.waarschuwing_datum:
            return "Waarschuwing gestuurd"
        return "Verzuim vastgelegd"

    @property
    def open_voornemen(self):
        """The voornemen still waiting for a decision (at most one; uses a prefetch of
        ``voornemens`` when there is one)."""
        return next((v for v in self.voornemens.all() if v.afgehandeld_op is None), None)


class Boetevoornemen(models.Model):
    """The intention to fine, with the rapport of the verzuim: each boete has its own. The
    person gives his view in writing or at a hoorzitting (Awb 4:8, 5:53); at a hoorzitting he
    is told first that he need not answer (Awb 5:10a). The decision follows within 13 weeks
    (Awb 5:51)."""

    class Route(models.TextChoices):
        SCHRIFTELIJK = rules.Route.SCHRIFTELIJK, _("Schriftelijke zienswijze")
        HOORZITTING = rules.Route.HOORZITTING, _("Hoorzitting (mondeling)")

    zaak = models.ForeignKey(Handhavingszaak, on_delete=models.CASCADE, related_name="voornemens")
    datum = models.DateField(help_text=_("Dagtekening van het voornemen (en het rapport)"))
    voorschrift = models.CharField(max_length=rules.VOORSCHRIFT_MAX)
    bedrag = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(rules.MAX_BOETE_EUR)]
    )
    route = models.CharField(max_length=20, choices=Route.choices)
    zienswijze_tot = models.DateField(null=True, blank=True)
    hoorzitting_datum = models.DateField(null=True, blank=True)
    hoorzitting_plaats = models.CharField(max_length=200, blank=True)
    # The person's view: given (in writing or at the hoorzitting) or not given.
    zienswijze_op = models.DateField(null=True, blank=True)
    niet_gereageerd = models.BooleanField(default=False)
    cautie_gegeven = models.BooleanField(default=False)
    aanwezig = models.CharField(max_length=500, blank=True)
    zienswijze = models.TextField(blank=True, max_length=10000)
    # Set by the boete-besluit or by closing the zaak: ends the Awb signal.
    afgehandeld_op = models.DateField(null=True, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("voornemen tot boete")
        verbose_name_plural = _("voornemens tot boete")
        ordering = ["datum", "id"]
        indexes = [
            # Signals "Awb-beslistermijn" and "hoorzitting zonder verslag".
            models.Index(
                fields=["datum"], condition=Q(afgehandeld_op__isnull=True), name="voornemen_open"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(bedrag__gt=0, bedrag__lte=rules.MAX_BOETE_EUR),
                name="voornemen_bedrag_binnen_wet",
            ),
        ]

    def __str__(self):
        return f"Voornemen {self.pk}"

    @property
    def stap(self) -> str:
        if self.zienswijze_op:
            return "Zienswijze vastgelegd"
        if self.route == rules.Route.HOORZITTING:
            return "Voornemen: hoorzitting gepland"
        return "Voornemen: wacht op zienswijze"

    @property
    def zienswijze_moment(self):
        """Until when the person can react: the hoorzitting, or the end of the written term."""
        return (
            self.hoorzitting_datum if self.route == rules.Route.HOORZITTING else self.zienswijze_tot
        )

    @property
    def cautie_vereist(self) -> bool:
        return rules.cautie_vereist(self.route)

    @property
    def beslissen_uiterlijk(self):
        return rules.beslissen_uiterlijk(self.datum)


class Boetebesluit(models.Model):
    zaak = models.ForeignKey(Handhavingszaak, on_delete=models.CASCADE, related_name="boetes")
    # Null only for boetes from before voornemens existed.
    voornemen = models.OneToOneField(
        Boetevoornemen, on_delete=models.PROTECT, null=True, blank=True, related_name="besluit"
    )
    voorschrift = models.CharField(max_length=rules.VOORSCHRIFT_MAX, blank=True)
    datum = models.DateField()
    bedrag = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(rules.MAX_BOETE_EUR)]
    )
    motivering = models.TextField(max_length=5000)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("boetebesluit")
        verbose_name_plural = _("boetebesluiten")
        ordering = ["datum", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bedrag__gt=0, bedrag__lte=rules.MAX_BOETE_EUR),
                name="boete_bedrag_binnen_wet",
            ),
        ]

    def __str__(self):
        return f"Boete {self.bedrag} euro"


class Brief(models.Model):
    """A letter of a zaak as PDF. Stored in the database so that web processes stay
    stateless and one backup holds everything (as the PIP's beschikking)."""

    class Soort(models.TextChoices):
        WAARSCHUWING = "waarschuwing", _("Schriftelijke waarschuwing")
        UITNODIGING = "uitnodiging", _("Uitnodiging hoorzitting")  # before voornemens
        VOORNEMEN = "voornemen", _("Voornemen tot boete")
        BOETE = "boete", _("Boetebesluit")

    zaak = models.ForeignKey(Handhavingszaak, on_delete=models.CASCADE, related_name="brieven")
    soort = models.CharField(max_length=20, choices=Soort.choices)
    boete = models.OneToOneField(
        Boetebesluit, on_delete=models.CASCADE, null=True, blank=True, related_name="brief"
    )
    voornemen = models.ForeignKey(
        Boetevoornemen, on_delete=models.CASCADE, null=True, blank=True, related_name="brieven"
    )
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
        VERLENGINGSGRONDEN = "verlengingsgronden", _("Verlengingsgronden van DUO")

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="duo_opvragingen")
    soort = models.CharField(max_length=20, choices=Soort.choices)
    gegevens = models.JSONField(default=list)
    opgehaald_op = models.DateTimeField()
    opgehaald_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("opvraging bij DUO")
        verbose_name_plural = _("opvragingen bij DUO")
        constraints = [
            models.UniqueConstraint(fields=["traject", "soort"], name="duo_opvraging_uniek"),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} ({self.opgehaald_op:%Y-%m-%d %H:%M})"
