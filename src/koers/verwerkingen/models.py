"""The verwerkingenlogging: one append-only record per read or write of a
case's personal data, sealed into a hash chain so that a changed or removed row is detected.

A request only inserts its record (no lock, no chain work); the sealer of ``koers worker``
(:mod:`koers.verwerkingen.verzegelen`) chains the records within seconds, in seal order:
each gets a ``volgnummer`` and the ``hash`` of the one sealed before it.

Append-only three times over: the model refuses to change or delete a saved record, the
admin does not register it and there is no API to change it, and a database trigger
refuses UPDATE and DELETE on the table, except the one UPDATE of sealing (the three seal
columns from NULL, nothing else; migration 0005) and the removal after the bewaartermijn
(migration 0004).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class AlleenToevoegen(Exception):
    """A log record was to be changed or deleted."""


class VerwerkingQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AlleenToevoegen("De verwerkingenlogging kan niet worden gewijzigd.")

    def delete(self):
        raise AlleenToevoegen("De verwerkingenlogging kan niet worden verwijderd.")

    _raw_delete = delete  # type: ignore[assignment]


class Verwerking(models.Model):
    class Kanaal(models.TextChoices):
        UI = "ui", "Scherm"
        API = "api", "API"
        EXPORT = "export", "Export"
        JOB = "job", "Achtergrondtaak"
        PORTAAL = "portaal", "Mijn Inburgering"

    class Handeling(models.TextChoices):
        LEZEN = "lezen", "Lezen"
        WIJZIGEN = "wijzigen", "Wijzigen"

    class StatusCode(models.IntegerChoices):
        # LDV status_code: a record is written in the transaction of its processing, so a
        # processing that failed and rolled back leaves none; ERROR is for a caller that
        # logs a failed attempt on purpose.
        UNKNOWN = 0, "Onbekend"
        OK = 1, "Gelukt"
        ERROR = 2, "Mislukt"

    id = models.BigAutoField(primary_key=True)
    tijdstip = models.DateTimeField()
    actor_id = models.IntegerField(null=True, blank=True)  # no FK: the log outlives users
    actor_naam = models.CharField(max_length=150, blank=True)
    organisatie = models.CharField(max_length=200, blank=True)
    organisatie_oin = models.CharField(max_length=20, blank=True)
    rollen = models.JSONField(default=list)
    doel = models.CharField(max_length=200)  # the purpose (verwerkingsactiviteit's grond)
    activiteit = models.CharField(max_length=200)  # e.g. "dossier inzien", "wijzigen"
    kanaal = models.CharField(max_length=10, choices=Kanaal.choices)
    handeling = models.CharField(max_length=10, choices=Handeling.choices)
    inburgeraar_id = models.IntegerField(null=True, blank=True)
    traject_id = models.IntegerField(null=True, blank=True)
    secties = models.JSONField(default=list)
    # Logboek Dataverwerkingen (LDV). The LDV ``name`` is ``activiteit`` and its
    # ``start_time`` is ``tijdstip``; the ids are columns (a chain is followed by them), the
    # rest of the LDV record is in ``ldv`` (end_time, foreign_operation, attributes). Records
    # written before these fields existed have no ids (null) and hash version 1.
    trace_id = models.CharField(max_length=32, null=True, blank=True)
    operation_id = models.CharField(max_length=16, null=True, blank=True)
    parent_operation_id = models.CharField(max_length=16, null=True, blank=True)
    status_code = models.PositiveSmallIntegerField(
        choices=StatusCode.choices, default=StatusCode.OK
    )
    ldv = models.JSONField(default=dict, blank=True)
    # The entry of the register of processing activities (AVG art. 30) this processing
    # belongs to, by its code (rules.REGISTER): the LDV ``dpl.core.processing_activity_id``.
    # Empty on records written before the register existed.
    verwerkingsactiviteit = models.CharField(max_length=50, blank=True, default="", db_default="")
    # The version of that entry in the gemeente's register when the record was written (the
    # id of a VerwerkingsactiviteitVersie; no ForeignKey, the log is append-only and the
    # versions are too). Null on records written before versions existed, and on those of
    # no gemeente (a job before any case).
    verwerkingsactiviteit_versie = models.BigIntegerField(null=True, blank=True)
    # Which fields the seal's hash covers (keten.HASH_VELDEN_PER_VERSIE): 1 before the LDV
    # fields, 2 with them, 3 with the register code, 4 with the register version; covered by
    # the hash itself, so lowering it breaks the seal.
    hashversie = models.PositiveSmallIntegerField(default=4)
    # The seal, empty until the sealer chains the record: its place in the chain (records
    # sealed before seal order existed have their id), the hash of the record sealed before
    # it and its own hash over the fields and that one.
    volgnummer = models.BigIntegerField(null=True, blank=True, unique=True)
    vorige_hash = models.CharField(max_length=64, null=True, blank=True)
    # Not unique and not indexed: the chain check recomputes every hash from the record and
    # its predecessor, so an index would add nothing to the tamper evidence, and the sealer
    # would pay for a random insert into it for every record it seals.
    hash = models.CharField(max_length=64, null=True, blank=True)

    objects = VerwerkingQuerySet.as_manager()

    class Meta:
        verbose_name = "verwerking"
        verbose_name_plural = "verwerkingen"
        # Only the indexes a query of Koers uses: every list page writes 25 records and the
        # sealer rewrites each once, through every index (see docs/performance.md). The
        # person's records (inzage, "wie bekeek mijn dossier"), the retention by date, the
        # privacy officer's search within his organisation, the unsealed window.
        indexes = [
            models.Index(fields=["inburgeraar_id", "id"], name="verwerking_persoon_idx"),
            models.Index(fields=["tijdstip", "id"], name="verwerking_tijdstip_idx"),
            models.Index(fields=["organisatie_oin", "id"], name="verwerking_oin_idx"),
            # The unsealed window, small however large the log: the sealer's work list.
            models.Index(
                fields=["id"],
                condition=models.Q(volgnummer__isnull=True),
                name="verwerking_open_idx",
            ),
        ]

    def __str__(self):
        return f"{self.tijdstip:%Y-%m-%d %H:%M:%S} {self.actor_naam or 'systeem'} {self.handeling}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AlleenToevoegen("De verwerkingenlogging kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AlleenToevoegen("De verwerkingenlogging kan niet worden verwijderd.")


class Kop(models.Model):
    """The head of the chain: one row (pk 1) holding the last sealed record's hash, id and
    volgnummer. Only the sealer and the retention lock it (SELECT ... FOR UPDATE), so one of
    them seals at a time; a request never touches it."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    laatste_hash = models.CharField(max_length=64)
    laatste_id = models.BigIntegerField(default=0)
    laatste_volgnummer = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "kop van de keten"

    def __str__(self):
        return f"kop {self.laatste_id}"


class Bewaartermijn(models.Model):
    """How long a gemeente keeps a closed case before it is anonymised. Without
    a row the default of rules.BEWAARTERMIJN_JAREN applies."""

    gemeente = models.OneToOneField(
        "organisaties.Gemeente", on_delete=models.CASCADE, related_name="bewaartermijn"
    )
    jaren = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="Jaren na het afronden van het traject; standaard 5 (zie de handleiding).",
    )
    log_extra_jaren = models.PositiveSmallIntegerField(
        "extra jaren verwerkingenlogging",
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="Zo lang blijft de verwerkingenlogging over een persoon bewaard nadat zijn "
        "zaak anoniem is gemaakt; standaard 2 (zie de handleiding).",
    )

    class Meta:
        verbose_name = "bewaartermijn"
        verbose_name_plural = "bewaartermijnen"

    def __str__(self):
        return f"{self.gemeente}: {self.jaren} jaar"


class Geanonimiseerd(models.Model):
    """The mark that a person was anonymised after the bewaartermijn: his case
    stays for the statistics, without identity. Kept apart so the person's own model need
    not know about retention."""

    inburgeraar = models.OneToOneField(
        "inburgeraars.Inburgeraar",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="geanonimiseerd",
    )
    op = models.DateTimeField()

    class Meta:
        verbose_name = "geanonimiseerde persoon"
        verbose_name_plural = "geanonimiseerde personen"

    def __str__(self):
        return f"inburgeraar {self.inburgeraar_id} geanonimiseerd op {self.op:%Y-%m-%d}"


class WeggehaaldQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AlleenToevoegen("Een weggehaalde reeks kan niet worden gewijzigd.")

    def delete(self):
        raise AlleenToevoegen("Een weggehaalde reeks kan niet worden verwijderd.")

    _raw_delete = delete  # type: ignore[assignment]


class Weggehaald(models.Model):
    """A run of log records removed after their bewaartermijn: the volgnummers
    ``van_volgnummer`` to ``tot_volgnummer`` (no record left between them in the chain) and
    the two hashes that keep the chain verifiable without the records. ``begin_hash`` is the
    ``vorige_hash`` of the first removed record, ``eind_hash`` the ``hash`` of the last; the
    verification steps over the run from the one to the other, so any other removal or change
    still breaks the chain. Volgnummers and hashes only, no personal data; append-only like
    the log itself (model and database)."""

    id = models.BigAutoField(primary_key=True)
    van_volgnummer = models.BigIntegerField(unique=True)
    tot_volgnummer = models.BigIntegerField()
    begin_hash = models.CharField(max_length=64)
    eind_hash = models.CharField(max_length=64)
    aantal = models.PositiveIntegerField()
    op = models.DateTimeField()

    objects = WeggehaaldQuerySet.as_manager()

    class Meta:
        verbose_name = "weggehaalde reeks verwerkingen"
        verbose_name_plural = "weggehaalde reeksen verwerkingen"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tot_volgnummer__gte=models.F("van_volgnummer")),
                name="weggehaald_van_tot",
            )
        ]

    def __str__(self):
        return f"verwerkingen {self.van_volgnummer}-{self.tot_volgnummer} weggehaald"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AlleenToevoegen("Een weggehaalde reeks kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AlleenToevoegen("Een weggehaalde reeks kan niet worden verwijderd.")


class RegisterTeksten(models.Model):
    """The texts of an entry of the register of processing activities: the entry holds the
    current ones, each version the ones it had."""

    naam = models.CharField(max_length=200)
    doel = models.TextField("doel van de verwerking")
    grondslag = models.TextField("wettelijke grondslag")
    grondslag_status = models.CharField(
        "status van de grondslag",
        max_length=100,
        help_text="Bijvoorbeeld: wet, niet geverifieerd, lokaal beleid.",
    )
    categorieen_betrokkenen = models.TextField("categorieën betrokkenen")
    categorieen_gegevens = models.TextField("categorieën persoonsgegevens")
    ontvangers = models.TextField("categorieën ontvangers")
    bewaartermijn = models.TextField("bewaartermijn")
    actief = models.BooleanField(default=True)

    TEKSTVELDEN = (
        "naam",
        "doel",
        "grondslag",
        "grondslag_status",
        "categorieen_betrokkenen",
        "categorieen_gegevens",
        "ontvangers",
        "bewaartermijn",
        "actief",
    )

    class Meta:
        abstract = True


class Verwerkingsactiviteit(RegisterTeksten):
    """One entry of a gemeente's register of processing activities (AVG art. 30 lid 1), as
    data: made for every gemeente from rules.REGISTER, completed and kept up to date by its
    privacy officer or functioneel beheerder. Holds the current texts and their version
    number; every version, the current one too, is a :class:`VerwerkingsactiviteitVersie`
    that never changes, and log records name the version they were written under. An entry
    with versions cannot be deleted (PROTECT)."""

    gemeente = models.ForeignKey(
        "organisaties.Gemeente", on_delete=models.CASCADE, related_name="verwerkingsactiviteiten"
    )
    code = models.CharField(max_length=50)
    versie = models.PositiveIntegerField(default=1, db_default=1)
    gewijzigd_op = models.DateTimeField(null=True, blank=True)
    gewijzigd_door = models.CharField(max_length=150, blank=True)

    class Meta:
        verbose_name = "verwerkingsactiviteit"
        verbose_name_plural = "verwerkingsactiviteiten"
        ordering = ["gemeente", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "code"], name="verwerkingsactiviteit_gemeente_code"
            )
        ]

    def __str__(self):
        return f"{self.gemeente}: {self.naam}"


class VersieQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AlleenToevoegen("Een versie van het register kan niet worden gewijzigd.")

    def delete(self):
        raise AlleenToevoegen("Een versie van het register kan niet worden verwijderd.")

    _raw_delete = delete  # type: ignore[assignment]


class VerwerkingsactiviteitVersie(RegisterTeksten):
    """One version of an entry of the register, as it was from ``geldig_vanaf`` until the
    next version: append-only (model and database), so a log record of last year still
    points at last year's purpose and legal basis (``Verwerking.verwerkingsactiviteit_versie``
    holds its id)."""

    id = models.BigAutoField(primary_key=True)
    activiteit = models.ForeignKey(
        Verwerkingsactiviteit, on_delete=models.PROTECT, related_name="versies"
    )
    versie = models.PositiveIntegerField()
    geldig_vanaf = models.DateTimeField()
    vastgesteld_door = models.CharField(max_length=150, blank=True)

    objects = VersieQuerySet.as_manager()

    class Meta:
        verbose_name = "versie van een verwerkingsactiviteit"
        verbose_name_plural = "versies van verwerkingsactiviteiten"
        ordering = ["activiteit", "versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["activiteit", "versie"], name="verwerkingsactiviteit_versie_uniek"
            )
        ]

    def __str__(self):
        return f"{self.activiteit_id} versie {self.versie}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AlleenToevoegen("Een versie van het register kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AlleenToevoegen("Een versie van het register kan niet worden verwijderd.")


class LdvExport(models.Model):
    """How far the verwerkingenlogging was exported to the LDV logbook (koers.verwerkingen.
    otlp): one row (pk 1) with the last exported ``volgnummer``. Moves only after the
    logbook confirmed the batch, so a logbook that is down loses nothing."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    tot_volgnummer = models.BigIntegerField(default=0)
    bijgewerkt_op = models.DateTimeField(null=True, blank=True)
    laatste_fout = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "export naar het logboek"

    def __str__(self):
        return f"geëxporteerd tot {self.tot_volgnummer}"
