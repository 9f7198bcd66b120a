"""What the BRP said about each inburgeraar, and the queue of fetches.

One row per inburgeraar (:class:`BrpGegevens`), created in the transaction that creates the
person (on post_save, koers.brp.services). The row is both the fetch's queue entry (due while
``volgende_poging_op`` is set and has come; claimed with a lease, ``geclaimd_tot``) and the
record of the last answer: ``status`` is the outcome of the last attempt, ``antwoord`` the
relevant fields (only what rules.FIELDS asked) and the markers the case page, the signals and
the policy read as columns.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.brp import rules
from koers.inburgeraars.models import Inburgeraar


class BrpGegevens(models.Model):
    class Status(models.TextChoices):
        WACHTEND = "wachtend", _("Nog niet opgehaald")
        OPGEHAALD = "opgehaald", _("Opgehaald")
        NIET_GEVONDEN = "niet_gevonden", _("Niet gevonden in de BRP")
        FOUT = "fout", _("Fout bij ophalen")

    SITUATIES = [
        (rules.Situatie.GEWOON.value, _("Geen bijzonderheden")),
        (rules.Situatie.OVERLEDEN.value, _("Overleden")),
        (rules.Situatie.GEEMIGREERD.value, _("Geëmigreerd")),
        (rules.Situatie.ANDERE_GEMEENTE.value, _("Ingeschreven in een andere gemeente")),
        (rules.Situatie.RNI.value, _("Ingeschreven in de RNI")),
    ]

    inburgeraar = models.OneToOneField(
        Inburgeraar, on_delete=models.CASCADE, related_name="brp", primary_key=True
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WACHTEND)
    # The queue: due when volgende_poging_op is set and has come.
    volgende_poging_op = models.DateTimeField(null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(default=0)
    geclaimd_tot = models.DateTimeField(null=True, blank=True)
    laatste_poging_op = models.DateTimeField(null=True, blank=True)
    opgehaald_op = models.DateTimeField(null=True, blank=True)
    # Dutch, without personal data (BrpFout never echoes a value).
    fout = models.CharField(max_length=500, blank=True)
    # The person as the BRP gave him, only the fields Koers asked (rules.FIELDS).
    antwoord = models.JSONField(default=dict, blank=True)
    in_onderzoek = models.JSONField(default=list, blank=True)  # rules.velden_in_onderzoek
    opschorting_reden = models.CharField(max_length=1, blank=True)
    opschorting_datum = models.DateField(null=True, blank=True)
    gemeente_van_inschrijving = models.CharField(max_length=4, blank=True)
    gemeente_van_inschrijving_naam = models.CharField(max_length=100, blank=True)
    rni = models.BooleanField(default=False)
    situatie = models.CharField(max_length=20, choices=SITUATIES, blank=True)
    # Since when the BRP reports the situatie (the signal's due date).
    situatie_sinds = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "BRP-gegevens"
        verbose_name_plural = "BRP-gegevens"
        indexes = [
            # The fetch queue: only the rows waiting for a (next) attempt.
            models.Index(
                fields=["volgende_poging_op"],
                condition=Q(volgende_poging_op__isnull=False),
                name="brp_wachtrij",
            ),
            # The refresh: longest unasked first.
            models.Index(fields=["laatste_poging_op"], name="brp_laatste_poging"),
            # The signals: the few persons with a situatie.
            models.Index(fields=["situatie"], condition=~Q(situatie=""), name="brp_situatie"),
        ]

    def __str__(self):
        return f"BRP-gegevens {self.pk} ({self.get_status_display()})"

    @property
    def is_opgehaald(self) -> bool:
        return self.status == self.Status.OPGEHAALD

    def in_onderzoek_bij(self, veld: str) -> bool:
        return veld in (self.in_onderzoek or [])
