"""Failed logins and the blocks they cause, in the database: the web processes are stateless
and several may run side by side, so a counter in memory would count per process."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_otp.models import Device


class Soort(models.TextChoices):
    GEBRUIKERSNAAM = "gebruikersnaam", "Gebruikersnaam"
    IP = "ip", "IP-adres"


class MisluktePoging(models.Model):
    """One failed password or second-factor code, for a username and for a client address.

    ``sleutel`` is the normalised username or the IP address. Rows older than
    ``inlogpogingen.BEWAARTERMIJN`` are removed on the next failure (no need to keep them).
    """

    soort = models.CharField(max_length=20, choices=Soort.choices)
    sleutel = models.CharField(max_length=150)
    tijdstip = models.DateTimeField()

    class Meta:
        verbose_name = "mislukte inlogpoging"
        verbose_name_plural = "mislukte inlogpogingen"
        indexes = [
            models.Index(fields=["soort", "sleutel", "tijdstip"], name="beveiliging_poging_idx"),
            models.Index(fields=["tijdstip"], name="beveiliging_poging_tijd_idx"),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.sleutel} {self.tijdstip:%Y-%m-%d %H:%M}"


class InlogSleutel(models.Model):
    """The row that attempts for one username or address lock while they are counted, so
    that parallel requests count one at a time (``inlogpogingen.reserveer``). Removed a day
    after its last use."""

    soort = models.CharField(max_length=20, choices=Soort.choices)
    sleutel = models.CharField(max_length=150)
    laatst = models.DateTimeField()

    class Meta:
        verbose_name = "inlogsleutel"
        verbose_name_plural = "inlogsleutels"
        constraints = [
            models.UniqueConstraint(
                fields=["soort", "sleutel"], name="beveiliging_inlogsleutel_uniek"
            )
        ]
        indexes = [models.Index(fields=["laatst"], name="beveiliging_sleutel_tijd_idx")]

    def __str__(self):
        return f"{self.get_soort_display()} {self.sleutel}"


class Blokkade(models.Model):
    """A username or IP address that may not log in until ``tot``. The beheerder can lift it
    early by deleting the row in the admin."""

    soort = models.CharField(max_length=20, choices=Soort.choices)
    sleutel = models.CharField(max_length=150)
    tot = models.DateTimeField()

    class Meta:
        verbose_name = "inlogblokkade"
        verbose_name_plural = "inlogblokkades"
        constraints = [
            models.UniqueConstraint(fields=["soort", "sleutel"], name="beveiliging_blokkade_uniek")
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.sleutel} tot {self.tot:%Y-%m-%d %H:%M}"


class WebAuthnSleutel(Device):
    """A security key or passkey (WebAuthn) as second factor, beside the TOTP app.

    A django-otp device, so the session counts as verified through the same ``otp_login`` as
    a TOTP code. It holds only the public key: the private key never leaves the authenticator.
    ``verify_token`` stays django-otp's default (refuse): a key proves itself by a signed
    WebAuthn assertion (``koers.beveiliging.webauthn_sleutels``), never by a typed code.
    """

    credential_id = models.CharField(max_length=1400, unique=True)  # base64url, as sent
    public_key = models.BinaryField()  # COSE
    sign_count = models.PositiveBigIntegerField(default=0)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    laatst_gebruikt = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "beveiligingssleutel"
        verbose_name_plural = "beveiligingssleutels"


class Inschrijfcode(models.Model):
    """A one-time code from beheer with which a medewerker links his first second factor
    (app or security key). Only its hash is kept: the beheerder sees the code once, when it
    is made. See ``koers.beveiliging.inschrijven``."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inschrijfcodes"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    aangemaakt = models.DateTimeField(default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    geldig_tot = models.DateTimeField()
    gebruikt_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "inschrijfcode"
        verbose_name_plural = "inschrijfcodes"
        ordering = ["-aangemaakt"]

    def __str__(self):
        return f"Inschrijfcode voor {self.gebruiker} ({self.aangemaakt:%Y-%m-%d %H:%M})"
