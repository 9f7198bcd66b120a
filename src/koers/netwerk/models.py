"""Instroomklas, tolken, ervaringsdeskundigen and informele taalondersteuning.

The registers (:class:`Tolk`, :class:`Ervaringsdeskundige`) are data of a gemeente, without
personal data of inburgeraars. The rest belongs to one traject.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.inburgeraars.models import Traject
from koers.netwerk import rules
from koers.organisaties.models import Gemeente

TOLK_SOORT_CHOICES = [
    (rules.TolkSoort.TELEFONISCH.value, _("Telefonisch")),
    (rules.TolkSoort.TER_PLAATSE.value, _("Ter plaatse")),
    (rules.TolkSoort.VIDEO.value, _("Video")),
]
GESPREK_CHOICES = [
    (rules.GesprekSoort.BREDE_INTAKE.value, _("Brede intake")),
    (rules.GesprekSoort.PIP_GESPREK.value, _("PIP-gesprek")),
    (rules.GesprekSoort.VOORTGANGSGESPREK.value, _("Voortgangsgesprek")),
    (rules.GesprekSoort.EINDGESPREK.value, _("Eindgesprek")),
    (rules.GesprekSoort.HOORZITTING.value, _("Hoorzitting")),
    (rules.GesprekSoort.OVERIG.value, _("Ander gesprek")),
]
BOEKING_STATUS_CHOICES = [
    (rules.BoekingStatus.GEPLAND.value, _("Gepland")),
    (rules.BoekingStatus.GEWEEST.value, _("Geweest")),
    (rules.BoekingStatus.GEANNULEERD.value, _("Geannuleerd")),
]
ROL_CHOICES = [
    (rules.Rol.VOORLICHTER.value, _("Voorlichter")),
    (rules.Rol.BEMIDDELAAR.value, _("Bemiddelaar")),
    (rules.Rol.VERKENNER.value, _("Verkenner")),
    (rules.Rol.ADVISEUR.value, _("Adviseur")),
]
TAAL_SOORT_CHOICES = [
    (rules.TaalSoort.BIBLIOTHEEK.value, _("Bibliotheek of Taalhuis")),
    (rules.TaalSoort.TAALMAATJE.value, _("Taalmaatje")),
    (rules.TaalSoort.VLUCHTELINGENWERK.value, _("VluchtelingenWerk")),
    (rules.TaalSoort.OVERIG.value, _("Andere organisatie")),
]
VERWIJZING_STATUS_CHOICES = [
    (rules.VerwijzingStatus.VERWEZEN.value, _("Verwezen")),
    (rules.VerwijzingStatus.GESTART.value, _("Gestart")),
    (rules.VerwijzingStatus.AFGEROND.value, _("Afgerond")),
    (rules.VerwijzingStatus.GESTOPT.value, _("Gestopt")),
]
WORKSHOP_CHOICES = list(rules.WORKSHOPS)


# --- instroomklas -----------------------------------------------------------------------


class InstroomklasPlaatsing(models.Model):
    """A stay in the instroomklas of a gemeente, until the leerroute can start (§7.8)."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="instroomklas_plaatsingen"
    )
    # The traject's gemeente, stored so the roster of a gemeente reads one index.
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="instroomklas_plaatsingen"
    )
    startdatum = models.DateField()
    geplande_einddatum = models.DateField(help_text="Verwachte start van de leerroute")
    einddatum = models.DateField(null=True, blank=True)
    toelichting = models.CharField(max_length=1000, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "plaatsing in de instroomklas"
        verbose_name_plural = "plaatsingen in de instroomklas"
        indexes = [
            models.Index(
                fields=["gemeente", "einddatum", "startdatum"], name="instroomklas_rooster"
            ),
            # Signal "instroomklas_te_lang": open stays by planned end.
            models.Index(
                fields=["geplande_einddatum"],
                condition=models.Q(einddatum=None),
                name="instroomklas_open_eind",
            ),
            models.Index(fields=["traject", "-startdatum"], name="instroomklas_traject"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["traject"],
                condition=models.Q(einddatum=None),
                name="instroomklas_een_open_plaatsing",
            ),
        ]

    def __str__(self):
        return f"Instroomklas vanaf {self.startdatum}"

    @property
    def is_open(self):
        return self.einddatum is None


class InstroomklasWeek(models.Model):
    """Attendance in one week: dagdelen planned and attended."""

    plaatsing = models.ForeignKey(
        InstroomklasPlaatsing, on_delete=models.CASCADE, related_name="weken"
    )
    week = models.DateField(help_text="Maandag van de week")
    dagdelen_gepland = models.PositiveSmallIntegerField()
    dagdelen_aanwezig = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["week"]
        constraints = [
            models.UniqueConstraint(fields=["plaatsing", "week"], name="instroomklas_week_uniek")
        ]

    def __str__(self):
        return f"Week van {self.week}: {self.dagdelen_aanwezig}/{self.dagdelen_gepland}"

    @property
    def percentage(self):
        return rules.aanwezigheidspercentage(self.dagdelen_gepland, self.dagdelen_aanwezig)


class Workshopdeelname(models.Model):
    plaatsing = models.ForeignKey(
        InstroomklasPlaatsing, on_delete=models.CASCADE, related_name="workshops"
    )
    workshop = models.CharField(max_length=40, choices=WORKSHOP_CHOICES)
    datum = models.DateField()

    class Meta:
        ordering = ["datum", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plaatsing", "workshop"], name="workshop_een_keer")
        ]

    def __str__(self):
        return f"{self.get_workshop_display()} ({self.datum})"


# --- tolken ------------------------------------------------------------------------------


class Tolk(models.Model):
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="tolken")
    naam = models.CharField(max_length=200)
    talen = models.JSONField(default=list)
    soort = models.CharField(max_length=20, choices=TOLK_SOORT_CHOICES)
    tarief_per_uur = models.DecimalField(max_digits=7, decimal_places=2)
    telefoon = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "tolken"
        ordering = ["naam", "id"]
        indexes = [models.Index(fields=["gemeente", "naam"], name="tolk_gemeente_naam")]

    def __str__(self):
        return self.naam


class Tolkboeking(models.Model):
    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="tolkboekingen")
    tolk = models.ForeignKey(Tolk, on_delete=models.PROTECT, related_name="boekingen")
    gesprek = models.CharField(max_length=30, choices=GESPREK_CHOICES)
    gesprek_omschrijving = models.CharField(max_length=200, blank=True)
    datum = models.DateField()
    # The id of a voortgangsgesprek of koers.monitoring; no foreign key across apps.
    voortgangsgesprek_id = models.PositiveIntegerField(null=True, blank=True)
    duur_minuten = models.PositiveSmallIntegerField()
    # The tariff when booked, so a later tariff change does not change past costs.
    tarief_per_uur = models.DecimalField(max_digits=7, decimal_places=2)
    kosten = models.DecimalField(max_digits=9, decimal_places=2)
    status = models.CharField(
        max_length=20, choices=BOEKING_STATUS_CHOICES, default=rules.BoekingStatus.GEPLAND.value
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "tolkboekingen"
        ordering = ["-datum", "-id"]
        indexes = [
            models.Index(fields=["traject", "-datum"], name="tolkboeking_traject"),
            # Signal "tolkboeking_bevestigen": planned bookings by date.
            models.Index(
                fields=["datum"],
                condition=models.Q(status="gepland"),
                name="tolkboeking_gepland_datum",
            ),
        ]

    def __str__(self):
        return f"Tolk {self.tolk_id} op {self.datum}"


# --- ervaringsdeskundigen ------------------------------------------------------------------


class Ervaringsdeskundige(models.Model):
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="ervaringsdeskundigen"
    )
    naam = models.CharField(max_length=200)
    rollen = models.JSONField(default=list)
    talen = models.JSONField(default=list)
    telefoon = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "ervaringsdeskundigen"
        ordering = ["naam", "id"]
        indexes = [models.Index(fields=["gemeente", "naam"], name="ervaringsd_gemeente_naam")]

    def __str__(self):
        return self.naam


class ErvaringsdeskundigeKoppeling(models.Model):
    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="ervaringsdeskundigen"
    )
    ervaringsdeskundige = models.ForeignKey(
        Ervaringsdeskundige, on_delete=models.PROTECT, related_name="koppelingen"
    )
    rol = models.CharField(max_length=20, choices=ROL_CHOICES)
    sinds = models.DateField()
    tot = models.DateField(null=True, blank=True)
    toelichting = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["-sinds", "-id"]
        indexes = [models.Index(fields=["traject", "-sinds"], name="ervaringsd_traject")]

    def __str__(self):
        return f"{self.get_rol_display()} sinds {self.sinds}"


# --- informele taalondersteuning ------------------------------------------------------------


class Taalverwijzing(models.Model):
    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="taalverwijzingen")
    soort = models.CharField(max_length=20, choices=TAAL_SOORT_CHOICES)
    organisatie = models.CharField(max_length=200, blank=True)
    datum = models.DateField(help_text="Datum van de verwijzing")
    status = models.CharField(
        max_length=20,
        choices=VERWIJZING_STATUS_CHOICES,
        default=rules.VerwijzingStatus.VERWEZEN.value,
    )
    uren_per_week = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    uren_totaal = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    toelichting = models.CharField(max_length=1000, blank=True)

    class Meta:
        verbose_name_plural = "taalverwijzingen"
        ordering = ["-datum", "-id"]
        indexes = [models.Index(fields=["traject", "-datum"], name="taalverwijzing_traject")]

    def __str__(self):
        return f"{self.get_soort_display()} ({self.datum})"
