"""Maatschappelijke begeleiding, financieel ontzorgen and duale trajecten of a traject."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from koers.begeleiding import rules
from koers.inburgeraars.models import Traject
from koers.organisaties.models import Organisatie


def _contacten(score: int):
    return models.PositiveSmallIntegerField(
        f"contacten per maand bij zelfredzaamheid {score}",
        default=rules.INTENSITEIT_PER_SCORE[score],
        validators=[MaxValueValidator(rules.CONTACTEN_MAX)],
    )


def _maximum(post: str, label: str):
    return models.DecimalField(
        f"hoogste bedrag {label} per maand (euro)",
        max_digits=8,
        decimal_places=2,
        default=rules.MAX_BEDRAG[post],
        validators=[MinValueValidator(1)],
        help_text="Hogere bedragen weigert Koers als tikfout.",
    )


class Begeleidingsbeleid(models.Model):
    """What a gemeente decided locally (policy "P" in rules.py): how often the begeleiding
    has contact per zelfredzaamheid score, and the highest plausible payment per post.
    Changed by functioneel beheer in the admin; without a row the defaults apply."""

    gemeente = models.OneToOneField(
        "organisaties.Gemeente", on_delete=models.CASCADE, related_name="begeleidingsbeleid"
    )
    contacten_1 = _contacten(1)
    contacten_2 = _contacten(2)
    contacten_3 = _contacten(3)
    contacten_4 = _contacten(4)
    max_huur = _maximum("huur", "huur")
    max_energie_water = _maximum("energie_water", "gas, water en licht")
    max_zorgverzekering = _maximum("zorgverzekering", "zorgverzekering")
    # Art. 56a Participatiewet obliges ontzorgen for holders of an asylum permit; a gemeente
    # may ontzorgen the wider Wi2021 group of asielstatushouders as well (rules.komt_in_aanmerking).
    ontzorgen_groep = models.CharField(
        "wie wordt ontzorgd",
        max_length=20,
        choices=rules.ONTZORGEN_GROEPEN,
        default=rules.GROEP_WET,
        help_text="De wet verplicht ontzorgen alleen bij een verblijfsvergunning asiel. Kies "
        "de ruimere groep als uw gemeente ook gezinsleden met een reguliere "
        "verblijfsvergunning ontzorgt.",
    )

    class Meta:
        verbose_name = "begeleidingsbeleid"
        verbose_name_plural = "begeleidingsbeleid"

    def __str__(self):
        return f"Begeleidingsbeleid {self.gemeente}"

    def clean(self):
        fout = rules.intensiteit_tabel_fout(self.intensiteit)
        if fout:
            raise ValidationError(fout)

    @property
    def intensiteit(self) -> dict[int, int]:
        return {s: getattr(self, f"contacten_{s}") for s in rules.INTENSITEIT_PER_SCORE}

    @property
    def maxima(self):
        return {p: getattr(self, f"max_{p}") for p in rules.POST_SLEUTELS}

    @classmethod
    def voor(cls, gemeente_id) -> Begeleidingsbeleid:
        """The gemeente's policy, or the defaults (unsaved) when it has none. Read once per
        gemeente inside :meth:`onthouden`."""
        onthouden = _ONTHOUDEN.get()
        if onthouden is not None and gemeente_id in onthouden:
            return onthouden[gemeente_id]
        beleid = cls.objects.filter(gemeente_id=gemeente_id).first() or cls(gemeente_id=gemeente_id)
        if onthouden is not None:
            onthouden[gemeente_id] = beleid
        return beleid

    @classmethod
    @contextmanager
    def onthouden(cls, *gemeenten):
        """Within this block :meth:`voor` reads each gemeente's policy once: for a screen
        whose services each ask for it (the case page's section). ``gemeenten`` were read
        with ``select_related("begeleidingsbeleid")``: their policy costs no query at all.
        Only for reading: a change to the policy inside the block is not seen."""
        bekend = {}
        for gemeente in gemeenten:
            try:
                bekend[gemeente.pk] = gemeente.begeleidingsbeleid
            except ObjectDoesNotExist:
                bekend[gemeente.pk] = cls(gemeente_id=gemeente.pk)
        token = _ONTHOUDEN.set(bekend)
        try:
            yield
        finally:
            _ONTHOUDEN.reset(token)


_ONTHOUDEN: ContextVar[dict | None] = ContextVar("begeleidingsbeleid_onthouden", default=None)


class Bijstand(models.Model):
    """Whether and since when the inburgeraar receives bijstand (Participatiewet), recorded by
    the adviseur or the uitkeringsadministratie. It decides whether ontzorgen applies
    (art. 56a Participatiewet) and starts its 6 months; a running Ontzorgen follows it."""

    traject = models.OneToOneField(Traject, on_delete=models.CASCADE, related_name="bijstand")
    start = models.DateField("start van het recht op bijstand")
    einde = models.DateField("einde van de bijstand", null=True, blank=True)
    # The last day of the art. 56a period (rules.einddatum); stored so that the signal
    # "ontzorgen ontbreekt" filters on an index.
    ontzorgtermijn_eind = models.DateField(editable=False)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "bijstand"
        indexes = [models.Index(fields=["ontzorgtermijn_eind"], name="bijstand_termijn_eind")]

    def __str__(self):
        return f"Bijstand van traject {self.traject_id} vanaf {self.start}"

    def bereken(self):
        self.ontzorgtermijn_eind = rules.einddatum(self.start, self.einde)


class Begeleiding(models.Model):
    """Who gives the maatschappelijke begeleiding, how often, and the latest zelfredzaamheid."""

    traject = models.OneToOneField(Traject, on_delete=models.CASCADE, related_name="begeleiding")
    partner = models.ForeignKey(
        Organisatie, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    vrijwilliger = models.CharField(max_length=200, blank=True)
    zelfredzaamheid = models.PositiveSmallIntegerField(null=True, blank=True)
    zelfredzaamheid_datum = models.DateField(null=True, blank=True)
    contacten_per_maand = models.PositiveSmallIntegerField(null=True, blank=True)
    toelichting = models.TextField(blank=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "begeleidingen"

    def __str__(self):
        return f"Begeleiding van traject {self.traject_id}"


class ChecklistItem(models.Model):
    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="checklist")
    onderwerp = models.CharField(max_length=40, choices=rules.CHECKLIST)
    status = models.CharField(max_length=10, choices=rules.ITEM_STATUSSEN, default="todo")
    datum = models.DateField(null=True, blank=True)
    door = models.CharField(max_length=200, blank=True)
    bijgewerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "onderwerp"], name="checklist_een_per_onderwerp"
            )
        ]

    def __str__(self):
        return f"{self.get_onderwerp_display()}: {self.get_status_display()}"


class Voorlichting(models.Model):
    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="voorlichting")
    onderwerp = models.CharField(max_length=40, choices=rules.VOORLICHTING)
    datum = models.DateField()
    door = models.CharField(max_length=200, blank=True)
    toelichting = models.CharField(max_length=500, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "voorlichtingen"
        ordering = ["datum", "id"]

    def __str__(self):
        return self.get_onderwerp_display()


class Ontzorgen(models.Model):
    """Financieel ontzorgen of one traject (art. 56a Participatiewet) and the financiële
    zelfredzaamheid that follows it."""

    traject = models.OneToOneField(Traject, on_delete=models.CASCADE, related_name="ontzorgen")
    # Denormalised for the reach of the uitkeringsadministratie and the overview (indexed).
    gemeente = models.ForeignKey(
        "organisaties.Gemeente", on_delete=models.PROTECT, related_name="+"
    )
    start_bijstand = models.DateField()
    einde_bijstand = models.DateField(null=True, blank=True)
    # Derived by rules.einddatum; stored so that lists and signals filter on an index.
    einddatum = models.DateField(editable=False)
    machtiging_datum = models.DateField(null=True, blank=True)
    machtiging_posten = models.JSONField(default=list, blank=True)
    toelichting = models.TextField(blank=True)
    # Financiële zelfredzaamheid (startnotitie §6.6).
    cursus_status = models.CharField(max_length=12, choices=rules.CURSUS_STATUSSEN, blank=True)
    cursus_aanbieder = models.CharField(max_length=200, blank=True)
    cursus_start = models.DateField(null=True, blank=True)
    cursus_eind = models.DateField(null=True, blank=True)
    coaching_status = models.CharField(max_length=12, choices=rules.CURSUS_STATUSSEN, blank=True)
    coach = models.CharField(max_length=200, blank=True)
    coaching_start = models.DateField(null=True, blank=True)
    coaching_eind = models.DateField(null=True, blank=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "ontzorgen"
        indexes = [
            models.Index(fields=["einddatum"], name="ontzorgen_einddatum"),
            models.Index(fields=["gemeente", "einddatum"], name="ontzorgen_gemeente_eind"),
            models.Index(
                fields=["einddatum"],
                condition=Q(machtiging_datum__isnull=True),
                name="ontzorgen_zonder_machtiging",
            ),
        ]

    def __str__(self):
        return f"Ontzorgen van traject {self.traject_id}"

    def bereken(self):
        self.einddatum = rules.einddatum(self.start_bijstand, self.einde_bijstand)

    @property
    def vroeg_beeindigd(self):
        return rules.is_vroeg_beeindigd(self.start_bijstand, self.einde_bijstand)

    @property
    def signaaldatum(self):
        return rules.signaaldatum_einde(self.einddatum)

    @property
    def posten(self) -> list[str]:
        """The posts paid from the bijstand: the machtiging's scope, or all three."""
        return [p for p in rules.POST_SLEUTELS if p in (self.machtiging_posten or [])] or list(
            rules.POST_SLEUTELS
        )


class OntzorgenMaand(models.Model):
    """One month of the ontzorgen period; ``compleet`` when every post of the machtiging is
    paid. Kept up to date by the services, so the signal 'betaling ontbreekt' is one indexed
    query over all cases."""

    ontzorgen = models.ForeignKey(Ontzorgen, on_delete=models.CASCADE, related_name="maanden")
    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="+")
    maand = models.DateField()  # first day
    uiterlijk = models.DateField()
    compleet = models.BooleanField(default=False)

    class Meta:
        ordering = ["maand"]
        constraints = [
            models.UniqueConstraint(fields=["ontzorgen", "maand"], name="ontzorgen_maand_uniek")
        ]
        indexes = [
            models.Index(
                fields=["uiterlijk"], condition=Q(compleet=False), name="ontzorgen_maand_open"
            )
        ]

    def __str__(self):
        return f"{self.maand:%m-%Y}"


class Betaling(models.Model):
    class Bron(models.TextChoices):
        HAND = "hand", "Met de hand"
        CSV = "csv", "CSV-import"
        API = "api", "API"

    ontzorgen = models.ForeignKey(Ontzorgen, on_delete=models.CASCADE, related_name="betalingen")
    maand = models.DateField()  # first day of the month paid for
    post = models.CharField(max_length=20, choices=rules.POSTEN)
    bedrag = models.DecimalField(max_digits=8, decimal_places=2)
    betaald_op = models.DateField()
    begunstigde = models.CharField(max_length=200)
    bron = models.CharField(max_length=4, choices=Bron.choices, default=Bron.HAND)
    ingevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ingevoerd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "betalingen"
        ordering = ["maand", "post"]
        constraints = [
            models.UniqueConstraint(
                fields=["ontzorgen", "maand", "post"], name="betaling_een_per_maand_en_post"
            )
        ]

    def __str__(self):
        return f"{self.get_post_display()} {self.maand:%m-%Y}: € {self.bedrag}"


class DuaalTraject(models.Model):
    """Begeleiding naar werk: a werkervaringsplaats with jobcoach and buddy, next to the
    Participatiewet beschikking (startnotitie §6.8)."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="duaal")
    werkgever = models.CharField(max_length=200)
    functie = models.CharField(max_length=200, blank=True)
    start = models.DateField()
    eind = models.DateField(null=True, blank=True)
    uren_per_week = models.PositiveSmallIntegerField()
    uren_gewerkt = models.PositiveIntegerField(null=True, blank=True)
    jobcoach = models.CharField(max_length=200, blank=True)
    buddy = models.CharField(max_length=200, blank=True)
    beschikking_nummer = models.CharField(max_length=100, blank=True)
    beschikking_datum = models.DateField(null=True, blank=True)
    toelichting = models.TextField(blank=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "duaal traject"
        verbose_name_plural = "duale trajecten"
        ordering = ["-start", "-id"]

    def __str__(self):
        return f"{self.werkgever} vanaf {self.start}"
