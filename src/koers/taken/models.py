"""The worker's sign of life, read by the readiness check (koers.config.gezondheid)."""

from django.db import models


class Hartslag(models.Model):
    """The last round of one ``koers worker`` process. One row per process (host and pid),
    overwritten in place, so several workers each keep their own and the youngest counts."""

    worker = models.CharField(max_length=255, unique=True)  # host:pid, no personal data
    laatst_op = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name_plural = "hartslagen"

    def __str__(self):
        return f"{self.worker} ({self.laatst_op:%Y-%m-%d %H:%M:%S})"
