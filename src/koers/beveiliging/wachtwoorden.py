"""Password rules in plain Dutch (AUTH_PASSWORD_VALIDATORS in settings).

Django 5.2 changed the text of its minimum-length message and its Dutch catalogue has no
translation for the new one yet, so that rule would speak English. This validator says it in
Dutch. Policy (P): NCSC "Wachtwoorden" — length matters more than complexity; 12 characters
minimum, together with the second factor.
"""

from django.contrib.auth.password_validation import MinimumLengthValidator
from django.utils.translation import ngettext

MINIMALE_LENGTE = 12  # P: NCSC, with 2FA


class MinimaleLengte(MinimumLengthValidator):
    def __init__(self, min_length: int = MINIMALE_LENGTE):
        super().__init__(min_length=min_length)

    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort. Gebruik minstens %(min_length)d teken.",
            "Dit wachtwoord is te kort. Gebruik minstens %(min_length)d tekens.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Uw wachtwoord heeft minstens %(min_length)d teken.",
            "Uw wachtwoord heeft minstens %(min_length)d tekens. Een zin van een paar woorden "
            "is makkelijk te onthouden en moeilijk te raden.",
            self.min_length,
        ) % {"min_length": self.min_length}
