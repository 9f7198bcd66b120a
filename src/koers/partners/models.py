"""Ketenpartners: what a partner organisation is (its keurmerk), who carries out
which task for a gemeente (the taakverdeling), and the referrals of a case to a partner with
the partner's progress reports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.inburgeraars.models import Traject
from koers.organisaties.models import Gemeente, Organisatie
from koers.partners import rules

TAAK_CHOICES = [(t.value, _(naam)) for t, naam in rules.TAAK_NAMEN.items()]
SCHAAL_CHOICES = [(s.value, _(naam)) for s, naam in rules.SCHAAL_NAMEN.items()]
STATUS_CHOICES = [(s.value, _(naam)) for s, naam in rules.STATUS_NAMEN.items()]
RESULTAAT_CHOICES = [(r.value, _(naam)) for r, naam in rules.RESULTAAT_NAMEN.items()]


class Partnerprofiel(models.Model):
    """What Koers knows of a ketenpartner beyond its name and kind: the keurmerk of a
    taalaanbieder (startnotitie §6.10) and how the gemeente reaches it."""

    organisatie = models.OneToOneField(
        Organisatie, on_delete=models.CASCADE, related_name="partnerprofiel"
    )
    keurmerk = models.BooleanField(
        _("Keurmerk Blik op Werk Inburgeren"),
        default=False,
        help_text=_("Nodig voor de B1-route en de Z-route."),
    )
    keurmerk_geldig_tot = models.DateField(_("Keurmerk geldig tot"), null=True, blank=True)
    email = models.EmailField(_("E-mailadres"), blank=True)
    telefoon = models.CharField(_("Telefoon"), max_length=40, blank=True)

    class Meta:
        verbose_name = "partnerprofiel"
        verbose_name_plural = "partnerprofielen"

    def __str__(self):
        return str(self.organisatie)

    def keurmerk_geldig(self, op) -> bool:
        return self.keurmerk and (
            self.keurmerk_geldig_tot is None or self.keurmerk_geldig_tot >= op
        )


class Taakverdeling(models.Model):
    """One row of "Overzicht schaal van samenwerking" (startnotitie §4.2.1) for a gemeente."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="taakverdeling")
    taak = models.CharField(max_length=40, choices=TAAK_CHOICES)
    schaal = models.CharField(max_length=20, choices=SCHAAL_CHOICES)
    uitvoerder = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="taken",
        help_text=_("De gemeente zelf of de ketenpartner die de taak uitvoert."),
    )
    toelichting = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = "taakverdeling"
        verbose_name_plural = "taakverdeling"
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "taak"], name="taakverdeling_uniek")
        ]

    def __str__(self):
        return f"{self.gemeente}: {self.get_taak_display()}"


class Verwijzing(models.Model):
    """The gemeente asks a ketenpartner to carry out a task for one traject. While it runs
    (accepted, in progress) the partner reaches the sections of the case the task needs
    (koers.toegang.policy)."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="partnerverwijzingen"
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="verwijzingen"
    )
    taak = models.CharField(max_length=40, choices=TAAK_CHOICES)
    status = models.CharField(
        max_length=20, choices=STATUS_CHOICES, default=rules.Status.AANGEBODEN
    )
    vraag = models.TextField(_("Vraag aan de partner"), max_length=2000, blank=True)
    startdatum = models.DateField(_("Gewenste start"), null=True, blank=True)
    afwijsreden = models.TextField(max_length=2000, blank=True)
    resultaat = models.CharField(max_length=20, choices=RESULTAAT_CHOICES, blank=True)
    eindverslag = models.TextField(max_length=4000, blank=True)
    verwezen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gereageerd_op = models.DateTimeField(null=True, blank=True)
    afgesloten_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "verwijzing naar een ketenpartner"
        verbose_name_plural = "verwijzingen naar ketenpartners"
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [
            # The policy's reach of a partner: running referrals of his organisation (one
            # subquery in inburgeraars_voor / trajecten_voor) and his Verwijzingen list.
            models.Index(fields=["organisatie", "status", "traject"], name="verwijzing_partner"),
            models.Index(fields=["traject", "status"], name="verwijzing_traject"),
        ]

    def __str__(self):
        return f"{self.get_taak_display()} → {self.organisatie}"

    @property
    def is_lopend(self) -> bool:
        return self.status in rules.LOPEND

    @property
    def is_open(self) -> bool:
        return self.status in rules.OPEN


class Voortgang(models.Model):
    """A progress report of the partner on a referral: hours, attendance, what was reached."""

    verwijzing = models.ForeignKey(Verwijzing, on_delete=models.CASCADE, related_name="rapportages")
    datum = models.DateField(_("Datum"))
    uren = models.DecimalField(_("Uren"), max_digits=5, decimal_places=1, null=True, blank=True)
    afspraken_gepland = models.PositiveSmallIntegerField(
        _("Afspraken gepland"), null=True, blank=True
    )
    afspraken_aanwezig = models.PositiveSmallIntegerField(
        _("Afspraken aanwezig"), null=True, blank=True
    )
    resultaten = models.TextField(_("Wat is bereikt"), max_length=2000, blank=True)
    toelichting = models.TextField(_("Toelichting"), max_length=2000, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "voortgangsrapportage"
        verbose_name_plural = "voortgangsrapportages"
        ordering = ["-datum", "-id"]
        indexes = [models.Index(fields=["verwijzing", "-datum"], name="voortgang_verwijzing")]

    def __str__(self):
        return f"{self.verwijzing}: {self.datum}"
