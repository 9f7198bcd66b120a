"""``koers api-token GEBRUIKERSNAAM``: the API token of a user, made when missing."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = ("Toont het API-token van een gebruiker (en maakt het als het er nog niet is). "
            "Print alleen het token, zodat u het in een script kunt gebruiken.")

    def add_arguments(self, parser):
        parser.add_argument("gebruikersnaam")

    def handle(self, *args, gebruikersnaam, **options):
        user = get_user_model().objects.filter(username=gebruikersnaam).first()
        if user is None:
            raise CommandError(f"Gebruiker '{gebruikersnaam}' bestaat niet.")
        if not user.is_active:
            raise CommandError(f"Gebruiker '{gebruikersnaam}' is niet actief.")
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
