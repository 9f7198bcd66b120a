"""``koers api-token GEBRUIKERSNAAM``: the API token of a user, made when missing."""

from django.core.management.base import BaseCommand
from rest_framework.authtoken.models import Token

from koers.organisaties.management.gebruiker import actieve_gebruiker


class Command(BaseCommand):
    help = (
        "Toont het API-token van een gebruiker (en maakt het als het er nog niet is). "
        "Print alleen het token, zodat u het in een script kunt gebruiken."
    )

    def add_arguments(self, parser):
        parser.add_argument("gebruikersnaam")

    def handle(self, *args, gebruikersnaam, **options):
        user = actieve_gebruiker(gebruikersnaam)
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
