"""``koers verwerkingen-controleren``: walk the hash chain of the verwerkingenlogging."""

from django.core.management.base import BaseCommand, CommandError

from koers.verwerkingen.models import Verwerking
from koers.verwerkingen.services import verifieer


class Command(BaseCommand):
    help = "Controleer de hashketen van de verwerkingenlogging."

    def handle(self, *args, **options):
        fout = verifieer()
        if fout is not None:
            raise CommandError(f"De keten is verbroken bij verwerking {fout}.")
        aantal = Verwerking.objects.count()
        self.stdout.write(self.style.SUCCESS(f"De keten is in orde ({aantal} verwerkingen)."))
