"""The summary table of the dashboards: every figure per gemeente, half year, asielmigrant
or not and Turkse nieuwkomer or not, computed set-based from the cases by
:func:`koers.sturing.kubus.ververs`. A page reads a few dozen of these rows instead of
counting a million trajecten, so it answers in constant time whatever the number of cases.
Holds counts only, never a person."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.sturing import rules


class Kengetal(models.Model):
    bron = models.CharField(max_length=20)  # a key of koers.sturing.cijfers.BRONNEN
    gemeente = models.ForeignKey(
        "organisaties.Gemeente", on_delete=models.CASCADE, related_name="+"
    )
    jaar = models.PositiveSmallIntegerField(null=True, blank=True)  # empty: a snapshot
    halfjaar = models.PositiveSmallIntegerField(null=True, blank=True)
    asiel = models.BooleanField()
    turks = models.BooleanField()
    waarden = models.JSONField(default=dict)  # {sleutel: aantal}

    class Meta:
        verbose_name_plural = "kengetallen"
        indexes = [models.Index(fields=["gemeente", "jaar"], name="kengetal_gemeente_jaar")]

    def __str__(self):
        return f"{self.bron} {self.gemeente_id} {self.jaar}-{self.halfjaar}"


class Verversing(models.Model):
    """When the summary table was last computed (one row). ``bezig_tot`` claims the work, so
    that two requests never compute it at the same time."""

    berekend_op = models.DateTimeField(null=True, blank=True)
    peildatum = models.DateField(null=True, blank=True)  # "today" of the figures
    duur = models.FloatField(null=True, blank=True)  # seconds
    bezig_tot = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "verversingen"

    def __str__(self):
        return f"Kengetallen van {self.berekend_op}"


VOORZIENING_LABELS = {
    "leerroute": _("Leerroute"),
    "map": _("Module Arbeidsmarkt en Participatie (MAP)"),
    "pvt": _("Participatieverklaringstraject (PVT)"),
    "tolken": _("Tolken"),
    "begeleiding": _("Maatschappelijke begeleiding"),
    "ontzorgen": _("Ontzorgen"),
}
VOORZIENING_CHOICES = [(k, VOORZIENING_LABELS[k]) for k in rules.VOORZIENINGEN]
EENHEID_LABELS = {"uur": _("per uur"), "traject": _("per traject"), "maand": _("per maand")}
EENHEID_CHOICES = [(k, EENHEID_LABELS[k]) for k in rules.EENHEDEN]


class Contract(models.Model):
    """A gemeente's contract with a provider: the tariff of one voorziening."""

    gemeente = models.ForeignKey(
        "organisaties.Gemeente", on_delete=models.CASCADE, related_name="+"
    )
    # A partner organisation in Koers, or a provider without users (free name).
    aanbieder = models.ForeignKey(
        "organisaties.Organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    aanbieder_naam = models.CharField(max_length=200, blank=True)
    voorziening = models.CharField(max_length=20, choices=VOORZIENING_CHOICES)
    eenheid = models.CharField(max_length=10, choices=EENHEID_CHOICES)
    tarief = models.DecimalField(max_digits=10, decimal_places=2)
    geldig_van = models.DateField()
    geldig_tot = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "contracten"
        ordering = ["voorziening", "geldig_van", "pk"]

    def __str__(self):
        return (
            f"{self.aanbieder_tekst}: {self.get_voorziening_display()} "
            f"€ {self.tarief} {self.get_eenheid_display()}"
        )

    @property
    def aanbieder_tekst(self) -> str:
        return self.aanbieder.naam if self.aanbieder_id else self.aanbieder_naam


class Kostenpost(models.Model):
    """A cost of one traject: personal data (what a voorziening cost for this person)."""

    traject = models.ForeignKey(
        "inburgeraars.Traject", on_delete=models.PROTECT, related_name="kostenposten"
    )
    # Denormalised from the traject so that the dashboard groups without a join.
    gemeente = models.ForeignKey(
        "organisaties.Gemeente", on_delete=models.CASCADE, related_name="+"
    )
    voorziening = models.CharField(max_length=20, choices=VOORZIENING_CHOICES)
    # The person's doelgroepindeling when the cost was booked (denormalised like gemeente):
    # which stream pays depends on it (rules.ten_laste_van), and the dashboard groups by it.
    doelgroepindeling = models.CharField(max_length=40, blank=True)
    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, null=True, blank=True, related_name="kostenposten"
    )
    datum = models.DateField()
    aantal = models.DecimalField(max_digits=9, decimal_places=2, default=1)
    # aantal × the contract's tariff at entry: a later tariff change leaves it as it was.
    tarief = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    bedrag = models.DecimalField(max_digits=12, decimal_places=2)
    omschrijving = models.CharField(max_length=200, blank=True)
    geregistreerd_op = models.DateTimeField(auto_now_add=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "kostenposten"
        ordering = ["-datum", "-pk"]
        # Covering (PostgreSQL): the Financiën page groups a year of a gemeente's costs by
        # month, voorziening and doelgroep from the index alone (56 ms instead of 194 ms for
        # 375,000 kostenposten, benchmarks/sturing.py). SQLite ignores ``include``.
        indexes = [
            models.Index(
                fields=["gemeente", "datum"],
                include=["voorziening", "doelgroepindeling", "bedrag"],
                name="kostenpost_gemeente_datum_dg",
            )
        ]

    def __str__(self):
        return f"{self.get_voorziening_display()} {self.datum} € {self.bedrag}"
