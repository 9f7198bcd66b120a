"""Failed logins and the blocks they cause, in the database: the web processes are stateless
and several may run side by side, so a counter in memory would count per process."""

from django.db import models


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
        indexes = [models.Index(fields=["soort", "sleutel", "tijdstip"],
                                name="beveiliging_poging_idx"),
                   models.Index(fields=["tijdstip"], name="beveiliging_poging_tijd_idx")]

    def __str__(self):
        return f"{self.get_soort_display()} {self.sleutel} {self.tijdstip:%Y-%m-%d %H:%M}"


class Blokkade(models.Model):
    """A username or IP address that may not log in until ``tot``. The beheerder can lift it
    early by deleting the row in the admin."""

    soort = models.CharField(max_length=20, choices=Soort.choices)
    sleutel = models.CharField(max_length=150)
    tot = models.DateTimeField()

    class Meta:
        verbose_name = "inlogblokkade"
        verbose_name_plural = "inlogblokkades"
        constraints = [models.UniqueConstraint(fields=["soort", "sleutel"],
                                               name="beveiliging_blokkade_uniek")]

    def __str__(self):
        return f"{self.get_soort_display()} {self.sleutel} tot {self.tot:%Y-%m-%d %H:%M}"
