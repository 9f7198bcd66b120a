"""Loading the signed-in user with the organisation and gemeente every request needs."""

from django.contrib.auth.backends import ModelBackend

from koers.organisaties.models import Gebruiker


class KoersBackend(ModelBackend):
    """Django's ModelBackend, but the session's user comes with its organisation and gemeente
    in the same query: the access policy reads them on every page."""

    def get_user(self, user_id):
        try:
            user = Gebruiker._default_manager.select_related("organisatie__gemeente").get(
                pk=user_id
            )
        except Gebruiker.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
