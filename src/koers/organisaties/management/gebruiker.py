"""The user an operator command is about, found by user name."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def actieve_gebruiker(gebruikersnaam: str):
    """The active user with this name; otherwise the command stops with a Dutch message."""
    user = get_user_model().objects.filter(username=gebruikersnaam).first()
    if user is None:
        raise CommandError(f"Gebruiker '{gebruikersnaam}' bestaat niet.")
    if not user.is_active:
        raise CommandError(f"Gebruiker '{gebruikersnaam}' is niet actief.")
    return user
