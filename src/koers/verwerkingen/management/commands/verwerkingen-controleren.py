"""``koers verwerkingen-controleren``: walk the hash chain of the verwerkingenlogging, and
report the records still waiting for their seal apart from it (koers.verwerkingen.keten)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from koers.verwerkingen import keten


class Command(BaseCommand):
    help = (
        "Controleer de hashketen van de verwerkingenlogging en meld de verwerkingen die nog "
        "niet verzegeld zijn."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--verzegelen",
            action="store_true",
            help="Verzegel eerst de verwerkingen die nog wachten (zoals koers worker doet).",
        )

    def handle(self, *args, verzegelen=False, **options):
        if verzegelen:
            keten.verzegel_alles()
        controle = keten.controleer()
        if controle.fout is not None:
            raise CommandError(f"De keten is verbroken bij verwerking {controle.fout}.")
        self.stdout.write(
            self.style.SUCCESS(f"De keten is in orde ({controle.verzegeld} verwerkingen).")
        )
        venster = controle.venster
        if not venster.aantal:
            self.stdout.write("Alle verwerkingen zijn verzegeld.")
            return
        leeftijd = venster.leeftijd()
        melding = (
            f"Nog niet verzegeld: {venster.aantal} verwerkingen; de oudste is van "
            f"{timezone.localtime(venster.oudste):%Y-%m-%d %H:%M:%S} ({leeftijd:.0f} s geleden). "
            "Die staan nog niet in de keten; koers worker verzegelt ze."
        )
        grens = settings.GEZONDHEID_VERWERKINGEN_MAX_MINUTEN
        te_oud = grens > 0 and leeftijd > grens * 60
        self.stdout.write(self.style.WARNING(melding) if te_oud else melding)
