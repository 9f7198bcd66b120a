"""``koers sturing-bijwerken``: compute the figures of the dashboards again (from a timer, e.g.
every 15 minutes, when no ``koers worker`` runs: the worker does it too)."""

from django.core.management.base import BaseCommand

from koers.sturing.kubus import ververs


class Command(BaseCommand):
    help = "Bereken de cijfers van de dashboards (sturing) opnieuw."

    def handle(self, *args, **options):
        verversing = ververs()
        self.stdout.write(
            f"Kengetallen berekend in {verversing.duur:.1f} s (peildatum {verversing.peildatum})."
        )
