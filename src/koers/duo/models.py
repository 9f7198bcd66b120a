"""The durable records of the DUO chain: notifications in, messages out.

Both are written before anything else happens (a notification is stored before the 201; a
melding is stored in the same transaction as the change that causes it) and worked off by
``koers worker``. Workers claim rows with a lease (``geclaimd_tot``): a conditional UPDATE, so
several workers never handle one row at the same time, and a crashed worker's lease runs out.
"""

import uuid

from django.db import models

from koers.inburgeraars.models import Traject
from koers.organisaties.models import Gemeente


class Geleased(models.Model):
    """The work-queue columns koers.duo.lease claims rows by: attempts, when the next attempt
    is due, until when a worker holds the row, and since when the attempts keep failing
    (the start of the window KOERS_DUO_OPGEVEN_NA_UUR; empty after a success or a reset)."""

    pogingen = models.PositiveSmallIntegerField(default=0)
    mislukt_sinds = models.DateTimeField(null=True, blank=True)
    volgende_poging_op = models.DateTimeField(null=True, blank=True)
    geclaimd_tot = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class Notificatie(Geleased):
    """One notification from DUO (API Notificatie, operation opvoerenNotificatie)."""

    class Status(models.TextChoices):
        NIEUW = "nieuw", "Nieuw"
        VERWERKT = "verwerkt", "Verwerkt"
        ONBEKEND = "onbekend", "Onbekende gebeurtenis"  # stored and shown, never dropped
        FOUT = "fout", "Fout bij verwerken"

    bericht_id = models.UUIDField(unique=True, help_text="Header berichtId van DUO")
    bron = models.CharField(max_length=20)
    doel = models.CharField(max_length=20)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    gebeurtenis_id = models.CharField(max_length=10)
    bsn = models.CharField(max_length=9, blank=True)
    vnummer = models.CharField(max_length=10, blank=True)
    registratie_datum_tijd = models.DateTimeField()
    ontvangen_op = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NIEUW)
    verwerkt_op = models.DateTimeField(null=True, blank=True)
    fout = models.TextField(blank=True)
    traject = models.ForeignKey(
        Traject, on_delete=models.SET_NULL, null=True, blank=True, related_name="notificaties"
    )
    # DUO's W3C ``traceparent`` of the delivery (empty without a valid one): the worker handles
    # the notification in DUO's trace, so its log records name DUO's operation as their
    # foreign_operation (Logboek Dataverwerkingen).
    traceparent = models.CharField(max_length=55, blank=True, default="", db_default="")

    class Meta:
        verbose_name_plural = "notificaties"
        indexes = [models.Index(fields=["status", "volgende_poging_op"], name="notificatie_werk")]

    def __str__(self):
        return f"{self.gebeurtenis_id} ({self.bericht_id})"


class NotificatieConflict(models.Model):
    """DUO sent a berichtId Koers already has, with another content. The notification as
    first received stays; this record shows beheer what differed (the BSN as its last 3
    digits), once per distinct content, with how often it came."""

    notificatie = models.ForeignKey(
        Notificatie, on_delete=models.CASCADE, related_name="conflicten"
    )
    inhoud_hash = models.CharField(max_length=64)
    afwijkend = models.JSONField(default=dict)
    aantal = models.PositiveIntegerField(default=1)
    eerst_ontvangen_op = models.DateTimeField(auto_now_add=True)
    laatst_ontvangen_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "notificatieconflicten"
        constraints = [
            models.UniqueConstraint(
                fields=["notificatie", "inhoud_hash"], name="notificatieconflict_uniek"
            )
        ]

    def __str__(self):
        return f"Conflict bij {self.notificatie.bericht_id}"


class Bericht(Geleased):
    """One message to DUO (the outbox). Its ``bericht_id`` is sent as header berichtId and stays
    the same across retries."""

    class Status(models.TextChoices):
        WACHTEND = "wachtend", "Wacht op verzending"
        AFGELEVERD = "afgeleverd", "Afgeleverd"
        GEWEIGERD = "geweigerd", "Geweigerd door DUO"  # 4xx: no retry, shown on the case
        MISLUKT = "mislukt", "Mislukt na alle pogingen"

    bericht_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    soort = models.CharField(max_length=30)  # pip, inburgeringsaanbod, map, pvt, ...
    operation_id = models.CharField(max_length=80)  # DUO's operationId, e.g. postPipByBsn
    methode = models.CharField(max_length=6)
    pad = models.CharField(max_length=300)  # relative to KOERS_DUO_BASE_URL, e.g. /personen/…
    body = models.JSONField(null=True, blank=True)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    traject = models.ForeignKey(
        Traject, on_delete=models.SET_NULL, null=True, blank=True, related_name="berichten"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.WACHTEND)
    laatste_statuscode = models.PositiveSmallIntegerField(null=True, blank=True)
    laatste_antwoord = models.TextField(blank=True)
    foutteksten = models.JSONField(default=list, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    afgeleverd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "berichten"
        indexes = [
            models.Index(fields=["status", "volgende_poging_op"], name="bericht_werk"),
            models.Index(fields=["traject", "-aangemaakt_op"], name="bericht_traject"),
        ]

    def __str__(self):
        return f"{self.operation_id} ({self.bericht_id})"


class Contactpersoon(models.Model):
    """A contactpersoon the gemeente registered at DUO (API Contactpersoon): an adviseur.

    DUO gives the id in its answer to ``createContactpersoon``; until that answer is in,
    ``duo_id`` is empty and links to persons wait (see koers.duo.meldingen)."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    gebruiker = models.ForeignKey(
        "organisaties.Gebruiker", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    duo_id = models.PositiveIntegerField(null=True, blank=True)
    naam = models.CharField(max_length=100)
    email = models.CharField(max_length=241)
    telefoonnummer = models.CharField(max_length=22)
    aanmaakbericht = models.ForeignKey(
        Bericht, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "contactpersonen"
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "gebruiker"], name="contactpersoon_per_gebruiker"
            )
        ]

    def __str__(self):
        return f"Contactpersoon {self.duo_id or '(nog geen id)'}"


class ContactpersoonKoppeling(models.Model):
    """Which contactpersoon is linked to the person of a traject at DUO (one per person:
    linking replaces an earlier link). ``bericht`` empty: the link waits for DUO's id of the
    contactpersoon. ``fout``: why no contactpersoon could be reported (shown on the case)."""

    traject = models.OneToOneField(
        Traject, on_delete=models.CASCADE, related_name="duo_contactpersoon"
    )
    contactpersoon = models.ForeignKey(
        Contactpersoon, on_delete=models.SET_NULL, null=True, blank=True, related_name="koppelingen"
    )
    bericht = models.ForeignKey(
        Bericht, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    fout = models.TextField(blank=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "contactpersoonkoppelingen"

    def __str__(self):
        return f"Koppeling traject {self.traject_id}"
