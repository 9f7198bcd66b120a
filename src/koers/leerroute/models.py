"""The leerroute uitvoering of a traject: inburgeringsaanbod, hours per period, exam results,
afschalingsvoorstellen and the Z-route (plan and eindgesprek)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.inburgeraars.models import Traject
from koers.leerroute import rules

ALFA_CHOICES = [
    ("A", _("Onderwijs voor analfabeet")),
    ("AA", _("Onderwijs voor anders-gealfabetiseerde")),
    ("NVT", _("Niet van toepassing")),
]
UREN_SOORT_CHOICES = [(s.value, n) for s, n in rules.UREN_SOORT_NAMEN.items()]
ONDERDEEL_CHOICES = list(rules.EXAMENONDERDELEN.items())
NIVEAU_CHOICES = [(n, n) for n in rules.EXAMENNIVEAUS]
RESULTAAT_CHOICES = [
    ("Geslaagd", _("Geslaagd")),
    ("Gezakt", _("Gezakt")),
    ("Geen", _("Geen resultaat")),
]
REDEN_CHOICES = [
    ("Verwijtbaar", _("Verwijtbaar")),
    ("Nietverwijtbaar", _("Niet verwijtbaar")),
    ("Afgemeld", _("Afgemeld")),
    ("Absent", _("Absent")),
]


class Aanbod(models.Model):
    """An inburgeringsaanbod: the course at an instelling with a keurmerk (DUO's list)."""

    class Keurmerk(models.TextChoices):
        BOW = rules.Keurmerk.BOW.value, _("Blik op Werk")
        TST = rules.Keurmerk.TST.value, _("Taalschakelinstelling")

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="aanbod")
    instellingsnummer = models.CharField(max_length=10)
    instelling_naam = models.CharField(max_length=128)
    keurmerk = models.CharField(max_length=3, choices=Keurmerk.choices)
    datum_aanbod = models.DateField()
    startdatum = models.DateField()  # verwachte startdatum opleiding
    einddatum = models.DateField()  # verwachte einddatum opleiding
    alfabetisering = models.CharField(max_length=3, choices=ALFA_CHOICES)
    bericht = models.ForeignKey(
        "duo.Bericht", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "aanbod"
        indexes = [models.Index(fields=["einddatum", "traject"], name="aanbod_einde")]
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "instellingsnummer"], name="aanbod_per_instelling"
            )
        ]

    def __str__(self):
        return f"{self.instelling_naam} ({self.startdatum}–{self.einddatum})"


class UrenPeriode(models.Model):
    """Hours of one period as the provider reports them."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="uren")
    aanbod = models.ForeignKey(
        Aanbod, on_delete=models.PROTECT, null=True, blank=True, related_name="uren"
    )
    soort = models.CharField(max_length=20, choices=UREN_SOORT_CHOICES)
    periode_start = models.DateField()
    periode_eind = models.DateField()
    uren_gepland = models.DecimalField(max_digits=5, decimal_places=1)
    uren_gevolgd = models.DecimalField(max_digits=5, decimal_places=1)
    aanwezigheid = models.PositiveSmallIntegerField(null=True, blank=True)  # percent
    tijdens_brede_intake = models.BooleanField(default=False)
    aanbieder = models.CharField(max_length=128, blank=True)  # who reported (non-aanbod rows)
    opmerking = models.CharField(max_length=500, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "uren"
        indexes = [models.Index(fields=["traject", "soort"], name="uren_traject_soort")]

    def __str__(self):
        return f"{self.soort} {self.periode_start}–{self.periode_eind}: {self.uren_gevolgd}"


class Examenresultaat(models.Model):
    class Bron(models.TextChoices):
        DUO = "duo", _("DUO")
        HANDMATIG = "handmatig", _("Ingevoerd")

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="examens")
    onderdeel = models.CharField(max_length=3, choices=ONDERDEEL_CHOICES)
    niveau = models.CharField(max_length=2, choices=NIVEAU_CHOICES, blank=True)
    examendatum = models.DateField()
    resultaat = models.CharField(max_length=8, choices=RESULTAAT_CHOICES)
    reden_geen_resultaat = models.CharField(max_length=16, choices=REDEN_CHOICES, blank=True)
    bron = models.CharField(max_length=10, choices=Bron.choices, default=Bron.HANDMATIG)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "examenresultaten"
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "onderdeel", "niveau", "examendatum"], name="examen_uniek"
            )
        ]

    def __str__(self):
        return f"{self.onderdeel} {self.niveau} {self.examendatum}: {self.resultaat}"


class Afschalingsvoorstel(models.Model):
    """Koers proposes to change the B1-route PIP to level A2; the adviseur decides."""

    class Status(models.TextChoices):
        OPEN = "open", _("Wacht op besluit")
        AANVAARD = "aanvaard", _("Aanvaard")
        AFGEWEZEN = "afgewezen", _("Afgewezen")

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="afschalingsvoorstellen"
    )
    voorgesteld_op = models.DateField()
    lesuren = models.DecimalField(max_digits=6, decimal_places=1)
    aanwezigheid = models.DecimalField(max_digits=4, decimal_places=1, null=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    reden = models.CharField(max_length=1000, blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    besloten_op = models.DateTimeField(null=True, blank=True)
    pip = models.ForeignKey(
        "pip.PipVersie", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "afschalingsvoorstellen"
        indexes = [
            models.Index(
                fields=["voorgesteld_op", "traject"],
                condition=models.Q(status="open"),
                name="afschaling_open",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["traject"], condition=models.Q(status="open"), name="afschaling_een_open"
            )
        ]

    def __str__(self):
        return f"Afschalen {self.traject_id} ({self.get_status_display()})"


class Zroute(models.Model):
    """The Z-route of a traject: the norm, the termijn it is planned over, the hours so far
    (kept up to date by the services) and ``achter_vanaf``, the day the hours fall behind the
    linear plan — so the signal is one indexed range query. Also the eindgesprek."""

    traject = models.OneToOneField(Traject, on_delete=models.CASCADE, related_name="zroute")
    norm_cursus = models.DecimalField(max_digits=6, decimal_places=1)
    norm_participatie = models.DecimalField(max_digits=6, decimal_places=1)
    termijn_start = models.DateField(null=True)
    termijn_eind = models.DateField(null=True)
    cursus_uren = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    participatie_uren = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    # The part of participatie_uren from other apps (PVT, MAP, partners, duaal) at the last
    # update (services.participatie_uren_extern).
    participatie_modules = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    achter_vanaf = models.DateField(null=True, blank=True)
    eindgesprek_op = models.DateField(null=True, blank=True)
    afspraken_nagekomen = models.BooleanField(null=True, blank=True)
    conclusie = models.TextField(blank=True)
    eindgesprek_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    afgerond_op = models.DateField(null=True, blank=True)  # reported to DUO
    afronding_bericht = models.ForeignKey(
        "duo.Bericht", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "Z-routes"
        indexes = [
            models.Index(
                fields=["achter_vanaf", "traject"],
                condition=models.Q(eindgesprek_op__isnull=True),
                name="zroute_achter",
            )
        ]

    def __str__(self):
        return f"Z-route {self.traject_id}"
