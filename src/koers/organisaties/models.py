from django import forms
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.organisaties import rules


def _validate_oin(value):
    if not rules.is_valid_oin(value):
        raise ValidationError(_("Een OIN bestaat uit precies 20 cijfers."))


def _validate_gemeentecode(value):
    if not rules.is_valid_gemeentecode(value):
        raise ValidationError(_("Een gemeentecode bestaat uit precies 4 cijfers."))


class Arbeidsmarktregio(models.Model):
    naam = models.CharField(max_length=100, unique=True)

    class Meta:
        verbose_name_plural = "arbeidsmarktregio's"
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Subregio(models.Model):
    naam = models.CharField(max_length=100, unique=True)
    arbeidsmarktregio = models.ForeignKey(
        Arbeidsmarktregio, on_delete=models.PROTECT, related_name="subregios"
    )

    class Meta:
        verbose_name_plural = "subregio's"
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Organisatie(models.Model):
    """Any organisation with users: a gemeente or a ketenpartner."""

    class Soort(models.TextChoices):
        GEMEENTE = "gemeente", _("Gemeente")
        COA = "coa", _("COA")
        WERKKOM = "werkkom", _("Werk.Kom")
        TAALAANBIEDER = "taalaanbieder", _("Taalaanbieder")
        VLUCHTELINGENWERK = "vluchtelingenwerk", _("VluchtelingenWerk")
        AMW = "amw", _("Algemeen maatschappelijk werk")
        BIBLIOTHEEK = "bibliotheek", _("Bibliotheek")
        OVERIG = "overig", _("Andere partner")

    naam = models.CharField(max_length=200)
    soort = models.CharField(max_length=20, choices=Soort.choices)

    class Meta:
        ordering = ["naam"]
        verbose_name_plural = "organisaties"

    def __str__(self):
        return self.naam

    @property
    def is_gemeente(self):
        return self.soort == self.Soort.GEMEENTE


class Gemeente(models.Model):
    organisatie = models.OneToOneField(
        Organisatie, on_delete=models.PROTECT, related_name="gemeente"
    )
    gemeentecode = models.CharField(
        max_length=4,
        unique=True,
        validators=[_validate_gemeentecode],
        help_text="CBS-gemeentecode, 4 cijfers",
    )
    oin = models.CharField("OIN", max_length=20, unique=True, validators=[_validate_oin])
    subregio = models.ForeignKey(
        Subregio, on_delete=models.PROTECT, related_name="gemeenten", null=True, blank=True
    )
    arbeidsmarktregio = models.ForeignKey(
        Arbeidsmarktregio, on_delete=models.PROTECT, related_name="gemeenten"
    )
    # Letterhead of the beschikking.
    postadres = models.CharField(max_length=200, blank=True)
    postcode_plaats = models.CharField(max_length=100, blank=True)
    telefoon = models.CharField(max_length=40, blank=True)
    website = models.CharField(max_length=100, blank=True)
    ondertekenaar = models.CharField(
        max_length=200,
        blank=True,
        help_text="Naam en functie onder de beschikking, bijv. 'Het college van B&W'",
    )

    class Meta:
        ordering = ["organisatie__naam"]
        verbose_name_plural = "gemeenten"

    def __str__(self):
        return self.naam

    @property
    def naam(self):
        return self.organisatie.naam


class Delegatie(models.Model):
    """A gemeente lets another gemeente of its subregio do its inburgering work.

    Access follows it: the adviseurs of ``aan`` see the cases of ``van`` while it runs.
    """

    van = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="delegaties_uit")
    aan = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="delegaties_in")
    taak = models.CharField(max_length=200, default="uitvoering inburgering")
    ingangsdatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    besluit_kenmerk = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name_plural = "delegaties"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(van=models.F("aan")), name="delegatie_niet_aan_zichzelf"
            )
        ]

    def __str__(self):
        return f"{self.van} → {self.aan}"

    def clean(self):
        if self.van_id and self.aan_id and self.van.subregio_id != self.aan.subregio_id:
            raise ValidationError(_("Delegeren kan alleen binnen dezelfde subregio."))


class Rol(models.TextChoices):
    ADVISEUR = "adviseur", _("Adviseur inburgering")
    TEAMLEIDER = "teamleider", _("Teamleider")
    BELEID = "beleid", _("Beleid")
    FINANCIEN = "financien", _("Financiën")
    BEHEERDER = "beheerder", _("Functioneel beheerder")
    # Fills the register of ontzorgen payments; reaches no other case data.
    UITKERINGSADMINISTRATIE = "uitkeringsadministratie", _("Uitkeringsadministratie")
    # Sees the verwerkingenlogging; reaches no case data.
    PRIVACY_OFFICER = "privacy", _("Privacy officer")
    # A user of a ketenpartner: reaches only the cases referred to his
    # organisation while the referral runs, and only the sections of its task.
    PARTNER = "partner", _("Medewerker ketenpartner")


class RollenVeld(models.JSONField):
    """The roles of a user: stored as a JSON list (a role is a fixed choice, not a row), edited
    as one checkbox per :class:`Rol` in every form, the admin included, so no one types JSON."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=Rol.choices,
            coerce=str,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )


class Gebruiker(AbstractUser):
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="gebruikers"
    )
    rollen = RollenVeld(
        default=list,
        blank=True,
        help_text=_("Wat deze gebruiker in Koers mag: kies een of meer rollen."),
    )
    is_demo_account = models.BooleanField(
        default=False, help_text="Mag in demomodus zonder tweede factor inloggen."
    )

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"

    def clean(self):
        super().clean()
        unknown = [r for r in self.rollen or [] if r not in Rol.values]
        if unknown:
            raise ValidationError({"rollen": _("Onbekende rol: %s") % ", ".join(unknown)})

    def heeft_rol(self, *rollen: str) -> bool:
        return any(r in (self.rollen or []) for r in rollen)

    @property
    def gemeente(self):
        org = self.organisatie
        return getattr(org, "gemeente", None) if org else None

    @property
    def weergavenaam(self):
        return self.get_full_name() or self.username


class Taakstelling(models.Model):
    """Persons the state asks a gemeente to house per half year (startnotitie, ch. 5)."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="taakstellingen")
    jaar = models.PositiveSmallIntegerField()
    halfjaar = models.PositiveSmallIntegerField(choices=[(1, "1e helft"), (2, "2e helft")])
    aantal = models.PositiveIntegerField()
    is_schatting = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "taakstellingen"
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "jaar", "halfjaar"], name="taakstelling_uniek"
            )
        ]

    def __str__(self):
        return f"{self.gemeente} {self.jaar}-{self.halfjaar}: {self.aantal}"


class Budget(models.Model):
    """Money a gemeente receives per year and stream (startnotitie, ch. 8)."""

    class Stroom(models.TextChoices):
        INVOERING = "invoering", _("Invoeringskosten")
        UITVOERING = "uitvoering", _("Uitvoeringskosten")
        SPUK = "spuk", _("SPUK inburgeringsvoorzieningen")

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="budgetten")
    jaar = models.PositiveSmallIntegerField()
    stroom = models.CharField(max_length=20, choices=Stroom.choices)
    bedrag = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        verbose_name_plural = "budgetten"
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "jaar", "stroom"], name="budget_uniek")
        ]

    def __str__(self):
        return f"{self.gemeente} {self.jaar} {self.get_stroom_display()}"
