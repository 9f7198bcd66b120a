"""Messages between the inburgeraar and his adviseur, and the documents he uploads in Mijn
Inburgering. Both belong to the person (he keeps seeing them when a new traject
starts) and name the traject they were written in."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.inburgeraars.models import Inburgeraar, Traject
from koers.portaal import rules


class Bericht(models.Model):
    class Richting(models.TextChoices):
        VAN_INBURGERAAR = "van_inburgeraar", _("Van de inburgeraar")
        VAN_GEMEENTE = "van_gemeente", _("Van de gemeente")

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="portaal_berichten"
    )
    traject = models.ForeignKey(
        Traject, on_delete=models.SET_NULL, null=True, blank=True, related_name="portaal_berichten"
    )
    richting = models.CharField(max_length=16, choices=Richting.choices)
    tekst = models.TextField(max_length=rules.BERICHT_MAX)
    # The staff member who wrote it (only for a message from the gemeente).
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verstuurd_op = models.DateTimeField(auto_now_add=True)
    # When the receiver opened it: the adviseur (a message from the inburgeraar) or the
    # inburgeraar (a message from the gemeente).
    gelezen_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "bericht in Mijn Inburgering"
        verbose_name_plural = "berichten in Mijn Inburgering"
        ordering = ["-verstuurd_op", "-id"]
        indexes = [
            models.Index(
                fields=["inburgeraar", "-verstuurd_op", "-id"], name="portaal_bericht_persoon"
            ),
            # The adviseur's "unread" indication.
            models.Index(
                fields=["inburgeraar", "richting"],
                condition=models.Q(gelezen_op__isnull=True),
                name="portaal_bericht_ongelezen",
            ),
        ]

    def __str__(self):
        return f"Bericht {self.pk} ({self.richting})"

    @property
    def van_inburgeraar(self) -> bool:
        return self.richting == self.Richting.VAN_INBURGERAAR


def _bestandspad(instance, filename: str) -> str:
    """A random name: the original name (kept in the database) may hold personal data and
    must not decide where the file lands."""
    extensie = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"portaal/{instance.inburgeraar_id}/{uuid.uuid4().hex}.{extensie}"


class Document(models.Model):
    SOORT_CHOICES = [
        (rules.DocumentSoort.DIPLOMA.value, _("Diploma")),
        (rules.DocumentSoort.CERTIFICAAT.value, _("Certificaat")),
        (rules.DocumentSoort.BRIEF.value, _("Brief")),
        (rules.DocumentSoort.BEWIJS.value, _("Bewijs van deelname")),
        (rules.DocumentSoort.OVERIG.value, _("Iets anders")),
    ]

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="portaal_documenten"
    )
    traject = models.ForeignKey(
        Traject, on_delete=models.SET_NULL, null=True, blank=True, related_name="portaal_documenten"
    )
    soort = models.CharField(max_length=12, choices=SOORT_CHOICES)
    toelichting = models.CharField(max_length=rules.DOCUMENT_TOELICHTING_MAX, blank=True)
    bestand = models.FileField(upload_to=_bestandspad, max_length=200)
    naam = models.CharField(max_length=200)  # the file name as uploaded
    grootte = models.PositiveIntegerField()
    extensie = models.CharField(max_length=5)
    geupload_op = models.DateTimeField(auto_now_add=True)
    # When the adviseur first opened it.
    gezien_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "document in Mijn Inburgering"
        verbose_name_plural = "documenten in Mijn Inburgering"
        ordering = ["-geupload_op", "-id"]
        indexes = [
            models.Index(fields=["inburgeraar", "-geupload_op"], name="portaal_document_persoon"),
            # The adviseur's "new document" signal and marker.
            models.Index(
                fields=["inburgeraar"],
                condition=models.Q(gezien_op__isnull=True),
                name="portaal_document_ongezien",
            ),
        ]

    def __str__(self):
        return self.naam
