"""``koers inschrijfcode GEBRUIKERSNAAM``: a one-time code for linking a first second factor."""

from django.core.management.base import BaseCommand

from koers.beveiliging import inschrijven
from koers.organisaties.management.gebruiker import actieve_gebruiker


class Command(BaseCommand):
    help = (
        "Maakt een inschrijfcode waarmee een medewerker zijn eerste tweede factor "
        "(app of beveiligingssleutel) koppelt. De code werkt één keer en is 72 uur "
        "geldig. Print alleen de code; Koers bewaart hem niet."
    )

    def add_arguments(self, parser):
        parser.add_argument("gebruikersnaam")

    def handle(self, *args, gebruikersnaam, **options):
        user = actieve_gebruiker(gebruikersnaam)
        self.stdout.write(inschrijven.maak_code(user))
